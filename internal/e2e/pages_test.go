package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"baocao/internal/submission"
)

// signIn fills the sign-in form and expects the home page with the user's
// name and role in the header.
func (j *journey) signIn(t *testing.T, user, who string) {
	t.Helper()
	tb := j.tab
	if !strings.HasSuffix(eval[string](t, tb, `location.pathname`), "/login") {
		tb.open(t, "/login")
	}
	tb.do(t, "fill the sign-in form",
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), j.sys.Password))
	status, at := tb.load(t, "sign in", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if status != 200 || at != "/" {
		t.Fatalf("sign in as %s answered %d at %s", user, status, at)
	}
	if got := tb.text(t, "nav.user .who"); !strings.Contains(got, who) {
		t.Errorf("signed in as %q, want %q", got, who)
	}
}

// follow clicks a link and expects a 200 at path.
func (j *journey) follow(t *testing.T, css, path string) {
	t.Helper()
	status, at := j.tab.load(t, "follow "+css, chromedp.Click(chromedp.CSS(css)))
	if status != 200 || at != path {
		t.Fatalf("following %s answered %d at %s, want 200 at %s", css, status, at, path)
	}
}

// cellState is an input of the form as the page shows it.
type cellState struct {
	Value       string   `json:"value"`
	Invalid     bool     `json:"invalid"`
	AriaInvalid string   `json:"aria"`
	ReadOnly    bool     `json:"readOnly"`
	Title       string   `json:"title"`
	Box         string   `json:"box"`    // id of the indicator's fieldset holding the input
	Issues      []string `json:"issues"` // the messages listed in that fieldset
}

func cellStateJS(name string) string {
	return `(() => {
	const input = document.querySelector('input[name="` + name + `"]');
	const box = input.closest("fieldset.indicator");
	return {value: input.value, invalid: input.classList.contains("invalid"), aria: input.getAttribute("aria-invalid") || "",
		readOnly: input.readOnly, title: input.title, box: box ? box.id : "",
		issues: box ? [...box.querySelectorAll("ul.issues li")].map(li => li.textContent.trim()) : []};
})()`
}

func containsText(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// unitRow is the text of Kiên Lương's row in the dashboard's table of all
// units (the one with four columns whose first links to the form).
func unitRow(t *testing.T, tb *tab) string {
	t.Helper()
	return eval[string](t, tb, `(() => {
	const rows = [...document.querySelectorAll("table.list tbody tr")].filter(tr => tr.cells.length === 4 && tr.cells[0].querySelector('a[href="`+formPath+`"]'));
	return rows.length === 1 ? rows[0].innerText.replace(/\s+/g, " ").trim() : "found " + rows.length + " rows";
})()`)
}

// cellPlace is where an input of the form is in the window, what has the
// focus and the address's fragment.
type cellPlace struct {
	Focused string  `json:"focused"` // name of the focused element
	Hash    string  `json:"hash"`
	Top     float64 `json:"top"`
	Bottom  float64 `json:"bottom"`
	Height  float64 `json:"height"` // of the window
}

func cellPlaceJS(name string) string {
	return `(() => { const r = document.querySelector('input[name="` + name + `"]').getBoundingClientRect();
	return {focused: document.activeElement.name || "", hash: location.hash, top: r.top, bottom: r.bottom, height: innerHeight}; })()`
}

// checkRowTotal checks that the "Cộng" of the form's row holding the
// input name is the sum of the figures the row's inputs show.
func checkRowTotal(t *testing.T, tb *tab, name string) {
	t.Helper()
	row := eval[struct {
		Values []string `json:"values"`
		Total  string   `json:"total"`
	}](t, tb, `(() => { const tr = document.querySelector('input[name="`+name+`"]').closest("tr");
	return {values: [...tr.querySelectorAll("input")].map(i => i.value), total: tr.querySelector("output[data-sum]").value}; })()`)
	var sum float64
	for _, v := range row.Values {
		f, ok := submission.ParseNumber(v)
		if !ok {
			t.Fatalf("row of %s holds %q, not a figure", name, row.Values)
		}
		sum += f
	}
	if want := submission.Format(sum); row.Total != want {
		t.Errorf("row of %s holds %q and shows the total %q, want %q", name, row.Values, row.Total, want)
	}
}
