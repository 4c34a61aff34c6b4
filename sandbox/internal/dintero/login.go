package dintero

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/jwtauth"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// Scopes of customer login and the token endpoint (§7).
const (
	scopeNoMFA        = "write:accounts:/auth/users/no-mfa"
	scopeRefresh      = "create:accounts:auth:refresh_token"
	scopeAdminAccount = "admin:accounts"
	scopeWriteAccount = "write:accounts"
)

// tokenEndpointScopes give access to the token endpoint's user grants
// (§7.1: "a JWT token with access to the token endpoint").
var tokenEndpointScopes = []string{scopeAdminAccount, scopeWriteAccount, scopeAuthUsers, scopeNoMFA}

// userScopes are the scopes of a token that carries a customer. Decision D64:
// user:customers, with which the customer reads and updates its own record
// (decision D27) and nothing else.
const userScopes = scopeUser

// Error codes and texts of login and the user grants.
const (
	CodeMFARequired  = "mfa_required"
	CodeInvalidGrant = "invalid_grant"

	MsgBadUserCredentials = "Invalid user credentials"
	MsgMFARequired        = "Multi-factor authentication is required"
	MsgNoIdent            = "email, or ident_type and ident, is required"
)

// Lifetimes of the transient secrets, on the wall clock like access tokens
// (decision D49).
const (
	mfaTTL       = 5 * time.Minute
	codeTTL      = 10 * time.Minute
	resetTTL     = 24 * time.Hour
	maxAttempts  = 5     // wrong one-time codes before an mfa_token is void
	maxSecrets   = 10000 // per kind; expired ones go first
	mfaCodeValue = VerificationCode
)

// userRef names the customer a grant logs in.
type userRef struct {
	Account, CustomerID, Type string
}

// mfaChallenge is an open MFA login or recovery.
type mfaChallenge struct {
	user     userRef
	client   string // the client that started it
	audience string
	code     string // the one-time code sent
	oobCode  string // recovery: the oob_code answered
	expires  time.Time
	attempts int
}

// grantCode is an authorization code or a password reset token.
type grantCode struct {
	user    userRef
	expires time.Time
}

// refreshGrant is what a refresh token stands for.
type refreshGrant struct {
	user     userRef
	client   string
	audience string
}

// secrets are the sandbox's transient credentials: MFA tokens, authorization
// codes, refresh tokens and password-reset tokens. Decision D67: like access
// tokens (decision D59) they are not part of the accounts' state, not in
// GET /_sandbox/state nor the state file, and do not survive a restart.
type secrets struct {
	mu      sync.Mutex
	mfa     map[string]*mfaChallenge
	codes   map[string]*grantCode
	resets  map[string]*grantCode
	refresh map[string]*refreshGrant
}

func newSecrets() *secrets {
	return &secrets{mfa: map[string]*mfaChallenge{}, codes: map[string]*grantCode{},
		resets: map[string]*grantCode{}, refresh: map[string]*refreshGrant{}}
}

// randomToken is an opaque secret of n random bytes, hex-encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// bound makes room in m for one more entry: expired ones go, then any.
func bound[V any](m map[string]V, expired func(V) bool) {
	if len(m) < maxSecrets {
		return
	}
	for k, v := range m {
		if expired(v) {
			delete(m, k)
		}
	}
	for k := range m {
		if len(m) < maxSecrets {
			return
		}
		delete(m, k)
	}
}

func (s *secrets) putMFA(ch *mfaChallenge) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	bound(s.mfa, func(c *mfaChallenge) bool { return now.After(c.expires) })
	tok := randomToken(24)
	s.mfa[tok] = ch
	return tok
}

func (s *secrets) putCode(m map[string]*grantCode, u userRef, ttl time.Duration) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	bound(m, func(c *grantCode) bool { return now.After(c.expires) })
	tok := randomToken(16)
	m[tok] = &grantCode{user: u, expires: now.Add(ttl)}
	return tok
}

// takeCode removes and returns a live code of m.
func (s *secrets) takeCode(m map[string]*grantCode, code string) (*grantCode, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := m[code]
	if !ok {
		return nil, false
	}
	delete(m, code)
	return g, time.Now().Before(g.expires)
}

func (s *secrets) putRefresh(g *refreshGrant) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	bound(s.refresh, func(*refreshGrant) bool { return false })
	tok := randomToken(32)
	s.refresh[tok] = g
	return tok
}

func (s *secrets) getRefresh(tok string) (*refreshGrant, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.refresh[tok]
	return g, ok
}

// checkAudience applies the token endpoint's audience rule (decision D31)
// to the login bodies: any base URL, but the account of the path.
func checkAudience(aid, audience string) error {
	if !strings.HasSuffix(strings.TrimRight(audience, "/"), "/accounts/"+aid) {
		return api.Errorf(http.StatusForbidden, CodeForbidden, MsgAudience)
	}
	return nil
}

func errBadUser() error {
	return api.Errorf(http.StatusUnauthorized, CodeUnauthorized, MsgBadUserCredentials)
}

// findUser returns the live customer of type typ whose email (identType
// "email", case-insensitive) or phone number (exact) is ident. Decision
// D65: only customers of type customer or company log in (the request
// schemas allow no other type), and a deleted customer has no email or
// phone left to match.
func (acc *Account) findUser(typ, identType, ident string) *Customer {
	var ids func(func(string) bool)
	if identType == "phone_number" {
		ids = acc.phone.exact(ident)
	} else {
		ids = acc.email.exact(strings.ToLower(ident))
	}
	for id := range ids {
		if c := acc.customers[id]; c != nil && !c.deleted() && c.Type == typ {
			return c
		}
	}
	return nil
}

// checkSecret reports whether secret is the customer's password or pin.
func (c *Customer) checkSecret(secret string) bool {
	h := hashSecret(secret)
	return (c.PasswordHash != "" && c.PasswordHash == h) || (c.PinHash != "" && c.PinHash == h)
}

// loginUser checks a customer's credentials: 401 for an unknown user, a
// user without a password or pin, or a wrong one (the same answer for
// each, so a caller cannot probe which users exist).
func (a *API) loginUser(aid, typ, identType, ident, secret string) (*Customer, error) {
	return store.Get(a.store, aid, func(acc *Account) (*Customer, error) {
		c := acc.findUser(typ, identType, ident)
		if c == nil || !c.checkSecret(secret) {
			return nil, errBadUser()
		}
		return c, nil
	})
}

// mfaSettings returns whether MFA login is on and the channel of login
// (or, with recovery, of login_recovery).
func (a *API) mfaSettings(aid string, recovery bool) (enabled bool, channel string) {
	channel = "sms"
	_ = a.store.View(aid, func(acc *Account) error {
		enabled, _ = lookup(acc.settings(), "users", "mfa", "enabled").(bool)
		key := "login"
		if recovery {
			key = "login_recovery"
		}
		if ch, ok := lookup(acc.settings(), "users", "mfa", key, "oob_channel").(string); ok {
			channel = ch
		}
		return nil
	})
	return enabled, channel
}

// startMFA opens an MFA challenge for c and "sends" its one-time code on
// channel (decision D66: always 123456, like verification codes). A
// customer without the channel's phone number or email is a 400.
func (a *API) startMFA(aid, client, audience string, c *Customer, channel, kind string) (*mfaChallenge, string, error) {
	field := "phone_number"
	if channel == "email" {
		field = "email"
	}
	to := c.str(field)
	if to == "" {
		return nil, "", badRequest("the customer has no %s to send the %s one-time code to", field, channel)
	}
	ch := &mfaChallenge{user: userRef{aid, c.CustomerID, c.Type}, client: client, audience: audience,
		code: mfaCodeValue, expires: time.Now().Add(mfaTTL)}
	if kind == MsgKindMFARecovery {
		ch.oobCode = randomToken(12)
	}
	tok := a.secrets.putMFA(ch)
	a.outbox.send(Message{Account: aid, Kind: kind, Channel: channel, To: to, CustomerID: c.CustomerID, Code: ch.code}, a.clock.Now())
	return ch, tok, nil
}

// handleLogin is POST /customers/login: a customer's token for its
// credentials (§7.2). With users.mfa.enabled and without the scope
// write:accounts:/auth/users/no-mfa the answer is the vendor's mfa_required
// error, with an mfa_token and a code sent (decision D65).
func (a *API) handleLogin(r *api.Request) (*api.Response, error) {
	aid, body, cl := r.Path("aid"), bodyMap(r), caller(r)
	identType, ident := str(body["ident_type"]), str(body["ident"])
	if email := str(body["email"]); email != "" && (identType == "" || ident == "") {
		identType, ident = "email", email
	}
	if identType == "" || ident == "" {
		return nil, badField("email", MsgNoIdent)
	}
	audience := str(body["audience"])
	if err := checkAudience(aid, audience); err != nil {
		return nil, err
	}
	c, err := a.loginUser(aid, str(body["type"]), identType, ident, str(body["password"]))
	if err != nil {
		return nil, err
	}
	return a.userTokenOrMFA(aid, cl, audience, c)
}

// userTokenOrMFA answers a successful password check: the user's token, or
// mfa_required when the account asks for MFA and the caller may not skip it.
func (a *API) userTokenOrMFA(aid string, cl *jwtauth.Claims, audience string, c *Customer) (*api.Response, error) {
	if on, channel := a.mfaSettings(aid, false); on && !hasAny(cl, scopeNoMFA) {
		_, tok, err := a.startMFA(aid, cl.Subject, audience, c, channel, MsgKindMFA)
		if err != nil {
			return nil, err
		}
		return api.JSON(http.StatusForbidden, errorBody{Error: errorInner{Code: CodeMFARequired, Message: MsgMFARequired, MFAToken: tok}}), nil
	}
	return a.userToken(cl, audience, userRef{aid, c.CustomerID, c.Type}, hasAny(cl, scopeRefresh))
}

// userToken issues an access token carrying the customer (claims sub and
// customer_id) with the user scopes, and a refresh token when asked.
func (a *API) userToken(cl *jwtauth.Claims, audience string, u userRef, withRefresh bool) (*api.Response, error) {
	tok, err := a.issuer.Issue(jwtauth.Claims{
		Vendor: vendorName, Account: u.Account, Scope: userScopes, CustomerID: u.CustomerID,
		RegisteredClaims: jwtClaims(u.CustomerID, audience),
	}, tokenTTL)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": int(tokenTTL.Seconds())}
	if withRefresh {
		out["refresh_token"] = a.secrets.putRefresh(&refreshGrant{user: u, client: cl.Subject, audience: audience})
	}
	return api.JSON(http.StatusOK, out), nil
}

// handleMFALogin is POST /customers/mfa_login: checks the secret and
// answers an oob challenge; the code goes out on users.mfa.login's
// channel, and POST /auth/token with grant_type mfa-oob completes it.
func (a *API) handleMFALogin(r *api.Request) (*api.Response, error) {
	aid, body, cl := r.Path("aid"), bodyMap(r), caller(r)
	audience := str(body["audience"])
	if err := checkAudience(aid, audience); err != nil {
		return nil, err
	}
	c, err := a.loginUser(aid, str(body["type"]), str(body["ident_type"]), str(body["ident"]), str(body["secret"]))
	if err != nil {
		return nil, err
	}
	_, channel := a.mfaSettings(aid, false)
	_, tok, err := a.startMFA(aid, cl.Subject, audience, c, channel, MsgKindMFA)
	if err != nil {
		return nil, err
	}
	base := baseURL(r.HTTP) + "/v1/accounts/" + aid
	return api.JSON(http.StatusOK, map[string]any{
		"links": []any{
			map[string]any{"rel": "mfa_challenge", "href": base + "/auth/mfa/challenge"},
			map[string]any{"rel": "mfa_oob", "href": base + "/auth/token"},
		},
		"mfa_token": tok, "challenge_type": "oob", "oob_channel": channel,
	}), nil
}

// handleMFARecovery is POST /customers/mfa_login_recovery: for a user who
// lost the secret. The recovery code goes out on users.mfa.login_recovery's
// channel; POST /auth/token with grant_type mfa-oob, the mfa_token, the
// oob_code and the code as binding_code completes it (decision D66).
func (a *API) handleMFARecovery(r *api.Request) (*api.Response, error) {
	aid, body, cl := r.Path("aid"), bodyMap(r), caller(r)
	audience := str(body["audience"])
	if err := checkAudience(aid, audience); err != nil {
		return nil, err
	}
	c, err := store.Get(a.store, aid, func(acc *Account) (*Customer, error) {
		if c := acc.findUser(str(body["type"]), str(body["ident_type"]), str(body["ident"])); c != nil {
			return c, nil
		}
		return nil, errBadUser()
	})
	if err != nil {
		return nil, err
	}
	_, channel := a.mfaSettings(aid, true)
	ch, tok, err := a.startMFA(aid, cl.Subject, audience, c, channel, MsgKindMFARecovery)
	if err != nil {
		return nil, err
	}
	return api.JSON(http.StatusOK, map[string]any{
		"links":          []any{map[string]any{"rel": "mfa_oob", "href": baseURL(r.HTTP) + "/v1/accounts/" + aid + "/auth/token"}},
		"binding_method": "prompt", "oob_code": ch.oobCode, "mfa_token": tok, "challenge_type": "oob",
	}), nil
}

// handleChangePassword is POST /customers/change_password: 204, and a
// password-reset message to the user with a link and a reset token; the
// reset completes with POST /_sandbox/password_reset (decision D69). An
// email no live user of that type has is 204 too, with nothing sent, so a
// caller cannot probe which users exist.
func (a *API) handleChangePassword(r *api.Request) (*api.Response, error) {
	aid, body := r.Path("aid"), bodyMap(r)
	if err := checkAudience(aid, str(body["audience"])); err != nil {
		return nil, err
	}
	c, err := store.Get(a.store, aid, func(acc *Account) (*Customer, error) {
		return acc.findUser(str(body["type"]), "email", str(body["email"])), nil
	})
	if err != nil {
		return nil, err
	}
	if c != nil {
		tok := a.secrets.putCode(a.secrets.resets, userRef{aid, c.CustomerID, c.Type}, resetTTL)
		a.outbox.send(Message{Account: aid, Kind: MsgKindPasswordReset, Channel: "email", To: c.str("email"), CustomerID: c.CustomerID,
			Code: tok, Link: baseURL(r.HTTP) + "/_sandbox/password_reset?token=" + tok}, a.clock.Now())
	}
	return &api.Response{Status: http.StatusNoContent}, nil
}

// ResetPassword completes a password reset (POST /_sandbox/password_reset):
// the customer of the reset token gets the new password. An unknown, used
// or expired token is a 400, a password outside 4–255 characters too; a
// customer deleted since is a 404.
func (a *API) ResetPassword(token, password string) error {
	if n := len([]rune(password)); n < 4 || n > 255 {
		return badField("password", "password must be 4 to 255 characters")
	}
	g, ok := a.secrets.takeCode(a.secrets.resets, token)
	if !ok {
		return badField("token", "unknown, used or expired password reset token")
	}
	return a.store.Update(g.user.Account, func(acc *Account) error {
		prev, err := acc.liveCustomer(g.user.CustomerID)
		if err != nil {
			return err
		}
		next := copyCustomer(prev)
		next.PasswordHash = hashSecret(password)
		next.UpdatedAt = a.clock.Now()
		acc.replace(prev, next)
		return nil
	})
}

// AuthorizationCode issues a one-time authorization code for a live
// customer of account aid (POST /_sandbox/authorization_codes), valid
// for 10 minutes: the sandbox has no hosted login page to get one from
// (decision D64).
func (a *API) AuthorizationCode(aid, customerID string) (string, int, error) {
	u, err := store.Get(a.store, aid, func(acc *Account) (userRef, error) {
		c, err := acc.liveCustomer(customerID)
		if err != nil {
			return userRef{}, err
		}
		return userRef{aid, c.CustomerID, c.Type}, nil
	})
	if err != nil {
		return "", 0, err
	}
	return a.secrets.putCode(a.secrets.codes, u, codeTTL), int(codeTTL.Seconds()), nil
}

func bodyMap(r *api.Request) map[string]any {
	m, _ := r.Params.Body.(map[string]any)
	return m
}

// baseURL is the scheme and host the request came to, for links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
		scheme = p
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return scheme + "://" + host
}
