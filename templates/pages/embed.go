// Package pages embeds the HTML templates of the web interface; the web
// package parses them once at start-up.
package pages

import "embed"

// FS holds the *.html templates and the stylesheet.
//
//go:embed *.html *.css
var FS embed.FS
