// Package api is the request pipeline every vendor's routes share, readable
// top to bottom: authenticate (401/403) → read the body (413, 400) → match the
// request against its operation's schema (400, every violation listed) →
// run the handler → write JSON. Handlers return values; errors are written in
// one place, in the vendor's own shape.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/customers-api/sandbox/sandbox/internal/schema"
	"github.com/gorilla/mux"
)

// MaxBody is the largest request body accepted (413 past it).
const MaxBody = 1 << 20

// Error is an API error; each vendor renders it in its own shape.
type Error struct {
	Status  int
	Code    string
	Message string
	Details []schema.Violation
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// Errorf builds an Error.
func Errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Response is what a handler returns. A nil Body writes no body.
type Response struct {
	Status int
	Body   any
	Header http.Header
}

// JSON returns a response with the given status and body.
func JSON(status int, body any) *Response { return &Response{Status: status, Body: body} }

// Request is what a handler receives: the HTTP request, its validated
// parameters and the authenticated caller.
type Request struct {
	HTTP      *http.Request
	Params    schema.Params
	Principal any
}

// QueryString returns a string query parameter, or "".
func (r *Request) QueryString(name string) string { s, _ := r.Params.Query[name].(string); return s }

// QueryBool returns a boolean query parameter, or false.
func (r *Request) QueryBool(name string) bool { b, _ := r.Params.Query[name].(bool); return b }

// QueryInt returns an integer query parameter, or def when absent.
func (r *Request) QueryInt(name string, def int) int {
	if n, ok := r.Params.Query[name].(int64); ok {
		return int(n)
	}
	return def
}

// QueryStrings returns an array query parameter.
func (r *Request) QueryStrings(name string) []string {
	l, _ := r.Params.Query[name].([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		out = append(out, v.(string))
	}
	return out
}

// Path returns a path parameter.
func (r *Request) Path(name string) string { return r.Params.Path[name] }

// Handler handles one operation.
type Handler func(*Request) (*Response, error)

// Vendor is what the pipeline needs to know of an API's conventions.
type Vendor interface {
	// Authenticate checks the caller of route (401/403) and returns it.
	Authenticate(r *http.Request, route *Route) (any, *Error)
	// WriteError writes e in the vendor's error shape.
	WriteError(w http.ResponseWriter, r *http.Request, e *Error)
	// Header adds the vendor's usual response headers.
	Header(h http.Header)
}

// Route is one operation of an API as served: where and who may call it
// (from the OpenAPI document) and who handles it (the vendor's table).
type Route struct {
	Method string
	Path   string
	Op     string   // operationId in the vendor's document
	Scopes []string // any one of them grants access; nil: any token will do
	Public bool     // true: no bearer token (token endpoints)
	// RawBody routes read the body themselves (form-encoded token requests):
	// their request body is documented with no JSON content.
	RawBody bool
	Handle  Handler
}

// Handlers is a vendor's handler table: operationId → handler.
type Handlers map[string]Handler

// Caller is where the pipeline leaves the authenticated caller of a
// request for the layers around it (the journal names the account or
// partner): put a *Caller in the request context with WithCaller.
type Caller struct{ Principal any }

type callerKey struct{}

// WithCaller returns ctx carrying c.
func WithCaller(ctx context.Context, c *Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// IsCallerKey reports whether key is the context key of the *Caller, for
// a layer that keeps its request values in a context of its own.
func IsCallerKey(key any) bool { _, ok := key.(callerKey); return ok }

type varsKey struct{}

// IsVarsKey reports whether key is the context key of a request's path
// variables, for a router that matches routes itself and keeps them in a
// context of its own (the sandbox's route index) rather than mux's.
func IsVarsKey(key any) bool { _, ok := key.(varsKey); return ok }

// Vars are the path variables of r, as matched (still escaped): the
// route index's when it matched the route itself, else mux's.
func Vars(r *http.Request) map[string]string {
	if v, _ := r.Context().Value(varsKey{}).(map[string]string); v != nil {
		return v
	}
	return mux.Vars(r)
}

// Bind returns the handler of each endpoint of set, in the order of
// set.Endpoints(), for one vendor instance: each operation through the
// pipeline to its handler from handlers, each endpoint the vendor documents
// that the sandbox does not emulate to a 501. Start-up fails when an
// operation has no handler or a handler no operation: a route without
// request rules would accept anything, and an operation without a handler
// would be documented but unserved. The routes themselves (method, path,
// name) are the document's, so a router can be built once per process.
func Bind(v Vendor, set *schema.Set, handlers Handlers, vendor string) ([]http.Handler, error) {
	eps := set.Endpoints()
	out := make([]http.Handler, len(eps))
	used := 0
	for i, e := range eps {
		if e.NotEmulated() {
			out[i] = notEmulated(v, vendor, e.Method, e.Path)
			continue
		}
		h, ok := handlers[e.Op.ID]
		if !ok {
			return nil, fmt.Errorf("%s %s: operation %q has no handler", e.Method, e.Path, e.Op.ID)
		}
		used++
		out[i] = handler(v, e.Op, &Route{Method: e.Method, Path: e.Path, Op: e.Op.ID, Scopes: e.Op.Scopes, Public: e.Op.Public, RawBody: e.Op.RawBody(), Handle: h})
	}
	if used < len(handlers) {
		for id := range handlers {
			if set.Op(id) == nil {
				return nil, fmt.Errorf("handler %q has no operation in the document", id)
			}
		}
	}
	return out, nil
}

// RouteName is the router name of an endpoint: its operationId, or
// NotEmulatedRoute.
func RouteName(e schema.Endpoint) string {
	if e.NotEmulated() {
		return NotEmulatedRoute
	}
	return e.Op.ID
}

func handler(v Vendor, op *schema.Operation, rt *Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		principal, aerr := v.Authenticate(r, rt)
		if aerr != nil {
			Write(w, r, v, nil, aerr)
			return
		}
		if c, ok := r.Context().Value(callerKey{}).(*Caller); ok {
			c.Principal = principal
		}
		var body any
		hasBody := false
		if !rt.RawBody {
			var err *Error
			body, hasBody, err = readJSON(w, r)
			if err != nil {
				Write(w, r, v, nil, err)
				return
			}
		}
		vars := Vars(r) // the request's own: unescaped (and canonicalised) in place
		for k, s := range vars {
			if strings.IndexByte(s, '%') >= 0 {
				if u, err := url.PathUnescape(s); err == nil {
					vars[k] = u
				}
			}
		}
		var query url.Values // none: nil, read as empty
		var qerr error
		if r.URL.RawQuery != "" {
			query, qerr = url.ParseQuery(r.URL.RawQuery)
		}
		if qerr != nil {
			// url.Values would drop the broken pair and answer as if it had
			// not been sent: a 400 names it instead.
			field := brokenQueryField(r.URL.RawQuery)
			Write(w, r, v, nil, &Error{Status: http.StatusBadRequest, Code: CodeValidation, Message: fmt.Sprintf("invalid request: query %s %v", field, qerr),
				Details: []schema.Violation{{In: "query", Field: field, Code: "ENCODING", Message: qerr.Error()}}})
			return
		}
		params, violations := op.ValidateRequest(vars, query, r.Header, body, hasBody)
		if len(violations) > 0 {
			Write(w, r, v, nil, &Error{Status: http.StatusBadRequest, Code: CodeValidation, Message: validationMessage(violations), Details: violations})
			return
		}
		if hasBody {
			params.Body = op.PruneOwnBody(params.Body) // decoded for this request alone
		}
		resp, err := rt.Handle(&Request{HTTP: r, Params: params, Principal: principal})
		Write(w, r, v, resp, err)
	})
}

// brokenQueryField names the first parameter of a raw query that does not
// decode: its name, decoded when the name itself is well-formed.
func brokenQueryField(raw string) string {
	for _, pair := range strings.Split(raw, "&") {
		key, value, _ := strings.Cut(pair, "=")
		_, kerr := url.QueryUnescape(key)
		_, verr := url.QueryUnescape(value)
		if kerr == nil && verr == nil && !strings.Contains(pair, ";") {
			continue
		}
		if k, err := url.QueryUnescape(key); err == nil {
			return k
		}
		return key
	}
	return ""
}

// CodeValidation is the error code of a request that breaks its schema.
const CodeValidation = "VALIDATION_ERROR"

func validationMessage(vs []schema.Violation) string {
	first := vs[0]
	where := first.In
	if first.Field != "" {
		where += " " + first.Field
	}
	if len(vs) == 1 {
		return fmt.Sprintf("invalid request: %s %s", where, first.Message)
	}
	return fmt.Sprintf("invalid request: %s %s (and %d more)", where, first.Message, len(vs)-1)
}

// readJSON reads and decodes a JSON body. An empty body is no body.
func readJSON(w http.ResponseWriter, r *http.Request) (any, bool, *Error) {
	data, err := ReadBody(w, r)
	if err != nil {
		return nil, false, err
	}
	if len(data) == 0 {
		return nil, false, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && ct != "application/json" {
		mt, _, perr := mime.ParseMediaType(ct)
		if perr != nil || (mt != "application/json" && !isJSONSuffix(mt)) {
			return nil, false, Errorf(http.StatusBadRequest, "INVALID_CONTENT_TYPE", "Content-Type must be application/json, got %q", ct)
		}
	}
	v, derr := schema.DecodeJSON(data)
	if errors.Is(derr, schema.ErrTooDeep) {
		return nil, false, Errorf(http.StatusBadRequest, "INVALID_JSON", "the request body is nested deeper than %d levels", schema.MaxDepth)
	}
	if derr != nil {
		return nil, false, Errorf(http.StatusBadRequest, "INVALID_JSON", "the request body is not valid JSON: %v", derr)
	}
	return v, true, nil
}

func isJSONSuffix(mt string) bool { return len(mt) > 5 && mt[len(mt)-5:] == "+json" }

// ReadBody reads the whole request body, at most MaxBody bytes (413 past it).
func ReadBody(w http.ResponseWriter, r *http.Request) ([]byte, *Error) {
	return ReadBodyLimit(w, r, MaxBody)
}

// ReadBodyLimit reads the whole request body, at most limit bytes (413
// past it).
func ReadBodyLimit(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, *Error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil // a request built in-process with no body, or one the server knows has none
	}
	var data []byte
	var err error
	if n := r.ContentLength; n >= 0 && n <= limit {
		// The size is known: one buffer of that size (and a byte more, to
		// see the end) rather than ReadAll's doubling from 512 bytes.
		data, err = readAllSized(http.MaxBytesReader(w, r.Body, limit), int(n)+1)
	} else {
		data, err = io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, Errorf(http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE", "the request body is larger than %d bytes", limit)
		}
		return nil, Errorf(http.StatusBadRequest, "INVALID_BODY", "the request body could not be read: %v", err)
	}
	return data, nil
}

// readAllSized is io.ReadAll starting from a buffer of size bytes.
func readAllSized(r io.Reader, size int) ([]byte, error) {
	b := make([]byte, 0, size)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// Write writes a handler's result: the error in the vendor's shape, or the
// response as JSON.
func Write(w http.ResponseWriter, r *http.Request, v Vendor, resp *Response, err error) {
	v.Header(w.Header())
	if err != nil {
		var ae *Error
		if !errors.As(err, &ae) {
			log.Printf("internal error on %s %s: %v", r.Method, r.URL.Path, err)
			ae = Errorf(http.StatusInternalServerError, "SERVER_ERROR", "Unexpected Error")
		}
		v.WriteError(w, r, ae)
		return
	}
	for k, vals := range resp.Header {
		w.Header()[k] = vals
	}
	if resp.Body == nil {
		w.WriteHeader(resp.Status)
		return
	}
	WriteJSON(w, r, resp.Status, resp.Body)
}

// jsonContentType is the Content-Type of every JSON response, shared
// rather than allocated per response; a full slice (len == cap), so whoever
// adds to it gets a copy.
var jsonContentType = []string{"application/json; charset=utf-8"}[:1:1]

// WriteJSON writes body as JSON with the status (no body for HEAD).
func WriteJSON(w http.ResponseWriter, r *http.Request, status int, body any) {
	w.Header()["Content-Type"] = jsonContentType
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	bp := bodies.Get().(*[]byte)
	if b, ok := appendJSON((*bp)[:0], body); ok {
		_, _ = w.Write(b)
		if cap(b) <= 64<<10 {
			*bp = b
		}
	} else {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(body)
	}
	bodies.Put(bp)
}

// bodies are the buffers response bodies are encoded in.
var bodies = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// NotEmulatedRoute is the route name of every endpoint the vendor
// documents that the sandbox does not emulate (metrics, journal). It is no
// operation: lists of API routes leave it out.
const NotEmulatedRoute = "not_emulated"

// CodeNotImplemented is the error code of a not-emulated endpoint.
const CodeNotImplemented = "NOT_IMPLEMENTED"

// notEmulated answers an endpoint the vendor documents that the sandbox
// does not emulate (yet, x-sandbox-not-emulated in the document): 501 in
// the vendor's error shape naming itself, so a client can tell "not
// emulated" from "not found". Endpoints lists them after the real routes:
// the router tries routes in order, so a real route on the same method and
// path always wins.
//
// Decision D36: no token is needed (none is checked): the vendor would ask for
// one, but the sandbox cannot say which scopes a route it does not emulate
// needs, and a 501 must be recognisable whatever the credentials.
func notEmulated(v Vendor, vendor, method, path string) http.Handler {
	msg := fmt.Sprintf("%s %s is documented by %s but not emulated by the sandbox", method, path, vendor)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		Write(w, req, v, nil, Errorf(http.StatusNotImplemented, CodeNotImplemented, "%s", msg))
	})
}
