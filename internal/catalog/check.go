package catalog

// Validate checks a catalog built in code rather than read from a folder
// (a generated catalog, a test fixture) by the same rules as Load, and
// returns every problem at once as Problems. Items built in code have no
// positions: their problems carry the message without file and line.
func Validate(c *Catalog, dir string) error {
	r := &reporter{}
	validate(c, dir, r)
	if len(r.problems) > 0 {
		return r.problems.sorted()
	}
	return nil
}
