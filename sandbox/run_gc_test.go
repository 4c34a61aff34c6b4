package sandbox

import (
	"math"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// gcSettings reads the collector's percent and memory limit.
func gcSettings() (int, int64) {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

// TestPauseGCPutsTheSettingsBack: the start-up pause of the collector
// ends when the last start does, with the settings as they were.
func TestPauseGCPutsTheSettingsBack(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 40))

	r1 := pauseGC()
	if p, l := gcSettings(); p != -1 || l != startUpHeapLimit {
		t.Fatalf("paused: GC percent %d, limit %d; want -1, %d", p, l, startUpHeapLimit)
	}
	r2 := pauseGC() // a second start meanwhile
	r1()
	r1() // twice is once
	if p, _ := gcSettings(); p != -1 {
		t.Fatalf("resumed while a start still runs: GC percent %d", p)
	}
	r2()
	if p, l := gcSettings(); p != 77 || l != 1<<40 {
		t.Fatalf("resumed: GC percent %d, limit %d; want 77, %d", p, l, int64(1<<40))
	}
}

// TestPauseGCEndsAtTheFirstCollection: a start big enough to reach the
// limit collects there, and from then on with the usual settings.
func TestPauseGCEndsAtTheFirstCollection(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	resume := pauseGC()
	defer resume()
	runtime.GC() // as the limit would
	deadline := time.Now().Add(5 * time.Second)
	for {
		if p, l := gcSettings(); p == 100 && l == math.MaxInt64 {
			return
		}
		if time.Now().After(deadline) {
			p, l := gcSettings()
			t.Fatalf("after a collection: GC percent %d, limit %d; want the usual 100, no limit", p, l)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}

// Run lets the parsed default fixtures go once its sandbox is made
// (forgetDefaultFixtures); a sandbox made afterwards parses them again and
// is the same as one made before.
func TestForgetDefaultFixtures(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	before, err := New(Options{Now: at})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := defaultFixtures(before.sections)
	if err != nil || len(docs) == 0 {
		t.Fatalf("default fixtures: %v, %d documents", err, len(docs))
	}
	forgetDefaultFixtures()
	parsedDefaults.Range(func(k, _ any) bool {
		t.Errorf("still cached: %q", k)
		return true
	})
	after, err := New(Options{Now: at})
	if err != nil {
		t.Fatal(err)
	}
	again, err := defaultFixtures(after.sections)
	if err != nil || len(again) != len(docs) || again[0] == docs[0] {
		t.Fatalf("after forgetting: %v, %d documents, parsed again: %v", err, len(again), len(again) > 0 && again[0] != docs[0])
	}
	state := func(s *Server) string {
		b, err := s.State()
		if err != nil {
			t.Fatal(err)
		}
		return regexp.MustCompile(`globalId: \S+`).ReplaceAllString(string(b), "globalId: X") // random per sandbox
	}
	if a, b := state(before), state(after); a != b {
		t.Fatalf("a sandbox made after forgetting differs:\n%s\n%s", a, b)
	}
}

// Forgetting while other sandboxes are made (Run beside a test suite's
// New in one process) leaves each of them its default fixtures; the race
// detector watches the cache.
func TestForgetDefaultFixturesWhileNew(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				s, err := New(Options{})
				if err != nil {
					t.Error(err)
					return
				}
				if b, _ := s.State(); !strings.Contains(string(b), "c-1001") {
					t.Error("a sandbox made while forgetting has no default customers")
					return
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for {
		select {
		case <-done:
			return
		default:
			forgetDefaultFixtures()
			runtime.Gosched()
		}
	}
}
