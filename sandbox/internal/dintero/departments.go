package dintero

import (
	"slices"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// handleDepartments is GET /customers/company/departments: the departments
// the live company customers with that organization_number name, each
// once, oldest customer first. Decision D70: the number matches exactly; no
// company with it answers an empty list (the vendor documents no 404 here).
func (a *API) handleDepartments(r *api.Request) (*api.Response, error) {
	org := r.QueryString("organization_number")
	return api.OK(store.Get(a.store, r.Path("aid"), func(acc *Account) ([]any, error) {
		found := false
		deps := []string{}
		for id := range acc.order.Ascend(nil) {
			c := acc.customers[id]
			if c.deleted() || c.Type != "company" {
				continue
			}
			co, _ := c.Doc["company"].(map[string]any)
			if str(co["organization_number"]) != org {
				continue
			}
			found = true
			if d := str(co["department"]); d != "" && !slices.Contains(deps, d) {
				deps = append(deps, d)
			}
		}
		if !found {
			return []any{}, nil
		}
		return []any{map[string]any{"organization_number": org, "departments": deps}}, nil
	}))
}
