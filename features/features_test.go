// Package features runs the Gherkin specifications in this folder with
// godog under `go test`, one subtest per scenario. By default each scenario
// gets a fresh in-process sandbox; with SANDBOX_URL=http://host:port the same
// scenarios run against a running sandbox, each on fresh accounts of its own.
package features

import (
	"os"
	"strings"
	"testing"

	"github.com/cucumber/godog"
)

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
}
