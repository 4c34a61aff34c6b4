// Package dintero emulates the Dintero Customers API: accounts with their
// API clients and settings, customer users, tags, tokens and token events.
package dintero

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/statelog"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/clock"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/golang-jwt/jwt/v5"
	"github.com/gorilla/mux"
)

const vendorName = "dintero"

// SchemaFile is this API's file in schemas/.
const SchemaFile = "dintero.openapi.json"

// API is the Dintero surface of one sandbox.
type API struct {
	clock   *clock.Clock
	issuer  *jwtauth.Issuer
	schemas *schema.Set
	store   *Store

	outbox   outbox    // messages "sent" (messages.go)
	secrets  *secrets  // MFA tokens, codes, refresh tokens (login.go)
	registry *registry // the external-search registry (registry.go)
}

// New returns an API with no accounts.
func New(c *clock.Clock, issuer *jwtauth.Issuer) (*API, error) {
	set, err := schema.Embedded(SchemaFile)
	if err != nil {
		return nil, err
	}
	return &API{clock: c, issuer: issuer, schemas: set, store: newStore(), secrets: newSecrets(), registry: &registry{}}, nil
}

// Schemas returns the compiled operations, for validating responses in tests.
func (a *API) Schemas() *schema.Set { return a.schemas }

// Store is the accounts' state, for the state file.
func (a *API) Store() *Store { return a.store }

// handlers is the Dintero handler table, keyed by the operationIds of
// schemas/dintero.openapi.json; who may call each operation (the scopes, any one of
// which grants access, §2 of the spec notes) is in the document.
func (a *API) handlers() api.Handlers {
	return api.Handlers{
		"auth_token_post":                           a.handleToken,
		"aid_customers_get":                         a.handleCustomerList,
		"aid_customers_post":                        a.handleCustomerCreate,
		"aid_customers_head":                        a.handleCustomerHead,
		"aid_customers_cid_get":                     a.handleCustomerGet,
		"aid_customers_cid_put":                     a.handleCustomerUpdate,
		"aid_customers_cid_delete":                  a.handleCustomerDelete,
		"aid_customers_cid_change_customer_id_post": a.handleChangeCustomerID,
		"aid_customers_cid_verify_get":              a.handleCommunication,
		"aid_customers_cid_verify_post":             a.handleVerify,
		"aid_customers_cid_tags_get":                a.handleCustomerTags,
		"aid_customers_cid_tags_put":                a.handleCustomerTagsSet,
		"aid_customers_cid_tokens_get":              a.handleTokenList,
		"aid_customers_cid_tokens_post":             a.handleTokenCreate,
		"aid_customers_cid_tokens_tid_delete":       a.handleTokenDelete,
		"aid_customers_tokens_events_get":           a.handleEventsList,
		"aid_customers_tokens_events_post":          a.handleEventsFind,
		"aid_customers_tokens_events_delete":        a.handleEventsDelete,
		"aid_customers_tags_get":                    a.handleTagList,
		"aid_customers_tags_post":                   a.handleTagCreate,
		"aid_customers_tags_tid_delete":             a.handleTagDelete,
		"aid_customers_terms_get":                   a.handleTermsList,
		"aid_customers_terms_post":                  a.handleTermsCreate,
		"aid_customers_terms_tid_post":              a.handleTermsGet,
		"aid_customers_terms_tid_delete":            a.handleTermsDelete,
		"aid_customers_atributes_get":               a.handleSettingsGet,
		"aid_customers_atributes_put":               a.handleSettingsPut,
		// Login, locations and external search (decisions D64–D72).
		"aid_customers_login_post":                       a.handleLogin,
		"aid_customers_change_password":                  a.handleChangePassword,
		"aid_customers_mfa_login_post":                   a.handleMFALogin,
		"aid_customers_mfa_login_initiate_recovery_post": a.handleMFARecovery,
		"aid_company_departments_get":                    a.handleDepartments,
		"aid_locations_get":                              a.handleLocationList,
		"aid_location_post":                              a.handleLocationCreate,
		"aid_locations_lid_get":                          a.handleLocationGet,
		"aid_location_lid_put":                           a.handleLocationUpdate,
		"aid_location_lid_delete":                        a.handleLocationDelete,
		"aid_get_external_organizations":                 a.handleOrganization,
		"aid_get_external_organization_subunits":         a.handleSubunits,
		"aid_search_external_postal_place":               a.handlePostalPlace,
		"aid_search_external_validate_address":           a.handleValidateAddress,
		"aid_search_external_organizations_country":      a.handleRegistrySearch,
	}
}

// Name is the API's name: its fixture and state-file section, its
// metrics label.
func (a *API) Name() string { return Section }

// Title is the API's name for people.
func (a *API) Title() string { return "Dintero" }

// Owns reports whether path is Dintero's: everything under /v1/.
func (a *API) Owns(path string) bool { return strings.HasPrefix(path, "/v1/") }

// Handlers is the handler table of the document's operations.
func (a *API) Handlers() api.Handlers { return a.handlers() }

// Pipeline is what the request pipeline needs: authentication, the error
// shape, the usual headers.
func (a *API) Pipeline() api.Vendor { return vendor{a} }

// ResetParam is the query parameter of POST /_sandbox/reset naming one of
// this API's tenants.
func (a *API) ResetParam() string { return "account" }

// TenantLabel prefixes a tenant's id on the start-up line.
func (a *API) TenantLabel() string { return "/v1/accounts/" }

// StateStore is the store the state file keeps.
func (a *API) StateStore() statelog.Store { return a.store }

// Operation returns the operation id of the Dintero route matching method
// and path, for validating a response against its schema.
func (a *API) Operation(r *mux.Router, req *http.Request) string {
	var m mux.RouteMatch
	if r.Match(req, &m) && m.Route != nil {
		return m.Route.GetName()
	}
	return ""
}

func pathVar(r *http.Request, name string) string {
	v := api.Vars(r)[name]
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}

func jwtClaims(sub, aud string) jwt.RegisteredClaims {
	return jwt.RegisteredClaims{Subject: sub, Audience: jwt.ClaimStrings{aud}, Issuer: "customers-api-sandbox"}
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		return int64(n), true
	case fmt.Stringer:
		i, err := strconv.ParseInt(n.String(), 10, 64)
		return i, err == nil
	}
	return 0, false
}

var accountID = regexp.MustCompile(`^[PT]\d{8}$`)

// Counts are the numbers of records held, by kind, across accounts.
func (a *API) Counts() map[string]int {
	out := map[string]int{"accounts": 0, "customers": 0, "tags": 0, "terms": 0, "tokens": 0, "token_event_records": 0, "locations": 0}
	for _, id := range a.store.IDs() {
		_ = a.store.View(id, func(acc *Account) error {
			out["accounts"]++
			out["customers"] += len(acc.customers)
			out["tags"] += len(acc.tags)
			out["terms"] += len(acc.terms)
			out["tokens"] += len(acc.tokens)
			out["token_event_records"] += len(acc.records)
			out["locations"] += len(acc.locations)
			return nil
		})
	}
	return out
}

// Clients lists each account's API clients: account id → client id →
// secret. It only reads the store.
func (a *API) Clients() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, id := range a.store.IDs() {
		_ = a.store.View(id, func(acc *Account) error {
			m := make(map[string]string, len(acc.Clients))
			for cid, c := range acc.Clients {
				m[cid] = c.Secret
			}
			out[id] = m
			return nil
		})
	}
	return out
}
