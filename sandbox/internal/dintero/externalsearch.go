package dintero

import (
	"net/http"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/api"
)

// Texts of the external-search 404s.
const (
	MsgOrganizationNotFound = "Organization not found"
	MsgPostalPlaceNotFound  = "Postal place not found"
	MsgNoAddressData        = "No address data for the country"
)

// The external-search routes answer from the registry (registry.go). The
// vendor lists the scope "public" for them: decision D72 reads it as any
// valid token of the account (the document's security is a bearer token
// of any scope).

func (o *regOrg) render() map[string]any {
	out := map[string]any{"organization_number": o.Number, "business_name": o.Name}
	if o.Business != nil {
		out["business_address"] = o.Business.render()
	}
	if o.Registry != nil {
		out["registry_address"] = o.Registry.render()
	}
	if o.OfficeType != "" {
		out["office_type"] = o.OfficeType
	}
	return out
}

// renderNorway is the SearchExternalOrganizationNorwayResult of o.
func (o *regOrg) renderNorway() map[string]any {
	out := o.render()
	delete(out, "office_type")
	out["response_from"], out["organization_type"] = "enhetsregisteret", o.Type
	for k, v := range map[string]string{"phone_number": o.Phone, "email": o.Email, "website_url": o.Website} {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

// handleOrganization is GET /search/external/organizations/{country}/{organization_number}:
// {items: [...]}, one per registered address of the number (spaces, dots
// and a trailing MVA are ignored); an unknown number is a 404.
func (a *API) handleOrganization(r *api.Request) (*api.Response, error) {
	country, number := strings.ToUpper(r.Path("country")), normOrg(r.Path("organization_number"))
	items := []any{}
	a.registry.mu.RLock()
	for _, o := range a.registry.orgs {
		if o.Country == country && normOrg(o.Number) == number {
			items = append(items, o.render())
		}
	}
	a.registry.mu.RUnlock()
	if len(items) == 0 {
		return nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgOrganizationNotFound)
	}
	return api.JSON(http.StatusOK, map[string]any{"items": items}), nil
}

// handleSubunits is GET …/organizations/{country}/{organization_number}/subunits
// (2026-02-13): the registered units whose parent is the number; an
// unknown number is a 404, a known one without subunits an empty list.
func (a *API) handleSubunits(r *api.Request) (*api.Response, error) {
	country, number := strings.ToUpper(r.Path("country")), normOrg(r.Path("organization_number"))
	items := []any{}
	known := false
	a.registry.mu.RLock()
	for _, o := range a.registry.orgs {
		if o.Country != country {
			continue
		}
		known = known || normOrg(o.Number) == number
		if o.Parent != "" && normOrg(o.Parent) == number {
			items = append(items, o.render())
		}
	}
	a.registry.mu.RUnlock()
	if !known {
		return nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgOrganizationNotFound)
	}
	return api.JSON(http.StatusOK, map[string]any{"items": items}), nil
}

// handlePostalPlace is GET /search/external/postal_place/{country}/{postal_code}.
func (a *API) handlePostalPlace(r *api.Request) (*api.Response, error) {
	country, code := strings.ToUpper(r.Path("country")), strings.TrimSpace(r.Path("postal_code"))
	a.registry.mu.RLock()
	defer a.registry.mu.RUnlock()
	for _, p := range a.registry.postal {
		if p.Country == country && p.Code == code {
			return api.JSON(http.StatusOK, map[string]any{"country": p.Country, "postal_code": p.Code, "postal_place": p.Place}), nil
		}
	}
	return nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgPostalPlaceNotFound)
}

// maxAlternatives bounds the alternatives of an address validation.
const maxAlternatives = 5

// handleValidateAddress is POST /search/external/address/{country}/validate.
// Decision D72: an address is valid when the registry holds one of the
// country with the same address line (case and spacing aside), the same
// postal code when one is sent, and the same postal place (case aside).
// Otherwise the alternatives are the registry's addresses on the same
// street (the line without its house number) or with the same postal
// code, at most 5. A body country other than the path's is a 400; a
// country the registry has no addresses for is a 404; no body is simply
// not valid.
func (a *API) handleValidateAddress(r *api.Request) (*api.Response, error) {
	country, body := strings.ToUpper(r.Path("country")), bodyMap(r)
	if c := str(body["country"]); c != "" && !strings.EqualFold(c, country) {
		return nil, badField("country", "the body's country %s is not the path's %s", c, country)
	}
	line, code, place := normLine(str(body["address_line"])), strings.TrimSpace(str(body["postal_code"])), str(body["postal_place"])
	a.registry.mu.RLock()
	defer a.registry.mu.RUnlock()
	alternatives := []any{}
	known := false
	for _, ad := range a.registry.address {
		if ad.Country != country {
			continue
		}
		known = true
		if body == nil {
			continue
		}
		sameLine := normLine(ad.AddressLine) == line
		if sameLine && (code == "" || ad.PostalCode == code) && strings.EqualFold(ad.PostalPlace, strings.TrimSpace(place)) {
			return api.JSON(http.StatusOK, map[string]any{"valid": true, "alternatives": []any{}}), nil
		}
		if len(alternatives) < maxAlternatives && (sameLine || street(ad.AddressLine) == street(line) || (code != "" && ad.PostalCode == code)) {
			alternatives = append(alternatives, ad.render())
		}
	}
	if !known {
		return nil, api.Errorf(http.StatusNotFound, CodeNotFound, "%s %s", MsgNoAddressData, country)
	}
	return api.JSON(http.StatusOK, map[string]any{"valid": false, "alternatives": alternatives}), nil
}

// street is an address line without its house number: "karl johans gate 1"
// → "karl johans gate".
func street(line string) string {
	f := strings.Fields(strings.ToLower(line))
	for len(f) > 1 && strings.ContainsAny(f[len(f)-1][:1], "0123456789") {
		f = f[:len(f)-1]
	}
	return strings.Join(f, " ")
}

// handleRegistrySearch is GET /search/external/organizations/{country}
// (formerly …/organizations/no): the company registry ("enhetsregisteret")
// by name (case-insensitive, every word of the query starts a word of the
// name) and/or organization number; one of them is required (400). Main
// units and subunits alike, in registry order, at most limit.
func (a *API) handleRegistrySearch(r *api.Request) (*api.Response, error) {
	country := strings.ToUpper(r.Path("country"))
	name, number := strings.Fields(strings.ToLower(r.QueryString("name"))), normOrg(r.QueryString("organization_number"))
	if len(name) == 0 && number == "" {
		return nil, badRequest("name or organization_number is required")
	}
	limit := r.QueryInt("limit", 10)
	out := []any{}
	seen := map[string]bool{} // an organization once, however many addresses it has
	a.registry.mu.RLock()
	defer a.registry.mu.RUnlock()
	for _, o := range a.registry.orgs {
		if len(out) >= limit {
			break
		}
		if o.Country != country || (number != "" && normOrg(o.Number) != number) || !wordsMatch(o.Name, name) || seen[normOrg(o.Number)] {
			continue
		}
		seen[normOrg(o.Number)] = true
		out = append(out, o.renderNorway())
	}
	return api.JSON(http.StatusOK, out), nil
}

// wordsMatch reports whether every query word starts a word of name.
func wordsMatch(name string, query []string) bool {
	words := strings.Fields(strings.ToLower(name))
	for _, q := range query {
		hit := false
		for _, w := range words {
			hit = hit || strings.HasPrefix(w, q)
		}
		if !hit {
			return false
		}
	}
	return true
}
