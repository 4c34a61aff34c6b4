package tradevest

import (
	"slices"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// entityName is an entity's display name (§8 entityName, decision D87): a
// natural person's "first last", a legal entity's legal name, a joint
// person's two persons' names joined by " & ".
func (p *Partner) entityName(id string) string {
	if e, ok := p.entities[id]; ok {
		switch e.Kind {
		case "NATURAL_PERSON":
			return strings.TrimSpace(str(e.Doc["firstName"]) + " " + str(e.Doc["lastName"]))
		case "LEGAL_ENTITY":
			return str(e.Doc["legalName"])
		case "JOINT_PERSON":
			return p.entityName(str(e.Doc["firstNaturalPersonId"])) + " & " + p.entityName(str(e.Doc["secondNaturalPersonId"]))
		}
	}
	if x, ok := p.related[id]; ok {
		return strings.TrimSpace(str(x.Doc["firstName"]) + " " + str(x.Doc["lastName"]))
	}
	return ""
}

// searchItem is one entity as GET /entities lists it.
type searchItem struct {
	key      paging.Key
	render   func() map[string]any
	kind     string
	status   string
	globalID string
	text     string // what searchText matches, lower case
	roles    []any
}

// searchItems lists every entity of the partner (natural persons, legal
// entities, joint persons, live legal representatives and beneficial
// owners), newest first.
func (p *Partner) searchItems(now time.Time) []searchItem {
	var out []searchItem
	for _, e := range p.entities {
		status := p.entityStatus(e, now)
		roles := []any{}
		if cid, ok := p.customerByEntity[e.ID]; ok {
			roles = append(roles, map[string]any{"roleName": "CUSTOMER", "roleId": cid, "relatedCustomerId": cid})
		}
		roles = append(roles, p.proxyRoles(e.ID)...)
		var phone any
		if c, ok := e.Doc["contact"].(map[string]any); ok && str(c["phone"]) != "" {
			phone = str(c["phone"])
		}
		name := p.entityName(e.ID)
		item := map[string]any{"globalId": e.GlobalID, "entityId": e.ID, "entityName": name, "entityType": e.Kind,
			"entityStatus": status, "contactPhone": phone, "createdOn": ts(e.CreatedOn), "roles": roles}
		out = append(out, searchItem{key: paging.Key{At: e.CreatedOn, ID: e.ID}, render: func() map[string]any { return item },
			kind: e.Kind, status: status, globalID: e.GlobalID, roles: roles,
			text: strings.ToLower(name + "\x00" + e.GlobalID + "\x00" + str(e.Doc["externalId"]))})
	}
	for _, x := range p.related {
		if x.Deleted {
			continue
		}
		status, _ := x.statusAt(x.Status, now)
		name := p.entityName(x.ID)
		item := map[string]any{"globalId": x.GlobalID, "entityId": x.ID, "entityName": name, "entityType": x.Kind,
			"entityStatus": status, "contactPhone": nil, "createdOn": ts(x.CreatedOn), "roles": []any{}}
		out = append(out, searchItem{key: paging.Key{At: x.CreatedOn, ID: x.ID}, render: func() map[string]any { return item },
			kind: x.Kind, status: status, globalID: x.GlobalID, roles: []any{},
			text: strings.ToLower(name + "\x00" + x.GlobalID)})
	}
	slices.SortFunc(out, func(a, b searchItem) int {
		if b.key.Less(a.key) {
			return -1
		}
		if a.key.Less(b.key) {
			return 1
		}
		return 0
	})
	return out
}

// handleEntitySearch is GET /entities: every kind of entity, newest first,
// filtered by searchText (part of the name, globalId or externalId, without
// case), entityType, entityStatus, role (the entity holds a CUSTOMER role,
// or is a PROXY), globalId and entityId, all ANDed (decision D87).
func (a *API) handleEntitySearch(r *api.Request) (*api.Response, error) {
	search, typ, status := strings.ToLower(r.QueryString("searchText")), r.QueryString("entityType"), r.QueryString("entityStatus")
	role, gid, eid := r.QueryString("role"), r.QueryString("globalId"), r.QueryString("entityId")
	limit, before, err := pageParams(r)
	if err != nil {
		return nil, err
	}
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		items := p.searchItems(a.clock.Now())
		byID := make(map[string]*searchItem, len(items))
		seq := func(yield func(string) bool) {
			for i := range items {
				it := &items[i]
				if before != nil && !it.key.Less(*before) {
					continue
				}
				byID[it.key.ID] = it
				if !yield(it.key.ID) {
					return
				}
			}
		}
		return listPage(seq, func(id string) bool {
			it := byID[id]
			if typ != "" && it.kind != typ || status != "" && it.status != status || gid != "" && it.globalID != gid ||
				eid != "" && it.key.ID != eid || search != "" && !strings.Contains(it.text, search) {
				return false
			}
			if role != "" {
				return slices.ContainsFunc(it.roles, func(x any) bool { return x.(map[string]any)["roleName"] == role })
			}
			return true
		}, limit, func(id string) (any, paging.Key) {
			it := byID[id]
			return it.render(), it.key
		}), nil
	}))
}
