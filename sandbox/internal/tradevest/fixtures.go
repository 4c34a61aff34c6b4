package tradevest

import (
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

// A "tradevest" fixture section:
//
//	tradevest:
//	  partners:
//	    sandbox:
//	      clients:         [{client_id, client_secret, token_ttl?}]
//	      natural_persons: [{...}]   # as POST /entities/natural-persons takes them,
//	      legal_entities:  [{...}]   # plus naturalPersonId/legalEntityId/jointPersonId,
//	      joint_persons:   [{...}]   # globalId, the status field, createdOn, modifiedOn
//	      customers:       [{entityId, entityType, labels, refAccounts,
//	                         customerId?, customerStatus?, createdOn?, modifiedOn?, approvedOn?, activeOn?}]
//	      onboardings:     [{onboardingId?, roleId, status?, createdOn?, dueOn?}]
//
// and the keys of fixtures_more.go.
// (in this order: a record comes after those it names).
var partnerKeys = []string{"clients", "natural_persons", "legal_entities", "joint_persons", "customers",
	"signed_documents", "identification_verifications", "proxies", "legal_representatives", "beneficial_owners", "onboardings", "offboardings", "webhooks"}

// Prepare checks the documents' tradevest sections applied on top of the
// current state and returns a function that installs the result and (when
// baseline is set) makes it part of what Reset restores.
func (a *API) Prepare(docs []*fixture.Document, baseline bool) (*store.Pending, error) {
	type sec struct {
		file string
		node *yaml.Node
	}
	var secs []sec
	for _, d := range docs {
		if n := d.Sections[Section]; n != nil {
			secs = append(secs, sec{d.File, n})
		}
	}
	apply := func(ws *store.Workset[*Partner]) error {
		for _, s := range secs {
			if err := a.applySection(ws, s.file, s.node); err != nil {
				return err
			}
		}
		return a.checkClientsUnique(ws)
	}
	if !baseline {
		return a.store.PrepareLive(apply)
	}
	return a.store.Prepare(apply)
}

// Reset puts one partner (or all, when id is "") back to the fixtures.
func (a *API) Reset(id string) bool { return a.store.Reset(id) }

// checkClientsUnique: a token request names no partner, so a client id
// must be unique across partners.
func (a *API) checkClientsUnique(ws *store.Workset[*Partner]) error {
	owner := map[string]string{}
	var err error
	for _, pid := range ws.IDs() {
		ws.View(pid, func(p *Partner) {
			for cid := range p.Clients {
				if other, dup := owner[cid]; dup && err == nil {
					err = &fixture.Error{File: "tradevest", Problem: fmt.Sprintf("client_id %s belongs to both partner %s and partner %s", cid, other, pid)}
				}
				owner[cid] = pid
			}
		})
	}
	return err
}

func (a *API) applySection(ws *store.Workset[*Partner], file string, n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fixture.Errorf(file, n, "the tradevest section must be a mapping with the key partners")
	}
	for k, v := range fixture.Pairs(n) {
		if k.Value != "partners" {
			return fixture.Errorf(file, k, "unknown key %q in the tradevest section (expected partners)", k.Value)
		}
		for idNode, pn := range fixture.Pairs(v) {
			if idNode.Value == "" {
				return fixture.Errorf(file, idNode, "a partner needs an id")
			}
			if err := a.applyPartner(ws.Tenant(idNode.Value), file, pn); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *API) applyPartner(p *Partner, file string, n *yaml.Node) error {
	if err := fixture.CheckKeys(file, n, "partner "+p.ID, partnerKeys); err != nil {
		return err
	}
	for _, key := range partnerKeys {
		v := fixture.Field(n, key)
		if v == nil {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			return fixture.Errorf(file, v, "%s must be a list", key)
		}
		// Items without createdOn get consecutive milliseconds ending now,
		// so newest-first lists show them in reverse load order.
		first := a.clock.Now().Add(-time.Duration(len(v.Content)) * time.Millisecond)
		for i, item := range v.Content {
			raw, err := fixture.Value(item)
			if err != nil {
				return fixture.Errorf(file, item, "%s: %v", key, err)
			}
			m, ok := raw.(map[string]any)
			if !ok {
				return fixture.Errorf(file, item, "each of %s must be a mapping", key)
			}
			if err := a.applyItem(p, item, key, m, first.Add(time.Duration(i)*time.Millisecond)); err != nil {
				return fixture.Errorf(file, item, "%s: %v", key, err)
			}
		}
	}
	return nil
}

// fixtureFields are the fields of the fixture records that no request
// schema describes.
var fixtureFields = map[string][]string{
	"clients":                      {"client_id", "client_secret", "token_ttl"},
	"signed_documents":             documentFields,
	"identification_verifications": verificationFields,
	"onboardings":                  {"onboardingId", "roleType", "roleId", "status", "createdOn", "dueOn", "modifiedOn"},
}

func (a *API) applyItem(p *Partner, n *yaml.Node, key string, m map[string]any, now time.Time) error {
	times := func(fields ...string) (map[string]time.Time, error) {
		out := map[string]time.Time{}
		for _, f := range fields {
			if v, ok := m[f]; ok {
				t, err := fixture.ParseTime(v)
				if err != nil {
					return nil, fmt.Errorf("%s: %v", f, err)
				}
				out[f] = t
				delete(m, f)
			}
		}
		return out, nil
	}
	// idOr reads a record's id, or derives a stable one from its natural
	// key (fixture.ID), so reloads and saved states line up.
	idOr := func(field string, key ...string) (string, error) {
		id := str(m[field])
		delete(m, field)
		if id == "" {
			return fixture.ID(append([]string{p.ID, field}, key...)...), nil
		}
		if _, err := uuid.Parse(id); err != nil {
			return "", fmt.Errorf("%s must be a uuid", field)
		}
		return id, nil
	}
	// Fixtures are as strict as the API: a field the API would drop (a
	// misspelt one) is refused, not lost unseen.
	if allowed, ok := fixtureFields[key]; ok {
		for f := range m {
			if !slices.Contains(allowed, f) {
				return fmt.Errorf("%s: unknown field (expected %s)", f, strings.Join(allowed, ", "))
			}
		}
	}
	switch key {
	case "clients":
		c := Client{ID: str(m["client_id"]), Secret: str(m["client_secret"])}
		if c.ID == "" || c.Secret == "" {
			return fmt.Errorf("a client needs client_id and client_secret")
		}
		if v, ok := m["token_ttl"]; ok {
			ttl, err := fixture.TokenTTL(v)
			if err != nil {
				return err
			}
			c.TokenTTL = ttl
		}
		p.Clients[c.ID] = c
	case "natural_persons", "legal_entities", "joint_persons":
		var k *kind
		for _, kk := range kinds {
			if kk.fixtureKey == key {
				k = kk
			}
		}
		id, err := idOr(k.idField, entityKey(m)...)
		if err != nil {
			return err
		}
		tm, err := times("createdOn", "modifiedOn")
		if err != nil {
			return err
		}
		e := &Entity{ID: id, GlobalID: str(m["globalId"]), Kind: k.entityType, Status: str(m[k.statusField]), CreatedOn: now, Doc: nil}
		delete(m, "globalId")
		delete(m, k.statusField)
		delete(m, "roles")
		if e.GlobalID == "" {
			e.GlobalID = globalID()
		}
		if e.Status == "" {
			e.Status = "CREATED"
		}
		if t, ok := tm["createdOn"]; ok {
			e.CreatedOn = t
		}
		e.ModifiedOn = e.CreatedOn
		if t, ok := tm["modifiedOn"]; ok {
			e.ModifiedOn = t
		}
		ident, hasIdent := m["identification"]
		delete(m, "identification")
		op := a.schemas.Op(k.op + "_post")
		if err := checkBody(n, op, m, true); err != nil {
			return err
		}
		e.Doc = op.PruneBody(m).(map[string]any)
		if hasIdent && k.entityType == "NATURAL_PERSON" { // POST …/identification stored it (decision D89)
			iop := a.schemas.Op("natural_persons_identification")
			if err := checkBody(n, iop, ident, false); err != nil {
				return fmt.Errorf("identification: %v", err)
			}
			e.Doc["identification"] = iop.PruneBody(ident)
		}
		if err := p.checkEntity(e, now); err != nil {
			return err
		}
		p.indexEntity(e)
	case "customers":
		id, err := idOr("customerId", str(m["entityId"]))
		if err != nil {
			return err
		}
		tm, err := times("createdOn", "modifiedOn", "approvedOn", "activeOn", "inactiveOn", "cancellationDate")
		if err != nil {
			return err
		}
		c := &Customer{ID: id, Status: str(m["customerStatus"]), CreatedOn: now}
		c.NextStatus = str(m["nextStatus"])
		delete(m, "customerStatus")
		delete(m, "nextStatus")
		if t, ok := tm["inactiveOn"]; ok {
			c.InactiveOn = &t
		}
		if t, ok := tm["cancellationDate"]; ok {
			c.CancellationDate = &t
		}
		if c.Status == "" {
			c.Status = "CREATED"
		}
		op := a.schemas.Op("customers_post")
		if err := checkBody(n, op, m, true); err != nil {
			return err
		}
		body := op.PruneBody(m).(map[string]any)
		c.EntityID, c.EntityType, c.Labels = str(body["entityId"]), str(body["entityType"]), stringList(body["labels"])
		if refs, ok := body["refAccounts"].([]any); ok {
			c.RefAccounts = refs
		}
		if e, ok := p.entities[c.EntityID]; !ok || e.Kind != c.EntityType {
			return fmt.Errorf("entityId: no %s %s in this partner", c.EntityType, c.EntityID)
		}
		if other, taken := p.customerByEntity[c.EntityID]; taken && other != c.ID {
			return fmt.Errorf("entity %s already has the customer role %s", c.EntityID, other)
		}
		if t, ok := tm["createdOn"]; ok {
			c.CreatedOn = t
		}
		c.ModifiedOn = c.CreatedOn
		if t, ok := tm["modifiedOn"]; ok {
			c.ModifiedOn = t
		}
		if t, ok := tm["approvedOn"]; ok {
			c.ApprovedOn = &t
		}
		if t, ok := tm["activeOn"]; ok {
			c.ActiveOn = &t
		}
		if c.Status == "ACTIVE" && c.ApprovedOn == nil && c.NextStatus == "" { // approved when it became ACTIVE
			at := c.ModifiedOn
			if c.ActiveOn != nil {
				at = *c.ActiveOn
			}
			c.ApprovedOn = &at
		}
		if old, ok := p.customers[c.ID]; ok && old.EntityID != c.EntityID {
			delete(p.customerByEntity, old.EntityID)
		}
		p.indexCustomer(c)
	case "onboardings":
		id, err := idOr("onboardingId", str(m["roleId"]))
		if err != nil {
			return err
		}
		tm, err := times("createdOn", "dueOn", "modifiedOn")
		if err != nil {
			return err
		}
		o := &Onboarding{ID: id, RoleType: str(m["roleType"]), RoleID: str(m["roleId"]), Status: str(m["status"]), Outcome: str(m["outcome"]), CreatedOn: now}
		if o.RoleType == "" {
			o.RoleType = "CUSTOMER"
		}
		switch o.Outcome {
		case "", "REJECTED", "INVALID", "REVIEW":
		default:
			return fmt.Errorf("outcome: %q is none of REJECTED, INVALID, REVIEW", o.Outcome)
		}
		known := false
		switch o.RoleType {
		case "CUSTOMER":
			_, known = p.customers[o.RoleID]
		case "PROXY":
			_, known = p.proxies[o.RoleID]
		case "BENEFICIAL_OWNER":
			_, known = p.related[o.RoleID]
		default:
			return fmt.Errorf("roleType: %q is none of CUSTOMER, PROXY, BENEFICIAL_OWNER", o.RoleType)
		}
		if !known {
			return fmt.Errorf("roleId: no %s %s in this partner", o.RoleType, o.RoleID)
		}
		if o.Status == "" {
			o.Status = "APPROVED"
		}
		if t, ok := tm["createdOn"]; ok {
			o.CreatedOn = t
		}
		o.ModifiedOn = tm["modifiedOn"]
		o.DueOn = o.CreatedOn.Add(onboardingDelay)
		if t, ok := tm["dueOn"]; ok {
			o.DueOn = t
		}
		p.indexOnboarding(o)
	default:
		return a.applyMore(p, n, key, m, now)
	}
	return nil
}

// checkBody checks a fixture record's body m against op's request schema
// and, when strict, that it has no field the schema does not know. The
// records of the default fixtures are checked once per process
// (fixture.Checked): m depends on nothing but the record's node.
func checkBody(n *yaml.Node, op *schema.Operation, m any, strict bool) error {
	return fixture.Checked(n, op, func() error {
		if err := op.ValidateBody(m); err != nil {
			return err
		}
		if strict {
			if u := op.UnknownFields(m); len(u) > 0 {
				return fmt.Errorf("%s: unknown field", u[0])
			}
		}
		return nil
	})
}

// State returns the whole Tradevest state as a fixture section that
// Prepare accepts back.
func (a *API) State() map[string]any {
	partners := a.store.Snapshot()
	out := map[string]any{}
	for id, p := range partners {
		m := map[string]any{}
		var clients []any
		for _, c := range p.Clients {
			clients = append(clients, c)
		}
		sort.Slice(clients, func(i, j int) bool { return clients[i].(Client).ID < clients[j].(Client).ID })
		m["clients"] = clients
		for _, k := range kinds {
			var list []any
			for eid := range p.entityOrder[k.entityType].Ascend(nil) {
				e := p.entities[eid]
				d := make(map[string]any, len(e.Doc)+8)
				maps.Copy(d, e.Doc)
				d[k.idField], d["globalId"], d[k.statusField] = e.ID, e.GlobalID, e.Status
				d["createdOn"], d["modifiedOn"] = ts(e.CreatedOn), ts(e.ModifiedOn)
				list = append(list, d)
			}
			if list != nil {
				m[k.fixtureKey] = list
			}
		}
		var customers []any
		for cid := range p.customerOrder.Ascend(nil) {
			c := p.customers[cid]
			d := map[string]any{"customerId": c.ID, "entityId": c.EntityID, "entityType": c.EntityType, "customerStatus": c.Status,
				"labels": c.Labels, "createdOn": ts(c.CreatedOn), "modifiedOn": ts(c.ModifiedOn)}
			if c.RefAccounts != nil {
				d["refAccounts"] = c.RefAccounts
			}
			if c.ApprovedOn != nil {
				d["approvedOn"] = ts(*c.ApprovedOn)
			}
			if c.ActiveOn != nil {
				d["activeOn"] = ts(*c.ActiveOn)
			}
			if c.NextStatus != "" {
				d["nextStatus"] = c.NextStatus
			}
			putTime(d, "inactiveOn", c.InactiveOn)
			putTime(d, "cancellationDate", c.CancellationDate)
			customers = append(customers, d)
		}
		if customers != nil {
			m["customers"] = customers
		}
		var onboardings []any
		for _, o := range p.onboardings {
			d := map[string]any{"onboardingId": o.ID, "roleType": o.RoleType, "roleId": o.RoleID, "status": o.Status,
				"createdOn": ts(o.CreatedOn), "dueOn": ts(o.DueOn)}
			if o.Outcome != "" {
				d["outcome"] = o.Outcome
			}
			if !o.ModifiedOn.IsZero() {
				d["modifiedOn"] = ts(o.ModifiedOn)
			}
			onboardings = append(onboardings, d)
		}
		sort.Slice(onboardings, func(i, j int) bool {
			return onboardings[i].(map[string]any)["createdOn"].(string) < onboardings[j].(map[string]any)["createdOn"].(string)
		})
		if onboardings != nil {
			m["onboardings"] = onboardings
		}
		stateMore(p, m)
		out[id] = m
	}
	return map[string]any{"partners": out}
}

// entityKey is what identifies an entity in a fixture that gives no id: its
// externalId, else the fields a duplicate is judged by.
func entityKey(m map[string]any) []string {
	if x := str(m["externalId"]); x != "" {
		return []string{"externalId", x}
	}
	var key []string
	for _, f := range []string{"firstName", "lastName", "birthDay", "birthPlace", "birthCountry", "legalName", "registerCountry",
		"registerNumber", "firstNaturalPersonId", "secondNaturalPersonId"} {
		key = append(key, str(m[f]))
	}
	return key
}

// Remove deletes partner id and everything in it from the state and from
// the reset baseline. It reports whether the partner existed.
func (a *API) Remove(id string) bool { return a.store.Remove(id) }
