package ui_test

// These tests drive the dashboard in a real, headless Chromium through a
// user's flows. Chromium comes from the Debian package (.ci/run installs
// it); without it the tests skip, except in CI (CI=true), where they fail.
// A screenshot of the page is kept as a test artifact in $SANDBOX_ARTIFACTS
// (a temporary folder when unset); SANDBOX_SCREENSHOT=path writes the
// README's screenshot there too.

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/customers-api/sandbox/sandbox"
	"github.com/customers-api/sandbox/sandbox/sandboxtest"
	"github.com/customers-api/sandbox/schemas"
)

// chromium finds the browser: $CHROME_PATH, else the usual names.
func chromium() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, n := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

var (
	browserOnce sync.Once
	browserCtx  context.Context
)

// browser starts one headless Chromium for the package's tests.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		msg := "Chromium not found (looked for $CHROME_PATH, chromium, chromium-browser, google-chrome): " +
			"install it with `apt-get install -y --no-install-recommends chromium` (.ci/run does)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
			chromedp.WindowSize(1280, 900), chromedp.Flag("disable-dev-shm-usage", true))
		actx, _ := chromedp.NewExecAllocator(context.Background(), opts...)
		// The protocol client may not know every event a newer Chromium
		// sends; the tests need none of those, so that noise is dropped.
		quiet := func(format string, args ...any) {
			if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, "could not unmarshal event") && !strings.Contains(msg, "unhandled node event") {
				log.Print(msg)
			}
		}
		browserCtx, _ = chromedp.NewContext(actx, chromedp.WithErrorf(quiet))
		if err := chromedp.Run(browserCtx); err != nil { // starts the browser
			t.Fatalf("starting Chromium %s: %v", path, err)
		}
	})
	if browserCtx.Err() != nil {
		t.Fatal("Chromium could not start")
	}
	return browserCtx
}

// tab opens a new tab on the dashboard of sb, with a time limit.
func tab(t *testing.T, sb *sandboxtest.Sandbox, view string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser(t))
	ctx, cancel2 := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(func() { cancel2(); cancel() })
	run(t, ctx, chromedp.Navigate(sb.URL+"/_sandbox/ui#"+view))
	return ctx
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// click and sendKeys are chromedp's Click and SendKeys, tried again when
// the node they found was replaced before they acted on it (the page
// re-renders parts of itself as it polls): "Could not find node with
// given id".
func click(sel string) chromedp.Action {
	return retried(func() chromedp.Action { return chromedp.Click(sel, chromedp.NodeVisible) })
}

func sendKeys(sel, v string) chromedp.Action {
	return retried(func() chromedp.Action { return chromedp.SendKeys(sel, v, chromedp.NodeVisible) })
}

func retried(action func() chromedp.Action) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		for i := 0; i < 5; i++ {
			if err = action().Do(ctx); err == nil || !strings.Contains(err.Error(), "Could not find node") {
				return err
			}
			time.Sleep(50 * time.Millisecond)
		}
		return err
	})
}

// waitText waits until the element's text contains want.
func waitText(sel, want string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		js := fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.textContent.includes(%q); })()`, sel, want)
		var ok bool
		err := chromedp.Poll(js, &ok, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)).Do(ctx)
		if err != nil {
			var got string
			_ = chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q)?.textContent ?? "(no element)"`, sel), &got).Do(ctx)
			return fmt.Errorf("waiting for %q in %s: %w; it shows: %.600s", want, sel, err, strings.Join(strings.Fields(got), " "))
		}
		return nil
	})
}

// setValue sets a form field's value as a user's edit does (input and
// change events).
func setValue(sel, v string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q;
		e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); })()`, sel, v), nil)
}

// waitJS waits until the expression is true.
func waitJS(js string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var ok bool
		if err := chromedp.Poll(js, &ok, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)).Do(ctx); err != nil {
			return fmt.Errorf("waiting for %s: %w", js, err)
		}
		return nil
	})
}

func do(t *testing.T, c *http.Client, method, url, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// screenshot keeps a picture of the page as a test artifact.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var png []byte
	run(t, ctx, chromedp.CaptureScreenshot(&png))
	dir := os.Getenv("SANDBOX_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	if out := os.Getenv("SANDBOX_SCREENSHOT"); out != "" {
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const users = "/v1/accounts/T12345678/customers/users"

func TestBrowserFindsACustomerCreatedThroughTheAPI(t *testing.T) {
	sb := sandboxtest.New(t)
	if res := do(t, sb.Dintero(), "POST", sb.URL+users, `{"customer_id":"web-1","email":"browser.find@example.com","first_name":"Bea","last_name":"Browser"}`); res.StatusCode != 200 {
		t.Fatalf("create: %s", res.Status)
	}
	ctx := tab(t, sb, "state")
	run(t, ctx,
		waitText("#accounts", "T12345678"),
		waitText("#records-table", "web-1"), // newest first, on the default account
		sendKeys("#search", "browser.find"),
		waitText("#records-info", "1 of 1 shown"),
		click(`#records-table button[aria-expanded]`),
		waitText("#records-table pre", `"email": "browser.find@example.com"`),
	)
	// the secrets are masked until asked for
	run(t, ctx,
		waitJS(`!document.querySelector('#accounts').textContent.includes('sandbox-secret')`),
		click(`#accounts button[aria-label="Show the secret of sandbox-client"]`),
		waitText("#accounts", "sandbox-secret"),
	)
	screenshot(t, ctx, "dashboard-state.png")
}

func TestBrowserClockChangesATokenEventsStatus(t *testing.T) {
	sb := sandboxtest.New(t)
	ctx := tab(t, sb, "controls")
	run(t, ctx,
		waitText("#clock-mode2", "real time"),
		setValue("#freeze-at", "2030-01-01T00:00:00"),
		click(`#freeze-form button[type=submit]`),
		waitText("#clock-now2", "2030-01-01 00:00:00 UTC"),
		waitText("#clock-mode2", "frozen"),
	)
	if now := sb.Now(); !now.Equal(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("sandbox clock %s after freezing in the page", now)
	}
	// an event whose status expires an hour later, on the sandbox clock
	if res := do(t, sb.Dintero(), "POST", sb.URL+"/v1/accounts/T12345678/customers/tokens/events",
		`{"token":{"type":"sha1:email","value":"clockprobe0000000000000000000000000000000"},
		  "event":{"event":"signed up in store","status":"OPT_IN","expires_at":"2030-01-01T01:00:00Z"}}`); res.StatusCode != 200 {
		t.Fatalf("event: %s", res.Status)
	}
	run(t, ctx,
		click(`nav a[data-view=state]`),
		click(`#kinds [data-kind=token_events]`),
		sendKeys("#search", "clockprobe"),
		waitText("#records-table tbody .pill", "OPT_IN"),        // the aggregated status
		waitText("#records-table tbody", "2030-01-01T01:00:00"), // and its expiry
		click(`nav a[data-view=controls]`),
		sendKeys("#advance-by", "2h"),
		click(`#advance-form button[type=submit]`),
		waitText("#clock-now2", "2030-01-01 02:00:00 UTC"),
		click(`nav a[data-view=state]`),
		waitText("#records-table tbody .pill", "UNKNOWN"), // expired on the sandbox clock
	)
	run(t, ctx,
		click(`nav a[data-view=controls]`),
		click("#clock-real"),
		waitText("#clock-mode2", "real time"),
	)
}

func TestBrowserFaultMakesTheNextAPICallFail(t *testing.T) {
	sb := sandboxtest.New(t)
	ctx := tab(t, sb, "controls")
	run(t, ctx,
		waitText("#fault-rows", "No fault rules"),
		sendKeys("#fault-path", users+"*"),
		setValue("#fault-status", "503"),
		click(`#fault-form button[type=submit]`),
		waitText("#fault-rows", users+"*"),
		waitText("#status", "Fault added"),
		// the next API call, from the page's request console
		click(`nav a[data-view=console]`),
		setValue("#c-path", users),
		click(`#console-form button[type=submit]`),
		waitText("#c-status", "503"),
		// removed, the call works again
		click(`nav a[data-view=controls]`),
		click(`#fault-rows button`),
		waitText("#fault-rows", "No fault rules"),
		click(`nav a[data-view=console]`),
		click(`#console-form button[type=submit]`),
		waitText("#c-status", "200"),
		waitText("#c-response", "customer_id"),
	)
	screenshot(t, ctx, "dashboard-console.png")
}

func TestBrowserJournalShowsNewRequestsLive(t *testing.T) {
	sb := sandboxtest.New(t)
	ctx := tab(t, sb, "journal")
	run(t, ctx, waitText("#journal-rows", "No requests yet"))
	do(t, sb.Dintero(), "GET", sb.URL+users+"?search=journalprobe", "")
	run(t, ctx,
		waitText("#journal-rows", "search=journalprobe"),
		waitText("#journal-rows", "T12345678"),
		waitText("#journal-live", "GET "+users+" 200"),
		// a filter that leaves it out, then one that keeps it
		setValue("#jf-method", "POST"),
		waitJS(`!document.querySelector('#journal-rows').textContent.includes('journalprobe')`),
		setValue("#jf-method", "GET"),
		waitText("#journal-rows", "journalprobe"),
	)
	screenshot(t, ctx, "dashboard-journal.png")
}

func TestBrowserAsksForTheAdminTokenOnce(t *testing.T) {
	sb := sandboxtest.New(t, sandbox.Options{AdminToken: "s3cret"})
	ctx := tab(t, sb, "state")
	run(t, ctx,
		waitJS(`document.querySelector('#admin-dialog').open`),
		sendKeys("#admin-token", "wrong"),
		click(`#admin-form button[type=submit]`),
		waitText("#admin-error", "refused"),
		waitJS(`document.querySelector('#admin-dialog').open`),
		sendKeys("#admin-token", "s3cret"),
		click(`#admin-form button[type=submit]`),
		waitText("#accounts", "T12345678"),
		waitJS(`!document.querySelector('#admin-dialog').open`),
		waitJS(`sessionStorage.getItem('sandbox-admin-token') === 's3cret'`),
		// a reload asks no more: the token is kept for the tab
		chromedp.Reload(),
		waitText("#accounts", "T12345678"),
		waitJS(`!document.querySelector('#admin-dialog').open`),
	)
}

// TestBrowserAPIReference renders the served OpenAPI documents, or says
// they are not available when the sandbox serves none (404). When this
// sandbox serves none, the rendering is still tried against the documents
// in schemas/, served by the test in front of the sandbox.
func TestBrowserAPIReference(t *testing.T) {
	sb := sandboxtest.New(t)
	res, err := http.Get(sb.URL + "/_sandbox/openapi/dintero.json")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	base := sb.URL
	if res.StatusCode == http.StatusNotFound {
		ctx := tab(t, sb, "reference")
		run(t, ctx, waitText("#ref-body", "not available"))
		front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if name, ok := strings.CutPrefix(r.URL.Path, "/_sandbox/openapi/"); ok {
				data, err := schemas.FS.ReadFile(strings.TrimSuffix(name, ".json") + ".openapi.json")
				if err != nil {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write(data)
				return
			}
			sb.Server.ServeHTTP(w, r)
		}))
		t.Cleanup(front.Close)
		base = front.URL
	}
	ctx := tab(t, &sandboxtest.Sandbox{Server: sb.Server, URL: base}, "reference")
	run(t, ctx,
		waitText("#ref-body", "Operations"),
		waitText("#ref-body", "/v1/accounts/{aid}/customers/users"),
		chromedp.Evaluate(`document.querySelector('details[data-op="GET /v1/accounts/{aid}/customers/users"]').open = true`, nil),
		waitText(`details[data-op="GET /v1/accounts/{aid}/customers/users"]`, "Parameters"),
		click(`button[aria-label="Try GET /v1/accounts/{aid}/customers/users"]`),
		waitJS(`document.querySelector('#c-path').value === '/v1/accounts/T12345678/customers/users'`),
		click(`#console-form button[type=submit]`),
		waitText("#c-status", "200"),
		// the Tradevest document too
		click(`nav a[data-view=reference]`),
		setValue("#ref-doc", "tradevest"),
		waitText("#ref-body", "/roles/customers"),
	)
	screenshot(t, ctx, "dashboard-reference.png")
}
