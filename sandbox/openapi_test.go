package sandbox

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi-validator/schema_validation"
)

// Each served document is valid OpenAPI 3.1 (libopenapi builds its model;
// libopenapi-validator checks it against the OpenAPI 3.1 schema), names
// the sandbox it came from in servers, and together they hold every route
// the server mounts.
func TestOpenAPIDocumentsAreValidAndComplete(t *testing.T) {
	s, err := New(Options{NoDefaultFixtures: true})
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{} // "GET /path"
	for _, name := range []string{"dintero.json", "tradevest.json", "sandbox.json"} {
		req := httptest.NewRequest("GET", "/_sandbox/openapi/"+name, nil)
		req.Host = "sandbox.example:9999"
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", name, rec.Code, rec.Body)
		}
		data := rec.Body.Bytes()
		var doc struct {
			OpenAPI string                                `json:"openapi"`
			Servers []struct{ URL string }                `json:"servers"`
			Paths   map[string]map[string]json.RawMessage `json:"paths"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.HasPrefix(doc.OpenAPI, "3.1.") || len(doc.Servers) != 1 || doc.Servers[0].URL != "http://sandbox.example:9999" {
			t.Errorf("%s: openapi %q, servers %+v", name, doc.OpenAPI, doc.Servers)
		}
		for path, item := range doc.Paths {
			if ref, ok := item["$ref"]; ok { // an alias of another path
				var target string
				_ = json.Unmarshal(ref, &target)
				item = doc.Paths[strings.ReplaceAll(strings.TrimPrefix(target, "#/paths/"), "~1", "/")]
			}
			for method := range item {
				documented[strings.ToUpper(method)+" "+path] = true
			}
		}
		d, err := libopenapi.NewDocument(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d.GetSpecInfo().SpecFormat != "oas3_1" {
			t.Errorf("%s: libopenapi reads it as %q", name, d.GetSpecInfo().SpecFormat)
		}
		if _, errs := d.BuildV3Model(); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
		}
		if ok, errs := schema_validation.ValidateOpenAPIDocument(d); !ok {
			for _, e := range errs {
				t.Errorf("%s: %s: %s", name, e.Message, e.Reason)
				for _, v := range e.SchemaValidationErrors {
					t.Errorf("  %s: %s", v.Location, v.Reason)
				}
			}
		}
	}
	n := 0
	_ = s.router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := route.GetPathTemplate()
		if err != nil {
			return nil
		}
		methods, _ := route.GetMethods()
		for _, m := range methods {
			n++
			if !documented[m+" "+path] {
				t.Errorf("%s %s is mounted but in no document", m, path)
			}
		}
		return nil
	})
	if n < 60 {
		t.Fatalf("only %d routes mounted", n)
	}

	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/_sandbox/openapi/nope.json", nil))
	if rec.Code != 404 {
		t.Errorf("unknown document: %d", rec.Code)
	}
}
