package dintero

import (
	"net/http"
	"slices"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// Event is one token event: something that happened to a token type/value
// pair, with an optional status and expiry.
type Event struct {
	Event     string
	Status    string
	Metadata  map[string]any
	CreatedAt time.Time
	ExpiresAt *time.Time
}

func (e Event) render() map[string]any {
	out := map[string]any{"event": e.Event, "created_at": ts(e.CreatedAt)}
	if e.Status != "" {
		out["status"] = e.Status
	}
	if e.Metadata != nil {
		out["metadata"] = e.Metadata
	}
	if e.ExpiresAt != nil {
		out["expires_at"] = ts(*e.ExpiresAt)
	}
	return out
}

// Record is the events of one token type/value pair. It gets its stable id
// on its first event or first customer token (decision D21); events may exist
// before the customer or the token does.
type Record struct {
	ID        string
	Type      string
	Value     string
	Events    []Event // oldest first
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time
}

// render is the GET /customers/tokens/events element of r. Besides the
// published id, status and events it carries created_at and updated_at
// (and deleted_at once cleared): the vendor pages this list by setting
// since_datetime to "the latest updated_at value found in the result",
// which only works if the items show it (decision D33).
func (r *Record) render(now time.Time) map[string]any {
	out := map[string]any{"id": r.ID, "status": aggregate("", r.Events, now), "events": renderEvents(r.Events),
		"created_at": ts(r.CreatedAt), "updated_at": ts(r.UpdatedAt)}
	if r.DeletedAt != nil {
		out["deleted_at"] = ts(*r.DeletedAt)
	}
	return out
}

// aggregate is the status of a token (§6.8): the owning customer's status
// when set; else the status of the latest event that has a status and has
// not expired, falling back through earlier events; else UNKNOWN. Expiry is
// judged at now, on the sandbox clock.
func aggregate(customerStatus string, events []Event, now time.Time) string {
	if customerStatus != "" {
		return customerStatus
	}
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		if e.Status == "" {
			continue
		}
		if e.ExpiresAt != nil && !e.ExpiresAt.After(now) {
			continue
		}
		return e.Status
	}
	return "UNKNOWN"
}

func renderEvents(events []Event) []any {
	out := make([]any, len(events))
	for i, e := range events {
		out[i] = e.render()
	}
	return out
}

// ensureRecord returns the record of a pair, creating it when there is
// none. Its stable id is derived from the account and the pair (a record is
// never removed, only cleared), so a fixture, a saved state and the API
// agree on it.
func (acc *Account) ensureRecord(typ, value string, now time.Time) *Record {
	if rec, ok := acc.records[tokenKey(typ, value)]; ok {
		return rec
	}
	rec := acc.newRecord(typ, value, now)
	acc.putRecord(rec)
	return rec
}

func (acc *Account) newRecord(typ, value string, now time.Time) *Record {
	return &Record{ID: fixture.ID(acc.ID, "token_events", typ, value), Type: typ, Value: value, CreatedAt: now, UpdatedAt: now}
}

// addEvent stores a copy of rec, the pair's record (a new one when rec is
// nil) with e appended, updated now and not deleted (a new event
// revives a cleared record), and returns it.
func (acc *Account) addEvent(rec *Record, typ, value string, e Event, now time.Time) *Record {
	var n Record
	if rec != nil {
		n = *rec
	} else {
		n = *acc.newRecord(typ, value, now)
	}
	n.Events = append(slices.Clip(n.Events), e) // a new array: the old record keeps its own
	n.UpdatedAt, n.DeletedAt = now, nil
	acc.putRecord(&n)
	return &n
}

// putRecord stores rec (a new copy replaces the old one).
func (acc *Account) putRecord(rec *Record) {
	old, ok := acc.recordByID[rec.ID]
	if ok && !old.CreatedAt.Equal(rec.CreatedAt) {
		acc.recordOrder.Delete(orderKey(old.CreatedAt, old.ID))
		ok = false
	}
	if !ok { // a record keeps its list position while its created_at stays
		acc.recordOrder.Set(orderKey(rec.CreatedAt, rec.ID), rec.ID)
	}
	acc.records[tokenKey(rec.Type, rec.Value)] = rec
	acc.recordByID[rec.ID] = rec
	acc.Note(kindRecord, rec.ID, rec)
}

// clearEvents empties a pair's events (POST tokens with delete_token_events).
func (acc *Account) clearEvents(typ, value string, now time.Time, by string) {
	rec, ok := acc.records[tokenKey(typ, value)]
	if !ok || len(rec.Events) == 0 {
		return
	}
	n := *rec
	n.Events, n.UpdatedAt = nil, now
	acc.putRecord(&n)
}

// newEvent builds an event from a request body. created_at is the sandbox
// clock (decision D24); a client expires_at is kept, otherwise the settings
// tokens.event_expiry TTL for the status sets it.
func (acc *Account) newEvent(body map[string]any, now time.Time) (Event, error) {
	e := Event{Event: str(body["event"]), Status: str(body["status"]), CreatedAt: now}
	if md, ok := body["metadata"].(map[string]any); ok {
		e.Metadata = md
	}
	if s := str(body["expires_at"]); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return e, badRequest("event.expires_at: %v", err)
		}
		t = t.UTC().Truncate(time.Millisecond)
		e.ExpiresAt = &t
	} else if ttl, ok := acc.eventTTL(e.Status); ok && e.Status != "" {
		t := now.Add(ttl)
		e.ExpiresAt = &t
	}
	return e, nil
}

// handleEventsFind is POST /customers/tokens/events: finds a token type and
// value, optionally records an event, and answers its TokenDetail.
func (a *API) handleEventsFind(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	tok, _ := body["token"].(map[string]any)
	typ, value := str(tok["type"]), str(tok["value"])
	eventBody, hasEvent := body["event"].(map[string]any)
	key := tokenKey(typ, value)
	write := func(acc *Account) (map[string]any, error) {
		now := a.clock.Now()
		rec := acc.records[key]
		if hasEvent {
			e, err := acc.newEvent(eventBody, now)
			if err != nil {
				return nil, err
			}
			rec = acc.addEvent(rec, typ, value, e, now)
		}
		return acc.tokenDetail(rec, typ, value, now), nil
	}
	run := a.store.View
	if hasEvent {
		run = a.store.Update
	}
	return api.OK(store.With(run, r.Path("aid"), write))
}

// tokenDetail is the TokenDetail of a pair. An unknown pair has a random id
// each time and nothing is stored (decision D21).
func (acc *Account) tokenDetail(rec *Record, typ, value string, now time.Time) map[string]any {
	out := map[string]any{}
	var events []Event
	if rec != nil {
		out["id"] = rec.ID
		events = rec.Events
	} else {
		out["id"] = uuid.NewString()
	}
	customerStatus := ""
	if t := acc.liveTokenByTV(typ, value); t != nil {
		if c := acc.customers[t.Owner]; c != nil && !c.deleted() {
			out["token"] = t.render()
			out["customer"] = c.render()
			customerStatus = c.str("status")
		}
	}
	out["events"] = renderEvents(events)
	out["status"] = aggregate(customerStatus, events, now)
	return out
}

// handleEventsList is GET /customers/tokens/events: records oldest first
// (created_at, then id), paged by id; with since_datetime, those updated at
// or after it, ordered by updated_at (decision D5). Deleted records only with
// deleted_since, and then only those deleted at or after it. Status comes
// from the events alone (decision D23).
func (a *API) handleEventsList(r *api.Request) (*api.Response, error) {
	since, err := sinceParam(r)
	if err != nil {
		return nil, err
	}
	var deletedSince *time.Time
	if s := r.QueryString("deleted_since"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, badRequest("deleted_since: %v", err)
		}
		deletedSince = &t
	}
	return a.list(r, func(acc *Account) (listPage, error) {
		after, err := startingAfter(r, "token events with id", func(id string) (time.Time, string, bool) {
			rec, ok := acc.recordByID[id]
			if !ok {
				return time.Time{}, "", false
			}
			return rec.CreatedAt, rec.ID, true
		})
		if err != nil {
			return listPage{}, err
		}
		keep := func(id string) bool {
			rec := acc.recordByID[id]
			if deletedSince != nil {
				return rec.DeletedAt != nil && !rec.DeletedAt.Before(*deletedSince)
			}
			return rec.DeletedAt == nil && (since == nil || !rec.UpdatedAt.Before(*since))
		}
		seq := acc.recordOrder.Ascend(after)
		if since != nil {
			var ids []string
			for id := range acc.recordOrder.Ascend(nil) {
				if keep(id) {
					ids = append(ids, id)
				}
			}
			slices.SortFunc(ids, func(x, y string) int {
				return compareKeys(orderKey(acc.recordByID[x].UpdatedAt, x), orderKey(acc.recordByID[y].UpdatedAt, y))
			})
			seq = slices.Values(ids)
		}
		ids, more := paging.Take(seq, keep, r.QueryInt("limit", 10))
		now := a.clock.Now()
		return pageOf(ids, more && since == nil, func(id string) (any, string) { return acc.recordByID[id].render(now), id }), nil
	})
}

// handleEventsDelete is DELETE /customers/tokens/events: clears a pair's
// events and sets deleted_at; the optional event is recorded as its only
// event, with status DELETED (decision D22). 204.
func (a *API) handleEventsDelete(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	tok, _ := body["token"].(map[string]any)
	typ, value := str(tok["type"]), str(tok["value"])
	eventBody, hasEvent := body["event"].(map[string]any)
	return api.Empty(http.StatusNoContent, a.store.Update(r.Path("aid"), func(acc *Account) error {
		now := a.clock.Now()
		rec, ok := acc.records[tokenKey(typ, value)]
		if !ok && !hasEvent {
			return nil // nothing recorded, nothing to clear
		}
		if !ok {
			rec = acc.ensureRecord(typ, value, now)
		}
		n := *rec
		n.Events, n.UpdatedAt, n.DeletedAt = nil, now, &now
		if hasEvent {
			e := Event{Event: str(eventBody["event"]), Status: "DELETED", CreatedAt: now}
			if e.Event == "" {
				e.Event = "deleted"
			}
			if md, ok := eventBody["metadata"].(map[string]any); ok {
				e.Metadata = md
			}
			n.Events = []Event{e}
		}
		acc.putRecord(&n)
		return nil
	}))
}
