package dintero

import (
	"strconv"
	"testing"
	"time"
)

// The outbox keeps the newest maxMessages messages, in order.
func TestOutboxIsBounded(t *testing.T) {
	var o outbox
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < maxMessages+10; i++ {
		o.send(Message{Account: "T12345678", To: strconv.Itoa(i)}, now)
	}
	if len(o.list) != maxMessages {
		t.Fatalf("%d messages kept, want %d", len(o.list), maxMessages)
	}
	if o.list[0].To != "10" || o.list[len(o.list)-1].To != strconv.Itoa(maxMessages+9) {
		t.Fatalf("kept %s … %s, want the newest", o.list[0].To, o.list[len(o.list)-1].To)
	}
}

// bound drops expired secrets first, then any, so a map never passes
// maxSecrets however many are issued.
func TestSecretsAreBounded(t *testing.T) {
	s := newSecrets()
	u := userRef{"T12345678", "c-1", "customer"}
	for i := 0; i < maxSecrets+5; i++ {
		s.putCode(s.codes, u, time.Minute)
	}
	if len(s.codes) > maxSecrets {
		t.Fatalf("%d codes kept, want at most %d", len(s.codes), maxSecrets)
	}
	expired := map[string]*grantCode{"old": {user: u, expires: time.Now().Add(-time.Second)}}
	for i := 0; i < maxSecrets-1; i++ {
		expired["live"+strconv.Itoa(i)] = &grantCode{user: u, expires: time.Now().Add(time.Hour)}
	}
	bound(expired, func(c *grantCode) bool { return time.Now().After(c.expires) })
	if _, ok := expired["old"]; ok || len(expired) != maxSecrets-1 {
		t.Fatalf("the expired code should go first: %d left, old kept %v", len(expired), ok)
	}
	// A code answers once.
	code := s.putCode(s.codes, u, time.Minute)
	if _, ok := s.takeCode(s.codes, code); !ok {
		t.Fatal("a fresh code does not answer")
	}
	if _, ok := s.takeCode(s.codes, code); ok {
		t.Fatal("a code answers twice")
	}
}
