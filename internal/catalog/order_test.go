package catalog

import (
	"slices"
	"testing"
)

func TestSortUnits(t *testing.T) {
	units := []Unit{
		{Code: "XA.VINHTHONG", Name: "Ủy ban nhân dân phường Vĩnh Thông", Kind: KindWard},
		{Code: "XA.DUONGHOA", Name: "Ủy ban nhân dân xã Dương Hòa", Kind: KindCommune},
		{Code: "SYT", Name: "Sở Y tế", Kind: KindDepartment},
		{Code: "XA.DONGHOA", Name: "Ủy ban nhân dân xã Đông Hòa", Kind: KindCommune},
		{Code: "XA.PHUQUOC", Name: "Ủy ban nhân dân đặc khu Phú Quốc", Kind: KindSpecialZone},
		{Code: "CA", Name: "Công an tỉnh", Kind: KindDepartment},
		{Code: "HUYEN.UMINH", Name: "Ủy ban nhân dân huyện U Minh Thượng", Kind: KindDistrict},
		{Code: "XA.UMINH", Name: "Ủy ban nhân dân xã U Minh Thượng", Kind: KindCommune},
		{Code: "XA.UMINH2", Name: "Ủy ban nhân dân xã Ư Minh", Kind: KindCommune},
		{Code: "MTTQ", Name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", Kind: KindMass},
		{Code: "SGDDT", Name: "Sở Giáo dục và Đào tạo", Kind: KindDepartment},
		{Code: "BAO", Name: "Báo An Giang", Kind: KindMedia},
		{Code: "AG", Name: "Ủy ban nhân dân tỉnh An Giang", Kind: KindProvince},
		{Code: "XA.ANPHU", Name: "Ủy ban nhân dân xã An Phú", Kind: KindCommune},
	}
	SortUnits(units, func(u Unit) (string, string, string) { return u.Kind, u.Name, u.Code })
	var got []string
	for _, u := range units {
		got = append(got, u.Code)
	}
	want := []string{
		// Province-level bodies by name: "Công" before "Sở", "Sở G…" before
		// "Sở Y…", and "Ủy ban" (U with a hook and a tone) after "Sở".
		"BAO", "CA", "SGDDT", "SYT", "MTTQ",
		"HUYEN.UMINH",
		// Commune level by name: "đặc khu" before "phường" and "xã" (Đ
		// follows D, not Z), "xã Dương" before "xã Đông", "U" before "Ư".
		"XA.PHUQUOC", "XA.VINHTHONG", "XA.ANPHU", "XA.DUONGHOA", "XA.DONGHOA", "XA.UMINH", "XA.UMINH2",
		"AG",
	}
	// A plain string sort puts "đặc khu" last and "xã Đông" after "xã U":
	// it fails here.
	if !slices.Equal(got, want) {
		t.Errorf("order:\n got %q\nwant %q", got, want)
	}
}

func TestGroupOf(t *testing.T) {
	for kind, want := range map[string]string{
		KindDepartment: GroupProvincial, KindMass: GroupProvincial, KindMedia: GroupProvincial,
		KindDistrict: GroupDistrict, KindCommune: GroupCommune, KindWard: GroupCommune, KindSpecialZone: GroupCommune,
		KindProvince: GroupOther, "": GroupOther,
	} {
		if got := GroupOf(kind); got != want {
			t.Errorf("GroupOf(%q) = %q, want %q", kind, got, want)
		}
	}
	for _, k := range ReportingKinds {
		if GroupOf(k) == GroupOther {
			t.Errorf("reporting kind %q has no group of its own", k)
		}
	}
}
