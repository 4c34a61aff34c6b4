// Package clock is the sandbox clock: real time by default, or frozen and
// moved by hand through the control endpoints. Every timestamp the sandbox
// writes comes from it.
package clock

import (
	"sync"
	"time"
)

// Clock tells the sandbox time. It is safe for concurrent use.
type Clock struct {
	mu     sync.RWMutex
	real   func() time.Time
	frozen bool
	at     time.Time     // the frozen instant, when frozen
	offset time.Duration // added to real time, when not frozen
}

// New returns a clock that follows real time.
func New() *Clock { return &Clock{real: time.Now} }

// NewFrozen returns a clock frozen at t.
func NewFrozen(t time.Time) *Clock {
	c := New()
	c.Freeze(t)
	return c
}

// Now is the sandbox time, in UTC and truncated to milliseconds: the
// precision the APIs print, so a timestamp read back from a response and sent
// as a filter (since_datetime) compares equal to the stored one.
func (c *Clock) Now() time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var t time.Time
	if c.frozen {
		t = c.at
	} else {
		t = c.real().Add(c.offset)
	}
	return t.UTC().Truncate(time.Millisecond)
}

// Frozen reports whether the clock stands still.
func (c *Clock) Frozen() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.frozen
}

// Freeze stops the clock at t.
func (c *Clock) Freeze(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.at, c.offset = true, t.UTC(), 0
}

// Advance moves the clock forward by d. A frozen clock stays frozen; a running
// one keeps running, d ahead of real time.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		c.at = c.at.Add(d)
	} else {
		c.offset += d
	}
}

// Real puts the clock back to real time.
func (c *Clock) Real() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen, c.offset = false, 0
}
