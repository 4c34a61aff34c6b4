package dintero

import (
	"crypto/subtle"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// tokenTTL is the lifetime of an access token (the vendor's expires_in),
// on the wall clock; a fixture client's token_ttl overrides it.
const tokenTTL = 86400 * time.Second

// Scopes the handlers check beyond a route's own list.
const (
	scopeAdmin     = "admin:customers"
	scopeWrite     = "write:customers"
	scopeRead      = "read:customers"
	scopeUser      = "user:customers"
	scopeUserLimit = "user:customers:/customer/details"
	scopeAuthUsers = "write:accounts:/auth/users"
)

// vendor adapts the API to the shared pipeline.
type vendor struct{ a *API }

// Authenticate checks the bearer token of a Dintero call: 401 for a missing,
// malformed, badly signed or expired token; 403 for a token of another
// account or without any of the route's scopes.
func (v vendor) Authenticate(r *http.Request, rt *api.Route) (any, *api.Error) {
	if rt.Public {
		return nil, nil
	}
	claims, err := v.a.issuer.FromRequest(r, vendorName)
	if errors.Is(err, jwtauth.ErrExpired) {
		return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgExpiredToken)
	}
	if err != nil {
		return nil, errUnauthorized
	}
	// decision D7: an aid that breaks ^[PT]\d{8}$ is a 400, whatever the token's
	// account: the path is checked before the token is compared with it.
	if aid := pathVar(r, "aid"); !accountID.MatchString(aid) {
		return nil, errBadAccountID()
	}
	if aid := pathVar(r, "aid"); aid != claims.Account {
		return nil, api.Errorf(http.StatusForbidden, CodeForbidden, MsgWrongAccount)
	}
	// A route with no scopes takes any token of the account (decision D72).
	if len(rt.Scopes) > 0 && !hasAny(claims, rt.Scopes...) {
		return nil, api.Errorf(http.StatusForbidden, CodeForbidden, MsgMissingScope)
	}
	// decision D27: a token that reaches the route only through a user scope may
	// touch only its own customer.
	if cid := pathVar(r, "customer_id"); cid != "" && !hasAny(claims, withoutUserScopes(rt.Scopes)...) && cid != claims.CustomerID {
		return nil, api.Errorf(http.StatusForbidden, CodeForbidden, MsgOtherCustomer)
	}
	return claims, nil
}

func withoutUserScopes(scopes []string) []string {
	var out []string
	for _, s := range scopes {
		if s != scopeUser && s != scopeUserLimit {
			out = append(out, s)
		}
	}
	return out
}

func hasAny(c *jwtauth.Claims, scopes ...string) bool {
	return slices.ContainsFunc(scopes, c.HasScope)
}

func caller(r *api.Request) *jwtauth.Claims { return r.Principal.(*jwtauth.Claims) }

// handleToken is POST /v1/accounts/{aid}/auth/token: client credentials in
// HTTP Basic (or client_id/client_secret in the body) for a JWT.
func (a *API) handleToken(r *api.Request) (*api.Response, error) {
	aid := r.Path("aid")
	body, _ := r.Params.Body.(map[string]any)
	if gt, _ := body["grant_type"].(string); gt != "client_credentials" {
		return a.handleUserGrant(r, gt) // grants.go
	}
	id, secret, ok := r.HTTP.BasicAuth()
	if !ok {
		id, _ = body["client_id"].(string)
		secret, _ = body["client_secret"].(string)
	}
	if id == "" {
		return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgBadCredentials)
	}
	client, err := store.Get(a.store, aid, func(acc *Account) (Client, error) {
		c, found := acc.Clients[id]
		if !found || subtle.ConstantTimeCompare([]byte(c.Secret), []byte(secret)) != 1 {
			return Client{}, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgBadCredentials)
		}
		return c, nil
	})
	if err != nil {
		var ae *api.Error
		if errors.As(err, &ae) && ae.Status == http.StatusNotFound {
			// An unknown account has no clients: the credentials are wrong.
			return nil, api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgBadCredentials)
		}
		return nil, err
	}
	// Any base URL is accepted (clients compute it from the URL they were
	// given); the account it names must be the path's.
	audience, _ := body["audience"].(string)
	if !strings.HasSuffix(strings.TrimRight(audience, "/"), "/accounts/"+aid) {
		return nil, api.Errorf(http.StatusForbidden, CodeForbidden, MsgAudience)
	}
	ttl := tokenTTL
	if client.TokenTTL > 0 { // the fixture client's token_ttl
		ttl = time.Duration(client.TokenTTL) * time.Second
	}
	tok, err := a.issuer.Issue(jwtauth.Claims{
		Vendor: vendorName, Account: aid, Scope: strings.Join(client.Scopes, " "), CustomerID: client.CustomerID,
		RegisteredClaims: jwtClaims(client.ID, audience),
	}, ttl)
	if err != nil {
		return nil, err
	}
	return api.JSON(http.StatusOK, map[string]any{
		"access_token": tok, "token_type": "Bearer", "expires_in": int(ttl.Seconds()),
	}), nil
}
