package features

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/customers-api/sandbox/sandbox"
)

// world is one scenario's state: the sandbox it talks to, its own fresh
// accounts, the credentials in use and the last response.
type world struct {
	remote    bool // talking to a shared sandbox at SANDBOX_URL
	client    *http.Client
	base      string
	validator *sandbox.Server
	stateDir  string // the in-process sandbox's state file's folder

	aid, otherAid string
	auth          string // the Authorization header sent, "" for none
	vars          map[string]string
	last          *response
}

type response struct {
	method, path string
	status       int
	header       http.Header
	body         []byte
	json         any
}

// handlerTransport serves requests straight from an in-process sandbox.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// schemaValidator validates responses when the scenarios run against a
// remote sandbox (SANDBOX_URL): a local sandbox knows the same schemas.
var schemaValidator = sync.OnceValues(func() (*sandbox.Server, error) {
	return sandbox.New(sandbox.Options{NoDefaultFixtures: true})
})

// newWorld starts a scenario: a fresh in-process sandbox, or the one at
// SANDBOX_URL; either way two fresh accounts of its own.
func newWorld() (*world, error) {
	w := &world{vars: map[string]string{}}
	if url := os.Getenv("SANDBOX_URL"); url != "" {
		v, err := schemaValidator()
		if err != nil {
			return nil, err
		}
		w.client, w.base, w.validator, w.remote = http.DefaultClient, strings.TrimRight(url, "/"), v, true
	} else {
		// Every in-process sandbox keeps a state file, and the scenario's
		// end checks that the file rebuilds exactly the state it left.
		dir, err := os.MkdirTemp("", "sandbox-feature-")
		if err != nil {
			return nil, err
		}
		opts := sandbox.Options{StateFile: filepath.Join(dir, "state")}
		if os.Getenv("SANDBOX_LOG") != "" {
			opts.Log = os.Stderr // one line per request, and any panic
		}
		srv, err := sandbox.New(opts)
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		w.stateDir = dir
		w.client, w.base, w.validator = &http.Client{Transport: handlerTransport{srv}}, "http://sandbox.test", srv
	}
	// Two accounts of the scenario's own, and three more ids no fixture
	// uses yet ({new_aid}, {new_aid2}, {new_aid3}) for scenarios that load
	// accounts themselves.
	ids := map[string]bool{}
	for len(ids) < 5 {
		ids[randomAccount()] = true
	}
	var fresh []string
	for id := range ids {
		fresh = append(fresh, id)
	}
	w.aid, w.otherAid = fresh[0], fresh[1]
	w.vars["aid"], w.vars["other_aid"] = w.aid, w.otherAid
	w.vars["new_aid"], w.vars["new_aid2"], w.vars["new_aid3"] = fresh[2], fresh[3], fresh[4]
	for _, aid := range []string{w.aid, w.otherAid} {
		if err := w.loadFixture(accountFixture(aid)); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// checkStateFile closes the in-process sandbox and checks that its state
// file rebuilds exactly the state the scenario left: every write the
// scenario made is in the change log (the durability promise).
func (w *world) checkStateFile() error {
	if w.stateDir == "" {
		return nil
	}
	defer os.RemoveAll(w.stateDir)
	want, err := w.validator.State()
	if err != nil {
		return err
	}
	if err := w.validator.Close(); err != nil {
		return fmt.Errorf("closing the state file: %w", err)
	}
	again, err := sandbox.New(sandbox.Options{StateFile: filepath.Join(w.stateDir, "state")})
	if err != nil {
		return fmt.Errorf("reopening the state file: %w", err)
	}
	defer again.Close()
	got, err := again.State()
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("the state file does not rebuild the state the scenario left:\n%s", firstDifference(string(want), string(got)))
	}
	return nil
}

// firstDifference shows the first line where want and got differ.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			lo := max(0, i-3)
			return fmt.Sprintf("line %d: want %q, got %q\ncontext (want):\n%s", i+1, wl[i], gl[i], strings.Join(wl[lo:min(len(wl), i+3)], "\n"))
		}
	}
	return fmt.Sprintf("want %d lines, got %d", len(wl), len(gl))
}

func randomAccount() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(100_000_000))
	return fmt.Sprintf("T%08d", n.Int64())
}

// testClients are the API clients of every fresh account: client id →
// scopes. The secret of each is its id with "-client" replaced by "-secret".
var testClients = map[string][]string{
	"admin-client":    {"admin:customers"},
	"read-client":     {"read:customers"},
	"write-client":    {"write:customers"},
	"create-client":   {"create:customers:/users"},
	"auth-client":     {"admin:customers", "write:accounts:/auth/users"},
	"accounts-client": {"admin:accounts"},
	"public-client":   {"public:customers"},
}

func secretOf(client string) string { return strings.TrimSuffix(client, "-client") + "-secret" }

func accountFixture(aid string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "dintero:\n  accounts:\n    %s:\n      clients:\n", aid)
	for id, scopes := range testClients {
		fmt.Fprintf(&b, "        - {client_id: %s, client_secret: %s, scopes: [%s]}\n", id, secretOf(id), strings.Join(scopes, ", "))
	}
	return b.String()
}

func (w *world) loadFixture(doc string) error {
	resp, err := w.do("POST", "/_sandbox/fixtures", "application/yaml", []byte(doc), "")
	if err != nil {
		return err
	}
	if resp.status != http.StatusOK {
		return fmt.Errorf("loading a fixture: %d %s", resp.status, resp.body)
	}
	return nil
}

var varRef = regexp.MustCompile(`\{([a-z_][a-z0-9_]*)\}`)

// expand replaces {name} with saved values ({aid}, {other_aid}, …).
func (w *world) expand(s string) string {
	return varRef.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := w.vars[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// apiPath turns a path of the scenario into a request path: paths starting
// with /customers or /auth are relative to the scenario's account.
func (w *world) apiPath(p string) string {
	p = w.expand(p)
	if strings.HasPrefix(p, "/customers") || strings.HasPrefix(p, "/auth") {
		return "/v1/accounts/" + w.aid + p
	}
	return p
}

// do sends one request (with any extra headers) and validates the response
// against its schema.
func (w *world) do(method, path, contentType string, body []byte, auth string, extra ...http.Header) (*response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, w.base+path, rd)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	for _, h := range extra {
		for k, vs := range h {
			req.Header[http.CanonicalHeaderKey(k)] = vs
		}
	}
	res, err := w.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	r := &response{method: method, path: path, status: res.StatusCode, header: res.Header, body: data}
	if len(bytes.TrimSpace(data)) > 0 && strings.Contains(res.Header.Get("Content-Type"), "json") {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&r.json); err != nil {
			return nil, fmt.Errorf("%s %s → %d: the body is not JSON: %v", method, path, r.status, err)
		}
	}
	urlPath := path
	if i := strings.IndexByte(urlPath, '?'); i >= 0 {
		urlPath = urlPath[:i]
	}
	if err := w.validator.ValidateResponse(method, urlPath, r.status, data); err != nil {
		return nil, fmt.Errorf("the response breaks its schema: %v\nbody: %s", err, data)
	}
	seen.add(w.validator.RouteName(method, urlPath), r.status)
	return r, nil
}

// seen records, across the run, which statuses each API route answered,
// so the suite can check every endpoint's success and error paths ran.
var seen = &routeStatuses{m: map[string]map[int]bool{}}

type routeStatuses struct {
	mu sync.Mutex
	m  map[string]map[int]bool
}

func (s *routeStatuses) add(route string, status int) {
	if route == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m[route] == nil {
		s.m[route] = map[int]bool{}
	}
	s.m[route][status] = true
}

// missing lists the routes without a 2xx or without a 4xx answer.
func (s *routeStatuses) missing(routes []string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range routes {
		ok, bad := false, false
		for st := range s.m[r] {
			ok = ok || st/100 == 2
			bad = bad || st/100 == 4
		}
		switch {
		case !ok && !bad:
			out = append(out, r+" (never called)")
		case !ok:
			out = append(out, r+" (no success)")
		case !bad:
			out = append(out, r+" (no error)")
		}
	}
	return out
}

// token gets an access token for client on account aid.
func (w *world) token(aid, client, secret string) (string, error) {
	body := fmt.Sprintf(`{"grant_type":"client_credentials","audience":"%s/v1/accounts/%s"}`, w.base, aid)
	req := "/v1/accounts/" + aid + "/auth/token"
	basic := "Basic " + basicAuth(client, secret)
	r, err := w.do("POST", req, "application/json", []byte(body), basic)
	if err != nil {
		return "", err
	}
	if r.status != http.StatusOK {
		return "", fmt.Errorf("token for %s on %s: %d %s", client, aid, r.status, r.body)
	}
	tok, _ := r.json.(map[string]any)["access_token"].(string)
	return tok, nil
}
