package e2e

import (
	"testing"

	"baocao/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
