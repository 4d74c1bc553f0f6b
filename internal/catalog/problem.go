package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a catalog, at a file and line.
type Problem struct {
	File    string
	Line    int
	Message string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
}

// Problems is every problem found in a catalog; it is the error Load
// returns, one `file:line: message` per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// sorted orders problems by file (in catalog order), then line.
func (ps Problems) sorted() Problems {
	order := map[string]int{}
	for i, f := range Files {
		order[f] = i
	}
	rank := func(file string) int {
		for name, i := range order {
			if strings.HasSuffix(file, name) {
				return i
			}
		}
		return len(order)
	}
	sort.SliceStable(ps, func(i, j int) bool {
		ri, rj := rank(ps[i].File), rank(ps[j].File)
		if ri != rj {
			return ri < rj
		}
		return ps[i].Line < ps[j].Line
	})
	return ps
}

// reporter collects problems.
type reporter struct {
	problems Problems
}

func (r *reporter) add(file string, line int, format string, args ...any) {
	r.problems = append(r.problems, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// at reports a problem at an item's field.
func (r *reporter) at(p Pos, field, format string, args ...any) {
	r.add(p.File, p.At(field), format, args...)
}
