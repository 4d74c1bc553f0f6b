package consolidate

import (
	"testing"
	"time"

	"baocao/internal/catalog"
)

// A draft leaves the number and the date of issue blank; the issued
// version prints them, the number padded below 10.
func TestMeta_NumberAndDateOfIssue(t *testing.T) {
	vn := time.FixedZone("ICT", 7*3600)
	roles := catalog.InForce{Issuer: catalog.IssuerRole{NumberSymbol: "BC-UBND", Place: "An Giang"}}
	at := time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC) // 3 December in Vietnam
	draft := Meta{Number: 7, Date: at, Roles: roles}
	issued := Meta{Number: 7, Date: at, Roles: roles, Issued: true}
	big := Meta{Number: 123, Date: at, Roles: roles, Issued: true}
	for _, tt := range []struct{ got, want string }{
		{draft.NumberSymbol(), "     /BC-UBND"},
		{issued.NumberSymbol(), "07/BC-UBND"},
		{big.NumberSymbol(), "123/BC-UBND"},
		{draft.IssueDay(vn), "     /     /2026"},
		{issued.IssueDay(vn), "03/12/2026"},
		{draft.DateLine(vn), "An Giang, ngày      tháng      năm 2026"},
		{issued.DateLine(vn), "An Giang, ngày 03 tháng 12 năm 2026"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
