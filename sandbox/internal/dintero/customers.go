package dintero

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// Fields of a customer body that are not part of the stored document.
var notInDoc = map[string]bool{"customer_id": true, "type": true, "password": true, "pin": true}

// handleCustomerCreate is POST /customers/users: 200 with the new customer.
func (a *API) handleCustomerCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	cl := caller(r)
	if err := checkCustomerScopes(r, body, str(body["type"])); err != nil {
		return nil, err
	}
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		// With users.customer_id_format sequence the vendor says a client
		// "should not" send its own customer_id (it can conflict with a later
		// generated one) but does not refuse it: a sent id is kept (a numeric
		// one moves the sequence on), a missing one is max+1 (decision D15).
		cid := str(body["customer_id"])
		switch {
		case cid != "":
		case acc.sequenceIDs():
			cid = fmt.Sprint(acc.maxSeq + 1)
		default:
			cid = uuid.NewString()
		}
		now := a.clock.Now()
		c := &Customer{ID: uuid.NewString(), CustomerID: cid, Type: typeOrDefault(body["type"]), CreatedAt: now, CreatedBy: cl.Subject, UpdatedAt: now, Doc: map[string]any{}}
		applyBody(c, body)
		if err := acc.checkNewCustomerID(cid); err != nil {
			return nil, err
		}
		if err := acc.checkCustomer(c); err != nil {
			return nil, err
		}
		acc.index(c)
		acc.syncAutoTokens(c, now, cl.Subject)
		return c.render(), nil
	}))
}

// checkCustomerScopes applies the scope rules of the body: password and pin
// need write:accounts:/auth/users; employee and other users need
// admin:customers or write:customers (§3.2, decision D13).
func checkCustomerScopes(r *api.Request, body map[string]any, typ string) error {
	cl := caller(r)
	_, hasPassword := body["password"]
	_, hasPin := body["pin"]
	if (hasPassword || hasPin) && !hasAny(cl, scopeAuthUsers) {
		return api.Errorf(http.StatusForbidden, CodeForbidden, MsgAuthScope)
	}
	if (typ == "employee" || typ == "other") && !hasAny(cl, scopeAdmin, scopeWrite) {
		return api.Errorf(http.StatusForbidden, CodeForbidden, MsgTypeScope)
	}
	return nil
}

func typeOrDefault(v any) string {
	if s, ok := v.(string); ok && s != "" {
		return s
	}
	return "customer"
}

func str(v any) string { s, _ := v.(string); return s }

func hashSecret(s string) string {
	h := sha256.Sum256([]byte("sandbox:" + s))
	return hex.EncodeToString(h[:])
}

// applyBody merges a create or update body into c (decision D12): top-level
// fields replace, null unsets, metadata merges per key (null removes a key,
// metadata: null clears it).
func applyBody(c *Customer, body map[string]any) {
	for k, v := range body {
		switch {
		case k == "type":
			c.Type = typeOrDefault(v)
		case k == "password":
			c.PasswordHash = hashSecret(str(v))
		case k == "pin":
			c.PinHash = hashSecret(str(v))
		case notInDoc[k]:
		case k == "metadata":
			patch, ok := v.(map[string]any)
			if !ok {
				delete(c.Doc, "metadata")
				continue
			}
			merged := map[string]any{}
			if old, ok := c.Doc["metadata"].(map[string]any); ok {
				for mk, mv := range old {
					merged[mk] = mv
				}
			}
			for mk, mv := range patch {
				if mv == nil {
					delete(merged, mk)
				} else {
					merged[mk] = mv
				}
			}
			c.Doc["metadata"] = merged
		case v == nil:
			delete(c.Doc, k)
		default:
			c.Doc[k] = v
		}
	}
}

// checkNewCustomerID rejects a customer_id in use, deleted customers
// included (decision D3: the deleted record keeps it).
func (acc *Account) checkNewCustomerID(cid string) error {
	if _, taken := acc.byCID[cid]; taken {
		return duplicate("customer_id", cid)
	}
	return nil
}

// checkCustomer checks a new customer (see checkChange).
func (acc *Account) checkCustomer(c *Customer) error { return acc.checkChange(c, nil) }

// checkChange checks the rules that span fields or customers: company and
// contact rules by type, linked contacts, and uniqueness of email (per type,
// case-insensitive) and phone number (per type, unless the settings allow
// duplicates; decision D2). prev is the stored customer c updates (nil on
// create): uniqueness is checked only for what the update changes (the
// value, or the type that scopes it), so a PUT of other fields still works
// when settings changed after two customers came to share a value.
func (acc *Account) checkChange(c, prev *Customer) error {
	_, hasCompany := c.Doc["company"]
	switch {
	case c.Type == "company" && !hasCompany:
		return badField("company", "company is required for users of type company")
	case hasCompany && c.Type != "company" && c.Type != "other":
		return badField("company", "company is only supported for users of type company or other, not %s", c.Type)
	}
	links, hasLinks := c.Doc["contact_for"].([]any)
	if hasLinks && c.Type != "contact" {
		return badField("contact_for", "contact_for is only supported for users of type contact, not %s", c.Type)
	}
	for i, l := range links {
		cid := str(l.(map[string]any)["customer_id"])
		if t, err := acc.liveCustomer(cid); err != nil || t.ID == c.ID {
			return badField(fmt.Sprintf("contact_for.%d.customer_id", i), "contact_for: customer %s not found", cid)
		}
	}
	changed := func(field string) bool {
		return prev == nil || prev.Type != c.Type || !strings.EqualFold(prev.str(field), c.str(field))
	}
	if email := strings.ToLower(c.str("email")); email != "" && changed("email") {
		for id := range acc.email.exact(email) {
			if o := acc.customers[id]; id != c.ID && o.Type == c.Type {
				return duplicate("email", c.str("email"))
			}
		}
	}
	if phone := c.str("phone_number"); phone != "" && !acc.phoneDuplicatesAllowed() && changed("phone_number") {
		for id := range acc.phone.exact(phone) {
			if o := acc.customers[id]; id != c.ID && o.Type == c.Type {
				return duplicate("phone_number", phone)
			}
		}
	}
	return nil
}

// handleCustomerGet is GET /customers/users/{customer_id}.
func (a *API) handleCustomerGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		c, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		return c.render(), nil
	}))
}

// handleCustomerUpdate is PUT /customers/users/{customer_id}: a partial
// update; fields left out stay as they are.
func (a *API) handleCustomerUpdate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		prev, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		next := copyCustomer(prev)
		applyBody(next, body)
		if err := checkCustomerScopes(r, body, next.Type); err != nil {
			return nil, err
		}
		if err := acc.checkChange(next, prev); err != nil {
			return nil, err
		}
		next.UpdatedAt = a.clock.Now()
		// A new email or phone number is not verified yet.
		for _, f := range []string{"email", "phone_number"} {
			if next.str(f) != prev.str(f) {
				delete(next.Comm, f)
			}
		}
		acc.replace(prev, next)
		acc.syncAutoTokens(next, next.UpdatedAt, caller(r).Subject)
		return next.render(), nil
	}))
}

// handleCustomerDelete is DELETE /customers/users/{customer_id}: a soft
// delete that keeps only the husk of §1.5; delete_tokens also deletes the
// customer's tokens (decision D20).
func (a *API) handleCustomerDelete(r *api.Request) (*api.Response, error) {
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		prev, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		now, by := a.clock.Now(), caller(r).Subject
		husk := &Customer{ID: prev.ID, CustomerID: prev.CustomerID, Type: prev.Type, CreatedAt: prev.CreatedAt, CreatedBy: prev.CreatedBy,
			UpdatedAt: now, DeletedAt: &now, DeletedBy: by, Doc: map[string]any{}}
		acc.replace(prev, husk)
		if r.QueryBool("delete_tokens") {
			acc.deleteTokensOf(prev.ID, now, by)
		}
		return husk.render(), nil
	}))
}

// handleChangeCustomerID is POST /customers/users/{customer_id}/change_customer_id.
// Each change leaves a metadata entry dintero_change_customer_id_{unix
// seconds}.{hash} with created_at, created_by, old and new (§3.7; the
// timestamp and hash encodings are the sandbox's choice).
func (a *API) handleChangeCustomerID(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	newID := str(body["customer_id"])
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		prev, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		if err := acc.checkNewCustomerID(newID); err != nil {
			return nil, err
		}
		now := a.clock.Now()
		next := copyCustomer(prev)
		next.CustomerID, next.UpdatedAt = newID, now
		sum := sha256.Sum256([]byte(prev.CustomerID + "\x00" + newID + "\x00" + ts(now)))
		key := fmt.Sprintf("dintero_change_customer_id_%d.%s", now.Unix(), hex.EncodeToString(sum[:4]))
		applyBody(next, map[string]any{"metadata": map[string]any{key: map[string]any{
			"created_at": ts(now), "created_by": caller(r).Subject, "old": prev.CustomerID, "new": newID,
		}}})
		acc.replace(prev, next)
		return next.render(), nil
	}))
}

// handleCustomerHead is HEAD /customers/users: 200 when a user with the
// email and phone number exists, 404 when none does, 405 unless enabled in
// the settings (§3.3, decision D28). Answers carry no body.
func (a *API) handleCustomerHead(r *api.Request) (*api.Response, error) {
	email, phone := strings.ToLower(r.QueryString("email")), r.QueryString("phone_number")
	return api.Empty(http.StatusOK, a.store.View(r.Path("aid"), func(acc *Account) error {
		if !acc.headEnabled() {
			return api.Errorf(http.StatusMethodNotAllowed, CodeMethodNotAllowed, MsgHeadDisabled)
		}
		if email == "" && phone == "" {
			return badRequest("email or phone_number is required")
		}
		var ids func(yield func(string) bool)
		if email != "" {
			ids = acc.email.exact(email)
		} else {
			ids = acc.phone.exact(phone)
		}
		for id := range ids {
			c := acc.customers[id]
			if (email == "" || strings.ToLower(c.str("email")) == email) && (phone == "" || c.str("phone_number") == phone) {
				return nil
			}
		}
		return api.Errorf(http.StatusNotFound, CodeNotFound, MsgNoMatch)
	}))
}
