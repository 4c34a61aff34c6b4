package clock

import (
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
