package sandbox

import (
	"errors"
	"github.com/customers-api/sandbox/sandbox/internal/dintero"
	"net/http"

	"github.com/customers-api/sandbox/sandbox/internal/api"
)

// Control endpoints of Dintero's customer login (decisions D64, D68, D69):
// the messages the sandbox "sent", completing a password reset, and
// authorization codes for the authorization_code grant.

// handleMessages is GET /_sandbox/messages: the messages sent, newest last;
// ?account= and ?to= filter them.
func (s *Server) handleMessages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	api.WriteJSON(w, r, http.StatusOK, vendorOf[*dintero.API](s).Messages(q.Get("account"), q.Get("to")))
}

// handleMessagesClear is DELETE /_sandbox/messages.
func (s *Server) handleMessagesClear(w http.ResponseWriter, r *http.Request) {
	vendorOf[*dintero.API](s).ClearMessages()
	w.WriteHeader(http.StatusNoContent)
}

// handlePasswordReset is POST /_sandbox/password_reset {"token", "password"}:
// what the user does with the link of a password-reset message. 204.
func (s *Server) handlePasswordReset(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Token    string `json:"token"`
		Password string `json:"password"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	if err := vendorOf[*dintero.API](s).ResetPassword(body.Token, body.Password); err != nil {
		writeAPIControlError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleAuthorizationCode is POST /_sandbox/authorization_codes
// {"account", "customer_id"}: 201 {"code", "expires_in"}, a one-time code
// for grant_type authorization_code.
func (s *Server) handleAuthorizationCode(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Account    string `json:"account"`
		CustomerID string `json:"customer_id"`
	}
	if !decodeControl(w, r, &body) {
		return
	}
	if body.Account == "" || body.CustomerID == "" {
		writeControlError(w, r, http.StatusBadRequest, "account and customer_id are required")
		return
	}
	code, ttl, err := vendorOf[*dintero.API](s).AuthorizationCode(body.Account, body.CustomerID)
	if err != nil {
		writeAPIControlError(w, r, err)
		return
	}
	api.WriteJSON(w, r, http.StatusCreated, map[string]any{"code": code, "expires_in": ttl, "account": body.Account, "customer_id": body.CustomerID})
}

// writeAPIControlError writes an API error in the control plane's shape.
func writeAPIControlError(w http.ResponseWriter, r *http.Request, err error) {
	var ae *api.Error
	if errors.As(err, &ae) {
		writeControlError(w, r, ae.Status, ae.Message)
		return
	}
	writeControlError(w, r, http.StatusInternalServerError, err.Error())
}
