package sandbox_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/customers-api/sandbox/sandbox"
)

// The README's fixture example loads as written, on its own and on top of
// the defaults.
func TestREADMEFixtureExampleLoads(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	n := 0
	for _, b := range blocks {
		if !strings.Contains(b[1], "dintero:") && !strings.Contains(b[1], "tradevest:") {
			continue
		}
		n++
		for _, defaults := range []bool{false, true} {
			s, err := sandbox.New(sandbox.Options{NoDefaultFixtures: !defaults})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.LoadFixture(b[1]); err != nil {
				t.Errorf("the README's fixture example does not load (defaults %v): %v\n%s", defaults, err, b[1])
			}
		}
	}
	if n == 0 {
		t.Fatal("no fixture example found in the README")
	}
}
