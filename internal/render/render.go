// Package render turns a consolidated snapshot into the report's files:
// the official PDF (render/pdf) and the workbook (render/xlsx). It reads
// nothing but its arguments.
package render

import (
	"io"

	"baocao/internal/consolidate"
	"baocao/internal/render/pdf"
	"baocao/internal/render/xlsx"
)

// Files renders the report's files; it is the reports service's Renderer.
type Files struct{}

// PDF lays the report out in the Decree 30 layout; writing it draws it.
func (Files) PDF(s *consolidate.Snapshot, m consolidate.Meta) (io.WriterTo, error) {
	return pdf.Layout(s, m)
}

// XLSX writes the consolidated workbook to w.
func (Files) XLSX(w io.Writer, s *consolidate.Snapshot, m consolidate.Meta) error {
	return xlsx.Write(w, s, m)
}
