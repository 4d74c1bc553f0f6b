// Package render turns a consolidated snapshot into the report's files:
// the official PDF (render/pdf) and the workbook (render/xlsx). It reads
// nothing but its arguments.
package render

import (
	"baocao/internal/consolidate"
	"baocao/internal/render/pdf"
	"baocao/internal/render/xlsx"
)

// Files renders the report's files; it is the reports service's Renderer.
type Files struct{}

// PDF renders the report in the Decree 30 layout.
func (Files) PDF(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	return pdf.Render(s, m)
}

// XLSX renders the consolidated workbook.
func (Files) XLSX(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	return xlsx.Render(s, m)
}
