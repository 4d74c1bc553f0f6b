// Package signing signs the official report PDF with the issuer's
// certificate and verifies signed PDFs: a CMS signature over the whole
// file (PDF signature field, SubFilter adbe.pkcs7.detached, as
// github.com/digitorus/pdfsign writes it), with an RFC 3161 timestamp when
// a timestamping authority is configured. It imports no database and no
// HTTP.
package signing

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"software.sslmate.com/src/go-pkcs12"
)

// Identity is who signs: a key and its certificate chain, and where
// timestamps come from.
type Identity struct {
	Key   crypto.Signer
	Cert  *x509.Certificate
	Chain []*x509.Certificate
	// TSA is the RFC 3161 timestamping authority's URL; empty signs
	// without a timestamp (the signing time is then the signer's claim).
	TSA string
	// Test says the certificate is the self-signed test certificate of
	// development, which no verifier trusts.
	Test bool
}

// Name is the certificate's subject as people read it.
func (id *Identity) Name() string { return id.Cert.Subject.CommonName }

// LoadP12 reads a PKCS#12 file (.p12, .pfx) with its password: the key,
// its certificate and the chain.
func LoadP12(path, password string) (*Identity, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("signing certificate: %w", err)
	}
	key, cert, chain, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		return nil, fmt.Errorf("signing certificate %s: %w", path, err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("signing certificate %s: the key cannot sign", path)
	}
	return &Identity{Key: signer, Cert: cert, Chain: chain}, nil
}

// TestCertificateName is the common name of development's certificate:
// it says what it is wherever a reader looks at the signature.
const TestCertificateName = "CHỨNG THƯ THỬ NGHIỆM (không có giá trị pháp lý)"

// testPassword protects development's test certificate file; it guards
// nothing real.
const testPassword = "baocao-test-certificate"

// DevIdentity is development's signing identity: a self-signed test
// certificate for agency, made at first start in dir and reused after.
func DevIdentity(dir, agency string, now time.Time) (*Identity, error) {
	path := filepath.Join(dir, "test-signing.p12")
	if _, err := os.Stat(path); err == nil {
		id, err := LoadP12(path, testPassword)
		if err == nil {
			id.Test = true
		}
		return id, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, err
	}
	tpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{CommonName: TestCertificateName, Organization: []string{agency},
			OrganizationalUnit: []string{"baocao: chứng thư tự ký để thử nghiệm"}, Country: []string{"VN"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(5, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	pfx, err := pkcs12.Modern.Encode(key, cert, nil, testPassword)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, pfx, 0o600); err != nil {
		return nil, err
	}
	return &Identity{Key: key, Cert: cert, Test: true}, nil
}

// Info is what a signature says of itself.
type Info struct {
	// Name is the signer (the agency, or the person for it); Location,
	// Reason and Date as a PDF signature records them.
	Name, Location, Reason string
	Date                   time.Time
}

// SignPDF signs the whole of a PDF: an incremental update adds the
// signature, whose byte range covers every byte but the signature itself.
func (id *Identity) SignPDF(data []byte, info Info) ([]byte, error) {
	if id == nil {
		return nil, ErrNoIdentity
	}
	rdr, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("sign: read PDF: %w", err)
	}
	chain := append([]*x509.Certificate{id.Cert}, id.Chain...)
	var out bytes.Buffer
	err = sign.Sign(bytes.NewReader(data), &out, rdr, int64(len(data)), sign.SignData{
		Signature: sign.SignDataSignature{
			Info:       sign.SignDataSignatureInfo{Name: info.Name, Location: info.Location, Reason: info.Reason, Date: info.Date},
			CertType:   sign.ApprovalSignature,
			DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
		},
		Signer:            id.Key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       id.Cert,
		CertificateChains: [][]*x509.Certificate{chain},
		TSA:               sign.TSA{URL: id.TSA},
	})
	if err != nil {
		return nil, fmt.Errorf("sign PDF: %w", err)
	}
	return out.Bytes(), nil
}

// ErrNoIdentity refuses to sign without a certificate.
var ErrNoIdentity = errors.New("no signing certificate configured (BAOCAO_SIGN_P12)")
