package sandbox_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"regexp"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/customers-api/sandbox/fixtures"
	"github.com/customers-api/sandbox/sandbox"
)

// globalIDs are random per entity and sandbox (as the vendor's are):
// states are compared without them.
var globalIDs = regexp.MustCompile(`globalId: \S+`)

func stateOf(t testing.TB, s *sandbox.Server) string {
	t.Helper()
	b, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	return globalIDs.ReplaceAllString(string(b), "globalId: X")
}

// Sandboxes are built from fixtures parsed and checked once per process,
// and a first load runs once for the state and its reset baseline: every
// sandbox must still get a copy of its own. Writes in one (API writes, a
// fixture load, a removal) are seen by no other, nor by one made
// afterwards, and a reset brings back exactly the state New made. Several
// at once, for the race detector.
func TestNewSandboxesShareNothing(t *testing.T) {
	opts := sandbox.Options{Now: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)}
	first, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	start := stateOf(t, first)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := sandbox.New(opts)
			if err != nil {
				t.Error(err)
				return
			}
			if got := stateOf(t, s); got != start {
				t.Errorf("sandbox %d starts from another state", i)
			}
			tok := token(t, s, "T12345678", "sandbox-client", "sandbox-secret")
			code, body, _ := call(t, s, "POST", "/v1/accounts/T12345678/customers/users", tok, map[string]any{
				"customer_id": fmt.Sprintf("new-%d", i), "email": fmt.Sprintf("new%d@example.com", i)})
			if code != http.StatusOK && code != http.StatusCreated {
				t.Errorf("create: %d %s", code, body)
			}
			code, body, _ = call(t, s, "DELETE", "/v1/accounts/T12345678/customers/users/c-1002", tok, nil)
			if code >= 300 {
				t.Errorf("delete: %d %s", code, body)
			}
			if stateOf(t, s) == start {
				t.Errorf("sandbox %d: the writes changed nothing", i)
			}
			s.Reset()
			if got := stateOf(t, s); got != start {
				t.Errorf("sandbox %d: reset does not restore the state New made", i)
			}
			if err := s.LoadFixture("tradevest:\n  partners:\n    sandbox:\n      clients: [{client_id: extra-" + fmt.Sprint(i) + ", client_secret: x}]\n"); err != nil {
				t.Error(err)
			}
			if code, body, _ := call(t, s, "DELETE", "/_sandbox/accounts/T87654321", "", nil); code >= 300 {
				t.Errorf("remove: %d %s", code, body)
			}
		}()
	}
	wg.Wait()
	if got := stateOf(t, first); got != start {
		t.Fatal("writes in other sandboxes reached this one")
	}
	later, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := stateOf(t, later); got != start {
		t.Fatal("writes in other sandboxes reached a sandbox made afterwards")
	}
}

// The first load of a new sandbox (run once, its result copied to the
// reset baseline) leaves the state a load on top of existing tenants (run
// on the state and on the baseline) leaves.
func TestFirstLoadEqualsLaterLoad(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	fast, err := sandbox.New(sandbox.Options{Now: at})
	if err != nil {
		t.Fatal(err)
	}
	slow, err := sandbox.New(sandbox.Options{Now: at, NoDefaultFixtures: true, Fixtures: []string{
		"dintero:\n  accounts:\n    T00000001:\ntradevest:\n  partners:\n    placeholder:\n      clients: [{client_id: placeholder, client_secret: x}]\n"}})
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(fixtures.FS, "*.yaml")
	sort.Strings(names)
	for _, n := range names {
		data, _ := fs.ReadFile(fixtures.FS, n)
		if err := slow.LoadFixture(string(data)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"/_sandbox/accounts/T00000001", "/_sandbox/partners/placeholder"} {
		if code, body, _ := call(t, slow, "DELETE", p, "", nil); code >= 300 {
			t.Fatalf("remove %s: %d %s", p, code, body)
		}
	}
	want := stateOf(t, slow)
	if got := stateOf(t, fast); got != want {
		t.Fatalf("first load:\n%s\nlater load:\n%s", got, want)
	}
	fast.Reset()
	slow.Reset()
	if a, b := stateOf(t, fast), stateOf(t, slow); a != b || !bytes.Equal([]byte(a), []byte(want)) {
		t.Fatal("the reset baselines differ")
	}
}
