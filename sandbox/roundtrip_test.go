package sandbox_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/customers-api/sandbox/sandbox"
	"github.com/customers-api/sandbox/sandbox/sandboxtest"
)

// The state document of both APIs, taken mid-onboarding, loads back into a
// fresh sandbox and reads the same, both through POST /_sandbox/fixtures
// and as a state file.
func TestStateRoundTripBothAPIs(t *testing.T) {
	sb := sandboxtest.New(t)
	tv := sb.Tradevest()
	res, err := tv.Post(sb.URL+"/roles/customers", "application/json",
		strings.NewReader(`{"entityId":"6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e03","entityType":"NATURAL_PERSON","labels":["new"]}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("create customer: %v %v", err, res.Status)
	}
	var created struct{ CustomerID string }
	_ = jsonDecode(res, &created)
	res, _ = tv.Post(sb.URL+"/roles/onboardings", "application/json",
		strings.NewReader(`{"roleType":"CUSTOMER","roleId":"`+created.CustomerID+`"}`))
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("onboarding: %s", res.Status)
	}
	res, _ = sb.Dintero().Post(sb.URL+"/v1/accounts/T12345678/customers/users/c-1002/change_customer_id", "application/json",
		strings.NewReader(`{"customer_id":"c-2002"}`))
	res.Body.Close()
	state, err := sb.State()
	if err != nil {
		t.Fatal(err)
	}

	// Through the control endpoint, into a sandbox with the same defaults.
	fresh, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	fresh.ServeHTTP(rec, httptest.NewRequest("POST", "/_sandbox/fixtures", bytes.NewReader(state)))
	if rec.Code != 200 {
		t.Fatalf("loading the state back: %d %s", rec.Code, rec.Body)
	}
	again, _ := fresh.State()
	if !bytes.Equal(again, state) {
		t.Fatalf("the state changed on the way back:\n--- before\n%s\n--- after\n%s", state, again)
	}

	// As a state file.
	file := filepath.Join(t.TempDir(), "state.yaml")
	if err := os.WriteFile(file, state, 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile, err := sandbox.New(sandbox.Options{StateFile: file})
	if err != nil {
		t.Fatalf("loading the state file: %v", err)
	}
	again, _ = fromFile.State()
	if !bytes.Equal(again, state) {
		t.Fatalf("the state file did not load as saved")
	}
}

func jsonDecode(res *http.Response, v any) error {
	defer res.Body.Close()
	return jsonNewDecoder(res).Decode(v)
}

func jsonNewDecoder(res *http.Response) *json.Decoder { return json.NewDecoder(res.Body) }

// Numbers in GET /_sandbox/state stay numbers, with their text, when the
// state is posted back to /_sandbox/fixtures (they came back as strings).
func TestStateNumbersRoundTrip(t *testing.T) {
	sb := sandboxtest.New(t)
	body := `{"customer_id":"num-1","metadata":{"one":1.0,"big":12345678901234567890,"neg":-0.5,"exp":1e5,"zero":0,"s":"007"}}`
	res, err := sb.Dintero().Post(sb.URL+"/v1/accounts/T12345678/customers/users", "application/json", strings.NewReader(body))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("create: %v %v", err, res.Status)
	}
	res.Body.Close()
	state, err := sb.Server.State()
	if err != nil {
		t.Fatal(err)
	}
	fresh := sandboxtest.New(t, sandbox.Options{NoDefaultFixtures: true})
	res, err = http.Post(fresh.URL+"/_sandbox/fixtures", "application/yaml", bytes.NewReader(state))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("posting the state back: %v %v", err, res.Status)
	}
	res.Body.Close()
	res, err = fresh.Dintero().Get(fresh.URL + "/v1/accounts/T12345678/customers/users/num-1")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("get: %v %v", err, res.Status)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	for _, want := range []string{`"one":1.0`, `"big":12345678901234567890`, `"neg":-0.5`, `"exp":1e5`, `"zero":0`, `"s":"007"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("after the round trip the customer lacks %s: %s", want, raw)
		}
	}
	again, _ := fresh.Server.State()
	if !bytes.Equal(again, state) {
		t.Errorf("the state does not round-trip byte for byte")
	}
}
