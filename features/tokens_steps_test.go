package features

// Steps of tokens.feature and token_events.feature: adding customer tokens
// and recording token events from a table (through the API, as the
// account's admin client), and comparing a field with a saved value.

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cucumber/godog"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		// `the customer "c-1" has the tokens:` adds one token per row with
		// POST /customers/users/c-1/tokens. Columns: token_id, type, value,
		// metadata (JSON); an empty cell leaves the field out. Rows are one
		// millisecond apart (see world.tick), so the list order is the
		// table's order.
		sc.Step(`^the customer "([^"]*)" has the tokens:$`, func(ctx context.Context, cid string, t *godog.Table) error {
			w := get(ctx)
			path := w.apiPath("/customers/users/" + cid + "/tokens")
			return w.postRows(t, path, 201, func(row map[string]any) any { return row })
		})

		// `the token events:` records one event per row with
		// POST /customers/tokens/events. Columns: type, value (the token),
		// event, status, expires_at, metadata (JSON); an empty cell leaves
		// the field out. Rows are one millisecond apart (see world.tick).
		sc.Step(`^the token events:$`, func(ctx context.Context, t *godog.Table) error {
			w := get(ctx)
			return w.postRows(t, w.apiPath("/customers/tokens/events"), 200, func(row map[string]any) any {
				token := map[string]any{"type": row["type"], "value": row["value"]}
				delete(row, "type")
				delete(row, "value")
				return map[string]any{"token": token, "event": row}
			})
		})

		// One item of a list answer, found by a field, compared as a whole:
		// for lists whose order depends on data outside the scenario (the
		// default fixtures).
		sc.Step(`^the item of the response list whose "([^"]*)" is "([^"]*)" equals:$`, func(ctx context.Context, key, want string, doc *godog.DocString) error {
			w := get(ctx)
			l, ok := w.last.json.([]any)
			if !ok {
				return fmt.Errorf("body is not a list: %s", w.last.body)
			}
			want = w.expand(want)
			for _, it := range l {
				if v, _ := dig(it, key); fmt.Sprint(v) == want {
					return equalJSON(it, w.expand(doc.Content), nil)
				}
			}
			return fmt.Errorf("no item has %s %q: %s", key, want, w.last.body)
		})

		// A value that must differ from a saved one, e.g. the random id of
		// an unknown token type/value.
		sc.Step(`^the response field "([^"]*)" is other than "([^"]*)"$`, func(ctx context.Context, path, other string) error {
			w := get(ctx)
			v, err := w.field(path)
			if err != nil {
				return err
			}
			if fmt.Sprint(v) == w.expand(other) {
				return fmt.Errorf("field %s is %v, want another value", path, show(v))
			}
			return nil
		})
	})
}

// postRows posts one JSON body per table row (built by body from the row's
// non-empty cells; a cell starting with { or [ is JSON) as the account's
// admin client, wants the status want for each, and lets a millisecond
// pass after each row (world.tick).
func (w *world) postRows(t *godog.Table, path string, want int, body func(map[string]any) any) error {
	tok, err := w.token(w.aid, "admin-client", secretOf("admin-client"))
	if err != nil {
		return err
	}
	head := t.Rows[0].Cells
	for _, r := range t.Rows[1:] {
		row := map[string]any{}
		for i, c := range r.Cells {
			v := w.expand(c.Value)
			switch {
			case v == "":
			case v[0] == '{' || v[0] == '[':
				var j any
				if err := json.Unmarshal([]byte(v), &j); err != nil {
					return fmt.Errorf("column %s: %v", head[i].Value, err)
				}
				row[head[i].Value] = j
			default:
				row[head[i].Value] = v
			}
		}
		data, _ := json.Marshal(body(row))
		res, err := w.do("POST", path, "application/json", data, "Bearer "+tok)
		if err != nil {
			return err
		}
		if res.status != want {
			return fmt.Errorf("POST %s %s: %d %s", path, data, res.status, res.body)
		}
		if err := w.tick(time.Millisecond); err != nil {
			return err
		}
	}
	return nil
}
