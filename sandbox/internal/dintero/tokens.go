package dintero

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

func tokenKey(typ, value string) string { return typ + "\x00" + value }

// liveTokenByTV returns the live token with that type and value, if any.
// A token of a customer deleted without delete_tokens stays stored but
// belongs to nobody live (decisions D19, D20): it resolves to no customer, and
// another customer may take the pair.
func (acc *Account) liveTokenByTV(typ, value string) *Token {
	for _, tid := range acc.tokensByVal[value] {
		if t := acc.tokens[tid]; !t.deleted() && t.Type == typ {
			if c := acc.customers[t.Owner]; c != nil && !c.deleted() {
				return t
			}
		}
	}
	return nil
}

// handleTokenList is GET /customers/users/{customer_id}/tokens.
func (a *API) handleTokenList(r *api.Request) (*api.Response, error) {
	typ, includeDeleted := r.QueryString("type"), r.QueryBool("include_deleted")
	return a.list(r, func(acc *Account) (listPage, error) {
		c, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return listPage{}, err
		}
		keep := func(id string) bool {
			t := acc.tokens[id]
			return t.Owner == c.ID && (includeDeleted || !t.deleted()) && (typ == "" || t.Type == typ)
		}
		after, err := startingAfter(r, "token with token_id", func(tid string) (time.Time, string, bool) {
			t := acc.tokenByTokenID(c.ID, tid)
			if t == nil {
				return time.Time{}, "", false
			}
			return t.CreatedAt, t.ID, true
		})
		if err != nil {
			return listPage{}, err
		}
		ids, more := paging.Take(acc.tokenOrder.Ascend(after), keep, r.QueryInt("limit", 10))
		p := pageOf(ids, more, func(id string) (any, string) { t := acc.tokens[id]; return t.render(), t.TokenID })
		if r.QueryBool("total") {
			p.total = paging.Count(acc.tokenOrder.Ascend(nil), keep)
		}
		return p, nil
	})
}

// tokenByTokenID returns the token of customer id with that token_id,
// the live one first.
func (acc *Account) tokenByTokenID(owner, tokenID string) *Token {
	var found *Token
	for _, t := range acc.tokens {
		if t.Owner == owner && t.TokenID == tokenID {
			if !t.deleted() {
				return t
			}
			found = t
		}
	}
	return found
}

// handleTokenCreate is POST /customers/users/{customer_id}/tokens: 201.
// A type/value pair belongs to at most one live token of the account
// (decision D19); token_id is generated when absent.
func (a *API) handleTokenCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	out, err := store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		c, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		typ, value, tokenID := str(body["type"]), str(body["value"]), str(body["token_id"])
		if tokenID == "" {
			tokenID = uuid.NewString()
		} else if t := acc.tokenByTokenID(c.ID, tokenID); t != nil && !t.deleted() {
			return nil, duplicate("token_id", tokenID)
		}
		if acc.liveTokenByTV(typ, value) != nil {
			return nil, api.Errorf(http.StatusBadRequest, CodeDuplicate, "Duplicate token: a token of type %s with this value already belongs to a customer", typ)
		}
		now := a.clock.Now()
		if r.QueryBool("delete_token_events") {
			acc.clearEvents(typ, value, now, caller(r).Subject)
		}
		t := &Token{entity: newEntity(uuid.NewString(), now, caller(r).Subject), TokenID: tokenID, Owner: c.ID, Type: typ, Value: value}
		if md, ok := body["metadata"].(map[string]any); ok {
			t.Metadata = md
		}
		acc.indexToken(t)
		acc.ensureRecord(typ, value, now)
		return t.render(), nil
	})
	if err != nil {
		return nil, err
	}
	return api.JSON(http.StatusCreated, out), nil
}

// handleTokenDelete is DELETE /customers/users/{customer_id}/tokens/{tid}:
// a soft delete of the customer's token with that token_id.
func (a *API) handleTokenDelete(r *api.Request) (*api.Response, error) {
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		c, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		t := acc.tokenByTokenID(c.ID, r.Path("tid"))
		if t == nil || t.deleted() {
			return nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgTokenNotFound)
		}
		n := *t
		n.entity = t.softDeleted(a.clock.Now(), caller(r).Subject)
		acc.indexToken(&n)
		return n.render(), nil
	}))
}

// syncAutoTokens keeps the tokens that settings auto_tokens derive from a
// customer's email and phone number (§6.1, decision D25): type SHA256 or
// HMAC-SHA256, value the lowercase hex digest of the value (email
// lowercased first), token_id "auto-<field>-<type>". A changed value
// replaces the old token. A pair already owned by another live customer
// (same email, another user type) gets no second token.
func (acc *Account) syncAutoTokens(c *Customer, now time.Time, by string) {
	if c.deleted() {
		return
	}
	for _, field := range []string{"email", "phone_number"} {
		configs, _ := lookup(acc.settings(), "auto_tokens", field).([]any)
		source := c.str(field)
		if field == "email" {
			source = strings.ToLower(source)
		}
		for _, cfg := range configs {
			m, _ := cfg.(map[string]any)
			typ := str(m["type"])
			tokenID := "auto-" + strings.ReplaceAll(field, "_", "-") + "-" + strings.ToLower(typ)
			var value string
			switch typ {
			case "SHA256":
				sum := sha256.Sum256([]byte(source))
				value = hex.EncodeToString(sum[:])
			case "HMAC-SHA256":
				h := hmac.New(sha256.New, []byte(str(m["secret"])))
				h.Write([]byte(source))
				value = hex.EncodeToString(h.Sum(nil))
			default:
				continue
			}
			old := acc.tokenByTokenID(c.ID, tokenID)
			if old != nil && !old.deleted() {
				if old.Value == value && source != "" {
					continue
				}
				n := *old
				n.entity = old.softDeleted(now, by)
				acc.indexToken(&n)
			}
			if source == "" || acc.liveTokenByTV(typ, value) != nil {
				continue
			}
			acc.indexToken(&Token{entity: newEntity(uuid.NewString(), now, by), TokenID: tokenID, Owner: c.ID, Type: typ, Value: value,
				Metadata: map[string]any{"source": field}})
			acc.ensureRecord(typ, value, now)
		}
	}
}
