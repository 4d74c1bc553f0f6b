package demo

import (
	"strings"

	"baocao/internal/catalog"
	"baocao/internal/submission"
)

// deptNarratives are the provincial bodies' sections, by unit and section
// code; {CODE} placeholders quote the unit's own figures.
var deptNarratives = map[string]map[string]string{
	"LDTBXH": {
		"KQ-II.1":      "Sở Lao động - Thương binh và Xã hội đã tham mưu UBND tỉnh ban hành Kế hoạch triển khai Chỉ thị số 28-CT/TW và Kế hoạch số 211-KH/TU, hướng dẫn các sở, ngành, huyện, thành phố xây dựng kế hoạch của đơn vị. Trong năm, Sở ban hành {QT11} văn bản chỉ đạo, hướng dẫn và chủ trì {QT07} cuộc kiểm tra liên ngành về thực hiện quyền trẻ em. Từ ngày 01/3/2025, nhiệm vụ quản lý nhà nước về trẻ em được bàn giao theo phương án sắp xếp bộ máy; hồ sơ, dữ liệu được chuyển giao đầy đủ.",
		"KQ-II.2":      "Triển khai đồng bộ Chương trình hành động vì trẻ em giai đoạn 2021 - 2030 và Kế hoạch hành động phòng, chống bạo lực, xâm hại trẻ em giai đoạn 2020 - 2025. Đã tiếp nhận và phối hợp xử lý {BV18} ca do Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 chuyển đến; thanh tra, kiểm tra {BV19} cơ sở chăm sóc, nuôi dưỡng trẻ em. Tổ chức tập huấn nghiệp vụ cho {QT06} lượt cán bộ, cộng tác viên làm công tác trẻ em các cấp, tập trung vào sử dụng phần mềm quản lý thông tin trẻ em.",
		"KQ-II.3":      "Quỹ Bảo trợ trẻ em tỉnh vận động được {NL02} triệu đồng từ doanh nghiệp, nhà hảo tâm. Từ nguồn quỹ và các chương trình xã hội hóa, {NL03} lượt trẻ em được hỗ trợ học bổng, xe đạp, thẻ bảo hiểm y tế và phẫu thuật tim bẩm sinh, dị tật vận động.",
		"KQ-II.4":      "Phối hợp với Công an tỉnh, Sở Y tế thực hiện quy trình hỗ trợ, can thiệp đối với trẻ em bị xâm hại; Trung tâm Công tác xã hội tỉnh tư vấn, tham vấn tâm lý cho trẻ em và gia đình. Công tác phòng ngừa trẻ em lao động trái quy định được lồng ghép trong thanh tra lao động tại các cơ sở chế biến thủy sản và dịch vụ du lịch.",
		"KQ-II.5":      "Tổ chức Lễ phát động Tháng hành động vì trẻ em cấp tỉnh năm 2025 và {TT03} cuộc truyền thông trực tiếp với {TT04} lượt người tham dự. Tổ chức {TG01} diễn đàn trẻ em cấp tỉnh với {TG02} lượt trẻ em tham gia; lấy ý kiến {TG03} lượt trẻ em khi xây dựng chính sách, chương trình liên quan. Số Tổng đài 111 được in trên tờ rơi, áp phích phát tại trường học và khu dân cư.",
		"TON-TAI":      "Việc cập nhật dữ liệu trên phần mềm quản lý thông tin trẻ em ở cấp xã chưa đồng đều; một số ca do Tổng đài 111 chuyển đến được xử lý chậm do phối hợp liên ngành chưa chặt chẽ. Nguyên nhân chủ yếu là đội ngũ làm công tác trẻ em cấp xã kiêm nhiệm, thay đổi nhiều và việc sắp xếp tổ chức bộ máy trong năm 2025.",
		"PHUONG-HUONG": "Hoàn thành bàn giao nhiệm vụ, hồ sơ, cơ sở dữ liệu về trẻ em cho cơ quan tiếp nhận sau sắp xếp. Tiếp tục phát triển dịch vụ bảo vệ trẻ em, nâng cao chất lượng tiếp nhận, xử lý thông tin từ Tổng đài 111. Tổ chức tổng kết Kế hoạch hành động phòng, chống bạo lực, xâm hại trẻ em giai đoạn 2020 - 2025.",
		"KIEN-NGHI":    "Đề nghị Bộ Y tế sớm hướng dẫn việc tiếp nhận chức năng quản lý nhà nước về trẻ em ở địa phương và chuyển giao phần mềm quản lý thông tin trẻ em. Đề nghị UBND tỉnh bố trí biên chế chuyên trách công tác trẻ em tại cơ quan tham mưu mới.",
	},
	"GDDT": {
		"KQ-II.1":      "Sở Giáo dục và Đào tạo ban hành {QT11} văn bản chỉ đạo, hướng dẫn các cơ sở giáo dục thực hiện Chỉ thị số 28-CT/TW, lồng ghép vào nhiệm vụ năm học 2024 - 2025 và 2025 - 2026. Nội dung bảo vệ trẻ em được đưa vào tiêu chí thi đua của các trường.",
		"KQ-II.2":      "Toàn tỉnh có {GD06} trường học; {GD08} trường thực hiện mô hình cung cấp dịch vụ bảo vệ trẻ em trong trường học và {GD09} trường thực hiện đối thoại học đường. Ngành phối hợp rà soát, cập nhật thông tin học sinh có hoàn cảnh đặc biệt để chia sẻ với cơ quan lao động - xã hội.",
		"KQ-II.4":      "Tỷ lệ huy động trẻ em 5 tuổi đi học mẫu giáo đạt {GD01}%, trẻ em từ 3 đến 5 tuổi đạt {GD03}%, trẻ em nhà trẻ đạt {GD02}%. Tỷ lệ học sinh bỏ học cấp tiểu học là {GD04}%, cấp trung học cơ sở là {GD05}%. Có {GD07} trường có hoạt động tư vấn tâm lý học đường; {TG04} lượt học sinh được trang bị kỹ năng an toàn trên môi trường mạng và {TG05} lượt được giáo dục kỹ năng sống. Đã phát hiện, xử lý {GD10} vụ bạo lực học đường.",
		"KQ-II.5":      "Tổ chức {TG01} diễn đàn, buổi đối thoại để học sinh bày tỏ ý kiến với {TG02} lượt học sinh tham gia. Các trường hưởng ứng Tháng hành động vì trẻ em, tổ chức {TT03} buổi sinh hoạt chuyên đề về phòng, chống xâm hại, đuối nước với {TT04} lượt học sinh, cha mẹ học sinh tham dự; số Tổng đài 111 được niêm yết tại tất cả các trường.",
		"TON-TAI":      "Một số trường ở vùng sâu, hải đảo chưa có người làm công tác tư vấn tâm lý chuyên trách, giáo viên kiêm nhiệm còn thiếu kỹ năng. Tỷ lệ học sinh trung học cơ sở bỏ học ở các huyện vùng U Minh còn cao so với bình quân chung do hoàn cảnh gia đình khó khăn, cha mẹ đi làm ăn xa.",
		"PHUONG-HUONG": "Duy trì và nâng cao chất lượng phổ cập giáo dục mầm non cho trẻ em 5 tuổi; mở rộng mô hình trường học an toàn, phòng, chống bạo lực học đường. Tiếp tục phối hợp tổ chức dạy bơi cho học sinh tiểu học trong dịp hè 2026.",
		"KIEN-NGHI":    "Đề nghị UBND tỉnh bố trí kinh phí đầu tư hồ bơi di động cho các trường tiểu học ở vùng sông nước. Đề nghị Bộ Giáo dục và Đào tạo sớm ban hành định mức biên chế cho nhân viên tư vấn tâm lý học đường.",
	},
	"VHTT": {
		"KQ-II.1":      "Sở Văn hóa và Thể thao ban hành {QT11} văn bản chỉ đạo các đơn vị trực thuộc và phòng văn hóa - thông tin các huyện, thành phố triển khai Chỉ thị số 28-CT/TW gắn với xây dựng gia đình hạnh phúc, phòng, chống bạo lực gia đình. Công tác trẻ em được đưa vào nội dung kiểm tra định kỳ thiết chế văn hóa, thể thao cơ sở.",
		"KQ-II.2":      "Thanh tra Sở tổ chức {VH05} cuộc thanh tra, kiểm tra hoạt động biểu diễn, kinh doanh trò chơi điện tử, dịch vụ karaoke gần trường học, bảo đảm nội dung phù hợp với trẻ em. Đã nhắc nhở, xử lý các cơ sở để trẻ em dưới 16 tuổi vào chơi quá giờ quy định.",
		"KQ-II.3":      "Trong năm đã xây mới, nâng cấp {VH06} điểm vui chơi, công trình phúc lợi dành cho trẻ em tại các thiết chế văn hóa, thể thao do ngành quản lý. Thư viện tỉnh duy trì xe thư viện lưu động phục vụ học sinh ở các xã vùng sâu.",
		"KQ-II.4":      "Tổ chức {VH04} hoạt động văn hóa, văn nghệ, thể thao cho trẻ em, trong đó có Hội khỏe Phù Đổng, liên hoan thiếu nhi và các giải bơi, bóng đá thiếu niên. Phối hợp ngành giáo dục dạy bơi, kỹ năng an toàn trong môi trường nước cho {TN06} trẻ em, trong đó có {TN06:F} em nữ.",
		"KQ-II.5":      "Tổ chức {TT03} cuộc truyền thông về xây dựng gia đình không bạo lực, nuôi dạy con tốt với {TT04} lượt người tham dự. Hưởng ứng Tháng hành động vì trẻ em, các nhà văn hóa, thư viện tổ chức ngày hội đọc sách và chiếu phim thiếu nhi miễn phí.",
		"TON-TAI":      "Thiết chế văn hóa, thể thao dành riêng cho trẻ em còn thiếu, nhất là ở huyện đảo Kiên Hải và các xã vùng sâu. Kinh phí cho hoạt động dạy bơi chủ yếu từ xã hội hóa nên chưa ổn định.",
		"PHUONG-HUONG": "Tiếp tục chương trình dạy bơi miễn phí cho trẻ em dịp hè 2026; phối hợp địa phương khai thác hiệu quả trung tâm văn hóa - thể thao cấp xã cho hoạt động của trẻ em. Tăng cường kiểm tra dịch vụ trò chơi điện tử, karaoke gần trường học.",
		"KIEN-NGHI":    "Đề nghị UBND tỉnh ưu tiên kinh phí xây dựng điểm vui chơi cho trẻ em tại các xã chưa có thiết chế văn hóa, thể thao. Đề nghị Bộ Văn hóa, Thể thao và Du lịch ban hành tiêu chuẩn điểm vui chơi an toàn cho trẻ em.",
	},
	"DL": {
		"KQ-II.1":      "Sở Du lịch ban hành {QT11} văn bản hướng dẫn doanh nghiệp lữ hành, cơ sở lưu trú thực hiện các quy định về bảo vệ trẻ em, lồng ghép vào kế hoạch phát triển du lịch năm 2025. Nội dung phòng ngừa xâm hại trẻ em được đưa vào các lớp bồi dưỡng nghiệp vụ cho hướng dẫn viên.",
		"KQ-II.4":      "Phối hợp Công an tỉnh tổ chức {DL02} cuộc kiểm tra cơ sở kinh doanh du lịch tại Phú Quốc, Hà Tiên và Rạch Giá về bảo đảm an toàn cho trẻ em; {DL03} cơ sở đã ký cam kết phòng, chống xâm hại trẻ em và niêm yết số Tổng đài 111. Số vụ việc xâm hại trẻ em trong hoạt động du lịch được phát hiện trong năm: {DL01} vụ.",
		"KQ-II.5":      "Tổ chức {TT03} buổi tuyên truyền cho người lao động ngành du lịch với {TT04} lượt người tham dự. Phát hành tờ gấp song ngữ Việt - Anh về bảo vệ trẻ em tại các khu, điểm du lịch.",
		"TON-TAI":      "Việc kiểm tra mới tập trung ở các cơ sở lưu trú lớn; homestay, nhà nghỉ nhỏ trên đảo chưa được kiểm tra thường xuyên. Nguyên nhân là lực lượng thanh tra, kiểm tra của ngành còn mỏng so với số cơ sở tăng nhanh.",
		"PHUONG-HUONG": "Mở rộng việc ký cam kết phòng, chống xâm hại trẻ em đến các homestay, cơ sở lưu trú nhỏ. Phối hợp kiểm tra trong mùa cao điểm du lịch hè và Tết.",
		"KIEN-NGHI":    "Đề nghị Công an tỉnh chia sẻ thông tin về các đối tượng có tiền án, tiền sự xâm hại trẻ em để cơ sở lưu trú cảnh giác, phòng ngừa. Đề nghị UBND tỉnh chỉ đạo đưa tiêu chí an toàn cho trẻ em vào đánh giá, xếp hạng cơ sở lưu trú.",
	},
	"YT": {
		"KQ-II.1":      "Sở Y tế ban hành {QT11} văn bản chỉ đạo các đơn vị trong ngành thực hiện Chỉ thị số 28-CT/TW, tập trung vào dinh dưỡng, tiêm chủng và chăm sóc sức khỏe tâm thần trẻ em. Từ ngày 01/3/2025, Sở tiếp nhận nhiệm vụ quản lý nhà nước về trẻ em và đang kiện toàn bộ phận tham mưu.",
		"KQ-II.2":      "Toàn tỉnh có {YT07} cơ sở khám bệnh, chữa bệnh cung cấp dịch vụ chăm sóc sức khỏe tâm thần trẻ em. Tỷ số giới tính khi sinh là {TQ02} bé trai/100 bé gái, vẫn cao hơn mức cân bằng tự nhiên. Ngành triển khai Kế hoạch thực hiện Chiến lược quốc gia về dinh dưỡng giai đoạn 2022 - 2030 tại tất cả các huyện, thành phố.",
		"KQ-II.4":      "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể nhẹ cân là {YT01:NHE_CAN}%, thể thấp còi {YT01:THAP_COI}%; tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt {YT04}%. Tỷ suất chết trẻ em dưới 1 tuổi là {YT02}‰, dưới 5 tuổi là {YT03}‰. Các cơ sở y tế tiếp nhận, điều trị {TN01} trẻ em bị tai nạn, thương tích, trong đó {TN02} em tử vong ({TN03} em do đuối nước); {YT08} trẻ em khuyết tật được phát hiện sớm, can thiệp sớm.",
		"KQ-II.5":      "Tổ chức {TT03} buổi truyền thông về nuôi con bằng sữa mẹ, dinh dưỡng hợp lý và phòng, chống tai nạn, thương tích với {TT04} lượt bà mẹ, người chăm sóc trẻ tham dự. Hưởng ứng Tháng hành động vì trẻ em, các bệnh viện tổ chức khám sàng lọc tim bẩm sinh miễn phí cho trẻ em.",
		"TON-TAI":      "Tỷ lệ suy dinh dưỡng thấp còi còn cao ở các huyện vùng U Minh và vùng đồng bào Khmer; đuối nước vẫn là nguyên nhân hàng đầu trong tử vong do tai nạn, thương tích. Nhân lực chuyên khoa tâm thần nhi còn thiếu.",
		"PHUONG-HUONG": "Tiếp tục can thiệp dinh dưỡng cho trẻ em dưới 5 tuổi ở các xã có tỷ lệ suy dinh dưỡng cao; duy trì tỷ lệ tiêm chủng đầy đủ trên 95%. Hoàn thiện bộ phận tham mưu quản lý nhà nước về trẻ em sau khi tiếp nhận nhiệm vụ.",
		"KIEN-NGHI":    "Đề nghị Bộ Y tế hướng dẫn cụ thể việc tiếp nhận nhiệm vụ quản lý nhà nước về trẻ em và chế độ báo cáo thống nhất. Đề nghị UBND tỉnh hỗ trợ kinh phí đào tạo bác sĩ chuyên khoa tâm thần nhi.",
	},
	"TTTT": {
		"KQ-II.1":      "Sở Thông tin và Truyền thông ban hành {QT11} văn bản định hướng các cơ quan báo chí, hệ thống thông tin cơ sở tuyên truyền Chỉ thị số 28-CT/TW và Kế hoạch số 211-KH/TU. Từ ngày 01/3/2025, nhiệm vụ của Sở được chuyển giao cho Sở Khoa học và Công nghệ.",
		"KQ-II.4":      "Phối hợp Công an tỉnh phát hiện, xử lý {TT05} trường hợp thông tin không có lợi cho trẻ em trên không gian mạng, chủ yếu là video bạo lực và quảng cáo trò chơi trực tuyến không phù hợp độ tuổi. Các trường hợp được yêu cầu gỡ bỏ hoặc chuyển cơ quan chức năng xử lý.",
		"KQ-II.5":      "Cổng thông tin điện tử tỉnh và hệ thống thông tin cơ sở đăng, phát {TT01} tin, bài về công tác trẻ em, trong đó {TT02} tin, bài về phòng, chống bạo lực, xâm hại, tai nạn, thương tích và Tổng đài 111. Đài truyền thanh cấp xã phát bản tin về trẻ em hằng tuần.",
		"TON-TAI":      "Việc phát hiện thông tin độc hại đối với trẻ em trên mạng xã hội chủ yếu dựa vào phản ánh của người dân, chưa có công cụ giám sát tự động. Việc sắp xếp bộ máy làm gián đoạn một số nhiệm vụ trong quý I.",
		"PHUONG-HUONG": "Bàn giao đầy đủ nhiệm vụ, hồ sơ về truyền thông trẻ em cho Sở Khoa học và Công nghệ. Tiếp tục định hướng báo chí tuyên truyền về trẻ em trong giai đoạn mới.",
		"KIEN-NGHI":    "Đề nghị Bộ Khoa học và Công nghệ hỗ trợ công cụ giám sát, phát hiện sớm nội dung độc hại đối với trẻ em trên không gian mạng. Đề nghị các nền tảng mạng xã hội phối hợp gỡ bỏ kịp thời nội dung vi phạm.",
	},
	"TP": {
		"KQ-II.1":      "Sở Tư pháp ban hành {QT11} văn bản chỉ đạo công tác phổ biến, giáo dục pháp luật về trẻ em và đăng ký hộ tịch cho trẻ em. Nội dung Luật Trẻ em được đưa vào chương trình phổ biến, giáo dục pháp luật năm 2025 của Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh.",
		"KQ-II.2":      "Trong năm có {HT02} trẻ em được đăng ký khai sinh, trong đó {HT03} trường hợp qua liên thông điện tử đăng ký khai sinh - đăng ký thường trú - cấp thẻ bảo hiểm y tế. Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt {HT01}%; đã giải quyết {TP02} trường hợp nhận con nuôi trong nước.",
		"KQ-II.4":      "Trung tâm Trợ giúp pháp lý nhà nước tỉnh phối hợp cơ quan tiến hành tố tụng bảo đảm quyền của người dưới 18 tuổi trong các vụ án, áp dụng thủ tục thân thiện với trẻ em. Các trợ giúp viên pháp lý được tập huấn kỹ năng làm việc với trẻ em là bị hại, người làm chứng. " + tpAidFigures,
		"KQ-II.5":      "Tổ chức {TT03} hội nghị, buổi phổ biến pháp luật về quyền trẻ em, phòng, chống xâm hại trẻ em với {TT04} lượt người tham dự. Hưởng ứng Tháng hành động vì trẻ em, các trường học được cấp tài liệu hỏi - đáp pháp luật về trẻ em.",
		"TON-TAI":      "Vẫn còn trẻ em đăng ký khai sinh quá hạn, nhất là ở vùng đồng bào Khmer và trẻ em theo cha mẹ lao động tự do. Đội ngũ trợ giúp viên pháp lý còn mỏng so với nhu cầu.",
		"PHUONG-HUONG": "Tiếp tục đẩy mạnh liên thông điện tử các thủ tục hành chính cho trẻ em dưới 6 tuổi; phấn đấu 100% trẻ em dưới 5 tuổi được đăng ký khai sinh. Mở rộng trợ giúp pháp lý cho trẻ em tại các xã vùng sâu, vùng biên giới.",
		"KIEN-NGHI":    "Đề nghị Bộ Tư pháp hướng dẫn thống nhất việc đăng ký khai sinh cho trẻ em có cha hoặc mẹ là người nước ngoài cư trú ở khu vực biên giới. Đề nghị bổ sung biên chế trợ giúp viên pháp lý cho Trung tâm Trợ giúp pháp lý nhà nước tỉnh.",
	},
	"NV": {
		"KQ-II.1":      "Sở Nội vụ ban hành {QT11} văn bản hướng dẫn kiện toàn đội ngũ làm công tác trẻ em trong quá trình sắp xếp tổ chức bộ máy. Từ ngày 01/3/2025, Sở tiếp nhận chức năng, nhiệm vụ của Sở Lao động - Thương binh và Xã hội, trừ nhiệm vụ về trẻ em chuyển sang ngành y tế.",
		"KQ-II.2":      "Hướng dẫn các địa phương bố trí công chức văn hóa - xã hội cấp xã phụ trách công tác trẻ em sau sắp xếp đơn vị hành chính, bảo đảm mỗi xã, phường có người theo dõi. Tổng hợp nhu cầu đào tạo, bồi dưỡng nghiệp vụ công tác trẻ em cho công chức cấp xã.",
		"KQ-II.5":      "Tham mưu khen thưởng {QT08} lượt tập thể, cá nhân có thành tích trong công tác chăm sóc, giáo dục và bảo vệ trẻ em, gồm {QT08:TAP_THE} tập thể và {QT08:CA_NHAN} cá nhân. Phong trào thi đua “Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em” được đưa vào tiêu chí bình xét thi đua hằng năm.",
		"TON-TAI":      "Việc sắp xếp bộ máy làm thay đổi đầu mối tham mưu công tác trẻ em, một số nơi chưa phân công rõ người phụ trách. Công chức cấp xã kiêm nhiệm nhiều việc nên thời gian dành cho công tác trẻ em còn ít.",
		"PHUONG-HUONG": "Hoàn thiện phân công công chức phụ trách công tác trẻ em tại các xã, phường mới. Phối hợp Sở Y tế bồi dưỡng nghiệp vụ cho đội ngũ này.",
		"KIEN-NGHI":    "Đề nghị Bộ Nội vụ hướng dẫn vị trí việc làm chuyên trách công tác trẻ em ở cấp xã sau sắp xếp. Đề nghị UBND tỉnh cho phép duy trì phụ cấp cho cộng tác viên trẻ em ở ấp, khu phố.",
	},
	"TC": {
		"KQ-II.1":      "Sở Tài chính ban hành {QT11} văn bản hướng dẫn lập dự toán, bố trí kinh phí thực hiện các chương trình, kế hoạch về trẻ em trong dự toán ngân sách năm 2025. Từ ngày 01/3/2025, Sở tiếp nhận thêm nhiệm vụ của Sở Kế hoạch và Đầu tư.",
		"KQ-II.3":      "Tổng kinh phí thực hiện công tác trẻ em cấp tỉnh năm 2025 là {NL01} triệu đồng, trong đó ngân sách nhà nước {NL01:NGAN_SACH} triệu đồng, huy động xã hội {NL01:HUY_DONG} triệu đồng. Kinh phí tập trung cho trợ cấp xã hội, chăm sóc thay thế, hỗ trợ học bổng và xây dựng điểm vui chơi cho trẻ em.",
		"KQ-II.5":      "Phối hợp công khai dự toán, quyết toán kinh phí thực hiện chính sách đối với trẻ em trên Cổng thông tin điện tử của Sở. Hướng dẫn các đơn vị thực hiện chế độ tài chính cho hoạt động truyền thông, Tháng hành động vì trẻ em.",
		"TON-TAI":      "Nguồn lực huy động xã hội chưa ổn định, phụ thuộc vào một số nhà tài trợ lớn. Một số đơn vị lập dự toán kinh phí công tác trẻ em chưa tách bạch với nhiệm vụ thường xuyên.",
		"PHUONG-HUONG": "Tiếp tục bố trí kinh phí thực hiện Chương trình hành động vì trẻ em trong dự toán năm 2026; hướng dẫn lồng ghép nguồn vốn các chương trình mục tiêu quốc gia cho trẻ em vùng khó khăn. Theo dõi, tổng hợp riêng kinh phí thực hiện công tác trẻ em để báo cáo.",
		"KIEN-NGHI":    "Đề nghị Bộ Tài chính hướng dẫn nội dung chi riêng cho công tác trẻ em để thuận lợi theo dõi, tổng hợp. Đề nghị UBND tỉnh giao chỉ tiêu huy động cho Quỹ Bảo trợ trẻ em các cấp.",
	},
	"KHDT": {
		"KQ-II.1":      "Sở Kế hoạch và Đầu tư tham mưu lồng ghép {QT10} chỉ tiêu về trẻ em vào Kế hoạch phát triển kinh tế - xã hội năm 2025 của tỉnh và ban hành {QT11} văn bản hướng dẫn các huyện, thành phố thực hiện. Từ ngày 01/3/2025, Sở hợp nhất vào Sở Tài chính.",
		"KQ-II.3":      "Ưu tiên bố trí vốn đầu tư công cho các công trình trường học, trạm y tế và thiết chế văn hóa, thể thao có hạng mục dành cho trẻ em. Vận động các dự án ODA, phi chính phủ hỗ trợ trẻ em ở vùng khó khăn.",
		"KQ-II.5":      "Phối hợp tuyên truyền các chỉ tiêu về trẻ em trong kế hoạch phát triển kinh tế - xã hội tại hội nghị triển khai nhiệm vụ năm. Công khai kết quả thực hiện chỉ tiêu trên Cổng thông tin điện tử của Sở.",
		"TON-TAI":      "Các chỉ tiêu về trẻ em chưa có đủ số liệu theo dõi hằng năm ở cấp huyện. Việc hợp nhất cơ quan làm chậm một số nhiệm vụ tổng hợp.",
		"PHUONG-HUONG": "Bàn giao nhiệm vụ tổng hợp chỉ tiêu về trẻ em cho Sở Tài chính. Đề xuất bộ chỉ tiêu về trẻ em cho kế hoạch năm 2026.",
		"KIEN-NGHI":    "Đề nghị cơ quan thống kê cung cấp số liệu dân số trẻ em theo đơn vị hành chính mới sau sắp xếp. Đề nghị các sở, ngành gửi số liệu chỉ tiêu về trẻ em đúng hạn để tổng hợp.",
	},
	"CA": {
		"KQ-II.1":      "Công an tỉnh ban hành {QT11} văn bản chỉ đạo Công an các đơn vị, địa phương tăng cường phòng ngừa, đấu tranh với tội phạm xâm hại trẻ em. Công tác bảo vệ trẻ em được đưa vào chỉ tiêu thi đua của lực lượng Công an cơ sở.",
		"KQ-II.2":      "Trong năm phát hiện {BV07} vụ xâm hại trẻ em với {BV04} trẻ em bị xâm hại ({BV04:F} em nữ), chủ yếu là xâm hại tình dục ({BV05:XAM_HAI_TINH_DUC} em). Đã xử lý {BV08} vụ, trong đó khởi tố {BV09:KHOI_TO} vụ, xử phạt vi phạm hành chính {BV09:XU_PHAT_HANH_CHINH} vụ.",
		"KQ-II.4":      "Phối hợp cấp {YT05} thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi qua liên thông điện tử; tỷ lệ trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế đạt {YT06}%. Có {TP03} trẻ em vi phạm pháp luật được áp dụng biện pháp xử lý chuyển hướng, giáo dục tại xã, phường. Phòng điều tra thân thiện được sử dụng khi lấy lời khai trẻ em bị hại.",
		"KQ-II.5":      "Tổ chức {TT03} buổi tuyên truyền phòng, chống xâm hại trẻ em, phòng ngừa lừa đảo và dụ dỗ trẻ em trên mạng với {TT04} lượt học sinh, phụ huynh tham dự. Số Tổng đài 111 và đường dây nóng của Công an tỉnh được giới thiệu tại các buổi tuyên truyền.",
		"TON-TAI":      "Tội phạm xâm hại tình dục trẻ em diễn biến phức tạp, nhiều vụ phát hiện muộn do gia đình che giấu. Việc thu thập chứng cứ đối với hành vi xâm hại qua không gian mạng còn khó khăn.",
		"PHUONG-HUONG": "Tăng cường phòng ngừa, đấu tranh với tội phạm xâm hại trẻ em, nhất là trên không gian mạng; duy trì phòng điều tra thân thiện. Phối hợp giải quyết nhanh thủ tục liên thông cho trẻ em dưới 6 tuổi.",
		"KIEN-NGHI":    "Đề nghị UBND tỉnh bố trí kinh phí trang bị thêm phòng điều tra thân thiện tại Công an các địa bàn trọng điểm. Đề nghị các cơ quan tiến hành tố tụng đẩy nhanh xét xử các vụ án xâm hại trẻ em.",
	},
	"BDT": {
		"KQ-II.1":      "Ban Dân tộc tỉnh ban hành {QT11} văn bản hướng dẫn lồng ghép công tác trẻ em vào Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số. Từ ngày 01/3/2025, Ban được tổ chức lại thành Sở Dân tộc và Tôn giáo.",
		"KQ-II.4":      "Trong năm phát hiện {DT01} cặp tảo hôn và {DT02} cặp hôn nhân cận huyết thống, tập trung ở các huyện Gò Quao, Châu Thành và Giang Thành. Phối hợp hỗ trợ học bổng, đồ dùng học tập cho học sinh dân tộc thiểu số nghèo.",
		"KQ-II.5":      "Tuyên truyền về quyền trẻ em, phòng, chống tảo hôn và hôn nhân cận huyết thống cho {DT03} lượt đồng bào dân tộc thiểu số qua {TT03} buổi sinh hoạt tại chùa Khmer, điểm sinh hoạt cộng đồng. Tài liệu được biên soạn song ngữ Việt - Khmer.",
		"TON-TAI":      "Tình trạng tảo hôn vẫn còn ở một số ấp có đông đồng bào Khmer do tập quán và nhận thức của một bộ phận người dân. Cán bộ làm công tác dân tộc ở cơ sở còn ít.",
		"PHUONG-HUONG": "Tiếp tục tuyên truyền phòng, chống tảo hôn qua người có uy tín và nhà chùa; nhân rộng mô hình giảm thiểu tảo hôn. Bàn giao nhiệm vụ cho Sở Dân tộc và Tôn giáo.",
		"KIEN-NGHI":    "Đề nghị UBND tỉnh bố trí kinh phí biên soạn tài liệu song ngữ Việt - Khmer về quyền trẻ em. Đề nghị ngành tư pháp tăng cường kiểm tra việc đăng ký kết hôn ở vùng đồng bào dân tộc.",
	},
	"TD": {
		"KQ-II.1":      "Ban Thường vụ Tỉnh đoàn ban hành {QT11} văn bản chỉ đạo các cơ sở Đoàn, Hội đồng Đội triển khai Chỉ thị số 28-CT/TW gắn với phong trào “Nghìn việc tốt” và Chiến dịch Thanh niên tình nguyện hè 2025. Công tác chăm sóc, giáo dục thiếu nhi được đưa vào tiêu chí xếp loại cơ sở Đoàn.",
		"KQ-II.3":      "Vận động được {NL04} triệu đồng để hỗ trợ trẻ em, xây dựng {VH06} công trình “Sân chơi cho em”; {NL03} lượt trẻ em được tặng quà, học bổng, xe đạp. Nguồn lực chủ yếu từ doanh nghiệp và đoàn viên, thanh niên đóng góp.",
		"KQ-II.4":      "Tổ chức {VH04} hoạt động vui chơi, sinh hoạt hè cho thiếu nhi; {TG05} lượt trẻ em được giáo dục kỹ năng sống, kỹ năng tự bảo vệ và {TG04} lượt được trang bị kỹ năng an toàn trên môi trường mạng. Các đội hình tình nguyện phối hợp dạy bơi cho thiếu nhi tại các địa bàn sông nước.",
		"KQ-II.5":      "Tổ chức {TG01} diễn đàn “Trẻ em nói, người lớn lắng nghe” các cấp với {TG02} lượt đội viên, thiếu nhi tham gia; ý kiến của trẻ em được tổng hợp gửi cấp ủy, chính quyền. Tổ chức {TT03} buổi truyền thông về Tổng đài 111 và phòng, chống xâm hại với {TT04} lượt đoàn viên, thiếu nhi tham dự.",
		"TON-TAI":      "Hoạt động hè ở một số xã vùng sâu còn đơn điệu do thiếu sân chơi và kinh phí. Việc trả lời, xử lý kiến nghị của trẻ em sau diễn đàn ở một số nơi còn chậm.",
		"PHUONG-HUONG": "Tiếp tục tổ chức diễn đàn trẻ em các cấp, công trình “Sân chơi cho em” và các lớp kỹ năng sống dịp hè 2026. Phối hợp xây dựng đội ngũ tình nguyện viên bảo vệ trẻ em ở khu dân cư.",
		"KIEN-NGHI":    "Đề nghị các cấp chính quyền trả lời kiến nghị của trẻ em tại diễn đàn trong thời hạn đã cam kết. Đề nghị UBND tỉnh hỗ trợ kinh phí cho hoạt động hè của thiếu nhi.",
	},
	"MTTQ": {
		"KQ-II.1":      "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh ban hành {QT11} văn bản hướng dẫn các tổ chức thành viên và Mặt trận cấp huyện triển khai Chỉ thị số 28-CT/TW. Đã chủ trì {QT07} cuộc giám sát việc thực hiện chính sách đối với trẻ em có hoàn cảnh đặc biệt.",
		"KQ-II.3":      "Mặt trận và các đoàn thể vận động được {NL04} triệu đồng để hỗ trợ trẻ em; {NL03} lượt trẻ em được tặng học bổng, xe đạp, thẻ bảo hiểm y tế và quà dịp Tết Trung thu, Tết Nguyên đán. Quỹ “Vì người nghèo” các cấp ưu tiên hỗ trợ nhà ở cho hộ nghèo có trẻ em mồ côi.",
		"KQ-II.5":      "Tổ chức {TT03} buổi tuyên truyền tại khu dân cư về phong trào “Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em” với {TT04} lượt người tham dự. Lồng ghép nội dung bảo vệ trẻ em vào Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư.",
		"TON-TAI":      "Việc giám sát còn tập trung ở một số xã, chưa bao quát hết địa bàn. Nguồn vận động chủ yếu vào dịp lễ, Tết, chưa thường xuyên.",
		"PHUONG-HUONG": "Tiếp tục vận động nguồn lực xã hội hỗ trợ trẻ em có hoàn cảnh đặc biệt; giám sát việc thực hiện chính sách đối với trẻ em tại các xã, phường mới sau sắp xếp. Đẩy mạnh phong trào “Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em” ở khu dân cư.",
		"KIEN-NGHI":    "Đề nghị UBND tỉnh cung cấp danh sách trẻ em có hoàn cảnh đặc biệt được cập nhật để Mặt trận vận động hỗ trợ đúng đối tượng. Đề nghị các sở, ngành trả lời kiến nghị sau giám sát đúng thời hạn.",
	},
	"PTTH": {
		"KQ-II.1":      "Ban Giám đốc Đài ban hành {QT11} văn bản chỉ đạo các phòng nghiệp vụ xây dựng kế hoạch tuyên truyền Chỉ thị số 28-CT/TW và Kế hoạch số 211-KH/TU. Nội dung về trẻ em được đưa vào kế hoạch sản xuất chương trình năm 2025.",
		"KQ-II.5":      "Đài phát sóng {TT01} tin, bài, phóng sự về trẻ em trên sóng phát thanh, truyền hình và nền tảng số, trong đó {TT02} tin, bài về phòng, chống bạo lực, xâm hại, đuối nước và Tổng đài 111. Tổng thời lượng chương trình về trẻ em và dành cho trẻ em là {TT06} giờ, gồm chuyên mục “Vì trẻ em hôm nay” phát sóng hằng tuần.",
		"TON-TAI":      "Chương trình dành cho thiếu nhi còn ít, chủ yếu phát lại. Kinh phí sản xuất chương trình chuyên đề về trẻ em còn hạn chế.",
		"PHUONG-HUONG": "Tăng thời lượng chương trình thiếu nhi trên nền tảng số; sản xuất loạt phóng sự về phòng, chống đuối nước trước mùa mưa lũ. Phối hợp Tỉnh đoàn đưa tiếng nói của trẻ em lên sóng.",
		"KIEN-NGHI":    "Đề nghị UBND tỉnh hỗ trợ kinh phí đặt hàng chương trình chuyên đề về trẻ em. Đề nghị các sở, ngành cung cấp thông tin kịp thời cho phóng viên.",
	},
	"BKG": {
		"KQ-II.1":      "Ban Biên tập Báo Kiên Giang ban hành {QT11} văn bản chỉ đạo phóng viên, biên tập viên tuyên truyền Chỉ thị số 28-CT/TW. Nội dung về trẻ em được đưa vào kế hoạch đề tài hằng tháng.",
		"KQ-II.5":      "Báo đăng {TT01} tin, bài về trẻ em trên báo in, báo điện tử và mạng xã hội, trong đó {TT02} tin, bài về phòng, chống bạo lực, xâm hại và Tổng đài 111. Chuyên trang “Tuổi thơ” trên Báo Kiên Giang điện tử được duy trì hằng tuần; thời lượng video về trẻ em đạt {TT06} giờ.",
		"TON-TAI":      "Số tác phẩm chuyên sâu, điều tra về xâm hại trẻ em còn ít; việc đưa tin có lúc chưa bảo đảm quyền riêng tư của trẻ em. Nguyên nhân do lực lượng phóng viên mỏng và chưa được tập huấn đầy đủ về đưa tin liên quan đến trẻ em.",
		"PHUONG-HUONG": "Tăng tin, bài phản ánh mô hình hay về chăm sóc, bảo vệ trẻ em ở cơ sở; tập huấn kỹ năng đưa tin về trẻ em cho phóng viên. Phát triển nội dung video ngắn về trẻ em trên mạng xã hội.",
		"KIEN-NGHI":    "Đề nghị UBND tỉnh hỗ trợ kinh phí đặt hàng tuyên truyền về trẻ em. Đề nghị các cơ quan chức năng cung cấp thông tin vụ việc xâm hại trẻ em kịp thời, có định hướng.",
	},
}

// tpAidFigures is the sentence Sở Tư pháp adds when its report is returned
// for lacking the number of children given legal aid.
const tpAidFigures = "Trong năm đã trợ giúp pháp lý cho {TP01} trẻ em, trong đó {TP01:F} em nữ, chủ yếu trong các vụ việc xâm hại tình dục và vi phạm pháp luật."

// narratives writes every section of unit's form for the generator's
// year.
func (g *generator) narratives(u catalog.Unit, spec *submission.FormSpec, content submission.Content) (map[string]string, error) {
	f := facts{spec: spec, content: content}
	r := g.rand(u.Code, "/narratives")
	if t, ok := g.communes[u.Code]; ok {
		return communeNarratives(spec, content, t, g.year, r)
	}
	var texts map[string]string
	var names *strings.Replacer
	if d, ok := districtOf(u.Code); ok {
		texts = districtNarratives(u, d, f, r)
	} else {
		roles := rolesOf(u.Code)
		texts = deptNarratives[roles[0]]
		if len(roles) > 1 || roles[0] != u.Code {
			names = anGiangNames
		}
	}
	out := map[string]string{}
	for _, ns := range spec.Narratives {
		text, ok := texts[ns.Code]
		if !ok {
			text = u.Name + " đã triển khai các nhiệm vụ thuộc nội dung “" + ns.Title + "” theo Kế hoạch của UBND tỉnh. Kết quả cụ thể được tổng hợp trong các biểu số liệu kèm theo báo cáo."
		}
		if names != nil {
			text = names.Replace(text)
		}
		out[ns.Code] = f.expand(inYear(text, g.year))
	}
	return out, nil
}

// anGiangNames fit Kiên Giang's texts to the An Giang bodies that carry
// their work on: the bodies' new names, the commune level for the
// districts.
var anGiangNames = strings.NewReplacer(
	"Sở Văn hóa và Thể thao", "Sở Văn hóa, Thể thao và Du lịch",
	"Ban Dân tộc tỉnh", "Sở Dân tộc và Tôn giáo",
	"Ban Dân tộc", "Sở Dân tộc và Tôn giáo",
	"Báo Kiên Giang", "Báo An Giang",
	"huyện, thành phố", "xã, phường, đặc khu",
	"các huyện vùng U Minh", "các xã vùng U Minh",
	"huyện đảo Kiên Hải", "đặc khu Kiên Hải",
	"ở cấp huyện", "ở cấp xã",
	"Mặt trận cấp huyện", "Mặt trận cấp xã",
	"tập trung ở các huyện Gò Quao, Châu Thành và Giang Thành", "tập trung ở các xã có đông đồng bào Khmer thuộc Gò Quao, Tri Tôn, Tịnh Biên và Giang Thành",
)
