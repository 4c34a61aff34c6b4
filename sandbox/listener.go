package sandbox

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
)

// Listener wraps ln so that the errors net/http answers by itself, before
// any handler runs, come in the shape of the API the path belongs to, like
// every other error of the sandbox: a request line it cannot parse (a path
// with a broken percent-encoding such as /v1/…/%zz, a malformed request
// line), a malformed header, a request head past http.Server.MaxHeaderBytes
// (431), an unknown transfer encoding (501). Run serves on it, and so does
// sandboxtest. Such a request reaches no handler: it is neither journaled
// nor counted in the metrics. What it cannot reshape (a request line longer
// than the bytes it keeps, pipelined requests) keeps net/http's plain-text
// answer.
func (s *Server) Listener(ln net.Listener) net.Listener { return &shapingListener{ln, s} }

type shapingListener struct {
	net.Listener
	s *Server
}

func (l *shapingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &shapingConn{Conn: c, s: l.s, fresh: true}, nil
}

// keptHead is how many bytes of a request's start a connection keeps: enough
// for the request line of any path the APIs serve.
const keptHead = 4096

// shapingConn keeps the first bytes read of each request (those read since
// the last answer was written) and replaces net/http's own plain-text
// error answers with vendor-shaped ones.
type shapingConn struct {
	net.Conn
	s *Server

	mu    sync.Mutex
	head  []byte
	fresh bool // the next read starts a new request
}

func (c *shapingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	if c.fresh && n > 0 {
		c.head, c.fresh = c.head[:0], false
	}
	if room := keptHead - len(c.head); room > 0 && n > 0 {
		c.head = append(c.head, p[:min(n, room)]...)
	}
	c.mu.Unlock()
	return n, err
}

func (c *shapingConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	head := c.head
	c.fresh = true
	c.mu.Unlock()
	if status, text, ok := netHTTPError(p); ok {
		if out := c.s.shapedError(head, status, text); out != nil {
			if _, err := c.Conn.Write(out); err != nil {
				return 0, err
			}
			return len(p), nil
		}
	}
	return c.Conn.Write(p)
}

// netHTTPErrorHeaders are the headers of every answer net/http writes by
// itself (net/http's server.go, conn.serve); an answer through a handler
// always has a Date and never this exact block.
const netHTTPErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// netHTTPError recognises an answer net/http wrote by itself and returns
// its status and text.
func netHTTPError(p []byte) (int, string, bool) {
	rest, ok := bytes.CutPrefix(p, []byte("HTTP/1.1 "))
	if !ok || len(rest) < 3 {
		return 0, "", false
	}
	status, err := strconv.Atoi(string(rest[:3]))
	if err != nil {
		return 0, "", false
	}
	// The block must follow the status line.
	i := bytes.IndexByte(rest, '\n') - 1
	if i < 0 || !bytes.HasPrefix(rest[i:], []byte(netHTTPErrorHeaders)) {
		return 0, "", false
	}
	return status, string(rest[i+len(netHTTPErrorHeaders):]), true
}

// shapedError is the whole HTTP answer, in the vendor's shape, for a request
// starting with head that net/http refused with status and text, or nil
// when head holds no request line to take the path from.
func (s *Server) shapedError(head []byte, status int, text string) []byte {
	method, target, ok := requestLine(head)
	if !ok {
		return nil
	}
	path, _, _ := strings.Cut(target, "?")
	// net/http's text: "400 Bad Request: invalid header name", a bare
	// "400 Bad Request", or a sentence ("Unsupported transfer encoding").
	msg := text
	if strings.HasPrefix(text, strconv.Itoa(status)) {
		if _, detail, ok := strings.Cut(text, ": "); ok {
			msg = detail
		} else {
			msg = "the request could not be read"
		}
	}
	e := api.Errorf(status, strings.ToUpper(strings.ReplaceAll(http.StatusText(status), " ", "_")), "%s", msg)
	switch status {
	case http.StatusBadRequest:
		if _, err := url.ParseRequestURI(target); err != nil {
			msg := err.Error()
			if ue, ok := err.(*url.Error); ok {
				msg = ue.Err.Error()
			}
			e = &api.Error{Status: status, Code: api.CodeValidation, Message: "invalid request: path " + msg,
				Details: []schema.Violation{{In: "path", Code: "ENCODING", Message: msg}}}
		}
	case http.StatusRequestHeaderFieldsTooLarge:
		e.Message = "the request head is larger than " + strconv.Itoa(netHTTPMaxHeaderBytes) + " bytes"
	}
	rec := &bufferedResponse{header: http.Header{}}
	r := &http.Request{Method: method, URL: &url.URL{Path: path}, Header: http.Header{}}
	s.writeError(rec, r, e)
	if rec.status == 0 {
		return nil
	}
	rec.header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	res := &http.Response{StatusCode: rec.status, ProtoMajor: 1, ProtoMinor: 1, Header: rec.header,
		Body: io.NopCloser(&rec.body), ContentLength: int64(rec.body.Len()), Close: true}
	var out bytes.Buffer
	if err := res.Write(&out); err != nil {
		return nil
	}
	return out.Bytes()
}

// requestLine finds the request line at the start of head (after any blank
// lines, which HTTP allows): "METHOD target HTTP/1.x".
func requestLine(head []byte) (method, target string, ok bool) {
	text := strings.TrimLeft(string(head), "\r\n")
	line, _, complete := strings.Cut(text, "\n")
	if !complete {
		return "", "", false
	}
	parts := strings.Split(strings.TrimSuffix(line, "\r"), " ")
	if len(parts) != 3 || parts[0] == "" || !strings.HasPrefix(parts[1], "/") || !strings.HasPrefix(parts[2], "HTTP/") {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// bufferedResponse is an http.ResponseWriter that keeps the answer.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}
