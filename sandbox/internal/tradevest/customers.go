package tradevest

import (
	"encoding/base64"
	"iter"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// defaultLimit is the page size of lists without limit (§4).
const defaultLimit = 20

// maxLabels is how many labels a customer may carry (§5.1).
const maxLabels = 16

// onboardingDelay is how long an onboarding stays PENDING before it is
// APPROVED and the customer ACTIVE, on the sandbox clock (decision D39).
const onboardingDelay = 60 * time.Second

// Customer is the customer role of an entity.
type Customer struct {
	ID          string
	EntityID    string
	EntityType  string
	Status      string
	Labels      []string
	RefAccounts []any
	CreatedOn   time.Time
	ModifiedOn  time.Time
	ApprovedOn  *time.Time
	// roleTiming: ActiveOn is when a PENDING onboarding completes (from
	// then on the customer reads its outcome, and settle stores it so);
	// InactiveOn when an offboarding takes effect.
	roleTiming
	// CancellationDate is set while an offboarding runs or once it is
	// approved (decision D83).
	CancellationDate *time.Time `json:",omitempty"`
}

// due is when the customer's next transition is due, if it has one.
func (c *Customer) due() (time.Time, bool) { return c.dueAt(c.Status) }

// status is the customer's status at now: a PENDING customer whose
// onboarding is due reads its outcome, one whose offboarding took effect
// INACTIVE.
func (c *Customer) status(now time.Time) string {
	s, _ := c.statusAt(c.Status, now)
	return s
}

// at is the customer as it stands at now: status, modifiedOn, approvedOn.
func (c *Customer) at(now time.Time) (string, time.Time, *time.Time) {
	s, changed := c.statusAt(c.Status, now)
	modified, approved := c.ModifiedOn, c.ApprovedOn
	if s != c.Status {
		modified = later(modified, changed)
		if c.Status == "PENDING" && c.next() == "ACTIVE" && c.ActiveOn != nil && !now.Before(*c.ActiveOn) {
			approved = c.ActiveOn
		}
	}
	return s, modified, approved
}

// render is the Customer as GET answers it (§5.2 and the recommended mock
// shape of §5.2; customerType is the entity type, [I]).
func (c *Customer) render(now time.Time) map[string]any {
	status, modified, approved := c.at(now)
	labels := c.Labels
	if labels == nil {
		labels = []string{}
	}
	refs := c.RefAccounts
	if refs == nil {
		refs = []any{}
	}
	out := map[string]any{
		"customerId": c.ID, "customerStatus": status, "customerType": c.EntityType,
		"entityId": c.EntityID, "entityType": c.EntityType, "labels": labels, "refAccounts": refs,
		"signedDocumentsRelatedToCustomer": []any{},
		"createdOn":                        ts(c.CreatedOn), "modifiedOn": ts(modified),
		"approvedOn": nil, "cancellationDate": nil,
	}
	if approved != nil {
		out["approvedOn"] = ts(*approved)
	}
	if c.CancellationDate != nil {
		out["cancellationDate"] = ts(*c.CancellationDate)
	}
	return out
}

func (p *Partner) indexCustomer(c *Customer) {
	var oldDue func() (time.Time, bool)
	old, known := p.customers[c.ID]
	p.notify("CUSTOMER_NOTIFICATION", customerNotification(c, notificationType(!known)))
	if known {
		p.customerOrder.Delete(paging.Key{At: old.CreatedOn, ID: old.ID})
		oldDue = old.due
	}
	p.trackDue("c"+c.ID, oldDue, c.due)
	p.customerOrder.Set(paging.Key{At: c.CreatedOn, ID: c.ID}, c.ID)
	p.customers[c.ID] = c
	p.Note(kindCustomer, c.ID, c)
	p.customerByEntity[c.EntityID] = c.ID
}

// listPage is one page of a list, newest first (§6): {data, pagination:
// {cursor, limit}}, the cursor "" on the last page. item renders an id and
// gives its list position.
func listPage(seq iter.Seq[string], keep func(string) bool, limit int, item func(string) (any, paging.Key)) map[string]any {
	page, more := paging.Take(seq, keep, limit)
	data := make([]any, len(page))
	var last paging.Key
	for i, id := range page {
		data[i], last = item(id)
	}
	next := ""
	if more {
		next = encodeCursor(last)
	}
	return map[string]any{"data": data, "pagination": map[string]any{"cursor": next, "limit": limit}}
}

// pageParams reads a list's limit (default 20) and cursor.
func pageParams(r *api.Request) (int, *paging.Key, error) {
	before, err := decodeCursor(r.QueryString("cursor"))
	return r.QueryInt("limit", defaultLimit), before, err
}

// cursor encoding: the position of the last item returned, opaque to
// clients (decision D40).
func encodeCursor(k paging.Key) string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.At.UTC().Format(time.RFC3339Nano) + "|" + k.ID))
}

func decodeCursor(s string) (*paging.Key, error) {
	if s == "" {
		return nil, nil
	}
	bad := fieldError("cursor", "INVALID_CURSOR", "cursor is not a cursor this API returned")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	at, id, ok := strings.Cut(string(raw), "|")
	t, err := time.Parse(time.RFC3339Nano, at)
	if !ok || err != nil || id == "" {
		return nil, bad
	}
	return &paging.Key{At: t, ID: id}, nil
}

// checkRequestor validates the Requestor-ID header when sent (or when
// required): the v1.5 rule without a target (requestor.go).
func (a *API) checkRequestor(p *Partner, r *api.Request, required bool) error {
	return a.requestor(p, r, required, "")
}

func stringList(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, e := range l {
		if s := str(e); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// handleCustomerCreate is POST /roles/customers: assigns an entity the role
// of customer, in status CREATED. An unknown entity is a 400 naming entityId;
// an entity that already has a customer role is a 409 (decision D38).
func (a *API) handleCustomerCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		if err := a.checkRequestor(p, r, false); err != nil {
			return nil, err
		}
		entityID, entityType := str(body["entityId"]), str(body["entityType"])
		e, ok := p.entities[entityID]
		if !ok {
			return nil, fieldError("entityId", "NOT_FOUND", "no entity %s", entityID)
		}
		if e.Kind != entityType {
			return nil, fieldError("entityType", "MISMATCH", "entity %s is a %s, not a %s", entityID, e.Kind, entityType)
		}
		if cid, taken := p.customerByEntity[entityID]; taken {
			return nil, conflict("Entity %s already has the customer role %s", entityID, cid)
		}
		now := a.clock.Now()
		c := &Customer{ID: uuid.NewString(), EntityID: entityID, EntityType: entityType, Status: "CREATED",
			Labels: stringList(body["labels"]), CreatedOn: now, ModifiedOn: now}
		if refs, ok := body["refAccounts"].([]any); ok {
			c.RefAccounts = refs
		}
		p.indexCustomer(c)
		return map[string]any{"customerId": c.ID}, nil
	}))
}

// handleCustomerGet is GET /roles/customers/{customerId}.
func (a *API) handleCustomerGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		c, ok := p.customers[r.Path("customerId")]
		if !ok {
			return nil, notFound(MsgCustomerNotFound)
		}
		return p.renderCustomer(c, a.clock.Now()), nil
	}))
}

// handleCustomerPatch is PATCH /roles/customers/{customerId}: labels are
// replaced; Requestor-ID is required; 202 with an empty body. A PATCH that
// changes nothing ({}, or the labels the customer has) stores nothing:
// modifiedOn stays.
func (a *API) handleCustomerPatch(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.Empty(http.StatusAccepted, a.update(partnerOf(r), func(p *Partner) error {
		prev, ok := p.customers[r.Path("customerId")]
		if !ok {
			return notFound(MsgCustomerNotFound)
		}
		if err := a.requestor(p, r, true, prev.EntityID); err != nil {
			return err
		}
		next := *prev
		if _, ok := body["labels"]; ok {
			next.Labels = stringList(body["labels"])
		}
		if slices.Equal(next.Labels, prev.Labels) {
			return nil
		}
		next.ModifiedOn = a.clock.Now()
		p.indexCustomer(&next)
		return nil
	}))
}

// handleCustomerList is GET /roles/customers: newest first, an opaque
// cursor, pagination.cursor "" on the last page; labels must all match.
// labels is an array parameter (labels=a&labels=b, at most 16, schema); a
// value is one label as sent, commas included, so a label "a,b" can be
// filtered on.
func (a *API) handleCustomerList(r *api.Request) (*api.Response, error) {
	entityID, status, typ := r.QueryString("entityId"), r.QueryString("customerStatus"), r.QueryString("customerType")
	labels := r.QueryStrings("labels")
	limit, before, err := pageParams(r)
	if err != nil {
		return nil, err
	}
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		now := a.clock.Now()
		return listPage(p.customerOrder.Descend(before), func(id string) bool {
			c := p.customers[id]
			if entityID != "" && c.EntityID != entityID || typ != "" && c.EntityType != typ || status != "" && c.status(now) != status {
				return false
			}
			for _, l := range labels {
				if !slices.Contains(c.Labels, l) {
					return false
				}
			}
			return true
		}, limit, func(id string) (any, paging.Key) {
			c := p.customers[id]
			return p.renderCustomer(c, now), paging.Key{At: c.CreatedOn, ID: c.ID}
		}), nil
	}))
}
