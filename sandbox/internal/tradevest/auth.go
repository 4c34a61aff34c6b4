package tradevest

import (
	"crypto/subtle"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/golang-jwt/jwt/v5"
)

// tokenTTL is the lifetime of an access token (expires_in 3600, §2), on
// the wall clock; a fixture client's token_ttl overrides it.
const tokenTTL = time.Hour

// vendor adapts the API to the shared pipeline.
type vendor struct{ a *API }

// Authenticate checks the bearer token of a Tradevest call: 401 for a
// missing, malformed, badly signed or expired token. A token carries its
// partner; every handler works on that partner's data only.
func (v vendor) Authenticate(r *http.Request, rt *api.Route) (any, *api.Error) {
	if rt.Public {
		return nil, nil
	}
	claims, err := v.a.issuer.FromRequest(r, vendorName)
	if errors.Is(err, jwtauth.ErrExpired) {
		return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgExpiredToken)
	}
	if err != nil || !v.a.store.Has(claims.Partner) {
		return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgNoToken)
	}
	return claims, nil
}

func partnerOf(r *api.Request) string { return r.Principal.(*jwtauth.Claims).Partner }

// handleToken is POST /oauth2/token (and /connect/token): form-encoded
// client credentials, or HTTP Basic, for a bearer token. Its errors are
// OAuth2's (RFC 6749 §5.2), as the vendor's token host, an AWS Cognito
// domain (§2), answers them: never an ErrorMessage.
func (a *API) handleToken(r *api.Request) (*api.Response, error) {
	data, aerr := api.ReadBody(nil, r.HTTP)
	if aerr != nil {
		return oauthError(aerr.Status, OAuthInvalidRequest, aerr.Message), nil
	}
	if ct := r.HTTP.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/x-www-form-urlencoded" {
			return oauthError(http.StatusBadRequest, OAuthInvalidRequest, "the token request must be application/x-www-form-urlencoded"), nil
		}
	}
	form, err := url.ParseQuery(string(data))
	if err != nil {
		return oauthError(http.StatusBadRequest, OAuthInvalidRequest, "the token request is not a valid form: "+err.Error()), nil
	}
	id, secret, basic := r.HTTP.BasicAuth()
	if !basic {
		id, secret = form.Get("client_id"), form.Get("client_secret")
	}
	switch gt := form.Get("grant_type"); gt {
	case "client_credentials":
	case "":
		return oauthError(http.StatusBadRequest, OAuthInvalidRequest, "grant_type is required"), nil
	default:
		return oauthError(http.StatusBadRequest, OAuthUnsupportedGrant, "grant_type must be client_credentials"), nil
	}
	partner, client, ok := a.clientPartner(id, secret)
	if !ok {
		resp := oauthError(http.StatusUnauthorized, OAuthInvalidClient, MsgBadCredentials)
		if basic {
			// RFC 6749 §5.2: a client that authenticated with a scheme is
			// told which one failed.
			resp.Header.Set("WWW-Authenticate", `Basic realm="token"`)
		}
		return resp, nil
	}
	ttl := tokenTTL
	if client.TokenTTL > 0 { // the fixture client's token_ttl
		ttl = time.Duration(client.TokenTTL) * time.Second
	}
	tok, err := a.issuer.Issue(jwtauth.Claims{Vendor: vendorName, Partner: partner, Scope: form.Get("scope"),
		RegisteredClaims: jwt.RegisteredClaims{Subject: id, Issuer: "customers-api-sandbox"}}, ttl)
	if err != nil {
		return nil, err
	}
	return api.JSON(http.StatusOK, map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": int(ttl.Seconds())}), nil
}

// oauthError is the one place that writes the token endpoint's error shape:
// {"error": code, "error_description": text}. Status 401 for invalid_client,
// as the issue and RFC 6749 §5.2 allow. Decision D46: error_description (an
// optional RFC 6749 field) says what was wrong, which Cognito often leaves
// out.
func oauthError(status int, code, description string) *api.Response {
	return &api.Response{Status: status, Body: map[string]any{"error": code, "error_description": description},
		Header: http.Header{"Cache-Control": {"no-store"}, "Pragma": {"no-cache"}}}
}

// clientPartner finds the partner of a client whose secret matches, and
// the client.
func (a *API) clientPartner(id, secret string) (string, Client, bool) {
	if id == "" {
		return "", Client{}, false
	}
	for _, partner := range a.store.IDs() {
		var client Client
		found := false
		_ = a.store.View(partner, func(p *Partner) error {
			c, ok := p.Clients[id]
			found = ok && subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) == 1
			client = c
			return nil
		})
		if found {
			return partner, client, true
		}
	}
	return "", Client{}, false
}
