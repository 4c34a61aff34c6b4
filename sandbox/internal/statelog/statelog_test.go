package statelog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// kv is a tenant of string records, enough to exercise the log.
type kv struct {
	m       map[string]string
	changes []store.Change
}

func newKV(string) *kv { return &kv{m: map[string]string{}} }

func (k *kv) Clone() *kv { return &kv{m: maps.Clone(k.m)} }
func (k *kv) TakeChanges() []store.Change {
	c := k.changes
	k.changes = nil
	return c
}
func (k *kv) Records(yield func(store.Change) bool) {
	for key, v := range k.m {
		if !yield(store.Change{Kind: "s", Key: key, Value: v}) {
			return
		}
	}
}
func (k *kv) Decode(kind string, data []byte) (any, error) {
	var v string
	err := json.Unmarshal(data, &v)
	return v, err
}
func (k *kv) Restore(kind, key string, v any) error {
	k.m[key] = v.(string)
	return nil
}
func (k *kv) set(key, v string) {
	k.m[key] = v
	k.changes = append(k.changes, store.Change{Kind: "s", Key: key, Value: v})
}

var errNoTenant = errors.New("no tenant")

func newTenants() *store.Tenants[*kv] {
	return store.New(newKV, func(string) error { return errNoTenant })
}

func open(t *testing.T, path string) (*Log, *store.Tenants[*kv]) {
	t.Helper()
	ts := newTenants()
	l, err := Open(path, map[string]Store{"kv": ts}, t.Logf, func([]byte) error { return errors.New("legacy") })
	if err != nil {
		t.Fatal(err)
	}
	return l, ts
}

func get(ts *store.Tenants[*kv], tenant, key string) string {
	var v string
	_ = ts.View(tenant, func(k *kv) error { v = k.m[key]; return nil })
	return v
}

func TestWritesLoadBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	l, ts := open(t, path)
	if err := ts.Load(func(ws *store.Workset[*kv]) error { ws.Tenant("a").m["x"] = "fixture"; return nil }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		if err := ts.Update("a", func(k *kv) error { k.set(fmt.Sprint("k", i), fmt.Sprint(i)); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	_, again := open(t, path)
	if get(again, "a", "x") != "fixture" || get(again, "a", "k9") != "9" {
		t.Fatalf("after reopening: x=%q k9=%q", get(again, "a", "x"), get(again, "a", "k9"))
	}
}

// refused opens path and expects an error, with the file left as it was.
func refused(t *testing.T, path, why string) {
	t.Helper()
	before, _ := os.ReadFile(path)
	_, err := Open(path, map[string]Store{"kv": newTenants()}, t.Logf, func([]byte) error { return errors.New("not a state") })
	if err == nil {
		t.Fatalf("%s: opened", why)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatalf("%s: the file was changed", why)
	}
}

func TestEmptyTruncatedAndCorruptFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state")
	_ = os.WriteFile(path, nil, 0o600)
	refused(t, path, "an empty file")

	full := header + "\n" + `["tenant","kv","a"]` + "\n" + `["put","kv","a","s","x"]` + "\t\"1\"\n" + snapshotEnd + "\n"
	for cut := 1; cut < len(full); cut++ {
		_ = os.WriteFile(path, []byte(full[:cut]), 0o600)
		refused(t, path, fmt.Sprintf("a snapshot cut at byte %d", cut))
	}
	_ = os.WriteFile(path, []byte(header+"\n"+`["put","kv","a","s","x"]`+"\tnope\n"+snapshotEnd+"\n"), 0o600)
	refused(t, path, "a bad record in the snapshot")
	_ = os.WriteFile(path, []byte(`{"sandbox_state":2}`+"\n"+snapshotEnd+"\n"), 0o600)
	refused(t, path, "a newer format")
	_ = os.WriteFile(path, []byte("dintero: {}\n"), 0o600)
	refused(t, path, "a file legacy refuses")
}

// A crash in the middle of an append leaves a torn last entry; it was
// never acknowledged, so it is dropped and the file goes on from there.
func TestTornTailIsDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	l, ts := open(t, path)
	_ = ts.Load(func(ws *store.Workset[*kv]) error { ws.Tenant("a"); return nil })
	_ = ts.Update("a", func(k *kv) error { k.set("kept", "1"); return nil })
	l.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.WriteString(`["put","kv","a","s","torn"]` + "\t\"2")
	f.Close()
	l, ts = open(t, path)
	if get(ts, "a", "kept") != "1" || get(ts, "a", "torn") != "" {
		t.Fatalf("kept=%q torn=%q", get(ts, "a", "kept"), get(ts, "a", "torn"))
	}
	_ = ts.Update("a", func(k *kv) error { k.set("after", "3"); return nil })
	l.Close()
	_, ts = open(t, path)
	if get(ts, "a", "after") != "3" || get(ts, "a", "kept") != "1" {
		t.Fatalf("a write after the torn tail was lost")
	}
}

// Compactions while writers write lose nothing: every acknowledged write
// is in the file after the last compaction.
func TestCompactionUnderConcurrentWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	l, ts := open(t, path)
	_ = ts.Load(func(ws *store.Workset[*kv]) error { ws.Tenant("a"); ws.Tenant("b"); return nil })
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tenant := []string{"a", "b"}[w%2]
			for i := 0; i < 300; i++ {
				if err := ts.Update(tenant, func(k *kv) error { k.set(fmt.Sprintf("w%d-%d", w, i), "v"); return nil }); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	compactions := 0
	go func() {
		wg.Wait()
		close(stop)
	}()
	for done := false; !done; {
		select {
		case <-stop:
			done = true
		default:
			if err := l.Compact(); err != nil {
				t.Fatal(err)
			}
			compactions++
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	_, again := open(t, path)
	for w := 0; w < 4; w++ {
		for i := 0; i < 300; i++ {
			if get(again, []string{"a", "b"}[w%2], fmt.Sprintf("w%d-%d", w, i)) != "v" {
				t.Fatalf("write w%d-%d lost (%d compactions)", w, i, compactions)
			}
		}
	}
	t.Logf("%d compactions during 1,200 writes", compactions)
}

// Resets and removals are logged in order with the writes around them.
func TestResetAndRemoveAreLogged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	l, ts := open(t, path)
	_ = ts.Load(func(ws *store.Workset[*kv]) error { ws.Tenant("a").m["x"] = "base"; ws.Tenant("gone"); return nil })
	_ = ts.Update("a", func(k *kv) error { k.set("x", "changed"); return nil })
	ts.Reset("a")
	_ = ts.Update("a", func(k *kv) error { k.set("y", "after reset"); return nil })
	ts.Remove("gone")
	l.Close()
	_, again := open(t, path)
	if get(again, "a", "x") != "base" || get(again, "a", "y") != "after reset" || again.Has("gone") {
		t.Fatalf("x=%q y=%q gone=%v", get(again, "a", "x"), get(again, "a", "y"), again.Has("gone"))
	}
	data, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(data), header+"\n") {
		t.Fatalf("no header: %.80s", data)
	}
}
