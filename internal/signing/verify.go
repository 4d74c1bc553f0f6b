package signing

import (
	"bytes"
	"regexp"
	"strconv"
	"time"

	"github.com/digitorus/pdfsign/verify"
)

// Signature is one signature of a PDF as a check finds it.
type Signature struct {
	Signer   string    `json:"signer"`
	SignedAt time.Time `json:"signed_at"`
	// Valid says the signature matches the bytes it covers and its
	// certificate; CoversWholeFile that those bytes are the whole file
	// but the signature itself, so nothing was added after signing.
	Valid           bool `json:"-"`
	CoversWholeFile bool `json:"covers_whole_file"`
	// Trusted says the certificate chains to a root this machine trusts
	// (a test certificate never does).
	Trusted bool `json:"trusted"`
	// OK is Valid and CoversWholeFile: the document is as signed.
	OK      bool   `json:"ok"`
	Problem string `json:"problem,omitempty"`
}

// byteRange finds the byte ranges signatures cover.
var byteRange = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// VerifyPDF checks every signature of a PDF. A PDF with no signature, or
// one that cannot be read, has none: the caller decides what that means.
func VerifyPDF(data []byte) []Signature {
	opts := verify.DefaultVerifyOptions()
	opts.TrustSignatureTime = true
	// Any key usage: the verdict here is about the document's integrity;
	// Trusted reports the chain.
	opts.RequiredEKUs, opts.AllowedEKUs = nil, nil
	resp, err := verify.VerifyWithOptions(bytes.NewReader(data), int64(len(data)), opts)
	if err != nil && (resp == nil || len(resp.Signers) == 0) {
		return nil
	}
	ranges := byteRange.FindAllSubmatch(data, -1)
	var out []Signature
	for i, s := range resp.Signers {
		sig := Signature{Signer: s.Name, Valid: s.ValidSignature, Trusted: s.TrustedIssuer}
		if len(s.Certificates) > 0 && s.Certificates[0].Certificate != nil {
			sig.Signer = s.Certificates[0].Certificate.Subject.CommonName
		}
		if s.SignatureTime != nil {
			sig.SignedAt = *s.SignatureTime
		}
		if s.TimeStamp != nil {
			sig.SignedAt = s.TimeStamp.Time
		}
		// The last signature is the one that must reach the end of the
		// file; earlier ones cover the revisions they signed.
		if i < len(ranges) {
			n := func(k int) int64 { v, _ := strconv.ParseInt(string(ranges[i][k]), 10, 64); return v }
			last := i == len(resp.Signers)-1
			sig.CoversWholeFile = n(1) == 0 && (!last || n(3)+n(4) == int64(len(data)))
		}
		sig.OK = sig.Valid && sig.CoversWholeFile
		switch {
		case !sig.Valid:
			sig.Problem = "chữ ký không khớp với nội dung: tệp đã bị sửa sau khi ký"
		case !sig.CoversWholeFile:
			sig.Problem = "tệp có thêm nội dung sau khi ký"
		}
		out = append(out, sig)
	}
	return out
}
