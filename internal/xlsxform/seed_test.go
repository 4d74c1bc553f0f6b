package xlsxform

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/catalog"
	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

// fullContent gives every cell of spec a value of its type; numbers carry
// decimals that a careless reader would take for thousands (1.234).
func fullContent(spec *submission.FormSpec) submission.Content {
	c := submission.NewContent()
	for i, cell := range spec.Cells() {
		is, _ := spec.Indicator(cell.Indicator)
		n := float64(i)
		var v submission.Value
		switch is.ValueType {
		case catalog.TypeCount:
			v.Number = num(n * 1001)
		case catalog.TypeNumber:
			v.Number = num(1.234 + n)
		case catalog.TypeAmount:
			v.Number = num(1234.5 + n)
		case catalog.TypeRate:
			v.Num, v.Den = num(n), num(n+10)
		case catalog.TypeText:
			v.Text = str(fmt.Sprintf("Nội dung thứ %d, có dấu phẩy; và xuống dòng\ndòng hai.", i))
		case catalog.TypeBoolean:
			b := i%2 == 0
			v.Bool = &b
		}
		c.Values[cell.Key] = v
	}
	for _, n := range spec.Narratives {
		c.Narratives[n.Code] = "Phần " + n.Title + ": đã thực hiện."
	}
	for _, is := range spec.Indicators() {
		c.Explanations[is.Code] = "Giải trình cho " + is.Code
	}
	return c
}

// TestWrite_seedForms writes every form of the seed catalog full of values
// of every type and reads each back unchanged.
func TestWrite_seedForms(t *testing.T) {
	c, err := catalogs.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}
	sawBoolList, sawDecimal := false, false
	for _, form := range c.Forms {
		t.Run(form.Code, func(t *testing.T) {
			spec := submission.BuildForm(c, form)
			for _, is := range spec.Indicators() {
				types[is.ValueType] = true
			}
			content := fullContent(spec)
			data, err := Write(spec, testIdentity(spec), testCover(spec), content)
			if err != nil {
				t.Fatal(err)
			}
			sameContent(t, applied(t, data, spec), content)

			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			for i := range spec.Sections {
				sheet := fmt.Sprintf("Biểu %d", i+1)
				dvs, err := f.GetDataValidations(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, dv := range dvs {
					switch dv.Type {
					case "list":
						sawBoolList = sawBoolList || strings.Contains(dv.Formula1, "Có,Không")
					case "decimal":
						sawDecimal = true
					}
				}
			}
		})
	}
	for _, typ := range []string{catalog.TypeCount, catalog.TypeNumber, catalog.TypeAmount, catalog.TypeRate, catalog.TypeText, catalog.TypeBoolean} {
		if !types[typ] {
			t.Errorf("no seed form has a %s indicator; the test no longer covers it", typ)
		}
	}
	if !sawBoolList {
		t.Errorf("no boolean input got a Có/Không list")
	}
	if !sawDecimal {
		t.Errorf("no number or amount input got a decimal validation")
	}
}
