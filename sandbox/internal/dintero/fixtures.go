package dintero

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
	"gopkg.in/yaml.v3"
)

// Section is the key of this API's fixture section.
const Section = "dintero"

// section is the "dintero" part of one fixture document:
//
//	dintero:
//	  accounts:
//	    T12345678:
//	      clients:   [{client_id, client_secret, scopes: [...], customer_id?, token_ttl?}]
//	      settings:  {...}            # as PUT /customers/settings takes it
//	      customers: [{...}]          # as POST /customers/users takes them,
//	                                  # plus id, created_at, created_by, updated_at,
//	                                  # deleted_at, deleted_by and tokens
//	      locations: [{...}]          # as POST /locations takes them, plus the
//	                                  # entity fields (id, created_at, …)
//	  registry: {...}                 # the external-search registry (registry.go)
type section struct {
	file string
	node *yaml.Node
}

// fixtureCreator is the created_by of fixture records that name none.
// Decision D32: a fixed system id rather than one of the account's clients: a
// fixture may declare clients in another document or none at all, and the
// seeds show created_by on every customer, tag and token.
const fixtureCreator = "sandbox-fixtures"

// entityFields are the read-only fields a fixture may set on a record.
var entityFields = []string{"id", "created_at", "created_by", "updated_at", "deleted_at", "deleted_by"}

// Prepare checks the fixture documents' dintero sections applied on top of
// the current state and returns a function that installs the result and
// (when baseline is set) makes it part of what Reset restores. Nothing
// changes when it fails.
func (a *API) Prepare(docs []*fixture.Document, baseline bool) (*store.Pending, error) {
	var secs []*section
	for _, d := range docs {
		if n := d.Sections[Section]; n != nil {
			secs = append(secs, &section{file: d.File, node: n})
		}
	}
	reg, err := prepareRegistry(secs)
	if err != nil {
		return nil, err
	}
	apply := func(ws *store.Workset[*Account]) error { return a.apply(ws, secs) }
	var p *store.Pending
	if !baseline {
		p, err = a.store.PrepareLive(apply)
	} else {
		p, err = a.store.Prepare(apply)
	}
	if err != nil {
		return nil, err
	}
	commit := p.Commit
	p.Commit = func() { a.registry.add(reg); commit() } // decision D72
	return p, nil
}

// prepareRegistry reads the registry parts of the sections (registry.go).
func prepareRegistry(secs []*section) (*registryLoad, error) {
	l := &registryLoad{}
	for _, s := range secs {
		if s.node.Kind != yaml.MappingNode {
			continue // apply reports it
		}
		if n := fixture.Field(s.node, "registry"); n != nil {
			if err := parseRegistry(s.file, n, l); err != nil {
				return nil, err
			}
		}
	}
	return l, nil
}

// Reset puts one account (or all, when aid is "") back to the loaded
// fixtures. It reports whether the account is known.
func (a *API) Reset(aid string) bool { return a.store.Reset(aid) }

// apply applies sections to the accounts of a load.
func (a *API) apply(accounts *store.Workset[*Account], secs []*section) error {
	for _, s := range secs {
		if s.node.Kind != yaml.MappingNode {
			return fixture.Errorf(s.file, s.node, "the dintero section must be a mapping with the keys accounts and registry")
		}
		for k, v := range fixture.Pairs(s.node) {
			if k.Value == "registry" {
				continue // read by prepareRegistry
			}
			if k.Value != "accounts" {
				return fixture.Errorf(s.file, k, "unknown key %q in the dintero section (expected accounts or registry)", k.Value)
			}
			if v.Kind != yaml.MappingNode {
				return fixture.Errorf(s.file, v, "accounts must map account ids to accounts")
			}
			for idNode, accNode := range fixture.Pairs(v) {
				aid := idNode.Value
				if !accountID.MatchString(aid) {
					return fixture.Errorf(s.file, idNode, "account id %q must match ^[PT]\\d{8}$", aid)
				}
				if err := a.applyAccount(accounts.Tenant(aid), s.file, accNode); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// accountKeys are the keys of an account in a fixture, in the order they
// are applied (so customers can name tags, and events follow tokens).
var accountKeys = []string{"clients", "settings", "tags", "terms", "customers", "token_events", "locations"}

func (a *API) applyAccount(acc *Account, file string, n *yaml.Node) error {
	if n.Tag == "!!null" {
		return nil // an account with nothing in it yet
	}
	if err := fixture.CheckKeys(file, n, "account "+acc.ID, accountKeys); err != nil {
		return err
	}
	for _, key := range accountKeys {
		v := fixture.Field(n, key)
		if v == nil {
			continue
		}
		var err error
		switch key {
		case "clients":
			err = applyClients(acc, file, v)
		case "settings":
			err = a.applySettings(acc, file, v)
		case "tags":
			err = a.applyList(acc, file, v, "tags", acc.fixtureTag)
		case "terms":
			err = a.applyList(acc, file, v, "terms", acc.fixtureTerms)
		case "customers":
			err = a.applyCustomers(acc, file, v)
		case "token_events":
			err = a.applyList(acc, file, v, "token_events", acc.fixtureRecord)
		case "locations":
			err = a.applyList(acc, file, v, "locations", a.fixtureLocation(acc))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// applyList applies a list of records with build, which reports problems
// as *fieldError to point at their line.
func (a *API) applyList(acc *Account, file string, n *yaml.Node, what string, build func(m map[string]any, now time.Time) error) error {
	if n.Kind != yaml.SequenceNode {
		return fixture.Errorf(file, n, "%s must be a list", what)
	}
	now := a.clock.Now()
	for _, item := range n.Content {
		raw, err := fixture.Value(item)
		if err != nil {
			return fixture.Errorf(file, item, "%s: %v", what, err)
		}
		m, ok := raw.(map[string]any)
		if !ok {
			return fixture.Errorf(file, item, "each of %s must be a mapping", what)
		}
		if err := build(m, now); err != nil {
			return fixture.Errorf(file, fieldNode(item, err), "%s: %v", what, err)
		}
	}
	return nil
}

// readEntity reads the entity fields of a fixture record; missing times
// are now, a missing id is derived from key (fixture.ID).
func readEntity(m map[string]any, now time.Time, key ...string) (entity, error) {
	e := entity{ID: str(m["id"]), CreatedAt: now, CreatedBy: str(m["created_by"]), DeletedBy: str(m["deleted_by"])}
	if e.CreatedBy == "" {
		e.CreatedBy = fixtureCreator
	}
	if e.ID == "" {
		e.ID = fixture.ID(key...)
	} else if _, err := uuid.Parse(e.ID); err != nil {
		return e, &fieldError{"id", fmt.Errorf("must be a uuid")}
	}
	for _, f := range []string{"created_at", "updated_at", "deleted_at"} {
		v, ok := m[f]
		if !ok {
			continue
		}
		t, err := fixture.ParseTime(v)
		if err != nil {
			return e, &fieldError{f, err}
		}
		switch f {
		case "created_at":
			e.CreatedAt = t
		case "updated_at":
			e.UpdatedAt = t
		default:
			e.DeletedAt = &t
		}
	}
	if e.UpdatedAt.IsZero() {
		e.UpdatedAt = e.CreatedAt
		if e.DeletedAt != nil {
			e.UpdatedAt = *e.DeletedAt
		}
	}
	return e, nil
}

func (acc *Account) fixtureTag(m map[string]any, now time.Time) error {
	if err := checkFields(m, "tag", "metadata"); err != nil {
		return err
	}
	e, err := readEntity(m, now, acc.ID, "tag", str(m["tag"]))
	if err != nil {
		return err
	}
	if str(m["tag"]) == "" {
		return &fieldError{"tag", fmt.Errorf("is required")}
	}
	t := &Tag{entity: e, Tag: str(m["tag"])}
	if md, ok := m["metadata"].(map[string]any); ok {
		t.Metadata = md
	}
	acc.indexTag(t)
	return nil
}

func (acc *Account) fixtureTerms(m map[string]any, now time.Time) error {
	if err := checkFields(m, "terms"); err != nil {
		return err
	}
	e, err := readEntity(m, now, acc.ID, "terms", str(m["terms"]))
	if err != nil {
		return err
	}
	if str(m["terms"]) == "" {
		return &fieldError{"terms", fmt.Errorf("is required")}
	}
	t := &Terms{entity: e, Terms: str(m["terms"])}
	acc.indexTerms(t)
	return nil
}

// fixtureRecord reads a token events record:
// {id?, token: {type, value}, events: [{event, status?, metadata?, created_at?, expires_at?}], created_at?, updated_at?, deleted_at?}.
// Event times are kept as given (a fixture may hold history); an event
// without expires_at gets the settings TTL for its status.
func (acc *Account) fixtureRecord(m map[string]any, now time.Time) error {
	if err := checkFields(m, "token", "events"); err != nil {
		return err
	}
	tok, _ := m["token"].(map[string]any)
	typ, value := str(tok["type"]), str(tok["value"])
	e, err := readEntity(m, now, acc.ID, "token_events", typ, value)
	if err != nil {
		return err
	}
	if typ == "" || value == "" {
		return &fieldError{"token", fmt.Errorf("needs type and value")}
	}
	rec := &Record{ID: e.ID, Type: typ, Value: value, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, DeletedAt: e.DeletedAt}
	evs, _ := m["events"].([]any)
	for i, raw := range evs {
		em, ok := raw.(map[string]any)
		if !ok || str(em["event"]) == "" {
			return &fieldError{fmt.Sprintf("events.%d", i), fmt.Errorf("an event needs the field event")}
		}
		at := now
		if v, ok := em["created_at"]; ok {
			if at, err = fixture.ParseTime(v); err != nil {
				return &fieldError{fmt.Sprintf("events.%d.created_at", i), err}
			}
		}
		ev, err := acc.newEvent(em, at)
		if err != nil {
			return &fieldError{fmt.Sprintf("events.%d", i), err}
		}
		rec.Events = append(rec.Events, ev)
		if at.After(rec.UpdatedAt) {
			rec.UpdatedAt = at
		}
	}
	// A record without created_at dates from its first event.
	if _, given := m["created_at"]; !given && len(rec.Events) > 0 {
		rec.CreatedAt = rec.Events[0].CreatedAt
		if _, given := m["updated_at"]; !given && rec.DeletedAt == nil {
			rec.UpdatedAt = rec.Events[len(rec.Events)-1].CreatedAt
		}
	}
	if old, ok := acc.records[tokenKey(typ, value)]; ok {
		acc.recordOrder.Delete(orderKey(old.CreatedAt, old.ID))
		delete(acc.recordByID, old.ID)
	}
	acc.putRecord(rec)
	return nil
}

func applyClients(acc *Account, file string, n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return fixture.Errorf(file, n, "clients must be a list")
	}
	for _, cn := range n.Content {
		var c Client
		if err := cn.Decode(&c); err != nil {
			return fixture.Errorf(file, cn, "client: %v", err)
		}
		for k, v := range fixture.Pairs(cn) {
			if !slices.Contains([]string{"client_id", "client_secret", "scopes", "customer_id", "token_ttl"}, k.Value) {
				return fixture.Errorf(file, k, "unknown client key %q (expected client_id, client_secret, scopes, customer_id, token_ttl)", k.Value)
			}
			if k.Value == "token_ttl" {
				raw, err := fixture.Value(v)
				if err == nil {
					c.TokenTTL, err = fixture.TokenTTL(raw)
				}
				if err != nil {
					return fixture.Errorf(file, v, "client: %v", err)
				}
			}
		}
		if c.ID == "" || c.Secret == "" {
			return fixture.Errorf(file, cn, "a client needs client_id and client_secret")
		}
		acc.Clients[c.ID] = c
	}
	return nil
}

func (a *API) applySettings(acc *Account, file string, n *yaml.Node) error {
	v, err := fixture.Value(n)
	if err != nil {
		return fixture.Errorf(file, n, "settings: %v", err)
	}
	op := a.schemas.Op("aid_customers_atributes_put")
	if err := fixture.Checked(n, op, func() error {
		if err := op.ValidateBody(v); err != nil {
			return fixture.Errorf(file, n, "settings: %v", err)
		}
		if u := op.UnknownFields(v); len(u) > 0 {
			return fixture.Errorf(file, n, "settings: %s: %v", u[0], errUnknownField)
		}
		return nil
	}); err != nil {
		return err
	}
	acc.Settings = op.PruneBody(v).(map[string]any)
	return nil
}

func (a *API) applyCustomers(acc *Account, file string, n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return fixture.Errorf(file, n, "customers must be a list")
	}
	create := a.schemas.Op("aid_customers_post")
	// Customers without created_at get consecutive milliseconds ending now,
	// after every customer already there, so the list order is the load order.
	next := a.clock.Now().Add(-time.Duration(len(n.Content)) * time.Millisecond)
	for _, cn := range n.Content {
		if !next.After(acc.newest) {
			next = acc.newest.Add(time.Millisecond)
		}
		raw, err := fixture.Value(cn)
		if err != nil {
			return fixture.Errorf(file, cn, "customer: %v", err)
		}
		doc, ok := raw.(map[string]any)
		if !ok {
			return fixture.Errorf(file, cn, "a customer must be a mapping")
		}
		c, tokens, err := a.fixtureCustomer(acc, cn, doc, create, next)
		next = next.Add(time.Millisecond)
		if err != nil {
			return fixture.Errorf(file, fieldNode(cn, err), "customer %v: %v", doc["customer_id"], err)
		}
		// A fixture replaces the customer with the same customer_id, and the
		// one with the same id (a saved state's renamed customer).
		if prev := acc.customerByCID(c.CustomerID); prev != nil {
			acc.unindex(prev)
		}
		if prev, ok := acc.customers[c.ID]; ok {
			acc.unindex(prev)
		}
		if err := acc.checkNewCustomerID(c.CustomerID); err != nil {
			return fixture.Errorf(file, cn, "%v", err)
		}
		if err := acc.checkCustomer(c); err != nil {
			return fixture.Errorf(file, cn, "customer %s: %v", c.CustomerID, err)
		}
		acc.index(c)
		for _, t := range tokens {
			acc.indexToken(t)
			acc.ensureRecord(t.Type, t.Value, t.CreatedAt)
		}
	}
	return nil
}

// tagRef resolves a fixture's tag reference: a live tag's id, or the id of
// the first live tag with that name.
func (acc *Account) tagRef(ref string) string {
	if t, ok := acc.tags[ref]; ok && !t.deleted() {
		return ref
	}
	for id := range acc.tagOrder.Ascend(nil) {
		if t := acc.tags[id]; !t.deleted() && t.Tag == ref {
			return id
		}
	}
	return ""
}

// errUnknownField: fixtures are as strict as the API's schema, and stricter
// about names: a field the API would drop silently (a misspelt
// `frist_name`) is refused, so it is not lost unseen.
var errUnknownField = errors.New("unknown field")

// checkFields refuses a fixture record's fields that are not in allowed.
func checkFields(m map[string]any, allowed ...string) error {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(allowed, k) && !slices.Contains(entityFields, k) {
			return &fieldError{k, fmt.Errorf("%w (expected %s)", errUnknownField, strings.Join(append(allowed, entityFields...), ", "))}
		}
	}
	return nil
}

// fieldError names the fixture field that is wrong, to point at its line.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }

func fieldNode(n *yaml.Node, err error) *yaml.Node {
	if fe, ok := err.(*fieldError); ok {
		if v := fixture.Field(n, strings.SplitN(fe.field, ".", 2)[0]); v != nil {
			return v
		}
	}
	return n
}

// fixtureCustomer builds a customer from a fixture mapping: the create body
// of POST /customers/users plus entity fields, password/pin hashes and
// tokens.
func (a *API) fixtureCustomer(acc *Account, n *yaml.Node, doc map[string]any, create interface {
	ValidateBody(any) error
	PruneBody(any) any
	UnknownFields(any) []string
}, now time.Time) (*Customer, []*Token, error) {
	c := &Customer{ID: fixture.ID(acc.ID, "customer", str(doc["customer_id"])), CreatedAt: now, UpdatedAt: now, Doc: map[string]any{}}
	times := map[string]*time.Time{"created_at": &c.CreatedAt, "updated_at": &c.UpdatedAt}
	var deletedAt time.Time
	times["deleted_at"] = &deletedAt
	_, hasUpdatedAt := doc["updated_at"]
	for _, f := range entityFields {
		v, ok := doc[f]
		if !ok {
			continue
		}
		delete(doc, f)
		switch f {
		case "id":
			if _, err := uuid.Parse(str(v)); err != nil {
				return nil, nil, &fieldError{f, fmt.Errorf("must be a uuid")}
			}
			c.ID = str(v)
		case "created_by":
			c.CreatedBy = str(v)
		case "deleted_by":
			c.DeletedBy = str(v)
		default:
			t, err := fixture.ParseTime(v)
			if err != nil {
				return nil, nil, &fieldError{f, err}
			}
			*times[f] = t
		}
	}
	if !hasUpdatedAt && c.UpdatedAt.Before(c.CreatedAt) {
		c.UpdatedAt = c.CreatedAt
	}
	if c.CreatedBy == "" {
		c.CreatedBy = fixtureCreator
	}
	c.PasswordHash, c.PinHash = str(doc["password_hash"]), str(doc["pin_hash"])
	delete(doc, "password_hash")
	delete(doc, "pin_hash")
	tokensRaw, _ := doc["tokens"].([]any)
	delete(doc, "tokens")
	tagsRaw, hasTags := doc["tags"]
	delete(doc, "tags")
	if hasTags {
		l, ok := tagsRaw.([]any)
		if !ok {
			return nil, nil, &fieldError{"tags", fmt.Errorf("must be a list of tag ids or names")}
		}
		for _, t := range l {
			id := acc.tagRef(str(t))
			if id == "" {
				return nil, nil, &fieldError{"tags", fmt.Errorf("no live tag with the id or name %q", str(t))}
			}
			if !slices.Contains(c.Tags, id) {
				c.Tags = append(c.Tags, id)
			}
		}
	}
	if !deletedAt.IsZero() {
		c.DeletedAt = &deletedAt
		if !hasUpdatedAt {
			c.UpdatedAt = deletedAt // its last change is its deletion
		}
		c.CustomerID, c.Type = str(doc["customer_id"]), typeOrDefault(doc["type"])
		if c.CustomerID == "" {
			return nil, nil, &fieldError{"customer_id", fmt.Errorf("a deleted customer needs its customer_id")}
		}
	} else {
		if err := fixture.Checked(n, create, func() error {
			if err := create.ValidateBody(doc); err != nil {
				var be *schema.BodyError
				if errors.As(err, &be) && be.Violations[0].Field != "" {
					// Point at the line of the first field that is wrong.
					return &fieldError{be.Violations[0].Field, errors.New(strings.TrimPrefix(be.Error(), be.Violations[0].Field+": "))}
				}
				return err
			}
			if u := create.UnknownFields(doc); len(u) > 0 {
				return &fieldError{u[0], errUnknownField}
			}
			return nil
		}); err != nil {
			return nil, nil, err
		}
		body := create.PruneBody(doc).(map[string]any)
		c.CustomerID, c.Type = str(body["customer_id"]), typeOrDefault(body["type"])
		if c.CustomerID == "" {
			c.CustomerID = uuid.NewString()
		}
		applyBody(c, body)
	}
	var tokens []*Token
	for i, tr := range tokensRaw {
		t, err := fixtureToken(c, tr)
		if err != nil {
			return nil, nil, &fieldError{fmt.Sprintf("tokens.%d", i), err}
		}
		tokens = append(tokens, t)
	}
	return c, tokens, nil
}

func fixtureToken(c *Customer, raw any) (*Token, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("a token must be a mapping")
	}
	typ, value := str(m["type"]), str(m["value"])
	if typ == "" || value == "" {
		return nil, fmt.Errorf("a token needs type and value")
	}
	if err := checkFields(m, "type", "value", "token_id", "metadata"); err != nil {
		return nil, err
	}
	e, err := readEntity(m, c.CreatedAt, c.ID, "token", typ, value, str(m["token_id"]))
	if err != nil {
		return nil, err
	}
	if str(m["created_by"]) == "" {
		e.CreatedBy = c.CreatedBy // a token is made by whoever made its customer
	}
	t := &Token{entity: e, TokenID: str(m["token_id"]), Owner: c.ID, Type: typ, Value: value}
	if t.TokenID == "" {
		t.TokenID = fixture.ID(c.ID, "token_id", typ, value)
	}
	if md, ok := m["metadata"].(map[string]any); ok {
		t.Metadata = md
	}
	return t, nil
}

// State returns the whole Dintero state as a fixture section that Prepare
// accepts back.
func (a *API) State() map[string]any {
	accounts := a.store.Snapshot()
	ids := make([]string, 0, len(accounts))
	for id := range accounts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := map[string]any{}
	for _, id := range ids {
		acc := accounts[id]
		m := map[string]any{}
		var clients []any
		for _, cid := range slices.Sorted(maps.Keys(acc.Clients)) {
			clients = append(clients, acc.Clients[cid])
		}
		m["clients"] = clients
		if acc.Settings != nil {
			m["settings"] = acc.Settings
		}
		var tags, terms, customers, records, locations []any
		for tid := range acc.tagOrder.Ascend(nil) {
			tags = append(tags, acc.tags[tid].render())
		}
		for tid := range acc.termsOrder.Ascend(nil) {
			terms = append(terms, acc.terms[tid].render())
		}
		tokens := map[string][]any{} // owner → its tokens, oldest first
		for tid := range acc.tokenOrder.Ascend(nil) {
			t := acc.tokens[tid]
			tokens[t.Owner] = append(tokens[t.Owner], t.render())
		}
		for cid := range acc.order.Ascend(nil) {
			customers = append(customers, acc.dumpCustomer(acc.customers[cid], tokens[cid]))
		}
		for rid := range acc.recordOrder.Ascend(nil) {
			records = append(records, acc.recordByID[rid].dump())
		}
		for lid := range acc.locOrder.Ascend(nil) {
			l := acc.locations[lid].render(id)
			delete(l, "account_id")
			locations = append(locations, l)
		}
		for key, list := range map[string][]any{"tags": tags, "terms": terms, "customers": customers, "token_events": records, "locations": locations} {
			if list != nil {
				m[key] = list
			}
		}
		out[id] = m
	}
	return map[string]any{"accounts": out}
}

func (acc *Account) dumpCustomer(c *Customer, tokens []any) map[string]any {
	m := c.render()
	if c.deleted() {
		m["updated_at"] = ts(c.UpdatedAt)
	}
	if c.PasswordHash != "" {
		m["password_hash"] = c.PasswordHash
	}
	if len(c.Tags) > 0 {
		m["tags"] = c.Tags
	}
	if c.PinHash != "" {
		m["pin_hash"] = c.PinHash
	}
	if tokens != nil {
		m["tokens"] = tokens
	}
	return m
}

func (r *Record) dump() map[string]any {
	m := map[string]any{"id": r.ID, "token": map[string]any{"type": r.Type, "value": r.Value},
		"events": renderEvents(r.Events), "created_at": ts(r.CreatedAt), "updated_at": ts(r.UpdatedAt)}
	if r.DeletedAt != nil {
		m["deleted_at"] = ts(*r.DeletedAt)
	}
	return m
}

// Remove deletes account aid and everything in it from the state and from
// the reset baseline. It reports whether the account existed.
func (a *API) Remove(aid string) bool { return a.store.Remove(aid) }
