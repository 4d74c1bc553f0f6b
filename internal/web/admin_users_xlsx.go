package web

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"baocao/internal/auth"
)

const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// unitAccountsHeader is the header row of the workbook of new unit
// accounts; the accounts follow it, one a row.
var unitAccountsHeader = []any{"STT", "Mã đơn vị", "Tên đơn vị", "Tên đăng nhập", "Mật khẩu lần đầu"}

// unitAccountsFirstRow is the row of the first account (after a title,
// a note and the header).
const unitAccountsFirstRow = 4

// unitAccountsWorkbook is the new unit accounts with their first-time
// passwords as an .xlsx, for the administrator to hand out.
func unitAccountsWorkbook(accounts []auth.UnitAccount) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Tài khoản"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("accounts workbook: %w", err)
	}
	rows := [][]any{
		{msgAccountsWorkbookTitle},
		{msgAccountsWorkbookNote},
		unitAccountsHeader,
	}
	for i, a := range accounts {
		rows = append(rows, []any{i + 1, a.Unit, a.UnitName, a.Username, a.Password})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("accounts workbook: %w", err)
		}
	}
	for col, width := range map[string]float64{"A": 6, "B": 14, "C": 48, "D": 18, "E": 20} {
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return nil, fmt.Errorf("accounts workbook: %w", err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("accounts workbook: %w", err)
	}
	return buf.Bytes(), nil
}
