package tradevest

import (
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// onboardingStartDelay is how long a new onboarding stays CREATED before it
// is PENDING, on the sandbox clock. Decision D39: the vendor's flow is CREATED →
// PENDING → APPROVED (§9) and POST answers only {onboardingId}; the sandbox
// shows CREATED for the first second (the vendor checks the request
// asynchronously), so a client can see the whole flow by moving the clock.
// The customer is PENDING at once (decision D39).
const onboardingStartDelay = time.Second

// Onboarding is the onboarding of a role (or of a beneficial owner,
// RoleType BENEFICIAL_OWNER): CREATED, PENDING onboardingStartDelay after
// its creation and its outcome at DueOn (onboardingDelay after its
// creation) on the sandbox clock; an INVALID one goes from CREATED to
// INVALID instead of PENDING. A transition whose time has come is stored by
// settle; reads work it out themselves.
type Onboarding struct {
	ID         string
	RoleType   string
	RoleID     string
	Status     string
	CreatedOn  time.Time
	ModifiedOn time.Time // zero: CreatedOn
	DueOn      time.Time
	// Outcome is the status the onboarding ends in: "" (APPROVED),
	// REJECTED, INVALID or REVIEW (decision D84).
	Outcome string `json:",omitempty"`
}

// pendingOn is when a CREATED onboarding becomes PENDING (or INVALID).
func (o *Onboarding) pendingOn() time.Time { return o.CreatedOn.Add(onboardingStartDelay) }

func (o *Onboarding) outcome() string {
	if o.Outcome == "" {
		return "APPROVED"
	}
	return o.Outcome
}

// step is the onboarding's next status after status.
func (o *Onboarding) step(status string) string {
	if status == "CREATED" {
		if o.Outcome == "INVALID" {
			return "INVALID"
		}
		return "PENDING"
	}
	return o.outcome()
}

// at is the onboarding as it stands at now: its status and when it last
// changed.
func (o *Onboarding) at(now time.Time) (status string, modified time.Time) {
	status, modified = o.Status, o.ModifiedOn
	if modified.IsZero() {
		modified = o.CreatedOn
	}
	if status == "CREATED" && !now.Before(o.pendingOn()) {
		status, modified = o.step(status), later(modified, o.pendingOn())
	}
	if status == "PENDING" && !now.Before(o.DueOn) {
		status, modified = o.step(status), later(modified, o.DueOn)
	}
	return status, modified
}

// due is when the onboarding's next transition is due, if it has one.
func (o *Onboarding) due() (time.Time, bool) {
	switch o.Status {
	case "CREATED":
		return o.pendingOn(), true
	case "PENDING":
		return o.DueOn, true
	}
	return time.Time{}, false
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func (o *Onboarding) render(now time.Time) map[string]any {
	status, modified := o.at(now)
	return map[string]any{"onboardingId": o.ID, "status": status, "roleType": o.RoleType, "roleId": o.RoleID,
		"createdOn": ts(o.CreatedOn), "modifiedOn": ts(modified)}
}

func onboardingNotification(o *Onboarding, isNew bool) map[string]any {
	typ := notificationType(isNew)
	if o.Status == "INVALID" {
		typ = "VALIDATION_ERROR"
	}
	modified := o.ModifiedOn
	if modified.IsZero() {
		modified = o.CreatedOn
	}
	return map[string]any{"onboardingId": o.ID, "roleType": o.RoleType, "roleId": o.RoleID, "status": o.Status,
		"modifiedOn": ts(modified), "notificationType": typ}
}

// startOnboarding stores a new onboarding of a role and the timing of the
// role's outcome: the role reads PENDING at once and, when the onboarding
// ends, ACTIVE (APPROVED), REVIEW, REJECTED (a critical rejection) or
// CREATED again (a fixable rejection, or INVALID) (decision D84).
func (p *Partner) startOnboarding(roleType, roleID, outcome string, now time.Time) (*Onboarding, roleTiming) {
	o := &Onboarding{ID: uuid.NewString(), RoleType: roleType, RoleID: roleID, Status: "CREATED", CreatedOn: now, ModifiedOn: now, DueOn: now.Add(onboardingDelay)}
	t := roleTiming{ActiveOn: &o.DueOn}
	switch outcome {
	case outcomeInvalid:
		o.Outcome, t.NextStatus = "INVALID", "CREATED"
		at := o.pendingOn()
		t.ActiveOn = &at
	case outcomeRejected:
		o.Outcome, t.NextStatus = "REJECTED", "CREATED"
	case outcomeCritical:
		o.Outcome, t.NextStatus = "REJECTED", "REJECTED"
	case outcomeReview:
		o.Outcome, t.NextStatus = "REVIEW", "REVIEW"
	}
	p.indexOnboarding(o)
	return o, t
}

// handleOnboardingCreate is POST /roles/onboardings {roleType, roleId}: a
// CREATED customer or proxy role becomes PENDING at once and takes the
// onboarding's outcome 60 seconds later (decisions D39, D84); its entity
// moves with it. A role that is not CREATED cannot be onboarded (409); a
// general power of attorney valid IN_CASE_OF_DEATH needs the customer it
// acts for in ESTATE (§5.3, 409).
func (a *API) handleOnboardingCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	roleType, roleID := str(body["roleType"]), str(body["roleId"])
	return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		if err := a.checkRequestor(p, r, false); err != nil {
			return nil, err
		}
		now := a.clock.Now()
		if roleType == "PROXY" {
			x, ok := p.proxies[roleID]
			if !ok {
				return nil, fieldError("roleId", "NOT_FOUND", "no proxy %s", roleID)
			}
			if st := x.status(now); st != "CREATED" {
				return nil, conflict("Proxy %s is %s; only a CREATED proxy can be onboarded", x.ID, st)
			}
			if x.ValidityType == "IN_CASE_OF_DEATH" {
				if c, ok := p.customers[p.customerByEntity[x.EntityID]]; !ok || c.status(now) != "ESTATE" {
					return nil, conflict("Proxy %s is valid in case of death: the customer it acts for must be in ESTATE", x.ID)
				}
			}
			o, t := p.startOnboarding("PROXY", x.ID, p.outcomeFor(x.NaturalPersonID), now)
			next := *x
			next.Status, next.roleTiming, next.ModifiedOn = "PENDING", t, now
			next.InactiveOn = x.InactiveOn
			p.indexProxy(&next)
			p.moveEntity(x.NaturalPersonID, "PENDING", now)
			return map[string]any{"onboardingId": o.ID}, nil
		}
		c, ok := p.customers[roleID]
		if !ok {
			return nil, fieldError("roleId", "NOT_FOUND", "no customer %s", roleID)
		}
		if st := c.status(now); st != "CREATED" {
			return nil, conflict("Customer %s is %s; only a CREATED customer can be onboarded", c.ID, st)
		}
		o, t := p.startOnboarding("CUSTOMER", c.ID, p.outcomeFor(c.EntityID), now)
		next := *c
		next.Status, next.roleTiming, next.ModifiedOn = "PENDING", t, now
		next.InactiveOn = c.InactiveOn
		p.indexCustomer(&next)
		p.moveEntity(next.EntityID, "PENDING", now)
		return map[string]any{"onboardingId": o.ID}, nil
	}))
}

// handleOnboardingGet is GET /roles/onboardings/{onboardingId}: role
// onboardings (an entity onboarding's id is not one, 404).
func (a *API) handleOnboardingGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		o, ok := p.onboardings[r.Path("onboardingId")]
		if !ok || o.RoleType != "CUSTOMER" && o.RoleType != "PROXY" {
			return nil, notFound(MsgOnboardNotFound)
		}
		return o.render(a.clock.Now()), nil
	}))
}
