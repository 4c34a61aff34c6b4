package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
)

// call sends one request to an in-process sandbox and checks the response
// against its schema.
func call(t testing.TB, s *sandbox.Server, method, path, token string, body any) (int, []byte, http.Header) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		rd = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	urlPath, _, _ := strings.Cut(path, "?")
	if err := s.ValidateResponse(method, urlPath, rec.Code, rec.Body.Bytes()); err != nil {
		t.Fatalf("schema: %v", err)
	}
	return rec.Code, rec.Body.Bytes(), rec.Header()
}

func token(t testing.TB, s *sandbox.Server, aid, id, secret string) string {
	t.Helper()
	code, body, _ := call(t, s, "POST", "/v1/accounts/"+aid+"/auth/token", "", map[string]string{
		"grant_type": "client_credentials", "audience": "http://x/v1/accounts/" + aid, "client_id": id, "client_secret": secret})
	if code != 200 {
		t.Fatalf("token: %d %s", code, body)
	}
	var out struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.Unmarshal(body, &out)
	return out.AccessToken
}

func TestConcurrentCreatesKeepEmailUnique(t *testing.T) {
	s, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tok := token(t, s, "T12345678", "sandbox-client", "sandbox-secret")
	const n = 40
	var wg sync.WaitGroup
	codes := make(chan int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Half the callers race for one email, the others for one phone number.
			body := map[string]any{"email": "race@example.com"}
			if i%2 == 1 {
				body = map[string]any{"phone_number": "+4790000000"}
			}
			code, _, _ := call(t, s, "POST", "/v1/accounts/T12345678/customers/users", tok, body)
			codes <- code
		}(i)
	}
	wg.Wait()
	close(codes)
	ok, dup := 0, 0
	for c := range codes {
		switch c {
		case 200:
			ok++
		case 400:
			dup++
		default:
			t.Errorf("unexpected status %d", c)
		}
	}
	if ok != 2 || dup != n-2 {
		t.Fatalf("%d created, %d duplicates; want 2 and %d", ok, dup, n-2)
	}
	code, body, _ := call(t, s, "GET", "/v1/accounts/T12345678/customers/users?email=race%40example.com", tok, nil)
	if code != 200 || strings.Count(string(body), `"customer_id"`) != 1 {
		t.Fatalf("list: %d %s", code, body)
	}
}

func TestConcurrentReadsAndWritesAcrossAccounts(t *testing.T) {
	s, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	toks := map[string]string{
		"T12345678": token(t, s, "T12345678", "sandbox-client", "sandbox-secret"),
		"T87654321": token(t, s, "T87654321", "other-client", "other-secret"),
	}
	var wg sync.WaitGroup
	for aid, tok := range toks {
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(aid, tok string, w int) {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					cid := fmt.Sprintf("w%d-%d", w, i)
					if code, body, _ := call(t, s, "POST", "/v1/accounts/"+aid+"/customers/users", tok, map[string]any{"customer_id": cid}); code != 200 {
						t.Errorf("create: %d %s", code, body)
						return
					}
					call(t, s, "GET", "/v1/accounts/"+aid+"/customers/users?search=w&limit=5", tok, nil)
					if i%5 == 0 {
						call(t, s, "DELETE", "/v1/accounts/"+aid+"/customers/users/"+cid, tok, nil)
					}
				}
			}(aid, tok, w)
		}
	}
	wg.Wait()
	for aid, tok := range toks {
		_, _, h := call(t, s, "GET", "/v1/accounts/"+aid+"/customers/users?search=w&total=true", tok, nil)
		if got := h.Get("total-count"); got != "80" { // 4 writers × 25, less 20 deleted
			t.Errorf("%s: total-count %s, want 80", aid, got)
		}
	}
}

func TestPagingVisitsEveryCustomerOnce(t *testing.T) {
	s, err := sandbox.New(sandbox.Options{NoDefaultFixtures: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		Fixtures: []string{"dintero:\n  accounts:\n    T00000001:\n      clients: [{client_id: c, client_secret: s, scopes: [admin:customers]}]\n"}})
	if err != nil {
		t.Fatal(err)
	}
	tok := token(t, s, "T00000001", "c", "s")
	for i := 0; i < 95; i++ {
		if i%10 == 0 {
			s.Advance(time.Second) // groups of ten share a created_at: the id breaks ties
		}
		call(t, s, "POST", "/v1/accounts/T00000001/customers/users", tok, map[string]any{"customer_id": fmt.Sprintf("c%03d", i)})
	}
	seen := map[string]bool{}
	path := "/v1/accounts/T00000001/customers/users?limit=7"
	for pages := 0; ; pages++ {
		code, body, h := call(t, s, "GET", path, tok, nil)
		if code != 200 || pages > 20 {
			t.Fatalf("page %d: %d %s", pages, code, body)
		}
		var items []struct {
			CustomerID string `json:"customer_id"`
		}
		_ = json.Unmarshal(body, &items)
		for _, it := range items {
			if seen[it.CustomerID] {
				t.Fatalf("%s seen twice", it.CustomerID)
			}
			seen[it.CustomerID] = true
		}
		next := h.Get("paging_token")
		if next == "" {
			break
		}
		path = "/v1/accounts/T00000001/customers/users?limit=7&starting_after=" + next
	}
	if len(seen) != 95 {
		t.Fatalf("visited %d customers, want 95", len(seen))
	}
}

func TestInvalidFixtureNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	doc := "dintero:\n  accounts:\n    T00000001:\n      customers:\n        - customer_id: a\n          phone_number: not-a-phone\n"
	if err := os.WriteFile(bad, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := sandbox.New(sandbox.Options{FixturePaths: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), bad+":6:") || !strings.Contains(err.Error(), "phone_number") {
		t.Fatalf("error %v, want %s:6: … phone_number …", err, bad)
	}
	var stdout, stderr bytes.Buffer
	err = sandbox.Run(context.Background(), []string{"-fixtures", bad, "-addr", "127.0.0.1:0"}, func(string) string { return "" }, &stdout, &stderr, nil)
	var ue *sandbox.UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("Run: %v, want a UsageError (exit 2)", err)
	}
	if stdout.Len() != 0 {
		t.Fatalf("served despite a bad fixture: %s", stdout.String())
	}
}

func TestRunServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout bytes.Buffer
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- sandbox.Run(ctx, []string{}, func(k string) string {
			if k == "SANDBOX_ADDR" {
				return "127.0.0.1:0"
			}
			return ""
		}, &lockedWriter{w: &stdout}, io.Discard, func(base string) { ready <- base })
	}()
	base := <-ready
	res, err := http.Get(base + "/_sandbox/health")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Fatalf("health: %d %s", res.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	out := stdout.String()
	if !strings.Contains(out, base) || !strings.Contains(out, "sandbox-client:sandbox-secret") || !strings.Contains(out, "GET /_sandbox/health 200") {
		t.Fatalf("output lacks base URL, credentials or request log:\n%s", out)
	}
}

func TestBadFlagIsAUsageError(t *testing.T) {
	err := sandbox.Run(context.Background(), []string{"-nope"}, func(string) string { return "" }, io.Discard, io.Discard, nil)
	var ue *sandbox.UsageError
	if !errors.As(err, &ue) {
		t.Fatalf("got %v", err)
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestLoadFixtureAddsAllOrNothing(t *testing.T) {
	s, err := sandbox.New(sandbox.Options{NoDefaultFixtures: true})
	if err != nil {
		t.Fatal(err)
	}
	doc := "dintero:\n  accounts:\n    T00000002:\n      clients: [{client_id: c, client_secret: s, scopes: [admin:customers]}]\n      customers: [{customer_id: ok-1}]\n"
	if err := s.LoadFixture(doc); err != nil {
		t.Fatal(err)
	}
	tok := token(t, s, "T00000002", "c", "s")
	if code, _, _ := call(t, s, "GET", "/v1/accounts/T00000002/customers/users/ok-1", tok, nil); code != 200 {
		t.Fatalf("fixture customer: %d", code)
	}
	bad := "dintero:\n  accounts:\n    T00000002:\n      customers:\n        - customer_id: ok-2\n        - customer_id: bad\n          email: [not, a, string]\n"
	if err := s.LoadFixture(bad); err == nil || !strings.Contains(err.Error(), ":7:") {
		t.Fatalf("bad fixture: %v, want an error at line 7", err)
	}
	if code, _, _ := call(t, s, "GET", "/v1/accounts/T00000002/customers/users/ok-2", tok, nil); code != 404 {
		t.Fatalf("half a bad fixture was loaded: ok-2 answered %d", code)
	}
}
