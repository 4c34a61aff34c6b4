// Package features runs the Gherkin specifications in this folder with
// godog under `go test`, one subtest per scenario. By default each scenario
// gets a fresh in-process sandbox; with SANDBOX_URL=http://host:port the same
// scenarios run against a running sandbox, each on fresh accounts of its own.
package features

import (
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cucumber/godog"
)

// scenariosRun counts the scenarios the suite started.
var scenariosRun atomic.Int64

func TestFeatures(t *testing.T) {
	opts := &godog.Options{
		Format:    "progress",
		Paths:     []string{"."},
		TestingT:  t,
		Strict:    true,
		Randomize: -1, // a random order each run: scenarios must not depend on each other
		Output:    os.Stdout,
	}
	if tags := os.Getenv("GODOG_TAGS"); tags != "" {
		opts.Tags = tags
	}
	if os.Getenv("SANDBOX_URL") != "" {
		// A shared sandbox cannot give a scenario a sandbox of its own.
		opts.Tags = strings.TrimPrefix(opts.Tags+" && ~@in-process", " && ")
	}
	suite := godog.TestSuite{Name: "customers-api sandbox", ScenarioInitializer: InitializeScenario, Options: opts}
	if status := suite.Run(); status != 0 {
		t.Fatalf("godog exited with status %d", status)
	}
	// A misspelt tag selects nothing, and godog counts that as a pass.
	if scenariosRun.Load() == 0 {
		t.Fatalf("the tags %q select no scenario", opts.Tags)
	}
	// A full run must exercise every endpoint's success and error paths.
	if opts.Tags == "" {
		v, err := schemaValidator()
		if err != nil {
			t.Fatal(err)
		}
		routes := v.RouteNames()
		sort.Strings(routes)
		if missing := seen.missing(routes); len(missing) > 0 {
			t.Errorf("endpoints the features do not cover:\n  %s", strings.Join(missing, "\n  "))
		}
		t.Logf("%d endpoints, each answered with a success and an error in the features", len(routes))
	}
}
