package submission

import "testing"

func TestFormatSize(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "0 byte"},
		{812, "812 byte"},
		{999, "999 byte"},
		{1023, "1 KB"},
		{1024, "1 KB"},
		{9728, "9,5 KB"},
		{4097, "4,1 KB"}, // just over 4 KB reads over it
		{332986, "326 KB"},
		{1041408, "1 MB"}, // 1017 KB
		{1 << 20, "1 MB"},
		{1258291, "1,2 MB"},
		{10<<20 + 1, "10,1 MB"},
		{150 << 20, "150 MB"},
		{3 << 30, "3 GB"},
	} {
		if got := FormatSize(c.n); got != c.want {
			t.Errorf("FormatSize(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}
