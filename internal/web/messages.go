package web

import (
	"baocao/internal/access"
	"baocao/internal/catalog"
	"baocao/internal/domain"
)

// The user-facing messages of the web layer, in one place.
const (
	msgNotFoundTitle   = "Không tìm thấy trang"
	msgNotFoundPage    = "Địa chỉ bạn mở không có trong hệ thống."
	msgNotFoundAPI     = "Không có tài nguyên tại địa chỉ này."
	msgInternalTitle   = "Lỗi hệ thống"
	msgInternal        = "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy báo cho quản trị viên."
	msgNoCatalog       = "Chưa nạp danh mục kế hoạch nào."
	msgErrorTitle      = "Không thực hiện được"
	msgForbiddenTitle  = "Không có quyền truy cập"
	msgForbidden       = "Tài khoản của bạn không có quyền thực hiện thao tác này."
	msgUnauthorized    = "Bạn cần đăng nhập (phiên đăng nhập hoặc khóa truy cập không hợp lệ hoặc đã hết hạn)."
	msgBadCredentials  = "Tên đăng nhập hoặc mật khẩu không đúng."
	msgThrottled       = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút."
	msgTooLarge        = "Nội dung gửi lên vượt quá dung lượng cho phép."
	msgBadRequest      = "Yêu cầu không đọc được: nội dung phải là JSON hợp lệ theo tài liệu API (/api/docs)."
	msgConflict        = "Dữ liệu đã thay đổi hoặc đã tồn tại."
	msgInvalidField    = "Giá trị không hợp lệ"
	msgPasswordSaved   = "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất."
	msgTokenRevoked    = "Đã thu hồi khóa truy cập."
	msgInvalidValues   = "Có giá trị không hợp lệ; không có thay đổi nào được lưu."
	msgBlocked         = "Chưa nộp được: còn lỗi hoặc cảnh báo chưa giải trình."
	msgStaleForm       = "Báo cáo vừa được người khác sửa. Hãy mở lại trang để xem bản mới nhất rồi nhập lại thay đổi của bạn."
	msgValuesForm      = "Có giá trị không hợp lệ. Chưa lưu thay đổi nào: bấm vào từng mục dưới đây để đến ô cần sửa, sửa rồi lưu lại."
	msgBlockedForm     = "Đã lưu bản nháp nhưng chưa nộp được: còn lỗi hoặc cảnh báo chưa giải trình."
	msgSaved           = "Đã lưu bản nháp (lần sửa thứ %s)."
	msgSubmitted       = "Đã nộp báo cáo."
	msgReviewed        = "Đã ghi nhận kết quả xem xét."
	msgRemindTooSoon   = "Đã gửi nhắc nhở cho kỳ này trong vòng một giờ qua; vui lòng đợi rồi gửi lại."
	msgReminded        = "Đã gửi nhắc nhở tới %s đơn vị chưa nộp."
	msgLocked          = "Báo cáo đã được tiếp nhận hoặc kỳ báo cáo đã khóa, không sửa được."
	msgSubmittedLocked = "Báo cáo đã nộp nên không sửa được. Muốn sửa, hãy rút lại báo cáo (nút «Rút lại để sửa» trên trang báo cáo, " +
		"hoặc POST %s qua API), sửa rồi nộp lại."
	msgWrongStatus = "Không thực hiện được: báo cáo đang ở trạng thái «%s»."
	msgWithdrawn   = "Đã rút lại báo cáo. Báo cáo trở về bản nháp và chưa được tính là đã nộp cho đến khi đơn vị nộp lại; " +
		"việc nộp đúng hạn hay muộn vẫn tính theo lần nộp đầu tiên."
	msgNeedsSession = "Khóa truy cập API không được dùng để tạo hay thu hồi khóa truy cập. Hãy đăng nhập bằng tên đăng nhập và mật khẩu rồi thực hiện lại."
	msgStale        = "Báo cáo đã được lưu sau phiên bản bạn gửi; phiên bản hiện tại là %d. Hãy đọc lại báo cáo rồi gửi thay đổi dựa trên phiên bản đó."
	msgIssued       = "Đã ban hành báo cáo: bản chính thức (PDF đã ký số, Excel và gói gửi Bộ) đã được lưu bên cạnh bản dự thảo."
	msgNotIssued    = "Bộ báo cáo này mới là bản dự thảo: chỉ bản đã ban hành (ký số) mới được đánh dấu chính thức và gửi đi."
	msgCannotSign   = "Chưa cấu hình chứng thư số để ký báo cáo (BAOCAO_SIGN_P12): chưa ban hành được."
	msgExtended     = "Đã gia hạn nộp báo cáo; các đơn vị liên quan đã được thông báo hạn mới và lý do."
	msgClosed       = "Đã khóa kỳ báo cáo; các đơn vị chưa nộp đã được thông báo lý do."
	msgUnavailable  = "Hệ thống tạm thời mất kết nối tới cơ sở dữ liệu nên chưa thực hiện được yêu cầu. Vui lòng gửi lại sau ít giây."
)

// fieldMessages explain the codes of domain.FieldError.
var fieldMessages = map[string]string{
	access.PasswordTooShort:  "Mật khẩu phải có ít nhất 10 ký tự.",
	access.PasswordCommon:    "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.",
	access.PasswordIsAccount: "Mật khẩu không được chứa tên đăng nhập.",
	"password_wrong":         "Mật khẩu hiện tại không đúng.",
	"password_mismatch":      "Mật khẩu nhập lại không khớp.",
	codeNUL:                  "Nội dung gửi lên có ký tự NUL (mã 0), hệ thống không nhận. Hãy xóa ký tự đó rồi gửi lại.",
	codeNotUTF8:              "Nội dung gửi lên không phải văn bản UTF-8 hợp lệ. Hãy kiểm tra bảng mã của phần mềm gửi rồi gửi lại.",
	codeUnknownField:         "Trường này không có trong tài liệu API (/api/docs); không có thay đổi nào được lưu.",
	"required":               "Thông tin này là bắt buộc.",
	"invalid":                "Giá trị không hợp lệ.",
	"unknown":                "Không có trong danh mục.",
	"in_past":                "Thời điểm này đã qua.",
	"not_later":              "Hạn mới phải sau hạn hiện tại và sau thời điểm này.",
	"before_cutoff":          "Hạn nộp phải sau ngày chốt số liệu ít nhất một ngày làm việc.",
	"not_valid":              "Đơn vị đã ngừng hoạt động.",
	"in_future":              "Ngày này chưa đến.",
	"after_end":              "Ngày bắt đầu sau ngày kết thúc.",
	"out_of_range":           "Giá trị nằm ngoài khoảng cho phép.",
	"nobody_expected":        msgNobodyExpected,
	"self":                   "Không thể tự khóa tài khoản hay tự bỏ quyền quản trị của chính mình; hãy nhờ một quản trị viên khác.",
	"not_workbook":           "Tệp không phải bảng tính Excel (.xlsx). Hãy tải lên tệp biểu mẫu đã tải về từ hệ thống.",
}

// jobKindNames are the background jobs' kinds as people call them.
var jobKindNames = map[string]string{
	"heartbeat":            "Nhịp hệ thống",
	"calendar_tick":        "Lịch báo cáo: mở kỳ, nhắc hạn, đôn đốc",
	"deliver_notification": "Gửi thư thông báo",
	"import_workbook":      "Nhập tệp Excel của đơn vị",
	"consolidate_report":   "Tổng hợp số liệu và tạo báo cáo",
	"forward_report":       "Gửi báo cáo lên cấp trên",
	"demo_reports":         "Tạo báo cáo của các kỳ mẫu",
}

// roleNames are the roles as people call them.
var roleNames = map[access.Role]string{
	access.RoleAdmin:  "Quản trị hệ thống",
	access.RoleStaff:  "Cán bộ tổng hợp",
	access.RoleAgency: "Đơn vị báo cáo",
	access.RoleLeader: "Lãnh đạo (ban hành báo cáo)",
}

// auditActionList is every action the audit log records, as people read
// it, in the order the log's filter offers them.
var auditActionList = []struct{ code, name string }{
	{"login", "Đăng nhập"},
	{"login_failed", "Đăng nhập sai"},
	{"logout", "Đăng xuất"},
	{"password_changed", "Đổi mật khẩu"},
	{"password_change_failed", "Đổi mật khẩu: sai mật khẩu hiện tại"},
	{"password_reset", "Đặt lại mật khẩu"},
	{"user_created", "Tạo tài khoản"},
	{"user_disabled", "Khóa tài khoản"},
	{"user_enabled", "Mở khóa tài khoản"},
	{"token_created", "Tạo khóa truy cập API"},
	{"token_revoked", "Thu hồi khóa truy cập API"},
	{"token_create_failed", "Tạo khóa truy cập API: sai mật khẩu"},
	{"round_opened", "Mở kỳ báo cáo"},
	{"deadline_extended", "Gia hạn nộp báo cáo"},
	{"round_closed", "Khóa kỳ báo cáo trước hạn"},
	{"manual_reminder", "Gửi nhắc nhở"},
	{"submission_saved", "Lưu báo cáo"},
	{"submission_submitted", "Nộp báo cáo"},
	{"submission_withdrawn", "Rút lại báo cáo để sửa"},
	{"submission_accepted", "Tiếp nhận báo cáo"},
	{"submission_returned", "Trả lại báo cáo để sửa"},
	{"submission_reopened", "Mở lại báo cáo đã tiếp nhận"},
	{"report_requested", "Yêu cầu tạo báo cáo tổng hợp"},
	{"report_issued", "Ban hành báo cáo (ký số)"},
	{"report_final", "Đánh dấu bản chính thức và gửi đi"},
	{"report_dispatched", "Ghi nhận đã gửi báo cáo"},
	{"catalog_uploaded", "Tải lên phiên bản danh mục"},
	{"catalog_rejected", "Tải lên danh mục bị từ chối"},
	{"catalog_activated", "Áp dụng phiên bản danh mục"},
	{"catalog_loaded", "Nạp danh mục (dòng lệnh)"},
	{"user_updated", "Đổi vai trò, đơn vị của tài khoản"},
}

// actionNames are the audit log's actions as people read them.
var actionNames = func() map[string]string {
	m := make(map[string]string, len(auditActionList))
	for _, a := range auditActionList {
		m[a.code] = a.name
	}
	return m
}()

// tokenFieldMessages explain refusals of the token form, by field/code.
var tokenFieldMessages = map[string]string{
	"name/required":           "Hãy nhập tên khóa (dùng cho phần mềm nào), tối đa 100 ký tự.",
	"password/required":       "Hãy nhập mật khẩu của bạn để xác nhận tạo khóa.",
	"password/password_wrong": "Mật khẩu không đúng; chưa tạo khóa nào.",
}

// sourceNames say where a revision came from.
var sourceNames = map[string]string{"web": "nhập trên web", "api": "qua API", "excel": "tải lên tệp Excel"}

// eventNames are status changes as people read them.
var eventNames = map[string]string{"submitted": "Nộp báo cáo", "accepted": "Tiếp nhận", "returned": "Trả lại để sửa", "reopened": "Mở lại để sửa",
	"withdrawn": "Rút lại để sửa"}

// adhocFieldMessages explain refusals of an ad-hoc round, by field/code.
var adhocFieldMessages = map[string]string{
	"title/required":         "Hãy nhập tên kỳ báo cáo.",
	"due_at/required":        "Hãy chọn hạn nộp.",
	"due_at/in_past":         "Hạn nộp phải ở tương lai.",
	"units/required":         "Hãy chọn ít nhất một đơn vị.",
	"units/unknown":          "Có đơn vị không có trong danh mục.",
	"units/not_valid":        "Có đơn vị đã ngừng hoạt động.",
	"indicators/required":    "Hãy chọn ít nhất một chỉ tiêu.",
	"indicators/unknown":     "Có chỉ tiêu không có trong danh mục.",
	"period_start/invalid":   "Ngày bắt đầu kỳ số liệu không hợp lệ.",
	"period_end/invalid":     "Ngày kết thúc kỳ số liệu không hợp lệ.",
	"period_end/in_future":   "Kỳ số liệu phải kết thúc chậm nhất vào hôm nay.",
	"period_start/after_end": "Ngày bắt đầu kỳ số liệu phải trước ngày kết thúc.",
}

// deadlineFieldMessages explain refusals of a deadline extension, by
// field/code.
var deadlineFieldMessages = map[string]string{
	"due_at/required":  "Hãy chọn ngày và giờ của hạn mới.",
	"due_at/not_later": "Hạn mới phải sau hạn hiện tại của kỳ (hoặc của đơn vị) và sau thời điểm này.",
	"reason/required":  "Hãy ghi lý do gia hạn: lý do được gửi tới đơn vị và ghi trong báo cáo.",
	"unit/unknown":     "Đơn vị này không phải báo cáo trong kỳ.",
}

// uploadFieldMessages explain refusals of a workbook upload.
var uploadFieldMessages = map[string]string{
	"file/required": "Hãy chọn tệp Excel (.xlsx) đã nhập số liệu để tải lên.",
}

// closeFieldMessages explain refusals of closing a round early.
var closeFieldMessages = map[string]string{
	"reason/required": "Hãy ghi lý do khóa kỳ báo cáo: lý do được gửi tới các đơn vị chưa nộp.",
}

// reviewFieldMessages explain refusals of a review decision, by
// field/code.
var reviewFieldMessages = map[string]string{
	"comment/required": "Hãy ghi ý kiến: đơn vị cần biết phải sửa những gì.",
	"decision/invalid": "Hãy chọn «Tiếp nhận» hoặc «Trả lại để sửa».",
}

// reopenFieldMessages explain refusals of reopening an accepted report.
var reopenFieldMessages = map[string]string{
	"comment/required": "Hãy ghi lý do mở lại: lý do được gửi tới đơn vị.",
}

// annualFieldMessages explain refusals of a late annual round, by field/code.
var annualFieldMessages = map[string]string{
	"year/required":     "Hãy chọn năm báo cáo.",
	"year/out_of_range": "Năm báo cáo không được sau năm hiện tại.",
	"due_at/required":   "Hãy chọn hạn nộp.",
	"due_at/in_past":    "Hạn nộp phải ở tương lai.",
}

// msgAnnualExists refuses a second annual round for a year, naming the
// one there is.
const msgAnnualExists = "Kỳ báo cáo năm %d đã được mở: %s (%s). Mỗi năm chỉ có một kỳ báo cáo năm."

// msgNobodyExpected refuses a round no unit would report in.
const msgNobodyExpected = "Danh mục hiện hành không có đơn vị nào phải báo cáo trong kỳ này."

// msgExplanationOf names an indicator's explanation.
const msgExplanationOf = "Giải trình %s"

// msgWholePeriod tells a unit formed during the data period that it
// reports all of it for its territory.
const msgWholePeriod = "đơn vị báo cáo cả kỳ trên địa bàn của mình, kể cả thời gian trước ngày %s"

// msgBadDay refuses a day that is not YYYY-MM-DD.
const msgBadDay = "Ngày không hợp lệ; hãy chọn ngày theo lịch."

// kindNames are the kinds of units as people call them.
var kindNames = map[string]string{
	catalog.KindProvince:    "Tỉnh",
	catalog.KindDepartment:  "Sở, ban, ngành",
	catalog.KindMass:        "Mặt trận, đoàn thể",
	catalog.KindMedia:       "Cơ quan báo chí",
	catalog.KindDistrict:    "Huyện, thị xã, thành phố",
	catalog.KindCommune:     "Xã",
	catalog.KindWard:        "Phường",
	catalog.KindSpecialZone: "Đặc khu",
}

// groupNames head the groups of lists of units (catalog.GroupOf).
var groupNames = map[string]string{
	catalog.GroupProvincial: "Sở, ban, ngành, đoàn thể cấp tỉnh",
	catalog.GroupDistrict:   "Huyện, thị xã, thành phố",
	catalog.GroupCommune:    "Xã, phường, đặc khu",
	catalog.GroupOther:      "Đơn vị khác",
}

// msgInvalidCatalog answers an uploaded catalog with problems; each is a
// detail, as `baocao catalog check` prints it.
const msgInvalidCatalog = "Danh mục có lỗi nên không được lưu; xem từng lỗi (tệp:dòng: nội dung) trong details."

// The messages of the administrator's account pages.
const (
	msgUsernameTaken         = "Tên đăng nhập này đã được dùng; hãy chọn tên khác."
	msgAccountsWorkbookTitle = "Tài khoản đơn vị mới tạo: mật khẩu lần đầu"
	msgAccountsWorkbookNote  = "Mỗi mật khẩu chỉ dùng cho lần đăng nhập đầu tiên: hệ thống yêu cầu đặt mật khẩu mới ngay sau đó. " +
		"Hãy giao riêng cho từng đơn vị rồi hủy tệp này; hệ thống không lưu và không hiển thị lại các mật khẩu này."
	msgPasswordChangeRequired = "Mật khẩu của bạn do quản trị hệ thống cấp: hãy đổi mật khẩu (trang /account/password) trước khi dùng hệ thống."
)

// userFieldMessages explain refusals of the account forms, by field/code.
var userFieldMessages = map[string]string{
	"username/invalid": "Tên đăng nhập gồm 2–64 chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới, bắt đầu bằng chữ hoặc số.",
	"role/invalid":     "Hãy chọn vai trò.",
	"unit/required":    "Tài khoản đơn vị báo cáo phải gắn với một đơn vị.",
	"unit/unknown":     "Đơn vị này không có trong danh mục hiện hành.",
	"email/invalid":    "Địa chỉ thư điện tử không hợp lệ.",
}

// userFieldMessage explains a refused account form, naming the field.
func userFieldMessage(fe *domain.FieldError) string {
	if m, ok := userFieldMessages[fe.Field+"/"+fe.Code]; ok {
		return m
	}
	return fieldMessage(fe)
}

// A schema's limits as the API reference page (/api/docs) states them.
const (
	msgMinLength = "ít nhất %d ký tự"
	msgMaxLength = "tối đa %d ký tự"
	msgMinItems  = "ít nhất %d phần tử"
	msgMaxItems  = "tối đa %d phần tử"
)
