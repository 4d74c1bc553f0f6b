package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"

	"baocao/internal/access"
	"baocao/internal/domain"
)

// sessionCookie carries a person's session token.
const sessionCookie = "baocao_session"

type ctxKey int

const (
	userKey ctxKey = iota
	tokenKey
)

// userFrom returns the signed-in user of the request, if any.
func userFrom(ctx context.Context) (access.User, bool) {
	u, ok := ctx.Value(userKey).(access.User)
	return u, ok
}

// tokenFrom returns the token the request was signed in with.
func tokenFrom(ctx context.Context) string {
	t, _ := ctx.Value(tokenKey).(string)
	return t
}

// requestToken is the bearer token of a program, else the session cookie of
// a person's browser.
func requestToken(r *http.Request) (token string, bearer bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, value, _ := strings.Cut(h, " ")
		if strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(value), true
		}
		return "", true
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value, false
	}
	return "", false
}

// authenticate puts the request's user into its context. A missing, unknown
// or expired credential leaves the request anonymous; the route decides
// whether that is enough.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, _ := requestToken(r)
		if token == "" {
			next.ServeHTTP(w, r)
			return
		}
		u, err := s.deps.Auth.Authenticate(r.Context(), token)
		if err != nil {
			if !errors.Is(err, domain.ErrUnauthorized) {
				s.fail(w, r, err)
				return
			}
			next.ServeHTTP(w, r)
			return
		}
		ctx := context.WithValue(context.WithValue(r.Context(), userKey, u), tokenKey, token)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clientIP is the peer address; behind a proxy the operator's proxy logs
// carry the original.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    token,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
		Secure:   r.TLS != nil || s.deps.SecureCookies,
	})
}
