package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
)

// This file is the adapter between the renderer and the file gofpdf
// writes (maroto draws with gofpdf): the one place that reads gofpdf's
// output back rather than using maroto's and gofpdf's APIs. writeDocument
// is its entry point.
//
// Page streams are compressed here rather than by gofpdf. gofpdf
// compresses each page with a new zlib writer, and a writer is over a
// megabyte of tables to allocate and clear: for a national report's four
// thousand pages that is 4 GB more allocated, a third more CPU and some
// 70 MB more at the peak (BENCHMARKS.md). compressPages takes the document
// gofpdf wrote without compression and deflates its page streams with one
// writer kept between reports, at gofpdf's level (BestSpeed), so the file
// is the one gofpdf would have written with compression on.
// TestCompressPages holds the two to the same streams on today's gofpdf,
// TestWriteDocument_Golden to the same file.

// writeDocument draws pages with maroto under cfg as one document and
// returns the file, its page streams compressed. A layout compressPages
// does not know (a later gofpdf) leaves the pages uncompressed: a larger
// file, still the right report, rather than no report at all; the tests
// above catch it.
func writeDocument(cfg *entity.Config, pages [][]core.Row) ([]byte, error) {
	cfg.Compression = false // compressPages compresses, with a kept writer
	mt := maroto.New(cfg)
	for _, p := range pages {
		mt.AddPages(page.New().Add(p...))
	}
	doc, err := mt.Generate()
	if err != nil {
		return nil, fmt.Errorf("generate: %w", err)
	}
	out := doc.GetBytes()
	if packed, err := compressPages(out); err == nil {
		out = packed
	}
	return out, nil
}

// deflaters keeps zlib writers and their output buffers between documents.
var deflaters = make(idle[*deflater], 4)

func newDeflater() (*deflater, error) {
	d := &deflater{}
	var err error
	d.w, err = zlib.NewWriterLevel(&d.buf, zlib.BestSpeed)
	return d, err
}

type deflater struct {
	w   *zlib.Writer
	buf bytes.Buffer
}

// deflate returns data compressed, valid until the next call.
func (d *deflater) deflate(data []byte) ([]byte, error) {
	d.buf.Reset()
	d.w.Reset(&d.buf)
	if _, err := d.w.Write(data); err != nil {
		return nil, err
	}
	if err := d.w.Close(); err != nil {
		return nil, err
	}
	return d.buf.Bytes(), nil
}

// object is one numbered object of a PDF file and where it lies.
type object struct {
	num, at int
}

// compressPages rewrites a PDF as gofpdf writes it uncompressed (objects
// one after the other, a cross-reference table, a trailer) with the
// content stream of every page deflated, and the cross-reference table
// redone for the new offsets. Any other layout is an error, not a guess.
func compressPages(doc []byte) ([]byte, error) {
	xrefAt, err := startXref(doc)
	if err != nil {
		return nil, err
	}
	objs, trailer, err := xref(doc, xrefAt)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(objs, func(a, b object) int { return a.at - b.at })
	body := func(i int) []byte { // the bytes of objs[i], up to the next one
		if i+1 < len(objs) {
			return doc[objs[i].at:objs[i+1].at]
		}
		return doc[objs[i].at:xrefAt]
	}
	contents := make([]bool, len(objs)+1) // by object number
	for i := range objs {
		if n, ok := pageContents(body(i)); ok && n > 0 && n < len(contents) {
			contents[n] = true
		}
	}
	d, err := deflaters.take(newDeflater)
	if err != nil {
		return nil, err
	}
	defer deflaters.put(d)
	out := make([]byte, 0, len(doc)/4)
	out = append(out, doc[:objs[0].at]...)
	offsets := make([]int, len(objs)+1)
	for i, o := range objs {
		offsets[o.num] = len(out)
		if !contents[o.num] {
			out = append(out, body(i)...)
			continue
		}
		data, err := streamData(body(i), o.num)
		if err != nil {
			return nil, err
		}
		packed, err := d.deflate(data)
		if err != nil {
			return nil, fmt.Errorf("compress page stream %d: %w", o.num, err)
		}
		out = fmt.Appendf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, len(packed))
		out = append(out, packed...)
		out = append(out, "\nendstream\nendobj\n"...)
	}
	at := len(out)
	out = fmt.Appendf(out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range offsets[1:] {
		out = fmt.Appendf(out, "%010d 00000 n \n", off)
	}
	out = append(out, trailer...)
	return fmt.Appendf(out, "startxref\n%d\n%%%%EOF\n", at), nil
}

// startXref is the offset of the cross-reference table.
func startXref(doc []byte) (int, error) {
	i := bytes.LastIndex(doc, []byte("\nstartxref\n"))
	if i < 0 {
		return 0, errors.New("pdf: no startxref")
	}
	rest := doc[i+len("\nstartxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return 0, errors.New("pdf: truncated startxref")
	}
	n, err := strconv.Atoi(string(rest[:end]))
	if err != nil || n <= 0 || n >= i {
		return 0, fmt.Errorf("pdf: bad startxref %q", rest[:end])
	}
	return n, nil
}

// xref reads the single-section cross-reference table at xrefAt: the
// objects it lists and the trailer after it, up to startxref.
func xref(doc []byte, xrefAt int) ([]object, []byte, error) {
	rest, ok := bytes.CutPrefix(doc[xrefAt:], []byte("xref\n0 "))
	if !ok {
		return nil, nil, errors.New("pdf: no cross-reference table at startxref")
	}
	size, table, ok := bytes.Cut(rest, []byte("\n"))
	count, err := strconv.Atoi(string(size))
	if !ok || err != nil || count < 2 {
		return nil, nil, fmt.Errorf("pdf: unexpected cross-reference table size %q", size)
	}
	const entry = 20 // "0000001234 00000 n \n"
	if len(table) < count*entry || !bytes.Equal(table[:entry], []byte("0000000000 65535 f \n")) {
		return nil, nil, errors.New("pdf: unexpected cross-reference table")
	}
	objs := make([]object, 0, count-1)
	for n := 1; n < count; n++ {
		e := table[n*entry : (n+1)*entry]
		if !bytes.HasSuffix(e, []byte(" 00000 n \n")) {
			return nil, nil, fmt.Errorf("pdf: unexpected cross-reference entry %q", e)
		}
		at, err := strconv.Atoi(string(e[:10]))
		if err != nil || at <= 0 || at >= xrefAt {
			return nil, nil, fmt.Errorf("pdf: bad offset in cross-reference entry %q", e)
		}
		objs = append(objs, object{num: n, at: at})
	}
	trailer := table[count*entry:]
	end := bytes.LastIndex(trailer, []byte("startxref\n"))
	if !bytes.HasPrefix(trailer, []byte("trailer\n")) || end < 0 {
		return nil, nil, errors.New("pdf: no trailer after the cross-reference table")
	}
	return objs, trailer[:end], nil
}

// pageContents is the number of the content stream of a page object.
func pageContents(obj []byte) (int, bool) {
	_, dict, ok := bytes.Cut(obj, []byte(" 0 obj\n"))
	if !ok || !bytes.HasPrefix(dict, []byte("<</Type /Page\n")) {
		return 0, false
	}
	dict, _, _ = bytes.Cut(dict, []byte("endobj"))
	// The last one: gofpdf writes the page's own /Contents after its
	// /Annots, where an annotation may have a /Contents of its own.
	i := bytes.LastIndex(dict, []byte("/Contents "))
	if i < 0 {
		return 0, false
	}
	ref := dict[i+len("/Contents "):]
	num, _, ok := bytes.Cut(ref, []byte(" 0 R"))
	n, err := strconv.Atoi(string(num))
	return n, ok && err == nil
}

// streamData is the data of an uncompressed stream object numbered num.
func streamData(obj []byte, num int) ([]byte, error) {
	head := fmt.Sprintf("%d 0 obj\n<</Length ", num)
	rest, ok := bytes.CutPrefix(obj, []byte(head))
	if !ok {
		return nil, fmt.Errorf("pdf: page stream %d is not a plain stream", num)
	}
	length, rest, ok := bytes.Cut(rest, []byte(">>\nstream\n"))
	n, err := strconv.Atoi(string(length))
	if !ok || err != nil || n < 0 || len(rest) != n+len("\nendstream\nendobj\n") ||
		!bytes.HasSuffix(rest, []byte("\nendstream\nendobj\n")) {
		return nil, fmt.Errorf("pdf: unexpected layout of page stream %d", num)
	}
	return rest[:n], nil
}
