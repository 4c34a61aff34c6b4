package main

import (
	"debug/elf"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// There is no Docker engine on the build machines, so this test checks what
// can be checked without one: the Dockerfile's build command produces a
// static binary, and that binary serves with the image's arguments, answers
// the image's HEALTHCHECK, and stops cleanly on SIGTERM.
func TestDockerImageBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	docker, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	build := regexp.MustCompile(`(?m)^RUN (CGO_ENABLED=0) go build (.*) -o /out/sandbox (\./cmd/sandbox)`).FindSubmatch(docker)
	if build == nil {
		t.Fatal("no `RUN CGO_ENABLED=0 go build … -o /out/sandbox ./cmd/sandbox` in the Dockerfile")
	}
	bin := filepath.Join(t.TempDir(), "sandbox")
	args := append([]string{"build"}, splitArgs(string(build[2]))...)
	args = append(args, "-o", bin, "../../cmd/sandbox")
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), string(build[1]))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %v: %v\n%s", args, err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Fatal("the binary is dynamically linked; the distroless static image needs a static one")
		}
	}
	f.Close()

	port := freePort(t)
	fixtures := t.TempDir() // the image's empty /fixtures folder
	image := jsonArray(t, docker, "CMD")
	for i, a := range image {
		image[i] = strings.NewReplacer(":8080", fmt.Sprintf("127.0.0.1:%d", port), "/fixtures", fixtures).Replace(a)
	}
	srv := exec.Command(bin, image...)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Process.Kill()

	health := jsonArray(t, docker, `HEALTHCHECK .*CMD`)
	if len(health) < 2 || health[0] != "/sandbox" {
		t.Fatalf("HEALTHCHECK runs %v, want /sandbox -healthcheck …", health)
	}
	healthArgs := make([]string, len(health)-1)
	for i, a := range health[1:] {
		healthArgs[i] = strings.Replace(a, ":8080", fmt.Sprintf(":%d", port), 1)
	}
	var healthErr error
	for i := 0; i < 50; i++ {
		if healthErr = exec.Command(bin, healthArgs...).Run(); healthErr == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if healthErr != nil {
		t.Fatalf("the image's HEALTHCHECK never passed: %v", healthErr)
	}
	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := srv.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v (want exit 0)", err)
	}
	if err := exec.Command(bin, healthArgs...).Run(); err == nil {
		t.Fatal("HEALTHCHECK passes with the sandbox stopped")
	}
	for _, want := range []string{"EXPOSE 8080", "USER nonroot", "FROM gcr.io/distroless/static"} {
		if !strings.Contains(string(docker), want) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
}

// splitArgs splits build flags, honouring -ldflags="…" quoting.
func splitArgs(s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(\S+?="[^"]*"|\S+)`).FindAllString(s, -1) {
		out = append(out, strings.ReplaceAll(m, `"`, ""))
	}
	return out
}

func jsonArray(t *testing.T, docker []byte, instruction string) []string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + instruction + ` (\[.*\])\s*$`).FindSubmatch(docker)
	if m == nil {
		t.Fatalf("no %s [..] in the Dockerfile", instruction)
	}
	var out []string
	if err := json.Unmarshal(m[1], &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
