package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"time"

	mimage "github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"baocao/internal/consolidate"
)

// How an issued report shows its digital signature (Decree 30/2020,
// Appendix I): the seal at its actual size over the left third of the
// signer's signature.
const (
	sealMM      = 38.0 // a seal is 36 to 42 mm across
	signatureMM = 20.0 // the signature image's height
	maxSignMM   = 60.0 // the signature image's widest
	pxPerMM     = 8    // resolution of the composed picture (about 200 dpi)
	signSize    = 10.0 // point size of the agency and signing time
)

// signedAt is the signing time in ISO 8601 with Vietnam's offset.
func signedAt(t time.Time) string { return t.In(zone).Format(time.RFC3339) }

// signatureImage draws the signer's signature with the agency's seal over
// its left third into one PNG, and returns it with its size in mm; when
// one image is missing it is the other alone, and nil when both are.
func signatureImage(sig *consolidate.SignatureMark) (pic []byte, w, h float64, err error) {
	var signer, seal image.Image
	if len(sig.SignerImage) > 0 {
		if signer, err = png.Decode(bytes.NewReader(sig.SignerImage)); err != nil {
			return nil, 0, 0, fmt.Errorf("signer image: %w", err)
		}
		signer = scaleTo(signer, signatureMM*pxPerMM, maxSignMM*pxPerMM)
	}
	if len(sig.SealImage) > 0 {
		if seal, err = png.Decode(bytes.NewReader(sig.SealImage)); err != nil {
			return nil, 0, 0, fmt.Errorf("seal image: %w", err)
		}
		b := seal.Bounds()
		seal = scaleTo(seal, sealMM*pxPerMM*float64(b.Dy())/float64(b.Dx()), sealMM*pxPerMM)
	}
	if signer == nil && seal == nil {
		return nil, 0, 0, nil
	}
	var sigW, sigH, sealW, sealH int
	if signer != nil {
		sigW, sigH = signer.Bounds().Dx(), signer.Bounds().Dy()
	}
	if seal != nil {
		sealW, sealH = seal.Bounds().Dx(), seal.Bounds().Dy()
	}
	// The seal's right edge is a third into the signature.
	sigX := max(0, sealW-sigW/3)
	sealX := 0
	if signer != nil {
		sealX = max(0, sigX+sigW/3-sealW)
	}
	cw, ch := max(sigX+sigW, sealX+sealW), max(sigH, sealH)
	canvas := image.NewNRGBA(image.Rect(0, 0, cw, ch))
	if signer != nil {
		draw.Draw(canvas, image.Rect(sigX, (ch-sigH)/2, sigX+sigW, (ch+sigH)/2), signer, image.Point{}, draw.Over)
	}
	if seal != nil {
		draw.Draw(canvas, image.Rect(sealX, (ch-sealH)/2, sealX+sealW, (ch+sealH)/2), seal, image.Point{}, draw.Over)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, canvas); err != nil {
		return nil, 0, 0, fmt.Errorf("encode signature: %w", err)
	}
	return buf.Bytes(), float64(cw) / pxPerMM, float64(ch) / pxPerMM, nil
}

// scaleTo resizes img (nearest neighbour) to height h pixels, keeping its
// proportions, and no wider than maxW.
func scaleTo(img image.Image, h, maxW float64) image.Image {
	b := img.Bounds()
	if b.Dx() == 0 || b.Dy() == 0 {
		return img
	}
	w := h * float64(b.Dx()) / float64(b.Dy())
	if w > maxW {
		w, h = maxW, maxW*float64(b.Dy())/float64(b.Dx())
	}
	dw, dh := max(1, int(w+0.5)), max(1, int(h+0.5))
	out := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		sy := b.Min.Y + y*b.Dy()/dh
		for x := range dw {
			out.Set(x, y, img.At(b.Min.X+x*b.Dx()/dw, sy))
		}
	}
	return out
}

// signing is what the signing place of the closing block shows of an
// issued report's digital signature, from top in a column colW mm wide:
// the composed picture, the agency and the signing time. It returns the
// components and the height they take.
func (r *renderer) signing(sig *consolidate.SignatureMark, top, colW float64) ([]core.Component, float64) {
	var out []core.Component
	y := top
	pic, w, h, err := signatureImage(sig)
	if err == nil && pic != nil {
		w, h = min(w, colW), h*min(w, colW)/w
		out = append(out, mimage.NewFromBytes(pic, extension.Png, propsRect((colW-w)/2, y, 100*w/colW)))
		y += h + 1
	}
	for _, s := range []string{sig.Agency, fmt.Sprintf(msgSignedAt, signedAt(sig.SignedAt))} {
		p := txt(signSize, fontstyle.Italic, align.Center)
		p.Top = y
		out = append(out, text.New(s, p))
		y += lineHeight(signSize)
	}
	return out, y - top
}

// signatureInfo is the agency's signature information at the top right of
// an appendix's first page: the set's number and symbol and the signing
// time; none on a draft or an unsigned report.
func (r *renderer) signatureInfo() []core.Row {
	sig := r.meta.Signature
	if !r.meta.Issued || sig == nil {
		return nil
	}
	return []core.Row{
		textRow(fmt.Sprintf(msgNumber2, sig.NumberSymbol), txt(signSize, fontstyle.Normal, align.Right)),
		textRow(signedAt(sig.SignedAt), txt(signSize, fontstyle.Normal, align.Right)),
		space(2),
	}
}

func propsRect(left, top, percent float64) props.Rect {
	return props.Rect{Left: left, Top: top, Percent: percent, JustReferenceWidth: true}
}
