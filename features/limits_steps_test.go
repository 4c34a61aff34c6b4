package features

// Steps of limits.feature and cors.feature: bodies nested to a given depth,
// browser preflights and requests that carry an Origin.

import (
	"context"
	"net/http"
	"strings"

	"github.com/cucumber/godog"
)

// testOrigin is the origin of the browser app the CORS scenarios play.
const testOrigin = "https://app.example"

func init() {
	extraSteps = append(extraSteps, func(sc *godog.ScenarioContext) {
		// {deep} in the body becomes arrays nested n levels deep:
		// [[…[1]…]], valid JSON and YAML alike.
		sc.Step(`^I (POST|PUT|PATCH) "([^"]*)" with this body, where \{deep\} is nested (\d+) levels deep:$`, func(ctx context.Context, method, path string, n int, doc *godog.DocString) error {
			w := get(ctx)
			return w.request(method, path, "application/json", []byte(strings.Replace(w.expand(doc.Content), "{deep}", nested(n), 1)))
		})
		sc.Step(`^I (POST|PUT|PATCH) "([^"]*)" with content type "([^"]*)" and this body, where \{deep\} is nested (\d+) levels deep:$`, func(ctx context.Context, method, path, ct string, n int, doc *godog.DocString) error {
			w := get(ctx)
			return w.request(method, path, ct, []byte(strings.Replace(w.expand(doc.Content), "{deep}", nested(n), 1)))
		})

		// A browser's preflight: OPTIONS with the method (and headers) the
		// app means to send, from testOrigin, with no token.
		sc.Step(`^a browser sends the preflight for (GET|HEAD|POST|PUT|PATCH|DELETE) "([^"]*)"(?: asking for the headers "([^"]*)")?$`, func(ctx context.Context, method, path, headers string) error {
			w := get(ctx)
			h := http.Header{"Origin": {testOrigin}, "Access-Control-Request-Method": {method}}
			if headers != "" {
				h.Set("Access-Control-Request-Headers", headers)
			}
			r, err := w.do(http.MethodOptions, w.apiPath(path), "", nil, "", h)
			if err != nil {
				return err
			}
			w.last = r
			return nil
		})
		// OPTIONS without Access-Control-Request-Method: no preflight.
		sc.Step(`^I send OPTIONS "([^"]*)" without a preflight$`, func(ctx context.Context, path string) error {
			w := get(ctx)
			return w.request(http.MethodOptions, path, "", nil)
		})
		// A request of the browser app: the scenario's token and an Origin.
		sc.Step(`^the browser app sends (GET|POST|PUT|PATCH|DELETE) "([^"]*)"$`, func(ctx context.Context, method, path string) error {
			w := get(ctx)
			r, err := w.do(method, w.apiPath(path), "", nil, w.auth, http.Header{"Origin": {testOrigin}})
			if err != nil {
				return err
			}
			w.last = r
			return nil
		})
	})
}

// nested is a JSON (and YAML) value of n arrays, one within the other.
func nested(n int) string {
	return strings.Repeat("[", n) + "1" + strings.Repeat("]", n)
}
