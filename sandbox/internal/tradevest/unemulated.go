package tradevest

import "github.com/customers-api/sandbox/sandbox/internal/api"

// notEmulated lists the routes Tradevest documents around the roles and
// entities the sandbox serves that it does not emulate: each answers 501
// as an ErrorMessage with errorCode NOT_IMPLEMENTED (responseType
// NOT_IMPLEMENTED, as Tradevest's own 501s) naming the route. A route that
// gets emulated moves to routes() and leaves this table (a test checks that
// no entry is shadowed by a real route).
var notEmulated = []api.NotEmulated{
	// All entities.
	{Method: "GET", Path: "/entities"},
	// Identification of natural persons.
	{Method: "POST", Path: "/entities/natural-persons/{naturalPersonId}/identification"},
	{Method: "POST", Path: "/entities/identification-verifications"},
	// Legal representatives and beneficial owners of a legal entity.
	{Method: "POST", Path: "/entities/{legalEntityId}/legal-representatives"},
	{Method: "GET", Path: "/entities/{legalEntityId}/legal-representatives"},
	{Method: "GET", Path: "/entities/legal-representatives/{legalRepresentativeId}"},
	{Method: "PATCH", Path: "/entities/legal-representatives/{legalRepresentativeId}"},
	{Method: "DELETE", Path: "/entities/legal-representatives/{legalRepresentativeId}"},
	{Method: "POST", Path: "/entities/{legalEntityId}/beneficial-owners"},
	{Method: "GET", Path: "/entities/beneficial-owners/{beneficialOwnerId}"},
	{Method: "PATCH", Path: "/entities/beneficial-owners/{beneficialOwnerId}"},
	{Method: "POST", Path: "/entities/onboardings"},
	// Legal-entity lookup at a data vendor.
	{Method: "GET", Path: "/entities/vendor/legal-entities"},
	{Method: "POST", Path: "/entities/vendor/legal-entities"},
	{Method: "GET", Path: "/entities/vendor/legal-entities/{searchId}"},
	// Proxies.
	{Method: "POST", Path: "/roles/proxies"},
	{Method: "GET", Path: "/roles/proxies"},
	{Method: "GET", Path: "/roles/proxies/{proxyId}"},
	{Method: "PATCH", Path: "/roles/proxies/{proxyId}"},
	// Offboardings.
	{Method: "POST", Path: "/roles/offboardings"},
	{Method: "DELETE", Path: "/roles/offboardings/{offboardingId}"},
	// Webhooks.
	{Method: "POST", Path: "/webhooks"},
	{Method: "GET", Path: "/webhooks"},
	{Method: "GET", Path: "/webhooks/{eventType}"},
	{Method: "DELETE", Path: "/webhooks/{eventType}"},
	{Method: "GET", Path: "/webhooks-missing"},
	// Documents (the Requestor-ID rules name it among the customer-context calls).
	{Method: "POST", Path: "/v2/documents"},
}

// NotEmulated lists the documented Tradevest routes the sandbox answers
// with 501.
func (a *API) NotEmulated() []api.NotEmulated { return notEmulated }
