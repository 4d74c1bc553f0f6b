package app

import (
	"baocao/internal/consolidate"
	"baocao/internal/render/pdf"
	"baocao/internal/render/xlsx"
)

// renderer renders reports with the PDF and workbook renderers.
type renderer struct{}

func (renderer) PDF(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	return pdf.Render(s, m)
}
func (renderer) XLSX(s *consolidate.Snapshot, m consolidate.Meta) ([]byte, error) {
	return xlsx.Render(s, m)
}
