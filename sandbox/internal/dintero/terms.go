package dintero

import (
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// Terms are terms and conditions customers can accept.
type Terms struct {
	entity
	Terms string
}

func (t *Terms) render() map[string]any {
	out := map[string]any{"terms": t.Terms}
	t.fill(out)
	return out
}

func (acc *Account) indexTerms(t *Terms) {
	if old, known := acc.terms[t.ID]; known {
		acc.termsOrder.Delete(orderKey(old.CreatedAt, old.ID))
	}
	acc.termsOrder.Set(orderKey(t.CreatedAt, t.ID), t.ID)
	acc.terms[t.ID] = t
	acc.Note(kindTerms, t.ID, t)
}

// liveTerms returns terms that exist and are not deleted. A deleted terms is
// 404 on GET and DELETE, as a deleted customer is (decision D34).
func (acc *Account) liveTerms(id string) (*Terms, error) {
	t, ok := acc.terms[id]
	if !ok || t.deleted() {
		return nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgTermsNotFound)
	}
	return t, nil
}

// handleTermsList is GET /customers/terms: oldest first, paged by id.
func (a *API) handleTermsList(r *api.Request) (*api.Response, error) {
	includeDeleted := r.QueryBool("include_deleted")
	return a.list(r, func(acc *Account) (listPage, error) {
		after, err := startingAfter(r, "terms with id", func(id string) (time.Time, string, bool) {
			t, ok := acc.terms[id]
			if !ok {
				return time.Time{}, "", false
			}
			return t.CreatedAt, t.ID, true
		})
		if err != nil {
			return listPage{}, err
		}
		ids, more := paging.Take(acc.termsOrder.Ascend(after), func(id string) bool {
			return includeDeleted || !acc.terms[id].deleted()
		}, r.QueryInt("limit", 10))
		return pageOf(ids, more, func(id string) (any, string) { return acc.terms[id].render(), id }), nil
	})
}

// handleTermsCreate is POST /customers/terms: 200 with the terms.
func (a *API) handleTermsCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		now := a.clock.Now()
		t := &Terms{entity: newEntity(uuid.NewString(), now, caller(r).Subject), Terms: str(body["terms"])}
		acc.indexTerms(t)
		return t.render(), nil
	}))
}

// handleTermsGet is GET /customers/terms/{tid}.
func (a *API) handleTermsGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		t, err := acc.liveTerms(r.Path("tid"))
		if err != nil {
			return nil, err
		}
		return t.render(), nil
	}))
}

// handleTermsDelete is DELETE /customers/terms/{tid}: a soft delete.
func (a *API) handleTermsDelete(r *api.Request) (*api.Response, error) {
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		t, err := acc.liveTerms(r.Path("tid"))
		if err != nil {
			return nil, err
		}
		n := *t
		n.entity = t.softDeleted(a.clock.Now(), caller(r).Subject)
		acc.indexTerms(&n)
		return n.render(), nil
	}))
}
