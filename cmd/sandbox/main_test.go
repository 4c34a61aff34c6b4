package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the tests run this binary's main in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("SANDBOX_MAIN") == "1" {
		os.Args = append([]string{"sandbox"}, strings.Fields(os.Getenv("SANDBOX_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runMain(t *testing.T, args string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SANDBOX_MAIN=1", "SANDBOX_ARGS="+args)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

func TestBadStartUpInputExitsWithCode2(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("dintero:\n  accounts:\n    X1: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct{ args, want string }{
		"invalid fixture": {"-addr 127.0.0.1:0 -fixtures " + bad, bad + ":3: account id"},
		"missing fixture": {"-addr 127.0.0.1:0 -fixtures " + filepath.Join(dir, "nope.yaml"), "nope.yaml"},
		"unknown flag":    {"-bogus", "flag provided but not defined"},
		"journal size 0":  {"-journal-size 0", "-journal-size must be >= 1"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			code, out := runMain(t, tt.args)
			if code != 2 || !strings.Contains(out, tt.want) {
				t.Fatalf("exit %d, output %q; want exit 2 mentioning %q", code, out, tt.want)
			}
		})
	}
}
