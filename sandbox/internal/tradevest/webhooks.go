package tradevest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// Webhook is a partner's registration for one event type (§9: one per
// event type). A deleted one stays stored with Deleted set (the change log
// only ever replaces records) and is gone for the API.
type Webhook struct {
	EventType  string
	URL        string
	Headers    []WebhookHeader
	CreatedOn  time.Time
	ModifiedOn time.Time
	Deleted    bool `json:",omitempty"`
}

// WebhookHeader is a header sent with every notification of a webhook.
type WebhookHeader struct {
	Name  string `json:"name" yaml:"name"`
	Value string `json:"value" yaml:"value"`
}

// eventTypes are the event types the sandbox emits (schema EventTypeEnum).
var eventTypes = []string{"CUSTOMER_NOTIFICATION", "NATURAL_PERSON_NOTIFICATION", "JOINT_PERSON_NOTIFICATION",
	"LEGAL_ENTITY_NOTIFICATION", "PROXY_NOTIFICATION", "ONBOARDING_NOTIFICATION", "OFFBOARDING_NOTIFICATION",
	"LABELS_UPDATE_NOTIFICATION"}

// MsgWebhookNotFound is the 404 of an event type with no webhook.
const MsgWebhookNotFound = "Webhook not found"

func (w *Webhook) render() map[string]any {
	headers := make([]any, len(w.Headers))
	for i, h := range w.Headers {
		headers[i] = map[string]any{"name": h.Name, "value": h.Value}
	}
	return map[string]any{"eventType": w.EventType, "url": w.URL, "headers": headers,
		"createdOn": ts(w.CreatedOn), "modifiedOn": ts(w.ModifiedOn)}
}

func (p *Partner) indexWebhook(w *Webhook) {
	p.webhooks[w.EventType] = w
	p.Note(kindWebhook, w.EventType, w)
}

func (p *Partner) webhook(eventType string) (*Webhook, bool) {
	w, ok := p.webhooks[eventType]
	return w, ok && !w.Deleted
}

// event is a notification a write caused, sent once the write is done.
type event struct {
	eventType string
	body      map[string]any
}

// notify notes a notification of eventType. Only writes on the live state
// notify (fixture loads and replays store records without it), and
// dispatch sends what is noted to the registered webhooks.
func (p *Partner) notify(eventType string, body map[string]any) {
	if _, ok := p.webhook(eventType); ok {
		p.events = append(p.events, event{eventType, body})
	}
}

// dispatch hands the partner's noted notifications to the deliverer, under
// the partner's lock, so they are queued in the order the writes happened.
func (a *API) dispatch(p *Partner) {
	evs := p.events
	p.events = nil
	if len(evs) == 0 {
		return
	}
	d := a.deliver()
	if d == nil {
		return
	}
	for _, ev := range evs {
		w, ok := p.webhook(ev.eventType)
		if !ok {
			continue
		}
		data, err := json.Marshal(ev.body)
		if err != nil {
			continue
		}
		headers := make(map[string]string, len(w.Headers))
		for _, h := range w.Headers {
			headers[h.Name] = h.Value
		}
		var body any
		_ = json.Unmarshal(data, &body)
		d.enqueue(p.ID, ev.eventType, w.URL, headers, body, data)
	}
}

// handleWebhookCreate is POST /webhooks {eventType, url, headers}: one
// webhook per event type, a second is a 409 (decision D85); 200 with the
// webhook.
func (a *API) handleWebhookCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	out, err := store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		et := str(body["eventType"])
		if _, ok := p.webhook(et); ok {
			return nil, conflict("A webhook for %s is already registered; delete it first", et)
		}
		var headers []WebhookHeader
		seen := map[string]bool{}
		for _, h := range asList(body["headers"]) {
			m, _ := h.(map[string]any)
			name := http.CanonicalHeaderKey(str(m["name"]))
			if seen[name] || reservedHeader(name) {
				return nil, fieldError("headers", "INVALID_HEADER", "header %s is given twice or set by the sandbox itself", name)
			}
			seen[name] = true
			headers = append(headers, WebhookHeader{Name: name, Value: str(m["value"])})
		}
		now := a.clock.Now()
		w := &Webhook{EventType: et, URL: str(body["url"]), Headers: headers, CreatedOn: now, ModifiedOn: now}
		p.indexWebhook(w)
		return w.render(), nil
	})
	if err != nil {
		return nil, err
	}
	a.webhooksChanged()
	return api.JSON(http.StatusOK, out), nil
}

// reservedHeader names the headers every delivery sets itself.
func reservedHeader(name string) bool {
	return slices.Contains([]string{"Content-Type", "Content-Length", "Host", "Transfer-Encoding", "Connection", "X-Sandbox-Delivery-Id"}, name)
}

func asList(v any) []any { l, _ := v.([]any); return l }

// handleWebhookList is GET /webhooks: every registered webhook, by event
// type.
func (a *API) handleWebhookList(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) ([]any, error) {
		out := []any{}
		for _, et := range slices.Sorted(maps.Keys(p.webhooks)) {
			if w, ok := p.webhook(et); ok {
				out = append(out, w.render())
			}
		}
		return out, nil
	}))
}

// handleWebhookGet is GET /webhooks/{eventType}.
func (a *API) handleWebhookGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		w, ok := p.webhook(r.Path("eventType"))
		if !ok {
			return nil, notFound(MsgWebhookNotFound)
		}
		return w.render(), nil
	}))
}

// handleWebhookDelete is DELETE /webhooks/{eventType}: 204; 404 when none
// is registered. Notifications already queued are still delivered.
func (a *API) handleWebhookDelete(r *api.Request) (*api.Response, error) {
	err := a.update(partnerOf(r), func(p *Partner) error {
		w, ok := p.webhook(r.Path("eventType"))
		if !ok {
			return notFound(MsgWebhookNotFound)
		}
		next := *w
		next.Deleted, next.ModifiedOn = true, a.clock.Now()
		p.indexWebhook(&next)
		return nil
	})
	if err != nil {
		return nil, err
	}
	a.webhooksChanged()
	return &api.Response{Status: http.StatusNoContent}, nil
}

// handleWebhooksMissing is GET /webhooks-missing: the event types with no
// webhook registered, in the order of EventTypeEnum.
func (a *API) handleWebhooksMissing(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) ([]any, error) {
		out := []any{}
		for _, et := range eventTypes {
			if _, ok := p.webhook(et); !ok {
				out = append(out, et)
			}
		}
		return out, nil
	}))
}

// The notification bodies (decision D86): CustomerNotification as §9
// documents it, and the same shape for the other records.

func customerNotification(c *Customer, typ string) map[string]any {
	return map[string]any{"customerId": c.ID, "modifiedOn": ts(c.ModifiedOn), "status": c.Status, "notificationType": typ}
}

func entityNotification(e *Entity, typ string) (string, map[string]any) {
	k := kindOf(e.Kind)
	et := map[string]string{"NATURAL_PERSON": "NATURAL_PERSON_NOTIFICATION", "LEGAL_ENTITY": "LEGAL_ENTITY_NOTIFICATION",
		"JOINT_PERSON": "JOINT_PERSON_NOTIFICATION"}[e.Kind]
	return et, map[string]any{k.idField: e.ID, "modifiedOn": ts(e.ModifiedOn), "status": e.Status, "notificationType": typ}
}

// notificationType is CREATED for a new record, UPDATED for a change.
func notificationType(isNew bool) string {
	if isNew {
		return "CREATED"
	}
	return "UPDATED"
}
