package gitlab

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"time"
)

// The attempts of a call, over net/http. Which answers are retried, after
// how long, is the decision of the call's callRetry (retry.go); this loop
// only makes the attempts and the waits between them. (It replaced resty,
// which the client used for nothing else and which cost start-up time,
// memory and a share of every request's CPU: BENCHMARKS.md.)

// send makes the attempts of one call, until one is not to be retried,
// and returns the last answer (its body unread when it is a successful
// streamed answer, read by the retry condition into st.body otherwise) or
// the last error. header is the request's headers, body its JSON body (nil:
// none; a streamed body is installed by installBody).
func (c *Client) send(ctx context.Context, st *callRetry, method, target string, header http.Header, body []byte) (*http.Response, error) {
	for attempt := 1; ; attempt++ {
		st.attempt = attempt
		h := header
		if attempt > 1 {
			h = header.Clone() // the previous attempt's request may have kept it
		}
		raw, sent, err := c.sendOnce(ctx, st, method, target, h, body)
		if !sent || ctx.Err() != nil || !st.condition(ctx, raw, err, attempt) {
			return raw, err
		}
		c.logRetry(ctx, st, raw, err, attempt)
		if st.wait > 0 {
			t := time.NewTimer(st.wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return raw, ctx.Err()
			}
		}
	}
}

// sendOnce makes one attempt; sent is false when it failed before sending
// (waiting for the client-side rate limiter, building the request, a
// streamed body that cannot be sent again): such a failure is never retried.
func (c *Client) sendOnce(ctx context.Context, st *callRetry, method, target string, header http.Header, body []byte) (resp *http.Response, sent bool, err error) {
	if err := c.beforeAttempt(ctx, st); err != nil {
		return nil, false, err
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body) // sent again as it is by a 307 or 308 redirect (GetBody)
	}
	hr, err := http.NewRequestWithContext(ctx, method, target, rd)
	if err != nil {
		return nil, false, err
	}
	hr.Header = header
	if err := installBody(hr); err != nil {
		return nil, false, err
	}
	resp, err = c.hc.Do(hr)
	return resp, true, err
}

// requestHeader is the header of a call: the client's (User-Agent,
// credentials), Sudo, the call's own headers, then the body's type.
func (c *Client) requestHeader(sudo string, extra http.Header, jsonBody bool) http.Header {
	h := make(http.Header, len(c.header)+len(extra)+3)
	for k, v := range c.header {
		h[k] = v
	}
	if sudo != "" {
		h.Set("Sudo", sudo)
	}
	for k, v := range extra {
		h[k] = v
	}
	if jsonBody {
		h.Set("Content-Type", "application/json")
		if _, ok := h["Accept"]; !ok {
			h.Set("Accept", "application/json")
		}
	}
	return h
}
