package features

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"github.com/cucumber/godog"
	messages "github.com/cucumber/messages/go/v21"
)

// numberedID splits an id into its text and its trailing number.
var numberedID = regexp.MustCompile(`^(.*?)(\d+)$`)

// Steps of customers_list.feature.
func init() {
	extraSteps = append(extraSteps, func(sc *stepRegistry) {
		// `12 customers numbered from "c-01"` creates c-01 … c-12 through
		// the API, in that order (one millisecond apart, as `the customers:`
		// does). The trailing digits of the first id give the start and the
		// width of the numbers.
		sc.Step(`^(\d+) customers numbered from "([^"]*)"$`, func(ctx context.Context, n int, first string) error {
			w := get(ctx)
			m := numberedID.FindStringSubmatch(first)
			if m == nil {
				return fmt.Errorf("%q does not end in a number", first)
			}
			start, _ := strconv.Atoi(m[2])
			rows := []*messages.PickleTableRow{{Cells: []*messages.PickleTableCell{{Value: "customer_id"}}}}
			for i := 0; i < n; i++ {
				id := fmt.Sprintf("%s%0*d", m[1], len(m[2]), start+i)
				rows = append(rows, &messages.PickleTableRow{Cells: []*messages.PickleTableCell{{Value: id}}})
			}
			return w.createCustomers(&godog.Table{Rows: rows})
		})
	})
}
