package features

// Steps for tokens on wall time and time-driven transitions
// (token_time.feature, tradevest_onboarding_time.feature): the expiry of a
// token against real time, keeping a token to use it again later, and the
// records of a list in the YAML state.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		sc.Step(`^the access token in the response expires (\d+) seconds after real time$`, func(ctx context.Context, secs int) error {
			exp, err := get(ctx).tokenExpiry()
			if err != nil {
				return err
			}
			if d := time.Until(exp).Seconds() - float64(secs); math.Abs(d) > 5 {
				return fmt.Errorf("the token expires at %s: %.0f s after real time, want %d s", exp.Format(time.RFC3339), time.Until(exp).Seconds(), secs)
			}
			return nil
		})
		sc.Step(`^I keep the access token as "([^"]*)"$`, func(ctx context.Context, name string) error {
			w := get(ctx)
			if w.auth == "" {
				return fmt.Errorf("no access token in use")
			}
			w.vars["auth:"+name] = w.auth
			return nil
		})
		sc.Step(`^I use the access token kept as "([^"]*)"$`, func(ctx context.Context, name string) error {
			w := get(ctx)
			auth, ok := w.vars["auth:"+name]
			if !ok {
				return fmt.Errorf("no access token kept as %q", name)
			}
			w.auth = auth
			return nil
		})
		sc.Step(`^the YAML list "([^"]*)" has an item whose "([^"]*)" is "([^"]*)" and whose "([^"]*)" is "([^"]*)"$`, func(ctx context.Context, path, key, value, field, want string) error {
			w := get(ctx)
			v, err := w.yamlField(path)
			if err != nil {
				return err
			}
			list, _ := v.([]any)
			value, want = w.expand(value), w.expand(want)
			for _, item := range list {
				m, _ := item.(map[string]any)
				if fmt.Sprint(m[key]) != value {
					continue
				}
				if got := fmt.Sprint(m[field]); got != want {
					return fmt.Errorf("the item of %s whose %s is %s has %s %q, want %q", path, key, value, field, got, want)
				}
				return nil
			}
			return fmt.Errorf("no item of %s has %s %s", path, key, value)
		})
	})
}

// tokenExpiry reads the exp claim of the access token in the last response.
func (w *world) tokenExpiry() (time.Time, error) {
	v, err := w.field("access_token")
	if err != nil {
		return time.Time{}, err
	}
	tok, _ := v.(string)
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return time.Time{}, fmt.Errorf("access_token %q is not a JWT", tok)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return time.Time{}, fmt.Errorf("access_token payload: %v", err)
	}
	var claims struct {
		Exp *json.Number `json:"exp"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil || claims.Exp == nil {
		return time.Time{}, fmt.Errorf("access_token has no exp claim: %s", payload)
	}
	exp, err := claims.Exp.Int64()
	if err != nil {
		return time.Time{}, fmt.Errorf("exp claim %s is not whole seconds", claims.Exp)
	}
	return time.Unix(exp, 0).UTC(), nil
}
