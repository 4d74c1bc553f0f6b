package xlsx

// The Vietnamese texts of the workbook, kept together so that wording is
// reviewed in one place.

// Sheet names.
// msgExtended follows a unit's name on the progress sheet when staff
// extended its deadline: the new deadline and the reason.
const msgExtended = " (gia hạn đến %s: %s)"

const (
	sheetSummary    = "Tổng hợp"
	sheetByUnit     = "Theo đơn vị"
	sheetProgress   = "Tiến độ"
	sheetNarratives = "Thuyết minh"
	sheetData       = "Dữ liệu"
	sheetChart      = "Biểu đồ"
	sheetCompare    = "So với năm trước"
)

// The year-on-year sheet.
const (
	msgCompareTitle = "SO SÁNH VỚI NĂM %d TRÊN CÙNG ĐỊA BÀN"
	// units now (with figures), units then, the previous year, with
	// figures then, the previous round's code.
	msgCompareNote = "So sánh theo quan hệ kế thừa giữa các đơn vị: %d đơn vị năm nay (%d đã có số liệu tổng hợp) " +
		"với %d đơn vị năm %d (%d có số liệu, kỳ %s)."
	msgCompareOutside = " %d đơn vị có địa bàn chưa được báo cáo đầy đủ năm %d không được tính: %s."
	hdrYearSameGround = "Năm %d (cùng địa bàn)"
	hdrChange         = "Thay đổi"
	msgChangePoints   = "%+.2f điểm"
	msgChangePercent  = "%+.1f%%"
)

// Title block.
const (
	msgHeading = "BÁO CÁO SỐ LIỆU TỔNG HỢP"
	msgDraft   = "DỰ THẢO"
	msgNumber  = "Số: "
	// msgSignature is the agency's signature information of an issued
	// report: its number and symbol, and the signing time in ISO 8601.
	msgSignature    = "Số: %s\n%s"
	msgCompleteness = "Đơn vị gửi báo cáo: %d/%d (đúng hạn %d, muộn hạn %d, chưa gửi %d); số liệu tổng hợp từ %d đơn vị."
	msgUnreviewed   = " Có số liệu của đơn vị chưa được tiếp nhận."
	msgSnapshot     = "Mã kỳ: %s · Mã bản chốt số liệu: %s"
	msgTotalsTitle  = "SỐ LIỆU TOÀN TỈNH"
)

// Column headers.
const (
	hdrNo          = "STT"
	hdrCode        = "Mã chỉ tiêu"
	hdrName        = "Tên chỉ tiêu"
	hdrBreakdown   = "Phân tổ"
	hdrBreakCodes  = "Mã phân tổ"
	hdrUOM         = "Đơn vị tính"
	hdrValue       = "Giá trị"
	hdrNumerator   = "Tử số"
	hdrDenominator = "Mẫu số"
	hdrRate        = "Tỷ lệ"
	hdrText        = "Nội dung"
	hdrProvince    = "Toàn tỉnh"
	hdrRound       = "Mã kỳ"
	hdrUnitCode    = "Mã đơn vị"
	hdrUnitName    = "Tên đơn vị"
	hdrUnit        = "Đơn vị"
	hdrStatus      = "Trạng thái"
	hdrSubmittedAt = "Thời điểm gửi"
	hdrAccepted    = "Đã tiếp nhận"
	hdrIncluded    = "Đưa vào tổng hợp"
	hdrSection     = "Mục"
	hdrCount       = "Số đơn vị"
)

// Values shown in cells.
const (
	msgTotal       = "Tổng số"
	msgYes         = "Có"
	msgNo          = "Không"
	msgYesUnits    = "đơn vị trả lời Có"
	msgTextUnits   = "%d đơn vị báo cáo"
	provinceCode   = "TOAN_TINH"
	msgUnitsHeader = "Số liệu theo đơn vị báo cáo (tỷ lệ tính theo tử số, mẫu số của từng đơn vị; cột Toàn tỉnh tính trên tổng tử số và tổng mẫu số)"
)

// Submission statuses as the progress sheet shows them.
const (
	statusOnTime  = "Đúng hạn"
	statusLate    = "Muộn hạn"
	statusMissing = "Chưa gửi"
	statusReturn  = "Trả lại"
	statusDraft   = "Đang soạn"
)

// Progress summary and charts.
const (
	msgProgressTitle = "TIẾN ĐỘ GỬI BÁO CÁO"
	msgExpected      = "Số đơn vị phải báo cáo"
	msgSubmitted     = "Đã gửi"
	msgOnTime        = "Đúng hạn"
	msgLate          = "Muộn hạn"
	msgMissing       = "Chưa gửi (gồm đang soạn, trả lại)"
	msgByStatus      = "Số đơn vị theo trạng thái"
	msgChartStatus   = "Đơn vị theo trạng thái báo cáo"
	msgChartRates    = "Một số chỉ tiêu tỷ lệ toàn tỉnh (%)"
	msgChartTitle    = "CÁC CHỈ TIÊU TỶ LỆ CHỦ YẾU (TOÀN TỈNH)"
	msgNarrTitle     = "THUYẾT MINH CỦA CÁC ĐƠN VỊ"
)

// Document properties.
const (
	docSubject     = "Báo cáo số liệu tổng hợp toàn tỉnh"
	docDescription = "Số liệu tổng hợp của kỳ %s từ %d đơn vị, bản chốt %s."
	docKeywords    = "%s; %s"
	docCreator     = "baocao"
)
