package schema

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
)

// knownKeys are the property names the loaded documents declare: an
// object key that is one of them is decoded as the stored string rather
// than a new one (most keys of a request body are). Loading a document
// adds its names; the set only grows by the documents a process embeds.
var (
	knownKeys   atomic.Pointer[map[string]string]
	knownKeysMu sync.Mutex
)

// addKnownKeys adds the property names declared anywhere in doc (a
// decoded JSON document) to knownKeys.
func addKnownKeys(doc any) {
	knownKeysMu.Lock()
	defer knownKeysMu.Unlock()
	m := map[string]string{}
	if old := knownKeys.Load(); old != nil {
		for k := range *old {
			m[k] = k
		}
	}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 64 {
			return
		}
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for k := range props {
					m[k] = k
				}
			}
			for _, e := range v {
				walk(e, depth+1)
			}
		case []any:
			for _, e := range v {
				walk(e, depth+1)
			}
		}
	}
	walk(doc, 0)
	knownKeys.Store(&m)
}

// fastDecode decodes one JSON value in a single pass, as a json.Decoder
// with UseNumber would (objects as map[string]any, the last of repeated
// keys winning; arrays as []any; numbers as json.Number; strings unescaped,
// invalid UTF-8 and lone surrogates as U+FFFD). It only ever decodes
// valid documents: on anything it does not accept (bad syntax, data after
// the value) it reports false, and DecodeJSON decodes with encoding/json,
// which writes the error.
func fastDecode(data []byte) (any, bool) {
	p := jsonParser{data: data}
	if k := knownKeys.Load(); k != nil {
		p.keys = *k
	}
	p.space()
	v, ok := p.value()
	if !ok {
		return nil, false
	}
	p.space()
	return v, p.i == len(p.data)
}

type jsonParser struct {
	data []byte
	i    int
	keys map[string]string // knownKeys
}

func (p *jsonParser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value() (any, bool) {
	if p.i >= len(p.data) {
		return nil, false
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, ok := p.string()
		return s, ok
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, false
}

func (p *jsonParser) literal(word string) bool {
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		return false
	}
	p.i += len(word)
	return true
}

func (p *jsonParser) object() (any, bool) {
	p.i++ // {
	m := map[string]any{}
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return m, true
	}
	for {
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, false
		}
		k, ok := p.key()
		if !ok {
			return nil, false
		}
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, false
		}
		p.i++
		p.space()
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		m[k] = v
		p.space()
		if p.i >= len(p.data) {
			return nil, false
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return m, true
		default:
			return nil, false
		}
	}
}

func (p *jsonParser) array() (any, bool) {
	p.i++ // [
	a := []any{}
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return a, true
	}
	for {
		p.space()
		v, ok := p.value()
		if !ok {
			return nil, false
		}
		a = append(a, v)
		p.space()
		if p.i >= len(p.data) {
			return nil, false
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return a, true
		default:
			return nil, false
		}
	}
}

// number reads a number as the JSON grammar has it: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *jsonParser) number() (any, bool) {
	start := p.i
	d := p.data
	if p.i < len(d) && d[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(d) && d[p.i] == '0':
		p.i++
	case p.i < len(d) && d[p.i] >= '1' && d[p.i] <= '9':
		for p.i < len(d) && d[p.i] >= '0' && d[p.i] <= '9' {
			p.i++
		}
	default:
		return nil, false
	}
	if p.i < len(d) && d[p.i] == '.' {
		p.i++
		if !p.digits() {
			return nil, false
		}
	}
	if p.i < len(d) && (d[p.i] == 'e' || d[p.i] == 'E') {
		p.i++
		if p.i < len(d) && (d[p.i] == '+' || d[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return nil, false
		}
	}
	return json.Number(d[start:p.i]), true
}

func (p *jsonParser) digits() bool {
	start := p.i
	for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// string reads a string; the common case (no escapes, plain UTF-8) is one
// copy.
// key reads an object key: a known one without allocating.
func (p *jsonParser) key() (string, bool) {
	d := p.data
	for j := p.i + 1; j < len(d); j++ {
		c := d[j]
		if c == '"' {
			if k, ok := p.keys[string(d[p.i+1:j])]; ok {
				p.i = j + 1
				return k, true
			}
			break
		}
		if c == '\\' || c >= utf8.RuneSelf || c < 0x20 {
			break
		}
	}
	return p.string()
}

func (p *jsonParser) string() (string, bool) {
	p.i++ // "
	start := p.i
	d := p.data
	for p.i < len(d) {
		c := d[p.i]
		switch {
		case c == '"':
			s := string(d[start:p.i])
			p.i++
			return s, true
		case c == '\\' || c >= utf8.RuneSelf:
			return p.slowString(start)
		case c < 0x20:
			return "", false
		}
		p.i++
	}
	return "", false
}

// slowString reads a string with escapes or non-ASCII text from start, as
// encoding/json unquotes it.
func (p *jsonParser) slowString(start int) (string, bool) {
	d := p.data
	b := make([]byte, 0, p.i-start+16)
	b = append(b, d[start:p.i]...)
	for p.i < len(d) {
		c := d[p.i]
		switch {
		case c == '"':
			p.i++
			return string(b), true
		case c < 0x20:
			return "", false
		case c == '\\':
			p.i++
			if p.i >= len(d) {
				return "", false
			}
			switch e := d[p.i]; e {
			case '"', '\\', '/':
				b = append(b, e)
				p.i++
			case 'b':
				b, p.i = append(b, '\b'), p.i+1
			case 'f':
				b, p.i = append(b, '\f'), p.i+1
			case 'n':
				b, p.i = append(b, '\n'), p.i+1
			case 'r':
				b, p.i = append(b, '\r'), p.i+1
			case 't':
				b, p.i = append(b, '\t'), p.i+1
			case 'u':
				r, ok := p.hex4(p.i + 1)
				if !ok {
					return "", false
				}
				p.i += 5
				if utf16.IsSurrogate(r) {
					// A pair makes one rune; anything else is U+FFFD, as
					// encoding/json has it.
					if r2, ok := p.escapedU(p.i); ok {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							p.i += 6
							b = utf8.AppendRune(b, dec)
							break
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			default:
				return "", false
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			p.i++
		default:
			r, size := utf8.DecodeRune(d[p.i:])
			p.i += size
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, d[p.i-size:p.i]...)
			}
		}
	}
	return "", false
}

// escapedU reads a \uXXXX at i, if there is one.
func (p *jsonParser) escapedU(i int) (rune, bool) {
	if i+1 < len(p.data) && p.data[i] == '\\' && p.data[i+1] == 'u' {
		return p.hex4(i + 2)
	}
	return 0, false
}

func (p *jsonParser) hex4(i int) (rune, bool) {
	if i+4 > len(p.data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.data[i:i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}

// valueAt decodes the value at JSON pointer ptr ("/a/0/b~1c") in the JSON
// document data, skipping everything else undecoded; nil where there is
// none.
func valueAt(data []byte, ptr string) any {
	p := jsonParser{data: data}
	if ptr != "" {
		for _, part := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
			if !p.enter(unescape(part)) {
				return nil
			}
		}
	}
	p.space()
	v, _ := p.value()
	return v
}

// enter moves into the member name of the object, or the element at index
// name of the array, that starts at p.i: false where there is none.
func (p *jsonParser) enter(name string) bool {
	p.space()
	if p.i >= len(p.data) {
		return false
	}
	switch p.data[p.i] {
	case '{':
		for p.i++; ; {
			p.space()
			if p.i >= len(p.data) || p.data[p.i] != '"' {
				return false // the end, or bad syntax
			}
			k, ok := p.key()
			p.space()
			if !ok || p.i >= len(p.data) || p.data[p.i] != ':' {
				return false
			}
			p.i++
			if k == name {
				return true
			}
			if !p.next() {
				return false
			}
		}
	case '[':
		n, err := strconv.Atoi(name)
		if err != nil || n < 0 {
			return false
		}
		for p.i++; ; n-- {
			p.space()
			if p.i >= len(p.data) || p.data[p.i] == ']' {
				return false
			}
			if n == 0 {
				return true
			}
			if !p.next() {
				return false
			}
		}
	}
	return false
}

// next skips the value at p.i and the comma after it: false at the end of
// its object or array (or on bad syntax).
func (p *jsonParser) next() bool {
	p.space()
	if !p.skip() {
		return false
	}
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ',' {
		p.i++
		return true
	}
	return false
}

// skip moves past the value at p.i without decoding it.
func (p *jsonParser) skip() bool {
	d := p.data
	if p.i >= len(d) {
		return false
	}
	switch d[p.i] {
	case '"':
		return p.skipString()
	case '{', '[':
		depth := 0
		for p.i < len(d) {
			switch d[p.i] {
			case '"':
				if !p.skipString() {
					return false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					p.i++
					return true
				}
			}
			p.i++
		}
		return false
	}
	start := p.i // a number or a literal
	for p.i < len(d) && !strings.ContainsRune(",}] \t\n\r", rune(d[p.i])) {
		p.i++
	}
	return p.i > start
}

// skipString moves past the string at p.i.
func (p *jsonParser) skipString() bool {
	d := p.data
	for p.i++; p.i < len(d); p.i++ {
		switch d[p.i] {
		case '\\':
			p.i++
		case '"':
			p.i++
			return true
		}
	}
	return false
}
