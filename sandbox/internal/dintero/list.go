package dintero

import (
	"container/heap"
	"fmt"
	"iter"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// customerFilter is the query of GET /customers/users. Every parameter is
// ANDed (§3.1).
type customerFilter struct {
	email, phone, search string // prefix, case-insensitive
	typ                  string // "" hides contacts; "any" shows every type
	tagID                string
	tokenType, tokenVal  string // exact
	attrKeys, attrVals   []string
	includeDeleted       bool
	since                *time.Time
}

// expands reports whether matched contacts pull in their linked users (decision D11).
func (f *customerFilter) expands() bool { return f.typ == "contact" || f.typ == "any" }

func (f *customerFilter) match(acc *Account, c *Customer) bool {
	if c.deleted() && !f.includeDeleted {
		return false
	}
	switch f.typ {
	case "":
		if c.Type == "contact" {
			return false
		}
	case "any":
	default:
		if c.Type != f.typ {
			return false
		}
	}
	if f.email != "" && !strings.HasPrefix(strings.ToLower(c.str("email")), f.email) {
		return false
	}
	if f.phone != "" && !strings.HasPrefix(c.str("phone_number"), f.phone) {
		return false
	}
	if f.search != "" && !slices.ContainsFunc(c.searchKeys(), func(k string) bool { return k != "" && strings.HasPrefix(k, f.search) }) {
		return false
	}
	if f.tagID != "" && !slices.Contains(c.Tags, f.tagID) {
		return false
	}
	if (f.tokenType != "" || f.tokenVal != "") && !acc.hasToken(c.ID, f.tokenType, f.tokenVal) {
		return false
	}
	if len(f.attrKeys) > 0 {
		attrs, _ := c.Doc["attributes"].(map[string]any)
		for i, k := range f.attrKeys {
			v, ok := attrs[k]
			if !ok || (i < len(f.attrVals) && !attrEquals(v, f.attrVals[i])) {
				return false
			}
		}
	}
	if f.since != nil && c.UpdatedAt.Before(*f.since) {
		return false
	}
	return true
}

// attrEquals compares an attribute with a query value as text; an array
// attribute matches when any element does (decision D10).
func attrEquals(v any, want string) bool {
	if l, ok := v.([]any); ok {
		return slices.ContainsFunc(l, func(e any) bool { return fmt.Sprint(e) == want })
	}
	return fmt.Sprint(v) == want
}

// prefixIndexFor is the prefix index that narrows the filter, if any.
func (acc *Account) prefixIndexFor(f *customerFilter) (*prefixIndex, string) {
	switch {
	case f.email != "":
		return acc.email, f.email
	case f.phone != "":
		return acc.phone, f.phone
	case f.search != "":
		return acc.search, f.search
	}
	return nil, ""
}

// setIndexFor is the id set that narrows the filter (token owners, a tag's
// customers), if any.
func (acc *Account) setIndexFor(f *customerFilter) iter.Seq[string] {
	switch {
	case f.tokenVal != "":
		return acc.tokenOwners(f.tokenVal)
	case f.tagID != "":
		return func(yield func(string) bool) {
			for id := range acc.tagged[f.tagID] {
				if !yield(id) {
					return
				}
			}
		}
	}
	return nil
}

// The lockstep of matching runs in chunks: walkChunk list positions, then
// candidateChunk steps of the index (a heap pop each, about what matching a
// list position costs).
const (
	walkChunk      = 32
	candidateChunk = 32
)

// matching returns the ids of the first want customers (every one when want
// <= 0) that keep accepts after the cursor, in list order. With a prefix
// index for the filter it runs two strategies in lockstep and keeps the one
// that finishes first: the index's walk of its matches in list order
// (prefixIndex.top: O(log n) steps a match, whatever n and the number of
// matches; with a cursor it also passes the matches before the cursor) and
// the walk of the whole list order from the cursor (about want*n/m steps for
// m matches among n customers, cheap when a deep cursor meets a common
// prefix).
func (acc *Account) matching(f *customerFilter, after *paging.Key, want int, keep func(string) bool) []string {
	if set := acc.setIndexFor(f); set != nil {
		return acc.firstOf(acc.keysOf(set, after), want, keep)
	}
	ix, prefix := acc.prefixIndexFor(f)
	if ix == nil {
		return acc.walk(after, want, keep)
	}
	if want <= 0 {
		return acc.firstOf(acc.keysOf(ix.prefix(prefix), after), want, keep)
	}
	it := ix.top(prefix, after)
	var fromIndex, found []string
	walkFrom := after
	for {
		// A chunk of the index.
		for range candidateChunk {
			id, done := it.step()
			if done {
				return fromIndex // every match read
			}
			if id != "" && keep(id) {
				if fromIndex = append(fromIndex, id); len(fromIndex) == want {
					return fromIndex
				}
			}
		}
		// A chunk of the walk.
		steps := 0
		var lastKey paging.Key
		for id := range acc.order.Ascend(walkFrom) {
			c := acc.customers[id]
			steps, lastKey = steps+1, orderKey(c.CreatedAt, c.ID)
			if keep(id) {
				if found = append(found, id); len(found) == want {
					return found
				}
			}
			if steps == walkChunk {
				break
			}
		}
		if steps < walkChunk {
			return found // the whole list walked
		}
		walkFrom = &lastKey
	}
}

// walk returns the first want ids (all when want <= 0) along the list
// order after the cursor that keep accepts.
func (acc *Account) walk(after *paging.Key, want int, keep func(string) bool) []string {
	var found []string
	for id := range acc.order.Ascend(after) {
		if keep(id) {
			if found = append(found, id); len(found) == want {
				break
			}
		}
	}
	return found
}

// keysOf is the list keys after the cursor of the ids seq gives (an id
// may come more than once).
func (acc *Account) keysOf(seq iter.Seq[string], after *paging.Key) []paging.Key {
	var keys []paging.Key
	for id := range seq {
		c := acc.customers[id]
		if k := orderKey(c.CreatedAt, c.ID); after == nil || after.Less(k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// firstOf returns the ids of the first want keys (all when want <= 0) that
// keep accepts, in list order, each once: a bounded heap, so it costs
// len(keys), not their sort.
func (acc *Account) firstOf(keys []paging.Key, want int, keep func(string) bool) []string {
	if want <= 0 {
		slices.SortFunc(keys, compareKeys)
		var ids []string
		for i, k := range keys {
			if (i == 0 || keys[i-1] != k) && keep(k.ID) {
				ids = append(ids, k.ID)
			}
		}
		return ids
	}
	top := &keyHeap{}
	in := make(map[string]bool, min(want, len(keys))+1)
	for _, k := range keys {
		if len(*top) == want && !k.Less((*top)[0]) {
			continue // after the want-th match so far
		}
		if in[k.ID] || !keep(k.ID) {
			continue
		}
		in[k.ID] = true
		heap.Push(top, k)
		if len(*top) > want {
			delete(in, heap.Pop(top).(paging.Key).ID)
		}
	}
	slices.SortFunc(*top, compareKeys)
	ids := make([]string, len(*top))
	for i, k := range *top {
		ids[i] = k.ID
	}
	return ids
}

// keyHeap is a max-heap of list keys: the largest on top.
type keyHeap []paging.Key

func (h keyHeap) Len() int           { return len(h) }
func (h keyHeap) Less(i, j int) bool { return h[j].Less(h[i]) }
func (h keyHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *keyHeap) Push(x any)        { *h = append(*h, x.(paging.Key)) }
func (h *keyHeap) Pop() any {
	old := *h
	k := old[len(old)-1]
	*h = old[:len(old)-1]
	return k
}

func compareKeys(a, b paging.Key) int {
	if a.Less(b) {
		return -1
	}
	if b.Less(a) {
		return 1
	}
	return 0
}

// ordered yields the ids of matching customers in list order after the
// cursor. want > 0 says the caller takes at most want of them.
func (acc *Account) ordered(f *customerFilter, after *paging.Key, want int) iter.Seq[string] {
	keep := func(id string) bool { return f.match(acc, acc.customers[id]) }
	return slices.Values(acc.matching(f, after, want, keep))
}

// listCustomers returns one page of customers matching f after the cursor,
// whether more follow, and (when asked) how many match in all.
func (acc *Account) listCustomers(f *customerFilter, after *paging.Key, limit int, wantTotal bool) ([]*Customer, bool, int) {
	if f.since == nil && !f.expands() {
		ids, more := paging.Take(acc.ordered(f, after, limit+1), nil, limit)
		total := 0
		if wantTotal {
			total = paging.Count(acc.ordered(f, nil, 0), nil)
		}
		return acc.byIDs(ids), more, total
	}
	// since_datetime orders by updated_at; contacts pull in linked users.
	// Both need the whole match set before a page can be cut.
	ids, _ := paging.Take(acc.ordered(f, nil, 0), nil, math.MaxInt)
	if f.expands() {
		seen := map[string]bool{}
		for _, id := range ids {
			seen[id] = true
		}
		for _, id := range slices.Clone(ids) {
			links, _ := acc.customers[id].Doc["contact_for"].([]any)
			for _, l := range links {
				if t, err := acc.liveCustomer(str(l.(map[string]any)["customer_id"])); err == nil && !seen[t.ID] {
					seen[t.ID] = true
					ids = append(ids, t.ID)
				}
			}
		}
	}
	key := func(c *Customer) paging.Key { return orderKey(c.CreatedAt, c.ID) }
	if f.since != nil {
		key = func(c *Customer) paging.Key { return orderKey(c.UpdatedAt, c.ID) }
	}
	all := acc.byIDs(ids)
	sort.Slice(all, func(i, j int) bool { return key(all[i]).Less(key(all[j])) })
	rest := slices.Values(all)
	if after != nil {
		rest = func(yield func(*Customer) bool) {
			for _, c := range all {
				if after.Less(key(c)) && !yield(c) {
					return
				}
			}
		}
	}
	page, more := paging.Take(rest, nil, limit)
	return page, more, len(all)
}

func (acc *Account) byIDs(ids []string) []*Customer {
	out := make([]*Customer, len(ids))
	for i, id := range ids {
		out[i] = acc.customers[id]
	}
	return out
}

// handleCustomerList is GET /customers/users.
func (a *API) handleCustomerList(r *api.Request) (*api.Response, error) {
	f := &customerFilter{
		email: strings.ToLower(r.QueryString("email")), phone: r.QueryString("phone_number"),
		search: strings.ToLower(r.QueryString("search")), typ: r.QueryString("type"), tagID: r.QueryString("tag_id"),
		tokenType: r.QueryString("token_type"), tokenVal: r.QueryString("token_value"),
		attrKeys: r.QueryStrings("attributes_keys"), attrVals: r.QueryStrings("attributes_values"),
		includeDeleted: r.QueryBool("include_deleted"),
	}
	if len(f.attrVals) > len(f.attrKeys) {
		return nil, badRequest("attributes_values needs an attributes_keys entry for each value")
	}
	since, err := sinceParam(r)
	if err != nil {
		return nil, err
	}
	f.since = since
	return a.list(r, func(acc *Account) (listPage, error) {
		after, err := startingAfter(r, "customer with customer_id", func(cid string) (time.Time, string, bool) {
			c := acc.customerByCID(cid)
			if c == nil {
				return time.Time{}, "", false
			}
			return c.CreatedAt, c.ID, true
		})
		if err != nil {
			return listPage{}, err
		}
		cs, more, total := acc.listCustomers(f, after, r.QueryInt("limit", 10), r.QueryBool("total"))
		p := pageOf(cs, more && f.since == nil, func(c *Customer) (any, string) { return c.render(), c.CustomerID })
		p.total = total
		return p, nil
	})
}

// startingAfter is the list position of the starting_after cursor: the
// business id of the last item seen (decision D5). lookup gives
// the item's created_at and id; an unknown cursor is 400.
func startingAfter(r *api.Request, what string, lookup func(string) (time.Time, string, bool)) (*paging.Key, error) {
	cur := r.QueryString("starting_after")
	if cur == "" {
		return nil, nil
	}
	at, id, ok := lookup(cur)
	if !ok {
		return nil, badRequest("starting_after: no %s %s", what, cur)
	}
	k := orderKey(at, id)
	return &k, nil
}

// sinceParam reads since_datetime; it cannot be combined with starting_after.
func sinceParam(r *api.Request) (*time.Time, error) {
	s := r.QueryString("since_datetime")
	if s == "" {
		return nil, nil
	}
	if r.QueryString("starting_after") != "" {
		return nil, badRequest("since_datetime cannot be combined with starting_after")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return nil, badRequest("since_datetime: %v", err)
	}
	return &t, nil
}

// listPage is one page of a list answer: the rendered items, the paging
// token of the last one, whether more items follow it, and the total count.
type listPage struct {
	items []any
	last  string
	more  bool
	total int
}

// pageOf renders xs as a page; item gives an element's body and paging token.
func pageOf[T any](xs []T, more bool, item func(T) (any, string)) listPage {
	p := listPage{items: make([]any, len(xs)), more: more}
	for i, x := range xs {
		p.items[i], p.last = item(x)
	}
	return p
}

// list answers a list request with the page fn reads from the account: the
// items; paging_token carries the next cursor when a next page exists;
// total=true adds total-count (decision D6).
func (a *API) list(r *api.Request, fn func(acc *Account) (listPage, error)) (*api.Response, error) {
	p, err := store.Get(a.store, r.Path("aid"), fn)
	if err != nil {
		return nil, err
	}
	resp := api.JSON(http.StatusOK, p.items)
	resp.Header = http.Header{}
	if p.more {
		resp.Header.Set("paging_token", p.last)
	}
	if r.QueryBool("total") {
		resp.Header.Set("total-count", strconv.Itoa(p.total))
	}
	return resp, nil
}
