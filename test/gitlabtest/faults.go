package gitlabtest

import (
	"bufio"
	"bytes"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault injects a failure into matching requests. Every fault is bounded:
// it fires Times times (default and minimum 1) after letting Skip matching
// requests through, and Delay is capped at 30 seconds and released by Close.
//
// Without Status, Drop or Truncate a fault only delays the request, which is
// then served normally. Note that Go's http.Transport silently replays an
// idempotent request once when a reused keep-alive connection closes without
// any response, so a single Drop on a GET may go unnoticed by a Go client:
// use Times: 2, or a fresh connection, to make it visible. With Status the body defaults to GitLab's JSON
// {"message":"<code> <text>"}, to the plain text "Retry later" for 429
// (https://docs.gitlab.com/administration/settings/user_and_ip_rate_limits/#use-a-custom-rate-limit-response),
// or to an nginx error page with HTML (proxies in front of GitLab answer
// 502/504/520 with HTML, gitlab-protocol.md section 5).
type Fault struct {
	Method      string            // "" matches any method
	Path        string            // path after /api/v4, "*" matches one segment, GraphQLPath the GraphQL API; "" matches any
	Query       map[string]string // every entry must equal the request's query value
	Skip        int               // let the first Skip matching requests through
	Times       int               // then fire this many times (default 1)
	Status      int               // e.g. 429, 500, 502, 503, 504, 520, 409
	Reason      string            // reason phrase override, e.g. "Resource lock"
	Header      http.Header       // extra headers, e.g. Retry-After
	Body        string            // raw body
	ContentType string
	HTML        bool          // an HTML proxy error page
	Delay       time.Duration // answer slowly (capped at 30s)
	Drop        bool          // close the connection without any response
	Truncate    bool          // a 200 JSON response whose Content-Length exceeds the body, then close
}

type faultState struct {
	id    int
	f     Fault
	segs  []string
	seen  int
	fired int
}

// AddFault registers a fault and returns its id.
func (s *Server) AddFault(f Fault) (id int) {
	if f.Times < 1 {
		f.Times = 1
	}
	if f.Delay > maxDelay {
		f.Delay = maxDelay
	}
	if f.Delay < 0 {
		f.Delay = 0
	}
	st := &faultState{f: f}
	if p := strings.TrimPrefix(f.Path, apiPrefix); strings.Trim(p, "/") != "" && f.Path != GraphQLPath {
		st.segs = strings.Split(strings.Trim(p, "/"), "/")
	}
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	s.nextFaultID++
	st.id = s.nextFaultID
	s.faults = append(s.faults, st)
	return st.id
}

// RemoveFault removes one fault by the id AddFault returned.
func (s *Server) RemoveFault(id int) {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for i, st := range s.faults {
		if st.id == id {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return
		}
	}
}

// ClearFaults removes every fault.
func (s *Server) ClearFaults() {
	s.faultMu.Lock()
	s.faults = nil
	s.faultMu.Unlock()
}

// FaultsFired is how many requests faults have fired on since the server
// started.
func (s *Server) FaultsFired() int {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	return s.faultsFired
}

func (st *faultState) matches(r *http.Request, segs []string, apiOK bool) bool {
	f := &st.f
	if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
		return false
	}
	if f.Path == GraphQLPath && r.URL.Path != GraphQLPath {
		return false
	}
	if st.segs != nil {
		if !apiOK || len(segs) != len(st.segs) {
			return false
		}
		for i, seg := range st.segs {
			if seg != "*" && seg != segs[i] {
				return false
			}
		}
	}
	if len(f.Query) > 0 {
		q := r.URL.Query()
		for k, v := range f.Query {
			if q.Get(k) != v {
				return false
			}
		}
	}
	return true
}

func (s *Server) matchFault(r *http.Request, segs []string, apiOK bool) *Fault {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	for _, st := range s.faults {
		if st.fired >= st.f.Times || !st.matches(r, segs, apiOK) {
			continue
		}
		st.seen++
		if st.seen <= st.f.Skip {
			continue
		}
		st.fired++
		s.faultsFired++
		f := st.f
		return &f
	}
	return nil
}

// applyFault acts out a fault; it reports false when the request should then
// be served normally (a pure delay).
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f *Fault) bool {
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-s.quit:
			t.Stop()
			// Released by Close: abort the exchange instead of answering.
			panic(http.ErrAbortHandler)
		case <-r.Context().Done():
			t.Stop()
			return true
		}
		if f.Status == 0 && !f.Drop && !f.Truncate {
			return false
		}
	}
	switch {
	case f.Drop:
		if conn := hijack(w); conn != nil {
			_ = conn.Close()
			return true
		}
		panic(http.ErrAbortHandler)
	case f.Truncate:
		status := f.Status
		if status < 200 || status > 299 {
			status = http.StatusOK
		}
		body := []byte(`[{"id":1,"description":"truncated respon`)
		h := w.Header()
		h.Set("Content-Type", "application/json")
		h.Set("Content-Length", strconv.Itoa(len(body)+512))
		if writeRaw(w, status, statusText(status), body) {
			return true
		}
		panic(http.ErrAbortHandler)
	}
	status := f.Status
	if status == 0 {
		return false
	}
	body, ctype := []byte(f.Body), f.ContentType
	if f.Body == "" {
		switch {
		case f.HTML:
			t := strconv.Itoa(status) + " " + statusText(status)
			body = []byte("<html>\r\n<head><title>" + t + "</title></head>\r\n<body>\r\n<center><h1>" + t +
				"</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
		case status == http.StatusTooManyRequests:
			body = []byte("Retry later\n")
			if ctype == "" {
				ctype = "text/plain"
			}
		default:
			body = marshal(map[string]any{"message": strconv.Itoa(status) + " " + statusText(status)})
		}
	}
	if ctype == "" {
		switch {
		case f.HTML:
			ctype = "text/html"
		case bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) || bytes.HasPrefix(bytes.TrimSpace(body), []byte("[")):
			ctype = "application/json"
		default:
			ctype = "text/plain; charset=utf-8"
		}
	}
	h := w.Header()
	for k, v := range f.Header {
		h[http.CanonicalHeaderKey(k)] = v
	}
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if f.Reason != "" && writeRaw(w, status, f.Reason, body) {
		return true
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
	return true
}

// hijack takes over the connection; nil when the server cannot (HTTP/2).
func hijack(w http.ResponseWriter) net.Conn {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return nil
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return nil
	}
	return conn
}

// writeRaw writes a whole HTTP/1.1 response by hand (to choose the reason
// phrase or lie about Content-Length) and closes the connection.
func writeRaw(w http.ResponseWriter, status int, reason string, body []byte) bool {
	h := w.Header().Clone()
	conn := hijack(w)
	if conn == nil {
		return false
	}
	defer conn.Close()
	bw := bufio.NewWriter(conn)
	_, _ = bw.WriteString("HTTP/1.1 " + strconv.Itoa(status) + " " + reason + "\r\n")
	h.Set("Connection", "close")
	if h.Get("Date") == "" {
		h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	}
	_ = h.Write(bw)
	_, _ = bw.WriteString("\r\n")
	_, _ = bw.Write(body)
	_ = bw.Flush()
	return true
}
