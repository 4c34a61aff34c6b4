// Package sandboxtest starts a customers-API sandbox for one Go test:
//
//	sb := sandboxtest.New(t)
//	client := sb.Dintero() // an *http.Client that sends a valid bearer token
//	res, _ := client.Get(sb.URL + "/v1/accounts/T12345678/customers/users")
//
// The sandbox listens on a loopback port of its own, so code under test
// that takes a base URL can use it unchanged, and it stops when the test
// ends.
package sandboxtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
)

// Default credentials of the embedded fixtures (see the README, "Default credentials").
const (
	DinteroAccount      = "T12345678"
	DinteroClientID     = "sandbox-client"
	DinteroClientSecret = "sandbox-secret"
	TradevestClientID   = "sandbox-client"
	TradevestSecret     = "sandbox-secret"
)

// Sandbox is a running sandbox. The embedded Server gives direct access
// (clock, fixtures, state); URL is its base URL.
type Sandbox struct {
	*sandbox.Server
	URL string
	srv *httptest.Server
	t   testing.TB
}

// New starts a sandbox with opts (the zero Options when none: the default
// fixtures, real time) and stops it when t ends. It fails t if the sandbox
// cannot start.
func New(t testing.TB, opts ...sandbox.Options) *Sandbox {
	t.Helper()
	var o sandbox.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	s, err := sandbox.New(o)
	if err != nil {
		t.Fatalf("sandboxtest: %v", err)
	}
	srv := httptest.NewUnstartedServer(s)
	srv.Listener = s.Listener(srv.Listener) // net/http's own errors in the vendor's shape too
	srv.Start()
	t.Cleanup(srv.Close)
	t.Cleanup(func() { _ = s.Close() }) // runs first: stops webhook deliveries
	return &Sandbox{Server: s, URL: srv.URL, srv: srv, t: t}
}

// Dintero returns a client authenticated as the default Dintero client of
// account T12345678 (scope admin:customers).
func (s *Sandbox) Dintero() *http.Client {
	return s.DinteroClient(DinteroAccount, DinteroClientID, DinteroClientSecret)
}

// DinteroClient returns a client authenticated as a Dintero API client of
// an account. It gets its token on first use and again when the token has
// expired (after Server.ExpireTokens, or a fixture client's token_ttl).
func (s *Sandbox) DinteroClient(account, clientID, secret string) *http.Client {
	return s.client(func() (string, error) {
		body, _ := json.Marshal(map[string]string{"grant_type": "client_credentials", "audience": s.URL + "/v1/accounts/" + account})
		req, _ := http.NewRequest("POST", s.URL+"/v1/accounts/"+account+"/auth/token", bytes.NewReader(body))
		req.SetBasicAuth(clientID, secret)
		req.Header.Set("Content-Type", "application/json")
		return s.token(req)
	})
}

// Tradevest returns a client authenticated as the default Tradevest client
// of partner sandbox.
func (s *Sandbox) Tradevest() *http.Client {
	return s.TradevestClient(TradevestClientID, TradevestSecret)
}

// TradevestClient returns a client authenticated as a Tradevest API client.
func (s *Sandbox) TradevestClient(clientID, secret string) *http.Client {
	return s.client(func() (string, error) {
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {secret}}
		req, _ := http.NewRequest("POST", s.URL+"/oauth2/token", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return s.token(req)
	})
}

func (s *Sandbox) token(req *http.Request) (string, error) {
	res, err := s.srv.Client().Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("sandboxtest: token request answered %s", res.Status)
	}
	return out.AccessToken, nil
}

func (s *Sandbox) client(fetch func() (string, error)) *http.Client {
	return &http.Client{Transport: &bearer{fetch: fetch, next: s.srv.Client().Transport}, Timeout: 30 * time.Second}
}

// bearer adds a token to each request, fetching a new one after a 401.
type bearer struct {
	fetch func() (string, error)
	next  http.RoundTripper

	mu  sync.Mutex
	tok string
}

func (b *bearer) get(renew bool) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tok == "" || renew {
		tok, err := b.fetch()
		if err != nil {
			return "", err
		}
		b.tok = tok
	}
	return b.tok, nil
}

func (b *bearer) RoundTrip(req *http.Request) (*http.Response, error) {
	tok, err := b.get(false)
	if err != nil {
		return nil, err
	}
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "Bearer "+tok)
	res, err := b.next.RoundTrip(r)
	if err != nil || res.StatusCode != http.StatusUnauthorized || req.GetBody == nil && req.Body != nil {
		return res, err
	}
	// The token may have expired (ExpireTokens, token_ttl): renew once.
	res.Body.Close()
	if tok, err = b.get(true); err != nil {
		return nil, err
	}
	r = req.Clone(req.Context())
	if req.GetBody != nil {
		if r.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	r.Header.Set("Authorization", "Bearer "+tok)
	return b.next.RoundTrip(r)
}
