package sandbox

import (
	"io"
	"os"
	"sync"
	"time"
)

// logDelay is how long a request log line going to a file may wait to be
// written with the lines after it (decision D96).
const logDelay = 2 * time.Millisecond

// logBufferMax is the most a file's request log holds back: past it, the
// request that fills it writes the lot itself.
const logBufferMax = 64 << 10

// fileLog batches the request log lines of a sandbox logging to a file:
// a write syscall per request costs about as much as routing one, so lines
// are collected and written at most logDelay after the first of them, in
// order, in one write (decision D96). Close (the server's) writes what is
// left.
type fileLog struct {
	f       *os.File
	mu      sync.Mutex
	buf     []byte
	spare   []byte
	pending bool // a flush is scheduled
	closed  bool
}

// requestLog is the writer a sandbox logs to: opts.Log itself, unless it
// is a file.
func requestLog(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	if f, ok := w.(*os.File); ok {
		return &fileLog{f: f}
	}
	return w
}

func (l *fileLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return l.f.Write(p)
	}
	l.buf = append(l.buf, p...)
	if len(l.buf) >= logBufferMax {
		defer l.flush()
	} else if !l.pending {
		l.pending = true
		time.AfterFunc(logDelay, l.flush)
	}
	l.mu.Unlock()
	return len(p), nil
}

// flush writes the lines collected so far. Flushes take turns on the
// file, so lines keep their order.
func (l *fileLog) flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pending = false
	if len(l.buf) == 0 {
		return
	}
	_, _ = l.f.Write(l.buf) // a log line that cannot be written is dropped, as before
	l.buf, l.spare = l.spare[:0], l.buf[:0]
	if cap(l.buf) > logBufferMax {
		l.buf = nil
	}
}

// Close writes what is left; later lines are written at once.
func (l *fileLog) Close() {
	l.flush()
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
}
