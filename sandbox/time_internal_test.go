package sandbox

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// These tests move the clock underneath the sandbox (s.clock, not the
// Server methods that settle first), so each path that stores a due
// transition is tested on its own: a write, and the state export.

const erika = "6b0e2f9c-1d4a-4c8e-9a57-2f1b3c4d5e02"

func tvCall(t *testing.T, s *Server, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

func tvToken(t *testing.T, s *Server) string {
	t.Helper()
	req := httptest.NewRequest("POST", "/oauth2/token", strings.NewReader("grant_type=client_credentials&client_id=sandbox-client&client_secret=sandbox-secret"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &out) != nil {
		t.Fatalf("token: %d %s", rec.Code, rec.Body)
	}
	return out.AccessToken
}

// onboardErika gives Erika a customer role and starts its onboarding at
// 2030-01-01T09:00:00Z; it returns the customer id.
func onboardErika(t *testing.T) (*Server, string, string) {
	t.Helper()
	s, err := New(Options{Now: time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	tok := tvToken(t, s)
	code, out := tvCall(t, s, "POST", "/roles/customers", tok, `{"entityId":"`+erika+`","entityType":"NATURAL_PERSON"}`)
	if code != 200 {
		t.Fatalf("create customer: %d %v", code, out)
	}
	cid, _ := out["customerId"].(string)
	if code, out := tvCall(t, s, "POST", "/roles/onboardings", tok, `{"roleType":"CUSTOMER","roleId":"`+cid+`"}`); code != 200 {
		t.Fatalf("onboard: %d %v", code, out)
	}
	return s, tok, cid
}

func customerStatus(t *testing.T, s *Server, tok, cid string) string {
	t.Helper()
	code, out := tvCall(t, s, "GET", "/roles/customers/"+cid, tok, "")
	if code != 200 {
		t.Fatalf("get customer: %d %v", code, out)
	}
	st, _ := out["customerStatus"].(string)
	return st
}

func TestAWriteStoresTheDueTransition(t *testing.T) {
	s, tok, cid := onboardErika(t)
	if _, err := s.clock.Advance(61 * time.Second); err != nil { // underneath: no settle
		t.Fatal(err)
	}
	if got := customerStatus(t, s, tok, cid); got != "ACTIVE" {
		t.Fatalf("a read after the due time: %s, want ACTIVE (worked out)", got)
	}
	// Any write of the partner stores what is due.
	if code, out := tvCall(t, s, "PATCH", "/entities/natural-persons/"+erika, tok, `{"birthPlace":"Kiel"}`); code != 202 {
		t.Fatalf("patch: %d %v", code, out)
	}
	s.clock.Freeze(time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC)) // underneath: no settle
	if got := customerStatus(t, s, tok, cid); got != "ACTIVE" {
		t.Fatalf("after the clock went back: %s, want ACTIVE (stored by the write)", got)
	}
	code, out := tvCall(t, s, "GET", "/entities/natural-persons/"+erika, tok, "")
	if code != 200 || out["naturalPersonStatus"] != "ACTIVE" || out["modifiedOn"] != "2030-01-01T09:01:01.000Z" { // the PATCH
		t.Fatalf("entity after the clock went back: %d %v", code, out)
	}
}

func TestTheStateExportStoresTheDueTransition(t *testing.T) {
	s, tok, cid := onboardErika(t)
	if _, err := s.clock.Advance(61 * time.Second); err != nil {
		t.Fatal(err)
	}
	data, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Tradevest struct {
			Partners map[string]struct {
				Customers []map[string]any `yaml:"customers"`
			} `yaml:"partners"`
		} `yaml:"tradevest"`
	}
	if err := yaml.Unmarshal(data, &st); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range st.Tradevest.Partners["sandbox"].Customers {
		if c["customerId"] == cid {
			found = true
			if c["customerStatus"] != "ACTIVE" || c["approvedOn"] != "2030-01-01T09:01:00.000Z" {
				t.Fatalf("exported customer: %v", c)
			}
		}
	}
	if !found {
		t.Fatalf("customer %s not in the state", cid)
	}
	s.clock.Freeze(time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC))
	if got := customerStatus(t, s, tok, cid); got != "ACTIVE" {
		t.Fatalf("after the clock went back: %s, want ACTIVE (stored by the export)", got)
	}
}

func TestAReadAloneStoresNothing(t *testing.T) {
	s, tok, cid := onboardErika(t)
	if _, err := s.clock.Advance(61 * time.Second); err != nil {
		t.Fatal(err)
	}
	_ = customerStatus(t, s, tok, cid)
	s.clock.Freeze(time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC))
	if got := customerStatus(t, s, tok, cid); got != "PENDING" {
		t.Fatalf("reads take no write lock and store nothing: got %s", got)
	}
}

// TestClockMovesRaceWithWrites moves the clock back and forth while
// customers are onboarded and read: under -race, and every onboarding whose
// due time the clock passed stays ACTIVE.
func TestClockMovesRaceWithWrites(t *testing.T) {
	s, err := New(Options{Now: time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	tok := tvToken(t, s)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			_ = s.Advance(30 * time.Second)
			_ = s.Freeze(time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC))
			s.RealTime()
			_, _ = s.State()
		}
	}()
	var ids []string
	for i := 0; i < 20; i++ {
		body := `{"firstName":"P` + string(rune('a'+i)) + `","lastName":"Race","birthDay":"1980-01-01","birthPlace":"Kiel","birthCountry":"DE",` +
			`"nationalities":[{"countryCode":"DE"}],"mainAddress":{"street":"A","streetNumber":"1","city":"Kiel","zip":"24103","country":"DE"}}`
		code, out := tvCall(t, s, "POST", "/entities/natural-persons", tok, body)
		if code != 200 {
			t.Fatalf("create person: %d %v", code, out)
		}
		code, out = tvCall(t, s, "POST", "/roles/customers", tok, `{"entityId":"`+out["naturalPersonId"].(string)+`","entityType":"NATURAL_PERSON"}`)
		if code != 200 {
			t.Fatalf("create customer: %d %v", code, out)
		}
		cid := out["customerId"].(string)
		if code, out := tvCall(t, s, "POST", "/roles/onboardings", tok, `{"roleType":"CUSTOMER","roleId":"`+cid+`"}`); code != 200 {
			t.Fatalf("onboard: %d %v", code, out)
		}
		ids = append(ids, cid)
		_ = customerStatus(t, s, tok, cid)
	}
	close(stop)
	wg.Wait()
	// Two minutes past every due time, then far back: all stay ACTIVE.
	if err := s.Freeze(time.Now().Add(2 * time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.Freeze(time.Date(2030, 1, 1, 9, 1, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := s.Freeze(time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, cid := range ids {
		if got := customerStatus(t, s, tok, cid); got != "ACTIVE" {
			t.Fatalf("customer %s is %s after its due time passed and the clock went back", cid, got)
		}
	}
}
