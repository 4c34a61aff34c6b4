package tradevest

import (
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/google/uuid"
)

// Onboarding is the onboarding of a role. It is PENDING from the start and
// APPROVED onboardingDelay later on the sandbox clock (contract).
type Onboarding struct {
	ID        string
	RoleType  string
	RoleID    string
	Status    string
	CreatedOn time.Time
	DueOn     time.Time
}

func (o *Onboarding) status(now time.Time) string {
	if o.Status == "PENDING" && !now.Before(o.DueOn) {
		return "APPROVED"
	}
	return o.Status
}

func (o *Onboarding) render(now time.Time) map[string]any {
	modified := o.CreatedOn
	if o.status(now) != o.Status {
		modified = o.DueOn
	}
	return map[string]any{"onboardingId": o.ID, "status": o.status(now), "roleType": o.RoleType, "roleId": o.RoleID,
		"createdOn": ts(o.CreatedOn), "modifiedOn": ts(modified)}
}

// handleOnboardingCreate is POST /roles/onboardings {roleType, roleId}: a
// CREATED customer becomes PENDING at once and ACTIVE 60 seconds later.
// Only customer roles are emulated ([G]); a customer that is not CREATED
// cannot be onboarded again (409).
func (a *API) handleOnboardingCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	if str(body["roleType"]) != "CUSTOMER" {
		return nil, fieldError("roleType", "UNSUPPORTED", "the sandbox onboards CUSTOMER roles only")
	}
	var id string
	err := a.store.Update(partnerOf(r), func(p *Partner) error {
		c, ok := p.customers[str(body["roleId"])]
		if !ok {
			return fieldError("roleId", "NOT_FOUND", "no customer %s", str(body["roleId"]))
		}
		now := a.clock.Now()
		if st := c.status(now); st != "CREATED" {
			return conflict("Customer %s is %s; only a CREATED customer can be onboarded", c.ID, st)
		}
		due := now.Add(onboardingDelay)
		o := &Onboarding{ID: uuid.NewString(), RoleType: "CUSTOMER", RoleID: c.ID, Status: "PENDING", CreatedOn: now, DueOn: due}
		p.putOnboarding(o)
		next := *c
		next.Status, next.ActiveOn, next.ModifiedOn = "PENDING", &due, now
		p.indexCustomer(&next)
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
