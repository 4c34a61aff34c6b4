package dintero

import (
	"iter"
	"slices"
	"time"
)

// Token is a customer token: a (type, value) pair owned by one customer.
type Token struct {
	entity
	TokenID  string
	Owner    string // the owning customer's id (not customer_id, which can change)
	Type     string
	Value    string
	Metadata map[string]any
}

// render is the CustomerToken of t.
func (t *Token) render() map[string]any {
	out := map[string]any{"token_id": t.TokenID, "type": t.Type, "value": t.Value}
	if t.Metadata != nil {
		out["metadata"] = t.Metadata
	}
	t.fill(out)
	return out
}

func (acc *Account) indexToken(t *Token) {
	if old, known := acc.tokens[t.ID]; known {
		acc.tokenOrder.Delete(orderKey(old.CreatedAt, old.ID))
		acc.tokensByVal[old.Value] = slices.DeleteFunc(acc.tokensByVal[old.Value], func(id string) bool { return id == old.ID })
	}
	acc.tokensByVal[t.Value] = append(acc.tokensByVal[t.Value], t.ID)
	acc.tokenOrder.Set(orderKey(t.CreatedAt, t.ID), t.ID)
	acc.tokens[t.ID] = t
	acc.Note(kindToken, t.ID, t)
}

// hasToken reports whether customer id owns a live token of that type and
// value (either may be empty: any).
func (acc *Account) hasToken(id, typ, value string) bool {
	check := func(t *Token) bool {
		return t.Owner == id && !t.deleted() && (typ == "" || t.Type == typ) && (value == "" || t.Value == value)
	}
	if value != "" {
		for _, tid := range acc.tokensByVal[value] {
			if check(acc.tokens[tid]) {
				return true
			}
		}
		return false
	}
	for _, t := range acc.tokens {
		if check(t) {
			return true
		}
	}
	return false
}

// tokenOwners yields the owners of live tokens with that value.
func (acc *Account) tokenOwners(value string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, tid := range acc.tokensByVal[value] {
			if t := acc.tokens[tid]; !t.deleted() && !yield(t.Owner) {
				return
			}
		}
	}
}

// deleteTokensOf soft-deletes every live token of customer id.
func (acc *Account) deleteTokensOf(id string, now time.Time, by string) {
	for _, t := range acc.tokens {
		if t.Owner == id && !t.deleted() {
			n := *t
			n.entity = t.softDeleted(now, by)
			acc.tokens[t.ID] = &n
			acc.Note(kindToken, t.ID, &n)
		}
	}
}
