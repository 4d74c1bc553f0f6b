package demo

import (
	"strings"

	"baocao/internal/access"
	"baocao/internal/catalog"
)

// Accounts are the demo accounts of shared/api.md for catalog c: admin,
// staff at the consolidating body, and one agency account per reporting
// unit named by its code in lower case.
func Accounts(c *catalog.Catalog) []access.User {
	users := []access.User{
		{Username: "admin", DisplayName: "Quản trị hệ thống", Role: access.RoleAdmin},
		{Username: "staff", DisplayName: "Cán bộ tổng hợp", Role: access.RoleStaff, Unit: c.Plan.Consolidator},
	}
	for _, u := range c.Units {
		if u.Kind == catalog.KindProvince {
			continue
		}
		users = append(users, access.User{Username: strings.ToLower(u.Code), DisplayName: u.Name,
			Email: u.Email, Role: access.RoleAgency, Unit: u.Code})
	}
	return users
}
