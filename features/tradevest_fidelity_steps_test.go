package features

// Steps of tradevest_fidelity.feature: ids spelt in upper case, as Swift's
// uuidString or .NET's ToUpper() give them.

import (
	"context"
	"strings"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		// `I save "{x}" in upper case as "x_upper"`: {x_upper} is then the text with
		// every letter in upper case.
		sc.Step(`^I save "([^"]*)" in upper case as "([^"]*)"$`, func(ctx context.Context, text, name string) error {
			w := get(ctx)
			w.vars[name] = strings.ToUpper(w.expand(text))
			return nil
		})
	})
}
