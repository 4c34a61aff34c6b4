// Package jwtauth issues and checks the sandbox's access tokens: HS256 JWTs
// whose expiry follows real (wall) time, never the sandbox clock (decision
// D49: freezing or advancing the clock leaves tokens alone). It uses
// golang-jwt, the maintained JWT library, rather than hand-rolled signing.
package jwtauth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// Claims are what a sandbox token carries.
type Claims struct {
	jwt.RegisteredClaims
	Scope      string `json:"scope,omitempty"`
	Vendor     string `json:"vendor"`
	Account    string `json:"aid,omitempty"`
	Partner    string `json:"partner,omitempty"`
	CustomerID string `json:"customer_id,omitempty"`
	// IssuedNano is the wall-clock instant of issue in nanoseconds: iat
	// has whole seconds only, too coarse to tell a token issued just
	// before ExpireAll from one issued just after.
	IssuedNano int64 `json:"iat_ns,omitempty"`
}

// Scopes returns the token's scopes.
func (c *Claims) Scopes() []string { return strings.Fields(c.Scope) }

// HasScope reports whether the token grants scope: Scopes contains it
// (without building the list).
func (c *Claims) HasScope(scope string) bool {
	for rest := c.Scope; rest != ""; {
		var f string
		f, rest, _ = strings.Cut(rest, " ")
		if f != "" && strings.TrimSpace(f) == scope {
			return true
		}
	}
	return false
}

// Issuer signs and verifies tokens.
type Issuer struct {
	key []byte
	now func() time.Time // wall time

	mu         sync.Mutex
	lastIssued int64 // IssuedNano of the newest token
	cutoff     int64 // tokens issued at or before it have expired (ExpireAll)

	// verified caches the claims of tokens whose signature checked out,
	// keyed by the raw token, so a client that reuses its token (every
	// client does) costs one map lookup, not an HMAC and a JSON decode.
	// Expiry and ExpireAll are still judged on every use. Bounded: it is
	// emptied when full.
	cacheMu  sync.RWMutex
	verified map[string]*Claims
}

// maxVerified bounds the cache of verified tokens.
const maxVerified = 4096

// NewIssuer returns an issuer signing with key (a random one when empty).
func NewIssuer(key []byte) *Issuer {
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
	}
	return &Issuer{key: key, now: time.Now, verified: map[string]*Claims{}}
}

// issueInstant is the wall time of a new token, in nanoseconds, strictly
// after every token ExpireAll has expired, so a token issued after the
// call always works.
func (i *Issuer) issueInstant(now time.Time) int64 {
	i.mu.Lock()
	defer i.mu.Unlock()
	n := now.UnixNano()
	if n <= i.cutoff {
		n = i.cutoff + 1
	}
	if n > i.lastIssued {
		i.lastIssued = n
	}
	return n
}

// Issue signs c, valid for ttl from now on the wall clock.
func (i *Issuer) Issue(c Claims, ttl time.Duration) (string, error) {
	now := i.now()
	c.IssuedNano = i.issueInstant(now)
	c.IssuedAt = jwt.NewNumericDate(now)
	c.ExpiresAt = jwt.NewNumericDate(now.Add(ttl))
	c.ID = uuid.NewString()
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(i.key)
}

// ExpireAll makes every token issued so far expire now: their next use is
// ErrExpired. Tokens issued afterwards are not affected.
func (i *Issuer) ExpireAll() {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.cutoff = max(i.now().UnixNano(), i.lastIssued, i.cutoff)
}

func (i *Issuer) expiredByCall(c *Claims) bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return c.IssuedNano <= i.cutoff
}

// ErrExpired is returned for a well-signed token past its expiry.
var ErrExpired = errors.New("the access token has expired")

// Parse verifies a token's signature and expiry (on the wall clock, and
// against ExpireAll); a token verified before is found in a cache, its
// expiry still checked.
func (i *Issuer) Parse(token string) (*Claims, error) {
	i.cacheMu.RLock()
	cached := i.verified[token]
	i.cacheMu.RUnlock()
	if cached != nil {
		if !i.now().Before(cached.ExpiresAt.Time) || i.expiredByCall(cached) {
			return nil, ErrExpired
		}
		c := *cached
		return &c, nil
	}
	c, err := i.parse(token)
	if err == nil {
		i.cacheMu.Lock()
		if len(i.verified) >= maxVerified {
			clear(i.verified)
		}
		kept := *c
		i.verified[token] = &kept
		i.cacheMu.Unlock()
	}
	return c, err
}

// parse verifies a token without the cache.
func (i *Issuer) parse(token string) (*Claims, error) {
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(t *jwt.Token) (any, error) { return i.key, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(i.now), jwt.WithExpirationRequired())
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, ErrExpired
	case err != nil:
		return nil, fmt.Errorf("invalid access token: %w", err)
	case i.expiredByCall(&c):
		return nil, ErrExpired
	}
	return &c, nil
}

// Bearer returns the token of an "Authorization: Bearer …" header.
func Bearer(header string) (string, bool) {
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return "", false
	}
	return strings.TrimSpace(tok), true
}

// ErrNoToken is returned for a request without a bearer token.
var ErrNoToken = errors.New("no bearer token")

// FromRequest returns the verified claims of a request's bearer token for
// vendor: ErrNoToken without one, ErrExpired past its expiry, another error
// when it is malformed, badly signed or another vendor's.
func (i *Issuer) FromRequest(r *http.Request, vendor string) (*Claims, error) {
	raw, ok := Bearer(r.Header.Get("Authorization"))
	if !ok {
		return nil, ErrNoToken
	}
	c, err := i.Parse(raw)
	if err != nil {
		return nil, err
	}
	if c.Vendor != vendor {
		return nil, fmt.Errorf("invalid access token: issued for %s", c.Vendor)
	}
	return c, nil
}
