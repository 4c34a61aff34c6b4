package sandboxtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
	"github.com/customers-api/sandbox/sandbox/sandboxtest"
)

// TestExample is the runnable example: a sandbox for this test, a Dintero
// client, a customer created and read back after the clock moved two days
// (tokens live on real time, so the token still works), and every token
// expired, which the client survives by renewing its token.
func TestExample(t *testing.T) {
	sb := sandboxtest.New(t, sandbox.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	client := sb.Dintero()
	users := sb.URL + "/v1/accounts/" + sandboxtest.DinteroAccount + "/customers/users"

	res, err := client.Post(users, "application/json", strings.NewReader(`{"customer_id":"ex-1","email":"ex@example.com"}`))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("create: %v %v", err, res.Status)
	}
	res.Body.Close()

	if err := sb.Advance(48 * time.Hour); err != nil { // the data's clock, not the token's
		t.Fatal(err)
	}
	res, err = client.Get(users + "/ex-1")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("get after the clock moved: %v %v", err, res.Status)
	}
	res.Body.Close()

	sb.ExpireTokens() // the client renews its token on the 401
	res, err = client.Get(users + "/ex-1")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("get after the token expired: %v %v", err, res.Status)
	}
	var c struct {
		Email     string `json:"email"`
		CreatedAt string `json:"created_at"`
	}
	_ = json.NewDecoder(res.Body).Decode(&c)
	res.Body.Close()
	if c.Email != "ex@example.com" || c.CreatedAt != "2030-01-01T00:00:00.000Z" {
		t.Fatalf("got %+v", c)
	}
}

func TestTradevestClient(t *testing.T) {
	sb := sandboxtest.New(t)
	res, err := sb.Tradevest().Get(sb.URL + "/roles/customers?limit=1")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data       []map[string]any    `json:"data"`
		Pagination struct{ Limit int } `json:"pagination"`
	}
	_ = json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode != http.StatusOK || len(out.Data) != 1 || out.Pagination.Limit != 1 {
		t.Fatalf("%s %+v", res.Status, out)
	}
}

func TestEachSandboxIsIsolated(t *testing.T) {
	a, b := sandboxtest.New(t), sandboxtest.New(t)
	res, _ := a.Dintero().Post(a.URL+"/v1/accounts/T12345678/customers/users", "application/json", strings.NewReader(`{"customer_id":"only-in-a"}`))
	res.Body.Close()
	res, _ = b.Dintero().Get(b.URL + "/v1/accounts/T12345678/customers/users/only-in-a")
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("sandbox b sees a's customer: %s", res.Status)
	}
}
