package tradevest

import "time"

// roleTiming is what a role (customer, proxy) or a beneficial owner will
// become on the sandbox clock: at ActiveOn a PENDING one takes its
// onboarding's outcome (NextStatus, ACTIVE when empty; decision D84), and
// at InactiveOn an approved offboarding makes it INACTIVE (decision D83).
// Reads work the status out from these; settle stores it once due.
type roleTiming struct {
	ActiveOn   *time.Time
	NextStatus string     `json:",omitempty"`
	InactiveOn *time.Time `json:",omitempty"`
}

func (t roleTiming) next() string {
	if t.NextStatus == "" {
		return "ACTIVE"
	}
	return t.NextStatus
}

// statusAt is the status at now of a record stored with status stored, and
// when it last changed by time (zero when it did not).
func (t roleTiming) statusAt(stored string, now time.Time) (string, time.Time) {
	s, at := stored, time.Time{}
	if s == "PENDING" && t.ActiveOn != nil && !now.Before(*t.ActiveOn) {
		s, at = t.next(), *t.ActiveOn
	}
	if t.InactiveOn != nil && s != "INACTIVE" && !now.Before(*t.InactiveOn) {
		s, at = "INACTIVE", later(at, *t.InactiveOn)
	}
	return s, at
}

// dueAt is when the next transition of a record stored with status stored
// is due, if any.
func (t roleTiming) dueAt(stored string) (time.Time, bool) {
	var out time.Time
	ok := false
	if stored == "PENDING" && t.ActiveOn != nil {
		out, ok = *t.ActiveOn, true
	}
	if t.InactiveOn != nil && stored != "INACTIVE" && (!ok || t.InactiveOn.Before(out)) {
		out, ok = *t.InactiveOn, true
	}
	return out, ok
}
