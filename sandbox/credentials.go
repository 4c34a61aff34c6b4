package sandbox

import (
	"fmt"
	"sort"
	"strings"
)

// Client is one API client: the id and secret it authenticates with.
type Client struct {
	ID     string
	Secret string
}

// Tenant is a Dintero account or a Tradevest partner with its clients,
// sorted by id.
type Tenant struct {
	ID      string
	Clients []Client
}

// Credentials are the API clients the sandbox holds now, per API in the
// order of the sandbox's vendors: the Dintero accounts and the Tradevest
// partners, each sorted by id.
type Credentials []APICredentials

// APICredentials are one API's tenants.
type APICredentials struct {
	API     string // "Dintero"
	Label   string // what prefixes a tenant on the start-up line
	Tenants []Tenant
}

// Of returns the tenants of the API titled title ("Dintero").
func (c Credentials) Of(title string) []Tenant {
	for _, a := range c {
		if a.API == title {
			return a.Tenants
		}
	}
	return nil
}

// Credentials returns the accounts, partners and clients the sandbox holds
// now (fixtures, saved state and anything loaded since).
func (s *Server) Credentials() Credentials {
	out := make(Credentials, 0, len(s.vendors))
	for _, v := range s.vendors {
		out = append(out, APICredentials{API: v.Title(), Label: v.TenantLabel(), Tenants: tenants(v.Clients())})
	}
	return out
}

func tenants(m map[string]map[string]string) []Tenant {
	out := make([]Tenant, 0, len(m))
	for id, clients := range m {
		t := Tenant{ID: id, Clients: make([]Client, 0, len(clients))}
		for cid, secret := range clients {
			t.Clients = append(t.Clients, Client{ID: cid, Secret: secret})
		}
		sort.Slice(t.Clients, func(i, j int) bool { return t.Clients[i].ID < t.Clients[j].ID })
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// maxListed bounds how many accounts (and partners) the start-up line
// names. Decision D57: a fixture with hundreds of accounts must not turn the
// one start-up line into a wall of text; the rest are counted.
const maxListed = 8

// String is the credentials on one line, e.g.
// "Dintero /v1/accounts/T12345678 sandbox-client:sandbox-secret; Tradevest partner sandbox sandbox-client:sandbox-secret".
func (c Credentials) String() string {
	var parts []string
	for _, a := range c {
		if l := list(a.Tenants, a.Label); l != "" {
			parts = append(parts, a.API+" "+l)
		}
	}
	if len(parts) == 0 {
		return "no accounts or partners loaded"
	}
	return strings.Join(parts, "; ")
}

func list(ts []Tenant, prefix string) string {
	var items []string
	for i, t := range ts {
		if i == maxListed {
			items = append(items, fmt.Sprintf("and %d more", len(ts)-maxListed))
			break
		}
		item := prefix + t.ID
		if len(t.Clients) == 0 {
			item += " (no clients)"
		}
		for _, c := range t.Clients {
			item += " " + c.ID + ":" + c.Secret
		}
		items = append(items, item)
	}
	return strings.Join(items, ", ")
}

// startupLine is the line Run prints once it serves: the base URL and the
// credentials actually loaded.
func startupLine(base string, c Credentials) string {
	return fmt.Sprintf("customers-api sandbox serving on %s (%s)", base, c)
}
