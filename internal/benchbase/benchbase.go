// Package benchbase is the baseline the benchmarks compare golab/gitlab
// with: the best GitLab client a careful Go programmer writes by hand with
// net/http and gjson, and nothing of this module (so that a program built
// on it carries none of the library's code or start-up).
//
// What makes it the best hand-written code, and so a fair bar:
//   - bodies are read into one buffer sized from Content-Length and reused
//     from page to page (no io.ReadAll and its doubling, zeroed growth);
//   - while iterating, a page is read in place (gjson over the reused
//     buffer, no copy): its results are used before the next page is read;
//   - keep-alive connections, and an idle pool as large as the concurrency,
//     so that parallel requests reuse their connections;
//   - Link rel="next" is followed as GitLab documents
//     (https://docs.gitlab.com/api/rest/#pagination-link-header).
//
// It does not validate what it reads: a truncated page is silently read
// short. That is the one thing the library does on top.
package benchbase

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
	"unsafe"

	"github.com/tidwall/gjson"
)

// Client is the hand-written client.
type Client struct {
	HC    *http.Client
	API   string // https://gitlab.example.com/api/v4
	Token string
}

// New returns a client whose idle pool keeps conns connections.
func New(api, token string, conns int) *Client {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	t := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         dialer.DialContext,
		ForceAttemptHTTP2:   true,
		MaxIdleConns:        max(100, conns),
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     90 * time.Second,
	}
	return &Client{HC: &http.Client{Transport: t}, API: api, Token: token}
}

// Fetch sends one request and reads a 2xx answer's body into buf, grown
// to the answer's Content-Length when it is larger, and returns it with
// the headers. buf is the caller's to reuse for the next call.
func (c *Client) Fetch(method, url string, body []byte, buf []byte) (http.Header, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return nil, buf, err
	}
	req.Header.Set("PRIVATE-TOKEN", c.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.HC.Do(req)
	if err != nil {
		return nil, buf, err
	}
	defer resp.Body.Close()
	buf, err = readInto(resp.Body, resp.ContentLength, buf[:0])
	if err != nil {
		return nil, buf, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, buf, fmt.Errorf("%s %s: %s", method, url, resp.Status)
	}
	return resp.Header, buf, nil
}

// readInto reads the whole body into buf, which it grows to n (the
// Content-Length, -1 when unknown) at once.
func readInto(r io.Reader, n int64, buf []byte) ([]byte, error) {
	if n > int64(cap(buf)) {
		buf = make([]byte, 0, n)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow (unknown or wrong length)
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// view is buf as a string without a copy: valid while buf is not reused.
func view(buf []byte) string {
	if len(buf) == 0 {
		return ""
	}
	return unsafe.String(&buf[0], len(buf))
}

// Iterate calls fn with every item of every page of the list at path
// ("/projects?per_page=100"), following Link rel="next". Each page is read
// into one reused buffer: an item is valid only during its call to fn.
// after, when not nil, is called after each page.
func (c *Client) Iterate(path string, fn func(gjson.Result), after func()) error {
	var buf []byte
	next := c.API + path
	for next != "" {
		h, b, err := c.Fetch(http.MethodGet, next, nil, buf)
		if err != nil {
			return err
		}
		buf = b
		gjson.Parse(view(buf)).ForEach(func(_, v gjson.Result) bool { fn(v); return true })
		next = LinkURL(h, "next")
		if after != nil {
			after()
		}
	}
	return nil
}

// ListAll returns every item of every page of the list at path. Items are
// kept, so each page is copied out of the reused buffer once (gjson's
// ParseBytes makes it a string the items share).
func (c *Client) ListAll(path string, after func()) ([]gjson.Result, error) {
	var buf []byte
	var all []gjson.Result
	next := c.API + path
	for next != "" {
		h, b, err := c.Fetch(http.MethodGet, next, nil, buf)
		if err != nil {
			return all, err
		}
		buf = b
		gjson.ParseBytes(buf).ForEach(func(_, v gjson.Result) bool { all = append(all, v); return true })
		next = LinkURL(h, "next")
		if after != nil {
			after()
		}
	}
	return all, nil
}

// LinkURL returns the target of the Link header entry with the given rel,
// the way a hand-written client reads it: <url>; rel="next", entries
// separated by commas.
func LinkURL(h http.Header, rel string) string {
	want := `rel="` + rel + `"`
	for _, line := range h.Values("Link") {
		for _, entry := range strings.Split(line, ",") {
			target, params, ok := strings.Cut(entry, ";")
			if !ok || !strings.Contains(params, want) {
				continue
			}
			target = strings.TrimSpace(target)
			return strings.TrimSuffix(strings.TrimPrefix(target, "<"), ">")
		}
	}
	return ""
}
