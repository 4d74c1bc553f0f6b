package web

// The user-facing messages of the web layer, in one place.
const (
	msgNotFoundTitle = "Không tìm thấy trang"
	msgNotFoundPage  = "Địa chỉ bạn mở không có trong hệ thống."
	msgNotFoundAPI   = "Không có tài nguyên tại địa chỉ này."
	msgInternalTitle = "Lỗi hệ thống"
	msgInternal      = "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy báo cho quản trị viên."
)
