package sandbox

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ExitUsage is the exit code for bad start-up input (flags or fixtures).
const ExitUsage = 2

// UsageError is a problem with the command line or the fixtures: the
// binary prints it and exits with ExitUsage.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// Run is the sandbox binary: it parses args (-h prints the usage to stdout
// and -version the version, both returning nil; a bad flag is a UsageError,
// not printed here), loads the fixtures, serves
// until ctx ends or SIGINT/SIGTERM arrives, then finishes in-flight requests.
// ready, when not nil, receives the base URL once the sandbox serves.
// Run writes the start-up line and the request log to stdout; it returns its
// errors rather than printing them (stderr is for the caller's use), so the
// binary prints each once.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, ready func(baseURL string)) error {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	// The flag package would print a parse error and the usage itself; Run
	// returns the error instead and the caller prints it, once.
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "", "listen address host:port (default :8080, or $SANDBOX_ADDR)")
	var fixturePaths multiFlag
	fs.Var(&fixturePaths, "fixtures", "a YAML fixture file or folder to load after the defaults (repeatable)")
	noDefaults := fs.Bool("no-default-fixtures", false, "do not load the embedded default fixtures")
	journalSize := fs.Int("journal-size", DefaultJournalSize, "how many requests GET /_sandbox/requests keeps")
	adminToken := fs.String("admin-token", "", "require Authorization: Bearer SECRET on the control endpoints (all but health)")
	stateFile := fs.String("state-file", "", "keep the state in this file across restarts (loaded at start; every write is in it before it is answered)")
	healthcheck := fs.String("healthcheck", "", "check the sandbox at this URL's /_sandbox/health and exit 0 when it answers 200 (for container health checks)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) { // -h, -help, --help
			printUsage(fs, stdout)
			return nil
		}
		return &UsageError{fmt.Errorf("%w (-h lists the flags)", err)}
	}
	if *showVersion {
		fmt.Fprintln(stdout, "customers-api sandbox", VersionString())
		return nil
	}
	if *healthcheck != "" {
		return checkHealth(*healthcheck)
	}
	if *journalSize < 1 {
		return &UsageError{fmt.Errorf("-journal-size must be >= 1")}
	}
	if fs.NArg() > 0 {
		return &UsageError{fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))}
	}
	if *addr == "" {
		*addr = getenv("SANDBOX_ADDR")
	}
	if *addr == "" {
		*addr = ":8080"
	}
	resumeGC := pauseGC()
	srv, err := New(Options{FixturePaths: fixturePaths, NoDefaultFixtures: *noDefaults, Log: stdout,
		JournalSize: *journalSize, AdminToken: *adminToken, StateFile: *stateFile})
	resumeGC()
	if err != nil {
		return &UsageError{err}
	}
	forgetDefaultFixtures()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return &UsageError{fmt.Errorf("-addr %s: %w", *addr, err)}
	}
	base := baseURL(ln.Addr())
	fmt.Fprintln(stdout, startupLine(base, srv.Credentials())+"; dashboard "+base+uiPath)

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	hs := srv.httpServer(serverTimeouts)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(srv.Listener(ln)) }()
	// Start-up's garbage (the schema compiler's and the fixtures' working
	// copies) goes back to the system now rather than as the runtime gets
	// round to it: a sandbox mostly idles. Beside the first requests, not
	// before them.
	go debug.FreeOSMemory()
	if ready != nil {
		ready(base)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		// Requests still running after the drain are cut off; none of
		// them was answered, so nothing acknowledged is lost.
		fmt.Fprintf(stdout, "stopping: %v; closing the remaining connections\n", err)
		hs.Close()
	}
	// Every acknowledged write is in the state file already; this syncs
	// and closes it, whatever the drain did.
	if err := srv.Close(); err != nil {
		return fmt.Errorf("closing the state file %s: %w", *stateFile, err)
	}
	return nil
}

// startUpGC is the garbage collector's pause while sandboxes start (see
// pauseGC): how many are starting, and the settings to put back.
var startUpGC struct {
	sync.Mutex
	starting int
	paused   bool
	percent  int
	limit    int64
}

// startUpHeapLimit is the heap a start may grow to with the collector
// paused: far above what the built-in fixtures need (~15 MB allocated).
const startUpHeapLimit = 64 << 20

// pauseGC pauses the garbage collector while a sandbox starts and returns
// the function that resumes it. A start allocates a few megabytes, most of
// it garbage by the end (the schema compiler's working copies), and
// collecting it as it goes was a sixth of the start's CPU time; Run gives
// it all back at once afterwards (FreeOSMemory). A start that reaches
// startUpHeapLimit (a big state file or fixture folder) collects there,
// and that first collection puts the usual settings back for the rest of
// it (a finalizer), so no start runs with the collector off past the limit.
func pauseGC() (resume func()) {
	startUpGC.Lock()
	defer startUpGC.Unlock()
	if startUpGC.starting == 0 && !startUpGC.paused {
		startUpGC.paused = true
		startUpGC.percent = debug.SetGCPercent(-1)
		startUpGC.limit = debug.SetMemoryLimit(-1) // -1 reads it
		debug.SetMemoryLimit(min(startUpGC.limit, startUpHeapLimit))
		sentinel := new([64]byte) // not a tiny allocation: its finalizer runs
		runtime.SetFinalizer(sentinel, func(*[64]byte) {
			startUpGC.Lock()
			defer startUpGC.Unlock()
			restoreGC()
		})
	}
	startUpGC.starting++
	var once sync.Once
	return func() {
		once.Do(func() {
			startUpGC.Lock()
			defer startUpGC.Unlock()
			if startUpGC.starting--; startUpGC.starting == 0 {
				restoreGC()
			}
		})
	}
}

// restoreGC puts the collector's settings back, startUpGC held.
func restoreGC() {
	if startUpGC.paused {
		startUpGC.paused = false
		debug.SetGCPercent(startUpGC.percent)
		debug.SetMemoryLimit(startUpGC.limit)
	}
}

// printUsage is the -h output: what the binary does and its flags.
func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "Usage: sandbox [flags]\n\nServes the customers-API sandbox (Dintero Customers API and Tradevest roles API) until SIGINT or SIGTERM.\n\nFlags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

// checkHealth is the -healthcheck mode: GET base/_sandbox/health.
func checkHealth(base string) error {
	c := &http.Client{Timeout: 3 * time.Second}
	res, err := c.Get(strings.TrimRight(base, "/") + "/_sandbox/health")
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s", res.Status)
	}
	return nil
}

func baseURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(tcp.Port)))
}
