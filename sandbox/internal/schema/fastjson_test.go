package schema

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"reflect"
	"testing"
)

// decodeStd is DecodeJSON as encoding/json alone does it.
func decodeStd(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errTrailing
	}
	return v, nil
}

var errTrailing = json.Unmarshal([]byte("x"), new(any))

var jsonSeeds = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1.5e+10`, `true`, `false`, `null`, ` {"a" : [1, 2.0, "x", null, true, {"b": {}}]} `,
	`{"a":1,"a":2}`, `"\u00e9\ud83d\ude00\ud800x\udc00\u0041\n\t\"\\\/\b\f\r"`, "\"\xff\xfe caf\xc3\xa9 \xef\xbf\xbd\"",
	`{"token":{"type":"sha1:email","value":"bench00000000000000000000000000000000001"},"event":{"event":"x","status":"OPT_OUT","metadata":{"store_id":"SID1234"}}}`,
	`01`, `1.`, `.5`, `-`, `1e`, `+1`, `[1,]`, `{"a":1,}`, `{"a"}`, `{a:1}`, `"\x"`, `"\u12"`, "\"a\tb\"", `'x'`, `"\'"`,
	`{"a":1}}`, `[1]]`, `1 2`, `{} x`, ` `, `tru`, `nul`, `[`, `{"a":`, `"abc`, `[1 2]`, `{"a" 1}`, "\ufeff{}", `1e5x`, `-01`,
}

// TestFastDecodeAsEncodingJSON checks the one-pass decoder against
// encoding/json on hand-picked documents and random mutations of them:
// whatever it accepts, it decodes to the same value; whatever
// encoding/json refuses, it refuses too (and DecodeJSON then answers
// encoding/json's error).
func TestFastDecodeAsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	check := func(data []byte) {
		t.Helper()
		want, werr := decodeStd(data)
		got, ok := fastDecode(data)
		if ok && werr != nil {
			t.Fatalf("%q: fast decoder accepts, encoding/json says %v", data, werr)
		}
		if ok && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: fast decoder %#v, encoding/json %#v", data, got, want)
		}
		dv, derr := DecodeJSON(data)
		if (derr == nil) != (werr == nil) || werr == nil && !reflect.DeepEqual(dv, want) {
			t.Fatalf("%q: DecodeJSON %v %v, encoding/json %v %v", data, dv, derr, want, werr)
		}
	}
	alphabet := []byte("{}[]\",:01-.eE+ \\u\ttrunlfasx\xff\xc3\xa9d8")
	for _, s := range jsonSeeds {
		check([]byte(s))
		for i := 0; i < 300; i++ {
			b := []byte(s)
			for j := rng.Intn(3) + 1; j > 0; j-- {
				switch k := rng.Intn(3); {
				case k == 0 && len(b) > 0:
					b[rng.Intn(len(b))] = alphabet[rng.Intn(len(alphabet))]
				case k == 1 && len(b) > 0:
					i := rng.Intn(len(b))
					b = append(b[:i:i], b[i+1:]...)
				default:
					i := rng.Intn(len(b) + 1)
					b = append(b[:i:i], append([]byte{alphabet[rng.Intn(len(alphabet))]}, b[i:]...)...)
				}
			}
			check(b)
		}
	}
}

func FuzzFastDecode(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, werr := decodeStd(data)
		got, ok := fastDecode(data)
		if ok && (werr != nil || !reflect.DeepEqual(got, want)) {
			t.Fatalf("%q: fast decoder %#v, encoding/json %#v %v", data, got, want, werr)
		}
	})
}
