// Package dintero emulates the Dintero Customers API: accounts with their
// API clients and settings, customer users, tags, tokens and token events.
package dintero

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/clock"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/golang-jwt/jwt/v5"
	"github.com/gorilla/mux"
)

const vendorName = "dintero"

// SchemaFile is this API's file in schemas/.
const SchemaFile = "dintero.json"

// API is the Dintero surface of one sandbox.
type API struct {
	clock   *clock.Clock
	issuer  *jwtauth.Issuer
	schemas *schema.Set
	store   *Store
}

// New returns an API with no accounts.
func New(c *clock.Clock, issuer *jwtauth.Issuer) (*API, error) {
	set, err := schema.Embedded(SchemaFile)
	if err != nil {
		return nil, err
	}
	return &API{clock: c, issuer: issuer, schemas: set, store: newStore()}, nil
}

// Schemas returns the compiled operations, for validating responses in tests.
func (a *API) Schemas() *schema.Set { return a.schemas }

// Store is the accounts' state, for the state file.
func (a *API) Store() *Store { return a.store }

// routes is the whole Dintero surface: method, path, operation and scopes
// (any one of them grants access; §2 of the spec notes).
func (a *API) routes() []api.Route {
	const acc = "/v1/accounts/{aid}"
	admin, read, write := scopeAdmin, scopeRead, scopeWrite
	return []api.Route{
		{Method: "POST", Path: acc + "/auth/token", Op: "auth_token_post", Public: true, Handle: a.handleToken},

		{Method: "GET", Path: acc + "/customers/users", Op: "aid_customers_get", Scopes: []string{admin, read}, Handle: a.handleCustomerList},
		{Method: "POST", Path: acc + "/customers/users", Op: "aid_customers_post", Scopes: []string{admin, write, "create:customers:/users"}, Handle: a.handleCustomerCreate},
		{Method: "HEAD", Path: acc + "/customers/users", Op: "aid_customers_head", Scopes: []string{admin, read, "public:customers"}, Handle: a.handleCustomerHead},
		{Method: "GET", Path: acc + "/customers/users/{customer_id}", Op: "aid_customers_cid_get", Scopes: []string{admin, read, scopeUser, scopeUserLimit}, Handle: a.handleCustomerGet},
		{Method: "PUT", Path: acc + "/customers/users/{customer_id}", Op: "aid_customers_cid_put", Scopes: []string{admin, write, scopeUser}, Handle: a.handleCustomerUpdate},
		{Method: "DELETE", Path: acc + "/customers/users/{customer_id}", Op: "aid_customers_cid_delete", Scopes: []string{admin, write, scopeUser}, Handle: a.handleCustomerDelete},
		{Method: "POST", Path: acc + "/customers/users/{customer_id}/change_customer_id", Op: "aid_customers_cid_change_customer_id_post", Scopes: []string{admin, "admin:accounts"}, Handle: a.handleChangeCustomerID},
		{Method: "GET", Path: acc + "/customers/users/{customer_id}/communication", Op: "aid_customers_cid_verify_get", Scopes: []string{admin, read, scopeUser}, Handle: a.handleCommunication},
		{Method: "POST", Path: acc + "/customers/users/{customer_id}/communication/{operation}/{field}", Op: "aid_customers_cid_verify_post", Scopes: []string{admin, write, scopeUser}, Handle: a.handleVerify},
		{Method: "GET", Path: acc + "/customers/users/{customer_id}/tags", Op: "aid_customers_cid_tags_get", Scopes: []string{admin, read, scopeUser}, Handle: a.handleCustomerTags},
		{Method: "PUT", Path: acc + "/customers/users/{customer_id}/tags", Op: "aid_customers_cid_tags_put", Scopes: []string{admin, write, scopeUser}, Handle: a.handleCustomerTagsSet},
		{Method: "GET", Path: acc + "/customers/users/{customer_id}/tokens", Op: "aid_customers_cid_tokens_get", Scopes: []string{admin, read, scopeUser}, Handle: a.handleTokenList},
		{Method: "POST", Path: acc + "/customers/users/{customer_id}/tokens", Op: "aid_customers_cid_tokens_post", Scopes: []string{admin, write, scopeUser}, Handle: a.handleTokenCreate},
		{Method: "DELETE", Path: acc + "/customers/users/{customer_id}/tokens/{tid}", Op: "aid_customers_cid_tokens_tid_delete", Scopes: []string{admin, write, scopeUser}, Handle: a.handleTokenDelete},

		{Method: "GET", Path: acc + "/customers/tokens/events", Op: "aid_customers_tokens_events_get", Scopes: []string{admin, read}, Handle: a.handleEventsList},
		{Method: "POST", Path: acc + "/customers/tokens/events", Op: "aid_customers_tokens_events_post", Scopes: []string{admin, write}, Handle: a.handleEventsFind},
		{Method: "DELETE", Path: acc + "/customers/tokens/events", Op: "aid_customers_tokens_events_delete", Scopes: []string{admin, write}, Handle: a.handleEventsDelete},

		{Method: "GET", Path: acc + "/customers/tags", Op: "aid_customers_tags_get", Scopes: []string{admin, read}, Handle: a.handleTagList},
		{Method: "POST", Path: acc + "/customers/tags", Op: "aid_customers_tags_post", Scopes: []string{admin, write}, Handle: a.handleTagCreate},
		{Method: "DELETE", Path: acc + "/customers/tags/{tag_id}", Op: "aid_customers_tags_tid_delete", Scopes: []string{admin, write}, Handle: a.handleTagDelete},

		{Method: "GET", Path: acc + "/customers/terms", Op: "aid_customers_terms_get", Scopes: []string{admin, read, "public:customers"}, Handle: a.handleTermsList},
		{Method: "POST", Path: acc + "/customers/terms", Op: "aid_customers_terms_post", Scopes: []string{admin, write}, Handle: a.handleTermsCreate},
		{Method: "GET", Path: acc + "/customers/terms/{tid}", Op: "aid_customers_terms_tid_post", Scopes: []string{admin, read, "public:customers"}, Handle: a.handleTermsGet},
		{Method: "DELETE", Path: acc + "/customers/terms/{tid}", Op: "aid_customers_terms_tid_delete", Scopes: []string{admin, write}, Handle: a.handleTermsDelete},

		{Method: "GET", Path: acc + "/customers/settings", Op: "aid_customers_atributes_get", Scopes: []string{admin, read, "public:customers"}, Handle: a.handleSettingsGet},
		{Method: "PUT", Path: acc + "/customers/settings", Op: "aid_customers_atributes_put", Scopes: []string{admin, write}, Handle: a.handleSettingsPut},
	}
}

// Mount registers the Dintero routes on r, then the documented routes the
// sandbox does not emulate (501; real routes win, being first).
func (a *API) Mount(r *mux.Router) error {
	if err := api.Mount(r, vendor{a}, a.schemas, a.routes()); err != nil {
		return err
	}
	api.MountNotEmulated(r, vendor{a}, "Dintero", notEmulated)
	return nil
}

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
	v := mux.Vars(r)[name]
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
	out := map[string]int{"accounts": 0, "customers": 0, "tags": 0, "terms": 0, "tokens": 0, "token_event_records": 0}
	for _, id := range a.store.IDs() {
		_ = a.store.View(id, func(acc *Account) error {
			out["accounts"]++
			out["customers"] += len(acc.customers)
			out["tags"] += len(acc.tags)
			out["terms"] += len(acc.terms)
			out["tokens"] += len(acc.tokens)
			out["token_event_records"] += len(acc.records)
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
