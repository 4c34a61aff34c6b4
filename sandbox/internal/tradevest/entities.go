package tradevest

import (
	"crypto/rand"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// kind describes one kind of entity: natural persons, legal entities and
// joint persons share their handlers and differ in these names and rules.
type kind struct {
	entityType  string // NATURAL_PERSON, …
	path        string // under the API root
	op          string // operation id prefix in the schema
	idField     string // naturalPersonId, …
	statusField string // naturalPersonStatus, … (also the list's status query)
	fixtureKey  string // natural_persons, …
	// check applies the kind's own rules to a new or changed entity.
	check func(p *Partner, e *Entity, now time.Time) error
	// fixed are fields set on create that a PATCH may not change.
	fixed []string
}

var kinds = []*kind{
	{entityType: "NATURAL_PERSON", path: "/entities/natural-persons", op: "natural_persons", idField: "naturalPersonId",
		statusField: "naturalPersonStatus", fixtureKey: "natural_persons", check: checkNaturalPerson},
	{entityType: "LEGAL_ENTITY", path: "/entities/legal-entities", op: "legal_entities", idField: "legalEntityId",
		statusField: "legalEntityStatus", fixtureKey: "legal_entities", check: func(*Partner, *Entity, time.Time) error { return nil }},
	{entityType: "JOINT_PERSON", path: "/entities/joint-persons", op: "joint_persons", idField: "jointPersonId",
		statusField: "jointPersonStatus", fixtureKey: "joint_persons", check: checkJointPerson,
		fixed: []string{"firstNaturalPersonId", "secondNaturalPersonId"}},
}

func kindOf(entityType string) *kind {
	for _, k := range kinds {
		if k.entityType == entityType {
			return k
		}
	}
	return nil
}

// Entity is a natural person, legal entity or joint person. Doc holds the
// fields of its create body as validated and pruned.
type Entity struct {
	ID         string
	GlobalID   string
	Kind       string // entity type
	Status     string
	CreatedOn  time.Time
	ModifiedOn time.Time
	Doc        map[string]any
}

// globalID is the 12-character id every Tradevest entity has.
func globalID() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// render is the entity as GET answers it, with its roles.
func (p *Partner) renderEntity(e *Entity, now time.Time) map[string]any {
	k := kindOf(e.Kind)
	out := make(map[string]any, len(e.Doc)+6)
	for f, v := range e.Doc {
		out[f] = v
	}
	out[k.idField] = e.ID
	out["globalId"] = e.GlobalID
	status, modified := p.entityAt(e, now)
	out[k.statusField] = status
	out["createdOn"] = ts(e.CreatedOn)
	out["modifiedOn"] = ts(modified)
	roles := []any{}
	if cid, ok := p.customerByEntity[e.ID]; ok {
		roles = append(roles, map[string]any{"roleName": "CUSTOMER", "roleId": cid, "relatedCustomerId": cid})
	}
	out["roles"] = append(roles, p.proxyRoles(e.ID)...)
	return out
}

// entityAt is the entity's status at now and when it last changed. An
// entity moves with its role (decision D39: the entity of the role, as the
// onboarding guide's shared state diagram shows): CREATED, then PENDING
// once the role is onboarded, then the onboarding's outcome with the role
// (ACTIVE, or REVIEW, REJECTED or back to CREATED, decision D84). The role
// is its customer role, else (a natural person acting as a proxy) its
// proxy roles. The stored status catches up on the next write (settle); a
// status a fixture sets other than CREATED or PENDING is kept.
func (p *Partner) entityAt(e *Entity, now time.Time) (string, time.Time) {
	status, modified := e.Status, e.ModifiedOn
	if status != "CREATED" && status != "PENDING" {
		return status, modified
	}
	role, changed, ok := p.roleStatus(e.ID, now)
	if !ok {
		return status, modified
	}
	if role == "INACTIVE" {
		// An offboarding ends the role, not the onboarded entity
		// (decision D83).
		role, changed = "ACTIVE", time.Time{}
	}
	switch role {
	case "PENDING", "ACTIVE", "REVIEW", "REJECTED", "CREATED":
		if role != status {
			status, modified = role, later(modified, changed)
		}
	}
	return status, modified
}

// roleStatus is the status at now of the role an entity follows, and when
// it last changed by time: its customer role, else its most advanced
// proxy role.
func (p *Partner) roleStatus(entityID string, now time.Time) (string, time.Time, bool) {
	if cid, ok := p.customerByEntity[entityID]; ok {
		c := p.customers[cid]
		s, at := c.statusAt(c.Status, now)
		return s, at, true
	}
	rank := map[string]int{"CREATED": 1, "PENDING": 2, "REVIEW": 3, "ACTIVE": 4}
	best, bestAt, found := "", time.Time{}, false
	for _, x := range p.proxies {
		if x.NaturalPersonID != entityID {
			continue
		}
		s, at := x.statusAt(x.Status, now)
		if rank[s] > rank[best] {
			best, bestAt, found = s, at, true
		}
	}
	return best, bestAt, found
}

func (p *Partner) entityStatus(e *Entity, now time.Time) string {
	status, _ := p.entityAt(e, now)
	return status
}

func (p *Partner) indexEntity(e *Entity) {
	old, known := p.entities[e.ID]
	p.notify(entityNotification(e, notificationType(!known)))
	if known {
		if x := str(old.Doc["externalId"]); x != "" {
			delete(p.externalIDs, x)
		}
		p.entityOrder[old.Kind].Delete(paging.Key{At: old.CreatedOn, ID: old.ID})
	}
	p.entityOrder[e.Kind].Set(paging.Key{At: e.CreatedOn, ID: e.ID}, e.ID)
	p.entities[e.ID] = e
	p.Note(kindEntity, e.ID, e)
	if x := str(e.Doc["externalId"]); x != "" {
		p.externalIDs[x] = e.ID
	}
}

// checkEntity applies the rules every kind shares (externalId unique per
// partner → 409) and then the kind's own.
func (p *Partner) checkEntity(e *Entity, now time.Time) error {
	if x := str(e.Doc["externalId"]); x != "" {
		if other, ok := p.externalIDs[x]; ok && other != e.ID {
			return conflict("An entity with externalId %s already exists", x)
		}
	}
	return kindOf(e.Kind).check(p, e, now)
}

// checkNaturalPerson: birthDay in the past; the same first name, last name,
// birth day, birth place and birth country twice is a duplicate (409,
// decision D41).
func checkNaturalPerson(p *Partner, e *Entity, now time.Time) error {
	if day, err := time.Parse("2006-01-02", str(e.Doc["birthDay"])); err == nil && !day.Before(now.Truncate(24*time.Hour)) {
		return fieldError("birthDay", "PAST", "birthDay must be in the past")
	}
	key := naturalPersonKey(e)
	for id := range p.entityOrder["NATURAL_PERSON"].Ascend(nil) {
		if o := p.entities[id]; o.ID != e.ID && naturalPersonKey(o) == key {
			return conflict("A natural person with the same name, birth day and birth place already exists: %s", o.ID)
		}
	}
	return nil
}

func naturalPersonKey(e *Entity) string {
	parts := []string{}
	for _, f := range []string{"firstName", "lastName", "birthDay", "birthPlace", "birthCountry"} {
		parts = append(parts, strings.ToLower(strings.TrimSpace(str(e.Doc[f]))))
	}
	return strings.Join(parts, "\x00")
}

// checkJointPerson: two distinct natural persons of the partner; the same
// two (in either order) as another joint person is a duplicate (409, as a
// natural person's is).
func checkJointPerson(p *Partner, e *Entity, _ time.Time) error {
	first, second := str(e.Doc["firstNaturalPersonId"]), str(e.Doc["secondNaturalPersonId"])
	if first == second {
		return fieldError("secondNaturalPersonId", "DISTINCT", "a joint person needs two different natural persons")
	}
	for field, id := range map[string]string{"firstNaturalPersonId": first, "secondNaturalPersonId": second} {
		if o, ok := p.entities[id]; !ok || o.Kind != "NATURAL_PERSON" {
			return fieldError(field, "NOT_FOUND", "no natural person %s", id)
		}
	}
	for id := range p.entityOrder["JOINT_PERSON"].Ascend(nil) {
		o := p.entities[id]
		a, b := str(o.Doc["firstNaturalPersonId"]), str(o.Doc["secondNaturalPersonId"])
		if o.ID != e.ID && (a == first && b == second || a == second && b == first) {
			return conflict("A joint person of the natural persons %s and %s already exists: %s", first, second, o.ID)
		}
	}
	return nil
}

func (a *API) handleEntityCreate(k *kind) api.Handler {
	return func(r *api.Request) (*api.Response, error) {
		body, _ := r.Params.Body.(map[string]any)
		return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
			if err := a.checkRequestor(p, r, false); err != nil {
				return nil, err
			}
			now := a.clock.Now()
			e := &Entity{ID: uuid.NewString(), GlobalID: globalID(), Kind: k.entityType, Status: "CREATED", CreatedOn: now, ModifiedOn: now, Doc: body}
			if err := p.checkEntity(e, now); err != nil {
				return nil, err
			}
			p.indexEntity(e)
			return map[string]any{k.idField: e.ID}, nil
		}))
	}
}

func (a *API) handleEntityGet(k *kind) api.Handler {
	return func(r *api.Request) (*api.Response, error) {
		return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
			e, ok := p.entities[r.Path(k.idField)]
			if !ok || e.Kind != k.entityType {
				return nil, notFound(MsgEntityNotFound)
			}
			return p.renderEntity(e, a.clock.Now()), nil
		}))
	}
}

// handleEntityPatch changes the given fields; 202 with no body.
func (a *API) handleEntityPatch(k *kind) api.Handler {
	return func(r *api.Request) (*api.Response, error) {
		body, _ := r.Params.Body.(map[string]any)
		return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
			prev, ok := p.entities[r.Path(k.idField)]
			if !ok || prev.Kind != k.entityType {
				return notFound(MsgEntityNotFound)
			}
			// When sent, the requestor must act for the entity (decision D80).
			if err := a.requestor(p, r, false, p.actingTarget(prev.ID, a.clock.Now())); err != nil {
				return err
			}
			for _, f := range k.fixed {
				if v, ok := body[f]; ok && v != prev.Doc[f] {
					return fieldError(f, "IMMUTABLE", "%s cannot be changed; create another %s instead", f, strings.ToLower(strings.ReplaceAll(k.entityType, "_", " ")))
				}
			}
			next := *prev
			next.Doc = make(map[string]any, len(prev.Doc)+1)
			maps.Copy(next.Doc, prev.Doc)
			for f, v := range body {
				if v == nil {
					delete(next.Doc, f)
				} else {
					next.Doc[f] = v
				}
			}
			next.ModifiedOn = a.clock.Now()
			if err := p.checkEntity(&next, next.ModifiedOn); err != nil {
				return err
			}
			p.indexEntity(&next)
			return nil
		}))
	}
}

// handleEntityList lists one kind newest first, with the status filter.
func (a *API) handleEntityList(k *kind) api.Handler {
	return func(r *api.Request) (*api.Response, error) {
		status := r.QueryString(k.statusField)
		limit, before, err := pageParams(r)
		if err != nil {
			return nil, err
		}
		return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
			now := a.clock.Now()
			return listPage(p.entityOrder[k.entityType].Descend(before), func(id string) bool {
				return status == "" || p.entityStatus(p.entities[id], now) == status
			}, limit, func(id string) (any, paging.Key) {
				e := p.entities[id]
				return p.renderEntity(e, now), paging.Key{At: e.CreatedOn, ID: e.ID}
			}), nil
		}))
	}
}
