package tradevest

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// handleLabelList is GET /roles/customer-labels: every label with the
// number of customers carrying it, by label.
func (a *API) handleLabelList(r *api.Request) (*api.Response, error) {
	counts, err := store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]int, error) {
		counts := map[string]int{}
		for _, c := range p.customers {
			for _, l := range c.Labels {
				counts[l]++
			}
		}
		return counts, nil
	})
	if err != nil {
		return nil, err
	}
	names := slices.Sorted(maps.Keys(counts))
	out := make([]any, len(names))
	for i, l := range names {
		out[i] = map[string]any{"label": l, "customersCount": counts[l]}
	}
	return api.JSON(http.StatusOK, out), nil
}

// relabel applies change to every customer carrying label; 404 when none
// does.
func (a *API) relabel(r *api.Request, label string, change func([]string) []string) error {
	return a.update(partnerOf(r), func(p *Partner) error {
		var hit []*Customer
		for _, c := range p.customers {
			if slices.Contains(c.Labels, label) {
				hit = append(hit, c)
			}
		}
		if len(hit) == 0 {
			return notFound(MsgLabelNotFound)
		}
		now := a.clock.Now()
		ids := make([]string, 0, len(hit))
		for _, c := range hit {
			next := *c
			next.Labels, next.ModifiedOn = change(slices.Clone(c.Labels)), now
			p.indexCustomer(&next)
			ids = append(ids, c.ID)
		}
		p.notifyLabel(label, ids, now)
		return nil
	})
}

// handleLabelRename is PATCH /roles/customer-labels/{labelName} {name}: 202.
func (a *API) handleLabelRename(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	label, name := r.Path("labelName"), str(body["name"])
	return api.Empty(http.StatusAccepted, a.relabel(r, label, func(ls []string) []string {
		out := ls[:0]
		for _, l := range ls {
			if l == label {
				l = name
			}
			if !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
		return out
	}))
}

// handleLabelDelete is DELETE /roles/customer-labels/{labelName}: the label
// leaves every customer; 202.
func (a *API) handleLabelDelete(r *api.Request) (*api.Response, error) {
	label := r.Path("labelName")
	return api.Empty(http.StatusAccepted, a.relabel(r, label, func(ls []string) []string {
		return slices.DeleteFunc(ls, func(l string) bool { return l == label })
	}))
}

// handleLabelAdd is PATCH /roles/customer-labels/{labelName}/customers with
// customer ids: adds the label to each. An unknown id, or a customer that
// would carry more than 16 labels, fails the whole call, naming every
// offending id (§9); 202.
func (a *API) handleLabelAdd(r *api.Request) (*api.Response, error) {
	ids, _ := r.Params.Body.([]any)
	label := r.Path("labelName")
	if label == "" {
		return nil, fieldError("labelName", "REQUIRED", "labelName must not be empty")
	}
	return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
		e := &api.Error{Status: http.StatusBadRequest, Code: CodeValidation}
		var targets []*Customer
		for _, v := range ids {
			id := str(v)
			c, ok := p.customers[id]
			switch {
			case !ok:
				e.Details = append(e.Details, violation(id, "NOT_FOUND", "no customer "+id))
			case !slices.Contains(c.Labels, label) && len(c.Labels) >= maxLabels:
				v := violation(id, "MAX_ITEMS", fmt.Sprintf("customer %s already has %d labels", id, maxLabels))
				v.Parameter = strconv.Itoa(maxLabels)
				e.Details = append(e.Details, v)
			default:
				targets = append(targets, c)
			}
		}
		if len(e.Details) > 0 {
			e.Message = "Some customers cannot take the label " + label
			return e
		}
		now := a.clock.Now()
		var ids []string
		for _, c := range targets {
			if slices.Contains(c.Labels, label) {
				continue
			}
			next := *c
			next.Labels, next.ModifiedOn = append(slices.Clone(c.Labels), label), now
			p.indexCustomer(&next)
			ids = append(ids, c.ID)
		}
		if ids != nil {
			p.notifyLabel(label, ids, now)
		}
		return nil
	}))
}

// notifyLabel notes a LABELS_UPDATE_NOTIFICATION: the label and the
// customers whose labels it changed, by id (decision D86).
func (p *Partner) notifyLabel(label string, ids []string, now time.Time) {
	sort.Strings(ids)
	p.notify("LABELS_UPDATE_NOTIFICATION", map[string]any{"label": label, "customerIds": ids, "modifiedOn": ts(now), "notificationType": "UPDATED"})
}
