package dintero

import (
	"maps"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// withDefaults fills what a settings document leaves out with the defaults
// (decision D29), object by object.
func withDefaults(doc map[string]any) map[string]any {
	out := mergeDefaults(defaultSettings(), doc)
	// Each attribute's multiple_values and private default to false (§8.10).
	if attrs, ok := out["attributes"].([]any); ok {
		filled := make([]any, len(attrs))
		for i, a := range attrs {
			m, _ := a.(map[string]any)
			filled[i] = mergeDefaults(map[string]any{"multiple_values": false, "private": false}, m)
		}
		out["attributes"] = filled
	}
	return out
}

func mergeDefaults(def, doc map[string]any) map[string]any {
	out := make(map[string]any, len(doc)+len(def))
	maps.Copy(out, doc)
	for k, dv := range def {
		v, ok := out[k]
		if !ok {
			out[k] = dv
			continue
		}
		dm, dIsMap := dv.(map[string]any)
		vm, vIsMap := v.(map[string]any)
		if dIsMap && vIsMap {
			out[k] = mergeDefaults(dm, vm)
		}
	}
	return out
}

// handleSettingsGet is GET /customers/settings: the defaults for a fresh
// account.
func (a *API) handleSettingsGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		return withDefaults(acc.settings()), nil // a fixture may leave settings out
	}))
}

// handleSettingsPut is PUT /customers/settings: the validated body replaces
// the settings, defaults fill the rest (decision D29), and the answer is the
// result. The settings take effect at once.
func (a *API) handleSettingsPut(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		acc.Settings = withDefaults(body)
		acc.Note(kindSettings, "", acc.Settings)
		return acc.Settings, nil
	}))
}
