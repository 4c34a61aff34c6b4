package sandbox_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customers-api/sandbox/sandbox"
)

// runOnce starts Run with args on a loopback port, stops it once it serves
// and returns what it wrote.
func runOnce(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut bytes.Buffer
	lw := &lockedWriter{w: &out}
	err := sandbox.Run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), getenv, lw, &errOut, func(string) { cancel() })
	if err != nil {
		t.Fatalf("Run: %v\nstderr: %s", err, errOut.String())
	}
	lw.mu.Lock()
	defer lw.mu.Unlock()
	return out.String(), errOut.String()
}

// The start-up line names what was loaded, not a fixed text.
func TestStartUpLineNamesTheLoadedCredentials(t *testing.T) {
	file := filepath.Join(t.TempDir(), "mine.yaml")
	doc := `dintero:
  accounts:
    T11112222:
      clients:
        - {client_id: my-app, client_secret: my-secret, scopes: [admin:customers]}
tradevest:
  partners:
    my-partner:
      clients: [{client_id: my-tv-app, client_secret: my-tv-secret}]
`
	if err := os.WriteFile(file, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := runOnce(t, "-no-default-fixtures", "-fixtures", file)
	line, _, _ := strings.Cut(out, "\n")
	for _, want := range []string{"http://127.0.0.1:", "T11112222", "my-app:my-secret", "my-partner", "my-tv-app:my-tv-secret"} {
		if !strings.Contains(line, want) {
			t.Errorf("start-up line lacks %q: %s", want, line)
		}
	}
	for _, unwanted := range []string{"T12345678", "sandbox-client", "T87654321"} {
		if strings.Contains(line, unwanted) {
			t.Errorf("start-up line names %q, which was not loaded: %s", unwanted, line)
		}
	}

	out, _ = runOnce(t, "-no-default-fixtures")
	if line, _, _ := strings.Cut(out, "\n"); !strings.Contains(line, "no accounts or partners loaded") {
		t.Errorf("start-up line with nothing loaded: %s", line)
	}

	out, _ = runOnce(t)
	line, _, _ = strings.Cut(out, "\n")
	for _, want := range []string{"/v1/accounts/T12345678 readonly-client:readonly-secret sandbox-client:sandbox-secret", "/v1/accounts/T87654321 other-client:other-secret", "partner sandbox sandbox-client:sandbox-secret", "partner other other-client:other-secret"} {
		if !strings.Contains(line, want) {
			t.Errorf("default start-up line lacks %q: %s", want, line)
		}
	}
}

// A fixture with many accounts still gives one short line.
func TestStartUpLineCountsWhatItDoesNotList(t *testing.T) {
	var doc strings.Builder
	doc.WriteString("dintero:\n  accounts:\n")
	for i := 0; i < 20; i++ {
		doc.WriteString("    T000000" + string(rune('1'+i/10)) + string(rune('0'+i%10)) + ":\n      clients: [{client_id: c, client_secret: s, scopes: [admin:customers]}]\n")
	}
	s, err := sandbox.New(sandbox.Options{NoDefaultFixtures: true, Fixtures: []string{doc.String()}})
	if err != nil {
		t.Fatal(err)
	}
	c := s.Credentials()
	if len(c.Of("Dintero")) != 20 || len(c.Of("Tradevest")) != 0 {
		t.Fatalf("credentials: %+v", c)
	}
	line := c.String()
	if strings.Count(line, "/v1/accounts/") != 8 || !strings.Contains(line, "and 12 more") || strings.Contains(line, "\n") {
		t.Fatalf("line: %s", line)
	}
}

// The start-up line ends with the dashboard's URL.
func TestStartUpLineNamesTheDashboard(t *testing.T) {
	out, _ := runOnce(t)
	line, _, _ := strings.Cut(out, "\n")
	if !strings.Contains(line, "; dashboard http://127.0.0.1:") || !strings.HasSuffix(line, "/_sandbox/ui") {
		t.Fatalf("start-up line: %q", line)
	}
}
