package gitlabtest

import (
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/tidwall/sjson"
)

// Request is one request as the server received it, with secrets redacted.
type Request struct {
	Method string
	// Path is the escaped path as received, e.g. /api/v4/projects/g%2Fp.
	Path  string
	Query url.Values
	// Header keeps PRIVATE-TOKEN, JOB-TOKEN, Authorization and Cookie with
	// their secret replaced by "[REDACTED]" (Authorization keeps its scheme:
	// "Bearer [REDACTED]"); Sudo is kept as is.
	Header http.Header
	Body   []byte
	At     time.Time
}

// Redacted is the placeholder that replaces secrets in the request log.
const Redacted = "[REDACTED]"

// maxLog bounds the retained request log; RequestCount keeps counting.
const maxLog = 10000

var secretParams = []string{"private_token", "access_token", "job_token"}

func (s *Server) logRequest(r *http.Request, path string, body []byte) {
	h := r.Header.Clone()
	for _, k := range []string{"Private-Token", "Job-Token", "Cookie"} {
		if _, ok := h[k]; ok {
			h.Set(k, Redacted)
		}
	}
	if a := h.Get("Authorization"); a != "" {
		if scheme, _, ok := strings.Cut(a, " "); ok {
			h.Set("Authorization", scheme+" "+Redacted)
		} else {
			h.Set("Authorization", Redacted)
		}
	}
	q := r.URL.Query()
	for _, k := range secretParams {
		if _, ok := q[k]; ok {
			q.Set(k, Redacted)
		}
	}
	entry := Request{Method: r.Method, Path: path, Query: q, Header: h, Body: redactBody(r.Header.Get("Content-Type"), body), At: s.now()}
	s.logMu.Lock()
	s.reqCount++
	if len(s.reqLog) < maxLog {
		s.reqLog = append(s.reqLog, entry)
	} else {
		s.reqLog[s.logHead] = entry
		s.logHead = (s.logHead + 1) % maxLog
	}
	s.logMu.Unlock()
}

// redactBody hides token parameters sent in a form or JSON body.
func redactBody(ctype string, body []byte) []byte {
	if len(body) == 0 {
		return body
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	switch mt {
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return body
		}
		changed := false
		for _, k := range secretParams {
			if _, ok := form[k]; ok {
				form.Set(k, Redacted)
				changed = true
			}
		}
		if changed {
			return []byte(form.Encode())
		}
	case "application/json":
		for _, k := range secretParams {
			if gjson.GetBytes(body, k).Exists() {
				if b, err := sjson.SetBytes(body, k, Redacted); err == nil {
					body = b
				}
			}
		}
	}
	return body
}

// Requests returns the retained request log (at most the last 10,000
// requests), oldest first.
func (s *Server) Requests() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	out := make([]Request, 0, len(s.reqLog))
	out = append(out, s.reqLog[s.logHead:]...)
	return append(out, s.reqLog[:s.logHead]...)
}

// ResetRequests empties the request log and its counter.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	s.reqLog, s.reqCount, s.logHead = nil, 0, 0
	s.logMu.Unlock()
}

// RequestCount is the number of requests received since the start or the
// last ResetRequests.
func (s *Server) RequestCount() int {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return s.reqCount
}
