package clock

import (
	"math"
	"testing"
	"time"
)

func TestFrozenAdvanceReal(t *testing.T) {
	at := time.Date(2030, 1, 1, 0, 0, 0, 123456789, time.UTC)
	c := NewFrozen(at)
	if got := c.Now(); !got.Equal(at.Truncate(time.Millisecond)) || !c.Frozen() {
		t.Fatalf("frozen now %v", got)
	}
	c.Advance(90 * time.Second)
	if got := c.Now(); !got.Equal(at.Add(90 * time.Second).Truncate(time.Millisecond)) {
		t.Fatalf("advanced %v", got)
	}
	c.Real()
	if c.Frozen() || time.Since(c.Now()) > time.Minute {
		t.Fatalf("real time: %v", c.Now())
	}
	c.Advance(time.Hour) // a running clock runs ahead
	if d := time.Until(c.Now()); d < 59*time.Minute || d > 61*time.Minute {
		t.Fatalf("running clock offset %v", d)
	}
}

func TestAdvanceOutOfRange(t *testing.T) {
	at := time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)
	c := NewFrozen(at)
	for _, d := range []time.Duration{-time.Second, 2 * time.Hour, math.MaxInt64} {
		if _, err := c.Advance(d); err != ErrOutOfRange {
			t.Errorf("Advance(%v) = %v, want ErrOutOfRange", d, err)
		}
		if got := c.Now(); !got.Equal(at) {
			t.Fatalf("a refused advance moved the clock to %v", got)
		}
	}
	if _, err := c.Advance(59 * time.Minute); err != nil {
		t.Fatalf("an advance within range: %v", err)
	}

	// A running clock keeps an offset: it must not wrap around.
	r := New()
	if _, err := r.Advance(200 * 365 * 24 * time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Advance(200 * 365 * 24 * time.Hour); err != ErrOutOfRange {
		t.Fatalf("an offset past time.Duration: %v", err)
	}
	if y := r.Now().Year(); y < 2150 || y > 2300 {
		t.Fatalf("running clock at year %d after a refused advance", y)
	}
}

func TestInRange(t *testing.T) {
	for _, tc := range []struct {
		t  time.Time
		ok bool
	}{
		{Min, true}, {Max, true}, {Min.Add(-time.Nanosecond), false}, {Max.Add(time.Nanosecond), false},
		{time.Date(1734, 1, 1, 0, 0, 0, 0, time.UTC), false},
	} {
		if InRange(tc.t) != tc.ok {
			t.Errorf("InRange(%v) = %v", tc.t, !tc.ok)
		}
	}
}

// NewFrozen returns a clock frozen at t.
func NewFrozen(t time.Time) *Clock {
	c := New()
	c.Freeze(t)
	return c
}
