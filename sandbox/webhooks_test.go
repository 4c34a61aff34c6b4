package sandbox_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
	"github.com/customers-api/sandbox/sandbox/sandboxtest"
)

func tvCall(t *testing.T, c *http.Client, method, url, requestor, body string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if requestor != "" {
		req.Header.Set("Requestor-ID", requestor)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(res.Body)
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(data))
	return res
}

const maxID = "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e01"

// A receiver in the test gets the documented CustomerNotification, and
// the notification's body matches its schema.
func TestWebhookReceivedInProcess(t *testing.T) {
	sb := sandboxtest.New(t)
	rc := sb.Webhooks()
	tv := sb.Tradevest()
	if res := tvCall(t, tv, "POST", sb.URL+"/webhooks", "", `{"eventType":"CUSTOMER_NOTIFICATION","url":"`+rc.URL+`"}`); res.StatusCode != 200 {
		t.Fatalf("register: %s", res.Status)
	}
	res := tvCall(t, tv, "PATCH", sb.URL+"/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", maxID, `{"labels":["gold"]}`)
	if res.StatusCode != 202 {
		t.Fatalf("patch: %s", res.Status)
	}
	n := rc.Wait(t, 1, 5*time.Second)[0]
	if n.Body["customerId"] != "9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01" || n.Body["status"] != "ACTIVE" || n.Body["notificationType"] != "UPDATED" {
		t.Fatalf("got %v", n.Body)
	}
	if err := sb.ValidateNotification("CustomerNotification", n.Raw); err != nil {
		t.Fatal(err)
	}
}

// Closing a sandbox stops its deliveries: a receiver that hangs does not
// keep goroutines alive, and the API call that caused the delivery never
// waited for it.
func TestWebhookDeliveriesStopOnClose(t *testing.T) {
	before := runtime.NumGoroutine()
	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hang }))
	defer slow.Close()
	defer close(hang)

	s, err := sandbox.New(sandbox.Options{Webhooks: sandbox.WebhookOptions{Timeout: time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	sb := &struct{ URL string }{srv.URL}
	tv := tradevestClient(t, srv)
	if res := tvCall(t, tv, "POST", sb.URL+"/webhooks", "", `{"eventType":"CUSTOMER_NOTIFICATION","url":"`+slow.URL+`"}`); res.StatusCode != 200 {
		t.Fatalf("register: %s", res.Status)
	}
	start := time.Now()
	for i := 0; i < 5; i++ {
		if res := tvCall(t, tv, "PATCH", sb.URL+"/roles/customers/9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01", maxID, `{"labels":["l`+string(rune('a'+i))+`"]}`); res.StatusCode != 202 {
			t.Fatalf("patch: %s", res.Status)
		}
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("the API calls waited for the deliveries: %s", d)
	}
	done := make(chan struct{})
	go func() { _ = s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not stop a delivery to a receiver that hangs")
	}
	srv.Close()
	srv.Client().CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+3 && time.Now().Before(deadline) { // +3: the slow server's own
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+3 {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines after Close, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func tradevestClient(t *testing.T, srv *httptest.Server) *http.Client {
	t.Helper()
	res, err := srv.Client().Post(srv.URL+"/oauth2/token", "application/x-www-form-urlencoded",
		strings.NewReader("grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"))
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	_ = jsonDecode(res, &tok)
	return &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		r.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		return srv.Client().Transport.RoundTrip(r)
	})}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The state export holds proxies, offboardings, webhooks, legal
// representatives and beneficial owners, and loads back unchanged.
func TestStateRoundTripNewRecords(t *testing.T) {
	sb := sandboxtest.New(t, sandbox.Options{Now: time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)})
	tv := sb.Tradevest()
	steps := []struct{ method, path, requestor, body string }{
		{"POST", "/webhooks", "", `{"eventType":"PROXY_NOTIFICATION","url":"https://example.com/hook","headers":[{"name":"X-Key","value":"k"}]}`},
		{"POST", "/webhooks", "", `{"eventType":"LABELS_UPDATE_NOTIFICATION","url":"https://example.com/hook"}`},
		{"DELETE", "/webhooks/LABELS_UPDATE_NOTIFICATION", "", ``},
		{"POST", "/roles/proxies", maxID, `{"proxyType":"SIGNATORY","scopeType":"JOINT","naturalPersonId":"6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02","entityId":"` + maxID + `","entityType":"NATURAL_PERSON","validityType":"UNLIMITED","productIds":["3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f"]}`},
		{"POST", "/roles/offboardings", maxID, `{"roleType":"CUSTOMER","roleId":"9e3b5c2f-4a7d-4f1b-8d8a-5c4e6f7a8b01","reason":"CANCELLATION_BY_PARTNER_ORDINARY"}`},
		{"POST", "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/legal-representatives", maxID, `{"firstName":"Greta","lastName":"G","birthDay":"1970-05-05","nationalities":["DE"]}`},
		{"POST", "/entities/7c1f3a0d-2e5b-4d9f-8b68-3a2c4d5e6f01/beneficial-owners", maxID, `{"firstName":"Otto","lastName":"O","birthDay":"1960-02-02","share":50.5}`},
		{"POST", "/entities/natural-persons/6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03/identification", "", `{"identificationDocumentType":"PASSPORT","documentNumber":"X1","issuingCountry":"DE","expiresOn":"2035-01-01","identifiedOn":"2030-01-01T08:00:00Z"}`},
	}
	for _, st := range steps {
		if res := tvCall(t, tv, st.method, sb.URL+st.path, st.requestor, st.body); res.StatusCode >= 300 {
			body, _ := io.ReadAll(res.Body)
			t.Fatalf("%s %s: %s %s", st.method, st.path, res.Status, body)
		}
	}
	state, err := sb.State()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"proxies:", "offboardings:", "webhooks:", "legal_representatives:", "beneficial_owners:", "identification:", "cancellationDate:"} {
		if !bytes.Contains(state, []byte(key)) {
			t.Errorf("the state has no %s", key)
		}
	}
	fresh, err := sandbox.New(sandbox.Options{Now: time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	rec := httptest.NewRecorder()
	fresh.ServeHTTP(rec, httptest.NewRequest("POST", "/_sandbox/fixtures", bytes.NewReader(state)))
	if rec.Code != 200 {
		t.Fatalf("loading the state back: %d %s", rec.Code, rec.Body)
	}
	again, _ := fresh.State()
	if !bytes.Equal(again, state) {
		t.Fatalf("the state changed on the way back:\n--- before\n%s\n--- after\n%s", state, again)
	}
}
