package features

// Steps for the sandbox's own control endpoints (control.feature): reading
// the YAML that GET /_sandbox/state answers, keeping a response to compare
// or re-send later, and the distance
// between the sandbox clock and real time.

import (
	"context"
	"fmt"
	"math"
	"time"

	"gopkg.in/yaml.v3"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		// The YAML state document.
		sc.Step(`^the YAML response field "([^"]*)" is "([^"]*)"$`, func(ctx context.Context, path, want string) error {
			w := get(ctx)
			v, err := w.yamlField(path)
			if err != nil {
				return err
			}
			if got := fmt.Sprint(v); got != w.expand(want) {
				return fmt.Errorf("YAML field %s is %q, want %q", path, got, w.expand(want))
			}
			return nil
		})
		sc.Step(`^the YAML response has the field "([^"]*)"$`, func(ctx context.Context, path string) error {
			_, err := get(ctx).yamlField(path)
			return err
		})
		sc.Step(`^the YAML response has no field "([^"]*)"$`, func(ctx context.Context, path string) error {
			if v, err := get(ctx).yamlField(path); err == nil {
				return fmt.Errorf("YAML field %s is present: %v", path, show(v))
			}
			return nil
		})
		sc.Step(`^the YAML response field "([^"]*)" is a list of (\d+) items?$`, func(ctx context.Context, path string, n int) error {
			v, err := get(ctx).yamlField(path)
			if err != nil {
				return err
			}
			if l, ok := v.([]any); !ok || len(l) != n {
				return fmt.Errorf("YAML field %s is %s, want a list of %d", path, show(v), n)
			}
			return nil
		})
		sc.Step(`^the YAML response field "([^"]*)" has an item whose "([^"]*)" is "([^"]*)"$`, func(ctx context.Context, path, key, want string) error {
			w := get(ctx)
			v, err := w.yamlField(path)
			if err != nil {
				return err
			}
			return hasItem("YAML field "+path, v, key, w.expand(want))
		})

		// Keeping a response for later.
		sc.Step(`^I keep the response body as "([^"]*)"$`, func(ctx context.Context, name string) error {
			w := get(ctx)
			if w.last == nil {
				return fmt.Errorf("no request was made")
			}
			w.vars[name] = string(w.last.body)
			return nil
		})
		sc.Step(`^the response body equals the kept "([^"]*)"$`, func(ctx context.Context, name string) error {
			w := get(ctx)
			kept, ok := w.vars[name]
			if !ok {
				return fmt.Errorf("nothing kept as %q", name)
			}
			return equalJSON(w.last.json, kept, nil)
		})
		sc.Step(`^I (POST|PUT) the kept "([^"]*)" to "([^"]*)" with content type "([^"]*)"$`, func(ctx context.Context, method, name, path, ct string) error {
			w := get(ctx)
			kept, ok := w.vars[name]
			if !ok {
				return fmt.Errorf("nothing kept as %q", name)
			}
			return w.request(method, path, ct, []byte(kept))
		})

		// The sandbox clock against real time.
		sc.Step(`^the sandbox time in the response field "([^"]*)" is about (\d+) seconds ahead of real time$`, func(ctx context.Context, path string, ahead int) error {
			v, err := get(ctx).field(path)
			if err != nil {
				return err
			}
			s, _ := v.(string)
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return fmt.Errorf("field %s is %v, not an RFC 3339 date-time", path, show(v))
			}
			diff := time.Until(t).Seconds() - float64(ahead)
			if math.Abs(diff) > 5 {
				return fmt.Errorf("field %s is %s: %.1f s ahead of real time, want about %d s", path, s, time.Until(t).Seconds(), ahead)
			}
			return nil
		})
	})
}

// yamlField follows a dotted path into the last response read as YAML.
func (w *world) yamlField(path string) (any, error) {
	if w.last == nil {
		return nil, fmt.Errorf("no request was made")
	}
	var doc any
	if err := yaml.Unmarshal(w.last.body, &doc); err != nil {
		return nil, fmt.Errorf("the body is not YAML: %v\nbody: %s", err, w.last.body)
	}
	v, ok := dig(doc, w.expand(path))
	if !ok {
		return nil, fmt.Errorf("no YAML field %s in\n%s", path, w.last.body)
	}
	return v, nil
}
