package tradevest

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// MsgProxyNotFound is the 404 of an unknown proxy.
const MsgProxyNotFound = "Proxy not found"

// Proxy is a proxy role (§9): a natural person acting for a natural
// person, legal entity or joint person. It is onboarded as a customer is
// (roleType PROXY) and its status takes the customer statuses (decision
// D82).
type Proxy struct {
	ID              string
	ProxyType       string
	NaturalPersonID string
	EntityID        string
	EntityType      string
	ProductIDs      []string
	ValidityType    string
	ScopeType       string `json:",omitempty"`
	CustodyType     string `json:",omitempty"`
	Status          string
	CreatedOn       time.Time
	ModifiedOn      time.Time
	ApprovedOn      *time.Time
	roleTiming
}

func (x *Proxy) due() (time.Time, bool) { return x.dueAt(x.Status) }

func (x *Proxy) status(now time.Time) string {
	s, _ := x.statusAt(x.Status, now)
	return s
}

// at is the proxy as it stands at now: status, modifiedOn, approvedOn.
func (x *Proxy) at(now time.Time) (string, time.Time, *time.Time) {
	s, changed := x.statusAt(x.Status, now)
	modified, approved := x.ModifiedOn, x.ApprovedOn
	if s != x.Status {
		modified = later(modified, changed)
		if x.Status == "PENDING" && x.next() == "ACTIVE" && x.ActiveOn != nil && !now.Before(*x.ActiveOn) {
			approved = x.ActiveOn
		}
	}
	return s, modified, approved
}

func (p *Partner) renderProxy(x *Proxy, now time.Time) map[string]any {
	status, modified, approved := x.at(now)
	products := x.ProductIDs
	if products == nil {
		products = []string{}
	}
	out := map[string]any{"proxyId": x.ID, "proxyStatus": status, "proxyType": x.ProxyType, "naturalPersonId": x.NaturalPersonID,
		"entityId": x.EntityID, "entityType": x.EntityType, "productIds": products, "validityType": x.ValidityType,
		"customerId": nil, "createdOn": ts(x.CreatedOn), "modifiedOn": ts(modified), "approvedOn": nil}
	if x.ScopeType != "" {
		out["scopeType"] = x.ScopeType
	}
	if x.CustodyType != "" {
		out["custodyType"] = x.CustodyType
	}
	if cid, ok := p.customerByEntity[x.EntityID]; ok {
		out["customerId"] = cid
	}
	if approved != nil {
		out["approvedOn"] = ts(*approved)
	}
	return out
}

func (p *Partner) proxyNotification(x *Proxy, typ string) map[string]any {
	out := map[string]any{"proxyId": x.ID, "customerId": nil, "modifiedOn": ts(x.ModifiedOn), "status": x.Status, "notificationType": typ}
	if cid, ok := p.customerByEntity[x.EntityID]; ok {
		out["customerId"] = cid
	}
	return out
}

// indexProxy stores a proxy (a new copy on every change).
func (p *Partner) indexProxy(x *Proxy) {
	var oldDue func() (time.Time, bool)
	old, known := p.proxies[x.ID]
	if known {
		p.proxyOrder.Delete(paging.Key{At: old.CreatedOn, ID: old.ID})
		oldDue = old.due
	}
	p.notify("PROXY_NOTIFICATION", p.proxyNotification(x, notificationType(!known)))
	p.trackDue("p"+x.ID, oldDue, x.due)
	p.proxyOrder.Set(paging.Key{At: x.CreatedOn, ID: x.ID}, x.ID)
	p.proxies[x.ID] = x
	p.Note(kindProxy, x.ID, x)
}

// settleProxy stores a proxy's transition due at, and moves its natural
// person with it.
func (p *Partner) settleProxy(x *Proxy, at time.Time) {
	status, modified, approved := x.at(at)
	if status == x.Status {
		return
	}
	next := *x
	next.Status, next.ModifiedOn, next.ApprovedOn = status, modified, approved
	p.indexProxy(&next)
	if status != "INACTIVE" && x.Status == "PENDING" {
		p.moveEntity(x.NaturalPersonID, status, at)
	}
}

// proxyRoles are the PROXY roles natural person id holds, for its roles[].
func (p *Partner) proxyRoles(id string) []any {
	var out []any
	for pid := range p.proxyOrder.Ascend(nil) {
		x := p.proxies[pid]
		if x.NaturalPersonID != id {
			continue
		}
		r := map[string]any{"roleName": "PROXY", "roleId": x.ID}
		if cid, ok := p.customerByEntity[x.EntityID]; ok {
			r["relatedCustomerId"] = cid
		}
		out = append(out, r)
	}
	return out
}

// checkProxyTerms applies the rules of §9 to a proxy's terms: scopeType
// only for (and, decision D82, required for) SIGNATORY, custodyType only
// for (and required for) GUARDIAN; a guardian acts for a natural person.
func checkProxyTerms(x *Proxy) error {
	switch {
	case x.ProxyType == "SIGNATORY" && x.ScopeType == "":
		return fieldError("scopeType", "REQUIRED", "scopeType is required for a SIGNATORY proxy")
	case x.ProxyType != "SIGNATORY" && x.ScopeType != "":
		return fieldError("scopeType", "NOT_ALLOWED", "scopeType is only for SIGNATORY proxies")
	case x.ProxyType == "GUARDIAN" && x.CustodyType == "":
		return fieldError("custodyType", "REQUIRED", "custodyType is required for a GUARDIAN proxy")
	case x.ProxyType != "GUARDIAN" && x.CustodyType != "":
		return fieldError("custodyType", "NOT_ALLOWED", "custodyType is only for GUARDIAN proxies")
	case x.ProxyType == "GUARDIAN" && x.EntityType != "NATURAL_PERSON":
		return fieldError("entityType", "NOT_ALLOWED", "a GUARDIAN acts for a natural person")
	}
	return nil
}

// actingTarget is whom a requestor must act for to change entity id: the
// entity, except a legal entity or joint person with no ACTIVE proxy yet,
// which any ACTIVE natural person may act for (decision D81).
func (p *Partner) actingTarget(id string, now time.Time) string {
	if e, ok := p.entities[id]; ok && e.Kind != "NATURAL_PERSON" && !p.hasActiveProxy(e.ID, now) {
		return ""
	}
	return id
}

// hasActiveProxy reports whether entity id has an ACTIVE proxy.
func (p *Partner) hasActiveProxy(id string, now time.Time) bool {
	for _, x := range p.proxies {
		if x.EntityID == id && x.status(now) == "ACTIVE" {
			return true
		}
	}
	return false
}

// handleProxyCreate is POST /roles/proxies: a CREATED proxy role. The
// Requestor-ID is required and must act for the entity (decision D80); a
// legal entity or joint person without an ACTIVE proxy yet takes its first
// one from any ACTIVE natural person of the partner (decision D81).
// JOINT_ACCOUNT_HOLDER is the system's own (400); the same person, entity
// and type as a proxy that is not INACTIVE or REJECTED is a 409.
func (a *API) handleProxyCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		now := a.clock.Now()
		x := &Proxy{ID: uuid.NewString(), ProxyType: str(body["proxyType"]), NaturalPersonID: str(body["naturalPersonId"]),
			EntityID: str(body["entityId"]), EntityType: str(body["entityType"]), ProductIDs: stringList(body["productIds"]),
			ValidityType: str(body["validityType"]), ScopeType: str(body["scopeType"]), CustodyType: str(body["custodyType"]),
			Status: "CREATED", CreatedOn: now, ModifiedOn: now}
		if err := a.requestor(p, r, true, p.actingTarget(x.EntityID, now)); err != nil {
			return nil, err
		}
		if x.ProxyType == "JOINT_ACCOUNT_HOLDER" {
			return nil, fieldError("proxyType", "SYSTEM_ONLY", "JOINT_ACCOUNT_HOLDER proxies are created by the system only")
		}
		if np, ok := p.entities[x.NaturalPersonID]; !ok || np.Kind != "NATURAL_PERSON" {
			return nil, fieldError("naturalPersonId", "NOT_FOUND", "no natural person %s", x.NaturalPersonID)
		}
		e, ok := p.entities[x.EntityID]
		if !ok {
			return nil, fieldError("entityId", "NOT_FOUND", "no entity %s", x.EntityID)
		}
		if e.Kind != x.EntityType {
			return nil, fieldError("entityType", "MISMATCH", "entity %s is a %s, not a %s", e.ID, e.Kind, x.EntityType)
		}
		if x.EntityID == x.NaturalPersonID {
			return nil, fieldError("naturalPersonId", "SELF", "a natural person cannot be its own proxy")
		}
		if err := checkProxyTerms(x); err != nil {
			return nil, err
		}
		for _, o := range p.proxies {
			if o.NaturalPersonID == x.NaturalPersonID && o.EntityID == x.EntityID && o.ProxyType == x.ProxyType {
				if st := o.status(now); st != "INACTIVE" && st != "REJECTED" {
					return nil, conflict("Natural person %s already is a %s proxy of %s: %s", x.NaturalPersonID, x.ProxyType, x.EntityID, o.ID)
				}
			}
		}
		p.indexProxy(x)
		return map[string]any{"proxyId": x.ID}, nil
	}))
}

// handleProxyGet is GET /roles/proxies/{proxyId}.
func (a *API) handleProxyGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		x, ok := p.proxies[r.Path("proxyId")]
		if !ok {
			return nil, notFound(MsgProxyNotFound)
		}
		return p.renderProxy(x, a.clock.Now()), nil
	}))
}

// handleProxyPatch is PATCH /roles/proxies/{proxyId}: productIds,
// validityType, scopeType and custodyType (null removes the last two);
// the same rules as on create; Requestor-ID required, acting for the
// entity; 202. A PATCH that changes nothing stores nothing.
func (a *API) handleProxyPatch(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
		prev, ok := p.proxies[r.Path("proxyId")]
		if !ok {
			return notFound(MsgProxyNotFound)
		}
		if err := a.requestor(p, r, true, prev.EntityID); err != nil {
			return err
		}
		now := a.clock.Now()
		if st := prev.status(now); st == "INACTIVE" || st == "REJECTED" {
			return conflict("Proxy %s is %s and cannot change", prev.ID, st)
		}
		next := *prev
		if v, ok := body["productIds"]; ok {
			next.ProductIDs = stringList(v)
		}
		if v, ok := body["validityType"]; ok && v != nil {
			next.ValidityType = str(v)
		}
		if v, ok := body["scopeType"]; ok {
			next.ScopeType = str(v)
		}
		if v, ok := body["custodyType"]; ok {
			next.CustodyType = str(v)
		}
		if err := checkProxyTerms(&next); err != nil {
			return err
		}
		if slices.Equal(next.ProductIDs, prev.ProductIDs) && next.ValidityType == prev.ValidityType &&
			next.ScopeType == prev.ScopeType && next.CustodyType == prev.CustodyType {
			return nil
		}
		next.ModifiedOn = now
		p.indexProxy(&next)
		return nil
	}))
}

// handleProxyList is GET /roles/proxies: newest first, with the filters
// of §9 (searchText: part of the proxy's or the represented entity's name,
// without case, decision D82).
func (a *API) handleProxyList(r *api.Request) (*api.Response, error) {
	typ, validity, status := r.QueryString("proxyType"), r.QueryString("validityType"), r.QueryString("proxyStatus")
	search, customer, np := strings.ToLower(r.QueryString("searchText")), r.QueryString("customerId"), r.QueryString("naturalPersonId")
	limit, before, err := pageParams(r)
	if err != nil {
		return nil, err
	}
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		now := a.clock.Now()
		return listPage(p.proxyOrder.Descend(before), func(id string) bool {
			x := p.proxies[id]
			switch {
			case typ != "" && x.ProxyType != typ, validity != "" && x.ValidityType != validity,
				status != "" && x.status(now) != status, np != "" && x.NaturalPersonID != np,
				customer != "" && p.customerByEntity[x.EntityID] != customer:
				return false
			}
			return search == "" || strings.Contains(strings.ToLower(p.entityName(x.NaturalPersonID)+"\x00"+p.entityName(x.EntityID)), search)
		}, limit, func(id string) (any, paging.Key) {
			x := p.proxies[id]
			return p.renderProxy(x, now), paging.Key{At: x.CreatedOn, ID: x.ID}
		}), nil
	}))
}
