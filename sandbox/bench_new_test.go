package sandbox

import "testing"

// BenchmarkNew is the cost of one sandbox with the default fixtures: what
// every scenario and every sandboxtest.New pays.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
