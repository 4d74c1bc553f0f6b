package xlsxform

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"io"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"baocao/internal/submission"
)

// zipOf packs files (name, content) with deflate at best speed.
func zipOf(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, f[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

const bombSize = 200 << 20

var bomb struct {
	once sync.Once
	data []byte
}

// zipBomb is workbook base with one more part inflating to 200 MiB of
// zeros, compressed while streaming so the test never holds them.
func zipBomb(t testing.TB, base []byte) []byte {
	t.Helper()
	bomb.once.Do(func() {
		zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		for _, zf := range zr.File {
			if err := zw.Copy(zf); err != nil {
				t.Fatal(err)
			}
		}
		w, err := zw.Create("xl/media/image1.png")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.CopyN(w, zeros{}, bombSize); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		bomb.data = buf.Bytes()
	})
	return bomb.data
}

// lyingBomb is zipBomb with its central directory claiming the extra part
// inflates to 1 KiB.
func lyingBomb(t testing.TB, base []byte) []byte {
	data := slices.Clone(zipBomb(t, base))
	sig := []byte{'P', 'K', 1, 2}
	for i := bytes.Index(data, sig); i >= 0; {
		if binary.LittleEndian.Uint32(data[i+24:]) == bombSize {
			binary.LittleEndian.PutUint32(data[i+24:], 1<<10)
		}
		next := bytes.Index(data[i+4:], sig)
		if next < 0 {
			break
		}
		i += 4 + next
	}
	return data
}

// unzipped is the sum of the declared sizes of data's parts.
func unzipped(t testing.TB, data []byte) int64 {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return sumSizes(zr.File)
}

func TestRead_refusals(t *testing.T) {
	spec := minimalSpec(t)
	id := testIdentity(spec)
	good := fillTyped(t, spec)
	c := minimalCatalog(t)
	other := submission.BuildForm(c, c.Forms[1])
	withoutIdentity := func() []byte {
		f, err := excelize.OpenReader(bytes.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.DeleteSheet("_baocao"); err != nil {
			t.Fatal(err)
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name   string
		data   func() []byte
		spec   *submission.FormSpec
		want   func(Identity) Identity
		limits Limits
		msgs   []string
		// accepted cases are read; the others refused with msgs.
		accepted bool
	}{
		{name: "not a zip", data: func() []byte { return []byte("Số liệu năm 2024") },
			msgs: []string{"Tệp không phải bảng tính Excel (.xlsx)"}},
		{name: "a zip that is not a workbook", data: func() []byte { return zipOf(t, [2]string{"ghi-chu.txt", "xin chào"}) },
			msgs: []string{"Tệp không phải bảng tính Excel (.xlsx)"}},
		{name: "a Word document", data: func() []byte {
			return zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", "<w:document/>"})
		}, msgs: []string{"Tệp không phải bảng tính Excel (.xlsx)"}},
		{name: "oversize file", data: func() []byte { return good }, limits: Limits{MaxFileSize: 4 << 10},
			msgs: []string{"Tệp quá lớn (" + submission.FormatSize(int64(len(good))) + "); dung lượng tối đa là 4 KB"}},
		{name: "over the default limit", data: func() []byte { return make([]byte, 10<<20+1) },
			msgs: []string{"Tệp quá lớn (10,1 MB); dung lượng tối đa là 10 MB"}},
		{name: "zip bomb", data: func() []byte { return zipBomb(t, good) }, limits: Limits{MaxUnzippedSize: 50 << 20},
			msgs: []string{"Nội dung tệp sau khi giải nén quá lớn (" + submission.FormatSize(bombSize+unzipped(t, good)) + "); tối đa là 50 MB"}},
		// archive/zip stops inflating a part at its declared size, so a
		// lie only truncates the extra part: the workbook reads as usual.
		{name: "zip bomb lying about its size", data: func() []byte { return lyingBomb(t, good) }, limits: Limits{MaxUnzippedSize: 50 << 20},
			accepted: true},
		{name: "another round", data: func() []byte { return good },
			want: func(id Identity) Identity { id.Round = "NAM-2025"; return id },
			msgs: []string{"Tệp là biểu mẫu của kỳ báo cáo NAM-2024, không phải của kỳ NAM-2025 đang nộp"}},
		{name: "another unit", data: func() []byte { return good },
			want: func(id Identity) Identity { id.Unit = "SO2"; return id },
			msgs: []string{"Tệp là biểu mẫu của đơn vị SO1, không phải của đơn vị SO2"}},
		{name: "another round and unit", data: func() []byte { return good },
			want: func(id Identity) Identity { id.Round, id.Unit = "NAM-2025", "SO2"; return id },
			msgs: []string{"Tệp là biểu mẫu của kỳ báo cáo NAM-2024, không phải của kỳ NAM-2025 đang nộp",
				"Tệp là biểu mẫu của đơn vị SO1, không phải của đơn vị SO2"}},
		{name: "older catalog version", data: func() []byte { return good },
			want: func(id Identity) Identity { id.CatalogVersion = 2; return id },
			msgs: []string{"Tệp được tạo theo danh mục chỉ tiêu phiên bản 1, cũ hơn phiên bản hiện hành 2: hãy tải lại biểu mẫu mới"}},
		{name: "structure changed", data: func() []byte { return good }, spec: other,
			want: func(id Identity) Identity { id.FormChecksum = Checksum(other); return id },
			msgs: []string{"Cấu trúc biểu mẫu đã thay đổi so với tệp đã tải về: hãy tải lại biểu mẫu mới"}},
		{name: "map of another form", data: func() []byte { return good }, spec: other,
			msgs: []string{"Cấu trúc biểu mẫu đã thay đổi so với tệp đã tải về: hãy tải lại biểu mẫu mới"}},
		{name: "identity sheet removed", data: withoutIdentity,
			msgs: []string{"Không tìm thấy thông tin nhận dạng biểu mẫu: hãy dùng tệp tải về từ hệ thống"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, want := spec, id
			if tt.spec != nil {
				s = tt.spec
			}
			if tt.want != nil {
				want = tt.want(id)
			}
			data := tt.data()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			change, problems, err := Read(t.Context(), data, s, want, tt.limits)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatalf("Read error: %v", err)
			}
			var msgs []string
			for _, p := range problems {
				msgs = append(msgs, p.String())
			}
			if !slices.Equal(msgs, tt.msgs) {
				t.Errorf("problems = %q\nwant       %q", msgs, tt.msgs)
			}
			if got := len(change.Entries) > 0; got != tt.accepted {
				t.Errorf("gave entries: %v, want %v", got, tt.accepted)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 32<<20 {
				t.Errorf("Read allocated %d MiB refusing it", grown>>20)
			}
		})
	}
}
