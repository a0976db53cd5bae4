package gitlabtest_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// Generated content is the same for the same size and seed, whichever way
// it is read: in one go, at any offset, after a seek, or written out.
func TestGenerated(t *testing.T) {
	const size = 100_003
	all, err := io.ReadAll(gitlabtest.Generated(size, 42))
	if err != nil || len(all) != size {
		t.Fatalf("%d bytes, %v", len(all), err)
	}
	if again, _ := io.ReadAll(gitlabtest.Generated(size, 42)); !bytes.Equal(all, again) {
		t.Fatal("not deterministic")
	}
	if other, _ := io.ReadAll(gitlabtest.Generated(size, 43)); bytes.Equal(all[:64], other[:64]) {
		t.Fatal("another seed gives the same bytes")
	}
	g := gitlabtest.Generated(size, 42)
	for _, off := range []int64{0, 1, 7, 8, 9, 4095, 99_999} {
		p := make([]byte, 13)
		n, _ := g.ReadAt(p, off)
		if !bytes.Equal(p[:n], all[off:off+int64(n)]) {
			t.Fatalf("ReadAt(%d) differs", off)
		}
	}
	if _, err := g.Seek(-5, io.SeekEnd); err != nil || g.Len() != 5 {
		t.Fatalf("seek: %v, %d left", err, g.Len())
	}
	if tail, _ := io.ReadAll(g); !bytes.Equal(tail, all[size-5:]) {
		t.Fatal("read after seek differs")
	}
	var buf bytes.Buffer
	if n, err := gitlabtest.Generated(size, 42).WriteTo(&buf); n != size || err != nil || !bytes.Equal(buf.Bytes(), all) {
		t.Fatalf("WriteTo: %d, %v", n, err)
	}
	sum := sha256.Sum256(all)
	if got := gitlabtest.GeneratedSHA256(size, 42); got != hex.EncodeToString(sum[:]) {
		t.Fatalf("GeneratedSHA256 %s", got)
	}
}

// AddDownload serves generated content at a path, ahead of the routes,
// with its length; declaring the path again replaces it.
func TestAddDownload(t *testing.T) {
	s, _ := actionServer(t)
	const size = 3<<20 + 5
	s.AddDownload("/projects/root%2Fp/packages/generic/pkg/1.0/big.bin", gitlabtest.Download{Size: size, Seed: 9})
	r := do(t, s, "GET", "/projects/root%2Fp/packages/generic/pkg/1.0/big.bin").expect(t, 200, "")
	want, _ := io.ReadAll(gitlabtest.Generated(size, 9))
	if !bytes.Equal(r.body, want) || r.header.Get("Content-Length") != "3145733" || r.header.Get("Content-Disposition") != "attachment; filename=big.bin" {
		t.Fatalf("%d bytes, headers %v", len(r.body), r.header)
	}
	s.AddDownload("/api/v4/projects/root%2Fp/packages/generic/pkg/1.0/big.bin", gitlabtest.Download{Size: 10, Seed: 1, ContentType: "text/plain"})
	r = do(t, s, "GET", "/projects/root%2Fp/packages/generic/pkg/1.0/big.bin").expect(t, 200, "")
	if want, _ := io.ReadAll(gitlabtest.Generated(10, 1)); !bytes.Equal(r.body, want) || r.header.Get("Content-Type") != "text/plain" {
		t.Fatalf("replaced: %q, %v", r.body, r.header)
	}
	// The declared download action at another path still answers its default.
	do(t, s, "GET", "/projects/1/packages/generic/pkg/1.0/other.bin", tok(admin)).expect(t, 200, "")
}

// A cut download announces its size, sends CutAt bytes and closes the
// connection: the client sees an unexpected EOF after them.
func TestDownloadCut(t *testing.T) {
	s, _ := actionServer(t)
	s.AddDownload("/projects/1/jobs/1/artifacts", gitlabtest.Download{Size: 1 << 20, Seed: 5, CutAt: 300_000})
	resp, err := http.Get(s.APIURL() + "/projects/1/jobs/1/artifacts")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	want, _ := io.ReadAll(gitlabtest.Generated(300_000, 5))
	if resp.ContentLength != 1<<20 || !errors.Is(err, io.ErrUnexpectedEOF) || !bytes.Equal(got, want[:len(got)]) || len(got) != 300_000 {
		t.Fatalf("length %d, %d bytes read, %v", resp.ContentLength, len(got), err)
	}
}

// A raw body (any content type but JSON and forms) is hashed as it
// arrives; only small ones are kept.
func TestUploadRaw(t *testing.T) {
	s, _ := actionServer(t)
	const size = 5 << 20
	req, _ := http.NewRequest("PUT", s.APIURL()+"/projects/1/packages/generic/pkg/1.0/big.bin", gitlabtest.Generated(size, 11))
	req.Header.Set("PRIVATE-TOKEN", admin)
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 201 || string(body) != `{"message":"201 Created"}` {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	ups := s.Uploads()
	if len(ups) != 1 || ups[0].Size != size || ups[0].SHA256 != gitlabtest.GeneratedSHA256(size, 11) || !ups[0].Complete ||
		ups[0].Data != nil || ups[0].Method != "PUT" || ups[0].Path != "/api/v4/projects/1/packages/generic/pkg/1.0/big.bin" {
		t.Fatalf("uploads %+v", ups)
	}
	// Without the body the action's data attribute is missing.
	do(t, s, "PUT", "/projects/1/packages/generic/pkg/1.0/empty.bin", tok(admin), hdr("Content-Type", "application/octet-stream")).
		expect(t, 400, `{"error":"data is missing"}`)
}

// A body that ends before its Content-Length is recorded as incomplete.
func TestUploadIncomplete(t *testing.T) {
	s, _ := actionServer(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(conn, "PUT /api/v4/projects/1/packages/generic/p/1/f.bin HTTP/1.1\r\nHost: x\r\nPRIVATE-TOKEN: "+admin+
		"\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n0123456789")
	_ = conn.(*net.TCPConn).CloseWrite()
	_, _ = io.ReadAll(conn) // the server is done with the request
	conn.Close()
	ups := s.Uploads()
	if len(ups) != 1 || ups[0].Size != 10 || ups[0].Complete || string(ups[0].Data) != "0123456789" {
		t.Fatalf("uploads %+v", ups)
	}
}
