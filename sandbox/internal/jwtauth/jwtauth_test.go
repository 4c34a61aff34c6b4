package jwtauth

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExpiryFollowsWallTime(t *testing.T) {
	wall := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	i := NewIssuer([]byte("k"))
	i.now = func() time.Time { return wall }
	tok, err := i.Issue(Claims{Vendor: "dintero"}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := i.Parse(tok); err != nil {
		t.Fatalf("fresh token: %v", err)
	}
	wall = wall.Add(59 * time.Minute)
	if _, err := i.Parse(tok); err != nil {
		t.Fatalf("before its expiry: %v", err)
	}
	wall = wall.Add(2 * time.Minute)
	if _, err := i.Parse(tok); !errors.Is(err, ErrExpired) {
		t.Fatalf("past its expiry on the wall clock: %v, want ErrExpired", err)
	}
}

func TestExpireAll(t *testing.T) {
	i := NewIssuer(nil)
	old, _ := i.Issue(Claims{Vendor: "tradevest"}, time.Hour)
	i.ExpireAll()
	if _, err := i.Parse(old); !errors.Is(err, ErrExpired) {
		t.Fatalf("a token issued before ExpireAll: %v, want ErrExpired", err)
	}
	// Issued in the same nanosecond as the call or not, a new token works.
	fresh, _ := i.Issue(Claims{Vendor: "tradevest"}, time.Hour)
	if _, err := i.Parse(fresh); err != nil {
		t.Fatalf("a token issued after ExpireAll: %v", err)
	}
}

func TestExpireAllWithAFrozenWallClock(t *testing.T) {
	wall := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	i := NewIssuer(nil)
	i.now = func() time.Time { return wall } // every token at the same instant
	a, _ := i.Issue(Claims{Vendor: "dintero"}, time.Hour)
	i.ExpireAll()
	b, _ := i.Issue(Claims{Vendor: "dintero"}, time.Hour)
	i.ExpireAll()
	c, _ := i.Issue(Claims{Vendor: "dintero"}, time.Hour)
	for name, want := range map[string]bool{a: false, b: false, c: true} {
		_, err := i.Parse(name)
		if ok := err == nil; ok != want {
			t.Errorf("token valid = %v (%v), want %v", ok, err, want)
		}
	}
}

// TestExpireAllRacesWithIssue: every token whose Issue returned before
// ExpireAll was called has expired; under -race.
func TestExpireAllRacesWithIssue(t *testing.T) {
	i := NewIssuer(nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var before []string
	done := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				tok, err := i.Issue(Claims{Vendor: "dintero"}, time.Hour)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				before = append(before, tok)
				mu.Unlock()
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	mu.Lock()
	snapshot := append([]string(nil), before...)
	mu.Unlock()
	i.ExpireAll()
	close(done)
	wg.Wait()
	for _, tok := range snapshot {
		if _, err := i.Parse(tok); !errors.Is(err, ErrExpired) {
			t.Fatalf("a token issued before ExpireAll: %v", err)
		}
	}
	if len(snapshot) == 0 {
		t.Fatal("no token issued")
	}
}

// A token verified once comes from the cache afterwards, and the cache
// still honours ExpireAll, expiry, and its bound.
func TestVerifiedCache(t *testing.T) {
	i := NewIssuer(nil)
	tok, _ := i.Issue(Claims{Vendor: "dintero", Account: "T12345678"}, time.Hour)
	c, err := i.Parse(tok)
	if err != nil || c.Account != "T12345678" {
		t.Fatalf("first use: %v %v", c, err)
	}
	c.Account = "changed by a caller"
	if again, err := i.Parse(tok); err != nil || again.Account != "T12345678" {
		t.Fatalf("second use (cached): %v %v", again, err)
	}
	i.ExpireAll()
	if _, err := i.Parse(tok); !errors.Is(err, ErrExpired) {
		t.Fatalf("a cached token after ExpireAll: %v, want ErrExpired", err)
	}
	fresh, _ := i.Issue(Claims{Vendor: "dintero", Account: "T12345678"}, time.Hour)
	// Change a character in the middle of the claims, in its high bits.
	at := strings.Index(fresh, ".") + 10
	swap := byte('A')
	if fresh[at] == 'A' {
		swap = 'g'
	}
	tampered := fresh[:at] + string(swap) + fresh[at+1:]
	if _, err := i.Parse(tampered); err == nil || errors.Is(err, ErrExpired) {
		t.Fatalf("a tampered token: %v", err)
	}
	for n := 0; n < maxVerified+10; n++ {
		tok, _ := i.Issue(Claims{Vendor: "dintero"}, time.Hour)
		_, _ = i.Parse(tok)
	}
	if len(i.verified) > maxVerified {
		t.Fatalf("the cache holds %d tokens, more than %d", len(i.verified), maxVerified)
	}
}

// HasScope answers what looking in Scopes answers.
func TestHasScopeAsScopes(t *testing.T) {
	for _, scope := range []string{"", "read:customers", "read:customers write:customers", " admin:customers  read:customers ", "a b c"} {
		c := &Claims{Scope: scope}
		for _, s := range []string{"", "a", "b", "c", "read:customers", "write:customers", "admin:customers", "read"} {
			if got, want := c.HasScope(s), slices.Contains(c.Scopes(), s); got != want {
				t.Errorf("Scope %q: HasScope(%q) = %v, Scopes has it: %v", scope, s, got, want)
			}
		}
	}
}
