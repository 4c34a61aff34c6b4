package dintero

import (
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// VerificationCode is the code every verification "sends": a test confirms
// with it, as no SMS or email leaves the sandbox (decision D30).
const VerificationCode = "123456"

// Verification is the state of one of a customer's channels.
type Verification struct {
	VerifiedAt *time.Time
	Allowed    bool
	CodeSent   bool // a code was sent and not yet confirmed
}

// handleCommunication is GET /customers/users/{customer_id}/communication.
func (a *API) handleCommunication(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		c, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		comm := map[string]any{}
		for field, v := range c.Comm {
			if v.VerifiedAt == nil && !v.Allowed {
				continue
			}
			m := map[string]any{"allowed": v.Allowed}
			if v.VerifiedAt != nil {
				m["verified_at"] = ts(*v.VerifiedAt)
			}
			comm[field] = m
		}
		out := map[string]any{"id": c.ID, "created_at": ts(c.CreatedAt), "updated_at": ts(c.UpdatedAt), "communication": comm}
		if c.CreatedBy != "" {
			out["created_by"] = c.CreatedBy
		}
		return out, nil
	}))
}

// handleVerify is POST /customers/users/{customer_id}/communication/{operation}/{field}:
// send-verification-code "sends" VerificationCode; confirm-verification-code
// with that code marks the channel verified and allowed. Both answer 204;
// a wrong or missing code, or a field the customer lacks, is 400.
func (a *API) handleVerify(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	field, op := r.Path("field"), r.Path("operation")
	sentTo, err := store.Set(a.store, r.Path("aid"), func(acc *Account) (string, error) {
		prev, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return "", err
		}
		if prev.str(field) == "" {
			return "", badRequest("the customer has no %s to verify", field)
		}
		next := copyCustomer(prev)
		v := next.Comm[field]
		switch op {
		case "send-verification-code":
			v.CodeSent = true
		default:
			if !v.CodeSent {
				return "", badRequest("no verification code was sent for %s", field)
			}
			if str(body["code"]) != VerificationCode {
				return "", badRequest("wrong verification code")
			}
			now := a.clock.Now()
			v = Verification{VerifiedAt: &now, Allowed: true}
		}
		next.Comm[field] = v
		acc.replace(prev, next)
		return prev.str(field), nil
	})
	if err != nil {
		return nil, err
	}
	if op == "send-verification-code" {
		// Decision D30/D68: nothing leaves the sandbox; the code shows in GET /_sandbox/messages.
		channel := "sms"
		if field == "email" {
			channel = "email"
		}
		a.outbox.send(Message{Account: r.Path("aid"), Kind: MsgKindVerification, Channel: channel, To: sentTo,
			CustomerID: r.Path("customer_id"), Code: VerificationCode}, a.clock.Now())
	}
	return &api.Response{Status: http.StatusNoContent}, nil
}
