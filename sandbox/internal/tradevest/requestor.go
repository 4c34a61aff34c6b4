package tradevest

import (
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
)

// requestor applies the v1.5 Requestor-ID rule (§3, decision D80). The
// schema has checked that the header is a UUID (and, where the route
// requires it, present) and given it in lower case. Here:
//   - missing on a route that requires it: 400 naming Requestor-ID;
//   - not a natural person of the partner, or one that is not ACTIVE: 400
//     naming Requestor-ID;
//   - target set (the call changes that entity or one of its roles) and
//     the requestor neither is the entity, nor one of a joint person's two
//     persons, nor holds an ACTIVE proxy role for it: 403 naming
//     Requestor-ID.
func (a *API) requestor(p *Partner, r *api.Request, required bool, target string) error {
	id := r.Params.Headers["Requestor-ID"]
	if id == "" {
		if required {
			return fieldError("Requestor-ID", "REQUIRED", "Requestor-ID is required")
		}
		return nil
	}
	e, ok := p.entities[id]
	if !ok || e.Kind != "NATURAL_PERSON" {
		return fieldError("Requestor-ID", "UNKNOWN_REQUESTOR", "Requestor-ID %s is not a natural person of this partner", id)
	}
	now := a.clock.Now()
	if st := p.entityStatus(e, now); st != "ACTIVE" {
		return fieldError("Requestor-ID", "REQUESTOR_NOT_ACTIVE", "Requestor-ID %s is a natural person in status %s; the requestor must be ACTIVE", id, st)
	}
	if target == "" || p.actsFor(id, target, now) {
		return nil
	}
	err := api.Errorf(http.StatusForbidden, "FORBIDDEN", "Requestor-ID %s may not act for %s: it is neither that entity nor holds a proxy role for it", id, target)
	err.Details = append(err.Details, violation("Requestor-ID", "NOT_AUTHORIZED", err.Message))
	err.Details[0].In = "header"
	return err
}

// actsFor reports whether natural person np may act for entity target: it
// is the entity, one of the joint person's two persons, or holds an ACTIVE
// proxy role for it.
func (p *Partner) actsFor(np, target string, now time.Time) bool {
	if np == target {
		return true
	}
	if e, ok := p.entities[target]; ok && e.Kind == "JOINT_PERSON" &&
		(str(e.Doc["firstNaturalPersonId"]) == np || str(e.Doc["secondNaturalPersonId"]) == np) {
		return true
	}
	for _, x := range p.proxies {
		if x.NaturalPersonID == np && x.EntityID == target && x.status(now) == "ACTIVE" {
			return true
		}
	}
	return false
}
