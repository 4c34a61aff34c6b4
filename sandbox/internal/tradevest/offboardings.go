package tradevest

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// MsgOffboardingNotFound is the 404 of an unknown offboarding.
const MsgOffboardingNotFound = "Offboarding not found"

// rejectOffboardingLabel is the magic label that makes a customer's
// offboardings end REJECTED instead of APPROVED (decision D83).
const rejectOffboardingLabel = "sandbox-reject-offboarding"

// Offboarding is the offboarding of a role (decision D83): CREATED,
// PENDING onboardingStartDelay later, and at DueOn (its cancellation date,
// for an immediate reason a second after PENDING) APPROVED or REJECTED;
// DELETE makes a CREATED or PENDING one CANCELED.
type Offboarding struct {
	ID               string
	RoleType         string
	RoleID           string
	Reason           string
	Status           string
	CreatedOn        time.Time
	ModifiedOn       time.Time
	CancellationDate time.Time
	DueOn            time.Time
	Outcome          string `json:",omitempty"` // "" APPROVED, or REJECTED
}

func (f *Offboarding) pendingOn() time.Time { return f.CreatedOn.Add(onboardingStartDelay) }

func (f *Offboarding) step(status string) string {
	if status == "CREATED" {
		return "PENDING"
	}
	if f.Outcome == "" {
		return "APPROVED"
	}
	return f.Outcome
}

func (f *Offboarding) due() (time.Time, bool) {
	switch f.Status {
	case "CREATED":
		return f.pendingOn(), true
	case "PENDING":
		return f.DueOn, true
	}
	return time.Time{}, false
}

// at is the offboarding's status at now.
func (f *Offboarding) at(now time.Time) string {
	s := f.Status
	if s == "CREATED" && !now.Before(f.pendingOn()) {
		s = f.step(s)
	}
	if s == "PENDING" && !now.Before(f.DueOn) {
		s = f.step(s)
	}
	return s
}

func offboardingNotification(f *Offboarding, isNew bool) map[string]any {
	return map[string]any{"offboardingId": f.ID, "roleType": f.RoleType, "roleId": f.RoleID, "reason": f.Reason,
		"cancellationDate": ts(f.CancellationDate), "status": f.Status, "modifiedOn": ts(f.ModifiedOn),
		"notificationType": notificationType(isNew)}
}

func (p *Partner) indexOffboarding(f *Offboarding) {
	var old func() (time.Time, bool)
	prev, known := p.offboardings[f.ID]
	if known {
		old = prev.due
	}
	p.notify("OFFBOARDING_NOTIFICATION", offboardingNotification(f, !known))
	p.trackDue("f"+f.ID, old, f.due)
	p.offboardings[f.ID] = f
	p.Note(kindOffboarding, f.ID, f)
}

// advanceOffboarding stores an offboarding's next status; a REJECTED one
// takes back what its start planned.
func (p *Partner) advanceOffboarding(f *Offboarding) {
	at, ok := f.due()
	if !ok {
		return
	}
	next := *f
	next.Status, next.ModifiedOn = f.step(f.Status), at
	p.indexOffboarding(&next)
	if next.Status == "REJECTED" {
		p.planOffboarding(f, nil, at)
	}
}

// offboardable are the customer statuses an offboarding may start from
// (§9).
var offboardable = []string{"ACTIVE", "ESTATE", "SUSPENDED", "SUSPENDED_COMPLIANCE"}

// planOffboarding sets (inactiveOn non-nil) or clears the time the
// offboarded role and what it cascades to become INACTIVE: a customer's
// proxies and, for a legal entity, its beneficial owners (§9); and the
// customer's cancellationDate.
func (p *Partner) planOffboarding(f *Offboarding, inactiveOn *time.Time, now time.Time) {
	var cancel *time.Time
	if inactiveOn != nil {
		cd := f.CancellationDate
		cancel = &cd
	}
	setProxy := func(x *Proxy) {
		if x.status(now) == "INACTIVE" || sameTime(x.InactiveOn, inactiveOn) {
			return
		}
		next := *x
		next.InactiveOn, next.ModifiedOn = inactiveOn, later(x.ModifiedOn, now)
		p.indexProxy(&next)
	}
	if f.RoleType == "PROXY" {
		if x, ok := p.proxies[f.RoleID]; ok {
			setProxy(x)
		}
		return
	}
	c, ok := p.customers[f.RoleID]
	if !ok {
		return
	}
	next := *c
	next.InactiveOn, next.CancellationDate, next.ModifiedOn = inactiveOn, cancel, later(c.ModifiedOn, now)
	p.indexCustomer(&next)
	for _, id := range slices.Sorted(maps.Keys(p.proxies)) {
		if x := p.proxies[id]; x.EntityID == c.EntityID {
			setProxy(x)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(p.related)) {
		if x := p.related[id]; x.Kind == "BENEFICIAL_OWNER" && x.LegalEntityID == c.EntityID && !x.Deleted && !sameTime(x.InactiveOn, inactiveOn) {
			n := *x
			n.InactiveOn, n.ModifiedOn = inactiveOn, later(x.ModifiedOn, now)
			p.indexRelated(&n)
		}
	}
}

func sameTime(a, b *time.Time) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Equal(*b)
}

// handleOffboardingCreate is POST /roles/offboardings {roleType, roleId,
// reason} (decision D83): the customer (ACTIVE, ESTATE, SUSPENDED or
// SUSPENDED_COMPLIANCE; its products, not emulated, count as cancelled) or
// the ACTIVE proxy gets a cancellationDate (now for an immediate reason,
// two months on for CANCELLATION_BY_PARTNER_ORDINARY) and becomes INACTIVE
// when the offboarding is APPROVED; a customer's proxies and beneficial
// owners follow. Requestor-ID is required and must act for the role's
// entity (decision D80). A role with an offboarding running is a 409.
func (a *API) handleOffboardingCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	roleType, roleID, reason := str(body["roleType"]), str(body["roleId"]), str(body["reason"])
	return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		now := a.clock.Now()
		var target, status string
		var labels []string
		switch roleType {
		case "PROXY":
			x, ok := p.proxies[roleID]
			if !ok {
				return nil, fieldError("roleId", "NOT_FOUND", "no proxy %s", roleID)
			}
			// The proxy itself may resign, besides whoever acts for the entity.
			target, status = x.EntityID, x.status(now)
			if r.Params.Headers["Requestor-ID"] == x.NaturalPersonID {
				target = x.NaturalPersonID
			}
			if err := a.requestor(p, r, true, target); err != nil {
				return nil, err
			}
			if status != "ACTIVE" {
				return nil, conflict("Proxy %s is %s; only an ACTIVE proxy can be offboarded", x.ID, status)
			}
		default:
			c, ok := p.customers[roleID]
			if !ok {
				return nil, fieldError("roleId", "NOT_FOUND", "no customer %s", roleID)
			}
			if err := a.requestor(p, r, true, c.EntityID); err != nil {
				return nil, err
			}
			if status = c.status(now); !slices.Contains(offboardable, status) {
				return nil, conflict("Customer %s is %s; an offboarding needs it %s", c.ID, status, strings.Join(offboardable, ", "))
			}
			labels = c.Labels
		}
		for _, f := range p.offboardings {
			if f.RoleID == roleID && (f.at(now) == "CREATED" || f.at(now) == "PENDING") {
				return nil, conflict("Role %s already has the offboarding %s running", roleID, f.ID)
			}
		}
		f := &Offboarding{ID: uuid.NewString(), RoleType: roleType, RoleID: roleID, Reason: reason, Status: "CREATED",
			CreatedOn: now, ModifiedOn: now, CancellationDate: now, DueOn: now.Add(2 * onboardingStartDelay)}
		if reason == "CANCELLATION_BY_PARTNER_ORDINARY" {
			f.CancellationDate = now.AddDate(0, 2, 0)
			f.DueOn = f.CancellationDate
		}
		if slices.Contains(labels, rejectOffboardingLabel) {
			f.Outcome = "REJECTED"
		}
		p.indexOffboarding(f)
		if f.Outcome == "" {
			due := f.DueOn
			p.planOffboarding(f, &due, now)
		} else if roleType == "CUSTOMER" {
			c := *p.customers[roleID]
			cd := f.CancellationDate
			c.CancellationDate, c.ModifiedOn = &cd, now
			p.indexCustomer(&c)
		}
		return map[string]any{"offboardingId": f.ID}, nil
	}))
}

// handleOffboardingDelete is DELETE /roles/offboardings/{offboardingId}: a
// CREATED or PENDING offboarding becomes CANCELED and the role's
// cancellationDate goes away; an ended one is a 409. 202.
func (a *API) handleOffboardingDelete(r *api.Request) (*api.Response, error) {
	return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
		f, ok := p.offboardings[r.Path("offboardingId")]
		if !ok {
			return notFound(MsgOffboardingNotFound)
		}
		target := ""
		if c, ok := p.customers[f.RoleID]; ok {
			target = c.EntityID
		} else if x, ok := p.proxies[f.RoleID]; ok {
			target = x.EntityID
		}
		if err := a.requestor(p, r, true, target); err != nil {
			return err
		}
		now := a.clock.Now()
		if st := f.at(now); st != "CREATED" && st != "PENDING" {
			return conflict("Offboarding %s is %s and can no longer be cancelled", f.ID, st)
		}
		next := *f
		next.Status, next.ModifiedOn = "CANCELED", now
		p.indexOffboarding(&next)
		p.planOffboarding(f, nil, now)
		return nil
	}))
}
