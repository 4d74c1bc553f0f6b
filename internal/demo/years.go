package demo

import (
	"strconv"
	"strings"
)

// The demo's texts were written for the 2025 round, the year of the
// reorganisation. inYear fits one to the round of year: its own year in
// the places that name the reporting year, and without the sentences
// about the 2025 reorganisation outside 2025 (before it, they had not
// happened; after it, they are last year's news).
func inYear(text string, year int) string {
	if year != 2025 {
		var kept []string
		for _, s := range sentences(text) {
			if !aboutReorganisation(s) {
				kept = append(kept, s)
			}
		}
		if len(kept) > 0 {
			text = strings.Join(kept, " ")
		}
	}
	y := strconv.Itoa(year)
	prev, next := strconv.Itoa(year-1), strconv.Itoa(year+1)
	return strings.NewReplacer(
		"năm học 2024 - 2025 và 2025 - 2026", "năm học "+prev+" - "+y+" và "+y+" - "+next,
		"hè 2026", "hè "+next,
		"năm 2025", "năm "+y,
		"hè 2025", "hè "+y,
	).Replace(text)
}

// reorganisationMarks are words only the sentences about the 2025
// reorganisation use.
var reorganisationMarks = []string{"01/3/2025", "01/7/2025", "sắp xếp", "cấp huyện kết thúc", "bàn giao",
	"hai cấp đi vào hoạt động"}

func aboutReorganisation(sentence string) bool {
	for _, m := range reorganisationMarks {
		if strings.Contains(sentence, m) {
			return true
		}
	}
	return false
}

// sentences splits text after each full stop followed by a space.
func sentences(text string) []string {
	var out []string
	for {
		i := strings.Index(text, ". ")
		if i < 0 {
			if t := strings.TrimSpace(text); t != "" {
				out = append(out, t)
			}
			return out
		}
		out = append(out, text[:i+1])
		text = text[i+2:]
	}
}
