package tradevest

import (
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/google/uuid"
)

// onboardingStartDelay is how long a new onboarding stays CREATED before it
// is PENDING, on the sandbox clock. Decision D39: the vendor's flow is CREATED →
// PENDING → APPROVED (§9) and POST answers only {onboardingId}; the sandbox
// shows CREATED for the first second (the vendor checks the request
// asynchronously), so a client can see the whole flow by moving the clock.
// The customer is PENDING at once (decision D39).
const onboardingStartDelay = time.Second

// Onboarding is the onboarding of a role: CREATED, PENDING
// onboardingStartDelay after its creation and APPROVED at DueOn
// (onboardingDelay after its creation) on the sandbox clock. A transition
// whose time has come is stored by settle; reads work it out themselves.
type Onboarding struct {
	ID         string
	RoleType   string
	RoleID     string
	Status     string
	CreatedOn  time.Time
	ModifiedOn time.Time // zero: CreatedOn
	DueOn      time.Time
}

// pendingOn is when a CREATED onboarding becomes PENDING.
func (o *Onboarding) pendingOn() time.Time { return o.CreatedOn.Add(onboardingStartDelay) }

// at is the onboarding as it stands at now: its status and when it last
// changed.
func (o *Onboarding) at(now time.Time) (status string, modified time.Time) {
	status, modified = o.Status, o.ModifiedOn
	if modified.IsZero() {
		modified = o.CreatedOn
	}
	if status == "CREATED" && !now.Before(o.pendingOn()) {
		status, modified = "PENDING", later(modified, o.pendingOn())
	}
	if status == "PENDING" && !now.Before(o.DueOn) {
		status, modified = "APPROVED", later(modified, o.DueOn)
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

// handleOnboardingCreate is POST /roles/onboardings {roleType, roleId}: a
// CREATED customer becomes PENDING at once and ACTIVE 60 seconds later; its
// entity moves with it. Only customer roles are emulated (decision D38); a customer
// that is not CREATED cannot be onboarded again (409).
func (a *API) handleOnboardingCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	if str(body["roleType"]) != "CUSTOMER" {
		return nil, fieldError("roleType", "UNSUPPORTED", "the sandbox onboards CUSTOMER roles only")
	}
	var id string
	err := a.update(partnerOf(r), func(p *Partner) error {
		c, ok := p.customers[str(body["roleId"])]
		if !ok {
			return fieldError("roleId", "NOT_FOUND", "no customer %s", str(body["roleId"]))
		}
		now := a.clock.Now()
		if st := c.status(now); st != "CREATED" {
			return conflict("Customer %s is %s; only a CREATED customer can be onboarded", c.ID, st)
		}
		due := now.Add(onboardingDelay)
		o := &Onboarding{ID: uuid.NewString(), RoleType: "CUSTOMER", RoleID: c.ID, Status: "CREATED", CreatedOn: now, ModifiedOn: now, DueOn: due}
		p.indexOnboarding(o)
		next := *c
		next.Status, next.ActiveOn, next.ModifiedOn = "PENDING", &due, now
		p.indexCustomer(&next)
		p.moveEntity(next.EntityID, "PENDING", now)
		id = o.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	return api.JSON(http.StatusOK, map[string]any{"onboardingId": id}), nil
}

// handleOnboardingGet is GET /roles/onboardings/{onboardingId}.
func (a *API) handleOnboardingGet(r *api.Request) (*api.Response, error) {
	var out map[string]any
	err := a.store.View(partnerOf(r), func(p *Partner) error {
		o, ok := p.onboardings[r.Path("onboardingId")]
		if !ok {
			return notFound(MsgOnboardNotFound)
		}
		out = o.render(a.clock.Now())
		return nil
	})
	if err != nil {
		return nil, err
	}
	return api.JSON(http.StatusOK, out), nil
}
