// Package clock is the sandbox clock: real time by default, or frozen and
// moved by hand through the control endpoints. Every timestamp the sandbox
// writes comes from it.
package clock

import (
	"errors"
	"math"
	"sync"
	"time"
)

// The range the clock may be set to (decision D50: clock inputs before 1970
// or after 9999 are refused).
var (
	Min = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	Max = time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC)
)

// ErrOutOfRange is returned for a move that would take the clock outside
// [Min, Max] or past what a time.Duration holds.
var ErrOutOfRange = errors.New("the clock would leave the range 1970-01-01 to 9999-12-31")

// InRange reports whether t is an instant the clock may be set to.
func InRange(t time.Time) bool { return !t.Before(Min) && !t.After(Max) }

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

// Now is the sandbox time, in UTC and truncated to milliseconds: the
// precision the APIs print, so a timestamp read back from a response and sent
// as a filter (since_datetime) compares equal to the stored one.
func (c *Clock) Now() time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.now()
}

func (c *Clock) now() time.Time {
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

// Freeze stops the clock at t and returns the time it showed before.
// Callers check InRange first.
func (c *Clock) Freeze(t time.Time) (prev time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	prev = c.now()
	c.frozen, c.at, c.offset = true, t.UTC(), 0
	return prev
}

// Advance moves the clock forward by d and returns the time it showed
// before. A frozen clock stays frozen; a running one keeps running, d ahead
// of real time. A negative d, or one that would take the clock past Max or
// its offset past what a time.Duration holds, is ErrOutOfRange and changes
// nothing.
func (c *Clock) Advance(d time.Duration) (prev time.Time, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	prev = c.now()
	if d < 0 || prev.Add(d).After(Max) || !c.frozen && c.offset > math.MaxInt64-d {
		return prev, ErrOutOfRange
	}
	if c.frozen {
		c.at = c.at.Add(d)
	} else {
		c.offset += d
	}
	return prev, nil
}

// Real puts the clock back to real time and returns the time it showed
// before.
func (c *Clock) Real() (prev time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	prev = c.now()
	c.frozen, c.offset = false, 0
	return prev
}
