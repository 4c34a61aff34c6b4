// Package statelog keeps the sandbox's state on disk so that every write it
// acknowledged survives a crash: a snapshot followed by an append-only log
// of changes, in one file.
//
// Every change a store makes (a record stored, a tenant replaced or
// removed) is appended to the file and synced before the write is answered.
// Concurrent writes share one fsync (group commit): a single flusher writes
// and syncs whatever has queued up while the previous sync ran, so the cost
// of a write is proportional to the records it changed, not to the state.
// When the log outgrows the snapshot, a compaction writes a new snapshot in
// the background (a temporary file renamed over the old one) while writes go
// on; the changes made meanwhile are copied after the new snapshot. Replay
// is idempotent (each entry sets a whole record or tenant), so entries that
// the new snapshot already reflects may be replayed again harmlessly.
//
// The file is UTF-8 text, one entry per line:
//
//	{"sandbox_state":1}                                   header
//	["tenant","dintero","T12345678"]                      a tenant starts empty
//	["put","dintero","T12345678","customer","<id>"]<TAB>{...record as JSON...}
//	["drop","tradevest","partner-1"]                      a tenant is removed
//	{"snapshot_end":true}                                 the snapshot is complete
//	...log entries...
//
// A snapshot without its end line is a truncated file and is refused; a
// torn last entry of the log (a crash in the middle of an append, which was
// therefore never acknowledged) is dropped.
package statelog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// Store is one API's tenants as the log sees them (*store.Tenants).
type Store interface {
	SetSink(store.Sink)
	Decode(kind string, data []byte) (any, error)
	Replay(op store.Op, tenant, kind, key string, value any) error
	Entries(yield func(store.Entry) bool)
}

const (
	header      = `{"sandbox_state":1}`
	snapshotEnd = `{"snapshot_end":true}`
	// minCompact is the log size below which no compaction runs.
	minCompact = 4 << 20
)

// errNotLog: the file is not in this format (a state file an older
// sandbox wrote as a YAML fixture document).
var errNotLog = errors.New("not a sandbox state log")

// Log is an open state file.
type Log struct {
	path   string
	stores map[string]Store
	names  []string
	logf   func(format string, args ...any)

	fileMu sync.Mutex // held while the file is written or swapped
	f      *os.File

	mu         sync.Mutex
	cond       *sync.Cond
	buf        []byte // entries queued for the flusher
	seq        uint64 // batches queued so far
	durable    uint64 // batches synced so far
	err        error  // a failed write: every later write fails
	logBytes   int64  // bytes of log after the snapshot
	snapBytes  int64
	compacting bool
	tail       []byte // entries queued since the compaction started
	closed     bool
	kick       chan struct{}
	done       chan struct{}

	compactMu sync.Mutex
}

// Open loads the state file at path into the stores (by API name) and
// makes every later change of theirs go to it. A file that does not exist is
// created with a snapshot of the stores as they are. A file that is empty,
// truncated or not valid is an error, and the file is left untouched. A file
// in another format is given to legacy (an older sandbox's YAML state), and
// rewritten in this format when legacy loads it.
func Open(path string, stores map[string]Store, logf func(string, ...any), legacy func([]byte) error) (*Log, error) {
	l := &Log{path: path, stores: stores, logf: logf, kick: make(chan struct{}, 1), done: make(chan struct{})}
	l.cond = sync.NewCond(&l.mu)
	for n := range stores {
		l.names = append(l.names, n)
	}
	sort.Strings(l.names)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := l.writeSnapshot(); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	default:
		good, err := l.replay(data)
		if errors.Is(err, errNotLog) {
			if err := legacy(data); err != nil {
				return nil, err
			}
			if err := l.writeSnapshot(); err != nil {
				return nil, err
			}
			break
		}
		if err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return nil, err
		}
		if good < int64(len(data)) {
			// A torn last append: it was never acknowledged.
			logf("state file %s: dropping %d bytes of an unfinished last write", path, int64(len(data))-good)
			if err := f.Truncate(good); err != nil {
				f.Close()
				return nil, err
			}
		}
		if _, err := f.Seek(good, io.SeekStart); err != nil {
			f.Close()
			return nil, err
		}
		l.f = f
	}
	for _, n := range l.names {
		name := n
		stores[n].SetSink(func(entries []store.Entry) func() error { return l.append(name, entries) })
	}
	go l.flusher()
	return l, nil
}

// replay applies the file's entries to the stores and returns the length
// of its valid part. The entries are decoded in parallel, then applied in
// order.
func (l *Log) replay(data []byte) (int64, error) {
	if len(data) == 0 {
		return 0, fmt.Errorf("the file is empty")
	}
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if string(first) != header {
		if !ok || !bytes.HasPrefix(first, []byte(`{"sandbox_state"`)) {
			return 0, errNotLog
		}
		return 0, fmt.Errorf("unsupported state file version: %s", first)
	}
	type line struct {
		text     []byte
		complete bool
		entry    entry
		err      error
	}
	var lines []line
	for len(rest) > 0 {
		text, next, complete := bytes.Cut(rest, []byte("\n"))
		lines = append(lines, line{text: text, complete: complete})
		rest = next
	}
	parallel(len(lines), func(i int) {
		if ln := &lines[i]; ln.complete && string(ln.text) != snapshotEnd {
			ln.entry, ln.err = l.decode(ln.text)
		}
	})
	pos := int64(len(first) + 1)
	inSnapshot := true
	for _, ln := range lines {
		size := int64(len(ln.text)) + 1
		if inSnapshot {
			if !ln.complete {
				return 0, fmt.Errorf("the file is truncated (its snapshot has no end)")
			}
			if string(ln.text) == snapshotEnd {
				inSnapshot = false
				l.snapBytes = pos + size
			} else if err := l.apply(ln.entry, ln.err); err != nil {
				return 0, fmt.Errorf("line at byte %d: %w", pos, err)
			}
		} else {
			if !ln.complete || l.apply(ln.entry, ln.err) != nil {
				// The first bad entry of the log and everything after it
				// were never synced, so never acknowledged.
				return pos, nil
			}
			l.logBytes += size
		}
		pos += size
	}
	if inSnapshot {
		return 0, fmt.Errorf("the file is truncated (its snapshot has no end)")
	}
	return pos, nil
}

// parallel runs fn(0) … fn(n-1) on every core.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n/256, 1))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				start := int(next.Add(256)) - 256
				if start >= n {
					return
				}
				for i := start; i < min(start+256, n); i++ {
					fn(i)
				}
			}
		}()
	}
	wg.Wait()
}

// entry is one decoded line.
type entry struct {
	store             Store
	op                store.Op
	tenant, kind, key string
	value             any
}

// decode decodes one line (safe to run in parallel).
func (l *Log) decode(line []byte) (entry, error) {
	head, record, hasRecord := bytes.Cut(line, []byte("\t"))
	var h []string
	if err := json.Unmarshal(head, &h); err != nil {
		return entry{}, fmt.Errorf("not a state entry: %v", err)
	}
	if len(h) < 3 {
		return entry{}, fmt.Errorf("not a state entry: %s", head)
	}
	s, ok := l.stores[h[1]]
	if !ok {
		return entry{}, fmt.Errorf("unknown API %q", h[1])
	}
	e := entry{store: s, op: store.Op(h[0]), tenant: h[2]}
	switch e.op {
	case store.OpTenant, store.OpDrop:
		return e, nil
	case store.OpPut:
		if len(h) != 5 || !hasRecord {
			return e, fmt.Errorf("a put entry needs a kind, a key and a record")
		}
		e.kind, e.key = h[3], h[4]
		v, err := s.Decode(e.kind, record)
		if err != nil {
			return e, fmt.Errorf("%s %s: %w", e.kind, e.key, err)
		}
		e.value = v
		return e, nil
	}
	return e, fmt.Errorf("unknown operation %q", h[0])
}

// apply replays one decoded line.
func (l *Log) apply(e entry, err error) error {
	if err != nil {
		return err
	}
	return e.store.Replay(e.op, e.tenant, e.kind, e.key, e.value)
}

// encode appends one entry's line to buf.
func encode(buf []byte, api string, e store.Entry) ([]byte, error) {
	h := []string{string(e.Op), api, e.Tenant}
	if e.Op == store.OpPut {
		h = append(h, e.Change.Kind, e.Change.Key)
	}
	head, err := json.Marshal(h)
	if err != nil {
		return buf, err
	}
	buf = append(buf, head...)
	if e.Op == store.OpPut {
		rec, err := json.Marshal(e.Change.Value)
		if err != nil {
			return buf, fmt.Errorf("encoding a %s: %w", e.Change.Kind, err)
		}
		buf = append(buf, '\t')
		buf = append(buf, rec...)
	}
	return append(buf, '\n'), nil
}

// append queues entries (called under the tenant's lock, so each tenant's
// entries keep their order) and returns a function that waits until they
// are synced.
func (l *Log) append(api string, entries []store.Entry) func() error {
	var data []byte
	for _, e := range entries {
		var err error
		if data, err = encode(data, api, e); err != nil {
			return func() error { return err }
		}
	}
	l.mu.Lock()
	if l.err != nil || l.closed {
		err := l.err
		if err == nil {
			err = errors.New("the state file is closed")
		}
		l.mu.Unlock()
		return func() error { return err }
	}
	l.buf = append(l.buf, data...)
	if l.compacting {
		l.tail = append(l.tail, data...)
	}
	l.seq++
	mine := l.seq
	l.mu.Unlock()
	select {
	case l.kick <- struct{}{}:
	default:
	}
	return func() error {
		l.mu.Lock()
		defer l.mu.Unlock()
		for l.durable < mine && l.err == nil {
			l.cond.Wait()
		}
		if l.durable >= mine {
			return nil
		}
		return l.err
	}
}

// flusher writes and syncs what has queued up, one batch at a time, until
// the log is closed and drained.
func (l *Log) flusher() {
	defer close(l.done)
	for {
		l.mu.Lock()
		for len(l.buf) == 0 && !l.closed {
			l.mu.Unlock()
			<-l.kick
			l.mu.Lock()
		}
		if len(l.buf) == 0 && l.closed {
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
		l.flush()
		l.maybeCompact()
	}
}

// flush writes and syncs the queued entries.
func (l *Log) flush() {
	l.fileMu.Lock()
	defer l.fileMu.Unlock()
	l.mu.Lock()
	data, upto := l.buf, l.seq
	l.buf = nil
	l.mu.Unlock()
	if len(data) == 0 {
		return
	}
	_, err := l.f.Write(data)
	if err == nil {
		err = l.f.Sync()
	}
	l.mu.Lock()
	if err != nil {
		l.err = fmt.Errorf("writing the state file %s: %w", l.path, err)
		l.logf("%v", l.err)
	} else if upto > l.durable {
		l.durable = upto
		l.logBytes += int64(len(data))
	}
	l.cond.Broadcast()
	l.mu.Unlock()
}

func (l *Log) maybeCompact() {
	l.mu.Lock()
	due := l.logBytes > minCompact && l.logBytes > l.snapBytes && !l.compacting
	l.mu.Unlock()
	if due {
		go func() {
			if err := l.Compact(); err != nil {
				l.logf("compacting the state file %s: %v", l.path, err)
			}
		}()
	}
}

// Compact writes a new snapshot of the stores and renames it over the
// file; writes go on meanwhile and are kept after the new snapshot.
func (l *Log) Compact() error {
	l.compactMu.Lock()
	defer l.compactMu.Unlock()
	l.mu.Lock()
	if l.closed && l.f == nil {
		l.mu.Unlock()
		return errors.New("the state file is closed")
	}
	l.compacting, l.tail = true, nil
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.compacting, l.tail = false, nil
		l.mu.Unlock()
	}()
	tmp, snapBytes, err := l.snapshotFile()
	if err != nil {
		return err
	}
	l.fileMu.Lock()
	defer l.fileMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return l.err
	}
	tail := l.tail
	err = func() error {
		if _, err := tmp.Write(tail); err != nil {
			return err
		}
		if err := tmp.Sync(); err != nil {
			return err
		}
		if err := os.Rename(tmp.Name(), l.path); err != nil {
			return err
		}
		return syncDir(l.path)
	}()
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if l.f != nil {
		l.f.Close()
	}
	// Everything queued is in the new file now: what was queued before the
	// compaction started is in its snapshot, what came since in its tail.
	l.f, l.buf = tmp, nil
	l.durable = l.seq
	l.snapBytes, l.logBytes = snapBytes, int64(len(tail))
	l.cond.Broadcast()
	return nil
}

// writeSnapshot creates the file with a snapshot of the stores.
func (l *Log) writeSnapshot() error {
	tmp, n, err := l.snapshotFile()
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), l.path); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := syncDir(l.path); err != nil {
		tmp.Close()
		return err
	}
	l.f, l.snapBytes = tmp, n
	return nil
}

// snapshotFile writes a snapshot of the stores to a synced temporary file
// beside the state file, positioned at its end.
func (l *Log) snapshotFile() (*os.File, int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(l.path), filepath.Base(l.path)+".*.tmp")
	if err != nil {
		return nil, 0, err
	}
	fail := func(err error) (*os.File, int64, error) {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, 0, err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	n, err := l.WriteSnapshot(w)
	if err != nil {
		return fail(err)
	}
	if err := w.Flush(); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	return tmp, n, nil
}

// WriteSnapshot writes the stores' state in this format (header, entries,
// end line) and returns the bytes written.
func (l *Log) WriteSnapshot(w io.Writer) (int64, error) {
	var total int64
	write := func(b []byte) error {
		n, err := w.Write(b)
		total += int64(n)
		return err
	}
	if err := write([]byte(header + "\n")); err != nil {
		return total, err
	}
	var buf []byte
	var err error
	for _, name := range l.names {
		l.stores[name].Entries(func(e store.Entry) bool {
			buf, err = encode(buf[:0], name, e)
			if err == nil {
				err = write(buf)
			}
			return err == nil
		})
		if err != nil {
			return total, err
		}
	}
	return total, write([]byte(snapshotEnd + "\n"))
}

// Close waits until every queued entry is synced and closes the file.
func (l *Log) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	l.mu.Unlock()
	select {
	case l.kick <- struct{}{}:
	default:
	}
	<-l.done
	l.compactMu.Lock() // no compaction is running
	defer l.compactMu.Unlock()
	l.fileMu.Lock()
	defer l.fileMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	err := l.err
	if l.f != nil {
		if cerr := l.f.Close(); err == nil {
			err = cerr
		}
		l.f = nil
	}
	return err
}

// syncDir syncs the folder of path, so that a rename in it is durable.
func syncDir(path string) error {
	d, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
