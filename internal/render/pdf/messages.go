package pdf

// Every Vietnamese word the report prints lives here, so wording is
// reviewed in one place and the layout code stays language-neutral.
const (
	msgNation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	msgMotto  = "Độc lập - Tự do - Hạnh phúc"
	msgNumber = "Số: "
	msgDraft  = "DỰ THẢO"
	// msgExtended follows a unit's standing when staff extended its
	// deadline: the new deadline and the reason.
	msgExtended      = " (gia hạn đến %s: %s)"
	msgRecipients    = "Nơi nhận:"
	msgRecipientLine = "- %s"

	// The opening paragraph (căn cứ).
	msgOpening      = "Thực hiện %s, %s báo cáo %s như sau:"
	msgCompleteness = "Đến ngày %s, có %d/%d đơn vị gửi báo cáo (%d đúng hạn, %d muộn hạn), %d đơn vị chưa gửi; " +
		"số liệu tổng hợp từ %d báo cáo đã được tiếp nhận."
	msgNothingIncluded = " Chưa có báo cáo nào được tiếp nhận, nên báo cáo này chưa có số liệu tổng hợp; các bảng số liệu để trống."
	msgUnreviewed      = " Trong đó có %d báo cáo đã gửi nhưng chưa được thẩm định, số liệu có thể còn điều chỉnh."
	// The year-on-year comparison's note: year, units now (with figures),
	// units then (with figures), the previous year.
	msgComparison = "(*) Cột \"So với năm %d\" so sánh số liệu trên cùng địa bàn, theo quan hệ kế thừa giữa các đơn vị: " +
		"%d đơn vị năm nay (%d đơn vị đã có số liệu tổng hợp) với %d đơn vị năm %d (%d đơn vị có số liệu)"
	msgComparisonOutside = "; %d đơn vị có địa bàn chưa được báo cáo đầy đủ năm %d không được tính"

	msgNoNarrative = "Chưa có đơn vị báo cáo nội dung này."
	msgAttributed  = "– %s: %s"

	// Key figures tables.
	msgColIndicator = "Chỉ tiêu"
	msgColUnit      = "Đơn vị tính"
	msgColValue     = "Kết quả"
	msgColTarget    = "Mục tiêu"
	msgColChange    = "So với năm %d (*)"
	msgPoints       = "điểm%s"
	msgColCode      = "Mã"
	msgColNo        = "STT"
	msgColReporter  = "Đơn vị báo cáo"
	msgProvince     = "Toàn tỉnh"
	msgNoData       = "–"
	msgUnitsYes     = "%s đơn vị"
	msgTextByUnit   = "Theo từng đơn vị"

	// Charts.
	msgChartCompleteness  = "Biểu đồ %d. Tình hình gửi báo cáo của các đơn vị"
	msgChartTarget        = "Biểu đồ %d. %s so với mục tiêu"
	msgChartTargetLegend  = "%s: %s; mục tiêu: %s (vạch đứng)."
	msgChartTargetOf      = "Kết quả của tỉnh"
	msgChartTargetPartial = "Kết quả của %d/%d đơn vị đã được tiếp nhận"
	msgLegendCount        = "%s: %d"

	// Tables: each titled before it, body tables numbered on, an
	// appendix's numbered within it.
	msgTableKeyFigures = "Bảng %d. Một số chỉ tiêu chủ yếu: %s"
	msgTableAppendix   = "Bảng %s.%d. %s"
	msgTablePart       = "%s (phần %d/%d)"
	msgTableCells      = "Số liệu tổng hợp theo từng chỉ tiêu"
	msgTableByUnit     = "Số liệu của từng đơn vị"
	msgTableStatus     = "Tình hình gửi báo cáo của từng đơn vị"

	// A total that does not cover every expected unit says so.
	msgCoverage      = "Tổng số của %d/%d đơn vị đã được tiếp nhận"
	msgCoverageShort = "(%d/%d đơn vị)"
	msgPartialTotals = "Tổng số của các đơn vị đã được tiếp nhận"

	// The digital signature as an issued report shows it.
	msgSignedAt = "Thời gian ký: %s"
	msgNumber2  = "Số: %s" // number and symbol in one

	// Appendices.
	msgAppendixPage      = "Phụ lục %s - trang %d/%d"
	msgAppendix          = "Phụ lục %s"
	msgAppendixAttached  = "(Kèm theo Báo cáo số %s ngày %s của %s)"
	msgAppendixStatus    = "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ"
	msgColStatus         = "Tình trạng"
	msgColSubmittedAt    = "Thời điểm gửi"
	msgColIncluded       = "Tổng hợp số liệu"
	msgIncluded          = "Có"
	msgIncludedUnchecked = "Có (chưa thẩm định)"
	msgExcluded          = "Không"

	// Report metadata.
	msgSubject = "%s, %s"
)

// Submission standings as the report names them.
const (
	statusOnTime   = "Đúng hạn"
	statusLate     = "Muộn hạn"
	statusMissing  = "Chưa gửi"
	statusReturned = "Trả lại"
)
