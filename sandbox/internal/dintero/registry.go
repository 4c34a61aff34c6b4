package dintero

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"gopkg.in/yaml.v3"
)

// The external-search registry (rows 35–39): a small set of organizations,
// postal places and addresses the sandbox answers lookups from, offline and
// deterministically. It is loaded from the fixtures' `dintero: registry:`
// section (fixtures/20-dintero-registry.yaml holds the defaults):
//
//	dintero:
//	  registry:
//	    organizations:
//	      - {country: "NO", organization_number: "123456789", business_name: TKP tech AS,
//	         organization_type: AS, office_type?: head_office, parent?: <number of the main unit>,
//	         business_address?: Address, registry_address?: Address,
//	         phone_number?, email?, website_url?}
//	    postal_places: [{country, postal_code, postal_place}]
//	    addresses:     [{country, address_line, address_line_2?, postal_code, postal_place}]
//
// Decision D72: the registry is reference data, not account state: every
// load adds to it (an entry with the same key replaces the earlier one),
// a reset leaves it alone, and it is neither in GET /_sandbox/state nor in
// the state file (the fixtures load it again at every start).
type registry struct {
	mu      sync.RWMutex
	orgs    []regOrg
	postal  []regPostal
	address []regAddress
}

type regAddress struct {
	Country, AddressLine, AddressLine2, PostalCode, PostalPlace string
}

type regOrg struct {
	Country, Number, Name, Type, OfficeType, Parent string
	Phone, Email, Website                           string
	Business, Registry                              *regAddress
}

type regPostal struct{ Country, Code, Place string }

// render is the Address of a.
func (a *regAddress) render() map[string]any {
	out := map[string]any{"address_line": a.AddressLine, "country": a.Country, "postal_place": a.PostalPlace}
	if a.AddressLine2 != "" {
		out["address_line_2"] = a.AddressLine2
	}
	if a.PostalCode != "" {
		out["postal_code"] = a.PostalCode
	}
	return out
}

// normOrg is an organization number as the registry compares it: without
// spaces or dots, upper case, without a trailing MVA (the VAT suffix).
var orgSpacing = strings.NewReplacer(" ", "", ".", "")

func normOrg(s string) string {
	s = strings.ToUpper(orgSpacing.Replace(s))
	return strings.TrimSuffix(s, "MVA")
}

// normLine is an address line as the registry compares it: lower case,
// single spaces.
func normLine(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

func (o regOrg) key() string {
	line := ""
	if o.Business != nil {
		line = normLine(o.Business.AddressLine)
	}
	return o.Country + "|" + normOrg(o.Number) + "|" + line
}

// registryLoad is what one load adds to the registry.
type registryLoad struct {
	orgs    []regOrg
	postal  []regPostal
	address []regAddress
}

// add installs a load: entries with the key of an earlier one replace it.
// Keys are indexed once per load, not compared pairwise.
func (r *registry) add(l *registryLoad) {
	r.mu.Lock()
	defer r.mu.Unlock()
	orgs := make(map[string]int, len(r.orgs))
	for i, o := range r.orgs {
		orgs[o.key()] = i
	}
	for _, o := range l.orgs {
		if i, ok := orgs[o.key()]; ok {
			r.orgs[i] = o
		} else {
			orgs[o.key()] = len(r.orgs)
			r.orgs = append(r.orgs, o)
		}
	}
	postal := make(map[[2]string]int, len(r.postal))
	for i, p := range r.postal {
		postal[[2]string{p.Country, p.Code}] = i
	}
	for _, p := range l.postal {
		if i, ok := postal[[2]string{p.Country, p.Code}]; ok {
			r.postal[i] = p
		} else {
			postal[[2]string{p.Country, p.Code}] = len(r.postal)
			r.postal = append(r.postal, p)
		}
	}
	addrKey := func(a regAddress) [3]string { return [3]string{a.Country, normLine(a.AddressLine), a.PostalCode} }
	address := make(map[[3]string]int, len(r.address))
	for i, a := range r.address {
		address[addrKey(a)] = i
	}
	for _, a := range l.address {
		if i, ok := address[addrKey(a)]; ok {
			r.address[i] = a
		} else {
			address[addrKey(a)] = len(r.address)
			r.address = append(r.address, a)
		}
	}
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// parseRegistry reads a `registry` node of a fixture into l.
func parseRegistry(file string, n *yaml.Node, l *registryLoad) error {
	if n.Kind != yaml.MappingNode {
		return fixture.Errorf(file, n, "registry must be a mapping with the keys organizations, postal_places, addresses")
	}
	if err := fixture.CheckKeys(file, n, "registry", []string{"organizations", "postal_places", "addresses"}); err != nil {
		return err
	}
	for k, v := range fixture.Pairs(n) {
		if v.Kind != yaml.SequenceNode {
			return fixture.Errorf(file, v, "registry %s must be a list", k.Value)
		}
		for _, item := range v.Content {
			if err := parseRegistryItem(file, k.Value, item, l); err != nil {
				return err
			}
		}
	}
	return nil
}

var registryKeys = map[string][]string{
	"organizations": {"country", "organization_number", "business_name", "organization_type", "office_type", "parent",
		"business_address", "registry_address", "phone_number", "email", "website_url"},
	"postal_places": {"country", "postal_code", "postal_place"},
	"addresses":     {"country", "address_line", "address_line_2", "postal_code", "postal_place"},
}

func parseRegistryItem(file, what string, item *yaml.Node, l *registryLoad) error {
	if item.Kind != yaml.MappingNode {
		return fixture.Errorf(file, item, "each of registry %s must be a mapping", what)
	}
	if err := fixture.CheckKeys(file, item, "registry "+what, registryKeys[what]); err != nil {
		return err
	}
	get := func(key string) string {
		if v := fixture.Field(item, key); v != nil && v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			return strings.TrimSpace(v.Value)
		}
		return ""
	}
	need := func(keys ...string) error {
		for _, k := range keys {
			if get(k) == "" {
				return fixture.Errorf(file, item, "registry %s: %s is required (a string)", what, k)
			}
		}
		if c := get("country"); !countryCode.MatchString(c) {
			return fixture.Errorf(file, item, "registry %s: country %q must be an upper-case ISO 3166-1 alpha-2 code", what, c)
		}
		return nil
	}
	switch what {
	case "organizations":
		if err := need("country", "organization_number", "business_name", "organization_type"); err != nil {
			return err
		}
		o := regOrg{Country: get("country"), Number: get("organization_number"), Name: get("business_name"), Type: get("organization_type"),
			OfficeType: get("office_type"), Parent: get("parent"), Phone: get("phone_number"), Email: get("email"), Website: get("website_url")}
		for _, f := range []struct {
			key string
			dst **regAddress
		}{{"business_address", &o.Business}, {"registry_address", &o.Registry}} {
			an := fixture.Field(item, f.key)
			if an == nil {
				continue
			}
			var one registryLoad
			if err := parseRegistryItem(file, "addresses", an, &one); err != nil {
				return fmt.Errorf("%w (in %s)", err, f.key)
			}
			*f.dst = &one.address[0]
		}
		l.orgs = append(l.orgs, o)
	case "postal_places":
		if err := need("country", "postal_code", "postal_place"); err != nil {
			return err
		}
		l.postal = append(l.postal, regPostal{get("country"), get("postal_code"), get("postal_place")})
	default:
		if err := need("country", "address_line", "postal_place"); err != nil {
			return err
		}
		l.address = append(l.address, regAddress{get("country"), get("address_line"), get("address_line_2"), get("postal_code"), get("postal_place")})
	}
	return nil
}
