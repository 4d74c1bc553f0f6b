package drills

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"baocao/internal/app"
	"baocao/internal/auth"
	"baocao/internal/config"
	"baocao/internal/postgres"
)

// startServer runs the real web server and JSON API in this process, as
// `baocao serve` wires it, minus the workers (a web process that leaves the
// work to `baocao worker`), on a free port; it returns the base URL and
// stops the server when t ends.
func startServer(t *testing.T, dbURL string) string {
	t.Helper()
	env := map[string]string{"DATABASE_URL": dbURL, "BAOCAO_ADDR": "127.0.0.1:0", "BAOCAO_ENV": "prod", "BAOCAO_SHUTDOWN_TIMEOUT": "5s"}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.Open(ctx, cfg, app.Mode{HTTP: true}, testLogger(t, "the server"))
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		// The clients' transport may hold a connection it dialled but never
		// used; the server counts such a connection as busy for its first
		// 5 s, which can outlast the shutdown grace. Close them first.
		http.DefaultTransport.(*http.Transport).CloseIdleConnections()
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server run: %v", err)
		}
		a.Close()
	})
	return "http://" + a.Addr()
}

// apiToken makes a long-lived API token for a demo account, as the
// account page does, so requests skip the password hash.
func apiToken(t *testing.T, pool *pgxpool.Pool, username string) string {
	t.Helper()
	ctx := context.Background()
	u, _, err := postgres.UserByUsername(ctx, pool, username)
	if err != nil {
		t.Fatalf("account %s: %v", username, err)
	}
	token, _, err := auth.New(pool, auth.Settings{}).CreateToken(ctx, u, "drill", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// apiClient sends API requests with a bearer token.
type apiClient struct {
	base  string
	token string
	http  *http.Client
}

func newAPIClient(base, token string) *apiClient {
	return &apiClient{base: base, token: token, http: &http.Client{Timeout: 30 * time.Second}}
}

// response is one answer as the drills record it.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into v.
func (r response) json(v any) error {
	return json.Unmarshal(r.body, v)
}

// do sends one request; err is a transport failure (no complete answer).
func (c *apiClient) do(method, path string, body io.Reader, header map[string]string) (response, error) {
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		return response{}, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{status: resp.StatusCode, header: resp.Header, body: data}, nil
}

// doJSON sends v as JSON.
func (c *apiClient) doJSON(method, path string, v any, header map[string]string) (response, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return response{}, err
	}
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range header {
		h[k] = v
	}
	return c.do(method, path, bytes.NewReader(data), h)
}

// mustGet fetches path and decodes a 200 answer into v.
func (c *apiClient) mustGet(t *testing.T, path string, v any) {
	t.Helper()
	r, err := c.do("GET", path, nil, nil)
	if err == nil && r.status != http.StatusOK {
		err = errors.New(string(r.body))
	}
	if err == nil {
		err = r.json(v)
	}
	if err != nil {
		t.Fatalf("GET %s: %d %v", path, r.status, err)
	}
}

// cellValue is one value of a submission as the API shows it.
type cellValue struct {
	Indicator      string            `json:"indicator"`
	Disaggregation map[string]string `json:"disaggregation"`
	Value          any               `json:"value"`
}

// submissionView is the part of GET .../submissions/{unit} the drills read.
type submissionView struct {
	Status   string      `json:"status"`
	Revision int         `json:"revision"`
	Values   []cellValue `json:"values"`
}

// countCell picks a cell of the unit's form that holds a whole number
// without disaggregation, for the drills to write to.
func countCell(t *testing.T, c *apiClient, subPath string) (indicator string, revision int) {
	t.Helper()
	var indicators []struct {
		Code      string `json:"code"`
		ValueType string `json:"value_type"`
	}
	c.mustGet(t, "/api/v1/indicators", &indicators)
	counts := map[string]bool{}
	for _, ind := range indicators {
		counts[ind.Code] = ind.ValueType == "count"
	}
	var sub submissionView
	c.mustGet(t, subPath, &sub)
	for _, v := range sub.Values {
		if counts[v.Indicator] && len(v.Disaggregation) == 0 {
			return v.Indicator, sub.Revision
		}
	}
	t.Fatalf("%s has no count cell without disaggregation", subPath)
	return "", 0
}
