package dintero

import (
	"iter"
	"math/rand/v2"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/paging"
)

// prefixIndex is a sorted index of (key, customer) entries that answers, in
// about O(k log n), "the first k customers in list order (created_at, id)
// whose key starts with p": a search page's cost grows with log n, not with
// the number of matches (issue 11). Prefix and exact lookups in key order
// cost O(log n + matches).
//
// It is a treap ordered by (key, customer id) in which every node also
// knows the list key of its subtree's first customer (min) and on which
// side it is. A top-k query queues the O(log n) subtrees and entries that
// make up the key range [p, p+"\xff") in a heap ordered by their first
// list key; a pop of a subtree goes down to its first customer, queueing
// what lies beside the path, and yields it. So the first k customers come
// out after k pops and O(k log n) pushes, whatever the number of matches.
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

// ixNode is one (key, customer) entry with the customer's list key
// (created_at, id) inline, and the list key of the subtree's first customer
// (min), so that a query reads no record: a cache miss less a level.
type ixNode struct {
	key, id     string
	at          lkey // the customer's list key
	min         lkey // the list key of the subtree's first customer
	minAt       int8 // where min is: minSelf, minLeft or minRight
	prio        uint32
	left, right *ixNode
	owner       *ixOwner
}

// lkey is a list key: created_at as Unix seconds and nanoseconds (which
// order as time.Time.Before does), then the id.
type lkey struct {
	sec  int64
	nsec int32
	id   string
}

func lkeyOf(c *Customer) lkey {
	return lkey{c.CreatedAt.Unix(), int32(c.CreatedAt.Nanosecond()), c.ID}
}

func (a *lkey) less(b *lkey) bool {
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	if a.nsec != b.nsec {
		return a.nsec < b.nsec
	}
	return a.id < b.id
}

const (
	minSelf int8 = iota
	minLeft
	minRight
)

func newPrefixIndex() *prefixIndex { return &prefixIndex{owner: &ixOwner{}} }

func (x *prefixIndex) clone() *prefixIndex {
	x.owner = &ixOwner{}
	return &prefixIndex{root: x.root, owner: &ixOwner{}}
}

// cmpEntry orders entries by key, then customer id.
func cmpEntry(key, id string, n *ixNode) int {
	if c := strings.Compare(key, n.key); c != 0 {
		return c
	}
	return strings.Compare(id, n.id)
}

// own returns n, copied first unless x owns it.
func (x *prefixIndex) own(n *ixNode) *ixNode {
	if n.owner == x.owner {
		return n
	}
	m := *n
	m.owner = x.owner
	return &m
}

// fix recomputes n.min from n and its children.
func fix(n *ixNode) {
	n.min, n.minAt = n.at, minSelf
	if n.left != nil && n.left.min.less(&n.min) {
		n.min, n.minAt = n.left.min, minLeft
	}
	if n.right != nil && n.right.min.less(&n.min) {
		n.min, n.minAt = n.right.min, minRight
	}
}

// add indexes c under key (an empty key is not indexed); an entry already
// there for the same key and customer id takes the new record.
func (x *prefixIndex) add(key string, c *Customer) {
	if key != "" {
		x.root, _ = x.insert(x.root, key, lkeyOf(c))
	}
}

// insert adds the entry to subtree n and returns the subtree, and whether
// the entry was there (its record replaced).
func (x *prefixIndex) insert(n *ixNode, key string, at lkey) (_ *ixNode, replaced bool) {
	if n == nil {
		return &ixNode{key: key, id: at.id, at: at, min: at, owner: x.owner, prio: rand.Uint32()}, false
	}
	n = x.own(n)
	cmp := cmpEntry(key, at.id, n)
	switch {
	case cmp == 0:
		n.at = at
		fix(n)
		return n, true
	case cmp < 0:
		n.left, replaced = x.insert(n.left, key, at)
		if n.left.prio > n.prio { // rotate right
			l := n.left
			n.left = l.right
			fix(n)
			l.right = n
			fix(l)
			return l, false
		}
	default:
		n.right, replaced = x.insert(n.right, key, at)
		if n.right.prio > n.prio { // rotate left
			r := n.right
			n.right = r.left
			fix(n)
			r.left = n
			fix(r)
			return r, false
		}
	}
	if replaced {
		fix(n) // the old record may have been the subtree's min
	} else if at.less(&n.min) {
		n.min = at // the subtree gained the entry: it is on the side it went
		if cmp < 0 {
			n.minAt = minLeft
		} else {
			n.minAt = minRight
		}
	}
	return n, replaced
}

// remove drops the entry of customer id under key, if there is one.
func (x *prefixIndex) remove(key, id string) {
	if key != "" && x.has(key, id) {
		x.root = x.delete(x.root, key, id)
	}
}

func (x *prefixIndex) has(key, id string) bool {
	for n := x.root; n != nil; {
		switch cmp := cmpEntry(key, id, n); {
		case cmp == 0:
			return true
		case cmp < 0:
			n = n.left
		default:
			n = n.right
		}
	}
	return false
}

// delete removes the entry, which is there.
func (x *prefixIndex) delete(n *ixNode, key, id string) *ixNode {
	cmp := cmpEntry(key, id, n)
	if cmp == 0 {
		return x.merge(n.left, n.right)
	}
	n = x.own(n)
	if cmp < 0 {
		n.left = x.delete(n.left, key, id)
	} else {
		n.right = x.delete(n.right, key, id)
	}
	if n.min.id == id {
		fix(n) // the subtree lost its first customer
	}
	return n
}

// merge joins two treaps, every key of a before every key of b.
func (x *prefixIndex) merge(a, b *ixNode) *ixNode {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	case a.prio > b.prio:
		a = x.own(a)
		a.right = x.merge(a.right, b)
		fix(a)
		return a
	default:
		b = x.own(b)
		b.left = x.merge(a, b.left)
		fix(b)
		return b
	}
}

// prefix yields the ids whose key starts with p, in key order (an id once
// per key).
func (x *prefixIndex) prefix(p string) iter.Seq[string] {
	return func(yield func(string) bool) {
		x.ascend(x.root, p, func(n *ixNode) bool { return strings.HasPrefix(n.key, p) }, yield)
	}
}

// exact yields the ids whose key is k.
func (x *prefixIndex) exact(k string) iter.Seq[string] {
	return func(yield func(string) bool) {
		x.ascend(x.root, k, func(n *ixNode) bool { return n.key == k }, yield)
	}
}

// ascend yields, in key order, the ids of the entries from key lo on while
// in holds (in holds for a range of keys that starts at lo). It reports
// whether to go on.
func (x *prefixIndex) ascend(n *ixNode, lo string, in func(*ixNode) bool, yield func(string) bool) bool {
	for n != nil {
		if n.key < lo {
			n = n.right
			continue
		}
		if !x.ascend(n.left, lo, in, yield) {
			return false
		}
		if !in(n) {
			return false
		}
		if !yield(n.id) {
			return false
		}
		// Every key of the right subtree is >= lo.
		n, lo = n.right, ""
	}
	return true
}

// topIter yields the customers whose key starts with a prefix in list
// order, each once, after a cursor: see prefixIndex.
type topIter struct {
	h     []ixItem
	after *lkey  // nil: from the first
	last  string // the id yielded last (a customer may match by several keys)
}

// ixItem is an entry (whole false: the node's own customer) or a whole
// subtree of the queue, with the list key of its first customer.
type ixItem struct {
	first lkey
	n     *ixNode
	whole bool
}

func item(n *ixNode, whole bool) ixItem {
	if whole {
		return ixItem{n.min, n, true}
	}
	return ixItem{n.at, n, false}
}

// top starts a walk in list order of the customers whose key starts with p
// and whose list key comes after the cursor (every one when after is nil).
func (x *prefixIndex) top(p string, after *paging.Key) *topIter {
	it := &topIter{}
	if after != nil {
		it.after = &lkey{after.At.Unix(), int32(after.At.Nanosecond()), after.ID}
	}
	it.cover(x.root, p, true, true)
	return it
}

// cover queues the part of subtree n in the key range of prefix p: the
// subtrees wholly inside it, and the entries inside it on the paths to its
// ends. needLo (needHi) says keys of n may lie below (above) the range.
func (it *topIter) cover(n *ixNode, p string, needLo, needHi bool) {
	for n != nil {
		switch {
		case !needLo && !needHi:
			it.push(item(n, true))
			return
		case needLo && n.key < p:
			n = n.right
		case needHi && !strings.HasPrefix(n.key, p):
			n = n.left // n.key >= p without the prefix: above the range
		default:
			it.push(item(n, false))
			it.cover(n.left, p, needLo, false)
			n, needLo = n.right, false
		}
	}
}

// step does one unit of work: it pops the queue's first item. It returns
// the id of the next customer when the pop yields one, and done when the
// queue is empty.
func (it *topIter) step() (id string, done bool) {
	if len(it.h) == 0 {
		return "", true
	}
	top := it.pop()
	n := top.n
	if top.whole {
		// Down to the subtree's first customer, queueing what is beside
		// the path.
		for n.minAt != minSelf {
			it.push(item(n, false))
			if n.minAt == minLeft {
				if n.right != nil {
					it.push(item(n.right, true))
				}
				n = n.left
			} else {
				if n.left != nil {
					it.push(item(n.left, true))
				}
				n = n.right
			}
		}
		if n.left != nil {
			it.push(item(n.left, true))
		}
		if n.right != nil {
			it.push(item(n.right, true))
		}
	}
	if n.id == it.last || (it.after != nil && !it.after.less(&n.at)) {
		return "", false
	}
	it.last = n.id
	return n.id, false
}

// The queue is a binary min-heap by each item's first customer in list
// order (created_at as Unix seconds and nanoseconds orders as Before does).
func (it *topIter) less(i, j int) bool {
	a, b := &it.h[i], &it.h[j]
	if a.first.sec == b.first.sec && a.first.nsec == b.first.nsec && a.first.id == b.first.id {
		return !a.whole && b.whole
	}
	return a.first.less(&b.first)
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
