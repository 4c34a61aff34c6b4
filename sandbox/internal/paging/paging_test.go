package paging

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

func build(n int) *Index[int] {
	x := NewIndex[int]()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := n - 1; i >= 0; i-- { // insert out of order
		// Pairs of items share a time; the id breaks the tie.
		x.Set(Key{At: t0.Add(time.Duration(i/2) * time.Second), ID: fmt.Sprintf("id%03d", i)}, i)
	}
	return x
}

func keyOf(i int) *Key {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return &Key{At: t0.Add(time.Duration(i/2) * time.Second), ID: fmt.Sprintf("id%03d", i)}
}

func TestTakeAscending(t *testing.T) {
	x := build(7)
	even := func(v int) bool { return v%2 == 0 }
	tests := []struct {
		name  string
		after *Key
		keep  func(int) bool
		limit int
		want  []int
		more  bool
	}{
		{"first page", nil, nil, 3, []int{0, 1, 2}, true},
		{"after a cursor", keyOf(2), nil, 3, []int{3, 4, 5}, true},
		{"exactly the rest", keyOf(3), nil, 3, []int{4, 5, 6}, false},
		{"past the end", keyOf(6), nil, 3, nil, false},
		{"filtered", nil, even, 2, []int{0, 2}, true},
		{"filtered last page", keyOf(2), even, 2, []int{4, 6}, false},
		{"tie on time broken by id", keyOf(0), nil, 1, []int{1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, more := Take(x.Ascend(tt.after), tt.keep, tt.limit)
			if !slices.Equal(got, tt.want) || more != tt.more {
				t.Fatalf("got %v more=%v, want %v more=%v", got, more, tt.want, tt.more)
			}
		})
	}
}

func TestDescendAndDelete(t *testing.T) {
	x := build(5)
	got, more := Take(x.Descend(nil), nil, 2)
	if !slices.Equal(got, []int{4, 3}) || !more {
		t.Fatalf("newest first: got %v more=%v", got, more)
	}
	got, _ = Take(x.Descend(keyOf(3)), nil, 10)
	if !slices.Equal(got, []int{2, 1, 0}) {
		t.Fatalf("before a cursor: got %v", got)
	}
	x.Delete(*keyOf(1))
	if got := Count(x.Ascend(nil), nil); got != 4 || x.Len() != 4 {
		t.Fatalf("after delete: count %d len %d", got, x.Len())
	}
}

func TestCloneIsIndependent(t *testing.T) {
	x := build(3)
	c := x.Clone()
	c.Delete(*keyOf(0))
	c.Set(Key{ID: "zz", At: time.Now()}, 99)
	if x.Len() != 3 || c.Len() != 3 {
		t.Fatalf("len original %d clone %d", x.Len(), c.Len())
	}
	if got, _ := Take(x.Ascend(nil), nil, 1); got[0] != 0 {
		t.Fatalf("original changed: %v", got)
	}
}
