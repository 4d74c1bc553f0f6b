package xlsxform

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
	"testing"
)

// parts unpacks a workbook's zip parts, by lower-cased name.
func parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("unzip: %v", err)
	}
	out := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatalf("open %s: %v", zf.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", zf.Name, err)
		}
		out[strings.ToLower(zf.Name)] = b
	}
	return out
}

type workbookXML struct {
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

type relsXML struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// sheetStates maps each sheet of a workbook to its state attribute ("" for
// visible, "hidden" or "veryHidden").
func sheetStates(t testing.TB, data []byte) map[string]string {
	t.Helper()
	var wb workbookXML
	if err := xml.Unmarshal(parts(t, data)["xl/workbook.xml"], &wb); err != nil {
		t.Fatalf("parse workbook.xml: %v", err)
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = s.State
	}
	return out
}

// sheetXML returns the worksheet part of sheet.
func sheetXML(t testing.TB, data []byte, sheet string) string {
	t.Helper()
	return string(parts(t, data)[sheetPart(t, data, sheet)])
}

// sheetPart names the zip part (lower case) of sheet.
func sheetPart(t testing.TB, data []byte, sheet string) string {
	t.Helper()
	ps := parts(t, data)
	var wb workbookXML
	var rels relsXML
	if err := xml.Unmarshal(ps["xl/workbook.xml"], &wb); err != nil {
		t.Fatalf("parse workbook.xml: %v", err)
	}
	if err := xml.Unmarshal(ps["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		t.Fatalf("parse workbook rels: %v", err)
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				target := strings.TrimPrefix(r.Target, "/")
				if !strings.HasPrefix(target, "xl/") {
					target = path.Join("xl", target)
				}
				return strings.ToLower(target)
			}
		}
	}
	t.Fatalf("no sheet %q", sheet)
	return ""
}
