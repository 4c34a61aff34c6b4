package dintero

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/paging"
)

// scanPage is what a scan of every customer in list order answers: the
// customer_ids of the first limit matches of f after the cursor.
func scanPage(acc *Account, f *customerFilter, after *paging.Key, limit int) []string {
	var out []string
	for id := range acc.order.Ascend(after) {
		if c := acc.customers[id]; f.match(acc, c) {
			if out = append(out, c.CustomerID); len(out) == limit {
				break
			}
		}
	}
	return out
}

func cids(page []*Customer) []string {
	out := []string{}
	for _, c := range page {
		out = append(out, c.CustomerID)
	}
	return out
}

// checkPaged pages through f with the given limit, each page from the
// cursor of the last one, and compares every page with a full scan.
func checkPaged(t *testing.T, acc *Account, f customerFilter, limit int) {
	t.Helper()
	var after *paging.Key
	for pages := 0; ; pages++ {
		page, more, _ := acc.listCustomers(&f, after, limit, false)
		got, want := cids(page), scanPage(acc, &f, after, limit)
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("filter %+v limit %d page %d: got %v, want %v", f, limit, pages, got, want)
		}
		if !more {
			if len(scanPage(acc, &f, after, limit+1)) > limit {
				t.Fatalf("filter %+v page %d: no more, the scan has more", f, pages)
			}
			return
		}
		last := page[len(page)-1]
		k := orderKey(last.CreatedAt, last.ID)
		after = &k
	}
}

// topAll is every id prefixIndex.top yields.
func topAll(ix *prefixIndex, p string, after *paging.Key) []string {
	var out []string
	it := ix.top(p, after)
	for {
		id, done := it.step()
		if done {
			return out
		}
		if id != "" {
			out = append(out, id)
		}
	}
}

// bruteTop is what topAll must answer for the search index: the ids of
// the customers with a search key starting with p after the cursor, in
// list order.
func bruteTop(acc *Account, p string, after *paging.Key, keys func(*Customer) []string) []string {
	var out []string
	for id := range acc.order.Ascend(after) {
		if slices.ContainsFunc(keys(acc.customers[id]), func(k string) bool { return k != "" && strings.HasPrefix(k, p) }) {
			out = append(out, id)
		}
	}
	return out
}

func liveKey(f func(*Customer) string) func(*Customer) []string {
	return func(c *Customer) []string {
		if c.deleted() {
			return nil
		}
		return []string{f(c)}
	}
}

// checkIndex checks the B+ tree's invariants (entry order, every leaf at
// one depth, node sizes, each inner slot's first entry and min, the inline
// created_at) and that it holds exactly want entries.
func checkIndex(t *testing.T, name string, ix *prefixIndex, want int) {
	t.Helper()
	count, leafDepth := 0, -1
	var prevKey string
	var prevC *Customer
	// walk returns the first entry and the min of the subtree of n.
	var walk func(n *ixNode, depth int) (string, *Customer, *Customer)
	walk = func(n *ixNode, depth int) (string, *Customer, *Customer) {
		if n.n < 1 || n.n > ixMax {
			t.Fatalf("%s: a node of %d slots", name, n.n)
		}
		for i := n.n; i < ixMax; i++ {
			if n.keys[i] != "" || n.cs[i] != nil || (n.inner != nil && (n.inner.kids[i] != nil || n.inner.mins[i] != nil)) {
				t.Fatalf("%s: unused slot %d keeps a reference", name, i)
			}
		}
		var m *Customer
		if n.leaf() {
			if leafDepth >= 0 && depth != leafDepth {
				t.Fatalf("%s: leaves at depths %d and %d", name, leafDepth, depth)
			}
			leafDepth = depth
			for i := range n.n {
				c := n.cs[i]
				if prevC != nil && (n.keys[i] < prevKey || n.keys[i] == prevKey && c.ID <= prevC.ID) {
					t.Fatalf("%s: entry order broken at %q", name, n.keys[i])
				}
				if n.keys[i] == "" || n.ats[i] != atOf(c.CreatedAt) {
					t.Fatalf("%s: entry %q of %s: bad key or created_at", name, n.keys[i], c.ID)
				}
				prevKey, prevC = n.keys[i], c
				count++
				if m == nil || listBefore(c, m) {
					m = c
				}
			}
			return n.keys[0], n.cs[0], m
		}
		for i := range n.n {
			k, c, km := walk(n.inner.kids[i], depth+1)
			if n.keys[i] != k || n.cs[i] != c {
				t.Fatalf("%s: first entry of child %d is %q %s, the node says %q %s", name, i, k, c.ID, n.keys[i], n.cs[i].ID)
			}
			if n.inner.mins[i] != km || n.ats[i] != atOf(km.CreatedAt) {
				t.Fatalf("%s: min of child %d is %s, the node says %s", name, i, km.ID, n.inner.mins[i].ID)
			}
			if m == nil || listBefore(km, m) {
				m = km
			}
		}
		return n.keys[0], n.cs[0], m
	}
	if ix.root != nil {
		walk(ix.root, 0)
	}
	if count != want {
		t.Fatalf("%s: %d entries, want %d", name, count, want)
	}
}

// checkAccount compares the account's indexes and lists with full scans.
func checkAccount(t *testing.T, r *rand.Rand, acc *Account) {
	t.Helper()
	nSearch, nEmail, nPhone := 0, 0, 0
	for _, c := range acc.customers {
		for _, k := range c.searchKeys() {
			if k != "" {
				nSearch++
			}
		}
		if !c.deleted() && c.str("email") != "" {
			nEmail++
		}
		if !c.deleted() && c.str("phone_number") != "" {
			nPhone++
		}
	}
	checkIndex(t, "search", acc.search, nSearch)
	checkIndex(t, "email", acc.email, nEmail)
	checkIndex(t, "phone", acc.phone, nPhone)
	prefixes := []string{"j", "jo", "john", "kari n", "+47", "+471", "cid-1", "cid-2", "ola.", "x", "ann", "b"}
	var cursors []*paging.Key
	cursors = append(cursors, nil)
	for id := range acc.order.Ascend(nil) {
		if r.Intn(len(acc.customers)/4+1) == 0 {
			c := acc.customers[id]
			k := orderKey(c.CreatedAt, c.ID)
			cursors = append(cursors, &k)
		}
	}
	for _, p := range prefixes {
		for _, after := range cursors {
			if got, want := topAll(acc.search, p, after), bruteTop(acc, p, after, (*Customer).searchKeys); !slices.Equal(got, want) {
				t.Fatalf("search top %q after %v: got %v, want %v", p, after, got, want)
			}
			if got, want := topAll(acc.email, p, after), bruteTop(acc, p, after, liveKey(func(c *Customer) string { return strings.ToLower(c.str("email")) })); !slices.Equal(got, want) {
				t.Fatalf("email top %q after %v: got %v, want %v", p, after, got, want)
			}
			if got, want := topAll(acc.phone, p, after), bruteTop(acc, p, after, liveKey(func(c *Customer) string { return c.str("phone_number") })); !slices.Equal(got, want) {
				t.Fatalf("phone top %q after %v: got %v, want %v", p, after, got, want)
			}
		}
	}
	for _, f := range []customerFilter{
		{search: prefixes[r.Intn(len(prefixes))]}, {email: "jo"}, {phone: "+471"}, {search: "o", typ: "any"},
		{search: "j", includeDeleted: true, typ: "any"}, {search: "cid-1", typ: "company"},
	} {
		checkPaged(t, acc, f, 1+r.Intn(12))
		_, _, total := acc.listCustomers(&f, nil, 1, true)
		if want := len(scanPage(acc, &f, nil, math.MaxInt)); total != want {
			t.Fatalf("filter %+v: total %d, want %d", f, total, want)
		}
	}
	for _, c := range acc.customers {
		if c.deleted() || c.str("email") == "" {
			continue
		}
		if !slices.Contains(slices.Collect(acc.email.exact(strings.ToLower(c.str("email")))), c.ID) {
			t.Fatalf("exact email %q misses %s", c.str("email"), c.ID)
		}
		break
	}
}

// randomOp changes the account as the API does: a new customer, an update
// of name/email/phone, a customer_id change, a deletion, or the same
// customer stored again.
func randomOp(r *rand.Rand, acc *Account, seq *int, t0 time.Time) {
	ids := make([]string, 0, len(acc.customers))
	for id := range acc.customers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	doc := func() map[string]any {
		first, last := firstNames[r.Intn(len(firstNames))], lastNames[r.Intn(len(lastNames))]
		d := map[string]any{"first_name": first, "last_name": last}
		if r.Intn(4) > 0 {
			d["email"] = fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(first), strings.ToLower(last), r.Intn(1000))
		}
		if r.Intn(4) > 0 {
			d["phone_number"] = fmt.Sprintf("+47%04d", r.Intn(10000))
		}
		return d
	}
	switch op := r.Intn(11); {
	case op < 4 || len(ids) == 0:
		*seq++
		// Created_at ties on purpose: the list order breaks them by id.
		c := &Customer{ID: fmt.Sprintf("%08x-0000-4000-8000-%012d", r.Uint32(), *seq), CustomerID: fmt.Sprintf("cid-%d", *seq),
			Type: []string{"customer", "company", "contact"}[r.Intn(3)], CreatedAt: t0.Add(time.Duration(r.Intn(200)) * time.Second), Doc: doc()}
		c.UpdatedAt = c.CreatedAt
		acc.index(c)
	default:
		prev := acc.customers[ids[r.Intn(len(ids))]]
		if prev.deleted() {
			return
		}
		next := copyCustomer(prev)
		if op == 10 { // stored again, unchanged: the entries take the new record
			acc.index(next)
			return
		}
		switch op {
		case 4, 5:
			next.Doc = doc()
		case 6:
			next.Doc["email"] = fmt.Sprintf("jo%d@example.com", r.Intn(100))
		case 7:
			delete(acc.byCID, prev.CustomerID)
			*seq++
			next.CustomerID = fmt.Sprintf("cid-%d", *seq)
		default:
			d := prev.CreatedAt.Add(time.Hour)
			next.DeletedAt, next.Doc = &d, map[string]any{}
		}
		acc.replace(prev, next)
	}
}

// TestPrefixIndexRandomized checks the indexes and the lists they answer
// against full scans after random inserts, updates and deletes, on an
// account and on clones of it that diverge: a write to a clone must not
// change the original, nor one to the original the clone.
func TestPrefixIndexRandomized(t *testing.T) {
	for seed := int64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			r := rand.New(rand.NewSource(seed))
			t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			seq := 0
			accs := []*Account{newAccount("T00000001")}
			for round := 0; round < 12; round++ {
				for _, acc := range accs {
					for range 40 {
						randomOp(r, acc, &seq, t0)
					}
				}
				for _, acc := range accs {
					checkAccount(t, r, acc)
				}
				if len(accs) < 4 {
					accs = append(accs, accs[r.Intn(len(accs))].Clone())
				}
			}
		})
	}
}

// A clone that is not written keeps answering what the original answered
// when it was cloned, however the original changes afterwards.
func TestPrefixIndexCloneIsolation(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	seq := 0
	acc := newAccount("T00000001")
	for range 300 {
		randomOp(r, acc, &seq, t0)
	}
	snap := acc.Clone()
	before := map[string][]string{}
	for _, p := range []string{"j", "jo", "+47", "cid-1", "k"} {
		before[p] = topAll(snap.search, p, nil)
	}
	for range 300 {
		randomOp(r, acc, &seq, t0)
	}
	for p, want := range before {
		if got := topAll(snap.search, p, nil); !slices.Equal(got, want) {
			t.Fatalf("the clone changed with the original: %q", p)
		}
	}
	checkAccount(t, r, snap)
	checkAccount(t, r, acc)
}
