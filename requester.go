package gitlab

import (
	"bytes"
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
func (c *Client) Do(ctx context.Context, req *base.Request) (*base.Response, error) {
	o := c.callOptions(req.Options)
	if o.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, o.Timeout)
		defer cancel()
	}
	target := req.Path
	absolute := strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://")
	if absolute {
		target = c.rewriteLink(target)
	} else {
		target = c.apiURL + target
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
	r := c.rc.R().SetContext(st.attach(ctx)).SetDoNotParseResponse(true).AddRetryCondition(st.condition)
	if o.Sudo != "" {
		r.SetHeader("Sudo", o.Sudo)
	}
	for k, v := range o.Header {
		r.Header[k] = v
	}
	switch {
	case req.Form != nil:
		r.SetMultipartFormData(req.Form.Fields)
		for _, f := range req.Form.Files {
			r.SetFileReader(f.Field, f.FileName, f.Reader)
		}
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
	// The retry condition has read the body, unless the context ended first.
	body, readErr := st.body, st.bodyErr
	if hr != st.raw {
		body, readErr = readBody(hr.Body, bodySize(hr))
		hr.Body.Close()
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
		return nil, base.NewParseError(req.Op, req.Method, finalURL, status, resp.Header().Get("Content-Type"),
			"the body was cut short ("+readErr.Error()+")", body)
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

// bodySize is the size of a response's body: none for HEAD, whose
// Content-Length describes the body a GET would get (RFC 9110, section
// 9.3.2; GitLab sends it, for an empty list page too).
func bodySize(hr *http.Response) int64 {
	if hr.Request != nil && hr.Request.Method == http.MethodHead {
		return 0
	}
	return hr.ContentLength
}

// readBody reads a whole body into one buffer sized from Content-Length.
func readBody(r io.Reader, n int64) ([]byte, error) {
	if n > 0 && n < 1<<30 {
		buf := make([]byte, n)
		m, err := io.ReadFull(r, buf)
		if err != nil {
			return buf[:m], err
		}
		return buf, nil
	}
	var b bytes.Buffer
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
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
