package dintero

import (
	"iter"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/paging"
)

// prefixIndex is a sorted index of (key, customer) entries that answers, in
// about O(k log n), "the first k customers in list order (created_at, id)
// whose key starts with p": a search page's cost grows with log n, not with
// the number of matches (issue 11). Prefix and exact lookups in key order
// cost O(log n + matches).
//
// It is a B+ tree ordered by (key, customer id): the entries are in the
// leaves, and an inner node keeps, for each child, the child's first entry
// (to route by key) and the customer of the child's subtree that comes
// first in list order (its min, with created_at inline as Unix nanoseconds
// so that a node is scanned without reading the customers). A top-k query
// takes the O(log n) runs of children (or entries) that hold the key range
// [p, p+"\xff") and pops them, best first, from a heap ordered by their
// minimum: each pop goes down from a run to its first customer, queueing
// the rest of each node it passes, so the first k customers in list order
// come after O(k log n) steps, whatever the number of matches. Wide nodes
// (ixMax children) keep the tree about 5 levels deep at a million
// customers, and a node's summaries are contiguous: a query touches few
// cache lines where a binary tree chased 25-40 pointers (issue 11).
//
// Clones share nodes, copy on write (like google/btree): a node belongs to
// the index whose owner token it carries and is changed in place only by
// it; any other index copies the node (and so the path to it) first.
// clone() is O(1): both indexes get new tokens, so neither changes the
// nodes they share (like btree.Clone it writes the original's token, so it
// needs the same exclusive access as a write).
type prefixIndex struct {
	root  *ixNode
	owner *ixOwner
}

// ixOwner is a copy-on-write token; it has a size so that each allocation
// is a distinct pointer.
type ixOwner struct{ _ byte }

const (
	ixMax = 32        // entries of a leaf, children of an inner node (<= 64: see ixItem.mask)
	ixMin = ixMax / 4 // a node below this after a delete takes from a sibling
)

// ixNode is a node of the tree. Slot i of a leaf is an entry: its key, its
// customer (the record stored when the entry was added; its created_at and
// id, its list key, never change, and an entry is removed with its record)
// and the customer's created_at. Slot i of an inner node is a child: the
// key and customer of its first entry, and the created_at of its min (the
// min itself is in inner).
type ixNode struct {
	owner *ixOwner
	n     int
	inner *ixInner // nil for a leaf
	keys  [ixMax]string
	cs    [ixMax]*Customer
	ats   [ixMax]int64 // list position's created_at, see atOf
}

type ixInner struct {
	kids [ixMax]*ixNode
	mins [ixMax]*Customer
}

func (n *ixNode) leaf() bool { return n.inner == nil }

// minC is the customer first in list order of slot i.
func (n *ixNode) minC(i int) *Customer {
	if n.inner == nil {
		return n.cs[i]
	}
	return n.inner.mins[i]
}

// atOf is created_at as Unix nanoseconds, clamped where those overflow: it
// orders as Before does, up to ties, which listBefore then breaks.
func atOf(t time.Time) int64 {
	const lim = math.MaxInt64 / int64(time.Second)
	switch s := t.Unix(); {
	case s <= -lim:
		return math.MinInt64
	case s >= lim:
		return math.MaxInt64
	}
	return t.UnixNano()
}

// ixBefore orders (at, customer) list positions.
func ixBefore(at1 int64, c1 *Customer, at2 int64, c2 *Customer) bool {
	if at1 != at2 {
		return at1 < at2
	}
	return c1 != c2 && listBefore(c1, c2)
}

// before reports whether slot i comes before slot j in list order.
func (n *ixNode) before(i, j int) bool { return ixBefore(n.ats[i], n.minC(i), n.ats[j], n.minC(j)) }

func newPrefixIndex() *prefixIndex { return &prefixIndex{owner: &ixOwner{}} }

func (x *prefixIndex) clone() *prefixIndex {
	x.owner = &ixOwner{}
	return &prefixIndex{root: x.root, owner: &ixOwner{}}
}

// listBefore orders customers by list position: created_at, then id.
func listBefore(a, b *Customer) bool {
	if !a.CreatedAt.Equal(b.CreatedAt) {
		return a.CreatedAt.Before(b.CreatedAt)
	}
	return a.ID < b.ID
}

func listKey(c *Customer) paging.Key { return orderKey(c.CreatedAt, c.ID) }

// cmpEntry orders (key, id) against slot i of n (its first entry).
func cmpEntry(key, id string, n *ixNode, i int) int {
	if c := strings.Compare(key, n.keys[i]); c != 0 {
		return c
	}
	return strings.Compare(id, n.cs[i].ID)
}

// search is the first slot of n at or after (key, id).
func (n *ixNode) search(key, id string) int {
	return sort.Search(n.n, func(i int) bool { return cmpEntry(key, id, n, i) <= 0 })
}

// route is the child of inner node n whose entries would hold (key, id).
func (n *ixNode) route(key, id string) int {
	i := sort.Search(n.n, func(i int) bool { return cmpEntry(key, id, n, i) < 0 })
	return max(i-1, 0)
}

// own returns n, copied first unless x owns it.
func (x *prefixIndex) own(n *ixNode) *ixNode {
	if n.owner == x.owner {
		return n
	}
	m := *n
	m.owner = x.owner
	if n.inner != nil {
		in := *n.inner
		m.inner = &in
	}
	return &m
}

// ownKid returns child i of n (owned by x), copied first unless x owns it.
func (x *prefixIndex) ownKid(n *ixNode, i int) *ixNode {
	k := x.own(n.inner.kids[i])
	n.inner.kids[i] = k
	return k
}

// argmin is the slot of [lo, hi) not in mask first in list order.
func (n *ixNode) argmin(lo, hi int, mask uint64) (int, bool) {
	m := -1
	for i := lo; i < hi; i++ {
		if mask&(1<<i) == 0 && (m < 0 || n.before(i, m)) {
			m = i
		}
	}
	return m, m >= 0
}

// sum recomputes the summary of child i of n: its first entry and its min.
func (n *ixNode) sum(i int) {
	k := n.inner.kids[i]
	n.keys[i], n.cs[i] = k.keys[0], k.cs[0]
	m, _ := k.argmin(0, k.n, 0)
	n.ats[i], n.inner.mins[i] = k.ats[m], k.minC(m)
}

// moveSlots copies slots [from, from+cnt) of src to slot to of dst
// (overlapping ranges of one node included).
func moveSlots(dst *ixNode, to int, src *ixNode, from, cnt int) {
	copy(dst.keys[to:to+cnt], src.keys[from:from+cnt])
	copy(dst.cs[to:to+cnt], src.cs[from:from+cnt])
	copy(dst.ats[to:to+cnt], src.ats[from:from+cnt])
	if dst.inner != nil {
		copy(dst.inner.kids[to:to+cnt], src.inner.kids[from:from+cnt])
		copy(dst.inner.mins[to:to+cnt], src.inner.mins[from:from+cnt])
	}
}

// clearSlots drops the references of slots [from, to) of n, unused now.
func clearSlots(n *ixNode, from, to int) {
	clear(n.keys[from:to])
	clear(n.cs[from:to])
	if n.inner != nil {
		clear(n.inner.kids[from:to])
		clear(n.inner.mins[from:to])
	}
}

// split moves slots [s, n.n) of the owned node n to a new node and returns it.
func (x *prefixIndex) split(n *ixNode, s int) *ixNode {
	r := &ixNode{owner: x.owner, n: n.n - s}
	if n.inner != nil {
		r.inner = &ixInner{}
	}
	moveSlots(r, 0, n, s, n.n-s)
	clearSlots(n, s, n.n)
	n.n = s
	return r
}

// splitAt is where a full node splits before an insert at slot pos: in the
// middle, but after every slot when the insert goes to its end, so that
// appends (ids arrive in order under a key) leave full nodes behind.
func splitAt(pos int) int {
	if pos >= ixMax {
		return ixMax - 1
	}
	return ixMax / 2
}

// insertKid puts child k at slot i of the owned inner node n (not full).
func insertKid(n *ixNode, i int, k *ixNode) {
	moveSlots(n, i+1, n, i, n.n-i)
	n.inner.kids[i] = k
	n.n++
	n.sum(i)
}

// add indexes c under key (an empty key is not indexed); an entry already
// there for the same key and customer id takes the new record.
func (x *prefixIndex) add(key string, c *Customer) {
	if key == "" {
		return
	}
	if x.root == nil {
		x.root = &ixNode{owner: x.owner}
	}
	x.root = x.own(x.root)
	if x.root.n == ixMax {
		old := x.root
		pos := old.search(key, c.ID)
		if old.inner != nil {
			pos = old.route(key, c.ID) + 1
		}
		r := x.split(old, splitAt(pos))
		x.root = &ixNode{owner: x.owner, inner: &ixInner{}}
		insertKid(x.root, 0, old)
		insertKid(x.root, 1, r)
	}
	x.insert(x.root, key, c)
}

// insert adds the entry to the subtree of the owned node n, which is not
// full.
func (x *prefixIndex) insert(n *ixNode, key string, c *Customer) {
	if n.leaf() {
		i := n.search(key, c.ID)
		if i < n.n && cmpEntry(key, c.ID, n, i) == 0 {
			n.cs[i] = c
			return
		}
		moveSlots(n, i+1, n, i, n.n-i)
		n.keys[i], n.cs[i], n.ats[i] = key, c, atOf(c.CreatedAt)
		n.n++
		return
	}
	i := n.route(key, c.ID)
	k := x.ownKid(n, i)
	if k.n == ixMax {
		// Decision: a full child first shares with a sibling that has room
		// (as a B*-tree does): nodes stay fuller, the index smaller.
		switch {
		case i+1 < n.n && n.inner.kids[i+1].n < ixMax-1:
			x.share(n, i)
		case i > 0 && n.inner.kids[i-1].n < ixMax-1:
			x.share(n, i-1)
		}
		if i = n.route(key, c.ID); n.inner.kids[i].n < ixMax {
			x.insert(n.inner.kids[i], key, c)
			n.sum(i)
			return
		}
	}
	if k.n == ixMax {
		pos := k.search(key, c.ID)
		if !k.leaf() {
			pos = k.route(key, c.ID) + 1
		}
		insertKid(n, i+1, x.split(k, splitAt(pos)))
		n.sum(i)
		if cmpEntry(key, c.ID, n, i+1) >= 0 {
			i, k = i+1, n.inner.kids[i+1]
		}
	}
	x.insert(k, key, c)
	n.sum(i)
}

// remove drops the entry of customer id under key, if there is one.
func (x *prefixIndex) remove(key, id string) {
	if key == "" || !x.has(key, id) {
		return
	}
	x.root = x.own(x.root)
	x.delete(x.root, key, id)
	for x.root.inner != nil && x.root.n == 1 {
		x.root = x.root.inner.kids[0]
	}
	if x.root.n == 0 {
		x.root = nil
	}
}

func (x *prefixIndex) has(key, id string) bool {
	n := x.root
	if n == nil {
		return false
	}
	for !n.leaf() {
		n = n.inner.kids[n.route(key, id)]
	}
	i := n.search(key, id)
	return i < n.n && cmpEntry(key, id, n, i) == 0
}

// delete removes the entry, which is in the subtree of the owned node n.
func (x *prefixIndex) delete(n *ixNode, key, id string) {
	if n.leaf() {
		i := n.search(key, id)
		moveSlots(n, i, n, i+1, n.n-i-1)
		n.n--
		clearSlots(n, n.n, n.n+1)
		return
	}
	i := n.route(key, id)
	k := x.ownKid(n, i)
	x.delete(k, key, id)
	switch {
	case k.n >= ixMin:
		n.sum(i)
	case n.n > 1:
		x.rebalance(n, i)
	case k.n > 0:
		n.sum(i)
	default: // the only child, empty: the caller rebalances n
		n.n = 0
		clearSlots(n, 0, 1)
	}
}

// rebalance refills child i of the owned inner node n, which has fewer than
// ixMin slots, from a sibling: it merges the two, or shares their slots.
func (x *prefixIndex) rebalance(n *ixNode, i int) {
	l := i
	if l == n.n-1 {
		l--
	}
	a, b := x.ownKid(n, l), x.ownKid(n, l+1)
	if a.n+b.n <= ixMax {
		moveSlots(a, a.n, b, 0, b.n)
		a.n += b.n
		moveSlots(n, l+1, n, l+2, n.n-l-2)
		n.n--
		clearSlots(n, n.n, n.n+1)
		n.sum(l)
		return
	}
	x.share(n, l)
}

// share evens out the slots of the children l and l+1 of the owned inner
// node n.
func (x *prefixIndex) share(n *ixNode, l int) {
	a, b := x.ownKid(n, l), x.ownKid(n, l+1)
	half := (a.n + b.n) / 2
	if a.n < half { // b's first slots to a's end
		d := half - a.n
		moveSlots(a, a.n, b, 0, d)
		moveSlots(b, 0, b, d, b.n-d)
		clearSlots(b, b.n-d, b.n)
		a.n, b.n = a.n+d, b.n-d
	} else { // a's last slots to b's front
		d := a.n - half
		moveSlots(b, d, b, 0, b.n)
		moveSlots(b, 0, a, half, d)
		clearSlots(a, half, a.n)
		a.n, b.n = half, b.n+d
	}
	n.sum(l)
	n.sum(l + 1)
}

// prefix yields the ids whose key starts with p, in key order (an id once
// per key).
func (x *prefixIndex) prefix(p string) iter.Seq[string] {
	return func(yield func(string) bool) {
		if x.root != nil {
			ascend(x.root, p, func(k string) bool { return strings.HasPrefix(k, p) }, yield)
		}
	}
}

// exact yields the ids whose key is k.
func (x *prefixIndex) exact(k string) iter.Seq[string] {
	return func(yield func(string) bool) {
		if x.root != nil {
			ascend(x.root, k, func(key string) bool { return key == k }, yield)
		}
	}
}

// ascend yields, in key order, the ids of the entries of n from key lo on
// while in holds (in holds for a range of keys that starts at lo). It
// reports whether to go on.
func ascend(n *ixNode, lo string, in func(string) bool, yield func(string) bool) bool {
	if n.leaf() {
		for i := n.search(lo, ""); i < n.n; i++ {
			if !in(n.keys[i]) || !yield(n.cs[i].ID) {
				return false
			}
		}
		return true
	}
	for i := n.route(lo, ""); i < n.n; i++ {
		if !ascend(n.inner.kids[i], lo, in, yield) {
			return false
		}
		lo = "" // every key of the next children is >= lo
	}
	return true
}

// topIter yields the customers whose key starts with a prefix in list
// order, each once, after a cursor: see prefixIndex.
type topIter struct {
	h     []ixItem
	after *paging.Key
	last  string // the id yielded last (a customer may match by several keys)
}

// ixItem is a run [lo, hi) of the slots of a node, but those in mask, all
// in the key range; its first slot in list order is i, whose list position
// is inline (at, c) so that the queue compares without reading the nodes.
type ixItem struct {
	at     int64
	c      *Customer
	n      *ixNode
	mask   uint64
	lo, hi uint8
	i      uint8
}

// push queues the run [lo, hi) of n but mask, unless it is empty.
func (it *topIter) pushRun(n *ixNode, lo, hi int, mask uint64) {
	if i, ok := n.argmin(lo, hi, mask); ok {
		it.push(ixItem{at: n.ats[i], c: n.minC(i), n: n, mask: mask, lo: uint8(lo), hi: uint8(hi), i: uint8(i)})
	}
}

// top starts a walk in list order of the customers whose key starts with p
// and whose list key comes after the cursor (every one when after is nil).
func (x *prefixIndex) top(p string, after *paging.Key) *topIter {
	it := &topIter{after: after}
	if x.root != nil {
		it.cover(x.root, p, false)
	}
	return it
}

// cover queues the part of subtree n in the key range of prefix p: a run
// of the slots wholly inside it in each node on the paths to its ends.
// hiIn says every key of n is below the range's end.
func (it *topIter) cover(n *ixNode, p string, hiIn bool) {
	in := func(i int) bool { return strings.HasPrefix(n.keys[i], p) }
	// a: the first slot that may hold keys >= p; b: the first slot at or
	// after the range's end (keys are >= p from slot a+1 on).
	a := sort.Search(n.n, func(i int) bool { return n.keys[i] >= p })
	if n.leaf() {
		b := a + sort.Search(n.n-a, func(i int) bool { return !in(a + i) })
		it.pushRun(n, a, b, 0)
		return
	}
	a = max(a-1, 0)
	b := a + sort.Search(n.n-a, func(i int) bool { return i > 0 && !in(a+i) })
	// Children a..b-1 meet the range; child a may start below it, child
	// b-1 may end above it.
	lo, hi := a, b
	if n.keys[a] < p {
		it.cover(n.inner.kids[a], p, a+1 < b)
		lo++
	}
	if hi > lo && !(b == n.n && hiIn) {
		hi--
		it.cover(n.inner.kids[hi], p, false)
	}
	it.pushRun(n, lo, hi, 0)
}

// step does one unit of work: it pops the queue's first item and goes down
// from it to its first customer, queueing the rest of each node it passes.
// It returns the id of that customer, unless yielded already or not after
// the cursor, and done when the queue is empty.
func (it *topIter) step() (id string, done bool) {
	if len(it.h) == 0 {
		return "", true
	}
	t := it.pop()
	n, i := t.n, int(t.i)
	it.pushRun(n, int(t.lo), int(t.hi), t.mask|1<<i)
	for !n.leaf() {
		n = n.inner.kids[i]
		i, _ = n.argmin(0, n.n, 0)
		it.pushRun(n, 0, n.n, 1<<i)
	}
	c := n.cs[i]
	if c.ID == it.last || (it.after != nil && !it.after.Less(listKey(c))) {
		return "", false
	}
	it.last = c.ID
	return c.ID, false
}

// The queue is a binary min-heap by each item's first customer in list
// order.
func (it *topIter) less(i, j int) bool {
	a, b := &it.h[i], &it.h[j]
	return ixBefore(a.at, a.c, b.at, b.c)
}

func (it *topIter) push(e ixItem) {
	it.h = append(it.h, e)
	for i := len(it.h) - 1; i > 0; {
		p := (i - 1) / 2
		if !it.less(i, p) {
			break
		}
		it.h[i], it.h[p] = it.h[p], it.h[i]
		i = p
	}
}

func (it *topIter) pop() ixItem {
	top := it.h[0]
	last := len(it.h) - 1
	it.h[0] = it.h[last]
	it.h = it.h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && it.less(l, m) {
			m = l
		}
		if r < last && it.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		it.h[i], it.h[m] = it.h[m], it.h[i]
		i = m
	}
	return top
}
