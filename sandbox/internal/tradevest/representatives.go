package tradevest

import (
	"encoding/json"
	"maps"
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// Messages of the 404s of legal representatives and beneficial owners.
const (
	MsgLegalRepNotFound = "Legal representative not found"
	MsgOwnerNotFound    = "Beneficial owner not found"
)

// Related is a legal representative or a beneficial owner of a legal
// entity (§8, decision D88). Doc holds its create body as validated and
// pruned. A deleted legal representative stays stored with Deleted set.
type Related struct {
	ID            string
	GlobalID      string
	Kind          string // LEGAL_REPRESENTATIVE or BENEFICIAL_OWNER
	LegalEntityID string
	Status        string
	CreatedOn     time.Time
	ModifiedOn    time.Time
	Doc           map[string]any
	Deleted       bool `json:",omitempty"`
	roleTiming         // a beneficial owner's onboarding and offboarding
}

func (x *Related) due() (time.Time, bool) { return x.dueAt(x.Status) }

// relatedKind names a kind's fields.
var relatedKinds = map[string]struct{ idField, statusField, notFound, fixtureKey string }{
	"LEGAL_REPRESENTATIVE": {"legalRepresentativeId", "legalRepresentativeStatus", MsgLegalRepNotFound, "legal_representatives"},
	"BENEFICIAL_OWNER":     {"beneficialOwnerId", "beneficialOwnerStatus", MsgOwnerNotFound, "beneficial_owners"},
}

func (x *Related) render(now time.Time) map[string]any {
	k := relatedKinds[x.Kind]
	out := make(map[string]any, len(x.Doc)+7)
	for f, v := range x.Doc {
		out[f] = v
	}
	status, changed := x.statusAt(x.Status, now)
	out[k.idField], out["legalEntityId"], out["globalId"], out[k.statusField] = x.ID, x.LegalEntityID, x.GlobalID, status
	out["createdOn"], out["modifiedOn"] = ts(x.CreatedOn), ts(later(x.ModifiedOn, changed))
	if x.Kind == "BENEFICIAL_OWNER" {
		out["beneficialOwnerType"] = "REAL_UBO_25"
	}
	return out
}

func (p *Partner) indexRelated(x *Related) {
	var oldDue func() (time.Time, bool)
	if old, ok := p.related[x.ID]; ok {
		p.relatedOrder.Delete(paging.Key{At: old.CreatedOn, ID: old.ID})
		oldDue = old.due
	}
	p.trackDue("b"+x.ID, oldDue, x.due)
	p.relatedOrder.Set(paging.Key{At: x.CreatedOn, ID: x.ID}, x.ID)
	p.related[x.ID] = x
	p.Note(kindRelated, x.ID, x)
}

// settleRelated stores a beneficial owner's transition due at.
func (p *Partner) settleRelated(x *Related, at time.Time) {
	status, changed := x.statusAt(x.Status, at)
	if status == x.Status {
		return
	}
	next := *x
	next.Status, next.ModifiedOn = status, later(x.ModifiedOn, changed)
	p.indexRelated(&next)
}

func (p *Partner) liveRelated(kind, id string) (*Related, bool) {
	x, ok := p.related[id]
	return x, ok && x.Kind == kind && !x.Deleted
}

// checkOwnerShare: a real UBO holds more than 25 % of the shares or of the
// voting rights (REAL_UBO_25, §8; decision D88).
func checkOwnerShare(doc map[string]any) error {
	num := func(v any) float64 {
		switch n := v.(type) {
		case json.Number:
			f, _ := n.Float64()
			return f
		case float64:
			return n
		case int64:
			return float64(n)
		case int:
			return float64(n)
		}
		return 0
	}
	if num(doc["share"]) <= 25 && num(doc["votingRights"]) <= 25 {
		return fieldError("share", "REAL_UBO_25", "a beneficial owner holds more than 25 %% of the shares or voting rights")
	}
	return nil
}

// handleRelatedCreate is POST /entities/{legalEntityId}/legal-representatives
// and POST /entities/{legalEntityId}/beneficial-owners: Requestor-ID
// required (an ACTIVE natural person; decision D80); the legal entity must
// exist (404).
func (a *API) handleRelatedCreate(kind string) api.Handler {
	return func(r *api.Request) (*api.Response, error) {
		body, _ := r.Params.Body.(map[string]any)
		return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
			le, ok := p.entities[r.Path("legalEntityId")]
			if !ok || le.Kind != "LEGAL_ENTITY" {
				return nil, notFound(MsgEntityNotFound)
			}
			if err := a.requestor(p, r, true, ""); err != nil {
				return nil, err
			}
			if kind == "BENEFICIAL_OWNER" {
				if err := checkOwnerShare(body); err != nil {
					return nil, err
				}
			}
			now := a.clock.Now()
			x := &Related{ID: uuid.NewString(), GlobalID: globalID(), Kind: kind, LegalEntityID: le.ID, Status: "CREATED",
				CreatedOn: now, ModifiedOn: now, Doc: body}
			p.indexRelated(x)
			return map[string]any{relatedKinds[kind].idField: x.ID}, nil
		}))
	}
}

func (a *API) handleRelatedGet(kind string) api.Handler {
	k := relatedKinds[kind]
	return func(r *api.Request) (*api.Response, error) {
		return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
			x, ok := p.liveRelated(kind, r.Path(k.idField))
			if !ok {
				return nil, notFound(k.notFound)
			}
			return x.render(a.clock.Now()), nil
		}))
	}
}

// handleRelatedPatch changes the given fields (null removes one); 202.
// Requestor-ID required, acting for the legal entity (decisions D80, D81).
func (a *API) handleRelatedPatch(kind string) api.Handler {
	k := relatedKinds[kind]
	return func(r *api.Request) (*api.Response, error) {
		body, _ := r.Params.Body.(map[string]any)
		return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
			prev, ok := p.liveRelated(kind, r.Path(k.idField))
			if !ok {
				return notFound(k.notFound)
			}
			if err := a.requestor(p, r, true, p.actingTarget(prev.LegalEntityID, a.clock.Now())); err != nil {
				return err
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
			for _, f := range []string{"firstName", "lastName", "birthDay", "share"} {
				if _, ok := next.Doc[f]; !ok && (f != "share" || kind == "BENEFICIAL_OWNER") {
					return fieldError(f, "REQUIRED", "%s cannot be removed", f)
				}
			}
			if kind == "BENEFICIAL_OWNER" {
				if err := checkOwnerShare(next.Doc); err != nil {
					return err
				}
			}
			next.ModifiedOn = a.clock.Now()
			p.indexRelated(&next)
			return nil
		}))
	}
}

// handleLegalRepDelete is DELETE /entities/legal-representatives/{id}:
// 202; it is gone for every read. Requestor-ID required, acting for the
// legal entity.
func (a *API) handleLegalRepDelete(r *api.Request) (*api.Response, error) {
	return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
		prev, ok := p.liveRelated("LEGAL_REPRESENTATIVE", r.Path("legalRepresentativeId"))
		if !ok {
			return notFound(MsgLegalRepNotFound)
		}
		if err := a.requestor(p, r, true, p.actingTarget(prev.LegalEntityID, a.clock.Now())); err != nil {
			return err
		}
		next := *prev
		next.Deleted, next.ModifiedOn = true, a.clock.Now()
		p.indexRelated(&next)
		return nil
	}))
}

// handleLegalRepList is GET /entities/{legalEntityId}/legal-representatives:
// newest first; 404 for an unknown legal entity.
func (a *API) handleLegalRepList(r *api.Request) (*api.Response, error) {
	limit, before, err := pageParams(r)
	if err != nil {
		return nil, err
	}
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		le, ok := p.entities[r.Path("legalEntityId")]
		if !ok || le.Kind != "LEGAL_ENTITY" {
			return nil, notFound(MsgEntityNotFound)
		}
		now := a.clock.Now()
		return listPage(p.relatedOrder.Descend(before), func(id string) bool {
			x := p.related[id]
			return x.Kind == "LEGAL_REPRESENTATIVE" && !x.Deleted && x.LegalEntityID == le.ID
		}, limit, func(id string) (any, paging.Key) {
			x := p.related[id]
			return x.render(now), paging.Key{At: x.CreatedOn, ID: x.ID}
		}), nil
	}))
}

// handleEntityOnboardingCreate is POST /entities/onboardings {entityType:
// BENEFICIAL_OWNER, entityId}: a CREATED beneficial owner becomes PENDING
// at once and ACTIVE 60 seconds later, as a role does (decision D88); the
// onboarding is not a role onboarding (GET /roles/onboardings/{id} is 404).
func (a *API) handleEntityOnboardingCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		if err := a.checkRequestor(p, r, false); err != nil {
			return nil, err
		}
		x, ok := p.liveRelated("BENEFICIAL_OWNER", str(body["entityId"]))
		if !ok {
			return nil, fieldError("entityId", "NOT_FOUND", "no beneficial owner %s", str(body["entityId"]))
		}
		now := a.clock.Now()
		if st, _ := x.statusAt(x.Status, now); st != "CREATED" {
			return nil, conflict("Beneficial owner %s is %s; only a CREATED one can be onboarded", x.ID, st)
		}
		o, t := p.startOnboarding("BENEFICIAL_OWNER", x.ID, outcomeApproved, now)
		next := *x
		next.Status, next.ModifiedOn, next.ActiveOn, next.NextStatus = "PENDING", now, t.ActiveOn, t.NextStatus
		p.indexRelated(&next)
		return map[string]any{"onboardingId": o.ID}, nil
	}))
}

// handleIdentification is POST /entities/natural-persons/{id}/identification:
// the partner's own identification of the person is stored on it (GET
// shows it as identification; decision D89); 202.
func (a *API) handleIdentification(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
		prev, ok := p.entities[r.Path("naturalPersonId")]
		if !ok || prev.Kind != "NATURAL_PERSON" {
			return notFound(MsgEntityNotFound)
		}
		if err := a.requestor(p, r, false, ""); err != nil {
			return err
		}
		now := a.clock.Now()
		if exp, err := time.Parse("2006-01-02", str(body["expiresOn"])); err == nil && exp.Before(now.Truncate(24*time.Hour)) {
			return fieldError("expiresOn", "EXPIRED", "the identification document has expired")
		}
		next := *prev
		next.Doc = make(map[string]any, len(prev.Doc)+1)
		maps.Copy(next.Doc, prev.Doc)
		next.Doc["identification"] = body
		next.ModifiedOn = now
		p.indexEntity(&next)
		return nil
	}))
}
