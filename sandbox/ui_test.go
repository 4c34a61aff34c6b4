package sandbox

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/customers-api/sandbox/sandbox/internal/ui"
)

// The dashboard polls the journal by sequence number: the numbers go on
// when the ring wraps and across clears, and after names the last one seen.
func TestJournalSinceAcrossWrapAndClear(t *testing.T) {
	j := newJournal(3)
	for i := 1; i <= 5; i++ {
		j.add(JournalEntry{Path: fmt.Sprint("/", i)})
	}
	paths := func(es []JournalEntry) string {
		var p []string
		for _, e := range es {
			p = append(p, e.Path)
		}
		return strings.Join(p, " ")
	}
	for _, c := range []struct {
		after       uint64
		want        string
		first, last uint64
	}{{0, "/3 /4 /5", 3, 5}, {3, "/4 /5", 4, 5}, {4, "/5", 5, 5}, {5, "", 6, 5}} {
		es, first, last := j.since(c.after)
		if paths(es) != c.want || first != c.first || last != c.last {
			t.Errorf("since(%d) = %q, %d, %d; want %q, %d, %d", c.after, paths(es), first, last, c.want, c.first, c.last)
		}
	}
	j.clear()
	if es, _, last := j.since(0); len(es) != 0 || last != 5 {
		t.Fatalf("after clear: %q, last %d", paths(es), last)
	}
	j.add(JournalEntry{Path: "/6"})
	if es, first, last := j.since(5); paths(es) != "/6" || first != 6 || last != 6 {
		t.Fatalf("after clear and add: %q %d %d", paths(es), first, last)
	}
}

// Every asset is served with a strong ETag and revalidates to a 304.
func TestUIAssetsRevalidate(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{uiPath}
	for _, n := range ui.Names() {
		paths = append(paths, ui.Prefix+n)
	}
	if len(paths) < 4 {
		t.Fatalf("assets: %v", paths)
	}
	for _, p := range paths {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		etag := rec.Header().Get("ETag")
		if rec.Code != 200 || !regexp.MustCompile(`^"[0-9a-f]{24}"$`).MatchString(etag) || rec.Header().Get("Cache-Control") != "no-cache" ||
			rec.Header().Get("Content-Type") == "" || rec.Body.Len() == 0 {
			t.Fatalf("GET %s: %d %v", p, rec.Code, rec.Header())
		}
		req := httptest.NewRequest("GET", p, nil)
		req.Header.Set("If-None-Match", etag)
		rec = httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
			t.Fatalf("GET %s with If-None-Match: %d", p, rec.Code)
		}
	}
	// the assets stay small (no framework): all of them under 100 KB
	total := 0
	for _, n := range ui.Names() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", ui.Prefix+n, nil))
		total += rec.Body.Len()
	}
	if total > 100<<10 {
		t.Fatalf("the dashboard's assets weigh %d bytes", total)
	}
}

// The page's own polling stays out of the request log (decision D92);
// what it changes, through the control endpoints, is logged.
func TestUIReadsStayOutOfTheLog(t *testing.T) {
	var log bytes.Buffer
	s, err := New(Options{Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{uiPath, ui.Prefix + "app.js", "/_sandbox/ui/api/summary", "/_sandbox/ui/api/requests?after=0",
		"/_sandbox/ui/api/dintero/T12345678", "/_sandbox/ui/api/tradevest/sandbox"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d %s", p, rec.Code, rec.Body)
		}
	}
	if log.Len() != 0 {
		t.Fatalf("logged: %s", log.String())
	}
	s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/_sandbox/clock", nil))
	if !strings.HasPrefix(log.String(), "GET /_sandbox/clock 200") {
		t.Fatalf("logged: %q", log.String())
	}
}
