package base

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Download is an answer read as a stream: job artifacts and traces,
// archives, raw files, exports. It is an io.ReadCloser, and WriteTo writes
// it whole to a writer (a file, an HTTP response, io.Discard); either way it
// is never held in memory, and it must be closed. A transfer that stops
// half-way is a *DownloadError saying how many bytes arrived.
//
// python-gitlab's streamed=True with an action callback is WriteTo with a
// writer; iterator=True is reading it in a loop.
type Download struct {
	body     io.ReadCloser
	progress func(done, total int64)
	n        int64
	// Size is the announced length of the body (Content-Length), -1 when
	// the server did not say (chunked answers, traces of running jobs).
	Size int64
	// Header holds the answer's headers (Content-Type, Content-Disposition
	// with the file name).
	Header http.Header
	// URL is the URL that answered, without credentials.
	URL string
}

// DownloadError is a download that failed before its end.
type DownloadError struct {
	URL  string
	Read int64 // bytes that arrived
	Size int64 // bytes announced, -1 when unknown
	Err  error
}

// Error says how much arrived.
func (e *DownloadError) Error() string {
	if e.Size >= 0 {
		return fmt.Sprintf("gitlab: download %s stopped after %d of %d bytes: %v", e.URL, e.Read, e.Size, e.Err)
	}
	return fmt.Sprintf("gitlab: download %s stopped after %d bytes: %v", e.URL, e.Read, e.Err)
}

// Unwrap returns the cause (errors.Is(err, context.Canceled) works).
func (e *DownloadError) Unwrap() error { return e.Err }

// NewDownload wraps a streamed answer. progress, when not nil, is told the
// bytes read so far and the announced size after every read.
func NewDownload(resp *Response, progress func(done, total int64)) *Download {
	size := int64(-1)
	if resp.Size >= 0 {
		size = resp.Size
	}
	return &Download{body: resp.Stream, progress: progress, Size: size, Header: resp.Header, URL: SanitizeURL(resp.URL)}
}

// Read reads the next bytes of the answer.
func (d *Download) Read(p []byte) (int, error) {
	n, err := d.body.Read(p)
	d.n += int64(n)
	if d.progress != nil && n > 0 {
		d.progress(d.n, d.Size)
	}
	switch {
	case err == io.EOF && d.Size >= 0 && d.n < d.Size:
		err = &DownloadError{URL: d.URL, Read: d.n, Size: d.Size, Err: io.ErrUnexpectedEOF}
	case err != nil && err != io.EOF:
		var de *DownloadError
		if !errors.As(err, &de) {
			err = &DownloadError{URL: d.URL, Read: d.n, Size: d.Size, Err: err}
		}
	}
	return n, err
}

// WriteTo writes the rest of the answer to w with one 32 KiB buffer and
// returns how many bytes it wrote. It does not close the download.
func (d *Download) WriteTo(w io.Writer) (int64, error) {
	buf := make([]byte, 32<<10)
	var written int64
	for {
		n, err := d.Read(buf)
		if n > 0 {
			m, werr := w.Write(buf[:n])
			written += int64(m)
			if werr != nil {
				return written, werr
			}
		}
		if err == io.EOF {
			return written, nil
		}
		if err != nil {
			return written, err
		}
	}
}

// Close releases the connection. Closing before the end abandons the rest.
func (d *Download) Close() error { return d.body.Close() }

// Download runs the ResultDownload action name on o (nil for a manager
// action) and returns its answer unread. Code written by gitlab-gen calls it.
func (c *Core) Download(ctx context.Context, o *Object, name string, attrs Attrs, opts []RequestOption) (*Download, error) {
	a, req, params, err := c.actionRequest(o, name, attrs, opts)
	if err != nil {
		return nil, err
	}
	if a.Result != ResultDownload {
		return nil, fmt.Errorf("gitlab: %s %s: the action does not answer with a download", c.spec().Name, name)
	}
	req.Stream = true
	resp, err := c.Send(ctx, req, params)
	if err != nil {
		return nil, err
	}
	return NewDownload(resp, CollectOptions(opts).Progress), nil
}
