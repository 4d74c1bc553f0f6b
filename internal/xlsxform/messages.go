package xlsxform

// Every Vietnamese text of the workbook and of Read's problems, in one
// place: agencies read them in Excel and in the import result.

// Sheet names. Data sheets are sheetData + " 1", " 2", … in section order.
const (
	sheetCover     = "Hướng dẫn"
	sheetData      = "Biểu"
	sheetNarrative = "Thuyết minh"
)

// Cover sheet.
const (
	txtCoverTitle   = "BIỂU MẪU NHẬP SỐ LIỆU BÁO CÁO"
	txtUnit         = "Đơn vị báo cáo"
	txtRound        = "Kỳ báo cáo"
	txtDataWindow   = "Kỳ số liệu"
	txtForm         = "Biểu mẫu"
	txtDue          = "Hạn nộp"
	txtCodes        = "Mã nhận dạng"
	txtCodesFormat  = "Kỳ %s · Đơn vị %s · Danh mục phiên bản %d"
	txtHowTo        = "HƯỚNG DẪN NHẬP"
	txtSheetsHeader = "CÁC TRANG TRONG TỆP"
	txtSheetNarr    = "Nội dung thuyết minh theo từng phần và giải trình cảnh báo"
)

// coverSteps are the instructions, one paragraph each.
var coverSteps = []string{
	"1. Chỉ nhập vào các ô nền vàng; các ô khác đã được khóa để tránh sửa nhầm.",
	"2. Ô số liệu chỉ nhập số, không kèm đơn vị tính hay ký hiệu; dùng dấu chấm ngăn cách hàng nghìn và dấu phẩy trước phần thập phân (ví dụ 1.234 hoặc 12,5).",
	"3. Chỉ tiêu tỷ lệ: nhập tử số và mẫu số; cột tỷ lệ được tính tự động.",
	"4. Dòng \"Tổng số (tự tính)\" được cộng tự động từ các dòng bên dưới, không cần nhập.",
	"5. Ô chọn Có/Không: chọn trong danh sách thả xuống. Để trống ô nào thì số liệu của ô đó sẽ bị xóa khi tải lên.",
	"6. Không thêm, xóa dòng hoặc cột; không đổi tên, thêm hay xóa trang tính.",
	"7. Trang \"Thuyết minh\": viết nội dung từng phần báo cáo và giải trình các cảnh báo (nếu có).",
	"8. Nhập xong, lưu tệp ở định dạng Excel (.xlsx) rồi tải lên tại trang nộp báo cáo của hệ thống hoặc qua API.",
}

// Data sheets.
const (
	txtDataTitle      = "%s – %s. %s"
	txtSubtitleFormat = "%s · %s"
	txtUnitOfMeasure  = "Đơn vị tính: %s"
	txtNoDimension    = "Phân tổ"
	txtWholeUnit      = "Toàn đơn vị"
	txtTotalEntered   = "Tổng số"
	txtTotalDerived   = "Tổng số (tự tính)"
	txtValue          = "Giá trị"
	txtText           = "Nội dung"
	txtBoolean        = "Có/Không"
	txtNumerator      = "Tử số"
	txtDenominator    = "Mẫu số"
	txtRateFormat     = "Tỷ lệ (%s)"
	txtYes            = "Có"
	txtNo             = "Không"
)

// Data validation prompts; Excel limits titles to 32 characters.
const (
	txtInvalidTitle = "Giá trị không hợp lệ"
	txtWholeOnly    = "Chỉ nhập số nguyên không âm (0, 1, 2, …)."
	txtDecimal      = "Chỉ nhập số (có thể có phần thập phân)."
	txtAmount       = "Chỉ nhập số không âm (có thể có phần thập phân)."
	txtChoose       = "Chọn Có hoặc Không trong danh sách."
)

// Narrative sheet.
const (
	txtNarrTitle       = "THUYẾT MINH VÀ GIẢI TRÌNH"
	txtNarrSection     = "I. NỘI DUNG BÁO CÁO"
	txtCode            = "Mã"
	txtPart            = "Phần báo cáo"
	txtGuidance        = "Hướng dẫn"
	txtExplSection     = "II. GIẢI TRÌNH CẢNH BÁO"
	txtExplNote        = "Khi hệ thống cảnh báo một chỉ tiêu (ví dụ số liệu thay đổi nhiều so với kỳ trước), ghi lời giải trình vào dòng của chỉ tiêu đó. Không có cảnh báo thì để trống."
	txtIndicator       = "Chỉ tiêu"
	txtExplanation     = "Giải trình"
	txtNoNarratives    = "Biểu mẫu này không có phần thuyết minh."
	txtIndicatorFormat = "%s. %s"
)

// Read's problems.
const (
	msgNotWorkbook      = "Tệp không phải bảng tính Excel (.xlsx)"
	msgTooLarge         = "Tệp quá lớn (%s); dung lượng tối đa là %s"
	msgUnzippedTooLarge = "Nội dung tệp sau khi giải nén quá lớn (%s); tối đa là %s"
	msgNoIdentity       = "Không tìm thấy thông tin nhận dạng biểu mẫu: hãy dùng tệp tải về từ hệ thống"
	msgOtherRound       = "Tệp là biểu mẫu của kỳ báo cáo %s, không phải của kỳ %s đang nộp"
	msgOtherUnit        = "Tệp là biểu mẫu của đơn vị %s, không phải của đơn vị %s"
	msgOlderCatalog     = "Tệp được tạo theo danh mục chỉ tiêu phiên bản %d, cũ hơn phiên bản hiện hành %d: hãy tải lại biểu mẫu mới"
	msgOtherCatalog     = "Tệp được tạo theo danh mục chỉ tiêu phiên bản %d, khác phiên bản hiện hành %d: hãy tải lại biểu mẫu mới"
	msgStructure        = "Cấu trúc biểu mẫu đã thay đổi so với tệp đã tải về: hãy tải lại biểu mẫu mới"
	msgSheetMissing     = "Không tìm thấy trang này: không được đổi tên hoặc xóa trang tính"
	msgCellMoved        = "Ô nhập liệu đã bị dịch chuyển (có dòng hoặc cột bị thêm, xóa): hãy dùng lại tệp tải về từ hệ thống"
	msgUnreadable       = "Không đọc được nội dung ô"
	msgMoreProblems     = "… và %d lỗi khác tương tự"
	msgBadCharacter     = "Ô chứa ký tự không hợp lệ (ký tự rỗng hoặc sai mã hóa): hãy xóa nội dung ô và nhập lại"
	msgTimeout          = "Tệp quá lớn hoặc quá phức tạp để đọc trong thời gian cho phép: hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
)

// Read's refusals of workbooks shaped to exhaust the server (checkPackage).
const (
	msgTooManyParts    = "Tệp có quá nhiều thành phần (%s); tối đa là %s: hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	msgTooManyStrings  = "Tệp chứa quá nhiều đoạn văn bản (hơn %s): hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	msgStringsTooLarge = "Phần văn bản của tệp quá lớn (%s); tối đa là %s: hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	msgSheetTooLarge   = "Một trang tính của tệp quá lớn (%s); tối đa là %s: hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	msgPartTooLarge    = "Một thành phần của tệp (%s) quá lớn (%s); tối đa là %s: hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	msgTooManyRows     = "Một trang tính của tệp có quá nhiều dòng (hơn %s): hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	msgTooManyColumns  = "Một trang tính của tệp có quá nhiều cột (hơn %s): hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
	msgTooManyCells    = "Một trang tính của tệp có quá nhiều ô dữ liệu (hơn %s): hãy tải lại biểu mẫu từ hệ thống rồi nhập lại số liệu"
)
