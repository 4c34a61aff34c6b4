package dintero

import (
	"testing"
	"time"
)

func TestAggregate(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	ev := func(status string, expires *time.Time) Event {
		return Event{Event: "e", Status: status, ExpiresAt: expires}
	}
	tests := []struct {
		name     string
		customer string
		events   []Event
		want     string
	}{
		{"nothing known", "", nil, "UNKNOWN"},
		{"the customer's status wins", "ACTIVE", []Event{ev("OPT_OUT", nil)}, "ACTIVE"},
		{"the latest event", "", []Event{ev("PENDING", nil), ev("OPT_OUT", nil)}, "OPT_OUT"},
		{"an expired latest event falls back", "", []Event{ev("PENDING", nil), ev("OPT_OUT", &past)}, "PENDING"},
		{"every event expired", "", []Event{ev("PENDING", &past), ev("OPT_OUT", &past)}, "UNKNOWN"},
		{"not yet expired", "", []Event{ev("PENDING", nil), ev("OPT_OUT", &future)}, "OPT_OUT"},
		{"expiring exactly now has expired", "", []Event{ev("PENDING", nil), ev("OPT_OUT", &now)}, "PENDING"},
		{"events without status do not count", "", []Event{ev("PENDING", nil), ev("", nil)}, "PENDING"},
		{"only events without status", "", []Event{ev("", nil)}, "UNKNOWN"},
		{"fallback skips an expired middle event", "", []Event{ev("A", nil), ev("B", &past), ev("C", &past)}, "A"},
		{"the customer's status even with expired events", "VIP", []Event{ev("OPT_OUT", &past)}, "VIP"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := aggregate(tt.customer, tt.events, now); got != tt.want {
				t.Fatalf("aggregate = %s, want %s", got, tt.want)
			}
		})
	}
}
