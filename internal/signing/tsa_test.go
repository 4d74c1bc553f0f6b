package signing

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/timestamp"
)

// tsa is an RFC 3161 timestamping authority on loopback that stamps every
// request with at.
func tsa(t *testing.T, at time.Time) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "TSA thử nghiệm"},
		NotBefore: at.Add(-time.Hour), NotAfter: at.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, err := timestamp.ParseRequest(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ts := timestamp.Timestamp{HashAlgorithm: req.HashAlgorithm, HashedMessage: req.HashedMessage, Time: at,
			Policy: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Nonce: req.Nonce, AddTSACertificate: req.Certificates}
		resp, err := ts.CreateResponse(cert, key)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/timestamp-reply")
		w.Write(resp)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// With a timestamping authority, the signature carries its time, not the
// signer's claim, and both verifiers still accept it.
func TestIdentity_SignPDF_WithTimestamp(t *testing.T) {
	stamped := time.Date(2026, 12, 2, 13, 20, 0, 0, time.UTC)
	id, err := DevIdentity(t.TempDir(), "Sở Y tế tỉnh An Giang", stamped)
	if err != nil {
		t.Fatal(err)
	}
	id.TSA = tsa(t, stamped)
	claimed := stamped.Add(-3 * time.Hour) // what the signer says; the TSA's time wins
	signed, err := id.SignPDF(aPDF(t), Info{Name: "Sở Y tế tỉnh An Giang", Date: claimed})
	if err != nil {
		t.Fatal(err)
	}
	if out := pdfsig(t, signed); !strings.Contains(out, "Signature is Valid") || !strings.Contains(out, "Total document signed") {
		t.Fatalf("pdfsig on the timestamped PDF:\n%s", out)
	}
	sigs := VerifyPDF(signed)
	if len(sigs) != 1 || !sigs[0].OK || !sigs[0].SignedAt.Equal(stamped) {
		t.Fatalf("VerifyPDF = %+v, want signed at the TSA's %v", sigs, stamped)
	}
}
