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
	"strings"
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

// Run is the sandbox binary: it parses args, loads the fixtures, serves
// until ctx ends or SIGINT/SIGTERM arrives, then finishes in-flight requests.
// ready, when not nil, receives the base URL once the sandbox serves.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, ready func(baseURL string)) error {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "", "listen address host:port (default :8080, or $SANDBOX_ADDR)")
	var fixturePaths multiFlag
	fs.Var(&fixturePaths, "fixtures", "a YAML fixture file or folder to load after the defaults (repeatable)")
	noDefaults := fs.Bool("no-default-fixtures", false, "do not load the embedded default fixtures")
	if err := fs.Parse(args); err != nil {
		return &UsageError{err}
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
	srv, err := New(Options{FixturePaths: fixturePaths, NoDefaultFixtures: *noDefaults, Log: stdout})
	if err != nil {
		return &UsageError{err}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return &UsageError{fmt.Errorf("-addr %s: %w", *addr, err)}
	}
	base := baseURL(ln.Addr())
	fmt.Fprintf(stdout, "customers-api sandbox serving on %s (Dintero %s/v1/accounts/T12345678: sandbox-client:sandbox-secret, readonly-client:readonly-secret; T87654321: other-client:other-secret)\n", base, base)

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
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
		return err
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
