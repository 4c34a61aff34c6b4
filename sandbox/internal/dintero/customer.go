package dintero

import (
	"strconv"
	"strings"
	"time"
)

// Customer is a stored customer user. Doc holds the BasicUser fields and
// metadata exactly as validated and pruned from requests; the entity fields
// live beside it.
type Customer struct {
	ID         string
	CustomerID string
	Type       string
	CreatedAt  time.Time
	CreatedBy  string
	UpdatedAt  time.Time // also moved by delete, so since_datetime sees deletions
	DeletedAt  *time.Time
	DeletedBy  string
	Doc        map[string]any
	Tags       []string // tag ids
	// Hashes of the password and pin: stored, never returned.
	PasswordHash string
	PinHash      string
	Comm         map[string]Verification // email / phone_number verification

	keys []string // searchKeys, computed once when the customer is indexed
}

func (c *Customer) deleted() bool { return c.DeletedAt != nil }

func (c *Customer) str(field string) string { s, _ := c.Doc[field].(string); return s }

// timeFormat is how the API prints times: RFC 3339 in UTC with milliseconds.
const timeFormat = "2006-01-02T15:04:05.000Z"

func ts(t time.Time) string { return t.UTC().Format(timeFormat) }

// render is the CustomerResponse of c. A deleted customer keeps only its
// id, customer_id, created_* and deleted_* fields (§1.5), plus `type`, which
// the response schema requires, and updated_at (the time of the deletion),
// which every Entity has and the since_datetime paging reads (sandbox
// decisions).
func (c *Customer) render() map[string]any {
	out := make(map[string]any, len(c.Doc)+8)
	out["updated_at"] = ts(c.UpdatedAt)
	if !c.deleted() {
		for k, v := range c.Doc {
			out[k] = v
		}
	} else {
		out["deleted_at"] = ts(*c.DeletedAt)
		if c.DeletedBy != "" {
			out["deleted_by"] = c.DeletedBy
		}
	}
	out["id"] = c.ID
	out["customer_id"] = c.CustomerID
	out["type"] = c.Type
	out["created_at"] = ts(c.CreatedAt)
	if c.CreatedBy != "" {
		out["created_by"] = c.CreatedBy
	}
	return out
}

// searchKeys are the keys `search` matches by prefix (decision D8): email, phone
// number, customer_id, first name, last name and "first last".
func (c *Customer) searchKeys() []string {
	if c.keys != nil {
		return c.keys
	}
	keys := []string{strings.ToLower(c.CustomerID)}
	if c.deleted() {
		return keys
	}
	first, last := strings.ToLower(c.str("first_name")), strings.ToLower(c.str("last_name"))
	keys = append(keys, strings.ToLower(c.str("email")), c.str("phone_number"), first, last)
	if first != "" && last != "" {
		keys = append(keys, first+" "+last)
	}
	return keys
}

// index adds c to the account's maps and indexes.
func (a *Account) index(c *Customer) {
	c.keys = nil
	c.keys = c.searchKeys()
	a.customers[c.ID] = c
	a.Note(kindCustomer, c.ID, c)
	a.byCID[c.CustomerID] = c.ID
	a.order.Set(orderKey(c.CreatedAt, c.ID), c.ID)
	if !c.deleted() {
		a.email.add(strings.ToLower(c.str("email")), c)
		a.phone.add(c.str("phone_number"), c)
	}
	for _, k := range c.searchKeys() {
		a.search.add(k, c)
	}
	for _, t := range c.Tags {
		if a.tagged[t] == nil {
			a.tagged[t] = map[string]bool{}
		}
		a.tagged[t][c.ID] = true
	}
	if c.CreatedAt.After(a.newest) {
		a.newest = c.CreatedAt
	}
	if isDigits(c.CustomerID) {
		if n, err := strconv.ParseInt(c.CustomerID, 10, 64); err == nil && n > a.maxSeq {
			a.maxSeq = n
		}
	}
}

// unindex removes c from the account's maps and indexes.
func (a *Account) unindex(c *Customer) {
	delete(a.customers, c.ID)
	if a.byCID[c.CustomerID] == c.ID {
		delete(a.byCID, c.CustomerID)
	}
	a.order.Delete(orderKey(c.CreatedAt, c.ID))
	a.email.remove(strings.ToLower(c.str("email")), c.ID)
	a.phone.remove(c.str("phone_number"), c.ID)
	for _, k := range c.searchKeys() {
		a.search.remove(k, c.ID)
	}
	for _, t := range c.Tags {
		delete(a.tagged[t], c.ID)
	}
}

// replace stores next in place of prev (same id).
func (a *Account) replace(prev, next *Customer) {
	a.unindex(prev)
	a.index(next)
}

// customerByCID returns the customer with that customer_id, deleted or not.
func (a *Account) customerByCID(cid string) *Customer {
	if id, ok := a.byCID[cid]; ok {
		return a.customers[id]
	}
	return nil
}

// liveCustomer returns the customer with that customer_id unless it is
// missing or deleted (decision D4: a deleted customer is 404).
func (a *Account) liveCustomer(cid string) (*Customer, error) {
	c := a.customerByCID(cid)
	if c == nil || c.deleted() {
		return nil, errCustomerNotFound
	}
	return c, nil
}

// copyCustomer returns a copy of c that can be changed and stored.
func copyCustomer(c *Customer) *Customer {
	n := *c
	n.Doc = make(map[string]any, len(c.Doc))
	for k, v := range c.Doc {
		n.Doc[k] = v
	}
	n.Tags = append([]string(nil), c.Tags...)
	n.Comm = make(map[string]Verification, 2)
	for k, v := range c.Comm {
		n.Comm[k] = v
	}
	n.keys = nil
	return &n
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
