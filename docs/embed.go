// Package docs embeds the API's OpenAPI document, docs/openapi.yaml, so the
// binary serves the reference it was built with (GET /api/v1/openapi.yaml,
// and the page /api/docs rendered from it).
package docs

import _ "embed"

// OpenAPI is docs/openapi.yaml, byte for byte.
//
//go:embed openapi.yaml
var OpenAPI []byte
