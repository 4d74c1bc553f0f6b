package submission_test

import (
	"encoding/json"
	"testing"

	"baocao/internal/catalog"
	"baocao/internal/consolidate/consolidatetest"
	"baocao/internal/submission"
	catalogs "baocao/templates/catalog"
)

// district is the district form of the seed catalog with two districts'
// complete demo content (from the consolidate package's demo snapshot):
// what one agency saves on the deadline's eve, and its previous round.
type district struct {
	spec            *submission.FormSpec
	rules           []catalog.Rule
	content, before submission.Content
}

func loadDistrict(b *testing.B) district {
	b.Helper()
	c, err := catalogs.LoadSeed()
	if err != nil {
		b.Fatal(err)
	}
	var spec *submission.FormSpec
	for _, f := range c.Forms {
		if f.Code == "BM-HUYEN" {
			spec = submission.BuildForm(c, f)
		}
	}
	snap := consolidatetest.DemoSnapshot(b)
	unitContent := func(unit string) submission.Content {
		out := submission.NewContent()
		for _, cell := range snap.Cells {
			if v, ok := cell.Units[unit]; ok {
				if _, onForm := spec.Cell(cell.Key); onForm {
					out.Values[cell.Key] = v
				}
			}
		}
		for _, n := range snap.Narratives {
			if n.Unit == unit {
				out.Narratives[n.Section] = n.Text
			}
		}
		if len(out.Values) != len(spec.Cells()) || len(out.Narratives) != len(spec.Narratives) {
			b.Fatalf("demo snapshot fills %d of %d cells of %s", len(out.Values), len(spec.Cells()), unit)
		}
		return out
	}
	return district{spec: spec, rules: c.Rules, content: unitContent("RACHGIA"), before: unitContent("HATIEN")}
}

// BenchmarkValidate checks a complete district form (117 cells, 8
// narratives, the catalog's 11 rules), alone and against a previous round.
func BenchmarkValidate(b *testing.B) {
	d := loadDistrict(b)
	b.Run("alone", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			submission.Validate(d.spec, d.rules, d.content, nil)
		}
	})
	b.Run("with_previous", func(b *testing.B) {
		before := submission.Own(d.spec, d.before)
		b.ReportAllocs()
		for b.Loop() {
			submission.Validate(d.spec, d.rules, d.content, before)
		}
	})
}

// BenchmarkApply applies a change naming every cell of the district form
// onto its previous content: as the API sends it (JSON values) and as a
// workbook import reads it (typed text, rates in two parts).
func BenchmarkApply(b *testing.B) {
	d := loadDistrict(b)
	var api, excel submission.Change
	for _, cell := range d.spec.Cells() {
		v := d.content.Values[cell.Key]
		raw, err := json.Marshal(v.JSON())
		if err != nil {
			b.Fatal(err)
		}
		api.Entries = append(api.Entries, submission.Entry{Indicator: cell.Indicator, Disaggregation: cell.Disaggregation, JSON: raw})
		text := func(part string, f *float64) {
			s := submission.Format(*f)
			excel.Entries = append(excel.Entries, submission.Entry{Indicator: cell.Indicator, Disaggregation: cell.Disaggregation, Part: part, Text: &s})
		}
		switch {
		case v.Number != nil:
			text("", v.Number)
		case v.Num != nil:
			text(submission.PartNumerator, v.Num)
			text(submission.PartDenominator, v.Den)
		case v.Text != nil:
			excel.Entries = append(excel.Entries, submission.Entry{Indicator: cell.Indicator, Disaggregation: cell.Disaggregation, Text: v.Text})
		case v.Bool != nil:
			s := "Không"
			if *v.Bool {
				s = "Có"
			}
			excel.Entries = append(excel.Entries, submission.Entry{Indicator: cell.Indicator, Disaggregation: cell.Disaggregation, Text: &s})
		}
	}
	api.Narratives, excel.Narratives = d.content.Narratives, d.content.Narratives
	for name, ch := range map[string]submission.Change{"api_json": api, "excel_text": excel} {
		got, errs := submission.Apply(d.spec, d.before, ch)
		if len(errs) > 0 {
			b.Fatalf("%s: %+v", name, errs[0])
		}
		if len(submission.Diff(got, d.content)) > 0 {
			b.Fatalf("%s: applying the change does not give the content", name)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				submission.Apply(d.spec, d.before, ch)
			}
		})
	}
}

// formatSamples are numbers as reports show them: counts, amounts in
// millions of đồng, rates, and a negative change.
var formatSamples = []float64{0, 7, 1234, 409123, 12500000, 1250.5, 98.1633, 99.6, -3.25, 0.001}

// BenchmarkFormat is the Vietnamese number formatting of every figure the
// PDF prints and every message that quotes a number.
func BenchmarkFormat(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range formatSamples {
			submission.Format(f)
		}
	}
}

// BenchmarkParseNumber reads numbers as agencies type them in the web
// form and in workbooks.
func BenchmarkParseNumber(b *testing.B) {
	inputs := []string{"1234", "1.234.567", "12,5", "1 234", "1.234,5", "1,234.5", "98.16", "abc"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range inputs {
			submission.ParseNumber(s)
		}
	}
}
