// Package pages embeds the HTML templates of the web interface; the web
// package parses them once at start-up.
package pages

import "embed"

// FS holds the *.html templates, the stylesheet and the scripts.
//
//go:embed *.html *.css *.js
var FS embed.FS
