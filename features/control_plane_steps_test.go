package features

// Steps of the control-plane features (journal.feature, faults.feature,
// admin.feature): an in-process sandbox rebuilt with other options (a small
// journal, an admin token), a request repeated with a counter, searching a
// raw response body and the lines of the Prometheus text of
// /_sandbox/metrics. (On a shared sandbox the fault rules a scenario added
// are removed when it ends: see world.cleanUp.)

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/cucumber/godog"
	"github.com/customers-api/sandbox/sandbox"
)

func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		// An in-process sandbox built with other options.
		sc.Step(`^the sandbox keeps the last (\d+) requests in its journal$`, func(ctx context.Context, n int) error {
			return get(ctx).rebuild(sandbox.Options{JournalSize: n}, "")
		})
		sc.Step(`^the sandbox requires the admin token "([^"]*)"$`, func(ctx context.Context, token string) error {
			return get(ctx).rebuild(sandbox.Options{AdminToken: token}, token)
		})

		// One request repeated, {n} counting 1, 2, … in its path.
		sc.Step(`^I GET "([^"]*)" (\d+) times, numbering \{n\} from 1$`, func(ctx context.Context, path string, times int) error {
			w := get(ctx)
			for i := 1; i <= times; i++ {
				w.vars["n"] = strconv.Itoa(i)
				if err := w.request("GET", path, "", nil); err != nil {
					return err
				}
			}
			delete(w.vars, "n")
			return nil
		})

		// The raw response body, whatever its content type.
		sc.Step(`^the raw response body does not contain "([^"]*)"$`, func(ctx context.Context, s string) error {
			w := get(ctx)
			if w.last == nil {
				return fmt.Errorf("no request was made")
			}
			s = w.expand(s)
			if s == "" {
				return fmt.Errorf("nothing to look for (an unset variable?)")
			}
			if i := bytes.Index(w.last.body, []byte(s)); i >= 0 {
				return fmt.Errorf("the body contains %q at byte %d:\n%s", s, i, w.last.body)
			}
			return nil
		})
		sc.Step(`^the response header "([^"]*)" starts with "([^"]*)"$`, func(ctx context.Context, name, prefix string) error {
			w := get(ctx)
			if got := w.last.header.Get(name); !strings.HasPrefix(got, w.expand(prefix)) {
				return fmt.Errorf("header %s is %q, want it to start with %q", name, got, w.expand(prefix))
			}
			return nil
		})

		// Lists of JSON objects.
		sc.Step(`^every item of the response list has a number "([^"]*)" of at least 0$`, func(ctx context.Context, field string) error {
			w := get(ctx)
			l, ok := w.last.json.([]any)
			if !ok || len(l) == 0 {
				return fmt.Errorf("body is %s, want a list with items", w.last.body)
			}
			for i, it := range l {
				v, _ := dig(it, field)
				n, ok := v.(json.Number)
				if !ok {
					return fmt.Errorf("item %d: %s is %s, want a number", i, field, show(v))
				}
				if f, err := n.Float64(); err != nil || f < 0 {
					return fmt.Errorf("item %d: %s is %s, want a number >= 0", i, field, n)
				}
			}
			return nil
		})

		// The Prometheus text of /_sandbox/metrics, line by line.
		sc.Step(`^the metrics text has the lines?:$`, func(ctx context.Context, doc *godog.DocString) error {
			w := get(ctx)
			have, err := w.metricLines()
			if err != nil {
				return err
			}
			set := map[string]bool{}
			for _, l := range have {
				set[l] = true
			}
			var missing []string
			for _, want := range wantLines(w.expand(doc.Content)) {
				if !set[want] {
					missing = append(missing, want)
				}
			}
			if len(missing) > 0 {
				return fmt.Errorf("the metrics lack the lines\n  %s\n%s", strings.Join(missing, "\n  "), relevant(have, missing))
			}
			return nil
		})
		sc.Step(`^the metrics text has (a|no) line matching:$`, func(ctx context.Context, which string, doc *godog.DocString) error {
			w := get(ctx)
			have, err := w.metricLines()
			if err != nil {
				return err
			}
			for _, pattern := range wantLines(w.expand(doc.Content)) {
				re, err := regexp.Compile(pattern)
				if err != nil {
					return fmt.Errorf("the pattern %s: %v", pattern, err)
				}
				var hits []string
				for _, l := range have {
					if re.MatchString(l) {
						hits = append(hits, l)
					}
				}
				if which == "a" && len(hits) == 0 {
					return fmt.Errorf("no line of the metrics matches %s\n%s", pattern, relevant(have, []string{pattern}))
				}
				if which == "no" && len(hits) > 0 {
					return fmt.Errorf("lines of the metrics match %s:\n  %s", pattern, strings.Join(hits, "\n  "))
				}
			}
			return nil
		})
	})
}

// rebuild replaces the scenario's in-process sandbox with a fresh one built
// with opts and loads the scenario's two fresh accounts into it again (as
// the admin, when the new sandbox has an admin token).
func (w *world) rebuild(opts sandbox.Options, adminToken string) error {
	if w.remote {
		return fmt.Errorf("this step needs an in-process sandbox: tag the scenario @in-process")
	}
	if os.Getenv("SANDBOX_LOG") != "" {
		opts.Log = os.Stderr
	}
	// The new sandbox keeps its state in a new file, checked at the end.
	w.validator.Close()
	os.RemoveAll(w.stateDir)
	dir, err := os.MkdirTemp("", "sandbox-feature-")
	if err != nil {
		return err
	}
	w.stateDir, opts.StateFile = dir, filepath.Join(dir, "state")
	srv, err := sandbox.New(opts)
	if err != nil {
		return err
	}
	w.client, w.validator, w.last = &http.Client{Transport: handlerTransport{srv}}, srv, nil
	auth := ""
	if adminToken != "" {
		auth = "Bearer " + adminToken
	}
	for _, aid := range []string{w.aid, w.otherAid} {
		r, err := w.do("POST", "/_sandbox/fixtures", "application/yaml", []byte(accountFixture(aid)), auth)
		if err != nil {
			return err
		}
		if r.status != http.StatusOK {
			return fmt.Errorf("loading account %s into the rebuilt sandbox: %d %s", aid, r.status, r.body)
		}
	}
	return nil
}

// metricLines are the lines of the last response, which must be the
// Prometheus text of GET /_sandbox/metrics.
func (w *world) metricLines() ([]string, error) {
	if w.last == nil {
		return nil, fmt.Errorf("no request was made")
	}
	if w.last.status != http.StatusOK {
		return nil, fmt.Errorf("status %d, want the metrics; body: %s", w.last.status, w.last.body)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(w.last.body))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

// wantLines are the non-blank lines of a doc string, trimmed.
func wantLines(doc string) []string {
	var out []string
	for _, l := range strings.Split(doc, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// relevant are the metric lines of the same metric names as the wanted
// lines, to show in an error.
func relevant(have, want []string) string {
	names := map[string]bool{}
	for _, l := range want {
		n := strings.TrimLeft(l, "^# ")
		n = strings.TrimPrefix(strings.TrimPrefix(n, "TYPE "), "HELP ")
		if i := strings.IndexAny(n, `{ \`); i >= 0 {
			n = n[:i]
		}
		n = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(n, "_bucket"), "_sum"), "_count")
		names[n] = true
	}
	var out []string
	for _, l := range have {
		for n := range names {
			if n != "" && strings.Contains(l, n) {
				out = append(out, "  "+l)
				break
			}
		}
	}
	if len(out) == 0 {
		return "(no line of those metrics)"
	}
	return "lines of those metrics:\n" + strings.Join(out, "\n")
}
