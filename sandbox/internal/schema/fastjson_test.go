package schema

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"reflect"
	"strconv"
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

// valueAt reads, without decoding the rest, what decoding the whole
// document finds at every place in it (every request document, and a
// document with escapes, arrays and brackets inside strings).
func TestValueAtEveryPointer(t *testing.T) {
	docs := [][]byte{[]byte(`{"a~b": {"c/d": [1, {"e": "x]}\"y"}, [true, null]], "f": -1.5e3}, "": {"g": "}"}, "h": []}`)}
	for _, file := range []string{"dintero.openapi.json", "tradevest.openapi.json", "sandbox.openapi.json"} {
		set, err := Embedded(file)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, set.reqDoc)
	}
	for _, doc := range docs {
		whole, ok := fastDecode(doc)
		if !ok {
			t.Fatalf("%.40s: does not decode", doc)
		}
		n := 0
		var walk func(ptr string, v any)
		walk = func(ptr string, v any) {
			n++
			if got := valueAt(doc, ptr); !reflect.DeepEqual(got, v) {
				t.Fatalf("%.40s: at %q: %v, decoding finds %v", doc, ptr, got, v)
			}
			switch v := v.(type) {
			case map[string]any:
				for k, e := range v {
					walk(ptr+"/"+escape(k), e)
				}
			case []any:
				for i, e := range v {
					walk(ptr+"/"+strconv.Itoa(i), e)
				}
			}
		}
		walk("", whole)
		if n < 10 {
			t.Fatalf("%.40s: only %d places", doc, n)
		}
	}
	for _, missing := range []string{"/nope", "/a~0b/c~1d/9", "/a~0b/c~1d/x", "/a~0b/f/g", "/h/0", "/a~0b/f/0"} {
		if got := valueAt(docs[0], missing); got != nil {
			t.Errorf("at %q: %v, want nil", missing, got)
		}
	}
}
