// Package schema loads the OpenAPI 3.1 documents in schemas/ once per
// process and matches requests and responses against them. A document's
// paths and methods are the routes a vendor serves; each operation's
// parameters (path, query, header), request body and responses are the
// rules the pipeline checks before a handler runs and the shapes the tests
// check after. Schemas are JSON Schema 2020-12, as OpenAPI 3.1 has them,
// compiled with santhosh-tekuri/jsonschema.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/customers-api/sandbox/schemas"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// Set is one compiled OpenAPI document.
type Set struct {
	fsys      fs.FS // where the document is, read again when needed
	file      string
	ops       map[string]*Operation
	endpoints []Endpoint
	defs      map[string]*jsonschema.Schema
	errSchema *jsonschema.Schema // components/responses/Error, the vendor's error shape

	// Response shapes and named definitions are only read by the tests,
	// webhooks and response checks: an embedded document compiles them
	// when first asked (compiling is most of a process's start-up), under
	// mu, as the compiler is not safe for concurrent use. Load compiles
	// everything at once.
	//
	// The request rules compile at load with a compiler of their own
	// (reading only their part of the document), let go afterwards; the
	// compiler of shapes and definitions reads the whole document, made
	// at the first one asked for (Load: at once), so a process that is
	// never asked for one does not hold a decoded copy of the document.
	mu       sync.Mutex
	compiler *jsonschema.Compiler // nil: none yet (see compilerLocked)
	lazy     bool
	defNames map[string]bool
	errLoc   string // where errSchema is, "" when there is none
	errOnce  sync.Once

	// reqDoc is the part of the document the request rules read (see
	// requestRoot), as JSON: a violation's rule value
	// (Violation.Parameter) is read from it. Kept as bytes, a tenth of
	// its decoded size.
	reqDoc []byte
}

// compile compiles loc with the set's compiler.
func (s *Set) compile(loc string) (*jsonschema.Schema, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.compilerLocked()
	if err != nil {
		return nil, err
	}
	return c.Compile(loc)
}

// compilerLocked is the set's compiler, s.mu held; where there is none, a
// new one reading the document. It compiles response shapes and
// definitions, never request rules: those are all compiled at load, with
// the compiler that also reads the gathered parameters.
func (s *Set) compilerLocked() (*jsonschema.Compiler, error) {
	if s.compiler != nil {
		return s.compiler, nil
	}
	data, err := fs.ReadFile(s.fsys, s.file)
	if err != nil {
		return nil, err
	}
	c, err := newCompiler(s.file, data, s.lazy)
	if err != nil {
		return nil, err
	}
	s.compiler = c
	return c, nil
}

// newCompiler is a compiler with the document file (data) as a resource.
// unchecked: the document is embedded, its schemas checked against the
// meta-schema by TestEmbeddedDocumentsAreValidSchemas, not here.
func newCompiler(file string, data []byte, unchecked bool) (*jsonschema.Compiler, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if unchecked && draft2020Unchecked != nil {
		c.Draft = draft2020Unchecked
	}
	c.AssertFormat = true
	c.Formats[FormatCountry] = isCountryCode
	if err := c.AddResource(resourceURL(file), bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return c, nil
}

// resourceURL is the compiler's name for the document file: an absolute
// URL, which the compiler takes as it is, where for a relative name it
// would look up the working directory at every compile.
func resourceURL(file string) string { return "file:///" + strings.TrimPrefix(file, "/") }

// Endpoint is one method and path of the document: the operation it serves,
// or, for an operation marked x-sandbox-not-emulated, none (it answers 501).
type Endpoint struct {
	Method string
	Path   string // the OpenAPI path template, which is also gorilla/mux's
	Op     *Operation
}

// NotEmulated reports whether the vendor documents the endpoint but the
// sandbox does not emulate it.
func (e Endpoint) NotEmulated() bool { return e.Op == nil }

// Operation is one API operation's compiled request and response rules.
type Operation struct {
	ID string
	// Public operations need no token (security: []).
	Public bool
	// Scopes are the scopes of the operation's security requirements: any
	// one of them grants access. Nil: a token of any scope does.
	Scopes       []string
	params       map[string]*paramSet // "path", "query", "header"
	body         *jsonschema.Schema
	pruneTree    *pruneNode // the body schema as PruneBody reads it
	bodyRequired bool
	rawBody      bool
	responses    map[int]*jsonschema.Schema // nil schema: the response has no body
	fallback     *jsonschema.Schema         // the "default" response
	// The response schemas' locations ("" for a response with no body),
	// compiled into responses and fallback at the first need.
	set          *Set
	responseLocs map[int]string
	fallbackLoc  string
	respOnce     sync.Once
	respErr      error
	// The request rules' locations, compiled into params and body at load.
	paramLocs []paramLoc
	bodyLoc   string
	reqOnce   sync.Once
	reqErr    error
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
	Query   map[string]any    // nil when the operation has no query parameters
	Headers map[string]string // nil when it has no header parameters
	Body    any               // the decoded JSON body, nil when there is none
}

// knownKeywords are the JSON Schema 2020-12 keywords (and OpenAPI's
// annotations) the loader accepts. Anything else in a schema object stops
// start-up: a rule the validator would silently ignore is a bug in
// schemas/, not a relaxed check.
var knownKeywords = map[string]bool{
	"$schema": true, "$id": true, "$ref": true, "$comment": true, "$defs": true, "title": true, "description": true,
	"default": true, "examples": true, "example": true, "readOnly": true, "writeOnly": true, "deprecated": true,
	"type": true, "enum": true, "const": true, "format": true, "pattern": true,
	"minLength": true, "maxLength": true, "minimum": true, "maximum": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true,
	"items": true, "prefixItems": true, "minItems": true, "maxItems": true, "uniqueItems": true, "contains": true,
	"properties": true, "patternProperties": true, "additionalProperties": true, "required": true,
	"minProperties": true, "maxProperties": true, "propertyNames": true, "dependentRequired": true, "dependentSchemas": true,
	"allOf": true, "anyOf": true, "oneOf": true, "not": true, "if": true, "then": true, "else": true,
}

var embedded sync.Map // file → *embeddedSet

type embeddedSet struct {
	once sync.Once
	set  *Set
	err  error
}

// Embedded is Load of the project's embedded schemas/ documents, compiled
// once per process: compiled schemas are immutable, so every sandbox in
// the process shares them.
func Embedded(file string) (*Set, error) {
	v, ok := embedded.Load(file)
	if !ok {
		v, _ = embedded.LoadOrStore(file, &embeddedSet{})
	}
	e := v.(*embeddedSet)
	e.once.Do(func() { e.set, e.err = loadSet(schemas.FS, file, true) })
	return e.set, e.err
}

// PrefetchEmbedded compiles every embedded document at once, each on its
// own goroutine, and waits: a process's first sandbox compiles them in
// parallel rather than one after another as each API asks for its own.
// Errors are Embedded's to report, to whoever asks for the document.
func PrefetchEmbedded() { prefetch() }

var prefetch = sync.OnceFunc(func() {
	names, _ := fs.Glob(schemas.FS, "*.openapi.json")
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = Embedded(n)
		}()
	}
	wg.Wait()
})

// methods are the HTTP methods of an OpenAPI path item, in the order
// endpoints are listed.
var methods = []string{"get", "head", "post", "put", "patch", "delete", "options", "trace"}

// paramsKey is where the loader puts, in its copy of the document, the
// parameters of each operation gathered into one object schema per
// location, so that one validation reports every violation of a location
// and each rule's value is read from the same document.
const paramsKey = "x-sandbox-compiled-parameters"

// decodeDocument decodes an OpenAPI document (numbers as json.Number), in
// one quick pass where it can; encoding/json writes the errors.
func decodeDocument(data []byte) (map[string]any, error) {
	if v, ok := fastDecode(data); ok {
		if m, ok := v.(map[string]any); ok {
			return m, nil
		}
	}
	var root map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("unexpected data after the JSON value")
	}
	if root == nil {
		return nil, fmt.Errorf("the document is not a JSON object")
	}
	return root, nil
}

// shareSchemas: loading shares equal compiled schemas (deduper). Tests
// turn it off to compare.
var shareSchemas = true

// Load compiles the OpenAPI 3.1 document `file` in fsys.
func Load(fsys fs.FS, file string) (*Set, error) { return loadSet(fsys, file, false) }

// loadSet compiles the document's request rules, and with lazy, leaves its
// response shapes and definitions for their first use. A lazy load (an
// embedded document's) also skips the compiler's check of every schema
// against the JSON Schema meta-schema: a test does that, once, for the
// documents built into the binary.
func loadSet(fsys fs.FS, file string, lazy bool) (*Set, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	root, err := decodeDocument(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if v, _ := root["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		return nil, fmt.Errorf("%s: not an OpenAPI 3.1 document (openapi: %q)", file, v)
	}
	addKnownKeys(root)
	paths, _ := root["paths"].(map[string]any)
	comps, _ := root["components"].(map[string]any)
	defs, _ := comps["schemas"].(map[string]any)
	for name, d := range defs {
		if err := checkKeywords(d, file+"#/components/schemas/"+name); err != nil {
			return nil, err
		}
	}
	compiled := map[string]any{}
	root[paramsKey] = compiled
	set := &Set{fsys: fsys, file: file, lazy: lazy, ops: map[string]*Operation{}, defs: map[string]*jsonschema.Schema{}}

	var todo []pending
	defined := map[string]string{} // operationId → where it is written
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		item, _ := paths[path].(map[string]any)
		itemPath := path
		if ref, ok := item["$ref"].(string); ok {
			// An alias: the same operations at a second path.
			target, ok := strings.CutPrefix(ref, "#/paths/")
			if !ok {
				return nil, fmt.Errorf("%s: path %s: only #/paths/… references are supported", file, path)
			}
			itemPath = unescape(target)
			if item, _ = paths[itemPath].(map[string]any); item == nil {
				return nil, fmt.Errorf("%s: path %s: no path %s", file, path, itemPath)
			}
		}
		for _, m := range methods {
			spec, ok := item[m].(map[string]any)
			if !ok {
				continue
			}
			ep := Endpoint{Method: strings.ToUpper(m), Path: path}
			if ne, _ := spec["x-sandbox-not-emulated"].(bool); ne {
				set.endpoints = append(set.endpoints, ep)
				continue
			}
			id, _ := spec["operationId"].(string)
			if id == "" {
				return nil, fmt.Errorf("%s: %s %s: an emulated operation needs an operationId", file, ep.Method, path)
			}
			base := "#/paths/" + escape(itemPath) + "/" + m
			op := set.ops[id]
			if op == nil {
				op = &Operation{ID: id, params: map[string]*paramSet{}, responseLocs: map[int]string{}}
				set.ops[id] = op
				defined[id] = base
				todo = append(todo, pending{op: op, spec: spec, base: base, item: item})
			} else if defined[id] != base {
				return nil, fmt.Errorf("%s: operationId %q is used twice", file, id)
			}
			ep.Op = op
			set.endpoints = append(set.endpoints, ep)
		}
	}
	// Gather the parameters before compiling: the compiler reads the
	// document once, with them in it.
	for _, p := range todo {
		if err := gatherParams(root, compiled, p.op, p.item, p.spec, file+p.base); err != nil {
			return nil, err
		}
		p.op.Public, p.op.Scopes = security(root, p.spec)
	}
	set.defNames = map[string]bool{}
	for name := range defs {
		set.defNames[name] = true
	}
	if _, ok := asMap(asMap(comps["responses"])["Error"])["content"]; ok {
		set.errLoc = resourceURL(file) + "#/components/responses/Error/content/application~1json/schema"
	}
	for i, p := range todo {
		body, err := compileOp(root, file, p.op, p.spec, p.base)
		if err != nil {
			return nil, err
		}
		todo[i].body = body
		p.op.set = set
	}
	// The request rules compile from the part of the document they read
	// (requestRoot: the request bodies, the gathered parameters, the
	// definitions they refer to), written out afresh: the compiler decodes
	// that rather than the whole document, responses, examples and all.
	// The set keeps it as written (Set.reqDoc).
	req := requestRoot(root, todo)
	if req == nil {
		req = root // references elsewhere: the whole document
	}
	set.reqDoc = appendJSON(nil, req)
	c, err := newCompiler(file, set.reqDoc, lazy)
	if err != nil {
		return nil, err
	}
	set.compiler = c
	for _, p := range todo {
		// Request rules compile now, lazy or not: the first request must
		// not wait for them (a client may give up on a sandbox that is
		// slow to answer its first call).
		if err := p.op.compileRequest(); err != nil {
			return nil, err
		}
	}
	// The operations share the compiled schemas they have in common
	// (deduper), and the body trees PruneBody and UnknownFields walk.
	d := newDeduper()
	for _, p := range todo {
		if shareSchemas {
			for _, ps := range p.op.params {
				ps.schema = d.visit(ps.schema)
			}
			p.op.body = d.visit(p.op.body)
		}
	}
	seen := map[*jsonschema.Schema]*pruneNode{}
	for _, p := range todo {
		p.op.pruneTree = newPruneNode(p.op.body, seen)
	}
	set.compact(d.intern)
	// Response shapes and definitions compile from the whole document,
	// with a compiler of their own (see Set.mu).
	set.compiler = nil
	if lazy {
		return set, nil
	}
	if err := set.compileAll(); err != nil {
		return nil, err
	}
	return set, nil
}

// compact gives what the set keeps of its loading (names, paths and
// locations read from the decoded document, parameter types) copies of
// its own, made together at the end of the load: the originals lie among
// the load's garbage, where each would keep a page of memory once the
// garbage is collected. intern copies a string once.
func (s *Set) compact(intern func(string) string) {
	ops := make(map[string]*Operation, len(s.ops))
	for _, op := range s.ops {
		op.ID = intern(op.ID)
		ops[op.ID] = op
		for i, sc := range op.Scopes {
			op.Scopes[i] = intern(sc)
		}
		params := make(map[string]*paramSet, len(op.params))
		for in, ps := range op.params {
			c := *ps // the same set, with maps of its own
			c.types = make(map[string]string, len(ps.types))
			for name, t := range ps.types {
				c.types[intern(name)] = intern(t)
			}
			c.uuids = nil // read as empty
			if len(ps.uuids) > 0 {
				c.uuids = make(map[string]bool, len(ps.uuids))
				for name := range ps.uuids {
					c.uuids[intern(name)] = true
				}
			}
			params[intern(in)] = &c
		}
		op.params = params
		locs := make(map[int]string, len(op.responseLocs))
		for status, loc := range op.responseLocs {
			locs[status] = intern(loc)
		}
		op.responseLocs = locs
		op.bodyLoc, op.fallbackLoc = intern(op.bodyLoc), intern(op.fallbackLoc)
	}
	s.ops = ops
	eps := make([]Endpoint, len(s.endpoints))
	for i, e := range s.endpoints {
		eps[i] = Endpoint{Method: intern(e.Method), Path: intern(e.Path), Op: e.Op}
	}
	s.endpoints = eps
	names := make(map[string]bool, len(s.defNames))
	for name := range s.defNames {
		names[intern(name)] = true
	}
	s.defNames = names
	s.errLoc = intern(s.errLoc)
}

// pending is an operation being loaded: its spec, where it is written
// (base, "#/paths/…/post"), its path item and its JSON body schema (nil
// when it has none, or one that is not an object).
type pending struct {
	op   *Operation
	spec map[string]any
	base string
	item map[string]any
	body map[string]any
}

// at is the value at JSON pointer ptr ("/a/b~1c") in root, nil where
// there is none.
func at(root map[string]any, ptr string) any {
	var cur any = root
	for _, part := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		cur = asMap(cur)[unescape(part)]
	}
	return cur
}

// requestRoot is the part of the document root that the request checks
// read once loaded (Set.reqDoc): each operation's request body schema at
// its place, the gathered parameters, and the named definitions they
// refer to, directly or not. Nil where a reference points anywhere else:
// then they keep the whole document.
func requestRoot(root map[string]any, ops []pending) map[string]any {
	defs := asMap(asMap(root["components"])["schemas"])
	keep := map[string]any{}
	ok := true
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if r, isRef := e.(string); isRef && k == "$ref" {
					name, found := strings.CutPrefix(r, "#/components/schemas/")
					if !found || strings.Contains(name, "/") {
						ok = false
						continue
					}
					name = unescape(name)
					if _, seen := keep[name]; seen {
						continue
					}
					d, exists := defs[name]
					if !exists {
						ok = false
						continue
					}
					keep[name] = d
					walk(d)
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	out := map[string]any{paramsKey: root[paramsKey]}
	walk(root[paramsKey])
	paths := map[string]any{}
	for _, op := range ops {
		if op.body == nil {
			continue
		}
		walk(op.body)
		// base is "#/paths/<escaped path>/<method>"; bodyLoc is below it.
		parts := strings.Split(strings.TrimPrefix(op.base, "#/paths/"), "/")
		if len(parts) != 2 {
			return nil
		}
		path, method := unescape(parts[0]), parts[1]
		item := asMap(paths[path])
		if item == nil {
			item = map[string]any{}
			paths[path] = item
		}
		item[method] = map[string]any{"requestBody": map[string]any{"content": map[string]any{
			"application/json": map[string]any{"schema": op.body}}}}
	}
	if !ok {
		return nil
	}
	out["paths"] = paths
	out["components"] = map[string]any{"schemas": keep}
	return out
}

// compileAll compiles what a lazily loaded set leaves for later: every
// named definition, the error shape and every response shape.
func (s *Set) compileAll() error {
	for _, name := range slices.Sorted(maps.Keys(s.defNames)) {
		if _, err := s.definition(name); err != nil {
			return err
		}
	}
	if _, err := s.errorSchema(); err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(s.ops)) {
		if err := s.ops[id].compileRequest(); err != nil {
			return err
		}
		if err := s.ops[id].compileResponses(); err != nil {
			return err
		}
	}
	return nil
}

type paramLoc struct {
	in, loc string
	raw     any
}

// compileRequest compiles the operation's request rules, once.
func (op *Operation) compileRequest() error {
	op.reqOnce.Do(func() {
		op.set.mu.Lock()
		defer op.set.mu.Unlock()
		if op.set.compiler == nil {
			// Never: loading compiles every operation's request rules
			// before it lets its compiler go.
			op.reqErr = fmt.Errorf("%s: the request rules were not compiled at load", op.ID)
			return
		}
		for _, pl := range op.paramLocs {
			p, err := compileParams(op.set.compiler, pl.loc, pl.raw)
			if err != nil {
				op.reqErr = err
				return
			}
			op.params[pl.in] = p
		}
		if op.bodyLoc != "" {
			b, err := op.set.compiler.Compile(op.bodyLoc)
			if err != nil {
				op.reqErr = err
				return
			}
			op.body = b
		}
		op.paramLocs = nil // read: let the document's parameter objects go
	})
	return op.reqErr
}

// compileResponses compiles the operation's response shapes, once.
func (op *Operation) compileResponses() error {
	op.respOnce.Do(func() {
		responses := make(map[int]*jsonschema.Schema, len(op.responseLocs))
		for status, loc := range op.responseLocs {
			if loc == "" {
				responses[status] = nil
				continue
			}
			s, err := op.set.compile(loc)
			if err != nil {
				op.respErr = err
				return
			}
			responses[status] = s
		}
		if op.fallbackLoc != "" {
			s, err := op.set.compile(op.fallbackLoc)
			if err != nil {
				op.respErr = err
				return
			}
			op.fallback = s
		}
		op.responses = responses
	})
	return op.respErr
}

// gatherParams puts the operation's parameters (and its path item's) into
// compiled[op.ID][location] as one object schema per location.
func gatherParams(root, compiled map[string]any, op *Operation, item, spec map[string]any, where string) error {
	locs := map[string]map[string]any{}
	all := append(slices.Clone(asList(item["parameters"])), asList(spec["parameters"])...)
	for i, raw := range all {
		p := resolve(root, asMap(raw))
		name, _ := p["name"].(string)
		in, _ := p["in"].(string)
		at := fmt.Sprintf("%s/parameters/%d", where, i)
		if name == "" || (in != "path" && in != "query" && in != "header") {
			return fmt.Errorf("%s: a parameter needs a name and in: path, query or header", at)
		}
		s, ok := p["schema"].(map[string]any)
		if !ok {
			return fmt.Errorf("%s: parameter %s needs a schema", at, name)
		}
		if err := checkKeywords(s, at+"/schema"); err != nil {
			return err
		}
		loc := locs[in]
		if loc == nil {
			loc = map[string]any{"type": "object", "properties": map[string]any{}}
			locs[in] = loc
		}
		loc["properties"].(map[string]any)[name] = s
		if req, _ := p["required"].(bool); req {
			r, _ := loc["required"].([]any)
			loc["required"] = append(r, name)
		}
	}
	if len(locs) > 0 {
		m := map[string]any{}
		for in, loc := range locs {
			m[in] = loc
		}
		compiled[op.ID] = m
	}
	return nil
}

// security reads an operation's security requirements (or the document's):
// none at all is a public operation; otherwise any one requirement grants
// access, so the scopes are theirs together.
func security(root, spec map[string]any) (public bool, scopes []string) {
	reqs, ok := spec["security"].([]any)
	if !ok {
		if reqs, ok = root["security"].([]any); !ok {
			return true, nil
		}
	}
	if len(reqs) == 0 {
		return true, nil
	}
	for _, r := range reqs {
		for _, list := range asMap(r) {
			l := asList(list)
			if len(l) == 0 {
				return false, nil // a token of any scope will do
			}
			for _, sc := range l {
				if s, ok := sc.(string); ok {
					scopes = append(scopes, s)
				}
			}
		}
	}
	return false, scopes
}

func compileOp(root map[string]any, file string, op *Operation, spec map[string]any, base string) (body map[string]any, err error) {
	where := file + base
	ps := asMap(asMap(root[paramsKey])[op.ID])
	for _, in := range []string{"path", "query", "header"} {
		raw, ok := ps[in]
		if !ok {
			continue
		}
		op.paramLocs = append(op.paramLocs, paramLoc{in, resourceURL(file) + "#/" + paramsKey + "/" + escape(op.ID) + "/" + in, raw})
	}
	if rb := asMap(spec["requestBody"]); rb != nil {
		rb = resolve(root, rb)
		op.bodyRequired, _ = rb["required"].(bool)
		content := asMap(rb["content"])
		_, hasJSON := content["application/json"]
		op.rawBody = len(content) > 0 && !hasJSON
		if s, ok := asMap(content["application/json"])["schema"]; ok {
			if err := checkKeywords(s, where+"/requestBody"); err != nil {
				return nil, err
			}
			op.bodyLoc = resourceURL(file) + base + "/requestBody/content/application~1json/schema"
			body = asMap(s)
		}
	}
	for code, r := range asMap(spec["responses"]) {
		at := base + "/responses/" + escape(code)
		rm := asMap(r)
		if ref, ok := rm["$ref"].(string); ok {
			at, rm = ref, resolve(root, rm)
		}
		schemaLoc := ""
		if js, ok := asMap(asMap(rm["content"])["application/json"])["schema"]; ok {
			if err := checkKeywords(js, file+at); err != nil {
				return nil, err
			}
			schemaLoc = resourceURL(file) + at + "/content/application~1json/schema"
		}
		if code == "default" {
			op.fallbackLoc = schemaLoc
			continue
		}
		status, err := strconv.Atoi(code)
		if err != nil {
			return nil, fmt.Errorf("%s/responses: status %q is not a number", where, code)
		}
		op.responseLocs[status] = schemaLoc
	}
	return body, nil
}

// Op returns the operation with the given id, or nil.
func (s *Set) Op(id string) *Operation { return s.ops[id] }

// Endpoints lists the document's methods and paths: the operations, then
// the endpoints not emulated, each group by path.
func (s *Set) Endpoints() []Endpoint {
	out := make([]Endpoint, 0, len(s.endpoints))
	for _, notEmulated := range []bool{false, true} {
		for _, e := range s.endpoints {
			if e.NotEmulated() == notEmulated {
				out = append(out, e)
			}
		}
	}
	return out
}

// Definition returns the compiled schema components/schemas/name, or nil.
func (s *Set) Definition(name string) *jsonschema.Schema {
	d, _ := s.definition(name) // an embedded document's all compile (TestEmbeddedDocumentsCompile)
	return d
}

func (s *Set) definition(name string) (*jsonschema.Schema, error) {
	if !s.defNames[name] {
		return nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.defs[name]; d != nil {
		return d, nil
	}
	c, err := s.compilerLocked()
	if err != nil {
		return nil, err
	}
	d, err := c.Compile(resourceURL(s.file) + "#/components/schemas/" + escape(name))
	if err != nil {
		return nil, err
	}
	s.defs[name] = d
	return d, nil
}

// ErrorSchema is the shape of the API's errors (components/responses/Error).
func (s *Set) ErrorSchema() *jsonschema.Schema {
	e, _ := s.errorSchema()
	return e
}

func (s *Set) errorSchema() (*jsonschema.Schema, error) {
	var err error
	s.errOnce.Do(func() {
		if s.errLoc != "" {
			s.errSchema, err = s.compile(s.errLoc)
		}
	})
	return s.errSchema, err
}

// Document returns the OpenAPI document as written (a copy of its own).
func (s *Set) Document() []byte {
	data, _ := fs.ReadFile(s.fsys, s.file) // read at load: it reads again
	return data
}

func escape(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1") }

func unescape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

func checkKeywords(v any, where string) error {
	switch t := v.(type) {
	case map[string]any:
		for k, sub := range t {
			if !knownKeywords[k] {
				return fmt.Errorf("%s: unsupported schema keyword %q", where, k)
			}
			switch k {
			case "properties", "patternProperties", "$defs", "dependentSchemas":
				m, _ := sub.(map[string]any)
				for name, s := range m {
					if err := checkKeywords(s, where+"/"+k+"/"+name); err != nil {
						return err
					}
				}
			case "items", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else":
				if err := checkKeywords(sub, where+"/"+k); err != nil {
					return err
				}
			case "allOf", "anyOf", "oneOf", "prefixItems":
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
		if items, _ := pm["items"].(map[string]any); pm["format"] == "uuid" || t == "array" && items["format"] == "uuid" {
			ps.uuids[name] = true
		}
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

// RawBody reports whether the operation documents a request body with no
// JSON content (a form-encoded token request): its handler reads it.
func (op *Operation) RawBody() bool { return op.rawBody }

// HasBody reports whether the operation takes a request body.
func (op *Operation) HasBody() bool { return op.bodyLoc != "" }

// BodyRequired reports whether the request body must be present.
func (op *Operation) BodyRequired() bool { return op.bodyRequired }

// ValidateRequest coerces and checks the request's parameters and its JSON
// body (nil when absent) against the operation's rules. It returns every
// violation, not just the first. Params holds parameters of format uuid in
// lower case (UUIDs are case-insensitive; the body's are lowered by
// PruneBody), so handlers look ids up as they are stored; violations quote
// what the client sent. path is the request's own: its UUIDs are lowered
// in place.
func (op *Operation) ValidateRequest(path map[string]string, query url.Values, header http.Header, body any, hasBody bool) (Params, []Violation) {
	p := Params{Path: path, Body: body} // Query and Headers stay nil (read as empty) for an operation without such parameters
	if err := op.compileRequest(); err != nil {
		// Never: loading compiles the request rules (a failure fails the
		// load); compileRequest only reports that outcome.
		return p, []Violation{{In: "body", Message: "the operation's rules do not compile: " + err.Error()}}
	}
	var out []Violation
	if ps := op.params["path"]; ps != nil {
		if !quickParams(ps.schema, path, ps.types) {
			inst := map[string]any{}
			for k, v := range path {
				inst[k] = coerce(ps.types[k], []string{v})
			}
			out = append(out, op.check("path", ps.schema, inst)...)
		}
		for k, v := range path {
			if ps.uuids[k] {
				path[k] = strings.ToLower(v) // in place: the request's own
			}
		}
	}
	if ps := op.params["query"]; ps != nil {
		inst := map[string]any{}
		p.Query = map[string]any{}
		for name, t := range ps.types {
			if vals, ok := query[name]; ok && len(vals) > 0 {
				inst[name] = coerce(t, vals)
				p.Query[name] = coerce(t, ps.canonicalAll(name, vals))
			}
		}
		out = append(out, op.check("query", ps.schema, inst)...)
	}
	if ps := op.params["header"]; ps != nil {
		inst := map[string]any{}
		p.Headers = map[string]string{}
		for name, t := range ps.types {
			if v := header.Values(name); len(v) > 0 {
				inst[name] = coerce(t, v)
				p.Headers[name] = ps.canonical(name, v[0])
			}
		}
		out = append(out, op.check("header", ps.schema, inst)...)
	}
	switch {
	case op.body == nil:
	case !hasBody && op.bodyRequired:
		out = append(out, Violation{In: "body", Message: "a JSON request body is required"})
	case hasBody:
		out = append(out, op.check("body", op.body, body)...)
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

// ErrorSchema is the shape of the operation's other responses (its
// "default"), nil when it declares none.
func (op *Operation) ErrorSchema() *jsonschema.Schema {
	_ = op.compileResponses() // an embedded document's all compile (TestEmbeddedDocumentsCompile)
	return op.fallback
}

// Declares reports whether the operation declares a response for status.
func (op *Operation) Declares(status int) bool { _, ok := op.responseLocs[status]; return ok }

// ValidateResponse checks a response body against the schema declared for
// its status. Statuses the operation does not declare are an error.
func (op *Operation) ValidateResponse(status int, body []byte) error {
	if err := op.compileResponses(); err != nil {
		return err
	}
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
	if v, ok := fastDecode(data); ok {
		return v, nil
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

// check validates v against s: quickly when it is certainly valid, else
// with the full validator, which names every violation.
func (op *Operation) check(in string, s *jsonschema.Schema, v any) []Violation {
	if quickValid(s, v) {
		return nil
	}
	return op.violations(in, s.Validate(v))
}

func (op *Operation) violations(in string, err error) []Violation {
	return violations(in, err, op.set.reqDoc)
}

// violations flattens a validation error into its leaves. doc, when not
// nil, is the schema document (JSON) to read each broken rule's own value
// from.
func violations(in string, err error, doc []byte) []Violation {
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
			Parameter: parameter(doc, e.AbsoluteKeywordLocation)})
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

// parameter reads the value of the keyword at loc ("file#/components/schemas/X/
// properties/labels/maxItems") from doc: "16". "" when there is none.
// The validator writes the fragment URL-escaped ("/paths/~1v1~1x~1%7Bid%7D/…").
func parameter(doc []byte, loc string) string {
	_, ptr, ok := strings.Cut(loc, "#")
	if doc == nil || !ok || !parameterKeywords[ptr[strings.LastIndexByte(ptr, '/')+1:]] {
		return ""
	}
	if p, err := url.PathUnescape(ptr); err == nil {
		ptr = p
	}
	switch v := valueAt(doc, ptr).(type) {
	case string:
		return v
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
	if err := op.compileRequest(); err != nil {
		return err
	}
	if op.body == nil {
		return fmt.Errorf("%s takes no body", op.ID)
	}
	if vs := op.check("body", op.body, v); len(vs) > 0 {
		return &BodyError{Violations: vs}
	}
	return nil
}
