package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/fixture"
)

// loadState loads Options.StateFile when it exists. A file that is not a
// valid state stops start-up (and is left as it is).
func (s *Server) loadState() error {
	if s.opts.StateFile == "" {
		return nil
	}
	data, err := os.ReadFile(s.opts.StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("state file %s: %w", s.opts.StateFile, err)
	}
	d, err := fixture.Parse(s.opts.StateFile, data, sections)
	if err == nil {
		err = s.load([]*fixture.Document{d}, false)
	}
	if err != nil {
		return fmt.Errorf("state file %s is not a valid sandbox state (fix or remove it; it was not changed): %w", s.opts.StateFile, err)
	}
	return nil
}

// SaveState writes the whole state to Options.StateFile atomically: a
// temporary file in the same folder, synced, then renamed over it.
func (s *Server) SaveState() error {
	if s.opts.StateFile == "" {
		return nil
	}
	v := s.version.Load()
	data, err := s.State()
	if err != nil {
		return err
	}
	dir := filepath.Dir(s.opts.StateFile)
	tmp, err := os.CreateTemp(dir, filepath.Base(s.opts.StateFile)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up on failure
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), s.opts.StateFile); err != nil {
		return err
	}
	s.saved.Store(v)
	return nil
}

// persist saves the state after changes, at most once a second, until ctx
// ends.
func (s *Server) persist(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if s.version.Load() != s.saved.Load() {
				if err := s.SaveState(); err != nil {
					fmt.Fprintf(s.log, "saving state to %s: %v\n", s.opts.StateFile, err)
				}
			}
		}
	}
}
