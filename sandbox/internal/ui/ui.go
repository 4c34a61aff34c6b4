// Package ui holds the dashboard's page and assets (plain HTML, CSS and
// JavaScript modules, embedded: no CDN, no build step) and serves them with
// validators: every answer carries a strong ETag and "Cache-Control:
// no-cache", so a browser keeps its copy and revalidates it with a 304,
// and a new sandbox version is never shown with an old script.
package ui

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed assets
var files embed.FS

// Prefix is where the assets are served; the page itself is at Page.
const (
	Page   = "/_sandbox/ui"
	Prefix = "/_sandbox/ui/assets/"
)

// csp lets the page load and call only its own origin.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

type asset struct {
	data  []byte
	etag  string
	ctype string
}

// assets are read, hashed and typed at their first use, not at start-up:
// mime's first lookup reads the system's MIME database, a tenth of the
// binary's package initialisation.
var assets = sync.OnceValue(func() map[string]asset {
	out := map[string]asset{}
	_ = fs.WalkDir(files, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		out[strings.TrimPrefix(p, "assets/")] = asset{data, `"` + hex.EncodeToString(sum[:12]) + `"`, ctype}
		return nil
	})
	return out
})

// Names lists the embedded assets (for tests).
func Names() []string {
	out := make([]string, 0, len(assets()))
	for n := range assets() {
		out = append(out, n)
	}
	return out
}

// Handler serves the page at Page and the assets under Prefix; anything
// else is a 404.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := "index.html"
		if r.URL.Path != Page {
			name = strings.TrimPrefix(r.URL.Path, Prefix)
		}
		a, ok := assets()[name]
		if !ok || name != path.Clean(name) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error":{"code":"Not Found","message":"no such dashboard asset"}}` + "\n"))
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("ETag", a.etag)
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		if name == "index.html" {
			h.Set("Content-Security-Policy", csp)
			h.Set("Referrer-Policy", "no-referrer")
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(a.data))
	})
}
