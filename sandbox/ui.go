package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/dintero"
	"github.com/customers-api/sandbox/sandbox/internal/tradevest"
)

// The dashboard (decisions D90 to D93): GET /_sandbox/ui is a page that
// shows and steers the sandbox. The page and its assets are public (they
// hold no data); everything it shows comes from the control endpoints and
// from the read-only endpoints under /_sandbox/ui/api/, which need the
// admin token like every control endpoint.
const (
	uiPath    = "/_sandbox/ui"
	uiAPIPath = uiPath + "/api/"
	// uiDefaultLimit and uiMaxLimit bound the records one list answer
	// holds, so a page on a large account stays quick.
	uiDefaultLimit = 100
	uiMaxLimit     = 1000
)

// uiPublic reports whether path is the dashboard page or one of its
// assets: they need no admin token (decision D90).
func uiPublic(path string) bool {
	return path == uiPath || path == uiPath+"/" || strings.HasPrefix(path, uiPath+"/assets/")
}

// uiQuiet reports whether path is one the dashboard reads over and over:
// those requests stay out of the request log (decision D92), which would
// otherwise show little but the page's polling.
func uiQuiet(path string) bool {
	return uiPublic(path) || strings.HasPrefix(path, uiAPIPath)
}

// uiTenant is an account or partner in the summary.
type uiTenant struct {
	ID      string         `json:"id"`
	Clients any            `json:"clients"`
	Counts  map[string]int `json:"counts"`
}

// handleUISummary is GET /_sandbox/ui/api/summary: the clock, and the
// accounts and partners with their clients (secrets included: the page
// masks them) and how many records of each kind they hold.
func (s *Server) handleUISummary(w http.ResponseWriter, r *http.Request) {
	out := map[string]any{
		"clock": s.clockBody(), "admin_token": s.opts.AdminToken != "", "version": VersionString(),
		"kinds": map[string]any{"dintero": dintero.ViewKinds, "tradevest": tradevest.ViewKinds},
	}
	d, t := vendorOf[*dintero.API](s), vendorOf[*tradevest.API](s)
	accounts := []uiTenant{}
	for _, id := range d.Store().IDs() {
		if clients, ok := d.ViewClients(id); ok {
			accounts = append(accounts, uiTenant{ID: id, Clients: nonNil(clients), Counts: d.ViewSizes(id)})
		}
	}
	partners := []uiTenant{}
	for _, id := range t.Store().IDs() {
		if clients, ok := t.ViewClients(id); ok {
			partners = append(partners, uiTenant{ID: id, Clients: nonNil(clients), Counts: t.ViewSizes(id)})
		}
	}
	out["dintero"], out["tradevest"] = accounts, partners
	api.WriteJSON(w, r, http.StatusOK, out)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// uiItem is one record in a list answer: its JSON as the API answers it,
// and what that JSON leaves to its path (see dintero.API.View).
type uiItem struct {
	JSON  map[string]any    `json:"json"`
	About map[string]string `json:"about,omitempty"`
}

// handleUIList is GET /_sandbox/ui/api/{dintero|tradevest}/{id}?kind=&q=&limit=:
// the newest limit records of one kind of an account or partner, newest
// first, rendered as the API answers them now on the sandbox clock; q keeps
// those whose JSON contains it (any case). 400 for an unknown kind or a bad
// limit, 404 for an unknown account or partner.
func (s *Server) handleUIList(kinds []string, view func(string, time.Time, func(string, map[string]any, map[string]string) bool) bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		kind := q.Get("kind")
		if kind == "" {
			kind = kinds[0]
		}
		if !slices.Contains(kinds, kind) {
			writeControlError(w, r, http.StatusBadRequest, "kind must be one of "+strings.Join(kinds, ", "))
			return
		}
		limit := uiDefaultLimit
		if l := q.Get("limit"); l != "" {
			n, err := strconv.Atoi(l)
			if err != nil || n < 1 || n > uiMaxLimit {
				writeControlError(w, r, http.StatusBadRequest, "limit must be a whole number from 1 to "+strconv.Itoa(uiMaxLimit))
				return
			}
			limit = n
		}
		needle := strings.ToLower(q.Get("q"))
		total, matched := 0, 0
		ring := make([]uiItem, 0, min(limit, 64))
		next := 0
		id := api.Vars(r)["id"]
		known := view(id, s.clock.Now(), func(k string, item map[string]any, about map[string]string) bool {
			if k != kind {
				return true
			}
			total++
			if needle != "" && !uiMatches(item, about, needle) {
				return true
			}
			matched++
			if len(ring) < limit {
				ring = append(ring, uiItem{item, about})
			} else {
				ring[next] = uiItem{item, about}
				next = (next + 1) % limit
			}
			return true
		})
		if !known {
			writeControlError(w, r, http.StatusNotFound, "no account or partner "+id)
			return
		}
		items := make([]uiItem, 0, len(ring))
		items = append(append(items, ring[next:]...), ring[:next]...)
		slices.Reverse(items) // newest first
		api.WriteJSON(w, r, http.StatusOK, map[string]any{"id": id, "kind": kind, "total": total, "matched": matched,
			"items": items, "now": s.clock.Now().Format(time.RFC3339Nano)})
	}
}

// uiMatches reports whether a record's JSON (or what its path says)
// contains needle, lower case.
func uiMatches(item map[string]any, about map[string]string, needle string) bool {
	data, _ := json.Marshal(item)
	if strings.Contains(strings.ToLower(string(data)), needle) {
		return true
	}
	for _, v := range about {
		if strings.Contains(strings.ToLower(v), needle) {
			return true
		}
	}
	return false
}

// uiEntry is a journal entry with its sequence number.
type uiEntry struct {
	Seq uint64 `json:"seq"`
	JournalEntry
}

// handleUIRequests is GET /_sandbox/ui/api/requests?after=N: the journal
// entries added after sequence number N that it still keeps, oldest first,
// and the newest sequence number ("last") to ask with next. The page polls
// it for the live journal. An after beyond last (the sandbox restarted)
// starts over.
func (s *Server) handleUIRequests(w http.ResponseWriter, r *http.Request) {
	var after uint64
	if a := r.URL.Query().Get("after"); a != "" {
		n, err := strconv.ParseUint(a, 10, 64)
		if err != nil {
			writeControlError(w, r, http.StatusBadRequest, "after must be a whole number >= 0")
			return
		}
		after = n
	}
	entries, first, last := s.journal.since(after)
	if after > last {
		entries, first, last = s.journal.since(0)
	}
	out := make([]uiEntry, len(entries))
	for i, e := range entries {
		out[i] = uiEntry{first + uint64(i), e}
	}
	api.WriteJSON(w, r, http.StatusOK, map[string]any{"last": last, "entries": out})
}
