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
// knows the customer of its subtree that comes first in list order (min).
// A top-k query takes the O(log n) subtrees that hold the key range
// [p, p+"\xff") and pops them, best first, from a heap ordered by that
// minimum: each pop yields a customer or opens a subtree, so the first k
// customers in list order come after O(k log n) pops, whatever the number
// of matches. Nodes point at their customer rather than copying its list
// key: half the memory, for about twice the time of a query on 1M
// customers (still well under a millisecond).
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

// ixNode is one (key, customer) entry. The customer is the record stored
// when the entry was added; its created_at and id (its list key) never
// change, and an entry is removed with its record.
type ixNode struct {
	key         string
	c           *Customer // the entry's customer: id and list key
	min         *Customer // the customer of this subtree first in list order
	left, right *ixNode
	owner       *ixOwner
	prio        uint32 // max-heap priority (random): keeps the tree balanced
}

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

// cmpEntry orders entries by key, then customer id.
func cmpEntry(key, id string, n *ixNode) int {
	if c := strings.Compare(key, n.key); c != 0 {
		return c
	}
	return strings.Compare(id, n.c.ID)
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
	n.min = n.c
	if n.left != nil && listBefore(n.left.min, n.min) {
		n.min = n.left.min
	}
	if n.right != nil && listBefore(n.right.min, n.min) {
		n.min = n.right.min
	}
}

// add indexes c under key (an empty key is not indexed); an entry already
// there for the same key and customer id takes the new record.
func (x *prefixIndex) add(key string, c *Customer) {
	if key != "" {
		x.root, _ = x.insert(x.root, key, c)
	}
}

// insert adds the entry to subtree n and returns the subtree, and whether
// the entry was there (its record replaced).
func (x *prefixIndex) insert(n *ixNode, key string, c *Customer) (_ *ixNode, replaced bool) {
	if n == nil {
		return &ixNode{key: key, c: c, min: c, owner: x.owner, prio: rand.Uint32()}, false
	}
	n = x.own(n)
	switch cmp := cmpEntry(key, c.ID, n); {
	case cmp == 0:
		n.c = c
		fix(n)
		return n, true
	case cmp < 0:
		n.left, replaced = x.insert(n.left, key, c)
		if n.left.prio > n.prio { // rotate right
			l := n.left
			n.left = l.right
			fix(n)
			l.right = n
			fix(l)
			return l, false
		}
	default:
		n.right, replaced = x.insert(n.right, key, c)
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
	} else if listBefore(c, n.min) {
		n.min = c // the subtree gained c
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
	if n.min.ID == id {
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
		if !yield(n.c.ID) {
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
	after *paging.Key
	last  string // the id yielded last (a customer may match by several keys)
}

// ixItem is an entry (whole false: the node's own customer) or a whole
// subtree of the queue, with the list key of its first customer inline so
// that the queue compares without reading the nodes.
type ixItem struct {
	sec   int64
	nsec  int32
	whole bool
	id    string
	n     *ixNode
}

func item(n *ixNode, whole bool) ixItem {
	c := n.c
	if whole {
		c = n.min
	}
	return ixItem{sec: c.CreatedAt.Unix(), nsec: int32(c.CreatedAt.Nanosecond()), whole: whole, id: c.ID, n: n}
}

// top starts a walk in list order of the customers whose key starts with p
// and whose list key comes after the cursor (every one when after is nil).
func (x *prefixIndex) top(p string, after *paging.Key) *topIter {
	it := &topIter{after: after}
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
		for n.min != n.c {
			it.push(item(n, false))
			if n.left != nil && n.left.min == n.min {
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
	c := n.c
	if c.ID == it.last || (it.after != nil && !it.after.Less(listKey(c))) {
		return "", false
	}
	it.last = c.ID
	return c.ID, false
}

// The queue is a binary min-heap by each item's first customer in list
// order (created_at as Unix seconds and nanoseconds orders as Before does).
func (it *topIter) less(i, j int) bool {
	a, b := &it.h[i], &it.h[j]
	if a.sec != b.sec {
		return a.sec < b.sec
	}
	if a.nsec != b.nsec {
		return a.nsec < b.nsec
	}
	if a.id == b.id {
		return !a.whole && b.whole
	}
	return a.id < b.id
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
