package dintero

import (
	"errors"
	"net/http"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
)

// The grant types of POST /auth/token besides client_credentials (§7.1).
const (
	grantPassword    = "password"
	grantAuthCode    = "authorization_code"
	grantAccountUser = "account_user_token"
	grantRefresh     = "refresh_token"
	grantMFA         = "mfa-oob"
)

// handleUserGrant answers the token endpoint's grants that authenticate
// with a Bearer token (decision D64):
//   - password: username (email or phone number), password and type, as
//     POST /customers/login; the caller needs access to the token endpoint;
//   - authorization_code: a code from POST /_sandbox/authorization_codes,
//     once; the same caller rule;
//   - account_user_token: the Bearer is a user token (one that carries a
//     customer) of the account, exchanged for a fresh one;
//   - refresh_token: the Bearer is a token of the client the refresh token
//     was issued to;
//   - mfa-oob: mfa_token and the one-time code (binding_code, or oob_code
//     for a login challenge), the Bearer of the client that started it.
//
// A refresh token comes with password and authorization_code when the
// caller has create:accounts:auth:refresh_token.
func (a *API) handleUserGrant(r *api.Request, grant string) (*api.Response, error) {
	switch grant {
	case grantPassword, grantAuthCode, grantAccountUser, grantRefresh, grantMFA:
	default:
		return nil, api.Errorf(http.StatusBadRequest, CodeUnsupportedGrant,
			"grant_type %q is not supported; use client_credentials, password, authorization_code, account_user_token, refresh_token or mfa-oob", grant)
	}
	aid, body := r.Path("aid"), bodyMap(r)
	cl, err := a.issuer.FromRequest(r.HTTP, vendorName)
	switch {
	case errors.Is(err, jwtauth.ErrExpired):
		return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgExpiredToken)
	case err != nil:
		return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, "grant_type %s needs a Bearer access token: %s", grant, MsgNoToken)
	case cl.Account != aid:
		return nil, api.Errorf(http.StatusForbidden, CodeForbidden, MsgWrongAccount)
	}
	audience := str(body["audience"])
	if err := checkAudience(aid, audience); err != nil {
		return nil, err
	}
	if missing := requiredFor(grant, body); len(missing) > 0 {
		e := &api.Error{Status: http.StatusBadRequest, Code: api.CodeValidation,
			Message: "invalid request: body " + missing[0] + " is required for grant_type " + grant}
		for _, f := range missing {
			e.Details = append(e.Details, schema.Violation{In: "body", Field: f, Code: "REQUIRED", Message: "is required for grant_type " + grant})
		}
		return nil, e
	}
	switch grant {
	case grantPassword, grantAuthCode:
		if !hasAny(cl, tokenEndpointScopes...) {
			return nil, api.Errorf(http.StatusForbidden, CodeForbidden, MsgMissingScope)
		}
		if grant == grantAuthCode {
			g, ok := a.secrets.takeCode(a.secrets.codes, str(body["code"]))
			if !ok || g.user.Account != aid {
				return nil, api.Errorf(http.StatusBadRequest, CodeInvalidGrant, "unknown, used or expired authorization code")
			}
			if err := a.userAlive(g.user); err != nil {
				return nil, err
			}
			return a.userToken(cl, audience, g.user, hasAny(cl, scopeRefresh))
		}
		typ := str(body["type"])
		if typ == "" {
			typ = "customer"
		}
		username := str(body["username"])
		identType := "email"
		if isPhone(username) {
			identType = "phone_number"
		}
		c, err := a.loginUser(aid, typ, identType, username, str(body["password"]))
		if err != nil {
			return nil, err
		}
		return a.userTokenOrMFA(aid, cl, audience, c)
	case grantAccountUser:
		if cl.CustomerID == "" {
			return nil, api.Errorf(http.StatusBadRequest, CodeInvalidGrant, "grant_type account_user_token needs a user token as Bearer")
		}
		u := userRef{Account: aid, CustomerID: cl.CustomerID}
		if err := a.userAlive(u); err != nil {
			return nil, err
		}
		return a.userToken(cl, audience, u, false)
	case grantRefresh:
		g, ok := a.secrets.getRefresh(str(body["refresh_token"]))
		if !ok || g.user.Account != aid {
			return nil, api.Errorf(http.StatusBadRequest, CodeInvalidGrant, "unknown refresh token")
		}
		if g.client != cl.Subject {
			return nil, api.Errorf(http.StatusForbidden, CodeForbidden, "Forbidden: the refresh token belongs to another client")
		}
		if err := a.userAlive(g.user); err != nil {
			return nil, err
		}
		return a.userToken(cl, audience, g.user, false)
	default: // mfa-oob
		u, err := a.answerMFA(aid, cl.Subject, body)
		if err != nil {
			return nil, err
		}
		return a.userToken(cl, audience, u, false)
	}
}

// requiredFor lists the body fields grant needs that body lacks.
func requiredFor(grant string, body map[string]any) []string {
	need := map[string][]string{
		grantPassword: {"username", "password"},
		grantAuthCode: {"code"},
		grantRefresh:  {"refresh_token"},
		grantMFA:      {"mfa_token"},
	}[grant]
	var missing []string
	for _, f := range need {
		if str(body[f]) == "" {
			missing = append(missing, f)
		}
	}
	if grant == grantMFA && str(body["binding_code"]) == "" && str(body["oob_code"]) == "" {
		missing = append(missing, "binding_code")
	}
	return missing
}

// userAlive is a 401 for a customer deleted since the grant was made.
func (a *API) userAlive(u userRef) error {
	return a.store.View(u.Account, func(acc *Account) error {
		if _, err := acc.liveCustomer(u.CustomerID); err != nil {
			return errBadUser()
		}
		return nil
	})
}

// answerMFA checks an mfa-oob answer: a known, live mfa_token of the
// client, and the code that was sent (decision D66). A wrong code is a 400
// and counts: the fifth voids the mfa_token.
func (a *API) answerMFA(aid, client string, body map[string]any) (userRef, error) {
	s := a.secrets
	s.mu.Lock()
	defer s.mu.Unlock()
	tok := str(body["mfa_token"])
	ch, ok := s.mfa[tok]
	if !ok || ch.user.Account != aid || time.Now().After(ch.expires) {
		delete(s.mfa, tok)
		return userRef{}, api.Errorf(http.StatusBadRequest, CodeInvalidGrant, "unknown or expired mfa_token")
	}
	if ch.client != client {
		return userRef{}, api.Errorf(http.StatusForbidden, CodeForbidden, "Forbidden: the mfa_token belongs to another client")
	}
	code, oob := str(body["binding_code"]), str(body["oob_code"])
	good := false
	if ch.oobCode != "" { // recovery: the code sent is the binding code
		good = code == ch.code && (oob == "" || oob == ch.oobCode)
	} else {
		if code == "" {
			code = oob
		}
		good = code == ch.code
	}
	if !good {
		if ch.attempts++; ch.attempts >= maxAttempts {
			delete(s.mfa, tok)
		}
		return userRef{}, api.Errorf(http.StatusBadRequest, CodeInvalidGrant, "wrong one-time code")
	}
	delete(s.mfa, tok)
	if err := a.userAlive(ch.user); err != nil {
		return userRef{}, err
	}
	return ch.user, nil
}

// isPhone reports whether a username is a phone number rather than an
// email: E.164, a plus and digits.
func isPhone(s string) bool { return len(s) > 1 && s[0] == '+' && isDigits(s[1:]) }
