package dintero

import (
	"fmt"
	"math"
	"math/rand"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

var firstNames = []string{"John", "Kari", "Ola", "Per", "Anna", "Jonas", "Johanne", "Karl", "Olav", "Peder"}
var lastNames = []string{"Doe", "Nordmann", "Hansen", "Olsen", "Berg", "Johansen", "Larsen", "Dahl", "Lie", "Berge"}

// populate fills an account with n generated customers, straight into the
// store (no HTTP), for tests and benchmarks.
func populate(n int, seed int64) *Account {
	r := rand.New(rand.NewSource(seed))
	acc := newAccount("T00000001")
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	types := []string{"customer", "customer", "customer", "company", "contact", "employee"}
	for i := 0; i < n; i++ {
		first, last := firstNames[r.Intn(len(firstNames))], lastNames[r.Intn(len(lastNames))]
		c := &Customer{
			ID: fmt.Sprintf("%08d-0000-4000-8000-000000000000", i), CustomerID: fmt.Sprintf("cid-%d", i),
			Type: types[r.Intn(len(types))], CreatedAt: t0.Add(time.Duration(i/3) * time.Millisecond),
			Doc: map[string]any{
				"first_name":   first,
				"last_name":    last,
				"email":        fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(first), strings.ToLower(last), i),
				"phone_number": fmt.Sprintf("+47%08d", r.Intn(100_000_000)),
			},
		}
		c.UpdatedAt = c.CreatedAt
		if r.Intn(20) == 0 {
			d := c.CreatedAt
			c.DeletedAt, c.Doc = &d, map[string]any{}
		}
		acc.index(c)
	}
	return acc
}

// The indexed list must answer exactly what a scan of every customer
// answers, for every kind of filter.
func TestIndexedListMatchesFullScan(t *testing.T) {
	acc := populate(3000, 1)
	filters := []customerFilter{
		{search: "jo"}, {search: "kari nor"}, {search: "+4712"}, {search: "cid-12"}, {search: "zz"},
		{email: "ola."}, {email: "ANNA.BERG"}, {phone: "+4799"},
		{search: "per", typ: "any"}, {search: "o", typ: "company"}, {email: "j", includeDeleted: true},
		{typ: "contact"}, {},
	}
	for _, f := range filters {
		f.email, f.search = strings.ToLower(f.email), strings.ToLower(f.search)
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			page, _, total := acc.listCustomers(&f, nil, math.MaxInt32, true)
			var want []string
			for id := range acc.order.Ascend(nil) {
				if f.match(acc, acc.customers[id]) {
					want = append(want, acc.customers[id].CustomerID)
				}
			}
			var got []string
			for _, c := range page {
				got = append(got, c.CustomerID)
			}
			if !f.expands() && (!slices.Equal(got, want) || total != len(want)) {
				t.Fatalf("got %d (total %d), want %d", len(got), total, len(want))
			}
			if f.expands() && len(got) < len(want) {
				t.Fatalf("got %d, want at least %d", len(got), len(want))
			}
			if !f.expands() {
				checkPaged(t, acc, f, 37) // every page from the cursor of the last
			}
		})
	}
}

func BenchmarkSearchPrefix100k(b *testing.B) {
	acc := populate(100_000, 2)
	for _, q := range []string{"johanne", "kari nordmann", "+47123", "cid-9999"} {
		b.Run(q, func(b *testing.B) {
			f := &customerFilter{search: q}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				acc.listCustomers(f, nil, 10, false)
			}
		})
	}
}

func BenchmarkListFirstPage100k(b *testing.B) {
	acc := populate(100_000, 3)
	f := &customerFilter{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		acc.listCustomers(f, nil, 100, false)
	}
}

func BenchmarkListDeepCursor100k(b *testing.B) {
	acc := populate(100_000, 4)
	c := acc.customerByCID("cid-90000")
	after := orderKey(c.CreatedAt, c.ID)
	f := &customerFilter{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		acc.listCustomers(f, &after, 100, false)
	}
}

// BenchmarkSearchPrefixScale: prefix search from 10k to 1M customers (issue
// 11 asks p50 <= 1 ms at 1M and at most 3x the cost of 10k):
//
//	go test ./sandbox/internal/dintero -run '^$' -bench SearchPrefixScale -benchtime 2000x
//
// Each query takes a page of 10. It reports the customers the page holds
// (results) and the time per customer (ns/result): a query's page can grow
// with the store ("cid-9999" matches 1 customer of 10k and 111 of 1M, a
// full page), and its cost with it, so the store's own cost is compared on
// queries whose page is the same size at every n (a full page, or the one
// customer of an email).
func BenchmarkSearchPrefixScale(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		acc := populate(n, 5)
		email := str(acc.customerByCID("cid-4321").Doc["email"])
		email = email[:strings.IndexByte(email, '@')+1] // "first.last4321@": one customer at every n
		for _, q := range []string{"johanne", "kari nordmann", "+47123", "cid-9999", "ola.olsen1", email} {
			name := q
			if q == email {
				name = "email of cid-4321"
			}
			b.Run(fmt.Sprintf("%d/%s", n, name), func(b *testing.B) {
				f := &customerFilter{search: q}
				b.ReportAllocs()
				b.ResetTimer()
				results := 0
				for i := 0; i < b.N; i++ {
					page, _, _ := acc.listCustomers(f, nil, 10, false)
					results = len(page)
				}
				b.ReportMetric(float64(results), "results")
				if results > 0 {
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(results), "ns/result")
				}
			})
		}
	}
}

// BenchmarkCustomerMemory reports the heap per customer of an account of
// 100k generated customers (B/customer) and the share of it the email,
// phone and search indexes take (index-B/customer).
func BenchmarkCustomerMemory(b *testing.B) {
	const n = 100_000
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for i := 0; i < b.N; i++ {
		h0 := heap()
		acc := populate(n, 6)
		h1 := heap()
		acc.email, acc.phone, acc.search = newPrefixIndex(), newPrefixIndex(), newPrefixIndex()
		h2 := heap()
		b.ReportMetric(float64(h1-h0)/n, "B/customer")
		b.ReportMetric(float64(h1-h2)/n, "index-B/customer")
		runtime.KeepAlive(acc)
	}
}
