package tradevest

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// ViewKinds are the record lists the dashboard shows of a partner, in
// order.
var ViewKinds = []string{"natural_persons", "legal_entities", "joint_persons", "customers", "onboardings"}

// ViewClients returns the clients of partner id sorted by id, and whether
// the partner exists. It only reads the store.
func (a *API) ViewClients(id string) ([]Client, bool) {
	out, err := store.Get(a.store, id, func(p *Partner) ([]Client, error) {
		return slices.SortedFunc(maps.Values(p.Clients), func(x, y Client) int { return strings.Compare(x.ID, y.ID) }), nil
	})
	return out, err == nil
}

// ViewSizes are how many records of each ViewKinds partner id holds.
func (a *API) ViewSizes(id string) map[string]int {
	out := map[string]int{}
	_ = a.store.View(id, func(p *Partner) error {
		for _, k := range kinds {
			out[k.fixtureKey] = p.entityOrder[k.entityType].Len()
		}
		out["customers"], out["onboardings"] = len(p.customers), len(p.onboardings)
		return nil
	})
	return out
}

// View calls visit with every record of partner id, oldest first per kind,
// rendered as the API answers it at now (statuses judged on the sandbox
// clock, as GET shows them before the next write stores them). about is
// always nil (Tradevest's JSON names everything); visit returning false
// stops. It reports whether the partner exists. It only reads the store.
func (a *API) View(id string, now time.Time, visit func(kind string, item map[string]any, about map[string]string) bool) bool {
	err := a.store.View(id, func(p *Partner) error {
		for _, k := range kinds {
			for eid := range p.entityOrder[k.entityType].Ascend(nil) {
				if !visit(k.fixtureKey, p.renderEntity(p.entities[eid], now), nil) {
					return nil
				}
			}
		}
		for cid := range p.customerOrder.Ascend(nil) {
			if !visit("customers", p.renderCustomer(p.customers[cid], now), nil) {
				return nil
			}
		}
		obs := make([]*Onboarding, 0, len(p.onboardings))
		for _, o := range p.onboardings {
			obs = append(obs, o)
		}
		sort.Slice(obs, func(i, j int) bool {
			if !obs[i].CreatedOn.Equal(obs[j].CreatedOn) {
				return obs[i].CreatedOn.Before(obs[j].CreatedOn)
			}
			return obs[i].ID < obs[j].ID
		})
		for _, o := range obs {
			if !visit("onboardings", o.render(now), nil) {
				return nil
			}
		}
		return nil
	})
	return err == nil
}
