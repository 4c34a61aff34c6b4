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
// client credentials, or HTTP Basic, for a bearer token.
func (a *API) handleToken(r *api.Request) (*api.Response, error) {
	data, aerr := api.ReadBody(nil, r.HTTP)
	if aerr != nil {
		return nil, aerr
	}
	if ct := r.HTTP.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/x-www-form-urlencoded" {
			return nil, fieldError("Content-Type", "CONTENT_TYPE", "the token request must be application/x-www-form-urlencoded")
		}
	}
	form, err := url.ParseQuery(string(data))
	if err != nil {
		return nil, fieldError("body", "FORM", "the token request is not a valid form: %v", err)
	}
	id, secret, basic := r.HTTP.BasicAuth()
	if !basic {
		id, secret = form.Get("client_id"), form.Get("client_secret")
	}
	if gt := form.Get("grant_type"); gt != "client_credentials" {
		return nil, &api.Error{Status: http.StatusBadRequest, Code: CodeUnsupported,
			Message: "grant_type must be client_credentials", Details: []schemaViolation{violation("grant_type", "ENUM", "must be client_credentials")}}
	}
	partner, client, ok := a.clientPartner(id, secret)
	if !ok {
		return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgBadCredentials)
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
