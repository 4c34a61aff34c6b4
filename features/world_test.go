package features

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cucumber/godog"
	"github.com/customers-api/sandbox/fixtures"
	"github.com/customers-api/sandbox/sandbox"
	"gopkg.in/yaml.v3"
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

	// What the scenario made on a shared sandbox, removed when it ends:
	// its accounts and partners (ids that contain one of its own ids) and
	// its fault rules.
	ownIDs   []string
	made     map[string]bool // "/_sandbox/accounts/T…", "/_sandbox/partners/…", "/_sandbox/faults/…"
	madeList []string        // the same, in the order made
	// foreign are the Authorization headers of Tradevest tokens of
	// partners that are not the scenario's own (the default partners').
	foreign map[string]bool
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

// runID sets this run's partners and clients apart from those of any other
// run against the same shared sandbox (ids a fixture may choose freely).
var runID = func() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1<<32))
	return fmt.Sprintf("run%08x", n.Int64())
}()

// partnerSeq numbers the fresh partners of a run.
var partnerSeq atomic.Int64

// newWorld starts a scenario: a fresh in-process sandbox, or the one at
// SANDBOX_URL; either way two fresh accounts of its own and, for a
// Tradevest scenario, two fresh partners of its own.
func newWorld(s *godog.Scenario) (*world, error) {
	w := &world{vars: map[string]string{}, made: map[string]bool{}, foreign: map[string]bool{}}
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
		// Webhook retries 20 ms apart, so retry scenarios stay quick.
		opts := sandbox.Options{StateFile: filepath.Join(dir, "state"), Webhooks: sandbox.WebhookOptions{Backoff: 20 * time.Millisecond, Attempts: 3}}
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
	w.ownIDs = fresh
	for _, aid := range []string{w.aid, w.otherAid} {
		if err := w.loadFixture(accountFixture(aid)); err != nil {
			return nil, err
		}
	}
	if usesPartners(s) {
		if err := w.freshPartners(); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// freshPartners loads two partners of the scenario's own, {partner} and
// {other_partner}, holding the data of the default fixtures' partners
// "sandbox" and "other" (the same persons, entities and customers, with
// the same ids: entity ids are the partner's own), with the clients
// {tv_client}/{tv_secret} and {other_tv_client}/{other_tv_secret}. Client
// ids name no partner in a token request, so they are unique across the
// sandbox: both carry the run's id and a number.
func (w *world) freshPartners() error {
	doc, err := defaultPartners()
	if err != nil {
		return err
	}
	n := partnerSeq.Add(1)
	partners := map[string]any{}
	for _, p := range []struct{ from, prefix string }{{"sandbox", ""}, {"other", "other_"}} {
		id := fmt.Sprintf("%s-%d-%s", runID, n, p.from)
		data, ok := doc[p.from].(map[string]any)
		if !ok {
			return fmt.Errorf("the default fixtures have no partner %s", p.from)
		}
		clone := maps.Clone(data)
		clone["clients"] = []any{map[string]any{"client_id": id + "-client", "client_secret": id + "-secret"}}
		partners[id] = clone
		w.vars[p.prefix+"partner"] = id
		w.vars[p.prefix+"tv_client"], w.vars[p.prefix+"tv_secret"] = id+"-client", id+"-secret"
		w.ownIDs = append(w.ownIDs, id)
	}
	out, err := yaml.Marshal(map[string]any{"tradevest": map[string]any{"partners": partners}})
	if err != nil {
		return err
	}
	return w.loadFixture(string(out))
}

// partnerVar finds a variable of the fresh partners in a step.
var partnerVar = regexp.MustCompile(`\{(other_)?(partner|tv_client|tv_secret)\}`)

// usesPartners tells whether a scenario names the fresh partners (a
// Tradevest scenario): only those get them.
func usesPartners(s *godog.Scenario) bool {
	for _, st := range s.Steps {
		if partnerVar.MatchString(st.Text) {
			return true
		}
		if a := st.Argument; a != nil && a.DocString != nil && partnerVar.MatchString(a.DocString.Content) {
			return true
		}
	}
	return false
}

// defaultPartners are the partners of the embedded default fixtures.
var defaultPartners = sync.OnceValues(func() (map[string]any, error) {
	data, err := fs.ReadFile(fixtures.FS, "10-tradevest.yaml")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Tradevest struct {
			Partners map[string]any `yaml:"partners"`
		} `yaml:"tradevest"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	return doc.Tradevest.Partners, nil
})

// remember notes what a successful control call made on the sandbox, so a
// scenario on a shared sandbox can remove it when it ends: the accounts and
// partners of a fixture document whose ids contain one of the scenario's
// own ids (never a default account or anyone else's), and fault rules.
func (w *world) remember(method, path string, body []byte, r *response) {
	add := func(p string) {
		if !w.made[p] {
			w.made[p] = true
			w.madeList = append(w.madeList, p)
		}
	}
	switch {
	case method == "POST" && path == "/_sandbox/fixtures" && r.status == http.StatusOK:
		var doc struct {
			Dintero struct {
				Accounts map[string]any `yaml:"accounts"`
			} `yaml:"dintero"`
			Tradevest struct {
				Partners map[string]any `yaml:"partners"`
			} `yaml:"tradevest"`
		}
		if yaml.Unmarshal(body, &doc) != nil {
			return
		}
		for id := range doc.Dintero.Accounts {
			if w.owns(id) {
				add("/_sandbox/accounts/" + url.PathEscape(id))
			}
		}
		for id := range doc.Tradevest.Partners {
			if w.owns(id) {
				add("/_sandbox/partners/" + url.PathEscape(id))
			}
		}
	case method == "POST" && path == "/_sandbox/faults" && r.status == http.StatusCreated:
		if id, ok := r.json.(map[string]any)["id"].(string); ok {
			add("/_sandbox/faults/" + url.PathEscape(id))
		}
	}
}

// global tells why a control call would change a shared sandbox beyond
// what the scenario owns, or "" when it would not: a scenario on a shared
// sandbox never resets, moves the clock, expires tokens, clears the fault
// rules or the journal, or loads data into accounts or partners that are
// not its own, nor writes to them through the API.
func (w *world) global(method, path string, body []byte, auth string) string {
	p, query, _ := strings.Cut(path, "?")
	write := method != "GET" && method != "HEAD" && method != "OPTIONS"
	switch {
	case write && strings.HasPrefix(p, "/v1/accounts/"):
		aid, rest, _ := strings.Cut(strings.TrimPrefix(p, "/v1/accounts/"), "/")
		if !w.owns(aid) && rest != "auth/token" {
			return "writes to account " + aid + ", which is not the scenario's own"
		}
	case write && !strings.HasPrefix(p, "/_sandbox/") && w.foreign[auth]:
		return "writes to a Tradevest partner that is not the scenario's own"
	case method == "POST" && p == "/_sandbox/reset":
		q, _ := url.ParseQuery(query)
		if id := q.Get("account") + q.Get("partner"); id == "" || !w.owns(id) {
			return "resets what is not the scenario's own"
		}
	case p == "/_sandbox/clock" && method != "GET", p == "/_sandbox/clock/advance":
		return "moves the clock"
	case p == "/_sandbox/tokens/expire":
		return "expires every token"
	case method == "DELETE" && (p == "/_sandbox/faults" || p == "/_sandbox/requests"):
		return "clears every fault rule or the whole journal"
	case method == "POST" && p == "/_sandbox/fixtures":
		var doc struct {
			Dintero struct {
				Accounts map[string]any `yaml:"accounts"`
			} `yaml:"dintero"`
			Tradevest struct {
				Partners map[string]any `yaml:"partners"`
			} `yaml:"tradevest"`
		}
		if yaml.Unmarshal(body, &doc) != nil {
			return "" // the sandbox answers 400 and loads nothing
		}
		for id := range doc.Dintero.Accounts {
			if !w.owns(id) {
				return "loads into account " + id + ", which is not the scenario's own"
			}
		}
		for id := range doc.Tradevest.Partners {
			if !w.owns(id) {
				return "loads into partner " + id + ", which is not the scenario's own"
			}
		}
	case method == "DELETE" && (strings.HasPrefix(p, "/_sandbox/accounts/") || strings.HasPrefix(p, "/_sandbox/partners/")):
		if id, _ := url.PathUnescape(p[strings.LastIndexByte(p, '/')+1:]); !w.owns(id) {
			return "removes what is not the scenario's own"
		}
	}
	return ""
}

// owns tells whether an account or partner id is the scenario's own.
func (w *world) owns(id string) bool {
	for _, own := range w.ownIDs {
		if strings.Contains(id, own) {
			return true
		}
	}
	return false
}

// cleanUp removes, newest first, what the scenario made on a shared
// sandbox; what the scenario removed itself is a 404 here.
func (w *world) cleanUp() error {
	var errs []error
	for i := len(w.madeList) - 1; i >= 0; i-- {
		p := w.madeList[i]
		r, err := w.send("DELETE", p, "", nil, "")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if r.status != http.StatusNoContent && r.status != http.StatusNotFound {
			errs = append(errs, fmt.Errorf("DELETE %s: %d %s", p, r.status, r.body))
		}
	}
	return errors.Join(errs...)
}

// tick separates two writes in time, so that lists ordered by creation
// time keep the order the scenario made them in: the in-process sandbox's
// clock advances by d; a shared sandbox's clock is not the scenario's to
// move, so the scenario waits d of real time instead.
func (w *world) tick(d time.Duration) error {
	if w.remote {
		time.Sleep(d + time.Millisecond)
		return nil
	}
	return w.control("POST", "/_sandbox/clock/advance", fmt.Sprintf(`{"seconds":%g}`, d.Seconds()))
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
	// customer login and locations (dintero_login.feature and others)
	"login-client":     {"write:accounts:/auth/users"},
	"nomfa-client":     {"write:accounts:/auth/users/no-mfa"},
	"refresh-client":   {"write:accounts:/auth/users", "create:accounts:auth:refresh_token"},
	"locations-client": {"admin:locations"},
	"locread-client":   {"read:locations"},
	"locwrite-client":  {"write:locations"},
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

// do sends one request (with any extra headers), validates the response
// against its schema and notes what it made on the sandbox.
func (w *world) do(method, path, contentType string, body []byte, auth string, extra ...http.Header) (*response, error) {
	if w.remote {
		if why := w.global(method, path, body, auth); why != "" {
			return nil, fmt.Errorf("%s %s %s on a shared sandbox: tag the scenario @in-process", method, path, why)
		}
	}
	r, err := w.send(method, path, contentType, body, auth, extra...)
	if err == nil && w.remote {
		w.remember(method, path, body, r)
	}
	return r, err
}

// send sends one request and validates the response against its schema.
func (w *world) send(method, path, contentType string, body []byte, auth string, extra ...http.Header) (*response, error) {
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
