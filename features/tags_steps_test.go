package features

// Steps of tags.feature, terms.feature, settings.feature and
// communication.feature: a list compared as a set, and an error that names
// a saved value (an id) among its violations.

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"time"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		// The items of a list response, by one field, in whatever order the
		// API gives them: for answers whose order no document fixes.
		sc.Step(`^the "([^"]*)" of the response items, in any order, are "([^"]*)"$`, func(ctx context.Context, field, want string) error {
			w := get(ctx)
			l, ok := w.last.json.([]any)
			if !ok {
				return fmt.Errorf("body is not a list: %s", w.last.body)
			}
			got := []string{}
			for _, it := range l {
				v, _ := dig(it, field)
				got = append(got, fmt.Sprint(v))
			}
			wantList := append([]string{}, splitList(w.expand(want))...)
			sort.Strings(got)
			sort.Strings(wantList)
			if !reflect.DeepEqual(got, wantList) {
				return fmt.Errorf("%s of the items are %q, want %q in any order", field, got, wantList)
			}
			return nil
		})

		// `3 terms created one second apart` creates "Terms 1" … "Terms 3"
		// through the API as the account's admin client, a second
		// apart (world.tick).
		sc.Step(`^(\d+) terms created one second apart$`, func(ctx context.Context, n int) error {
			w := get(ctx)
			tok, err := w.token(w.aid, "admin-client", secretOf("admin-client"))
			if err != nil {
				return err
			}
			for i := 1; i <= n; i++ {
				body := fmt.Sprintf(`{"terms":"Terms %d"}`, i)
				r, err := w.do("POST", w.apiPath("/customers/terms"), "application/json", []byte(body), "Bearer "+tok)
				if err != nil {
					return err
				}
				if r.status != 200 {
					return fmt.Errorf("creating terms %s: %d %s", body, r.status, r.body)
				}
				if err := w.tick(time.Second); err != nil {
					return err
				}
			}
			return nil
		})

		// error.errors has an entry naming the (expanded) value, e.g. the id
		// of an unknown tag, as any of its members.
		sc.Step(`^the error names "([^"]*)" among its errors$`, func(ctx context.Context, value string) error {
			w := get(ctx)
			want := w.expand(value)
			v, err := w.field("error.errors")
			if err != nil {
				return err
			}
			l, _ := v.([]any)
			for _, e := range l {
				m, _ := e.(map[string]any)
				for _, mv := range m {
					if s, ok := mv.(string); ok && s == want {
						return nil
					}
				}
			}
			return fmt.Errorf("error.errors names no %q: %s", want, w.last.body)
		})
	})
}
