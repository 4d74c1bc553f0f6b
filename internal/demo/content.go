package demo

import (
	"encoding/json"
	"fmt"
	"strings"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// history is what a unit saves: its revisions up to submission (or all of
// a draft's), and for a returned report the content it was sent back for,
// the reviewer's comment and the correction saved after.
type history struct {
	Revisions  []submission.Content
	Correction *submission.Content
	Comment    string
}

// history builds unit's revisions for plan p. The complete content is
// checked first, against the unit's previous round when basis says what
// that was: a change the catalog asks to explain is explained, as a unit
// must before it submits. An error in it is a bug of the generator.
func (g *generator) history(u catalog.Unit, spec *submission.FormSpec, p plan, basis *submission.Basis) (history, error) {
	figs, err := apply(spec, submission.NewContent(), submission.Change{Entries: g.figures(u.Code, spec)})
	if err != nil {
		return history{}, fmt.Errorf("unit %s: %w", u.Code, err)
	}
	narr, err := g.narratives(u, spec, figs)
	if err != nil {
		return history{}, fmt.Errorf("unit %s: %w", u.Code, err)
	}
	full, err := apply(spec, figs, submission.Change{Narratives: narr, Explanations: explanations(spec, g.cat.Rules, figs, basis)})
	if err != nil {
		return history{}, fmt.Errorf("unit %s: %w", u.Code, err)
	}
	if err := ready(u.Code, spec, g.cat.Rules, full, basis); err != nil {
		return history{}, err
	}
	var h history
	if h.Revisions, err = stages(spec, figs, full, narr, p.Revisions); err != nil {
		return history{}, fmt.Errorf("unit %s: %w", u.Code, err)
	}
	switch p.Outcome {
	case outcomeReturned:
		flaw, comment := g.flaw(u, spec, full, narr)
		for i := range h.Revisions {
			if h.Revisions[i], err = apply(spec, h.Revisions[i], flaw); err != nil {
				return history{}, fmt.Errorf("unit %s: %w", u.Code, err)
			}
		}
		if err := ready(u.Code, spec, g.cat.Rules, h.Revisions[len(h.Revisions)-1], basis); err != nil {
			return history{}, err
		}
		h.Correction, h.Comment = &full, comment
	case outcomePartial:
		last := &h.Revisions[len(h.Revisions)-1]
		if *last, err = apply(spec, *last, unfinished(spec)); err != nil {
			return history{}, fmt.Errorf("unit %s: %w", u.Code, err)
		}
	}
	return h, nil
}

// explanations are what a unit writes for each change from its previous
// round the catalog asks to explain.
func explanations(spec *submission.FormSpec, rules []catalog.Rule, content submission.Content, basis *submission.Basis) map[string]string {
	out := map[string]string{}
	if basis == nil {
		return out
	}
	why := explainChecked
	if basis.From != "" {
		why = explainNewGround
	}
	for _, i := range submission.Validate(spec, rules, content, basis) {
		if i.Code == submission.IssueChange {
			out[i.Indicator] = why
		}
	}
	return out
}

// The explanations of a change from the previous round.
const (
	explainChecked = "Đã rà soát, đối chiếu với sổ theo dõi và phần mềm quản lý thông tin trẻ em; số liệu năm nay phản ánh đúng " +
		"tình hình thực tế trên địa bàn."
	explainNewGround = "Đơn vị hình thành từ ngày 01/7/2025 trên địa bàn của các đơn vị cũ; số liệu kỳ trước chỉ là ước tính theo tỷ lệ " +
		"tiếp nhận nên chênh lệch. Đã đối chiếu với danh sách trên phần mềm quản lý thông tin trẻ em."
)

// ready returns an error naming the first finding that would block
// submitting content.
func ready(unit string, spec *submission.FormSpec, rules []catalog.Rule, content submission.Content, basis *submission.Basis) error {
	for _, i := range submission.Validate(spec, rules, content, basis) {
		if i.Blocks() {
			where := i.Indicator
			if where == "" {
				where = i.Section
			}
			return fmt.Errorf("demo content of %s is not valid: %s %v: %s (%s)", unit, where, i.Disaggregation, i.Message, i.Severity)
		}
	}
	return nil
}

// stages splits the way to full into n revisions (at most three): the
// figures (often an Excel import), then the narratives; with three, the
// first has a typing slip the second corrects.
func stages(spec *submission.FormSpec, figs, full submission.Content, narr map[string]string, n int) ([]submission.Content, error) {
	switch {
	case n <= 1:
		return []submission.Content{full}, nil
	case n == 2:
		return []submission.Content{figs, full}, nil
	}
	slip, fix := typo(spec, figs)
	first, err := apply(spec, figs, slip)
	if err != nil {
		return nil, err
	}
	half := map[string]string{}
	for i, ns := range spec.Narratives {
		if i < len(spec.Narratives)/2 {
			half[ns.Code] = narr[ns.Code]
		}
	}
	fix.Narratives = half
	second, err := apply(spec, first, fix)
	if err != nil {
		return nil, err
	}
	return []submission.Content{first, second, full}, nil
}

// typo is an extra zero typed into a count of the form, and its fix.
func typo(spec *submission.FormSpec, figs submission.Content) (slip, fix submission.Change) {
	for _, code := range []string{"TT04", "QT11", "TT03"} {
		is, ok := spec.Indicator(code)
		if !ok || len(is.Cells) != 1 {
			continue
		}
		v := figs.Values[is.Cells[0].Key]
		if v.Number == nil || *v.Number == 0 {
			continue
		}
		slip.Entries = []submission.Entry{{Indicator: code, Disaggregation: submission.Disaggregation{}, JSON: number(*v.Number * 10)}}
		fix.Entries = []submission.Entry{{Indicator: code, Disaggregation: submission.Disaggregation{}, JSON: number(*v.Number)}}
		return slip, fix
	}
	return slip, fix
}

// flaw is what a returned report got wrong, as a change to its complete
// content, and the reviewer's comment on it.
func (g *generator) flaw(u catalog.Unit, spec *submission.FormSpec, full submission.Content, narr map[string]string) (submission.Change, string) {
	switch u.Code {
	case "ANBIEN":
		// Girls with disabilities counted twice in BV01: the total and the
		// group both grow, so the form is still consistent in itself.
		const extra = 14
		var ch submission.Change
		for _, d := range []submission.Disaggregation{{}, {dimSex: "F", dimSpecial: optDisabled}} {
			is, _ := spec.Indicator("BV01")
			v := full.Values[submission.CellKey("BV01", is.Indicator.Dimensions, d)]
			if v.Number != nil {
				ch.Entries = append(ch.Entries, submission.Entry{Indicator: "BV01", Disaggregation: d, JSON: number(*v.Number + extra)})
			}
		}
		return ch, "Số trẻ em nữ có hoàn cảnh đặc biệt thuộc nhóm khuyết tật (BV01) chưa khớp với số trẻ em nữ khuyết tật (BV16) trong báo cáo của huyện; đề nghị rà soát lại."
	case "TP":
		f := facts{spec: spec, content: full}
		short := strings.TrimSpace(strings.TrimSuffix(narr["KQ-II.4"], f.expand(tpAidFigures)))
		return submission.Change{Narratives: map[string]string{"KQ-II.4": short}},
			"Phần kết quả nhóm nhiệm vụ II.4 chưa nêu số trẻ em được trợ giúp pháp lý trong năm; đề nghị bổ sung số liệu."
	}
	first := spec.Narratives[0].Code
	short, _, _ := strings.Cut(narr[first], ". ")
	return submission.Change{Narratives: map[string]string{first: short + "."}},
		"Phần “" + spec.Narratives[0].Title + "” còn sơ sài, chưa nêu kết quả cụ thể; đề nghị bổ sung."
}

// unfinished clears what a draft still lacks: the last two indicators of
// the form (never the child population) and the last three sections.
func unfinished(spec *submission.FormSpec) submission.Change {
	var ch submission.Change
	inds := spec.Indicators()
	for i, cleared := len(inds)-1, 0; i >= 0 && cleared < 2; i-- {
		if inds[i].Code == "TQ01" {
			continue
		}
		for _, cell := range inds[i].Cells {
			ch.Entries = append(ch.Entries, submission.Entry{Indicator: cell.Indicator, Disaggregation: cell.Disaggregation, JSON: json.RawMessage("null")})
		}
		cleared++
	}
	ch.Narratives = map[string]string{}
	for i := max(0, len(spec.Narratives)-3); i < len(spec.Narratives); i++ {
		ch.Narratives[spec.Narratives[i].Code] = ""
	}
	return ch
}

// apply parses a change as the API would; a malformed entry is a bug.
func apply(spec *submission.FormSpec, base submission.Content, ch submission.Change) (submission.Content, error) {
	out, errs := submission.Apply(spec, base, ch)
	if len(errs) > 0 {
		e := errs[0]
		return submission.Content{}, fmt.Errorf("%d malformed demo values, first %s %v%s: %s", len(errs), e.Indicator, e.Disaggregation, e.Field, e.Message)
	}
	return out, nil
}

func number(f float64) json.RawMessage {
	raw, _ := json.Marshal(f)
	return raw
}
