package sandbox

import (
	"fmt"

	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/customers-api/sandbox/sandbox/internal/statelog"
)

// openState opens Options.StateFile (package statelog): loads it when it
// exists, creates it otherwise, and from then on every write is in it
// before it is answered. A file that is empty, truncated or not a valid
// state stops start-up and is left as it is.
func (s *Server) openState() error {
	if s.opts.StateFile == "" {
		return nil
	}
	stores := map[string]statelog.Store{}
	for _, v := range s.vendors {
		if st := v.StateStore(); st != nil {
			stores[v.Name()] = st
		}
	}
	logf := func(format string, args ...any) { fmt.Fprintf(s.log, format+"\n", args...) }
	l, err := statelog.Open(s.opts.StateFile, stores, logf, s.loadLegacyState)
	if err != nil {
		return fmt.Errorf("state file %s is not a valid sandbox state (fix or remove it; it was not changed): %w", s.opts.StateFile, err)
	}
	s.statelog = l
	return nil
}

// loadLegacyState loads a state file an older sandbox wrote: a YAML
// fixture document, loaded on top of the fixtures.
func (s *Server) loadLegacyState(data []byte) error {
	d, err := fixture.Parse(s.opts.StateFile, data, s.sections)
	if err != nil {
		return err
	}
	return s.load([]*fixture.Document{d}, false)
}

// SaveState compacts the state file: a new snapshot of the whole state
// replaces the file's snapshot and change log (atomically: a temporary
// file, synced, renamed over it). Writes need no SaveState to be kept:
// each is in the file before it is answered.
func (s *Server) SaveState() error {
	if s.statelog == nil {
		return nil
	}
	return s.statelog.Compact()
}

// Close stops the webhook deliveries (waiting ones are dropped), writes
// the request log lines held back, and syncs and closes the state file, if
// any. The server must not serve writes after Close: they would fail.
func (s *Server) Close() error {
	if l, ok := s.log.(*fileLog); ok {
		l.Close()
	}
	for _, v := range s.vendors {
		if c, ok := v.(interface{ Close() }); ok {
			c.Close()
		}
	}
	if s.statelog == nil {
		return nil
	}
	return s.statelog.Close()
}
