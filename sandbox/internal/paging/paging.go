// Package paging is the one keyset-pagination helper every list uses: an
// ordered index keyed by (time, id) and a function that takes one page from
// an ordered sequence.
package paging

import (
	"iter"
	"time"

	"github.com/google/btree"
)

// Key orders list items: by time, then by id to break ties.
type Key struct {
	At time.Time
	ID string
}

// Less orders keys by time, then id.
func (k Key) Less(o Key) bool {
	if !k.At.Equal(o.At) {
		return k.At.Before(o.At)
	}
	return k.ID < o.ID
}

type entry[T any] struct {
	key Key
	val T
}

// Index is an ordered set of values keyed by Key. It is not safe for
// concurrent use; callers hold their own lock.
type Index[T any] struct {
	t *btree.BTreeG[entry[T]]
}

// NewIndex returns an empty index.
func NewIndex[T any]() *Index[T] {
	return &Index[T]{t: btree.NewG(32, func(a, b entry[T]) bool { return a.key.Less(b.key) })}
}

// Set stores v under k, replacing any value stored there.
func (x *Index[T]) Set(k Key, v T) { x.t.ReplaceOrInsert(entry[T]{k, v}) }

// Delete removes the value stored under k.
func (x *Index[T]) Delete(k Key) { x.t.Delete(entry[T]{key: k}) }

// Len is the number of values.
func (x *Index[T]) Len() int { return x.t.Len() }

// Clone returns a copy that shares nothing mutable with x (copy on write).
func (x *Index[T]) Clone() *Index[T] { return &Index[T]{t: x.t.Clone()} }

// Ascend yields values in ascending key order, starting after the key
// `after` (all of them when after is nil).
func (x *Index[T]) Ascend(after *Key) iter.Seq[T] {
	return func(yield func(T) bool) {
		fn := func(e entry[T]) bool {
			if after != nil && !after.Less(e.key) {
				return true // the cursor itself
			}
			return yield(e.val)
		}
		if after == nil {
			x.t.Ascend(fn)
		} else {
			x.t.AscendGreaterOrEqual(entry[T]{key: *after}, fn)
		}
	}
}

// Descend yields values in descending key order, starting before the key
// `before` (all of them when before is nil).
func (x *Index[T]) Descend(before *Key) iter.Seq[T] {
	return func(yield func(T) bool) {
		fn := func(e entry[T]) bool {
			if before != nil && !e.key.Less(*before) {
				return true
			}
			return yield(e.val)
		}
		if before == nil {
			x.t.Descend(fn)
		} else {
			x.t.DescendLessOrEqual(entry[T]{key: *before}, fn)
		}
	}
}

// Take returns the first limit values of seq that keep accepts, and whether
// at least one more accepted value follows them. It stops reading seq as soon
// as it knows.
func Take[T any](seq iter.Seq[T], keep func(T) bool, limit int) (page []T, more bool) {
	for v := range seq {
		if keep != nil && !keep(v) {
			continue
		}
		if len(page) == limit {
			return page, true
		}
		page = append(page, v)
	}
	return page, false
}

// Count is the number of values of seq that keep accepts.
func Count[T any](seq iter.Seq[T], keep func(T) bool) int {
	n := 0
	for v := range seq {
		if keep == nil || keep(v) {
			n++
		}
	}
	return n
}
