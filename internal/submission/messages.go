package submission

import (
	"fmt"
	"strings"

	"baocao/internal/catalog"
)

// The engine's messages, in one place, in Vietnamese: agencies read them
// next to the cell, in the Excel import result and in API errors.
var messages = map[string]string{
	ErrUnknownIndicator: "chỉ tiêu %q không có trong biểu mẫu của đơn vị",
	ErrUnknownDimension: "phân tổ %q không thuộc chỉ tiêu này",
	ErrUnknownOption:    "phương án %s không có trong danh mục",
	ErrMissingDimension: "thiếu phân tổ %s",
	ErrWrongType:        "cần %s",
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

	labelTotal: "Tổng số",
}

// labelTotal is Cell.Label of an entered total.
const labelTotal = "label_total"

// expected says what a value type takes, after "cần" (ErrWrongType).
var expected = map[string]string{
	catalog.TypeCount:   "một số nguyên không âm",
	catalog.TypeNumber:  "một số",
	catalog.TypeAmount:  "một số không âm",
	catalog.TypeBoolean: "«Có» hoặc «Không»",
	catalog.TypeText:    "một đoạn văn bản",
	// A rate's parts are counts; the API sends both at once.
	catalog.TypeRate: "tử số và mẫu số",
}

// msgReceived ends the message of a value typed in a form or a workbook
// cell with what was typed.
const msgReceived = ", đã nhận '%s'"

// maxReceived bounds, in characters, what msgReceived repeats of the
// input.
const maxReceived = 40

// refusal is the message of an entry whose value code refuses: for a
// wrong type what the indicator takes, and for typed text what was typed
// ("cần một số nguyên không âm, đã nhận 'năm'").
func refusal(code string, is *IndicatorSpec, e Entry) string {
	msg := message(code)
	if code == ErrWrongType {
		want := expected[is.ValueType]
		if is.ValueType == catalog.TypeRate && e.Part != "" {
			want = expected[catalog.TypeCount]
		}
		msg = message(code, want)
	}
	if e.Text == nil || code == ErrTooLong {
		return msg
	}
	typed := []rune(strings.TrimSpace(*e.Text))
	if len(typed) > maxReceived {
		typed = append(typed[:maxReceived-1], '…')
	}
	return msg + fmt.Sprintf(msgReceived, string(typed))
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
