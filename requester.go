package gitlab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/golab/gitlab/base"
)

// Do sends one request: the level below managers, which every manager call
// goes through. Most code calls managers or the HTTP* methods instead.
// It retries as the call's options say (WithMaxRetries, WithObeyRateLimit,
// WithRetryTransientErrors), within WithTimeout and ctx, which bound the
// whole call; the *Error of a failed call tells how many attempts it made.
// A non-2xx answer is an *Error; a request that got no answer is an *Error
// with StatusCode 0 wrapping the cause (errors.Is(err, context.Canceled)
// works).
//
// Credentials go only to the client's GitLab: an absolute URL (a
// pagination link, a URL given to HTTPGet) on another scheme, host or port
// is an *Error wrapping a *CrossOriginError, and nothing is sent (see
// WithKeepBaseURL). The call is bounded by WithTimeout, else by
// DefaultTimeout when ctx has no deadline; a body larger than
// WithMaxBodySize (DefaultMaxBodySize) is a *ParseError matching
// ErrBodyTooLarge.
func (c *Client) Do(ctx context.Context, req *base.Request) (*base.Response, error) {
	o := c.callOptions(req.Options)
	timeout := o.Timeout
	if _, ok := ctx.Deadline(); timeout == 0 && !ok && !req.Stream {
		timeout = DefaultTimeout // API calls; a download lasts as long as it needs
	}
	cancel := context.CancelFunc(func() {})
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}
	streaming := false // the answer's stream keeps the context until it is closed
	defer func() {
		if !streaming {
			cancel()
		}
	}()
	target, absolute, err := c.requestURL(req.Path)
	if err != nil {
		return nil, &base.Error{Op: req.Op, Method: req.Method, URL: base.SanitizeURL(req.Path), Err: err}
	}
	query := req.Query
	if req.List && !absolute {
		query = c.listDefaults(query)
	}
	if len(query) > 0 {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + query.Encode()
	}

	st := c.newCall(req, o, target)
	if st.upload, err = newUploadBody(req, o.Progress); err != nil {
		return nil, &base.Error{Op: req.Op, Method: req.Method, URL: base.SanitizeURL(target), Err: err}
	}
	if st.upload != nil && st.upload.rewind == nil {
		st.replayable = false
	}
	r := c.rc.R().SetContext(st.attach(ctx)).SetDoNotParseResponse(true).AddRetryCondition(st.condition)
	if o.Sudo != "" {
		r.SetHeader("Sudo", o.Sudo)
	}
	for k, v := range o.Header {
		r.Header[k] = v
	}
	switch {
	case st.upload != nil: // streamed by installBody
	case req.Body != nil:
		r.SetHeader("Content-Type", "application/json").SetBody(req.Body)
	case req.Method == http.MethodPost || req.Method == http.MethodPut || req.Method == http.MethodPatch:
		r.SetHeader("Content-Type", "application/json").SetBody([]byte("{}"))
	}

	resp, err := r.Execute(req.Method, target)
	attempts := st.attempts(r)
	if err != nil {
		if resp != nil && resp.RawResponse != nil && resp.RawResponse != st.raw {
			resp.RawResponse.Body.Close()
		}
		if ctx.Err() != nil {
			err = ctx.Err() // the call's deadline or cancellation, whatever the attempt saw
		}
		return nil, &base.Error{Op: req.Op, Method: req.Method, URL: base.SanitizeURL(target), Attempts: attempts, Err: unwrapURLError(err)}
	}
	hr := resp.RawResponse
	finalURL := target
	if hr.Request != nil && hr.Request.URL != nil {
		finalURL = hr.Request.URL.String()
	}
	status := resp.StatusCode()
	if req.Stream && status >= 200 && status <= 299 && req.Method != http.MethodHead {
		// Left unread by the retry condition: the caller reads it.
		streaming = true
		return &base.Response{StatusCode: status, Header: resp.Header(), URL: finalURL,
			Stream: &streamBody{ReadCloser: hr.Body, cancel: cancel}, Size: hr.ContentLength}, nil
	}
	// The retry condition has read the body, unless the context ended first.
	body, readErr := st.body, st.bodyErr
	if hr != st.raw {
		body, readErr = readAnswer(hr, st.maxBody, st.buf)
	}
	if readErr != nil && ctx.Err() != nil {
		return nil, &base.Error{Op: req.Op, Method: req.Method, URL: base.SanitizeURL(finalURL), Attempts: attempts, Err: ctx.Err()}
	}
	if status < 200 || status > 299 { // an error answer, whole or cut short: its status with what came
		e := base.NewHTTPError(req.Op, req.Method, finalURL, status, resp.Header(), body)
		e.Attempts = attempts
		return nil, e
	}
	if readErr != nil {
		reason := "the body was cut short (" + readErr.Error() + ")"
		if errors.Is(readErr, base.ErrBodyTooLarge) {
			reason = fmt.Sprintf("the body is larger than the maximum of %d bytes (WithMaxBodySize)", st.maxBody)
		}
		pe := base.NewParseError(req.Op, req.Method, finalURL, status, resp.Header().Get("Content-Type"), reason, body)
		pe.Err = readErr
		return nil, pe
	}
	return &base.Response{StatusCode: status, Header: resp.Header(), Body: body, URL: finalURL}, nil
}

// escapedPath is the path of a URL, without query or credentials: what
// logs may show.
func escapedPath(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.EscapedPath()
}

// maxPrealloc bounds the buffer allocated from a Content-Length before
// anything is read: a server announcing 1 GiB and sending two bytes costs
// one MiB at most (a page of 100 projects, about 0.5 MB, still takes one
// allocation).
const maxPrealloc = 1 << 20

// readAnswer reads and closes the body of an answer: nothing for a HEAD,
// whose Content-Length describes the body a GET would have; at most limit
// bytes of a 2xx answer (limit < 0: no bound), more being ErrBodyTooLarge,
// announced or not; at most base.MaxErrorBody bytes of any other answer,
// the rest being dropped unread.
func readAnswer(resp *http.Response, limit int64, buf []byte) ([]byte, error) {
	if resp.Body == nil {
		return nil, nil
	}
	defer resp.Body.Close()
	if resp.Request != nil && resp.Request.Method == http.MethodHead {
		return nil, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, err := readBody(resp.Body, resp.ContentLength, base.MaxErrorBody, nil)
		if errors.Is(err, base.ErrBodyTooLarge) {
			return body, nil // the start of it: enough for a message
		}
		return body, err
	}
	if limit >= 0 && resp.ContentLength > limit {
		return nil, base.ErrBodyTooLarge
	}
	return readBody(resp.Body, resp.ContentLength, limit, buf)
}

// readBody reads a whole body into one buffer sized from Content-Length
// (n, -1 when unknown) up to maxPrealloc, and grown while reading; more
// than limit bytes (limit >= 0) is ErrBodyTooLarge, with the first limit
// bytes. It reads into buf when buf holds size bytes (the caller's
// reused buffer), else into a new one, with room to spare when it replaces
// a reused buffer (the next page is often a little larger).
func readBody(r io.Reader, n, limit int64, buf []byte) ([]byte, error) {
	size := int64(512)
	if n > 0 {
		size = min(n, maxPrealloc)
	}
	if limit >= 0 {
		size = min(size, limit+1)
	}
	switch {
	case int64(cap(buf)) >= size:
		buf = buf[:0]
	case buf != nil && n > 0 && (limit < 0 || n+n/8 <= limit):
		buf = make([]byte, 0, min(n+n/8, maxPrealloc+maxPrealloc/8))
	default:
		buf = make([]byte, 0, size)
	}
	for {
		if len(buf) == cap(buf) {
			if limit >= 0 && int64(len(buf)) > limit {
				return buf[:limit], base.ErrBodyTooLarge
			}
			if int64(len(buf)) == n { // all that was announced: usually the end
				var probe [1]byte
				m, err := r.Read(probe[:])
				switch {
				case m > 0:
					buf = append(buf, probe[0]) // more than announced: grow and go on
				case err == io.EOF:
					return buf, nil
				case err != nil:
					return buf, err
				}
				continue
			}
			grow := max(int64(cap(buf)), 512) // double, but stop at the announced size and at the limit
			if n > int64(cap(buf)) {
				grow = min(grow, n-int64(cap(buf)))
			}
			if limit >= 0 {
				grow = min(grow, limit+1-int64(cap(buf)))
			}
			buf = append(buf[:cap(buf)], make([]byte, grow)...)[:len(buf)]
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// unwrapURLError keeps net/http's *url.Error message but not its copy of
// the URL, which our error already carries without credentials.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", strings.ToLower(ue.Op), ue.Err)
	}
	return err
}

// callOptions merges the client's defaults with a call's options.
func (c *Client) callOptions(opts []base.RequestOption) base.CallOptions {
	o := c.s.call
	if o.Header != nil {
		o.Header = o.Header.Clone()
	}
	for _, opt := range opts {
		if opt != nil {
			opt.ApplyToCall(&o)
		}
	}
	return o
}

// listDefaults fills the client's list defaults the call did not set.
func (c *Client) listDefaults(q url.Values) url.Values {
	if c.s.perPage == 0 && c.s.pagination == "" && c.s.orderBy == "" {
		return q
	}
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	if c.s.perPage > 0 && !out.Has("per_page") {
		out.Set("per_page", strconv.Itoa(c.s.perPage))
	}
	if c.s.pagination != "" && !out.Has("pagination") {
		out.Set("pagination", c.s.pagination)
	}
	if c.s.orderBy != "" && !out.Has("order_by") {
		out.Set("order_by", c.s.orderBy)
	}
	return out
}

// discardLogger silences resty's own logging; ours goes through slog.
type discardLogger struct{}

func (discardLogger) Errorf(string, ...any) {}
func (discardLogger) Warnf(string, ...any)  {}
func (discardLogger) Debugf(string, ...any) {}
