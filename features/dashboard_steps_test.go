package features

// Steps for the dashboard's read-only endpoints (dashboard.feature).

import (
	"context"
	"fmt"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		sc.Step(`^the response field "([^"]*)" has an item whose "([^"]*)" is "([^"]*)"$`, func(ctx context.Context, path, key, want string) error {
			w := get(ctx)
			v, err := w.field(path)
			if err != nil {
				return err
			}
			return hasItem("field "+path, v, key, w.expand(want))
		})
	})
}

// hasItem checks that list v (what is named) has an item whose field key
// is want.
func hasItem(what string, v any, key, want string) error {
	l, ok := v.([]any)
	if !ok {
		return fmt.Errorf("%s is %s, want a list", what, show(v))
	}
	var seen []string
	for _, it := range l {
		got, _ := dig(it, key)
		if fmt.Sprint(got) == want {
			return nil
		}
		seen = append(seen, fmt.Sprint(got))
	}
	return fmt.Errorf("no item of %s has %s %q (seen %q)", what, key, want, seen)
}
