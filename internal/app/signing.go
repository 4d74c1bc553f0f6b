package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/config"
	"baocao/internal/domain"
	"baocao/internal/postgres"
	"baocao/internal/reports"
	"baocao/internal/signing"
)

// signingSetup is how the official report is signed: the certificate of
// BAOCAO_SIGN_P12 or, in dev without one, a self-signed test certificate
// made once under the data directory for the body issuing reports today;
// the seal and signature images of BAOCAO_SEAL_IMAGE and
// BAOCAO_SIGNATURE_IMAGE or, in dev, drawn samples that say they are
// samples. In prod without a certificate issuing is refused.
func signingSetup(ctx context.Context, pool *pgxpool.Pool, cfg config.Config, logger *slog.Logger) (reports.Signing, error) {
	var s reports.Signing
	issuer := "baocao"
	if v, err := postgres.CurrentCatalog(ctx, pool); err == nil {
		if roles, err := v.Catalog.RolesOn(v.Catalog.LocalDay(time.Now())); err == nil {
			issuer = roles.Issuer.IssuingBody
		}
	} else if !errors.Is(err, domain.ErrNoCatalog) {
		return s, err
	}
	var err error
	switch {
	case cfg.SignP12 != "":
		if s.Identity, err = signing.LoadP12(cfg.SignP12, cfg.SignP12Password); err != nil {
			return s, fmt.Errorf("BAOCAO_SIGN_P12: %w", err)
		}
		logger.Info("official reports are signed", "certificate", s.Identity.Name(), "valid_until", s.Identity.Cert.NotAfter.Format(time.DateOnly))
	case cfg.Env == config.Dev:
		if s.Identity, err = signing.DevIdentity(filepath.Join(cfg.DataDir, "signing"), issuer, time.Now()); err != nil {
			return s, fmt.Errorf("test signing certificate: %w", err)
		}
		logger.Warn("official reports are signed with a self-signed TEST certificate; set BAOCAO_SIGN_P12 to sign with the issuer's own")
	default:
		logger.Warn("BAOCAO_SIGN_P12 is not set: reports cannot be issued (signed) until it is")
	}
	if s.Identity != nil {
		s.Identity.TSA = cfg.TSAURL
	}
	if s.SealImage, err = image(cfg.SealImage, cfg.Env, func() ([]byte, error) { return signing.SampleSeal(issuer) }); err != nil {
		return s, fmt.Errorf("BAOCAO_SEAL_IMAGE: %w", err)
	}
	if s.SignatureImage, err = image(cfg.SignatureImage, cfg.Env, signing.SampleSignature); err != nil {
		return s, fmt.Errorf("BAOCAO_SIGNATURE_IMAGE: %w", err)
	}
	return s, nil
}

// image reads a configured image, else in dev draws the sample.
func image(path string, env config.Env, sample func() ([]byte, error)) ([]byte, error) {
	if path != "" {
		return os.ReadFile(path)
	}
	if env == config.Dev {
		return sample()
	}
	return nil, nil
}
