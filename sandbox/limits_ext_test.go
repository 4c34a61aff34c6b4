package sandbox_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/customers-api/sandbox/sandbox"
	"github.com/customers-api/sandbox/sandbox/sandboxtest"
)

// The deepest body the API accepts (64 levels) is stored, and the state
// holding it loads back: the fixture depth limit leaves room for the
// document's own structure.
func TestDeepestAcceptedBodyRoundTripsThroughState(t *testing.T) {
	sb := sandboxtest.New(t)
	deep := strings.Repeat("[", 62) + "1" + strings.Repeat("]", 62) // the body, metadata, 62 arrays: 64 levels
	res, err := sb.Dintero().Post(sb.URL+"/v1/accounts/T12345678/customers/users", "application/json",
		strings.NewReader(`{"customer_id":"deepest","metadata":{"tree":`+deep+`}}`))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("create: %v %v", err, res.Status)
	}
	res.Body.Close()
	state, err := sb.State()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	fresh.ServeHTTP(rec, httptest.NewRequest("POST", "/_sandbox/fixtures", bytes.NewReader(state)))
	if rec.Code != http.StatusOK {
		t.Fatalf("loading the state back: %d %s", rec.Code, rec.Body)
	}
	tok := token(t, fresh, "T12345678", "sandbox-client", "sandbox-secret")
	code, body, _ := call(t, fresh, "GET", "/v1/accounts/T12345678/customers/users/deepest", tok, nil)
	if code != http.StatusOK || !strings.Contains(string(body), deep) {
		t.Fatalf("%d %.200s", code, body)
	}
}
