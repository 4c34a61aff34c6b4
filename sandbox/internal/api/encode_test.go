package api

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"testing"
	"time"
)

func stdJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

var encodeSamples = []any{
	nil, true, false, "", "plain", "quote\" back\\ slash/ <html> & \n\r\t\b\f \x00\x01\x1f\x7f", "caf\u00e9 \U0001F600 \u2028\u2029",
	"bad \xff\xfe utf8 \xc3", 0, -1, int64(1) << 62, 0.0, -0.0, 1.5, 1e21, 1e20, 1e-6, 1e-7, 123456789.125, -2.5e-10, math.MaxFloat64,
	math.SmallestNonzeroFloat64, json.Number("12"), json.Number(""), json.Number("-0.5e+10"), json.Number("01"), json.Number("x"),
	math.Inf(1), math.NaN(), []any(nil), []any{}, map[string]any(nil), map[string]any{}, []string{"a", "b"}, []string(nil),
	map[string]string{"b": "2", "a": "1"}, []map[string]any{{"z": 1, "a": []any{1, "2", nil}}}, time.Unix(0, 0).UTC(),
	struct{ A int }{1}, int32(5), uint(7), float32(1.1),
}

// TestAppendJSONAsEncodingJSON checks the response encoder against
// encoding/json on every kind of value and random nests of them: where it
// encodes, the bytes are encoding/json's; where encoding/json fails or the
// type is not its own, it declines.
func TestAppendJSONAsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	var gen func(depth int) any
	gen = func(depth int) any {
		if depth > 4 || rng.Intn(3) == 0 {
			return encodeSamples[rng.Intn(len(encodeSamples))]
		}
		if rng.Intn(2) == 0 {
			m := map[string]any{}
			for i := rng.Intn(5); i > 0; i-- {
				k, _ := encodeSamples[rng.Intn(7)].(string)
				m[k+string(rune('a'+rng.Intn(26)))] = gen(depth + 1)
			}
			return m
		}
		l := []any{}
		for i := rng.Intn(5); i > 0; i-- {
			l = append(l, gen(depth+1))
		}
		return l
	}
	check := func(v any) {
		want, err := stdJSON(v)
		got, ok := appendJSON(nil, v)
		if ok && (err != nil || !bytes.Equal(got, want)) {
			t.Fatalf("%#v: encoded %q, encoding/json %q %v", v, got, want, err)
		}
	}
	for _, v := range encodeSamples {
		check(v)
	}
	covered := 0
	for i := 0; i < 5000; i++ {
		v := gen(0)
		check(v)
		if _, ok := appendJSON(nil, v); ok {
			covered++
		}
	}
	if covered < 500 {
		t.Errorf("only %d of 5000 values encoded without encoding/json", covered)
	}
}
