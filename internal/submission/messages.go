package submission

import "fmt"

// The engine's messages, in one place, in Vietnamese: agencies read them
// next to the cell, in the Excel import result and in API errors.
var messages = map[string]string{
	ErrUnknownIndicator: "chỉ tiêu %q không có trong biểu mẫu của đơn vị",
	ErrUnknownDimension: "phân tổ %q không thuộc chỉ tiêu này",
	ErrUnknownOption:    "phương án %s không có trong danh mục",
	ErrMissingDimension: "thiếu phân tổ %s",
	ErrWrongType:        "giá trị không đúng kiểu dữ liệu của chỉ tiêu",
	ErrNegative:         "giá trị không được âm",
	ErrFraction:         "chỉ tiêu đếm phải là số nguyên",
	ErrTooLong:          "nội dung quá dài",
	ErrUnknownNarrative: "phần báo cáo %q không có trong biểu mẫu của đơn vị",
	ErrDuplicate:        "ô này được nhập hai lần trong cùng một yêu cầu",

	IssueMissing:          "chưa nhập số liệu",
	IssueMissingNarrative: "chưa có nội dung",
	IssueBelowMin:         "nhỏ hơn mức tối thiểu %s",
	IssueAboveMax:         "lớn hơn mức tối đa %s, cần kiểm tra lại",
	IssueNumExceedsDen:    "tử số (%s) lớn hơn mẫu số (%s)",
	IssueZeroDenominator:  "mẫu số bằng 0 trong khi tử số lớn hơn 0",
	IssueTotalMismatch:    "tổng các ô (%s) khác tổng số đã nhập (%s)",
	IssuePartExceedsTotal: "lớn hơn tổng số đã nhập (%s)",
	IssueRule:             "%s",
	IssueChange:           "thay đổi %s so với kỳ trước (%s → %s); cần giải trình",
	IssueChangeFrom:       "thay đổi %s so với kỳ trước, tính từ số liệu của %s (%s → %s); cần giải trình",
	IssueNoComparison: "Số liệu của đơn vị không được so sánh riêng với kỳ trước: %s được chia cho nhiều đơn vị mà " +
		"danh mục không ghi tỷ lệ tiếp nhận, nên việc so sánh với kỳ trước được thực hiện cho toàn tỉnh trong báo cáo tổng hợp.",
	noComparisonGround: "Số liệu của đơn vị không được so sánh với kỳ trước: đơn vị còn tiếp nhận %s, phần địa bàn này " +
		"chưa báo cáo trên hệ thống ở kỳ trước.",
	IssueNeedsExplanation: "cảnh báo cần giải trình trước khi nộp",
}

// noComparisonGround is IssueNoComparison's message for a unit that took
// over ground which never reported.
const noComparisonGround = "no_comparison_ground"

func message(code string, args ...any) string {
	format, ok := messages[code]
	if !ok {
		return code
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}
