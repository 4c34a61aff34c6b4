package sandbox_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
)

// childArgs, when set in the environment, makes the test binary run the
// sandbox binary's Run with these arguments (separated by US, 0x1f) instead of the
// tests: the durability tests start it as a child process to kill it.
const childArgs = "SANDBOX_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgs); args != "" {
		err := sandbox.Run(context.Background(), strings.Split(args, "\x1f"), func(string) string { return "" },
			io.Discard, os.Stderr, func(base string) { fmt.Printf("READY %s\n", base) })
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child is the sandbox binary running in its own process.
type child struct {
	cmd  *exec.Cmd
	base string
}

func startChild(t *testing.T, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgs+"="+strings.Join(append([]string{"-addr", "127.0.0.1:0"}, args...), "\x1f"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if base, ok := strings.CutPrefix(lines.Text(), "READY "); ok {
			go func() { _, _ = io.Copy(io.Discard, out) }()
			return &child{cmd: cmd, base: base}
		}
	}
	_ = cmd.Wait()
	t.Fatalf("the sandbox did not start (exit %v)", cmd.ProcessState)
	return nil
}

// writeLoad creates customers from several clients until stop closes and
// returns the customer_ids whose creation was answered 200.
func writeLoad(t *testing.T, base, prefix string, stop <-chan struct{}) []string {
	tok, err := tryToken(base)
	if err != nil {
		return nil // killed before it could write: nothing acknowledged
	}
	client := &http.Client{Timeout: 5 * time.Second}
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				cid := fmt.Sprintf("%s-%d-%d", prefix, w, i)
				req, _ := http.NewRequest("POST", base+"/v1/accounts/T12345678/customers/users",
					strings.NewReader(`{"customer_id":"`+cid+`","first_name":"Kill","metadata":{"n":`+fmt.Sprint(i)+`}}`))
				req.Header.Set("Authorization", "Bearer "+tok)
				req.Header.Set("Content-Type", "application/json")
				res, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 200 {
					mu.Lock()
					acked = append(acked, cid)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return acked
}

// missing returns the customer_ids the sandbox at base does not have.
func missing(t *testing.T, base string, cids []string) []string {
	tok := runToken(t, base)
	var mu sync.Mutex
	var lost []string
	work := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for cid := range work {
				req, _ := http.NewRequest("GET", base+"/v1/accounts/T12345678/customers/users/"+cid, nil)
				req.Header.Set("Authorization", "Bearer "+tok)
				res, err := http.DefaultClient.Do(req)
				if err == nil {
					res.Body.Close()
				}
				if err != nil || res.StatusCode != 200 {
					mu.Lock()
					lost = append(lost, cid)
					mu.Unlock()
				}
			}
		}()
	}
	for _, c := range cids {
		work <- c
	}
	close(work)
	wg.Wait()
	return lost
}

// Every write the sandbox acknowledged survives SIGKILL with -state-file:
// 20 runs, each killed at a random moment under write load from four
// clients, then restarted on the same file, which must hold every customer
// acknowledged in every run so far.
func TestAcknowledgedWritesSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills 20 processes")
	}
	file := filepath.Join(t.TempDir(), "state")
	runs := 20
	var all []string
	for run := 0; run < runs; run++ {
		c := startChild(t, "-state-file", file)
		stop := make(chan struct{})
		done := make(chan []string)
		go func() { done <- writeLoad(t, c.base, fmt.Sprintf("k%d", run), stop) }()
		time.Sleep(time.Duration(50+rand.IntN(300)) * time.Millisecond)
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
		close(stop)
		acked := <-done
		all = append(all, acked...)
		c = startChild(t, "-state-file", file)
		lost := missing(t, c.base, all)
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
		if len(lost) > 0 {
			t.Fatalf("run %d: %d of %d acknowledged creates lost after kill -9, e.g. %v", run, len(lost), len(all), lost[:min(5, len(lost))])
		}
		t.Logf("run %d: %d acknowledged in this run, %d in all, 0 lost", run, len(acked), len(all))
	}
}

// SIGTERM under write load: the sandbox drains, exits 0, and keeps every
// acknowledged write.
func TestAcknowledgedWritesSurviveTerm(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state")
	var all []string
	for run := 0; run < 3; run++ {
		c := startChild(t, "-state-file", file)
		stop := make(chan struct{})
		done := make(chan []string)
		go func() { done <- writeLoad(t, c.base, fmt.Sprintf("t%d", run), stop) }()
		time.Sleep(time.Duration(100+rand.IntN(200)) * time.Millisecond)
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("run %d: SIGTERM: %v, want exit 0", run, err)
		}
		close(stop)
		all = append(all, <-done...)
		c = startChild(t, "-state-file", file)
		lost := missing(t, c.base, all)
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
		if len(lost) > 0 {
			t.Fatalf("run %d: %d of %d acknowledged creates lost after SIGTERM", run, len(lost), len(all))
		}
	}
}
