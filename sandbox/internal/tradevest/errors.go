package tradevest

import (
	"net/http"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/google/uuid"
)

// Error codes (ErrorMessage.errorCode) and user-facing texts. Tests compare
// against these constants.
const (
	CodeValidation   = api.CodeValidation
	CodeUnauthorized = "UNAUTHORIZED"
	CodeNotFound     = "NOT_FOUND"
	CodeConflict     = "CONFLICT"

	// OAuth2 error codes of the token endpoint (RFC 6749 §5.2).
	OAuthInvalidRequest   = "invalid_request"
	OAuthInvalidClient    = "invalid_client"
	OAuthUnsupportedGrant = "unsupported_grant_type"

	MsgNoToken          = "Full authentication is required to access this resource"
	MsgExpiredToken     = "The access token has expired"
	MsgBadCredentials   = "Invalid client credentials"
	MsgRouteNotFound    = "Resource not found"
	MsgCustomerNotFound = "Customer not found"
	MsgEntityNotFound   = "Entity not found"
	MsgOnboardNotFound  = "Onboarding not found"
	MsgLabelNotFound    = "Label not found"
	MsgMethodNotAllowed = "Method not allowed"
)

// RequestIDHeader carries the id of every request (also requestId in error
// bodies), so a client can quote it.
const RequestIDHeader = "X-Request-ID"

func errPartnerNotFound(id string) error {
	return api.Errorf(http.StatusUnauthorized, CodeUnauthorized, "Unknown partner %s", id)
}

// fieldError is a 400 naming one field in errorDetails.
func fieldError(field, code, format string, args ...any) *api.Error {
	e := api.Errorf(http.StatusBadRequest, CodeValidation, format, args...)
	e.Details = append(e.Details, violation(field, code, e.Message))
	return e
}

func notFound(msg string) *api.Error { return api.Errorf(http.StatusNotFound, CodeNotFound, msg) }

func conflict(format string, args ...any) *api.Error {
	return api.Errorf(http.StatusConflict, CodeConflict, format, args...)
}

// errorMessage is Tradevest's ErrorMessage.
type errorMessage struct {
	Message      string         `json:"message"`
	ResponseType string         `json:"responseType"`
	RequestID    string         `json:"requestId"`
	ErrorCode    string         `json:"errorCode,omitempty"`
	ErrorDetails []errorDetails `json:"errorDetails,omitempty"`
}

type errorDetails struct {
	Field  string        `json:"field"`
	Errors []explanation `json:"errors"`
}

type explanation struct {
	Code      string `json:"code"`
	Parameter string `json:"parameter,omitempty"`
	Message   string `json:"message"`
}

// WriteError writes e as an ErrorMessage: errorDetails name each field
// that failed, grouped by field, in the order found.
func (v vendor) WriteError(w http.ResponseWriter, r *http.Request, e *api.Error) {
	body := errorMessage{
		Message:      e.Message,
		ResponseType: strings.ToUpper(strings.ReplaceAll(http.StatusText(e.Status), " ", "_")),
		RequestID:    w.Header().Get(RequestIDHeader),
		ErrorCode:    e.Code,
	}
	index := map[string]int{}
	for _, d := range e.Details {
		field := d.Field
		if field == "" {
			field = d.In
		}
		code := d.Code
		if code == "" {
			code = "INVALID"
		}
		i, ok := index[field]
		if !ok {
			i = len(body.ErrorDetails)
			index[field] = i
			body.ErrorDetails = append(body.ErrorDetails, errorDetails{Field: field})
		}
		body.ErrorDetails[i].Errors = append(body.ErrorDetails[i].Errors, explanation{Code: code, Parameter: d.Parameter, Message: d.Message})
	}
	api.WriteJSON(w, r, e.Status, body)
}

// Header gives every Tradevest response a request id.
func (v vendor) Header(h http.Header) {
	if h.Get(RequestIDHeader) == "" {
		h.Set(RequestIDHeader, uuid.NewString())
	}
}

// NotFound answers a path outside /v1 that is no route.
func (a *API) NotFound(w http.ResponseWriter, r *http.Request) {
	api.Write(w, r, vendor{a}, nil, notFound(MsgRouteNotFound))
}

// MethodNotAllowed answers a Tradevest path called with a method it lacks.
func (a *API) MethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	api.Write(w, r, vendor{a}, nil, api.Errorf(http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED", MsgMethodNotAllowed))
}

// Fault answers r with an injected error in Tradevest's shape.
func (a *API) Fault(w http.ResponseWriter, r *http.Request, status int, msg string) {
	api.Write(w, r, vendor{a}, nil, api.Errorf(status, "SANDBOX_FAULT", msg))
}

// WriteError answers r with e in Tradevest's shape, for the layers around
// the API (limits the sandbox enforces before any route runs).
func (a *API) WriteError(w http.ResponseWriter, r *http.Request, e *api.Error) {
	api.Write(w, r, vendor{a}, nil, e)
}
