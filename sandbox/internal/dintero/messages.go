package dintero

import (
	"strconv"
	"sync"
	"time"
)

// Message is an SMS or email the sandbox "sent": a verification code, an
// MFA code or a password reset. Nothing leaves the sandbox; a test reads
// them from GET /_sandbox/messages (decision D68).
type Message struct {
	ID         string `json:"id"`
	Account    string `json:"account"`
	Kind       string `json:"kind"`    // one of the Msg* kinds
	Channel    string `json:"channel"` // sms or email
	To         string `json:"to"`
	CustomerID string `json:"customer_id,omitempty"`
	Code       string `json:"code,omitempty"`
	Link       string `json:"link,omitempty"`
	SentAt     string `json:"sent_at"`
}

// The kinds of message.
const (
	MsgKindVerification  = "verification_code"
	MsgKindMFA           = "mfa_code"
	MsgKindMFARecovery   = "mfa_recovery_code"
	MsgKindPasswordReset = "password_reset"
)

// maxMessages bounds the outbox: the oldest go first.
const maxMessages = 1000

// outbox holds the messages sent, newest last. Decision D68: it is not part
// of the accounts' state (a message is a side effect, not a record), so it
// is neither in GET /_sandbox/state nor in the state file, and a reset
// leaves it alone; DELETE /_sandbox/messages clears it.
type outbox struct {
	mu   sync.Mutex
	seq  int
	list []Message
}

func (o *outbox) send(m Message, at time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.seq++
	m.ID = "msg_" + strconv.Itoa(o.seq)
	m.SentAt = ts(at)
	if len(o.list) >= maxMessages {
		o.list = append(o.list[:0:0], o.list[len(o.list)-maxMessages+1:]...)
	}
	o.list = append(o.list, m)
}

// Messages lists the messages sent, newest last, those of account aid
// only when aid is not empty, and of the recipient to when to is not empty.
func (a *API) Messages(aid, to string) []Message {
	a.outbox.mu.Lock()
	defer a.outbox.mu.Unlock()
	out := []Message{}
	for _, m := range a.outbox.list {
		if (aid == "" || m.Account == aid) && (to == "" || m.To == to) {
			out = append(out, m)
		}
	}
	return out
}

// ClearMessages empties the outbox.
func (a *API) ClearMessages() {
	a.outbox.mu.Lock()
	defer a.outbox.mu.Unlock()
	a.outbox.list = nil
}
