package features

// Steps of limits.feature and cors.feature: bodies nested to a given depth,
// browser preflights and requests that carry an Origin.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"time"

	"github.com/cucumber/godog"
)

// testOrigin is the origin of the browser app the CORS scenarios play.
const testOrigin = "https://app.example"

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
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
		// A request line no HTTP client library sends (a path with a
		// broken percent-encoding), written on a TCP connection of its own:
		// to the shared sandbox, or to the scenario's sandbox served on a
		// loopback port the way the binary serves it.
		sc.Step(`^a client sends the raw request line "([^"]*)"$`, func(ctx context.Context, line string) error {
			w := get(ctx)
			return w.rawRequest(w.expand(line))
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

func (w *world) rawRequest(line string) error {
	host := ""
	if w.remote {
		u, err := url.Parse(w.base)
		if err != nil {
			return err
		}
		host = u.Host
	} else {
		srv := httptest.NewUnstartedServer(w.validator)
		srv.Listener = w.validator.Listener(srv.Listener)
		srv.Start()
		defer srv.Close()
		host = strings.TrimPrefix(srv.URL, "http://")
	}
	conn, err := net.Dial("tcp", host)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	head := line + "\r\nHost: " + host + "\r\nConnection: close\r\n"
	if w.auth != "" {
		head += "Authorization: " + w.auth + "\r\n"
	}
	if _, err := io.WriteString(conn, head+"\r\n"); err != nil {
		return err
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	method, target, _ := strings.Cut(line, " ")
	target, _, _ = strings.Cut(target, " ")
	r := &response{method: method, path: target, status: res.StatusCode, header: res.Header, body: data}
	if strings.Contains(res.Header.Get("Content-Type"), "json") {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&r.json); err != nil {
			return fmt.Errorf("%s → %d: the body is not JSON: %v: %s", line, r.status, err, data)
		}
	}
	// The error's shape is that of the API of the path: check it on the
	// path up to its broken part.
	clean, _, _ := strings.Cut(target, "%")
	if err := w.validator.ValidateResponse(method, clean, r.status, data); err != nil {
		return fmt.Errorf("the response breaks its schema: %v\nbody: %s", err, data)
	}
	w.last = r
	return nil
}
