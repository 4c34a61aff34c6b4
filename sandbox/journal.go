package sandbox

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/customers-api/sandbox/sandbox/internal/api"
)

// DefaultJournalSize is how many requests the journal keeps by default.
const DefaultJournalSize = 1000

// JournalEntry is one request the sandbox served. It holds no header and
// no body, so no secret or token ever reaches it; query values whose names
// suggest a secret are redacted.
type JournalEntry struct {
	Time       string  `json:"time"`
	Method     string  `json:"method"`
	Path       string  `json:"path"`
	Query      string  `json:"query,omitempty"`
	Status     int     `json:"status"`
	DurationMS float64 `json:"duration_ms"`
	Account    string  `json:"account,omitempty"`
	Partner    string  `json:"partner,omitempty"`
	// Truncated marks an entry whose path or query was longer than
	// maxJournalField bytes and was cut there.
	Truncated bool `json:"truncated,omitempty"`
	// at is Time before it is written out: an entry is formatted when the
	// journal is read, not on every request.
	at time.Time
}

// timed returns e with its Time written.
func (e JournalEntry) timed() JournalEntry {
	if e.Time == "" && !e.at.IsZero() {
		e.Time = e.at.Format(time.RFC3339Nano)
	}
	e.at = time.Time{}
	return e
}

// timedAll writes the Time of each entry of es.
func timedAll(es []JournalEntry) []JournalEntry {
	for i := range es {
		es[i] = es[i].timed()
	}
	return es
}

// maxJournalField bounds the path and the query an entry keeps, so that the
// journal's memory is bounded by its size whatever the clients send.
const maxJournalField = 2048

// clip returns s cut to at most maxJournalField bytes (on a character
// boundary) and whether it cut. The result is always a copy: the method,
// path and account of a request are slices of its request line, which a
// kept slice would keep alive whole, however long its query.
func clip(s string) (string, bool) {
	if len(s) <= maxJournalField {
		return strings.Clone(s), false
	}
	cut := maxJournalField
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.Clone(s[:cut]), true
}

// journal is a bounded ring of the latest requests. Its entries grow as
// requests come, up to size: a sandbox that serves few requests does not
// pay for a thousand entries at start.
type journal struct {
	mu      sync.Mutex
	size    int
	entries []JournalEntry // the entries kept; a ring once full
	next    int
	full    bool
	added   uint64 // entries ever added: the newest entry's sequence number
}

func newJournal(size int) *journal {
	if size <= 0 {
		size = DefaultJournalSize
	}
	return &journal{size: size}
}

func (j *journal) add(e JournalEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if len(j.entries) < j.size { // not full yet: next is len(entries)
		if len(j.entries) == cap(j.entries) {
			grown := make([]JournalEntry, len(j.entries), min(max(2*cap(j.entries), 16), j.size))
			copy(grown, j.entries)
			j.entries = grown
		}
		j.entries = append(j.entries, e)
	} else {
		j.entries[j.next] = e
	}
	j.next = (j.next + 1) % j.size
	if j.next == 0 {
		j.full = true
	}
	j.added++
}

// since returns the entries added after sequence number after that the
// journal still keeps, oldest first, with the sequence number of the first
// of them and the newest sequence number. Sequence numbers start at 1 and
// go on across clears; the dashboard polls with them.
func (j *journal) since(after uint64) (entries []JournalEntry, first, last uint64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := uint64(j.next)
	if j.full {
		n = uint64(len(j.entries))
	}
	last = j.added
	kept := last - n + 1 // sequence number of the oldest entry kept
	first = max(after+1, kept)
	for seq := first; seq <= last; seq++ {
		i := seq - kept // index among the kept entries, oldest first
		if j.full {
			i = (uint64(j.next) + i) % uint64(len(j.entries))
		}
		entries = append(entries, j.entries[i].timed())
	}
	return entries, first, last
}

// list returns the entries oldest first.
func (j *journal) list() []JournalEntry {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.full {
		return timedAll(append([]JournalEntry(nil), j.entries[:j.next]...))
	}
	return timedAll(append(append([]JournalEntry(nil), j.entries[j.next:]...), j.entries[:j.next]...))
}

func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.next, j.full = 0, false
	clear(j.entries)
	j.entries = j.entries[:0]
}

// knownMethodNames are the usual methods as constants, so that a journal
// entry needs no copy of them.
var knownMethodNames = map[string]string{
	http.MethodGet: http.MethodGet, http.MethodHead: http.MethodHead, http.MethodPost: http.MethodPost, http.MethodPut: http.MethodPut,
	http.MethodPatch: http.MethodPatch, http.MethodDelete: http.MethodDelete, http.MethodOptions: http.MethodOptions,
}

// secretWords mark query parameters whose values the journal hides.
var secretWords = []string{"secret", "token", "password", "pin", "code", "key"}

func redactQuery(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	out := url.Values{}
	for k, vs := range q {
		lk := strings.ToLower(k)
		hide := false
		for _, w := range secretWords {
			if strings.Contains(lk, w) {
				hide = true
			}
		}
		for _, v := range vs {
			if hide {
				v = "REDACTED"
			}
			out.Add(k, v)
		}
	}
	return out.Encode()
}

// handleJournal is GET /_sandbox/requests: the journal, newest last,
// filtered by method, path_prefix and (the last) limit entries.
func (s *Server) handleJournal(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	method, prefix := strings.ToUpper(q.Get("method")), q.Get("path_prefix")
	limit := 0
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			writeControlError(w, r, http.StatusBadRequest, "limit must be a whole number >= 1")
			return
		}
		limit = n
	}
	out := []JournalEntry{}
	for _, e := range s.journal.list() {
		if (method == "" || e.Method == method) && strings.HasPrefix(e.Path, prefix) {
			out = append(out, e)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	api.WriteJSON(w, r, http.StatusOK, out)
}

func (s *Server) handleJournalClear(w http.ResponseWriter, r *http.Request) {
	s.journal.clear()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) journalEntry(r *http.Request, info *requestInfo, status int, d time.Duration) JournalEntry {
	path, cutPath := clip(r.URL.Path)
	query, cutQuery := "", false
	if r.URL.RawQuery != "" {
		query, cutQuery = clip(redactQuery(r.URL.Query()))
	}
	method, ok := knownMethodNames[r.Method]
	if !ok {
		method, _ = clip(r.Method)
	}
	account, _ := clip(info.account)
	return JournalEntry{
		at: s.clock.Now(), Method: method, Path: path, Query: query,
		Status: status, DurationMS: float64(d.Microseconds()) / 1000, Account: account, Partner: info.partner,
		Truncated: cutPath || cutQuery,
	}
}
