package gitlab

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"sort"

	"github.com/go-resty/resty/v2"

	"github.com/golab/gitlab/base"
)

// Streamed bodies. resty reads a request body given as an io.Reader into
// memory (to resend it on a retry) and builds multipart bodies in a buffer,
// so uploads do not go through resty's body handling: Do gives resty no
// body, and installBody, resty's pre-request hook, puts a streamed one on
// each attempt's *http.Request. Everything else (headers, credentials,
// retries, redirects, logging) stays resty's and ours.

// WithProgress has fn told the bytes transferred so far and the total (-1
// when unknown) while a download or an upload goes: to show a progress bar,
// or count bytes. It is a per-call option.
func WithProgress(fn func(done, total int64)) RequestOption {
	return base.CallOption(func(o *base.CallOptions) { o.Progress = fn })
}

// uploadBody is the streamed body of one call, rebuilt for each attempt.
type uploadBody struct {
	contentType string
	// parts are read in order: byte slices and readers.
	parts []uploadPart
	size  int64 // -1 when a reader's size is unknown
	// rewind makes the readers read from their start again; nil when one
	// cannot seek (the body is then sent at most once).
	rewind   func() error
	sent     bool
	progress func(done, total int64)
}

type uploadPart struct {
	data []byte
	r    io.Reader
}

// newUploadBody prepares the streamed body of req: its raw Upload, or its
// multipart Form (fields first, sorted, then files, as GitLab reads them),
// nil for a request with neither.
func newUploadBody(req *base.Request, progress func(done, total int64)) (*uploadBody, error) {
	var files []base.FilePart
	b := &uploadBody{progress: progress}
	switch {
	case req.Upload != nil:
		b.contentType = "application/octet-stream"
		b.parts = []uploadPart{{r: req.Upload.Reader}}
		b.size = req.Upload.Size
		files = []base.FilePart{{Reader: req.Upload.Reader}}
	case req.Form != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		keys := make([]string, 0, len(req.Form.Fields))
		for k := range req.Form.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := mw.WriteField(k, req.Form.Fields[k]); err != nil {
				return nil, err
			}
		}
		for _, f := range req.Form.Files {
			if _, err := mw.CreateFormFile(f.Field, f.FileName); err != nil {
				return nil, err
			}
			b.parts = append(b.parts, uploadPart{data: bytes.Clone(buf.Bytes())}, uploadPart{r: f.Reader})
			buf.Reset()
		}
		if err := mw.Close(); err != nil {
			return nil, err
		}
		b.parts = append(b.parts, uploadPart{data: buf.Bytes()})
		b.contentType = mw.FormDataContentType()
		files = req.Form.Files
		b.size = 0
		for _, p := range b.parts {
			n := int64(len(p.data))
			if p.r != nil {
				n = base.ReaderSize(p.r)
			}
			if n < 0 {
				b.size = -1
				break
			}
			b.size += n
		}
	default:
		return nil, nil
	}
	b.rewind = rewinder(files)
	return b, nil
}

// rewinder returns a function that puts every file reader back where it
// is now, or nil when one of them cannot seek.
func rewinder(files []base.FilePart) func() error {
	starts := make([]int64, len(files))
	for i, f := range files {
		s, ok := f.Reader.(io.Seeker)
		if !ok {
			return nil
		}
		pos, err := s.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil
		}
		starts[i] = pos
	}
	return func() error {
		for i, f := range files {
			if _, err := f.Reader.(io.Seeker).Seek(starts[i], io.SeekStart); err != nil {
				return err
			}
		}
		return nil
	}
}

// errNotReplayable stops a retry or a redirect that would resend a body
// whose reader cannot seek.
var errNotReplayable = errors.New("the request body was already sent and its reader cannot seek, so it cannot be sent again")

// open returns a fresh reader of the whole body: the first time as it is,
// later after rewinding the files.
func (b *uploadBody) open() (io.ReadCloser, error) {
	if b.sent {
		if b.rewind == nil {
			return nil, errNotReplayable
		}
		if err := b.rewind(); err != nil {
			return nil, fmt.Errorf("rewinding the request body: %w", err)
		}
	}
	b.sent = true
	readers := make([]io.Reader, len(b.parts))
	for i, p := range b.parts {
		if p.r != nil {
			readers[i] = p.r
		} else {
			readers[i] = bytes.NewReader(p.data)
		}
	}
	var r io.Reader = io.MultiReader(readers...)
	if b.progress != nil {
		r = &countingReader{r: r, total: b.size, fn: b.progress}
	}
	return io.NopCloser(r), nil
}

// countingReader tells fn how many bytes were read.
type countingReader struct {
	r     io.Reader
	n     int64
	total int64
	fn    func(done, total int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.n += int64(n)
		c.fn(c.n, c.total)
	}
	return n, err
}

// installBody is resty's pre-request hook: it gives each attempt of a call
// with a streamed body a fresh reader of it.
func installBody(_ *resty.Client, hr *http.Request) error {
	st := callFrom(hr.Context())
	if st == nil || st.upload == nil {
		return nil
	}
	body, err := st.upload.open()
	if err != nil {
		return err
	}
	hr.Body = body
	hr.ContentLength = st.upload.size
	if st.upload.size == 0 {
		hr.Body = http.NoBody
	}
	if st.upload.rewind != nil {
		hr.GetBody = st.upload.open // a 307 or 308 redirect sends it again
	} else {
		hr.GetBody = nil
	}
	hr.Header.Set("Content-Type", st.upload.contentType)
	return nil
}

// streamBody is the body of a streamed answer: closing it ends the call's
// deadline, which lasts as long as the stream.
type streamBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (s *streamBody) Close() error {
	err := s.ReadCloser.Close()
	s.cancel()
	return err
}

// Download is a streamed answer: see base.Download.
type Download = base.Download

// HTTPDownload sends GET path (escaped as for HTTPGet: see EscapeID) with
// params and returns the answer unread, as a stream to read or write
// (WriteTo) and close: python-gitlab's http_get(streamed=True, raw=True),
// for files that no declared action downloads, such as a project's
// Markdown uploads (GET /projects/:id/uploads/:secret/:filename,
// https://docs.gitlab.com/api/project_markdown_uploads/). A non-2xx answer
// is an *Error; WithProgress observes the transfer.
func (c *Client) HTTPDownload(ctx context.Context, path string, params Params, opts ...RequestOption) (*Download, error) {
	req := &base.Request{Op: "get", Method: http.MethodGet, Path: path, Raw: true, Stream: true, Options: opts}
	if params != nil {
		q, err := base.EncodeQuery(params, base.AttrTypes{})
		if err != nil {
			return nil, err
		}
		req.Query = q
	}
	resp, err := c.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	return base.NewDownload(resp, c.callOptions(opts).Progress), nil
}
