package web

import (
	"fmt"
	"strings"
	"testing"
)

type testUnit struct{ code, name string }

func unitOfTest(u testUnit) (string, string, string) { return "commune", u.name, u.code }

// A list of 450 units shows 200 at a time; the links carry the search
// and the page; a page out of range reads as the nearest one.
func TestPageOfUnits_Pages(t *testing.T) {
	var units []testUnit
	for i := range 450 {
		units = append(units, testUnit{fmt.Sprintf("XA%03d", i), fmt.Sprintf("Ủy ban nhân dân xã %03d", i)})
	}
	for _, c := range []struct {
		page         int
		from, to, pg int
		first        string
		prev, next   string
	}{
		{0, 1, 200, 1, "XA000", "", "/p?trang=2"},
		{2, 201, 400, 2, "XA200", "/p", "/p?trang=3"},
		{3, 401, 450, 3, "XA400", "/p?trang=2", ""},
		{9, 401, 450, 3, "XA400", "/p?trang=2", ""},
	} {
		shown, p := pageOfUnits(units, unitOfTest, "", c.page, "/p")
		if p.From != c.from || p.To != c.to || p.Page != c.pg || p.Pages != 3 || p.Total != 450 || p.Matching != 450 ||
			len(shown) != c.to-c.from+1 || shown[0].code != c.first || p.Prev != c.prev || p.Next != c.next {
			t.Errorf("page %d: %d rows from %s, %+v", c.page, len(shown), shown[0].code, p)
		}
	}
}

// The search ignores case and diacritics, matches names and codes, and
// its links keep it.
func TestPageOfUnits_Search(t *testing.T) {
	units := []testUnit{{"XA.DONGHOA", "Ủy ban nhân dân xã Đông Hòa"}, {"XA.DUONGHOA", "Ủy ban nhân dân xã Dương Hòa"},
		{"SYT", "Sở Y tế"}, {"XA.ANPHU", "Ủy ban nhân dân xã An Phú"}, {"XA.PHUONG", "Ủy ban nhân dân phường Một"}}
	for _, c := range []struct {
		q    string
		want string
	}{
		{"dong hoa", "XA.DONGHOA"},
		{"  HÒA ", "XA.DONGHOA XA.DUONGHOA"},
		{"duong", "XA.DUONGHOA"},
		// A search with diacritics keeps them: "Đông" is not "Dương".
		{"đông", "XA.DONGHOA"},
		{"phu", "XA.ANPHU XA.PHUONG"},
		{"phú", "XA.ANPHU"},
		{"syt", "SYT"},
		{"sở y", "SYT"},
		{"không có", ""},
	} {
		shown, p := pageOfUnits(units, unitOfTest, c.q, 1, "/p")
		var got []string
		for _, u := range shown {
			got = append(got, u.code)
		}
		if strings.Join(got, " ") != c.want || p.Matching != len(got) || p.Total != 5 || p.Query != strings.TrimSpace(c.q) {
			t.Errorf("%q: %v, %+v", c.q, got, p)
		}
	}
	big := make([]testUnit, 0, 300)
	for i := range 300 {
		big = append(big, testUnit{fmt.Sprintf("XA%03d", i), "Xã Hòa " + fmt.Sprint(i)})
	}
	if _, p := pageOfUnits(big, unitOfTest, "hoa", 1, "/p"); p.Next != "/p?q=hoa&trang=2" {
		t.Errorf("the next page's link %q loses the search", p.Next)
	}
}
