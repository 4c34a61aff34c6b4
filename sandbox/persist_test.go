package sandbox_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
)

func getenv(string) string { return "" }

// startRun runs the binary's Run on a free loopback port and returns its
// base URL and a stop function that waits for Run to return.
func startRun(t *testing.T, args ...string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- sandbox.Run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), getenv, io.Discard, io.Discard, func(b string) { ready <- b })
	}()
	select {
	case base := <-ready:
		return base, func() error { cancel(); return <-done }
	case err := <-done:
		cancel()
		t.Fatalf("Run: %v", err)
		return "", nil
	}
}

func post(t *testing.T, url, auth, ct, body string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", ct)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// Nothing acknowledged before shutdown is lost: a customer created just
// before the stop is there after a restart with the same state file.
func TestStateFileSurvivesRestart(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.yaml")
	base, stop := startRun(t, "-state-file", file)
	tok := runToken(t, base)
	if code := post(t, base+"/v1/accounts/T12345678/customers/users", "Bearer "+tok, "application/json", `{"customer_id":"kept-1"}`); code != 200 {
		t.Fatalf("create: %d", code)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil || !bytes.Contains(data, []byte("kept-1")) {
		t.Fatalf("state file after shutdown: %v\n%s", err, data)
	}
	base, stop = startRun(t, "-state-file", file)
	defer stop()
	tok = runToken(t, base)
	req, _ := http.NewRequest("GET", base+"/v1/accounts/T12345678/customers/users/kept-1", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("after restart: %d", res.StatusCode)
	}
	// A reset goes back to the fixtures, not to the saved state.
	if code := post(t, base+"/_sandbox/reset", "", "application/json", ""); code != 200 {
		t.Fatalf("reset: %d", code)
	}
	res, _ = http.DefaultClient.Do(req)
	res.Body.Close()
	if res.StatusCode != 404 {
		t.Fatalf("after reset: %d, want 404", res.StatusCode)
	}
}

func runToken(t *testing.T, base string) string {
	t.Helper()
	tok, err := tryToken(base)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// tryToken is runToken for a goroutine, where t.Fatal must not be called
// (and for a server that may be gone).
func tryToken(base string) (string, error) {
	req, _ := http.NewRequest("POST", base+"/v1/accounts/T12345678/auth/token",
		strings.NewReader(`{"grant_type":"client_credentials","audience":"`+base+`/v1/accounts/T12345678"}`))
	req.SetBasicAuth("sandbox-client", "sandbox-secret")
	req.Header.Set("Content-Type", "application/json")
	res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	_, tok, _ := strings.Cut(string(body), `"access_token":"`)
	tok, _, _ = strings.Cut(tok, `"`)
	return tok, nil
}

func TestCorruptStateFileStopsStartUpAndIsKept(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.yaml")
	corrupt := []byte("dintero:\n  accounts:\n    T12345678:\n      customers: [{phone_number: nope}]\n")
	if err := os.WriteFile(file, corrupt, 0o600); err != nil {
		t.Fatal(err)
	}
	err := sandbox.Run(context.Background(), []string{"-addr", "127.0.0.1:0", "-state-file", file}, getenv, io.Discard, io.Discard, nil)
	var ue *sandbox.UsageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "not a valid sandbox state") {
		t.Fatalf("Run: %v, want a UsageError about the state file", err)
	}
	if data, _ := os.ReadFile(file); !bytes.Equal(data, corrupt) {
		t.Fatalf("the corrupt file was changed:\n%s", data)
	}
}

func TestSaveStateIsAtomic(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "state.yaml")
	s, err := sandbox.New(sandbox.Options{StateFile: file})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveState(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "state.yaml" {
		t.Fatalf("files after saving: %v (a temporary file was left)", entries)
	}
	// The saved state loads back into a fresh sandbox.
	if _, err := sandbox.New(sandbox.Options{StateFile: file}); err != nil {
		t.Fatalf("loading the saved state: %v", err)
	}
}

// The binary's -admin-token and -journal-size flags reach the server.
func TestAdminTokenAndJournalSizeFlags(t *testing.T) {
	base, stop := startRun(t, "-admin-token", "s3cret", "-journal-size", "2")
	defer stop()
	get := func(path, auth string) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	for i := 0; i < 3; i++ {
		get("/roles/customers", "") // journaled 401s
	}
	if code, _ := get("/_sandbox/health", ""); code != 200 {
		t.Fatalf("health with an admin token set: %d", code)
	}
	if code, _ := get("/_sandbox/requests", ""); code != 401 {
		t.Fatalf("journal without the admin token: %d", code)
	}
	code, body := get("/_sandbox/requests", "Bearer s3cret")
	if code != 200 || strings.Count(body, `"path"`) != 2 {
		t.Fatalf("journal with the admin token: %d %s (want the last 2 entries)", code, body)
	}
}

// A removed account stays removed across restarts, also after the state
// file was compacted, although the default fixtures define it again.
func TestRemovedAccountStaysRemoved(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state")
	s, err := sandbox.New(sandbox.Options{StateFile: file})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("DELETE", "/_sandbox/accounts/T87654321", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 204 {
		t.Fatalf("remove: %d %s", rec.Code, rec.Body)
	}
	for _, compact := range []bool{false, true} {
		if compact {
			if err := s.SaveState(); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		if s, err = sandbox.New(sandbox.Options{StateFile: file}); err != nil {
			t.Fatal(err)
		}
		state, _ := s.State()
		if strings.Contains(string(state), "T87654321") {
			t.Fatalf("after a restart (compacted %v) the removed account is back", compact)
		}
	}
	s.Close()
}
