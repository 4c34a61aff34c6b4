package sandbox

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
)

// Every endpoint the documents mark x-sandbox-not-emulated answers 501
// naming itself: none is shadowed by a real route (an emulated route must
// leave the table) and none is unreachable. They stay out of RouteNames,
// so the features' coverage check does not ask for their 2xx.
func TestNotEmulatedRoutesAnswer501(t *testing.T) {
	s, err := New(Options{NoDefaultFixtures: true})
	if err != nil {
		t.Fatal(err)
	}
	vars := regexp.MustCompile(`\{[^}]+\}`)
	for _, v := range []struct {
		name string
		set  *schema.Set
		code func(map[string]any) (code, msg string)
	}{
		{"Dintero", s.dintero.Schemas(), func(b map[string]any) (string, string) {
			e, _ := b["error"].(map[string]any)
			c, _ := e["code"].(string)
			m, _ := e["message"].(string)
			return c, m
		}},
		{"Tradevest", s.tradevest.Schemas(), func(b map[string]any) (string, string) {
			c, _ := b["errorCode"].(string)
			m, _ := b["message"].(string)
			return c, m
		}},
	} {
		n := 0
		for _, rt := range v.set.Endpoints() {
			if !rt.NotEmulated() {
				continue
			}
			n++
			path := strings.Replace(rt.Path, "{aid}", "T12345678", 1)
			path = vars.ReplaceAllString(path, "3f0c6a9e-1b2d-4c5e-8f70-9a1b2c3d4e5f")
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, httptest.NewRequest(rt.Method, path, strings.NewReader("{}")))
			var body map[string]any
			_ = json.Unmarshal(rec.Body.Bytes(), &body)
			code, msg := v.code(body)
			want := rt.Method + " " + rt.Path + " is documented by " + v.name + " but not emulated by the sandbox"
			if rec.Code != 501 || code != api.CodeNotImplemented || msg != want {
				t.Errorf("%s %s: %d %s; want 501 %s %q", rt.Method, path, rec.Code, rec.Body.Bytes(), api.CodeNotImplemented, want)
			}
			if err := s.ValidateResponse(rt.Method, path, rec.Code, rec.Body.Bytes()); err != nil {
				t.Errorf("%s %s: %v", rt.Method, path, err)
			}
		}
		if n == 0 {
			t.Fatalf("%s: no not-emulated endpoints", v.name)
		}
	}
	for _, n := range s.RouteNames() {
		if n == "" {
			t.Fatal("RouteNames lists an empty name")
		}
		if n == api.NotEmulatedRoute {
			t.Fatalf("RouteNames lists %q", n)
		}
	}
}
