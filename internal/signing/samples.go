package signing

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The sample images stand in for a real seal and signature until the
// administrator sets the issuer's own (BAOCAO_SEAL_IMAGE,
// BAOCAO_SIGNATURE_IMAGE): drawn, and saying on their face that they are
// samples, so that no one takes them for the agency's.

// sampleDPI is the resolution of the sample images: the seal is 38 mm
// across, a Decree 30 seal's size, at this many dots per inch.
const sampleDPI = 150

// mm is a length in pixels at sampleDPI; mmf the same unrounded.
func mm(v float64) int { return int(math.Round(mmf(v))) }

func mmf(v float64) float64 { return v / 25.4 * sampleDPI }

// SampleSeal is a red, round, transparent seal image 38 mm across that
// reads "MẪU" (sample) and the agency's name.
func SampleSeal(agency string) ([]byte, error) {
	size := mm(38)
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	red := color.NRGBA{0xc8, 0x10, 0x2e, 0xff}
	c := float64(size) / 2
	for y := range size {
		for x := range size {
			d := math.Hypot(float64(x)+0.5-c, float64(y)+0.5-c)
			if (d <= c-1 && d >= c-mmf(1.2)) || (d <= c-mmf(2.4) && d >= c-mmf(3)) {
				img.Set(x, y, red)
			}
		}
	}
	if err := drawCentred(img, "MẪU", liberationserifbold.TTF, 30, int(c)+mm(4), red); err != nil {
		return nil, err
	}
	if err := drawFitted(img, shorten(agency, 40), liberationserifbold.TTF, 7.5, int(c)-mm(6), size*7/10, red); err != nil {
		return nil, err
	}
	if err := drawCentred(img, "(con dấu mẫu)", liberationserifitalic.TTF, 8, int(c)+mm(10), red); err != nil {
		return nil, err
	}
	return encode(img)
}

// SampleSignature is a signer's signature image, 50 × 20 mm, transparent,
// that reads "Chữ ký mẫu" (sample signature).
func SampleSignature() ([]byte, error) {
	w, h := mm(50), mm(20)
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	ink := color.NRGBA{0x1a, 0x2a, 0x80, 0xff}
	// A stroke under the words, as a hand would make it.
	for x := mm(4); x < w-mm(4); x++ {
		y := h*3/4 + int(3*math.Sin(float64(x)/18))
		for t := range 3 {
			img.Set(x, y+t, ink)
		}
	}
	if err := drawCentred(img, "Chữ ký mẫu", liberationserifitalic.TTF, 22, h/2+mm(1), ink); err != nil {
		return nil, err
	}
	return encode(img)
}

// drawFitted writes text centred at baseline y, in the largest size up to
// points that keeps it within width pixels.
func drawFitted(img *image.NRGBA, text string, ttf []byte, points float64, y, width int, c color.Color) error {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return fmt.Errorf("sample image font: %w", err)
	}
	for ; points > 4; points -= 0.5 {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: points, DPI: sampleDPI, Hinting: font.HintingFull})
		if err != nil {
			return fmt.Errorf("sample image font: %w", err)
		}
		w := font.MeasureString(face, text).Ceil()
		face.Close()
		if w <= width {
			break
		}
	}
	return drawCentred(img, text, ttf, points, y, c)
}

// drawCentred writes text centred on the image at baseline y.
func drawCentred(img *image.NRGBA, text string, ttf []byte, points float64, y int, c color.Color) error {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return fmt.Errorf("sample image font: %w", err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: points, DPI: sampleDPI, Hinting: font.HintingFull})
	if err != nil {
		return fmt.Errorf("sample image font: %w", err)
	}
	defer face.Close()
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face}
	width := d.MeasureString(text).Ceil()
	d.Dot = fixed.P((img.Bounds().Dx()-width)/2, y)
	d.DrawString(text)
	return nil
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func encode(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
