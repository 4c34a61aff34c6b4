package dintero

import "github.com/customers-api/sandbox/sandbox/internal/api"

// notEmulated lists the routes Dintero documents in its Customers API
// (endpoint table, rows 27–39) that the sandbox does not emulate: each
// answers 501 {"error": {"code": "NOT_IMPLEMENTED", "message": …}} naming
// the route. A route that gets emulated moves to routes() and leaves this
// table (a test checks that no entry is shadowed by a real route).
var notEmulated = []api.NotEmulated{
	// Customer login, password reset and MFA (rows 27–30).
	{Method: "POST", Path: "/v1/accounts/{aid}/customers/login"},
	{Method: "POST", Path: "/v1/accounts/{aid}/customers/change_password"},
	{Method: "POST", Path: "/v1/accounts/{aid}/customers/mfa_login"},
	{Method: "POST", Path: "/v1/accounts/{aid}/customers/mfa_login_recovery"},
	// Company departments (row 31).
	{Method: "GET", Path: "/v1/accounts/{aid}/customers/company/departments"},
	// Sales locations (rows 32–34).
	{Method: "GET", Path: "/v1/accounts/{aid}/locations"},
	{Method: "POST", Path: "/v1/accounts/{aid}/locations"},
	{Method: "GET", Path: "/v1/accounts/{aid}/locations/{lid}"},
	{Method: "PUT", Path: "/v1/accounts/{aid}/locations/{lid}"},
	{Method: "DELETE", Path: "/v1/accounts/{aid}/locations/{lid}"},
	// External registry and address search (rows 35–39).
	{Method: "GET", Path: "/v1/accounts/{aid}/search/external/organizations/{country}"},
	{Method: "GET", Path: "/v1/accounts/{aid}/search/external/organizations/{country}/{organization_number}"},
	{Method: "GET", Path: "/v1/accounts/{aid}/search/external/organizations/{country}/{organization_number}/subunits"},
	{Method: "GET", Path: "/v1/accounts/{aid}/search/external/postal_place/{country}/{postal_code}"},
	{Method: "POST", Path: "/v1/accounts/{aid}/search/external/address/{country}/validate"},
}

// NotEmulated lists the documented Dintero routes the sandbox answers
// with 501.
func (a *API) NotEmulated() []api.NotEmulated { return notEmulated }
