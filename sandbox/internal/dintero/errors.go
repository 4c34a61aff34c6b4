package dintero

import (
	"net/http"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
)

// Error codes and user-facing texts. Tests compare against these constants.
const (
	CodeBadRequest       = "BAD_REQUEST"
	CodeDuplicate        = "DUPLICATE"
	CodeNotFound         = "NOT FOUND" // as in Dintero's own example (docs/errors)
	CodeUnauthorized     = "unauthorized"
	CodeForbidden        = "FORBIDDEN"
	CodeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	CodeUnsupportedGrant = "unsupported_grant_type"

	MsgNoToken          = "Access forbidden, invalid JWT token was used"
	MsgExpiredToken     = "Access forbidden, the JWT token has expired"
	MsgBadCredentials   = "Invalid client credentials"
	MsgWrongAccount     = "Forbidden: the token is not valid for this account"
	MsgMissingScope     = "Forbidden: the token lacks a scope this operation needs"
	MsgAuthScope        = "Forbidden: password and pin need the scope write:accounts:/auth/users"
	MsgTypeScope        = "Forbidden: users of type employee or other need admin:customers or write:customers"
	MsgOtherCustomer    = "Forbidden: a user token may only access its own customer"
	MsgAudience         = "Forbidden: the audience must be the account of the path"
	MsgCustomerNotFound = "Customer not found"
	MsgRouteNotFound    = "Resource was not found"
	MsgHeadDisabled     = "Method not allowed by customer settings"
	MsgMethodNotAllowed = "Method not allowed"
	MsgNoMatch          = "No user matches"
	MsgTagNotFound      = "Tag not found"
	MsgTermsNotFound    = "Terms not found"
	MsgTokenNotFound    = "Token not found"
)

var (
	errCustomerNotFound = api.Errorf(http.StatusNotFound, CodeNotFound, MsgCustomerNotFound)
	errUnauthorized     = api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgNoToken)
)

func errAccountNotFound(aid string) error {
	return api.Errorf(http.StatusNotFound, CodeNotFound, "Account %s not found", aid)
}

// errBadAccountID is the 400 of a path aid that is no account id, in the
// shape the request validation gives a path parameter that breaks its
// pattern.
func errBadAccountID() *api.Error {
	msg := "does not match pattern '" + accountID.String() + "'"
	return &api.Error{Status: http.StatusBadRequest, Code: api.CodeValidation, Message: "invalid request: path aid " + msg,
		Details: []schema.Violation{{In: "path", Field: "aid", Code: "PATTERN", Message: msg}}}
}

func badRequest(format string, args ...any) *api.Error {
	return api.Errorf(http.StatusBadRequest, CodeBadRequest, format, args...)
}

func violation(in, field, msg string) schema.Violation {
	return schema.Violation{In: in, Field: field, Message: msg}
}

func duplicate(field, value string) *api.Error {
	return api.Errorf(http.StatusBadRequest, CodeDuplicate, "Duplicate %s detected: %s", field, value)
}

// errorBody is Dintero's error envelope.
type errorBody struct {
	Error errorInner `json:"error"`
}

type errorInner struct {
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
	// Errors lists each violation: {in, field, message}. Dintero documents the
	// list but not its items' shape; this is the sandbox's choice.
	Errors []any `json:"errors,omitempty"`
	// MFAToken comes with the code mfa_required (§7.1).
	MFAToken string `json:"mfa_token,omitempty"`
}

// WriteError writes e as {"error": {"code", "message", "errors"}}.
func (v vendor) WriteError(w http.ResponseWriter, r *http.Request, e *api.Error) {
	body := errorBody{Error: errorInner{Code: e.Code, Message: e.Message}}
	for _, d := range e.Details {
		body.Error.Errors = append(body.Error.Errors, d)
	}
	api.WriteJSON(w, r, e.Status, body)
}

// Header adds the headers Dintero sends on every response (docs/errors).
func (v vendor) Header(h http.Header) {
	h["Access-Control-Allow-Origin"] = allowOrigin
	h["Access-Control-Allow-Methods"] = allowMethods
	h["Access-Control-Allow-Headers"] = allowHeaders
	h["Access-Control-Expose-Headers"] = exposeHeaders
}

// The usual headers' values, shared by every response rather than
// allocated per response (as Header.Set would): each is a full slice
// (len == cap), so whoever adds to one gets a copy.
var (
	allowOrigin   = []string{"*"}[:1:1]
	allowMethods  = []string{"GET,HEAD,PUT,PATCH,POST,DELETE"}[:1:1]
	allowHeaders  = []string{"Origin,Content-Type,Accept,Authorization,total-count,page-count"}[:1:1]
	exposeHeaders = []string{"total-count,paging_token"}[:1:1]
)

// NotFound answers a path under /v1 that is no Dintero route.
func (a *API) NotFound(w http.ResponseWriter, r *http.Request) {
	api.Write(w, r, vendor{a}, nil, api.Errorf(http.StatusNotFound, CodeNotFound, MsgRouteNotFound))
}

// MethodNotAllowed answers a Dintero path called with a method it lacks.
func (a *API) MethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	api.Write(w, r, vendor{a}, nil, api.Errorf(http.StatusMethodNotAllowed, CodeMethodNotAllowed, MsgMethodNotAllowed))
}

// Fault answers r with an injected error in Dintero's shape.
func (a *API) Fault(w http.ResponseWriter, r *http.Request, status int, msg string) {
	api.Write(w, r, vendor{a}, nil, api.Errorf(status, "SANDBOX_FAULT", msg))
}

// badField is a 400 about one body field: the message, and the field named
// in error.errors.
func badField(field, format string, args ...any) *api.Error {
	e := badRequest(format, args...)
	e.Details = []schema.Violation{violation("body", field, e.Message)}
	return e
}

// WriteError answers r with e in Dintero's shape, for the layers around
// the API (limits the sandbox enforces before any route runs).
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, e *api.Error) {
	api.Write(w, r, vendor{a}, nil, e)
}
