package sandbox

import (
	"math"
	"runtime"
	"runtime/debug"
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
