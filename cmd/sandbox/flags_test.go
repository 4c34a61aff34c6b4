package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelpExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		t.Run(arg, func(t *testing.T) {
			code, out := runMain(t, arg)
			if code != 0 || !strings.Contains(out, "Usage: sandbox") || !strings.Contains(out, "-no-default-fixtures") {
				t.Fatalf("exit %d, output %q; want exit 0 and the usage", code, out)
			}
			if strings.Contains(out, "help requested") {
				t.Fatalf("help is reported as an error: %q", out)
			}
		})
	}
}

func TestVersionExitsZero(t *testing.T) {
	code, out := runMain(t, "-version")
	if code != 0 || !strings.HasPrefix(out, "customers-api sandbox ") || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d, output %q; want exit 0 and one version line", code, out)
	}
}

func TestBadFlagIsPrintedOnce(t *testing.T) {
	for args, want := range map[string]string{
		"-bogus":           "flag provided but not defined: -bogus",
		"-journal-size x":  `invalid value "x" for flag -journal-size`,
		"-addr":            "flag needs an argument: -addr",
		"--no-such-option": "flag provided but not defined: -no-such-option",
	} {
		t.Run(args, func(t *testing.T) {
			code, out := runMain(t, args)
			if code != 2 || strings.Count(out, want) != 1 {
				t.Fatalf("exit %d, output %q; want exit 2 and %q exactly once", code, out, want)
			}
			if strings.Contains(out, "Usage") {
				t.Fatalf("a bad flag prints the whole usage: %q", out)
			}
		})
	}
}

// The version can be set at build time, as the README says.
func TestVersionFromLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "sandbox")
	build := exec.Command("go", "build", "-ldflags", "-X github.com/customers-api/sandbox/sandbox.Version=v1.2.3-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "-version").Output()
	if err != nil || string(out) != "customers-api sandbox v1.2.3-test\n" {
		t.Fatalf("-version: %v %q", err, out)
	}
}
