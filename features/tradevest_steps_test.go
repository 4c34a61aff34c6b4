package features

// Steps of the Tradevest features (tradevest_*.feature): a bearer token from
// POST /oauth2/token, requests that carry a Requestor-ID header or leave a
// field out of a body, Tradevest's ErrorMessage.errorDetails, lists wrapped
// in {data, pagination} and paging through them by pagination.cursor, and
// customers created in bulk through the API.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		// A Tradevest access token: form-encoded client credentials on
		// POST /oauth2/token; the token is then sent as a bearer token.
		sc.Step(`^I am authenticated with Tradevest as "([^"]*)" with secret "([^"]*)"$`, func(ctx context.Context, client, secret string) error {
			w := get(ctx)
			tok, err := w.tradevestToken(w.expand(client), w.expand(secret))
			if err != nil {
				return err
			}
			w.auth = "Bearer " + tok
			w.vars["tradevest_token"] = tok
			return nil
		})

		// Requests with a Requestor-ID header.
		sc.Step(`^I (GET|POST|PATCH|DELETE) "([^"]*)" with the Requestor-ID "([^"]*)"$`, func(ctx context.Context, method, path, requestor string) error {
			w := get(ctx)
			return w.tradevestRequest(method, path, "", nil, map[string]string{"Requestor-ID": w.expand(requestor)})
		})
		sc.Step(`^I (POST|PATCH) "([^"]*)" with the Requestor-ID "([^"]*)" and body:$`, func(ctx context.Context, method, path, requestor string, doc *godog.DocString) error {
			w := get(ctx)
			return w.tradevestRequest(method, path, "application/json", []byte(w.expand(doc.Content)), map[string]string{"Requestor-ID": w.expand(requestor)})
		})

		// A JSON body with one field (a dotted path: "mainAddress.zip")
		// left out, for outlines over required fields. "" leaves out nothing.
		sc.Step(`^I (POST|PATCH) "([^"]*)" with this body, leaving out "([^"]*)":$`, func(ctx context.Context, method, path, field string, doc *godog.DocString) error {
			w := get(ctx)
			body, err := withoutField(w.expand(doc.Content), field)
			if err != nil {
				return err
			}
			return w.tradevestRequest(method, path, "application/json", body, nil)
		})
		sc.Step(`^I (POST|PATCH) "([^"]*)" with the Requestor-ID "([^"]*)" and this body, leaving out "([^"]*)":$`, func(ctx context.Context, method, path, requestor, field string, doc *godog.DocString) error {
			w := get(ctx)
			body, err := withoutField(w.expand(doc.Content), field)
			if err != nil {
				return err
			}
			return w.tradevestRequest(method, path, "application/json", body, map[string]string{"Requestor-ID": w.expand(requestor)})
		})

		// A JSON body with one field (a dotted path) set to a JSON value, for
		// outlines over bad values: `where "birthCountry" is "Germany":`.
		sc.Step(`^I (POST|PATCH) "([^"]*)" with this body, where "([^"]*)" is (.+):$`, func(ctx context.Context, method, path, field, value string, doc *godog.DocString) error {
			w := get(ctx)
			body, err := withField(w.expand(doc.Content), field, w.expand(value))
			if err != nil {
				return err
			}
			return w.tradevestRequest(method, path, "application/json", body, nil)
		})

		// ErrorMessage.errorDetails: which fields an error names.
		sc.Step(`^the error details name the field "([^"]*)"$`, func(ctx context.Context, field string) error {
			w := get(ctx)
			want := w.expand(field)
			return w.errorDetailsName(want, func(f string) bool { return f == want })
		})
		sc.Step(`^the error details name a field within "([^"]*)"$`, func(ctx context.Context, field string) error {
			w := get(ctx)
			want := w.expand(field)
			return w.errorDetailsName(want+" or inside it", func(f string) bool { return f == want || strings.HasPrefix(f, want+".") })
		})
		sc.Step(`^the error details name exactly the fields "([^"]*)"$`, func(ctx context.Context, list string) error {
			w := get(ctx)
			fields, err := w.errorDetailFields()
			if err != nil {
				return err
			}
			want := append([]string{}, splitList(w.expand(list))...)
			sort.Strings(fields)
			sort.Strings(want)
			if !reflect.DeepEqual(fields, want) {
				return fmt.Errorf("errorDetails name %q, want exactly %q: %s", fields, want, w.last.body)
			}
			return nil
		})

		// Items of a list inside the response ({data: [...]}), by one field.
		sc.Step(`^the "([^"]*)" of the items in "([^"]*)" are "([^"]*)"$`, func(ctx context.Context, field, path, want string) error {
			w := get(ctx)
			v, err := w.field(path)
			if err != nil {
				return err
			}
			got, err := pluck(v, field)
			if err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			wantList := splitList(w.expand(want))
			if !(len(got) == 0 && len(wantList) == 0) && !reflect.DeepEqual(got, wantList) {
				return fmt.Errorf("%s of the items in %s are %q, want %q", field, path, got, wantList)
			}
			return nil
		})
		// The whole body against one item of a list in a kept body (see
		// `I keep the response body as`): a listed item equals GET by id.
		sc.Step(`^the response body equals item (\d+) of "([^"]*)" in the kept "([^"]*)"$`, func(ctx context.Context, i int, path, name string) error {
			w := get(ctx)
			kept, ok := w.vars[name]
			if !ok {
				return fmt.Errorf("nothing kept as %q", name)
			}
			doc, err := decode(kept)
			if err != nil {
				return err
			}
			item, ok := dig(doc, path+"."+strconv.Itoa(i))
			if !ok {
				return fmt.Errorf("the kept %q has no item %d in %s: %s", name, i, path, kept)
			}
			return equalJSON(w.last.json, show(item), nil)
		})

		// A list of strings compared as a set (labels).
		sc.Step(`^the response field "([^"]*)" lists, in any order, "([^"]*)"$`, func(ctx context.Context, path, want string) error {
			w := get(ctx)
			v, err := w.field(path)
			if err != nil {
				return err
			}
			l, ok := v.([]any)
			if !ok {
				return fmt.Errorf("field %s is %s, want a list", path, show(v))
			}
			got := []string{}
			for _, e := range l {
				s, ok := e.(string)
				if !ok {
					return fmt.Errorf("field %s holds %s, not only strings", path, show(v))
				}
				got = append(got, s)
			}
			wantList := append([]string{}, splitList(w.expand(want))...)
			sort.Strings(got)
			sort.Strings(wantList)
			if !reflect.DeepEqual(got, wantList) && !(len(got) == 0 && len(wantList) == 0) {
				return fmt.Errorf("field %s is %s, want %q in any order", path, show(v), wantList)
			}
			return nil
		})

		// Paging: GET the path, then again with ?cursor= the last
		// pagination.cursor, until it is "". Every page must answer 200,
		// hold at most the limit it echoes, and echo the limit asked for.
		sc.Step(`^I page through "([^"]*)" following pagination.cursor$`, func(ctx context.Context, path string) error {
			return get(ctx).pageThrough(path)
		})
		sc.Step(`^paging took (\d+) requests?$`, func(ctx context.Context, n int) error {
			w := get(ctx)
			if got := w.vars["tradevest_pages"]; got != strconv.Itoa(n) {
				return fmt.Errorf("paging took %s requests, want %d", got, n)
			}
			return nil
		})
		sc.Step(`^the "([^"]*)" of the paged items are "([^"]*)"$`, func(ctx context.Context, field, want string) error {
			w := get(ctx)
			var items any
			if err := json.Unmarshal([]byte(w.vars["tradevest_paged"]), &items); err != nil {
				return fmt.Errorf("no paging was done: %v", err)
			}
			got, err := pluck(items, field)
			if err != nil {
				return err
			}
			wantList := splitList(w.expand(want))
			if !(len(got) == 0 && len(wantList) == 0) && !reflect.DeepEqual(got, wantList) {
				return fmt.Errorf("%s of the paged items are %q, want %q", field, got, wantList)
			}
			return nil
		})

		// `3 Tradevest customers created one second apart` creates, with the
		// current token, natural persons "Person 1" … "Person 3" and a
		// customer role for each, saved as {person_1}, {customer_1}, …; a second
		// passes after each customer (world.tick).
		sc.Step(`^(\d+) Tradevest customers created one second apart$`, func(ctx context.Context, n int) error {
			w := get(ctx)
			for i := 1; i <= n; i++ {
				person := fmt.Sprintf(`{"firstName": "Person", "lastName": "Number %d", "birthDay": "1980-01-01",
					"birthPlace": "Köln", "birthCountry": "DE", "nationalities": [{"countryCode": "DE"}],
					"mainAddress": {"street": "Domkloster", "streetNumber": "%d", "city": "Köln", "zip": "50667", "country": "DE"}}`, i, i)
				r, err := w.tradevestDo("POST", "/entities/natural-persons", "application/json", []byte(person), nil)
				if err != nil {
					return err
				}
				if r.status != http.StatusOK {
					return fmt.Errorf("creating person %d: %d %s", i, r.status, r.body)
				}
				pid, _ := r.json.(map[string]any)["naturalPersonId"].(string)
				r, err = w.tradevestDo("POST", "/roles/customers", "application/json",
					[]byte(fmt.Sprintf(`{"entityId": %q, "entityType": "NATURAL_PERSON"}`, pid)), nil)
				if err != nil {
					return err
				}
				if r.status != http.StatusOK {
					return fmt.Errorf("creating customer %d: %d %s", i, r.status, r.body)
				}
				cid, _ := r.json.(map[string]any)["customerId"].(string)
				w.vars[fmt.Sprintf("person_%d", i)], w.vars[fmt.Sprintf("customer_%d", i)] = pid, cid
				if err := w.tick(time.Second); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// tradevestToken gets a Tradevest access token with form-encoded client
// credentials.
func (w *world) tradevestToken(client, secret string) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {client}, "client_secret": {secret}}
	r, err := w.do("POST", "/oauth2/token", "application/x-www-form-urlencoded", []byte(form.Encode()), "")
	if err != nil {
		return "", err
	}
	if r.status != http.StatusOK {
		return "", fmt.Errorf("Tradevest token for %s: %d %s", client, r.status, r.body)
	}
	tok, _ := r.json.(map[string]any)["access_token"].(string)
	if tok == "" {
		return "", fmt.Errorf("Tradevest token for %s: no access_token in %s", client, r.body)
	}
	if !w.owns(client) {
		w.foreign["Bearer "+tok] = true
	}
	return tok, nil
}

// tradevestRequest sends a request with extra headers and keeps the
// response as the last one.
func (w *world) tradevestRequest(method, path, ct string, body []byte, headers map[string]string) error {
	r, err := w.tradevestDo(method, w.apiPath(path), ct, body, headers)
	if err != nil {
		return err
	}
	w.last = r
	return nil
}

// tradevestDo sends a request with the scenario's Authorization header
// and extra request headers through world.do, which validates the response
// against its schema and records the route's status.
func (w *world) tradevestDo(method, path, contentType string, body []byte, headers map[string]string) (*response, error) {
	extra := http.Header{}
	for k, v := range headers {
		extra.Set(k, v)
	}
	return w.do(method, path, contentType, body, w.auth, extra)
}

// withoutField returns the JSON text doc with the field at the dotted path
// removed ("" removes nothing); the field must be there.
func withoutField(doc, path string) ([]byte, error) {
	v, err := decode(doc)
	if err != nil {
		return nil, err
	}
	if path != "" {
		parts := strings.Split(path, ".")
		parent, ok := dig(v, strings.Join(parts[:len(parts)-1], "."))
		m, isMap := parent.(map[string]any)
		if !ok || !isMap {
			return nil, fmt.Errorf("the body has no object to leave %s out of", path)
		}
		if _, ok := m[parts[len(parts)-1]]; !ok {
			return nil, fmt.Errorf("the body has no field %s to leave out", path)
		}
		delete(m, parts[len(parts)-1])
	}
	return json.Marshal(v)
}

// withField returns the JSON text doc with the field at the dotted path set
// to the JSON value (its parent object must exist).
func withField(doc, path, value string) ([]byte, error) {
	v, err := decode(doc)
	if err != nil {
		return nil, err
	}
	val, err := decode(value)
	if err != nil {
		return nil, fmt.Errorf("the value %s: %v", value, err)
	}
	parts := strings.Split(path, ".")
	parent, _ := dig(v, strings.Join(parts[:len(parts)-1], "."))
	switch p := parent.(type) {
	case map[string]any:
		p[parts[len(parts)-1]] = val
	case []any:
		i, err := strconv.Atoi(parts[len(parts)-1])
		if err != nil || i < 0 || i >= len(p) {
			return nil, fmt.Errorf("the body has no item %s", path)
		}
		p[i] = val
	default:
		return nil, fmt.Errorf("the body has no object to set %s in", path)
	}
	return json.Marshal(v)
}

// errorDetailFields lists ErrorMessage.errorDetails[].field.
func (w *world) errorDetailFields() ([]string, error) {
	v, err := w.field("errorDetails")
	if err != nil {
		return nil, err
	}
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("errorDetails is %s, want a list", show(v))
	}
	fields := []string{}
	for _, d := range l {
		m, _ := d.(map[string]any)
		s, _ := m["field"].(string)
		fields = append(fields, s)
	}
	return fields, nil
}

// pluck takes one field of each item of a list.
func pluck(v any, field string) ([]string, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s is not a list", show(v))
	}
	got := []string{}
	for _, it := range l {
		f, _ := dig(it, field)
		got = append(got, fmt.Sprint(f))
	}
	return got, nil
}

// pageThrough follows pagination.cursor from the first page of path to the
// last, keeping every item and the number of requests.
func (w *world) pageThrough(path string) error {
	path = w.expand(path)
	wantLimit := ""
	if u, err := url.Parse(path); err == nil {
		wantLimit = u.Query().Get("limit")
	}
	var items []any
	cursor := ""
	for page := 1; ; page++ {
		if page > 500 {
			return fmt.Errorf("still paging after 500 requests: the cursor never becomes \"\"")
		}
		p := path
		if cursor != "" {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			p += sep + "cursor=" + url.QueryEscape(cursor)
		}
		r, err := w.tradevestDo("GET", w.apiPath(p), "", nil, nil)
		if err != nil {
			return err
		}
		w.last = r
		if r.status != http.StatusOK {
			return fmt.Errorf("GET %s (page %d): %d %s", p, page, r.status, r.body)
		}
		data, _ := dig(r.json, "data")
		l, ok := data.([]any)
		if !ok {
			return fmt.Errorf("GET %s: no data list in %s", p, r.body)
		}
		lim, _ := dig(r.json, "pagination.limit")
		n, _ := lim.(json.Number)
		if wantLimit != "" && n.String() != wantLimit {
			return fmt.Errorf("GET %s: pagination.limit is %v, want %s", p, show(lim), wantLimit)
		}
		if max, err := strconv.Atoi(n.String()); err != nil || len(l) > max {
			return fmt.Errorf("GET %s: %d items, more than pagination.limit %v", p, len(l), show(lim))
		}
		items = append(items, l...)
		next, _ := dig(r.json, "pagination.cursor")
		s, ok := next.(string)
		if !ok {
			return fmt.Errorf("GET %s: pagination.cursor is %s, want a string", p, show(next))
		}
		if s == "" {
			w.vars["tradevest_pages"] = strconv.Itoa(page)
			break
		}
		if len(l) == 0 {
			return fmt.Errorf("GET %s: an empty page with a next cursor %q", p, s)
		}
		cursor = s
	}
	if items == nil {
		items = []any{}
	}
	data, err := json.Marshal(items)
	if err != nil {
		return err
	}
	w.vars["tradevest_paged"] = string(data)
	return nil
}

// errorDetailsName checks that ErrorMessage.errorDetails names a field
// that match accepts.
func (w *world) errorDetailsName(want string, match func(string) bool) error {
	fields, err := w.errorDetailFields()
	if err != nil {
		return err
	}
	for _, f := range fields {
		if match(f) {
			return nil
		}
	}
	return fmt.Errorf("errorDetails name %q, not %s: %s", fields, want, w.last.body)
}
