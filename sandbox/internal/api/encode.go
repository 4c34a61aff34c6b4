package api

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/customers-api/sandbox/sandbox/internal/schema"
)

// appendJSON appends v as encoding/json's Encoder (SetEscapeHTML(false))
// writes it, newline included, for the values handlers build: maps and
// slices of any, strings, booleans, nil, float64, ints and json.Number.
// Anything else (a struct, a type with its own MarshalJSON, a number
// encoding/json refuses) reports false, and the caller encodes with
// encoding/json: the bytes are encoding/json's either way, without its
// reflection and map-key sorting allocations on the common shapes.
func appendJSON(b []byte, v any) ([]byte, bool) {
	b, ok := appendValue(b, v, 0)
	return append(b, '\n'), ok
}

// maxEncodeDepth leaves deeper values to encoding/json.
const maxEncodeDepth = 200

func appendValue(b []byte, v any, depth int) ([]byte, bool) {
	if depth > maxEncodeDepth {
		return b, false
	}
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), true
	case string:
		return schema.AppendJSONString(b, t), true
	case bool:
		return strconv.AppendBool(b, t), true
	case int:
		return strconv.AppendInt(b, int64(t), 10), true
	case int64:
		return strconv.AppendInt(b, t, 10), true
	case float64:
		return appendFloat(b, t)
	case json.Number:
		s := string(t)
		if s == "" {
			s = "0"
		}
		if !validNumber(s) {
			return b, false
		}
		return append(b, s...), true
	case map[string]any:
		if t == nil {
			return append(b, "null"...), true
		}
		return appendObject(b, t, depth)
	case map[string]string:
		if t == nil {
			return append(b, "null"...), true
		}
		keys := sortedKeysOf(t)
		b = append(b, '{')
		for i, k := range *keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = schema.AppendJSONString(b, k)
			b = append(b, ':')
			b = schema.AppendJSONString(b, t[k])
		}
		keyLists.Put(keys)
		return append(b, '}'), true
	case []any:
		return appendArray(b, t, depth)
	case []map[string]any:
		return appendArray(b, t, depth)
	case []string:
		if t == nil {
			return append(b, "null"...), true
		}
		b = append(b, '[')
		for i, e := range t {
			if i > 0 {
				b = append(b, ',')
			}
			b = schema.AppendJSONString(b, e)
		}
		return append(b, ']'), true
	}
	return b, false
}

// appendArray appends a list of values, null when it is nil.
func appendArray[T any](b []byte, list []T, depth int) ([]byte, bool) {
	if list == nil {
		return append(b, "null"...), true
	}
	b = append(b, '[')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = appendValue(b, e, depth+1); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

// keyLists are the slices map keys are sorted in.
var keyLists = sync.Pool{New: func() any { return new([]string) }}

func sortedKeysOf[V any](m map[string]V) *[]string {
	keys := keyLists.Get().(*[]string)
	*keys = (*keys)[:0]
	for k := range m {
		*keys = append(*keys, k)
	}
	slices.Sort(*keys)
	return keys
}

func appendObject(b []byte, m map[string]any, depth int) ([]byte, bool) {
	keys := sortedKeysOf(m)
	defer keyLists.Put(keys)
	b = append(b, '{')
	for i, k := range *keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = schema.AppendJSONString(b, k)
		b = append(b, ':')
		var ok bool
		if b, ok = appendValue(b, m[k], depth+1); !ok {
			return b, false
		}
	}
	return append(b, '}'), true
}

// appendFloat is encoding/json's float64 encoding (ES6 number to string).
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// validNumber is the JSON number grammar, as encoding/json checks a
// json.Number before writing it.
func validNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}
