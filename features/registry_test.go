package features

import (
	"regexp"
	"sync"

	"github.com/cucumber/godog"
)

// stepRegistry holds every step definition and scenario hook of the suite.
// It is built once per process (see steps): godog compiles a step pattern
// given as a string every time it is registered, which is once per scenario,
// so the patterns are compiled here once and handed to godog as
// *regexp.Regexp values. Its methods have the names and arguments of
// godog.ScenarioContext's, so a step file reads as if it registered with
// godog directly.
type stepRegistry struct {
	steps  []stepDef
	before []godog.BeforeScenarioHook
	after  []godog.AfterScenarioHook
}

type stepDef struct {
	re *regexp.Regexp
	fn any
}

// Step adds a step definition; its pattern is compiled now, once.
func (r *stepRegistry) Step(expr string, fn any) {
	r.steps = append(r.steps, stepDef{regexp.MustCompile(expr), fn})
}

// Before adds a hook run before every scenario.
func (r *stepRegistry) Before(h godog.BeforeScenarioHook) { r.before = append(r.before, h) }

// After adds a hook run after every scenario.
func (r *stepRegistry) After(h godog.AfterScenarioHook) { r.after = append(r.after, h) }

// register hands the definitions to one scenario's context, in the order
// they were added (hooks run, and steps match, in that order).
func (r *stepRegistry) register(sc *godog.ScenarioContext) {
	for _, h := range r.before {
		sc.Before(h)
	}
	for _, h := range r.after {
		sc.After(h)
	}
	for _, s := range r.steps {
		sc.Step(s.re, s.fn)
	}
}

// extraSteps lets a feature area register steps of its own from its own
// file (func init() { extraSteps = append(extraSteps, …) }).
var extraSteps []func(*stepRegistry)

// steps is the suite's registry: the core hooks, then every feature area's
// steps, then the core steps, built on first use.
var steps = sync.OnceValue(func() *stepRegistry {
	r := &stepRegistry{}
	coreHooks(r)
	for _, add := range extraSteps {
		add(r)
	}
	coreSteps(r)
	return r
})

// InitializeScenario registers the steps. Every scenario starts with its own
// world (a fresh sandbox or fresh accounts), so scenarios are independent and
// may run in any order.
func InitializeScenario(sc *godog.ScenarioContext) { steps().register(sc) }
