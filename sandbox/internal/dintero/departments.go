package dintero

import (
	"net/http"

	"github.com/customers-api/sandbox/sandbox/internal/api"
)

// handleDepartments is GET /customers/company/departments: the departments
// the live company customers with that organization_number name, each
// once, oldest customer first. Decision D70: the number matches exactly; no
// company with it answers an empty list (the vendor documents no 404 here).
func (a *API) handleDepartments(r *api.Request) (*api.Response, error) {
	org := r.QueryString("organization_number")
	out := []any{}
	err := a.store.View(r.Path("aid"), func(acc *Account) error {
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
			if d := str(co["department"]); d != "" && !contains(deps, d) {
				deps = append(deps, d)
			}
		}
		if found {
			out = append(out, map[string]any{"organization_number": org, "departments": deps})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return api.JSON(http.StatusOK, out), nil
}
