package dintero

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// Location is a sales location (§8.13). Doc holds the SalesLocation fields
// as validated and pruned from requests, location_id aside.
type Location struct {
	entity
	LocationID string
	Doc        map[string]any
}

// MsgLocationNotFound is the 404 of an unknown or deleted location.
const MsgLocationNotFound = "Location not found"

// render is the SalesLocationResponse of l in account aid.
func (l *Location) render(aid string) map[string]any {
	out := make(map[string]any, len(l.Doc)+8)
	for k, v := range l.Doc {
		out[k] = v
	}
	out["location_id"], out["account_id"] = l.LocationID, aid
	l.fill(out)
	return out
}

func (l *Location) str(field string) string { s, _ := l.Doc[field].(string); return s }

func (acc *Account) indexLocation(l *Location) {
	if old, known := acc.locations[l.ID]; known {
		acc.locOrder.Delete(orderKey(old.CreatedAt, old.ID))
		if acc.locByLID[old.LocationID] == old.ID {
			delete(acc.locByLID, old.LocationID)
		}
	}
	acc.locOrder.Set(orderKey(l.CreatedAt, l.ID), l.ID)
	acc.locations[l.ID] = l
	acc.locByLID[l.LocationID] = l.ID
	acc.Note(kindLocation, l.ID, l)
}

// liveLocation returns the location with that location_id unless it is
// missing or deleted (404, as a deleted customer is: decision D71).
func (acc *Account) liveLocation(lid string) (*Location, error) {
	if id, ok := acc.locByLID[lid]; ok {
		if l := acc.locations[id]; !l.deleted() {
			return l, nil
		}
	}
	return nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgLocationNotFound)
}

// checkLocationID applies the rules of a location_id (decision D71): no
// leading or trailing spaces, and not one in use, deleted locations
// included (a deleted location keeps it).
func (acc *Account) checkLocationID(lid string) error {
	if strings.TrimSpace(lid) != lid || lid == "" {
		return badField("location_id", "location_id must not be empty or have leading or trailing spaces")
	}
	if _, taken := acc.locByLID[lid]; taken {
		return duplicate("location_id", lid)
	}
	return nil
}

// nextLocationID is a generated location_id: S and five digits (as the
// vendor's example S01923), one past the largest such id of the account.
func (acc *Account) nextLocationID() string {
	n := 0
	for lid := range acc.locByLID {
		if len(lid) > 1 && lid[0] == 'S' && isDigits(lid[1:]) {
			if v, err := strconv.Atoi(lid[1:]); err == nil && v > n {
				n = v
			}
		}
	}
	return fmt.Sprintf("S%05d", n+1)
}

// locationFields puts a create or update body into doc: every field
// replaces (the address as a whole), location_id aside.
func locationFields(doc, body map[string]any) {
	for k, v := range body {
		if k != "location_id" {
			doc[k] = v
		}
	}
}

// handleLocationCreate is POST /locations: 200 with the new location; a
// missing location_id is generated.
func (a *API) handleLocationCreate(r *api.Request) (*api.Response, error) {
	aid, body := r.Path("aid"), bodyMap(r)
	return api.OK(store.Set(a.store, aid, func(acc *Account) (map[string]any, error) {
		lid, given := body["location_id"].(string)
		if !given {
			lid = acc.nextLocationID()
		}
		if err := acc.checkLocationID(lid); err != nil {
			return nil, err
		}
		l := &Location{entity: newEntity(uuid.NewString(), a.clock.Now(), caller(r).Subject), LocationID: lid, Doc: map[string]any{}}
		locationFields(l.Doc, body)
		acc.indexLocation(l)
		return l.render(aid), nil
	}))
}

// handleLocationGet is GET /locations/{lid}.
func (a *API) handleLocationGet(r *api.Request) (*api.Response, error) {
	aid := r.Path("aid")
	return api.OK(store.Get(a.store, aid, func(acc *Account) (map[string]any, error) {
		l, err := acc.liveLocation(r.Path("lid"))
		if err != nil {
			return nil, err
		}
		return l.render(aid), nil
	}))
}

// handleLocationUpdate is PUT /locations/{lid}: the fields sent replace
// theirs, the others stay (as PUT on a customer, decision D12). The
// location_id cannot change: another one in the body is a 400.
func (a *API) handleLocationUpdate(r *api.Request) (*api.Response, error) {
	aid, body := r.Path("aid"), bodyMap(r)
	return api.OK(store.Set(a.store, aid, func(acc *Account) (map[string]any, error) {
		prev, err := acc.liveLocation(r.Path("lid"))
		if err != nil {
			return nil, err
		}
		if lid, ok := body["location_id"].(string); ok && lid != prev.LocationID {
			return nil, badField("location_id", "location_id cannot be changed (it is %s)", prev.LocationID)
		}
		next := *prev
		next.Doc = make(map[string]any, len(prev.Doc)+len(body))
		for k, v := range prev.Doc {
			next.Doc[k] = v
		}
		locationFields(next.Doc, body)
		next.UpdatedAt = a.clock.Now()
		acc.indexLocation(&next)
		return next.render(aid), nil
	}))
}

// handleLocationDelete is DELETE /locations/{lid}: a soft delete that keeps
// the location's fields and answers it with deleted_at.
func (a *API) handleLocationDelete(r *api.Request) (*api.Response, error) {
	aid := r.Path("aid")
	return api.OK(store.Set(a.store, aid, func(acc *Account) (map[string]any, error) {
		prev, err := acc.liveLocation(r.Path("lid"))
		if err != nil {
			return nil, err
		}
		next := *prev
		next.entity = prev.softDeleted(a.clock.Now(), caller(r).Subject)
		acc.indexLocation(&next)
		return next.render(aid), nil
	}))
}

// locationFilter is the query of GET /locations (§8.13): search is a
// case-insensitive prefix match on location_id, name, business_name,
// chain, organization_number, email and phone_number; each array filter
// keeps locations whose field equals one of its values (email and country
// case-insensitively); every parameter is ANDed (decision D71).
type locationFilter struct {
	search                                  string
	status, country, phone, org, email, typ []string
}

func (f *locationFilter) match(l *Location) bool {
	if l.deleted() {
		return false
	}
	if f.search != "" {
		hit := strings.HasPrefix(strings.ToLower(l.LocationID), f.search)
		for _, k := range []string{"name", "business_name", "chain", "organization_number", "email", "phone_number"} {
			hit = hit || strings.HasPrefix(strings.ToLower(l.str(k)), f.search)
		}
		if !hit {
			return false
		}
	}
	addr, _ := l.Doc["address"].(map[string]any)
	for _, c := range []struct {
		want  []string
		have  string
		lower bool
	}{
		{f.status, l.str("status"), false}, {f.country, str(addr["country"]), true}, {f.phone, l.str("phone_number"), false},
		{f.org, l.str("organization_number"), false}, {f.email, l.str("email"), true}, {f.typ, l.str("type"), false},
	} {
		if len(c.want) == 0 {
			continue
		}
		if !slices.ContainsFunc(c.want, func(w string) bool {
			return w == c.have || (c.lower && strings.EqualFold(w, c.have))
		}) {
			return false
		}
	}
	return true
}

// handleLocationList is GET /locations: live locations, oldest first,
// paged by location_id (§1.4: "the starting_after have to be set to
// location_id"); an unknown cursor is a 400 (decision D5).
func (a *API) handleLocationList(r *api.Request) (*api.Response, error) {
	aid := r.Path("aid")
	f := &locationFilter{search: strings.ToLower(r.QueryString("search")),
		status: r.QueryStrings("status"), country: r.QueryStrings("country"), phone: r.QueryStrings("phone_number"),
		org: r.QueryStrings("organization_number"), email: r.QueryStrings("email"), typ: r.QueryStrings("type")}
	return a.list(r, func(acc *Account) (listPage, error) {
		after, err := startingAfter(r, "location with location_id", func(lid string) (time.Time, string, bool) {
			id, ok := acc.locByLID[lid]
			if !ok {
				return time.Time{}, "", false
			}
			return acc.locations[id].CreatedAt, id, true
		})
		if err != nil {
			return listPage{}, err
		}
		ids, more := paging.Take(acc.locOrder.Ascend(after), func(id string) bool { return f.match(acc.locations[id]) }, r.QueryInt("limit", 10))
		return pageOf(ids, more, func(id string) (any, string) { l := acc.locations[id]; return l.render(aid), l.LocationID }), nil
	})
}

// fixtureLocation reads a location of a fixture: the body of POST
// /locations plus the entity fields. A location replaces the one with the
// same location_id; without location_id one is generated.
func (a *API) fixtureLocation(acc *Account) func(m map[string]any, now time.Time) error {
	create := a.schemas.Op("aid_location_post")
	return func(m map[string]any, now time.Time) error {
		if err := create.ValidateBody(m); err != nil {
			return err
		}
		body := create.PruneBody(m).(map[string]any)
		lid, given := body["location_id"].(string)
		if !given {
			lid = acc.nextLocationID()
		}
		if strings.TrimSpace(lid) != lid {
			return &fieldError{"location_id", fmt.Errorf("must not have leading or trailing spaces")}
		}
		e, err := readEntity(m, now, acc.ID, "location", lid)
		if err != nil {
			return err
		}
		if id, ok := acc.locByLID[lid]; ok {
			old := acc.locations[id]
			acc.locOrder.Delete(orderKey(old.CreatedAt, old.ID))
			delete(acc.locations, id)
		}
		if old, ok := acc.locations[e.ID]; ok && old.LocationID != lid {
			delete(acc.locByLID, old.LocationID)
		}
		l := &Location{entity: e, LocationID: lid, Doc: map[string]any{}}
		locationFields(l.Doc, body)
		acc.indexLocation(l)
		return nil
	}
}
