package sandbox

import (
	"fmt"
	"testing"
)

// The journal grows as requests come and is a ring once it holds size
// entries: the latest size entries, oldest first, across the growth steps
// and a clear.
func TestJournalGrowsThenRings(t *testing.T) {
	j := newJournal(40)
	for round := 0; round < 2; round++ {
		for i := 1; i <= 100; i++ {
			j.add(JournalEntry{Path: fmt.Sprint(i)})
			l := j.list()
			want := min(i, 40)
			if len(l) != want || l[0].Path != fmt.Sprint(i-want+1) || l[len(l)-1].Path != fmt.Sprint(i) {
				t.Fatalf("round %d after %d adds: %d entries from %s to %s", round, i, len(l), l[0].Path, l[len(l)-1].Path)
			}
		}
		if cap(j.entries) != 40 {
			t.Fatalf("capacity %d, want the size 40", cap(j.entries))
		}
		j.clear()
		if len(j.list()) != 0 {
			t.Fatal("entries after clear")
		}
	}
}
