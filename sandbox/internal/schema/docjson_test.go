package schema

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/customers-api/sandbox/schemas"
)

// TestAppendJSONRoundTrips: what appendJSON writes decodes to the same
// tree, for the embedded documents and for strings that need escaping.
func TestAppendJSONRoundTrips(t *testing.T) {
	docs := [][]byte{
		[]byte(`{"a":"q\"uote \\ back\nnl\ttab\u0001ctl \u00e9 \ud83d\ude00 <&>","b":[1,-2.5e10,true,false,null,{}],"c":{"":[]}}`),
		[]byte("\"bad \xff utf8\""),
	}
	for _, f := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		data, _ := schemas.FS.ReadFile(f)
		docs = append(docs, data)
	}
	for _, d := range docs {
		want, ok := fastDecode(d)
		if !ok {
			t.Fatalf("%.40s: does not decode", d)
		}
		out := appendJSON(nil, want)
		if !json.Valid(out) {
			t.Fatalf("%.40s: not JSON: %.200s", d, out)
		}
		got, ok := fastDecode(out)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%.40s: round trip gives %v", d, got)
		}
	}
}
