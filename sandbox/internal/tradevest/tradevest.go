// Package tradevest emulates Tradevest's roles API: partners with their
// API clients, the entities a role needs (natural persons, legal entities,
// joint persons), customer roles, customer labels and onboardings, at the
// root paths Tradevest uses.
package tradevest

import (
	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/clock"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/gorilla/mux"
)

const vendorName = "tradevest"

// SchemaFile is this API's file in schemas/.
const SchemaFile = "tradevest.json"

// Section is the key of this API's fixture section.
const Section = "tradevest"

// API is the Tradevest surface of one sandbox.
type API struct {
	clock   *clock.Clock
	issuer  *jwtauth.Issuer
	schemas *schema.Set
	store   *Store
}

// New returns an API with no partners.
func New(c *clock.Clock, issuer *jwtauth.Issuer) (*API, error) {
	set, err := schema.Embedded(SchemaFile)
	if err != nil {
		return nil, err
	}
	return &API{clock: c, issuer: issuer, schemas: set, store: newStore()}, nil
}

// Schemas returns the compiled operations, for validating responses in tests.
func (a *API) Schemas() *schema.Set { return a.schemas }

// Store is the partners' state, for the state file.
func (a *API) Store() *Store { return a.store }

// routes is the whole Tradevest surface. Every route but the token
// endpoints needs a bearer token; there are no scopes (a partner's client
// may do everything with its partner's data).
func (a *API) routes() []api.Route {
	routes := []api.Route{
		{Method: "POST", Path: "/oauth2/token", Op: "token_post", Public: true, RawBody: true, Handle: a.handleToken},
		{Method: "POST", Path: "/connect/token", Op: "token_post", Public: true, RawBody: true, Handle: a.handleToken},

		{Method: "POST", Path: "/roles/customers", Op: "customers_post", Handle: a.handleCustomerCreate},
		{Method: "GET", Path: "/roles/customers", Op: "customers_list", Handle: a.handleCustomerList},
		{Method: "GET", Path: "/roles/customers/{customerId}", Op: "customers_get", Handle: a.handleCustomerGet},
		{Method: "PATCH", Path: "/roles/customers/{customerId}", Op: "customers_patch", Handle: a.handleCustomerPatch},

		{Method: "GET", Path: "/roles/customer-labels", Op: "customer_labels_list", Handle: a.handleLabelList},
		{Method: "PATCH", Path: "/roles/customer-labels/{labelName}", Op: "customer_labels_rename", Handle: a.handleLabelRename},
		{Method: "DELETE", Path: "/roles/customer-labels/{labelName}", Op: "customer_labels_delete", Handle: a.handleLabelDelete},
		{Method: "PATCH", Path: "/roles/customer-labels/{labelName}/customers", Op: "customer_labels_add", Handle: a.handleLabelAdd},

		{Method: "POST", Path: "/roles/onboardings", Op: "onboardings_post", Handle: a.handleOnboardingCreate},
		{Method: "GET", Path: "/roles/onboardings/{onboardingId}", Op: "onboardings_get", Handle: a.handleOnboardingGet},
	}
	for _, k := range kinds {
		routes = append(routes, a.entityRoutes(k)...)
	}
	return routes
}

// Mount registers the Tradevest routes on r, then the documented routes
// the sandbox does not emulate (501; real routes win, being first).
func (a *API) Mount(r *mux.Router) error {
	if err := api.Mount(r, vendor{a}, a.schemas, a.routes()); err != nil {
		return err
	}
	api.MountNotEmulated(r, vendor{a}, "Tradevest", notEmulated)
	return nil
}

type schemaViolation = schema.Violation

func violation(field, code, msg string) schema.Violation {
	return schema.Violation{In: "body", Field: field, Code: code, Message: msg}
}

// Counts are the numbers of records held, by kind, across partners.
func (a *API) Counts() map[string]int {
	out := map[string]int{"partners": 0, "entities": 0, "customers": 0, "onboardings": 0}
	for _, id := range a.store.IDs() {
		_ = a.store.View(id, func(p *Partner) error {
			out["partners"]++
			out["entities"] += len(p.entities)
			out["customers"] += len(p.customers)
			out["onboardings"] += len(p.onboardings)
			return nil
		})
	}
	return out
}

// Clients lists each partner's API clients: partner id → client id →
// secret. It only reads the store.
func (a *API) Clients() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, id := range a.store.IDs() {
		_ = a.store.View(id, func(p *Partner) error {
			m := make(map[string]string, len(p.Clients))
			for cid, c := range p.Clients {
				m[cid] = c.Secret
			}
			out[id] = m
			return nil
		})
	}
	return out
}
