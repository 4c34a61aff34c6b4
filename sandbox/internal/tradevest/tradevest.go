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
	"github.com/customers-api/sandbox/sandbox/internal/statelog"
)

const vendorName = "tradevest"

// SchemaFile is this API's file in schemas/.
const SchemaFile = "tradevest.openapi.json"

// Section is the key of this API's fixture section.
const Section = "tradevest"

// API is the Tradevest surface of one sandbox.
type API struct {
	clock   *clock.Clock
	issuer  *jwtauth.Issuer
	schemas *schema.Set
	store   *Store
	hooks   webhookRuntime // webhook deliveries (delivery.go)
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

// handlers is the Tradevest handler table, keyed by the operationIds of
// schemas/tradevest.openapi.json. Every operation but the token endpoint
// needs a bearer token; there are no scopes (a partner's client may do
// everything with its partner's data).
func (a *API) handlers() api.Handlers {
	h := api.Handlers{
		"token_post":             a.handleToken,
		"customers_post":         a.handleCustomerCreate,
		"customers_list":         a.handleCustomerList,
		"customers_get":          a.handleCustomerGet,
		"customers_patch":        a.handleCustomerPatch,
		"customer_labels_list":   a.handleLabelList,
		"customer_labels_rename": a.handleLabelRename,
		"customer_labels_delete": a.handleLabelDelete,
		"customer_labels_add":    a.handleLabelAdd,
		"onboardings_post":       a.handleOnboardingCreate,
		"onboardings_get":        a.handleOnboardingGet,

		"proxies_post":                      a.handleProxyCreate,
		"proxies_list":                      a.handleProxyList,
		"proxies_get":                       a.handleProxyGet,
		"proxies_patch":                     a.handleProxyPatch,
		"offboardings_post":                 a.handleOffboardingCreate,
		"offboardings_delete":               a.handleOffboardingDelete,
		"webhooks_post":                     a.handleWebhookCreate,
		"webhooks_list":                     a.handleWebhookList,
		"webhooks_get":                      a.handleWebhookGet,
		"webhooks_delete":                   a.handleWebhookDelete,
		"webhooks_missing":                  a.handleWebhooksMissing,
		"entities_search":                   a.handleEntitySearch,
		"legal_representatives_post":        a.handleRelatedCreate("LEGAL_REPRESENTATIVE"),
		"legal_representatives_list":        a.handleLegalRepList,
		"legal_representatives_get":         a.handleRelatedGet("LEGAL_REPRESENTATIVE"),
		"legal_representatives_patch":       a.handleRelatedPatch("LEGAL_REPRESENTATIVE"),
		"legal_representatives_delete":      a.handleLegalRepDelete,
		"beneficial_owners_post":            a.handleRelatedCreate("BENEFICIAL_OWNER"),
		"beneficial_owners_get":             a.handleRelatedGet("BENEFICIAL_OWNER"),
		"beneficial_owners_patch":           a.handleRelatedPatch("BENEFICIAL_OWNER"),
		"entity_onboardings_post":           a.handleEntityOnboardingCreate,
		"natural_persons_identification":    a.handleIdentification,
		"documents_post":                    a.handleDocumentCreate,
		"identification_verifications_post": a.handleVerificationCreate,
		"identification_verifications_list": a.handleVerificationList,
		"identification_verifications_get":  a.handleVerificationGet,
	}
	for _, k := range kinds {
		h[k.op+"_post"] = a.handleEntityCreate(k)
		h[k.op+"_list"] = a.handleEntityList(k)
		h[k.op+"_get"] = a.handleEntityGet(k)
		h[k.op+"_patch"] = a.handleEntityPatch(k)
	}
	return h
}

// Name is the API's name: its fixture and state-file section, its
// metrics label.
func (a *API) Name() string { return Section }

// Title is the API's name for people.
func (a *API) Title() string { return "Tradevest" }

// Owns reports whether path is Tradevest's: Tradevest serves at the root,
// so every path the vendors before it in the sandbox's list leave.
func (a *API) Owns(string) bool { return true }

// Handlers is the handler table of the document's operations.
func (a *API) Handlers() api.Handlers { return a.handlers() }

// Pipeline is what the request pipeline needs: authentication, the error
// shape, the usual headers.
func (a *API) Pipeline() api.Vendor { return vendor{a} }

// ResetParam is the query parameter of POST /_sandbox/reset naming one of
// this API's tenants.
func (a *API) ResetParam() string { return "partner" }

// TenantLabel prefixes a tenant's id on the start-up line.
func (a *API) TenantLabel() string { return "partner " }

// StateStore is the store the state file keeps.
func (a *API) StateStore() statelog.Store { return a.store }

func violation(field, code, msg string) schema.Violation {
	return schema.Violation{In: "body", Field: field, Code: code, Message: msg}
}

// Counts are the numbers of records held, by kind, across partners.
func (a *API) Counts() map[string]int {
	out := map[string]int{"partners": 0, "entities": 0, "customers": 0, "onboardings": 0, "proxies": 0, "offboardings": 0, "webhooks": 0}
	for _, id := range a.store.IDs() {
		_ = a.store.View(id, func(p *Partner) error {
			out["partners"]++
			out["entities"] += len(p.entities)
			out["customers"] += len(p.customers)
			out["onboardings"] += len(p.onboardings)
			out["proxies"] += len(p.proxies)
			out["offboardings"] += len(p.offboardings)
			out["webhooks"] += len(p.webhooks)
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
