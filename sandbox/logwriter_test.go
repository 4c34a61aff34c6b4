package sandbox

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// A request log going to a file holds lines back for at most a few
// milliseconds, keeps their order under concurrent requests, and Close
// writes the rest.
func TestFileLogBatchesInOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "requests.log")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := New(Options{Log: f, NoDefaultFixtures: true})
	if err != nil {
		t.Fatal(err)
	}
	get := func(p string) {
		s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, p, nil))
	}
	get("/_sandbox/health?n=first")
	deadline := time.Now().Add(5 * time.Second)
	for {
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), "n=first") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first line was not written within 5 s")
		}
		time.Sleep(time.Millisecond)
	}
	// Each client's lines in its own order, every line once.
	var wg sync.WaitGroup
	const clients, each = 4, 300
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				get("/_sandbox/health?c=" + strconv.Itoa(c) + "&i=" + strings.Repeat("x", i%7) + strconv.Itoa(i))
			}
		}(c)
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 1+clients*each {
		t.Fatalf("%d lines, want %d", len(lines), 1+clients*each)
	}
	next := map[string]int{}
	for _, l := range lines[1:] {
		_, q, _ := strings.Cut(strings.Fields(l)[1], "?c=")
		c, i, _ := strings.Cut(q, "&i=")
		if got := strconv.Itoa(next[c]); strings.TrimLeft(i, "x") != got {
			t.Fatalf("client %s: line %q, want request %s next", c, l, got)
		}
		next[c]++
	}
	// After Close, lines are written at once.
	get("/_sandbox/health?n=after")
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), "n=after") {
		t.Fatal("a line after Close was held back")
	}
}
