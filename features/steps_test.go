package features

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cucumber/godog"
	"gopkg.in/yaml.v3"
)

type worldKey struct{}

func get(ctx context.Context) *world { return ctx.Value(worldKey{}).(*world) }

func basicAuth(id, secret string) string {
	return base64.StdEncoding.EncodeToString([]byte(id + ":" + secret))
}

// coreHooks starts every scenario with its own world (a fresh sandbox or
// fresh accounts) and checks or cleans up after it.
func coreHooks(sc *stepRegistry) {
	sc.Before(func(ctx context.Context, s *godog.Scenario) (context.Context, error) {
		// A shared sandbox is never reset, its clock never moved: a
		// scenario that needs either is tagged @in-process and runs only on
		// a sandbox of its own.
		scenariosRun.Add(1)
		w, err := newWorld(s)
		if err != nil {
			return ctx, err
		}
		return context.WithValue(ctx, worldKey{}, w), nil
	})
	sc.After(func(ctx context.Context, _ *godog.Scenario, err error) (context.Context, error) {
		w, ok := ctx.Value(worldKey{}).(*world)
		if !ok {
			return ctx, nil
		}
		// Leave a shared sandbox as the scenario found it: remove its
		// accounts, partners and fault rules.
		if w.remote {
			return ctx, w.cleanUp()
		}
		if err != nil {
			os.RemoveAll(w.stateDir)
			return ctx, nil
		}
		return ctx, w.checkStateFile()
	})
}

// coreSteps are the steps every feature uses: credentials, requests,
// responses, errors, saved values and the sandbox clock.
func coreSteps(sc *stepRegistry) {
	// Credentials.
	sc.Step(`^I am authenticated as "([^"]*)"$`, func(ctx context.Context, client string) error {
		return get(ctx).authenticate(get(ctx).aid, client, secretOf(client))
	})
	sc.Step(`^I am authenticated as "([^"]*)" on the other account$`, func(ctx context.Context, client string) error {
		return get(ctx).authenticate(get(ctx).otherAid, client, secretOf(client))
	})
	sc.Step(`^I am authenticated as "([^"]*)" with secret "([^"]*)" on account "([^"]*)"$`, func(ctx context.Context, client, secret, aid string) error {
		w := get(ctx)
		return w.authenticate(w.expand(aid), client, secret)
	})
	sc.Step(`^I send the Authorization header "([^"]*)"$`, func(ctx context.Context, h string) {
		get(ctx).auth = get(ctx).expand(h)
	})
	sc.Step(`^I send no access token$`, func(ctx context.Context) { get(ctx).auth = "" })

	// Data set-up.
	sc.Step(`^the fixture:$`, func(ctx context.Context, doc *godog.DocString) error {
		return get(ctx).loadFixture(get(ctx).expand(doc.Content))
	})
	sc.Step(`^the account settings are:$`, func(ctx context.Context, doc *godog.DocString) error {
		return get(ctx).settings(get(ctx).aid, doc.Content)
	})
	sc.Step(`^the customers?:$`, func(ctx context.Context, t *godog.Table) error { return get(ctx).createCustomers(t) })

	// Requests.
	sc.Step(`^I (GET|POST|PUT|PATCH|DELETE|HEAD) "([^"]*)"$`, func(ctx context.Context, method, path string) error {
		return get(ctx).request(method, path, "", nil)
	})
	sc.Step(`^I (GET|POST|PUT|PATCH|DELETE|HEAD) "([^"]*)" with body:$`, func(ctx context.Context, method, path string, doc *godog.DocString) error {
		w := get(ctx)
		return w.request(method, path, "application/json", []byte(w.expand(doc.Content)))
	})
	sc.Step(`^I (POST|PUT|PATCH) "([^"]*)" with content type "([^"]*)" and body:$`, func(ctx context.Context, method, path, ct string, doc *godog.DocString) error {
		w := get(ctx)
		return w.request(method, path, ct, []byte(w.expand(doc.Content)))
	})
	sc.Step(`^I (POST|PUT|PATCH) "([^"]*)" with a JSON body of (\d+) bytes$`, func(ctx context.Context, method, path string, n int) error {
		pad := strings.Repeat("x", max(n-20, 0))
		return get(ctx).request(method, path, "application/json", []byte(`{"metadata":{"p":"`+pad+`"}}`))
	})

	sc.Step(`^I (POST|PUT) the last response body to "([^"]*)" with content type "([^"]*)"$`, func(ctx context.Context, method, path, ct string) error {
		w := get(ctx)
		if w.last == nil {
			return fmt.Errorf("no request was made")
		}
		return w.request(method, path, ct, w.last.body)
	})

	// Responses.
	sc.Step(`^the response status (?:is|should be) (\d+)$`, func(ctx context.Context, status int) error {
		r := get(ctx).last
		if r.status != status {
			return fmt.Errorf("status %d, want %d; body: %s", r.status, status, r.body)
		}
		return nil
	})
	sc.Step(`^the response field "([^"]*)" (?:is|should be) "([^"]*)"$`, func(ctx context.Context, path, want string) error {
		w := get(ctx)
		v, err := w.field(path)
		if err != nil {
			return err
		}
		if s, ok := v.(string); !ok || s != w.expand(want) {
			return fmt.Errorf("field %s is %v, want %q", path, show(v), w.expand(want))
		}
		return nil
	})
	sc.Step(`^the response field "([^"]*)" (?:is|should be) (true|false|null)$`, func(ctx context.Context, path, lit string) error {
		v, err := get(ctx).field(path)
		if err != nil {
			return err
		}
		want := map[string]any{"true": true, "false": false, "null": nil}[lit]
		if v != want {
			return fmt.Errorf("field %s is %v, want %s", path, show(v), lit)
		}
		return nil
	})
	sc.Step(`^the response field "([^"]*)" (?:is|should be) the number (-?[0-9.]+)$`, func(ctx context.Context, path, want string) error {
		v, err := get(ctx).field(path)
		if err != nil {
			return err
		}
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("field %s is %v, want the number %s", path, show(v), want)
		}
		a, _ := strconv.ParseFloat(n.String(), 64)
		b, _ := strconv.ParseFloat(want, 64)
		if a != b {
			return fmt.Errorf("field %s is %s, want %s", path, n, want)
		}
		return nil
	})
	sc.Step(`^the response field "([^"]*)" (?:is|should be):$`, func(ctx context.Context, path string, doc *godog.DocString) error {
		w := get(ctx)
		v, err := w.field(path)
		if err != nil {
			return err
		}
		return equalJSON(v, w.expand(doc.Content), nil)
	})
	sc.Step(`^the response field "([^"]*)" matches "([^"]*)"$`, func(ctx context.Context, path, pattern string) error {
		v, err := get(ctx).field(path)
		if err != nil {
			return err
		}
		s, _ := v.(string)
		if !regexp.MustCompile(pattern).MatchString(s) {
			return fmt.Errorf("field %s is %v, which does not match %s", path, show(v), pattern)
		}
		return nil
	})
	sc.Step(`^the response field "([^"]*)" (?:is|should be) (?:a list|an array) of (\d+) items?$`, func(ctx context.Context, path string, n int) error {
		v, err := get(ctx).field(path)
		if err != nil {
			return err
		}
		l, ok := v.([]any)
		if !ok || len(l) != n {
			return fmt.Errorf("field %s is %v, want a list of %d", path, show(v), n)
		}
		return nil
	})
	sc.Step(`^the response has the field "([^"]*)"$`, func(ctx context.Context, path string) error {
		_, err := get(ctx).field(path)
		return err
	})
	sc.Step(`^the response has no field "([^"]*)"$`, func(ctx context.Context, path string) error {
		if v, err := get(ctx).field(path); err == nil {
			return fmt.Errorf("field %s is present: %v", path, show(v))
		}
		return nil
	})
	sc.Step(`^the response (?:body )?is a list of (\d+) items?$`, func(ctx context.Context, n int) error {
		l, ok := get(ctx).last.json.([]any)
		if !ok || len(l) != n {
			return fmt.Errorf("body is %s, want a list of %d", get(ctx).last.body, n)
		}
		return nil
	})
	sc.Step(`^the "([^"]*)" of the response items (?:are|is) "([^"]*)"$`, func(ctx context.Context, field, want string) error {
		w := get(ctx)
		l, ok := w.last.json.([]any)
		if !ok {
			return fmt.Errorf("body is not a list: %s", w.last.body)
		}
		var got []string
		for _, it := range l {
			v, _ := dig(it, field)
			got = append(got, fmt.Sprint(v))
		}
		wantList := splitList(w.expand(want))
		if !reflect.DeepEqual(got, wantList) && !(len(got) == 0 && len(wantList) == 0) {
			return fmt.Errorf("%s of the items are %q, want %q", field, got, wantList)
		}
		return nil
	})
	sc.Step(`^the response body (?:is|equals):$`, func(ctx context.Context, doc *godog.DocString) error {
		w := get(ctx)
		return equalJSON(w.last.json, w.expand(doc.Content), nil)
	})
	sc.Step(`^the response body equals, ignoring "([^"]*)":$`, func(ctx context.Context, ignore string, doc *godog.DocString) error {
		w := get(ctx)
		return equalJSON(w.last.json, w.expand(doc.Content), splitList(ignore))
	})
	sc.Step(`^the response body contains:$`, func(ctx context.Context, doc *godog.DocString) error {
		w := get(ctx)
		want, err := decode(w.expand(doc.Content))
		if err != nil {
			return err
		}
		if err := contains(w.last.json, want, "$"); err != nil {
			return fmt.Errorf("%v\nbody: %s", err, w.last.body)
		}
		return nil
	})
	sc.Step(`^the response body is empty$`, func(ctx context.Context) error {
		if b := get(ctx).last.body; len(strings.TrimSpace(string(b))) != 0 {
			return fmt.Errorf("body is %s, want none", b)
		}
		return nil
	})
	sc.Step(`^the response header "([^"]*)" (?:is|should be) "([^"]*)"$`, func(ctx context.Context, name, want string) error {
		w := get(ctx)
		if got := w.last.header.Get(name); got != w.expand(want) {
			return fmt.Errorf("header %s is %q, want %q", name, got, w.expand(want))
		}
		return nil
	})
	sc.Step(`^the response has no header "([^"]*)"$`, func(ctx context.Context, name string) error {
		if got := get(ctx).last.header.Get(name); got != "" {
			return fmt.Errorf("header %s is %q, want none", name, got)
		}
		return nil
	})

	// Errors.
	sc.Step(`^the error code is "([^"]*)"$`, func(ctx context.Context, code string) error {
		return get(ctx).errorField("error.code", func(s string) bool { return s == code }, code)
	})
	sc.Step(`^the error message is "([^"]*)"$`, func(ctx context.Context, msg string) error {
		return get(ctx).errorField("error.message", func(s string) bool { return s == msg }, msg)
	})
	sc.Step(`^the error message contains "([^"]*)"$`, func(ctx context.Context, part string) error {
		return get(ctx).errorField("error.message", func(s string) bool { return strings.Contains(s, part) }, "…"+part+"…")
	})
	sc.Step(`^the error lists the (path|query|header|body) field "([^"]*)"$`, func(ctx context.Context, in, field string) error {
		return get(ctx).errorLists(in, field)
	})
	sc.Step(`^the error lists (\d+) violations?$`, func(ctx context.Context, n int) error {
		v, err := get(ctx).field("error.errors")
		if err != nil {
			return err
		}
		if l, _ := v.([]any); len(l) != n {
			return fmt.Errorf("error.errors is %v, want %d entries", show(v), n)
		}
		return nil
	})

	// Saved values.
	sc.Step(`^I save the response field "([^"]*)" as "([^"]*)"$`, func(ctx context.Context, path, name string) error {
		w := get(ctx)
		v, err := w.field(path)
		if err != nil {
			return err
		}
		w.vars[name] = fmt.Sprint(v)
		return nil
	})
	sc.Step(`^I save the response header "([^"]*)" as "([^"]*)"$`, func(ctx context.Context, header, name string) error {
		w := get(ctx)
		v := w.last.header.Get(header)
		if v == "" {
			return fmt.Errorf("no header %s", header)
		}
		w.vars[name] = v
		return nil
	})

	// The sandbox clock.
	sc.Step(`^the sandbox clock is frozen at "([^"]*)"$`, func(ctx context.Context, at string) error {
		return get(ctx).control("PUT", "/_sandbox/clock", fmt.Sprintf(`{"now":%q}`, at))
	})
	sc.Step(`^the sandbox clock advances (\d+) seconds?$`, func(ctx context.Context, n int) error {
		return get(ctx).control("POST", "/_sandbox/clock/advance", fmt.Sprintf(`{"seconds":%d}`, n))
	})
	sc.Step(`^the sandbox clock advances (\d+) days?$`, func(ctx context.Context, n int) error {
		return get(ctx).control("POST", "/_sandbox/clock/advance", fmt.Sprintf(`{"seconds":%d}`, n*86400))
	})
}

func (w *world) authenticate(aid, client, secret string) error {
	tok, err := w.token(aid, client, secret)
	if err != nil {
		return err
	}
	w.auth = "Bearer " + tok
	w.vars["token"] = tok
	return nil
}

func (w *world) request(method, path, ct string, body []byte) error {
	r, err := w.do(method, w.apiPath(path), ct, body, w.auth)
	if err != nil {
		return err
	}
	w.last = r
	return nil
}

func (w *world) control(method, path, body string) error {
	r, err := w.do(method, path, "application/json", []byte(body), "")
	if err != nil {
		return err
	}
	if r.status != 200 {
		return fmt.Errorf("%s %s: %d %s", method, path, r.status, r.body)
	}
	return nil
}

// settings stores account settings through a fixture document.
func (w *world) settings(aid, doc string) error {
	var v any
	if err := yaml.Unmarshal([]byte(w.expand(doc)), &v); err != nil {
		return err
	}
	out, err := yaml.Marshal(map[string]any{"dintero": map[string]any{"accounts": map[string]any{aid: map[string]any{"settings": v}}}})
	if err != nil {
		return err
	}
	return w.loadFixture(string(out))
}

// createCustomers creates one customer per table row through the API, as
// the account's admin client. A cell starting with { or [ is JSON; an empty
// cell leaves the field out.
func (w *world) createCustomers(t *godog.Table) error {
	tok, err := w.token(w.aid, "admin-client", secretOf("admin-client"))
	if err != nil {
		return err
	}
	head := t.Rows[0].Cells
	for _, row := range t.Rows[1:] {
		body := map[string]any{}
		for i, c := range row.Cells {
			v := w.expand(c.Value)
			switch {
			case v == "":
			case strings.HasPrefix(v, "{") || strings.HasPrefix(v, "["):
				var j any
				if err := json.Unmarshal([]byte(v), &j); err != nil {
					return fmt.Errorf("column %s: %v", head[i].Value, err)
				}
				body[head[i].Value] = j
			default:
				body[head[i].Value] = v
			}
		}
		data, _ := json.Marshal(body)
		r, err := w.do("POST", w.apiPath("/customers/users"), "application/json", data, "Bearer "+tok)
		if err != nil {
			return err
		}
		if r.status != 200 {
			return fmt.Errorf("creating customer %s: %d %s", data, r.status, r.body)
		}
		// Lists are ordered by created_at, then id: a millisecond between
		// rows keeps the table's order.
		if err := w.tick(time.Millisecond); err != nil {
			return err
		}
	}
	return nil
}

func (w *world) field(path string) (any, error) {
	if w.last == nil {
		return nil, fmt.Errorf("no request was made")
	}
	v, ok := dig(w.last.json, w.expand(path))
	if !ok {
		return nil, fmt.Errorf("no field %s in %s", path, w.last.body)
	}
	return v, nil
}

func (w *world) errorField(path string, ok func(string) bool, want string) error {
	v, err := w.field(path)
	if err != nil {
		return err
	}
	if s, _ := v.(string); !ok(s) {
		return fmt.Errorf("%s is %v, want %q", path, show(v), want)
	}
	return nil
}

func (w *world) errorLists(in, field string) error {
	v, err := w.field("error.errors")
	if err != nil {
		return err
	}
	for _, e := range v.([]any) {
		m, _ := e.(map[string]any)
		if m["in"] == in && m["field"] == field {
			return nil
		}
	}
	return fmt.Errorf("error.errors does not list %s field %s: %s", in, field, w.last.body)
}

// dig follows a dotted path (numbers index lists) into a JSON value.
func dig(v any, path string) (any, bool) {
	if path == "" || path == "." {
		return v, true
	}
	for _, p := range strings.Split(path, ".") {
		switch t := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = t[p]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			v = t[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func splitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func decode(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("the expected JSON is invalid: %v", err)
	}
	return v, nil
}

// equalJSON compares got with the JSON text want, leaving out the ignored
// keys at any depth.
func equalJSON(got any, want string, ignore []string) error {
	w, err := decode(want)
	if err != nil {
		return err
	}
	g := strip(normalize(got), ignore)
	w = strip(normalize(w), ignore)
	if !reflect.DeepEqual(g, w) {
		return fmt.Errorf("body differs\n got: %s\nwant: %s", show(g), show(w))
	}
	return nil
}

func normalize(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range t {
			out[k] = normalize(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = normalize(e)
		}
		return out
	case json.Number:
		f, _ := t.Float64()
		return f
	}
	return v
}

func strip(v any, ignore []string) any {
	switch t := v.(type) {
	case map[string]any:
		for _, k := range ignore {
			delete(t, k)
		}
		for k, e := range t {
			t[k] = strip(e, ignore)
		}
	case []any:
		for i, e := range t {
			t[i] = strip(e, ignore)
		}
	}
	return v
}

// contains checks that every member of want is in got with an equal value;
// lists must have the same length and match item by item.
func contains(got, want any, at string) error {
	switch wt := want.(type) {
	case map[string]any:
		gm, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: got %s, want an object", at, show(got))
		}
		for k, wv := range wt {
			gv, ok := gm[k]
			if !ok {
				return fmt.Errorf("%s.%s: missing", at, k)
			}
			if err := contains(gv, wv, at+"."+k); err != nil {
				return err
			}
		}
		return nil
	case []any:
		gl, ok := got.([]any)
		if !ok || len(gl) != len(wt) {
			return fmt.Errorf("%s: got %s, want %d items", at, show(got), len(wt))
		}
		for i := range wt {
			if err := contains(gl[i], wt[i], fmt.Sprintf("%s.%d", at, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if !reflect.DeepEqual(normalize(got), normalize(want)) {
		return fmt.Errorf("%s: got %s, want %s", at, show(got), show(want))
	}
	return nil
}
