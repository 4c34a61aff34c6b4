package dintero

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// Tag is an account tag ("also known as groups").
type Tag struct {
	entity
	Tag      string
	Metadata map[string]any
}

// render is the CustomerTag of t.
func (t *Tag) render() map[string]any {
	out := map[string]any{"tag": t.Tag, "metadata": t.Metadata}
	if t.Metadata == nil {
		out["metadata"] = map[string]any{}
	}
	t.fill(out)
	return out
}

func (acc *Account) indexTag(t *Tag) {
	if old, known := acc.tags[t.ID]; known {
		acc.tagOrder.Delete(orderKey(old.CreatedAt, old.ID))
	}
	acc.tagOrder.Set(orderKey(t.CreatedAt, t.ID), t.ID)
	acc.tags[t.ID] = t
	acc.Note(kindTag, t.ID, t)
}

// liveTag returns a tag that exists and is not deleted (decision D16: else 404).
func (acc *Account) liveTag(id string) (*Tag, error) {
	t, ok := acc.tags[id]
	if !ok || t.deleted() {
		return nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgTagNotFound)
	}
	return t, nil
}

// handleTagList is GET /customers/tags: the account's live tags, oldest first.
func (a *API) handleTagList(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, r.Path("aid"), func(acc *Account) ([]any, error) {
		out := []any{}
		for id := range acc.tagOrder.Ascend(nil) {
			if t := acc.tags[id]; !t.deleted() {
				out = append(out, t.render())
			}
		}
		return out, nil
	}))
}

// handleTagCreate is POST /customers/tags: 200 with the tag. Tag names may
// repeat (decision D18: nothing in the docs forbids it).
func (a *API) handleTagCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		now := a.clock.Now()
		t := &Tag{entity: newEntity(uuid.NewString(), now, caller(r).Subject), Tag: str(body["tag"])}
		if md, ok := body["metadata"].(map[string]any); ok {
			t.Metadata = md
		}
		acc.indexTag(t)
		return t.render(), nil
	}))
}

// handleTagDelete is DELETE /customers/tags/{tag_id}: a soft delete that
// also takes the tag off every customer (§4, decision D16).
func (a *API) handleTagDelete(r *api.Request) (*api.Response, error) {
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) (map[string]any, error) {
		t, err := acc.liveTag(r.Path("tag_id"))
		if err != nil {
			return nil, err
		}
		n := *t
		n.entity = t.softDeleted(a.clock.Now(), caller(r).Subject)
		acc.indexTag(&n)
		for cid := range acc.tagged[t.ID] {
			prev := acc.customers[cid]
			next := copyCustomer(prev)
			next.Tags = slices.DeleteFunc(next.Tags, func(id string) bool { return id == t.ID })
			acc.replace(prev, next)
		}
		delete(acc.tagged, t.ID)
		return n.render(), nil
	}))
}

// handleCustomerTags is GET /customers/users/{customer_id}/tags.
func (a *API) handleCustomerTags(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, r.Path("aid"), func(acc *Account) ([]any, error) {
		c, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		out := []any{}
		for _, id := range c.Tags {
			if t, ok := acc.tags[id]; ok && !t.deleted() {
				out = append(out, t.render())
			}
		}
		return out, nil
	}))
}

// handleCustomerTagsSet is PUT /customers/users/{customer_id}/tags: the
// body's tag ids replace the customer's tags. Unknown or deleted ids are a
// 400 naming each of them (decision D17); the answer lists the tags in the order
// given.
func (a *API) handleCustomerTagsSet(r *api.Request) (*api.Response, error) {
	ids, _ := r.Params.Body.([]any)
	return api.OK(store.Set(a.store, r.Path("aid"), func(acc *Account) ([]any, error) {
		prev, err := acc.liveCustomer(r.Path("customer_id"))
		if err != nil {
			return nil, err
		}
		var set, unknown []string
		var details []schema.Violation
		for i, v := range ids {
			id := str(v)
			if slices.Contains(set, id) || slices.Contains(unknown, id) {
				continue
			}
			if _, err := acc.liveTag(id); err != nil {
				// The field is the item's place in the body array, as the
				// request validation names it; the id is in the message.
				unknown = append(unknown, id)
				details = append(details, violation("body", strconv.Itoa(i), "no tag with the id "+id))
				continue
			}
			set = append(set, id)
		}
		if len(unknown) > 0 {
			e := badRequest("Unknown tag ids: %s", strings.Join(unknown, ", "))
			e.Details = details
			return nil, e
		}
		next := copyCustomer(prev)
		next.Tags = set
		acc.replace(prev, next)
		out := []any{}
		for _, id := range set {
			out = append(out, acc.tags[id].render())
		}
		return out, nil
	}))
}
