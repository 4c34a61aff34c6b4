// Package schema loads the JSON Schemas in schemas/ once, at start-up, and
// matches requests and responses against them. A schema file holds
// "definitions" and "operations"; each operation names the rules for its
// path, query, headers and body, and the shape of each success response.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/customers-api/sandbox/schemas"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Set is the compiled operations of one schema file.
type Set struct {
	file string
	ops  map[string]*Operation
	defs map[string]*jsonschema.Schema
}

// Operation is one API operation's compiled request and response rules.
type Operation struct {
	ID           string
	params       map[string]*paramSet // "path", "query", "headers"
	body         *jsonschema.Schema
	bodyRaw      map[string]any
	bodyRequired bool
	responses    map[int]*jsonschema.Schema // nil schema: the response has no body
	root         map[string]any             // the whole file, to resolve $ref when pruning
}

type paramSet struct {
	schema *jsonschema.Schema
	types  map[string]string // parameter name → JSON type (array: "array")
	uuids  map[string]bool   // parameters (or array items) of format uuid
}

// Violation is one broken rule of a request.
type Violation struct {
	In      string `json:"in"`              // path, query, header or body
	Field   string `json:"field,omitempty"` // dotted path of the field, empty for the whole part
	Code    string `json:"code,omitempty"`  // the rule broken, from its schema keyword: MAX_ITEMS, PATTERN, REQUIRED…
	Message string `json:"message"`
	// Parameter is the rule's own value, where it has one: the limit of
	// MAX_ITEMS ("16"), MIN_LENGTH…, the regex of PATTERN, the name of FORMAT.
	// Vendors that show it (Tradevest's errorDetails[].errors[].parameter)
	// render it themselves.
	Parameter string `json:"-"`
}

// keywordCode turns a schema keyword location into a violation code:
// ".../maxItems" → "MAX_ITEMS".
func keywordCode(loc string) string {
	kw := loc[strings.LastIndex(loc, "/")+1:]
	var b strings.Builder
	for i, r := range kw {
		if r >= 'A' && r <= 'Z' && i > 0 {
			b.WriteByte('_')
		}
		b.WriteString(strings.ToUpper(string(r)))
	}
	return b.String()
}

// Params holds a request's parameters after coercion to their schema types.
type Params struct {
	Path    map[string]string
	Query   map[string]any
	Headers map[string]string
	Body    any // the decoded JSON body, nil when there is none
}

// knownKeywords are the draft-07 keywords the loader accepts. Anything else in
// a schema object stops start-up: a rule the validator would silently ignore is
// a bug in schemas/, not a relaxed check.
var knownKeywords = map[string]bool{
	"$schema": true, "$id": true, "$ref": true, "$comment": true, "title": true, "description": true,
	"default": true, "examples": true, "readOnly": true, "writeOnly": true, "deprecated": true,
	"type": true, "enum": true, "const": true, "format": true, "pattern": true,
	"minLength": true, "maxLength": true, "minimum": true, "maximum": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true,
	"items": true, "additionalItems": true, "minItems": true, "maxItems": true, "uniqueItems": true, "contains": true,
	"properties": true, "patternProperties": true, "additionalProperties": true, "required": true,
	"minProperties": true, "maxProperties": true, "propertyNames": true, "dependencies": true,
	"allOf": true, "anyOf": true, "oneOf": true, "not": true, "if": true, "then": true, "else": true,
	"definitions": true,
}

var embedded sync.Map // file → *embeddedSet

type embeddedSet struct {
	once sync.Once
	set  *Set
	err  error
}

// Embedded is Load of the project's embedded schemas/ files, compiled once
// per process: compiled schemas are immutable, so every sandbox in the
// process shares them.
func Embedded(file string) (*Set, error) {
	v, _ := embedded.LoadOrStore(file, &embeddedSet{})
	e := v.(*embeddedSet)
	e.once.Do(func() { e.set, e.err = Load(schemas.FS, file) })
	return e.set, e.err
}

// Load compiles every operation of the schema file `file` in fsys.
func Load(fsys fs.FS, file string) (*Set, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	defs, _ := root["definitions"].(map[string]any)
	opsRaw, _ := root["operations"].(map[string]any)
	if defs == nil && opsRaw == nil {
		return nil, fmt.Errorf("%s: neither definitions nor operations", file)
	}
	for name, d := range defs {
		if err := checkKeywords(d, file+"#/definitions/"+name); err != nil {
			return nil, err
		}
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft7
	c.AssertFormat = true
	c.Formats[FormatCountry] = isCountryCode
	if err := c.AddResource(file, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	set := &Set{file: file, ops: map[string]*Operation{}, defs: map[string]*jsonschema.Schema{}}
	for name := range defs {
		s, err := c.Compile(file + "#/definitions/" + escape(name))
		if err != nil {
			return nil, err
		}
		set.defs[name] = s
	}
	for id, raw := range opsRaw {
		spec, ok := raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: operation %s is not an object", file, id)
		}
		op := &Operation{ID: id, params: map[string]*paramSet{}, responses: map[int]*jsonschema.Schema{}, root: root}
		base := file + "#/operations/" + escape(id)
		for key, v := range spec {
			switch key {
			case "path", "query", "headers":
				if err := checkKeywords(v, base+"/"+key); err != nil {
					return nil, err
				}
				ps, err := compileParams(c, base+"/"+key, v)
				if err != nil {
					return nil, err
				}
				op.params[key] = ps
			case "body":
				if err := checkKeywords(v, base+"/body"); err != nil {
					return nil, err
				}
				if op.body, err = c.Compile(base + "/body"); err != nil {
					return nil, err
				}
				op.bodyRaw, _ = v.(map[string]any)
			case "bodyRequired":
				op.bodyRequired, _ = v.(bool)
			case "responses":
				rs, _ := v.(map[string]any)
				for code, r := range rs {
					status, err := strconv.Atoi(code)
					if err != nil {
						return nil, fmt.Errorf("%s/responses: status %q is not a number", base, code)
					}
					if r == nil {
						op.responses[status] = nil
						continue
					}
					if err := checkKeywords(r, base+"/responses/"+code); err != nil {
						return nil, err
					}
					s, err := c.Compile(base + "/responses/" + code)
					if err != nil {
						return nil, err
					}
					op.responses[status] = s
				}
			default:
				return nil, fmt.Errorf("%s: unknown operation key %q", base, key)
			}
		}
		set.ops[id] = op
	}
	return set, nil
}

// Op returns the operation with the given id, or nil.
func (s *Set) Op(id string) *Operation { return s.ops[id] }

// Definition returns the compiled definition with the given name, or nil.
func (s *Set) Definition(name string) *jsonschema.Schema { return s.defs[name] }

func escape(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1") }

func checkKeywords(v any, where string) error {
	switch t := v.(type) {
	case map[string]any:
		for k, sub := range t {
			if !knownKeywords[k] {
				return fmt.Errorf("%s: unsupported schema keyword %q", where, k)
			}
			switch k {
			case "properties", "patternProperties", "definitions", "dependencies":
				m, _ := sub.(map[string]any)
				for name, s := range m {
					if err := checkKeywords(s, where+"/"+k+"/"+name); err != nil {
						return err
					}
				}
			case "items", "additionalItems", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else":
				if err := checkKeywords(sub, where+"/"+k); err != nil {
					return err
				}
			case "allOf", "anyOf", "oneOf":
				list, _ := sub.([]any)
				for i, s := range list {
					if err := checkKeywords(s, fmt.Sprintf("%s/%s/%d", where, k, i)); err != nil {
						return err
					}
				}
			}
		}
	case bool, nil:
	default:
		return fmt.Errorf("%s: a schema must be an object or a boolean", where)
	}
	return nil
}

func compileParams(c *jsonschema.Compiler, loc string, raw any) (*paramSet, error) {
	s, err := c.Compile(loc)
	if err != nil {
		return nil, err
	}
	ps := &paramSet{schema: s, types: map[string]string{}, uuids: map[string]bool{}}
	obj, _ := raw.(map[string]any)
	props, _ := obj["properties"].(map[string]any)
	for name, p := range props {
		pm, _ := p.(map[string]any)
		t, _ := pm["type"].(string)
		switch t {
		case "string", "integer", "number", "boolean":
		case "array":
			items, _ := pm["items"].(map[string]any)
			if it, _ := items["type"].(string); it != "string" {
				return nil, fmt.Errorf("%s/properties/%s: array parameters must have items of type string", loc, name)
			}
		default:
			return nil, fmt.Errorf("%s/properties/%s: a parameter needs an inline type (string, integer, number, boolean or array)", loc, name)
		}
		ps.types[name] = t
		items, _ := pm["items"].(map[string]any)
		ps.uuids[name] = pm["format"] == "uuid" || t == "array" && items["format"] == "uuid"
	}
	return ps, nil
}

// coerce turns a raw parameter value into its schema type. A value that does
// not parse stays a string, so the schema reports the type mismatch.
func coerce(t string, vals []string) any {
	switch t {
	case "array":
		out := make([]any, len(vals))
		for i, v := range vals {
			out[i] = v
		}
		return out
	case "integer":
		if n, err := strconv.ParseInt(vals[0], 10, 64); err == nil {
			return n
		}
	case "number":
		if f, err := strconv.ParseFloat(vals[0], 64); err == nil {
			return f
		}
	case "boolean":
		switch vals[0] {
		case "true":
			return true
		case "false":
			return false
		}
	}
	return vals[0]
}

// HasBody reports whether the operation takes a request body.
func (op *Operation) HasBody() bool { return op.body != nil }

// BodyRequired reports whether the request body must be present.
func (op *Operation) BodyRequired() bool { return op.bodyRequired }

// ValidateRequest coerces and checks the request's parameters and its JSON
// body (nil when absent) against the operation's rules. It returns every
// violation, not just the first. Params holds parameters of format uuid in
// lower case (UUIDs are case-insensitive; the body's are lowered by
// PruneBody), so handlers look ids up as they are stored; violations quote
// what the client sent.
func (op *Operation) ValidateRequest(path map[string]string, query url.Values, header http.Header, body any, hasBody bool) (Params, []Violation) {
	p := Params{Path: path, Query: map[string]any{}, Headers: map[string]string{}, Body: body}
	var out []Violation
	if ps := op.params["path"]; ps != nil {
		inst := map[string]any{}
		p.Path = make(map[string]string, len(path))
		for k, v := range path {
			p.Path[k] = ps.canonical(k, v)
			inst[k] = coerce(ps.types[k], []string{v})
		}
		out = append(out, op.violations("path", ps.schema.Validate(inst))...)
	}
	if ps := op.params["query"]; ps != nil {
		inst := map[string]any{}
		for name, t := range ps.types {
			if vals, ok := query[name]; ok && len(vals) > 0 {
				inst[name] = coerce(t, vals)
				p.Query[name] = coerce(t, ps.canonicalAll(name, vals))
			}
		}
		out = append(out, op.violations("query", ps.schema.Validate(inst))...)
	}
	if ps := op.params["headers"]; ps != nil {
		inst := map[string]any{}
		for name, t := range ps.types {
			if v := header.Values(name); len(v) > 0 {
				inst[name] = coerce(t, v)
				p.Headers[name] = ps.canonical(name, v[0])
			}
		}
		out = append(out, op.violations("header", ps.schema.Validate(inst))...)
	}
	switch {
	case op.body == nil:
	case !hasBody && op.bodyRequired:
		out = append(out, Violation{In: "body", Message: "a JSON request body is required"})
	case hasBody:
		out = append(out, op.violations("body", op.body.Validate(body))...)
	}
	return p, out
}

// canonical is a parameter value as handlers see it: a UUID in lower case.
func (ps *paramSet) canonical(name, v string) string {
	if ps.uuids[name] {
		return strings.ToLower(v)
	}
	return v
}

func (ps *paramSet) canonicalAll(name string, vals []string) []string {
	if !ps.uuids[name] {
		return vals
	}
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = strings.ToLower(v)
	}
	return out
}

// Declares reports whether the operation declares a response for status.
func (op *Operation) Declares(status int) bool { _, ok := op.responses[status]; return ok }

// ValidateResponse checks a response body against the schema declared for
// its status. Statuses the operation does not declare are an error.
func (op *Operation) ValidateResponse(status int, body []byte) error {
	s, ok := op.responses[status]
	if !ok {
		return fmt.Errorf("%s: status %d is not a declared response", op.ID, status)
	}
	if s == nil {
		if len(bytes.TrimSpace(body)) != 0 {
			return fmt.Errorf("%s: status %d must have an empty body, got %q", op.ID, status, body)
		}
		return nil
	}
	return ValidateJSON(s, body)
}

// ValidateJSON decodes body and validates it against s.
func ValidateJSON(s *jsonschema.Schema, body []byte) error {
	v, err := DecodeJSON(body)
	if err != nil {
		return err
	}
	if err := s.Validate(v); err != nil {
		var msgs []string
		for _, vi := range violations("", err, nil) {
			msgs = append(msgs, vi.Field+": "+vi.Message)
		}
		return fmt.Errorf("%s", strings.Join(msgs, "; "))
	}
	return nil
}

// MaxDepth is how deeply JSON values may nest: arrays and objects within
// one another. Deeper bodies are refused before they are decoded, so no
// stored value is deeper than this and every saved state loads back.
const MaxDepth = 64

// ErrTooDeep is the error of a JSON value nested deeper than MaxDepth.
var ErrTooDeep = fmt.Errorf("the JSON value is nested deeper than %d levels", MaxDepth)

// CheckDepth scans data (JSON text, valid or not) and returns ErrTooDeep
// when its arrays and objects nest deeper than MaxDepth. It is a single pass
// that allocates nothing, cheap enough to run before every decode.
func CheckDepth(data []byte) error {
	depth, inString, escaped := 0, false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > MaxDepth {
				return ErrTooDeep
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// DecodeJSON decodes one JSON value, keeping numbers exact. A value nested
// deeper than MaxDepth is ErrTooDeep.
func DecodeJSON(data []byte) (any, error) {
	if err := CheckDepth(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("unexpected data after the JSON value")
	}
	return v, nil
}

var quoted = regexp.MustCompile(`['"]([^'"]+)['"]`)

func (op *Operation) violations(in string, err error) []Violation {
	return violations(in, err, op.root)
}

// violations flattens a validation error into its leaves. root, when not
// nil, is the schema file, to read each broken rule's own value from.
func violations(in string, err error, root map[string]any) []Violation {
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []Violation{{In: in, Message: err.Error()}}
	}
	var out []Violation
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		field := pointerToField(e.InstanceLocation)
		if strings.HasSuffix(e.KeywordLocation, "/required") {
			// Name each missing property, so a client sees which one.
			for _, m := range quoted.FindAllStringSubmatch(e.Message, -1) {
				out = append(out, Violation{In: in, Field: joinField(field, m[1]), Code: "REQUIRED", Message: "is required"})
			}
			return
		}
		out = append(out, Violation{In: in, Field: field, Code: keywordCode(e.KeywordLocation), Message: plainPattern(e.Message),
			Parameter: parameter(root, e.AbsoluteKeywordLocation)})
	}
	walk(ve)
	return out
}

// plainPattern shows the pattern of a "does not match pattern" message as
// written in the schema: the validator quotes it Go-style, doubling every
// backslash, and the JSON error body would double them again.
func plainPattern(msg string) string {
	const prefix = "does not match pattern '"
	if !strings.HasPrefix(msg, prefix) || !strings.HasSuffix(msg, "'") {
		return msg
	}
	quoted := msg[len(prefix) : len(msg)-1]
	quoted = strings.ReplaceAll(strings.ReplaceAll(quoted, `\'`, `'`), `"`, `\"`)
	raw, err := strconv.Unquote(`"` + quoted + `"`)
	if err != nil {
		return msg
	}
	return prefix + raw + "'"
}

// parameterKeywords are the rules whose value a client needs to fix its
// request: the limit, the regex, the format.
var parameterKeywords = map[string]bool{
	"maxItems": true, "minItems": true, "maxLength": true, "minLength": true, "maximum": true, "minimum": true,
	"exclusiveMaximum": true, "exclusiveMinimum": true, "multipleOf": true, "maxProperties": true, "minProperties": true,
	"pattern": true, "format": true,
}

// parameter reads the value of the keyword at loc ("file#/definitions/X/
// properties/labels/maxItems") from root: "16". "" when there is none.
func parameter(root map[string]any, loc string) string {
	_, ptr, ok := strings.Cut(loc, "#")
	if root == nil || !ok {
		return ""
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	if !parameterKeywords[parts[len(parts)-1]] {
		return ""
	}
	var cur any = root
	for _, part := range parts {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = m[part]
	}
	switch v := cur.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case json.Number:
		return v.String()
	}
	return ""
}

func pointerToField(p string) string {
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return ""
	}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return strings.Join(parts, ".")
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// BodyError is a body that breaks its schema: every violation.
type BodyError struct{ Violations []Violation }

func (e *BodyError) Error() string {
	msgs := make([]string, len(e.Violations))
	for i, vi := range e.Violations {
		msgs[i] = strings.TrimPrefix(vi.Field+": "+vi.Message, ": ")
	}
	return strings.Join(msgs, "; ")
}

// ValidateBody checks a decoded body against the operation's body schema;
// the error is a *BodyError.
func (op *Operation) ValidateBody(v any) error {
	if op.body == nil {
		return fmt.Errorf("%s takes no body", op.ID)
	}
	if vs := op.violations("body", op.body.Validate(v)); len(vs) > 0 {
		return &BodyError{Violations: vs}
	}
	return nil
}
