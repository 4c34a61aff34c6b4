// Command sandbox-bench measures the sandbox against a plain net/http
// server that answers the same bodies, in the same run on this machine:
//
//	go run ./cmd/sandbox-bench                 # every measurement
//	go run ./cmd/sandbox-bench -duration 10s -conns 32 -records 100000
//	go run ./cmd/sandbox-bench -only none      # just the start-up
//
// It prints, for each load (the seed requests, a list and a search): req/s,
// p50 and p99 latency and the ratio to the plain server, the two driven in
// turns (four rounds each) so that a drift of the machine weighs on both
// alike; then the start-up
// time to the first 200 (and the CPU time it took, steadier on a busy
// machine) and the idle RSS of the binary (./cmd/sandbox built with the
// Dockerfile's command; -self: this command's own), the cost of
// sandbox.New, the heap per stored record and the POST throughput after
// -records stored records. The sandbox runs with authentication,
// validation, state, journal and metrics on and its request log going to a
// file. Numbers are for reading, never asserted anywhere.
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/customers-api/sandbox/sandbox"
)

const aid = "T12345678"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "serve-child" {
		// The binary as a user runs it, for start-up time and idle RSS.
		err := sandbox.Run(context.Background(), os.Args[2:], os.Getenv, io.Discard, os.Stderr, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	exit := 0
	defer func() {
		if exit != 0 {
			os.Exit(exit)
		}
	}()
	duration := flag.Duration("duration", 5*time.Second, "how long each load runs")
	conns := flag.Int("conns", 32, "concurrent keep-alive connections")
	records := flag.Int("records", 100_000, "records stored before the after-N throughput load")
	only := flag.String("only", "", "run only the loads whose name contains this, and the start-up measurements (-only none: just those)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file (go tool pprof)")
	self := flag.Bool("self", false, "measure start-up on this command's own binary (serve mode) rather than ./cmd/sandbox as the Dockerfile builds it")
	memprofile := flag.String("memprofile", "", "write an allocation profile at the end to this file (go tool pprof -sample_index=alloc_space)")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sandbox-bench:", err)
			os.Exit(1)
		}
		_ = pprof.StartCPUProfile(f)
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	if *memprofile != "" {
		defer func() {
			if f, err := os.Create(*memprofile); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	if err := run(*duration, *conns, *records, *only, *self); err != nil {
		fmt.Fprintln(os.Stderr, "sandbox-bench:", err)
		exit = 1
	}
}

// load is one kind of request, built per request by build(i).
type load struct {
	name  string
	build func(base, token string, i int64) []byte
}

func get(path string) func(base, token string, i int64) []byte {
	return func(base, token string, _ int64) []byte {
		return []byte("GET " + path + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n")
	}
}

func post(path string, body func(i int64) string) func(base, token string, i int64) []byte {
	return func(base, token string, i int64) []byte {
		b := body(i)
		return []byte("POST " + path + " HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token +
			"\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(b)) + "\r\n\r\n" + b)
	}
}

// eventBody is a token event for a new token each time (the seed request).
func eventBody(i int64) string {
	return fmt.Sprintf(`{"token":{"type":"sha1:email","value":"bench%035d"},"event":{"event":"customer declined signup in store","status":"OPT_OUT","metadata":{"store_id":"SID1234"}}}`, i)
}

var loads = []load{
	{"GET customer tags", get("/v1/accounts/" + aid + "/customers/users/c-1001/tags")},
	{"POST token events (new token each)", post("/v1/accounts/"+aid+"/customers/tokens/events", func(i int64) string { return eventBody(i + time.Now().UnixNano()) })},
	{"GET customers list", get("/v1/accounts/" + aid + "/customers/users?limit=10")},
	{"GET customers search", get("/v1/accounts/" + aid + "/customers/users?search=ada")},
}

// result is one load's outcome.
type result struct {
	reqs     int64
	errors   int64
	seconds  float64
	p50, p99 time.Duration
	lat      []time.Duration // every request's, until done
}

func (r result) rps() float64 { return float64(r.reqs) / r.seconds }

// add is r and o together (two rounds of one load).
func (r result) add(o result) result {
	return result{reqs: r.reqs + o.reqs, errors: r.errors + o.errors, seconds: r.seconds + o.seconds, lat: append(r.lat, o.lat...)}
}

// done computes the percentiles.
func (r result) done() result {
	slices.Sort(r.lat)
	if len(r.lat) > 0 {
		r.p50, r.p99 = r.lat[len(r.lat)/2].Round(time.Microsecond), r.lat[len(r.lat)*99/100].Round(time.Microsecond)
	}
	r.lat = nil
	return r
}

// rounds is how many turns compare gives each server.
const rounds = 4

// compare drives the plain server and the sandbox with load l in turns
// (rounds of d/rounds each, the plain server first), so that a drift of
// the machine during the run weighs on both alike.
func compare(plain, sb, token string, l load, conns int, d time.Duration) (p, s result) {
	var pseq, sseq atomic.Int64 // "new token each" stays new from one round to the next
	for i := 0; i < rounds; i++ {
		p = p.add(drive(plain, token, l, conns, d/rounds, &pseq))
		s = s.add(drive(sb, token, l, conns, d/rounds, &sseq))
	}
	return p.done(), s.done()
}

func run(duration time.Duration, conns, records int, only string, self bool) error {
	logFile, err := os.CreateTemp("", "sandbox-bench-*.log")
	if err != nil {
		return err
	}
	defer os.Remove(logFile.Name())
	defer logFile.Close()
	srv, err := sandbox.New(sandbox.Options{Log: logFile})
	if err != nil {
		return err
	}
	sb, stopSB, err := serve(srv)
	if err != nil {
		return err
	}
	defer stopSB()
	token, err := dinteroToken(sb)
	if err != nil {
		return err
	}
	// The plain server answers what the sandbox answered, byte for byte.
	bodies := map[string]captured{}
	for _, l := range loads {
		c, err := capture(sb, l.build(sb, token, 0))
		if err != nil {
			return fmt.Errorf("%s: %w", l.name, err)
		}
		bodies[l.name] = c
	}
	plain, stopPlain, err := serve(plainHandler(bodies))
	if err != nil {
		return err
	}
	defer stopPlain()

	fmt.Printf("loads: %d connections, %s each, GOMAXPROCS %d\n\n", conns, duration, runtime.GOMAXPROCS(0))
	fmt.Printf("%-38s %12s %9s %9s %12s %9s %9s %8s\n", "load", "plain req/s", "p50", "p99", "sandbox req/s", "p50", "p99", "× plain")
	for _, l := range loads {
		if only != "" && !strings.Contains(l.name, only) {
			continue
		}
		p, s := compare(plain, sb, token, l, conns, duration)
		fmt.Printf("%-38s %12.0f %9s %9s %12.0f %9s %9s %8.2f\n", l.name, p.rps(), p.p50, p.p99, s.rps(), s.p50, s.p99, s.rps()/p.rps())
		if s.errors > 0 || p.errors > 0 {
			fmt.Printf("  errors: plain %d, sandbox %d\n", p.errors, s.errors)
		}
	}
	fmt.Println()

	// The start-up measurements always run (they take a second): -only
	// none measures just them.
	bin, binArgs, which, cleanup := shippedBinary(self)
	defer cleanup()
	start, cpu, rss, err := startUp(bin, binArgs)
	if err != nil {
		return err
	}
	fmt.Printf("start to first 200 (binary, default fixtures): %s (CPU time %s)\nidle RSS: %.1f MB\n  binary: %s\n",
		start.Round(100*time.Microsecond), cpu.Round(100*time.Microsecond), float64(rss)/1e6, which)
	if only != "" {
		return nil
	}

	nb := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := sandbox.New(sandbox.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	fmt.Printf("sandbox.New: %s/op, %d allocs/op\n", time.Duration(nb.NsPerOp()), nb.AllocsPerOp())

	// Throughput after N stored records, against a fresh sandbox measured
	// before it and another after it (once the full one is let go): their
	// mean is the reference, so that a drift of the machine during the
	// run does not read as the records' cost.
	postLoad := loads[1]
	freshRun := func() (float64, error) {
		sb := mustNew(logFile)
		defer sb.Close()
		url, stop, err := serve(sb)
		if err != nil {
			return 0, err
		}
		defer stop()
		tok, err := dinteroToken(url)
		if err != nil {
			return 0, err
		}
		return drive(url, tok, postLoad, conns, duration, new(atomic.Int64)).rps(), nil
	}
	before, err := freshRun()
	if err != nil {
		return err
	}
	full := mustNew(logFile)
	h0 := heapAlloc()
	if err := fill(full, records); err != nil {
		return err
	}
	perRecord := float64(heapAlloc()-h0) / float64(records)
	fullURL, stopFull, err := serve(full)
	if err != nil {
		return err
	}
	fulltok, _ := dinteroToken(fullURL)
	after := drive(fullURL, fulltok, postLoad, conns, duration, new(atomic.Int64)).rps()
	stopFull()
	_ = full.Close()
	heapAlloc() // the full sandbox's records go before the second fresh run
	again, err := freshRun()
	if err != nil {
		return err
	}
	fmt.Printf("heap per stored record: %.0f B (%d customers)\n", perRecord, records)
	fmt.Printf("POST token events: fresh %.0f and %.0f req/s (before and after), after %d records %.0f req/s (%.2f× their mean)\n",
		before, again, records, after, 2*after/(before+again))
	return nil
}

func mustNew(log io.Writer) *sandbox.Server {
	s, err := sandbox.New(sandbox.Options{Log: log})
	if err != nil {
		panic(err)
	}
	return s
}

// serve serves h on a loopback port.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: h}
	go func() { _ = hs.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { hs.Close() }, nil
}

func dinteroToken(base string) (string, error) {
	req, _ := http.NewRequest("POST", base+"/v1/accounts/"+aid+"/auth/token",
		strings.NewReader(`{"grant_type":"client_credentials","audience":"`+base+`/v1/accounts/`+aid+`"}`))
	req.SetBasicAuth("sandbox-client", "sandbox-secret")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	_, tok, _ := strings.Cut(string(body), `"access_token":"`)
	tok, _, ok := strings.Cut(tok, `"`)
	if !ok {
		return "", fmt.Errorf("no token: %s", body)
	}
	return tok, nil
}

// captured is an answer of the sandbox, for the plain server to repeat.
type captured struct {
	status int
	header http.Header
	body   []byte
}

func capture(base string, raw []byte) (captured, error) {
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		return captured{}, err
	}
	defer conn.Close()
	if _, err := conn.Write(raw); err != nil {
		return captured{}, err
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return captured{}, err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		return captured{}, fmt.Errorf("the sandbox answered %d: %s", res.StatusCode, body)
	}
	return captured{status: res.StatusCode, header: res.Header, body: body}, nil
}

// plainHandler is the limit: a plain net/http server that reads the request
// and writes the sandbox's answer for the same path, with no work between.
func plainHandler(bodies map[string]captured) http.Handler {
	byPath := map[string]captured{}
	for _, l := range loads {
		line, _, _ := strings.Cut(string(l.build("", "", 0)), " HTTP/1.1")
		_, target, _ := strings.Cut(line, " ")
		path, _, _ := strings.Cut(target, "?")
		byPath[path] = bodies[l.name]
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		c, ok := byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", c.header.Get("Content-Type"))
		w.WriteHeader(c.status)
		_, _ = w.Write(c.body)
	})
}

// drive runs load l against base from conns keep-alive connections for d,
// with a lean HTTP/1.1 client (requests pre-built, responses read by
// Content-Length) so the client costs both servers the same, and little.
// seq numbers the requests (load.build), carried on from an earlier round.
func drive(base, token string, l load, conns int, d time.Duration, seq *atomic.Int64) result {
	addr := strings.TrimPrefix(base, "http://")
	var n, errs atomic.Int64
	lat := make([][]time.Duration, conns)
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	start := time.Now()
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				errs.Add(1)
				return
			}
			defer conn.Close()
			br := bufio.NewReaderSize(conn, 64<<10)
			for time.Now().Before(deadline) {
				req := l.build(base, token, seq.Add(1))
				t0 := time.Now()
				if _, err := conn.Write(req); err != nil {
					errs.Add(1)
					return
				}
				status, err := readResponse(br)
				if err != nil {
					errs.Add(1)
					return
				}
				lat[c] = append(lat[c], time.Since(t0))
				if status >= 300 {
					errs.Add(1)
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	r := result{reqs: n.Load(), errors: errs.Load(), seconds: time.Since(start).Seconds()}
	for _, l := range lat {
		r.lat = append(r.lat, l...)
	}
	return r // latencies for compare's percentiles (done)
}

// readResponse reads one response and returns its status.
func readResponse(br *bufio.Reader) (int, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	if len(line) < 12 {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	status, _ := strconv.Atoi(string(line[9:12]))
	length := -1
	chunked := false
	for {
		h, err := br.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		if len(h) <= 2 {
			break
		}
		if k, v, ok := bytes.Cut(h, []byte(":")); ok {
			switch {
			case bytes.EqualFold(k, []byte("Content-Length")):
				length, _ = strconv.Atoi(string(bytes.TrimSpace(v)))
			case bytes.EqualFold(k, []byte("Transfer-Encoding")):
				chunked = bytes.Contains(bytes.ToLower(v), []byte("chunked"))
			}
		}
	}
	if chunked {
		for {
			sz, err := br.ReadString('\n')
			if err != nil {
				return 0, err
			}
			n, _ := strconv.ParseInt(strings.TrimSpace(sz), 16, 64)
			if _, err := br.Discard(int(n) + 2); err != nil {
				return 0, err
			}
			if n == 0 {
				return status, nil
			}
		}
	}
	if length > 0 {
		if _, err := br.Discard(length); err != nil {
			return 0, err
		}
	}
	return status, nil
}

// shippedBinary builds the binary as users get it: ./cmd/sandbox with the
// Dockerfile's build command (static, stripped). With own, or where it
// cannot (no Dockerfile or go command at hand), it is this command in
// serve mode, which also links the benchmark's own packages.
func shippedBinary(own bool) (bin string, args []string, which string, cleanup func()) {
	self := func(why string) (string, []string, string, func()) {
		return os.Args[0], []string{"serve-child"}, "this command's own (" + why + ")", func() {}
	}
	if own {
		return self("-self")
	}
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || len(bytes.TrimSpace(gomod)) == 0 {
		return self("no go command or module")
	}
	root := filepath.Dir(string(bytes.TrimSpace(gomod)))
	docker, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		return self("no Dockerfile")
	}
	m := regexp.MustCompile(`(?m)^RUN (CGO_ENABLED=0) go build (.*) -o /out/sandbox (\./cmd/sandbox)`).FindSubmatch(docker)
	if m == nil {
		return self("no go build line in the Dockerfile")
	}
	dir, err := os.MkdirTemp("", "sandbox-bench-bin-*")
	if err != nil {
		return self(err.Error())
	}
	bin = filepath.Join(dir, "sandbox")
	buildArgs := []string{"build"}
	for _, a := range regexp.MustCompile(`(\S+?="[^"]*"|\S+)`).FindAllString(string(m[2]), -1) {
		buildArgs = append(buildArgs, strings.ReplaceAll(a, `"`, ""))
	}
	buildArgs = append(buildArgs, "-o", bin, string(m[3]))
	cmd := exec.Command("go", buildArgs...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), string(m[1]))
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return self(fmt.Sprintf("go %s: %v: %s", strings.Join(buildArgs, " "), err, out))
	}
	return bin, nil, "./cmd/sandbox as the Dockerfile builds it (" + string(m[1]) + " go " + strings.Join(buildArgs[:len(buildArgs)-3], " ") + ")",
		func() { os.RemoveAll(dir) }
}

// startUp runs bin and measures the time from exec to the first 200 of
// /_sandbox/health, and the idle RSS.
func startUp(bin string, args []string) (took, cpu time.Duration, rssBytes int64, err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, 0, err
	}
	addr := ln.Addr().String()
	ln.Close()
	t0 := time.Now()
	cmd := exec.Command(bin, append(args, "-addr", addr)...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return 0, 0, 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	client := &http.Client{Timeout: time.Second}
	for time.Since(t0) < 10*time.Second {
		res, err := client.Get("http://" + addr + "/_sandbox/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				took := time.Since(t0)
				cpu := cpuTime(cmd.Process.Pid)
				time.Sleep(500 * time.Millisecond) // idle
				return took, cpu, rss(cmd.Process.Pid), nil
			}
		}
		time.Sleep(200 * time.Microsecond)
	}
	return 0, 0, 0, fmt.Errorf("the sandbox binary did not answer within 10 s")
}

// cpuTime is the CPU time a process's threads have used so far (from
// /proc/PID/task/*/schedstat; 0 where there is none): on a busy machine,
// a steadier measure of start-up work than the wall-clock time.
func cpuTime(pid int) time.Duration {
	tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "schedstat"))
	var total time.Duration
	for _, t := range tasks {
		data, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		f := strings.Fields(string(data))
		if len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			total += time.Duration(ns)
		}
	}
	return total
}

// rss is a process's resident set size from /proc (0 where there is none).
func rss(pid int) int64 {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1000
		}
	}
	return 0
}

func heapAlloc() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// fill stores n customers in the sandbox through its API, in process.
func fill(srv *sandbox.Server, n int) error {
	base, stop, err := serve(srv)
	if err != nil {
		return err
	}
	defer stop()
	tok, err := dinteroToken(base)
	if err != nil {
		return err
	}
	l := load{"fill", post("/v1/accounts/"+aid+"/customers/users", func(i int64) string {
		return fmt.Sprintf(`{"customer_id":"bench-%d","first_name":"Ada%d","last_name":"Lovelace","email":"ada%d@example.com","phone_number":"+47%08d","metadata":{"n":%d}}`, i, i, i, i, i)
	})}
	var seq atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Int64
	for c := 0; c < 16; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
			if err != nil {
				failed.Add(1)
				return
			}
			defer conn.Close()
			br := bufio.NewReader(conn)
			for {
				i := seq.Add(1)
				if i > int64(n) {
					return
				}
				if _, err := conn.Write(l.build(base, tok, i)); err != nil {
					failed.Add(1)
					return
				}
				if st, err := readResponse(br); err != nil || st != 200 {
					failed.Add(1)
					return
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() > 0 {
		return fmt.Errorf("filling the sandbox: %d clients failed", failed.Load())
	}
	return nil
}
