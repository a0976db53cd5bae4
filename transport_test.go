package gitlab_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golab/gitlab"
)

// ---------------------------------------------------------------------------
// Helpers: a fake GitLab that records what it receives, a private PKI, an
// HTTP forward proxy, a log sink.

// connRequest is one request a test server received.
type connRequest struct {
	Method, Host, Path, RawQuery, Body string
	Header                             http.Header
	TLSPeer                            string // CN of the client certificate, if any
}

type connRecorder struct {
	mu   sync.Mutex
	reqs []connRequest
}

func (r *connRecorder) add(req *http.Request) connRequest {
	body, _ := io.ReadAll(req.Body)
	rec := connRequest{Method: req.Method, Host: req.Host, Path: req.URL.Path, RawQuery: req.URL.RawQuery,
		Body: string(body), Header: req.Header.Clone()}
	if req.TLS != nil && len(req.TLS.PeerCertificates) > 0 {
		rec.TLSPeer = req.TLS.PeerCertificates[0].Subject.CommonName
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, rec)
	r.mu.Unlock()
	return rec
}

func (r *connRecorder) all() []connRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]connRequest(nil), r.reqs...)
}

func (r *connRecorder) count() int { return len(r.all()) }

func (r *connRecorder) last(t *testing.T) connRequest {
	t.Helper()
	all := r.all()
	if len(all) == 0 {
		t.Fatal("the server received no request")
	}
	return all[len(all)-1]
}

// connGitLabHandler answers like GitLab for the few endpoints the tests use,
// recording every request.
func connGitLabHandler(rec *connRecorder) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := rec.add(r)
		w.Header().Set("Content-Type", "application/json")
		path := strings.TrimPrefix(got.Path, "/gitlab") // sub-path installs
		switch {
		case path == "/api/v4/version":
			io.WriteString(w, `{"version":"17.0.0","revision":"abc123"}`)
		case path == "/api/v4/user":
			io.WriteString(w, `{"id":1,"username":"root"}`)
		case path == "/api/v4/projects" && r.Method == http.MethodGet:
			io.WriteString(w, `[{"id":1,"name":"one"}]`)
		case path == "/api/v4/projects" && r.Method == http.MethodPost:
			w.WriteHeader(http.StatusCreated)
			fmt.Fprintf(w, `{"id":7,"echo":%q}`, got.Body)
		case path == "/api/v4/projects/7" && (r.Method == http.MethodPut || r.Method == http.MethodDelete):
			io.WriteString(w, `{"id":7}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"message":"404 Not Found"}`)
		}
	})
}

// newConnGitLab starts a plain-HTTP fake GitLab on 127.0.0.1.
func newConnGitLab(t *testing.T) (*httptest.Server, *connRecorder) {
	t.Helper()
	rec := &connRecorder{}
	srv := httptest.NewServer(connGitLabHandler(rec))
	t.Cleanup(srv.Close)
	return srv, rec
}

// redirector answers every request with a redirect to target + the request URI.
func redirector(t *testing.T, status int, target func() string) (*httptest.Server, *connRecorder) {
	t.Helper()
	rec := &connRecorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		http.Redirect(w, r, target()+r.URL.RequestURI(), status)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

// localhostURL turns http://127.0.0.1:port into http://localhost:port: the
// same server under another host name.
func localhostURL(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = net.JoinHostPort("localhost", u.Port())
	return u.String()
}

func connCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func connClient(t *testing.T, baseURL string, opts ...gitlab.Option) *gitlab.Client {
	t.Helper()
	gl, err := gitlab.New(baseURL, opts...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { gl.Close() })
	return gl
}

// assertNoSecret fails when text contains one of the secrets.
func assertNoSecret(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("%s contains the secret %q:\n%s", what, s, text)
		}
	}
}

// noEnvCA clears the CA bundle variables python users set (and this
// machine may have), so that only the test's options decide.
func noEnvCA(t *testing.T) {
	t.Setenv("REQUESTS_CA_BUNDLE", "")
	t.Setenv("CURL_CA_BUNDLE", "")
}

// connLogBuf is a goroutine-safe log sink.
type connLogBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *connLogBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *connLogBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func connDebugLogger() (*slog.Logger, *connLogBuf) {
	buf := &connLogBuf{}
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// quietLogger drops every line (for warnings a test expects).
func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// testPKI is a private certificate authority with a server certificate, and
// a second authority for client certificates; PEM files in a temp dir.
type testPKI struct {
	caFile, caDir            string
	serverCert               tls.Certificate
	clientCAs                *x509.CertPool
	clientCert, clientKey    string // signed by the client CA
	strangerCert, strangeKey string // signed by an unknown CA
	emptyPEM                 string // a file with no certificate
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var certSerial int64 = 1000

func issueCert(t *testing.T, tmpl *x509.Certificate, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, key *ecdsa.PrivateKey) *x509.Certificate {
	t.Helper()
	certSerial++
	tmpl.SerialNumber = big.NewInt(certSerial)
	tmpl.NotBefore = time.Now().Add(-time.Hour)
	tmpl.NotAfter = time.Now().Add(24 * time.Hour)
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func newCA(t *testing.T, name string) (*x509.Certificate, *ecdsa.PrivateKey) {
	key := newKey(t)
	return issueCert(t, &x509.Certificate{
		Subject: pkix.Name{CommonName: name}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}, nil, nil, key), key
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func writeKey(t *testing.T, path string, key *ecdsa.PrivateKey) {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, path, "PRIVATE KEY", der)
}

func newPKI(t *testing.T) *testPKI {
	t.Helper()
	dir := t.TempDir()
	p := &testPKI{caDir: filepath.Join(dir, "cadir"), caFile: filepath.Join(dir, "ca.pem")}
	if err := os.Mkdir(p.caDir, 0o700); err != nil {
		t.Fatal(err)
	}
	ca, caKey := newCA(t, "golab test CA")
	writePEM(t, p.caFile, "CERTIFICATE", ca.Raw)
	writePEM(t, filepath.Join(p.caDir, "ca.pem"), "CERTIFICATE", ca.Raw)

	srvKey := newKey(t)
	srv := issueCert(t, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "gitlab.example.invalid"},
		DNSNames:    []string{"localhost", "gitlab.example.invalid"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1"), net.IPv6loopback},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}, ca, caKey, srvKey)
	p.serverCert = tls.Certificate{Certificate: [][]byte{srv.Raw}, PrivateKey: srvKey}

	clientCA, clientCAKey := newCA(t, "golab client CA")
	p.clientCAs = x509.NewCertPool()
	p.clientCAs.AddCert(clientCA)
	cliKey := newKey(t)
	cli := issueCert(t, &x509.Certificate{
		Subject:  pkix.Name{CommonName: "ci-runner-42"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}, clientCA, clientCAKey, cliKey)
	p.clientCert, p.clientKey = filepath.Join(dir, "client.pem"), filepath.Join(dir, "client-key.pem")
	writePEM(t, p.clientCert, "CERTIFICATE", cli.Raw)
	writeKey(t, p.clientKey, cliKey)

	otherCA, otherKey := newCA(t, "stranger CA")
	strKey := newKey(t)
	str := issueCert(t, &x509.Certificate{
		Subject:  pkix.Name{CommonName: "stranger"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}, otherCA, otherKey, strKey)
	p.strangerCert, p.strangeKey = filepath.Join(dir, "stranger.pem"), filepath.Join(dir, "stranger-key.pem")
	writePEM(t, p.strangerCert, "CERTIFICATE", str.Raw)
	writeKey(t, p.strangeKey, strKey)

	p.emptyPEM = filepath.Join(dir, "empty.pem")
	if err := os.WriteFile(p.emptyPEM, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// newTLSGitLab starts a fake GitLab over TLS with the PKI's server
// certificate, requiring a client certificate when asked.
func newTLSGitLab(t *testing.T, p *testPKI, requireClientCert bool) (*httptest.Server, *connRecorder) {
	t.Helper()
	rec := &connRecorder{}
	srv := httptest.NewUnstartedServer(connGitLabHandler(rec))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{p.serverCert}}
	if requireClientCert {
		srv.TLS.ClientAuth = tls.RequireAndVerifyClientCert
		srv.TLS.ClientCAs = p.clientCAs
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv, rec
}

// proxyRecorder records what an HTTP forward proxy saw.
type proxyRecorder struct {
	mu    sync.Mutex
	lines []string // "GET http://host/path" or "CONNECT host:port"
	auth  []string // Proxy-Authorization values
	hdrs  []http.Header
}

func (p *proxyRecorder) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.lines...)
}

// newProxy starts an HTTP forward proxy (absolute-form requests and CONNECT
// tunnels) on loopback. resolve maps host:port names to real addresses, so
// that made-up host names reach the local test servers.
func newProxy(t *testing.T, resolve map[string]string) (*httptest.Server, *proxyRecorder) {
	t.Helper()
	rec := &proxyRecorder{}
	upstream := &http.Transport{} // no proxy of its own
	t.Cleanup(upstream.CloseIdleConnections)
	addr := func(hostport string) string {
		if a, ok := resolve[hostport]; ok {
			return a
		}
		return hostport
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		if r.Method == http.MethodConnect {
			rec.lines = append(rec.lines, "CONNECT "+r.Host)
		} else {
			rec.lines = append(rec.lines, r.Method+" "+r.URL.String())
		}
		rec.auth = append(rec.auth, r.Header.Get("Proxy-Authorization"))
		rec.hdrs = append(rec.hdrs, r.Header.Clone())
		rec.mu.Unlock()
		if r.Method == http.MethodConnect {
			dst, err := net.Dial("tcp", addr(r.Host))
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				dst.Close()
				return
			}
			io.WriteString(conn, "HTTP/1.1 200 Connection Established\r\n\r\n")
			go func() { io.Copy(dst, buf); dst.Close() }()
			io.Copy(conn, dst)
			conn.Close()
			return
		}
		if !r.URL.IsAbs() {
			http.Error(w, "not a proxy request", http.StatusBadRequest)
			return
		}
		out := r.Clone(r.Context())
		out.RequestURI = ""
		out.URL.Host = addr(r.URL.Host)
		out.Header.Del("Proxy-Authorization")
		resp, err := upstream.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	t.Cleanup(srv.Close)
	return srv, rec
}

// ---------------------------------------------------------------------------
// TLS: private CA, REQUESTS_CA_BUNDLE, verification off, client certificates.

func TestTLSPrivateCA(t *testing.T) {
	p := newPKI(t)
	srv, rec := newTLSGitLab(t, p, false)
	ctx := connCtx(t)

	t.Run("rejected without the CA", func(t *testing.T) {
		noEnvCA(t)
		before := rec.count()
		gl := connClient(t, srv.URL, gitlab.WithPrivateToken("tls-secret-token"))
		_, _, err := gl.Version(ctx)
		var verr *tls.CertificateVerificationError
		if !errors.As(err, &verr) {
			t.Fatalf("err = %v, want a certificate verification error", err)
		}
		var gerr *gitlab.Error
		if !errors.As(err, &gerr) || gerr.StatusCode != 0 {
			t.Fatalf("err = %#v, want a *gitlab.Error without status", err)
		}
		if rec.count() != before {
			t.Fatal("the server received a request over an unverified connection")
		}
		assertNoSecret(t, "error", err.Error(), "tls-secret-token")
	})
	t.Run("WithCACert file", func(t *testing.T) {
		noEnvCA(t)
		gl := connClient(t, srv.URL, gitlab.WithCACert(p.caFile))
		if v, _, err := gl.Version(ctx); err != nil || v != "17.0.0" {
			t.Fatalf("Version = %q, %v", v, err)
		}
	})
	t.Run("WithCACert directory", func(t *testing.T) {
		noEnvCA(t)
		gl := connClient(t, srv.URL, gitlab.WithCACert(p.caDir))
		if _, _, err := gl.Version(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("REQUESTS_CA_BUNDLE", func(t *testing.T) {
		noEnvCA(t)
		t.Setenv("REQUESTS_CA_BUNDLE", p.caFile)
		gl := connClient(t, srv.URL)
		if _, _, err := gl.Version(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("CURL_CA_BUNDLE", func(t *testing.T) {
		noEnvCA(t)
		t.Setenv("CURL_CA_BUNDLE", p.caFile)
		gl := connClient(t, srv.URL)
		if _, _, err := gl.Version(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("WithCACert replaces REQUESTS_CA_BUNDLE", func(t *testing.T) {
		// As requests does: an explicit bundle wins over the environment's.
		t.Setenv("REQUESTS_CA_BUNDLE", p.caFile)
		other := newPKI(t)
		gl := connClient(t, srv.URL, gitlab.WithCACert(other.caFile))
		if _, _, err := gl.Version(ctx); err == nil {
			t.Fatal("a certificate of another CA was accepted")
		}
	})
	t.Run("WithInsecureSkipVerify", func(t *testing.T) {
		noEnvCA(t)
		gl := connClient(t, srv.URL, gitlab.WithInsecureSkipVerify())
		if _, _, err := gl.Version(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a missing CA file is an error at New", func(t *testing.T) {
		noEnvCA(t)
		path := filepath.Join(t.TempDir(), "missing.pem")
		if _, err := gitlab.New(srv.URL, gitlab.WithCACert(path)); err == nil || !strings.Contains(err.Error(), "WithCACert") {
			t.Errorf("WithCACert(%s): err = %v", path, err)
		}
	})
	t.Run("a CA file without certificates fails every request, sending nothing", func(t *testing.T) {
		noEnvCA(t)
		// Read at the first request, not by New (a system bundle costs
		// milliseconds and hundreds of kilobytes to parse).
		gl := connClient(t, srv.URL, gitlab.WithCACert(p.emptyPEM))
		before := rec.count()
		for range 2 {
			_, _, err := gl.Version(ctx)
			if err == nil || !strings.Contains(err.Error(), "WithCACert") || !strings.Contains(err.Error(), "no PEM certificate") {
				t.Fatalf("err = %v, want the CA file's error naming WithCACert", err)
			}
		}
		if rec.count() != before {
			t.Fatal("the server received a request")
		}
	})
	t.Run("a CA file is not read for http:// at all", func(t *testing.T) {
		noEnvCA(t)
		// The same unusable file: a plain-HTTP GitLab needs no roots, so
		// its requests go through, and an https:// one still fails.
		plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"version":"17.0.0","revision":"abc"}`))
		}))
		t.Cleanup(plain.Close)
		gl := connClient(t, plain.URL, gitlab.WithCACert(p.emptyPEM))
		if v, _, err := gl.Version(ctx); err != nil || v != "17.0.0" {
			t.Fatalf("http:// with an unusable CA file: %q, %v", v, err)
		}
		secure := connClient(t, srv.URL, gitlab.WithCACert(p.emptyPEM))
		if _, _, err := secure.Version(ctx); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
			t.Fatalf("https:// with an unusable CA file: err = %v", err)
		}
	})
	t.Run("a bad REQUESTS_CA_BUNDLE is an error at New", func(t *testing.T) {
		noEnvCA(t)
		t.Setenv("REQUESTS_CA_BUNDLE", filepath.Join(t.TempDir(), "nope.pem"))
		_, err := gitlab.New(srv.URL)
		if err == nil || !strings.Contains(err.Error(), "REQUESTS_CA_BUNDLE") {
			t.Fatalf("err = %v, want an error naming REQUESTS_CA_BUNDLE", err)
		}
	})
	t.Run("WithCACert and WithInsecureSkipVerify contradict", func(t *testing.T) {
		noEnvCA(t)
		_, err := gitlab.New(srv.URL, gitlab.WithCACert(p.caFile), gitlab.WithInsecureSkipVerify())
		if err == nil || !strings.Contains(err.Error(), "WithInsecureSkipVerify") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestTLSClientCertificate(t *testing.T) {
	noEnvCA(t)
	p := newPKI(t)
	srv, rec := newTLSGitLab(t, p, true)
	ctx := connCtx(t)

	gl := connClient(t, srv.URL, gitlab.WithCACert(p.caFile))
	if _, _, err := gl.Version(ctx); err == nil {
		t.Fatal("a server requiring a client certificate accepted a client without one")
	}
	gl = connClient(t, srv.URL, gitlab.WithCACert(p.caFile), gitlab.WithClientCert(p.strangerCert, p.strangeKey))
	if _, _, err := gl.Version(ctx); err == nil {
		t.Fatal("a client certificate of an unknown CA was accepted")
	}
	if rec.count() != 0 {
		t.Fatalf("the server handled %d requests without a valid client certificate", rec.count())
	}

	gl = connClient(t, srv.URL, gitlab.WithCACert(p.caFile), gitlab.WithClientCert(p.clientCert, p.clientKey))
	if _, _, err := gl.Version(ctx); err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t).TLSPeer; got != "ci-runner-42" {
		t.Fatalf("the server saw client certificate %q", got)
	}

	// Unreadable or mismatched files are errors at New naming the files.
	_, err := gitlab.New(srv.URL, gitlab.WithClientCert(p.clientCert, p.strangeKey))
	if err == nil || !strings.Contains(err.Error(), p.clientCert) {
		t.Fatalf("mismatched key: err = %v", err)
	}
	_, err = gitlab.New(srv.URL, gitlab.WithClientCert(filepath.Join(t.TempDir(), "none.pem"), p.clientKey))
	if err == nil || !strings.Contains(err.Error(), "none.pem") {
		t.Fatalf("missing file: err = %v", err)
	}
}

// ---------------------------------------------------------------------------
// WithHTTPClient: used as is; transport options next to it are refused.

func TestTransportOptionsWithHTTPClient(t *testing.T) {
	noEnvCA(t)
	p := newPKI(t)
	srv, _ := newConnGitLab(t)
	transportOpts := map[string]gitlab.Option{
		"WithCACert":             gitlab.WithCACert(p.caFile),
		"WithClientCert":         gitlab.WithClientCert(p.clientCert, p.clientKey),
		"WithInsecureSkipVerify": gitlab.WithInsecureSkipVerify(),
		"WithProxy":              gitlab.WithProxy("http://127.0.0.1:3128"),
	}
	for name, opt := range transportOpts {
		t.Run(name+" after WithHTTPClient", func(t *testing.T) {
			_, err := gitlab.New(srv.URL, gitlab.WithHTTPClient(&http.Client{}), opt)
			if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "WithHTTPClient") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run(name+" before WithHTTPClient", func(t *testing.T) {
			_, err := gitlab.New(srv.URL, opt, gitlab.WithHTTPClient(&http.Client{}))
			if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "WithHTTPClient") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestTransportCustomHTTPClientIsNotModified(t *testing.T) {
	other, otherRec := newConnGitLab(t)
	redir, _ := redirector(t, http.StatusFound, func() string { return localhostURL(t, other.URL) })
	hc := &http.Client{Timeout: 7 * time.Second}
	gl := connClient(t, redir.URL, gitlab.WithHTTPClient(hc), gitlab.WithPrivateToken("custom-client-token"),
		gitlab.WithLogger(quietLogger()))
	if _, err := gl.HTTPGet(connCtx(t), "/user", nil); err != nil {
		t.Fatal(err)
	}
	if hc.Transport != nil || hc.CheckRedirect != nil || hc.Jar != nil || hc.Timeout != 7*time.Second {
		t.Fatalf("the caller's *http.Client was modified: %+v", hc)
	}
	// The redirect policy still applies to requests through a custom client.
	if got := otherRec.last(t).Header.Get("PRIVATE-TOKEN"); got != "" {
		t.Fatalf("the token was sent to another host through a custom client: %q", got)
	}
}

// ---------------------------------------------------------------------------
// Basic auth and user agent.

func TestBasicAuth(t *testing.T) {
	srv, rec := newConnGitLab(t)
	gl := connClient(t, srv.URL, gitlab.WithBasicAuth("proxy-user", "proxy-pass-secret"))
	if _, _, err := gl.Version(connCtx(t)); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "/", nil)
	req.Header = rec.last(t).Header
	user, pass, ok := req.BasicAuth()
	if !ok || user != "proxy-user" || pass != "proxy-pass-secret" {
		t.Fatalf("basic auth = %q %q %v", user, pass, ok)
	}
	if h := rec.last(t).Header.Get("PRIVATE-TOKEN"); h != "" {
		t.Fatalf("PRIVATE-TOKEN sent: %q", h)
	}

	// python-gitlab forbids basic auth with a token, and half a pair.
	for name, opts := range map[string][]gitlab.Option{
		"token first":      {gitlab.WithPrivateToken("t"), gitlab.WithBasicAuth("u", "p")},
		"basic auth first": {gitlab.WithBasicAuth("u", "p"), gitlab.WithOAuthToken("t")},
		"job token":        {gitlab.WithBasicAuth("u", "p"), gitlab.WithJobToken("t")},
		"no password":      {gitlab.WithBasicAuth("u", "")},
		"no user":          {gitlab.WithBasicAuth("", "p")},
	} {
		_, err := gitlab.New(srv.URL, opts...)
		if err == nil || !strings.Contains(err.Error(), "WithBasicAuth") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestTransportUserAgent(t *testing.T) {
	srv, rec := newConnGitLab(t)
	ctx := connCtx(t)
	if _, _, err := connClient(t, srv.URL).Version(ctx); err != nil {
		t.Fatal(err)
	}
	if ua := rec.last(t).Header.Get("User-Agent"); ua != "golab-gitlab/"+gitlab.LibraryVersion {
		t.Fatalf("default User-Agent = %q", ua)
	}
	if _, _, err := connClient(t, srv.URL, gitlab.WithUserAgent("my-tool/2.0")).Version(ctx); err != nil {
		t.Fatal(err)
	}
	if ua := rec.last(t).Header.Get("User-Agent"); ua != "my-tool/2.0" {
		t.Fatalf("User-Agent = %q", ua)
	}
}

// ---------------------------------------------------------------------------
// Proxies.

func TestProxyOption(t *testing.T) {
	backend, rec := newConnGitLab(t)
	proxy, prec := newProxy(t, nil)
	gl := connClient(t, backend.URL,
		gitlab.WithProxy(strings.Replace(proxy.URL, "http://", "http://proxy-user:proxy-secret@", 1)),
		gitlab.WithPrivateToken("proxied-token"))
	if _, err := gl.Projects.List(connCtx(t), nil); err != nil {
		t.Fatal(err)
	}
	seen := prec.seen()
	want := "GET " + backend.URL + "/api/v4/projects"
	if len(seen) != 1 || !strings.HasPrefix(seen[0], want) {
		t.Fatalf("the proxy saw %q, want %q (an explicit proxy applies to loopback too)", seen, want)
	}
	req, _ := http.NewRequest("GET", "/", nil)
	req.Header.Set("Authorization", prec.auth[0])
	if u, p, ok := req.BasicAuth(); !ok || u != "proxy-user" || p != "proxy-secret" {
		t.Fatalf("Proxy-Authorization = %q", prec.auth[0])
	}
	if got := rec.last(t).Header.Get("PRIVATE-TOKEN"); got != "proxied-token" {
		t.Fatalf("GitLab behind the proxy got PRIVATE-TOKEN %q", got)
	}

	// Bad proxy URLs are errors that do not show the proxy's password.
	for _, bad := range []string{"ftp://user:pw-secret@proxy:21", "http://user:pw-secret@", "://nope"} {
		_, err := gitlab.New(backend.URL, gitlab.WithProxy(bad))
		if err == nil {
			t.Errorf("WithProxy(%q) accepted", bad)
			continue
		}
		assertNoSecret(t, "WithProxy error", err.Error(), "pw-secret")
	}
}

func TestProxyHTTPSConnectTunnel(t *testing.T) {
	noEnvCA(t)
	p := newPKI(t)
	backend, rec := newTLSGitLab(t, p, false)
	port := backend.Listener.Addr().(*net.TCPAddr).Port
	name := net.JoinHostPort("gitlab.example.invalid", strconv.Itoa(port))
	proxy, prec := newProxy(t, map[string]string{name: backend.Listener.Addr().String()})

	gl := connClient(t, "https://"+name, gitlab.WithProxy(proxy.URL), gitlab.WithCACert(p.caFile),
		gitlab.WithPrivateToken("tunnel-secret"))
	if v, _, err := gl.Version(connCtx(t)); err != nil || v != "17.0.0" {
		t.Fatalf("Version = %q, %v", v, err)
	}
	if seen := prec.seen(); len(seen) != 1 || seen[0] != "CONNECT "+name {
		t.Fatalf("the proxy saw %q, want one CONNECT %s", seen, name)
	}
	for _, h := range prec.hdrs {
		assertNoSecret(t, "headers the proxy saw", fmt.Sprint(h), "tunnel-secret")
	}
	if got := rec.last(t); got.Host != name || got.Header.Get("PRIVATE-TOKEN") != "tunnel-secret" {
		t.Fatalf("GitLab got Host %q and token %q", got.Host, got.Header.Get("PRIVATE-TOKEN"))
	}
}

// TestProxyFromEnvironment checks HTTP_PROXY, HTTPS_PROXY and NO_PROXY. Go
// reads them once per process, so each case runs in a child process (this
// test binary again); a made-up host name is used because Go never proxies
// loopback destinations found through the environment.
func TestProxyFromEnvironment(t *testing.T) {
	if os.Getenv("GOLAB_PROXY_ENV_CHILD") == "1" {
		proxyEnvChild(t)
		return
	}
	if testing.Short() {
		t.Skip("runs child processes")
	}
	p := newPKI(t)
	backend, rec := newConnGitLab(t)
	tlsBackend, tlsRec := newTLSGitLab(t, p, false)
	port := strconv.Itoa(backend.Listener.Addr().(*net.TCPAddr).Port)
	tlsPort := strconv.Itoa(tlsBackend.Listener.Addr().(*net.TCPAddr).Port)
	name := net.JoinHostPort("gitlab.example.invalid", port)
	tlsName := net.JoinHostPort("gitlab.example.invalid", tlsPort)
	proxy, prec := newProxy(t, map[string]string{
		name: backend.Listener.Addr().String(), tlsName: tlsBackend.Listener.Addr().String(),
	})

	cases := []struct {
		name      string
		target    string
		env       []string
		wantOK    bool
		wantProxy []string
		backend   *connRecorder
	}{
		{"HTTP_PROXY", "http://" + name, []string{"HTTP_PROXY=" + proxy.URL}, true,
			[]string{"GET http://" + name + "/api/v4/version"}, rec},
		{"http_proxy lower case", "http://" + name, []string{"http_proxy=" + proxy.URL}, true,
			[]string{"GET http://" + name + "/api/v4/version"}, rec},
		{"HTTPS_PROXY tunnels", "https://" + tlsName, []string{"HTTPS_PROXY=" + proxy.URL, "REQUESTS_CA_BUNDLE=" + p.caFile}, true,
			[]string{"CONNECT " + tlsName}, tlsRec},
		{"NO_PROXY bypasses", "http://" + name, []string{"HTTP_PROXY=" + proxy.URL, "NO_PROXY=gitlab.example.invalid"}, false,
			nil, nil},
		{"loopback is never proxied from the environment", backend.URL, []string{"HTTP_PROXY=" + proxy.URL}, true,
			nil, rec},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, beforeProxy := 0, len(prec.seen())
			if tc.backend != nil {
				before = tc.backend.count()
			}
			env := []string{"GOLAB_PROXY_ENV_CHILD=1", "GOLAB_PROXY_TARGET=" + tc.target}
			for _, kv := range os.Environ() {
				k, _, _ := strings.Cut(kv, "=")
				switch strings.ToUpper(k) {
				case "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "REQUEST_METHOD", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE":
					continue
				}
				env = append(env, kv)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestProxyFromEnvironment$", "-test.v", "-test.count=1")
			cmd.Env = append(env, tc.env...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			result := ""
			for _, line := range strings.Split(string(out), "\n") {
				if r, ok := strings.CutPrefix(strings.TrimSpace(line), "CHILD-RESULT: "); ok {
					result = r
				}
			}
			if ok := result == "ok"; ok != tc.wantOK {
				t.Fatalf("child result %q, want ok=%v\n%s", result, tc.wantOK, out)
			}
			assertNoSecret(t, "child output", string(out), "env-proxy-secret")
			if got := prec.seen()[beforeProxy:]; fmt.Sprint(got) != fmt.Sprint(tc.wantProxy) && !(len(got) == 0 && len(tc.wantProxy) == 0) {
				t.Fatalf("the proxy saw %q, want %q", got, tc.wantProxy)
			}
			if tc.backend != nil && tc.backend.count() != before+1 {
				t.Fatalf("GitLab got %d requests, want 1", tc.backend.count()-before)
			}
		})
	}
}

// proxyEnvChild is the child process of TestProxyFromEnvironment.
func proxyEnvChild(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	gl, err := gitlab.New(os.Getenv("GOLAB_PROXY_TARGET"), gitlab.WithPrivateToken("env-proxy-secret"))
	if err != nil {
		fmt.Println("CHILD-RESULT: new:", err)
		return
	}
	if _, _, err := gl.Version(ctx); err != nil {
		fmt.Println("CHILD-RESULT: error:", err)
		return
	}
	fmt.Println("CHILD-RESULT: ok")
}

// ---------------------------------------------------------------------------
// Redirects: credentials never leave the server; a method change is an error.

func TestRedirectDropsCredentialsOnOtherHost(t *testing.T) {
	credentials := []struct {
		name   string
		opt    gitlab.Option
		header string
	}{
		{"private token", gitlab.WithPrivateToken("redir-private-secret"), "PRIVATE-TOKEN"},
		{"oauth token", gitlab.WithOAuthToken("redir-oauth-secret"), "Authorization"},
		{"job token", gitlab.WithJobToken("redir-job-secret"), "JOB-TOKEN"},
		{"basic auth", gitlab.WithBasicAuth("u", "redir-basic-secret"), "Authorization"},
	}
	for _, cred := range credentials {
		t.Run(cred.name, func(t *testing.T) {
			other, otherRec := newConnGitLab(t)
			target := localhostURL(t, other.URL) // another host name: localhost vs 127.0.0.1
			first, firstRec := redirector(t, http.StatusFound, func() string { return target })
			logger, logs := connDebugLogger()
			gl := connClient(t, first.URL, cred.opt, gitlab.WithSudo("alice"),
				gitlab.WithHeader("Cookie", "_gitlab_session=redir-cookie-secret"), gitlab.WithLogger(logger))
			if _, err := gl.HTTPGet(connCtx(t), "/user", nil); err != nil {
				t.Fatal(err)
			}
			sent := firstRec.last(t).Header
			if sent.Get(cred.header) == "" || sent.Get("Sudo") != "alice" || sent.Get("Cookie") == "" {
				t.Fatalf("the first server did not get the credentials: %v", sent)
			}
			got := otherRec.last(t)
			for _, h := range []string{"PRIVATE-TOKEN", "JOB-TOKEN", "Authorization", "Sudo", "Cookie"} {
				if v := got.Header.Get(h); v != "" {
					t.Errorf("%s was sent to the other host: %q", h, v)
				}
			}
			if !strings.Contains(logs.String(), "another server") {
				t.Errorf("no warning about the dropped credentials in the log:\n%s", logs)
			}
			assertNoSecret(t, "log", logs.String(), "redir-private-secret", "redir-oauth-secret", "redir-job-secret",
				"redir-basic-secret", "redir-cookie-secret")
		})
	}

	t.Run("same host, other port", func(t *testing.T) {
		other, otherRec := newConnGitLab(t) // 127.0.0.1 too: Go alone would keep Authorization here
		first, _ := redirector(t, http.StatusMovedPermanently, func() string { return other.URL })
		gl := connClient(t, first.URL, gitlab.WithOAuthToken("port-secret"), gitlab.WithLogger(quietLogger()))
		if _, err := gl.HTTPGet(connCtx(t), "/user", nil); err != nil {
			t.Fatal(err)
		}
		if v := otherRec.last(t).Header.Get("Authorization"); v != "" {
			t.Fatalf("Authorization sent to another port: %q", v)
		}
	})

	t.Run("same origin keeps the token", func(t *testing.T) {
		rec := &connRecorder{}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/v4/old" {
				rec.add(r)
				http.Redirect(w, r, "/api/v4/user", http.StatusFound)
				return
			}
			connGitLabHandler(rec).ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		gl := connClient(t, srv.URL, gitlab.WithPrivateToken("same-origin-token"))
		if _, err := gl.HTTPGet(connCtx(t), "/old", nil); err != nil {
			t.Fatal(err)
		}
		if v := rec.last(t).Header.Get("PRIVATE-TOKEN"); v != "same-origin-token" {
			t.Fatalf("same-origin redirect lost the token: %q", v)
		}
	})

	t.Run("back to the first host after leaving it", func(t *testing.T) {
		// 127.0.0.1:A -> localhost:B -> 127.0.0.1:A: once the chain has left
		// the server, the token is not sent any more.
		rec := &connRecorder{}
		var bURL string
		a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec.add(r)
			if r.URL.Query().Get("back") == "" {
				http.Redirect(w, r, bURL+r.URL.Path, http.StatusFound)
				return
			}
			io.WriteString(w, `{}`)
		}))
		t.Cleanup(a.Close)
		b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, a.URL+r.URL.Path+"?back=1", http.StatusFound)
		}))
		t.Cleanup(b.Close)
		bURL = localhostURL(t, b.URL)
		gl := connClient(t, a.URL, gitlab.WithPrivateToken("roundtrip-secret"), gitlab.WithLogger(quietLogger()))
		if _, err := gl.HTTPGet(connCtx(t), "/user", nil); err != nil {
			t.Fatal(err)
		}
		all := rec.all()
		if len(all) != 2 || all[0].Header.Get("PRIVATE-TOKEN") == "" || all[1].Header.Get("PRIVATE-TOKEN") != "" {
			t.Fatalf("requests at the first host: %d; tokens %q then %q", len(all),
				all[0].Header.Get("PRIVATE-TOKEN"), all[len(all)-1].Header.Get("PRIVATE-TOKEN"))
		}
	})
}

func TestRedirectMethodChangeIsAnError(t *testing.T) {
	ctx := connCtx(t)
	type call func(gl *gitlab.Client) error
	calls := map[string]call{
		"POST": func(gl *gitlab.Client) error {
			_, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "x"})
			return err
		},
		"PUT": func(gl *gitlab.Client) error {
			_, err := gl.HTTPPut(ctx, "/projects/7", gitlab.Attrs{"name": "y"})
			return err
		},
		"DELETE": func(gl *gitlab.Client) error { _, err := gl.HTTPDelete(ctx, "/projects/7"); return err },
	}
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther} {
		for method, do := range calls {
			t.Run(fmt.Sprintf("%s %d", method, status), func(t *testing.T) {
				target, targetRec := newConnGitLab(t)
				first, firstRec := redirector(t, status, func() string { return target.URL })
				gl := connClient(t, first.URL, gitlab.WithPrivateToken("post-redirect-secret"))
				err := do(gl)
				if !errors.Is(err, gitlab.ErrRedirect) {
					t.Fatalf("err = %v, want ErrRedirect", err)
				}
				var rerr *gitlab.RedirectError
				if !errors.As(err, &rerr) || rerr.Method != method || rerr.StatusCode != status ||
					!strings.HasPrefix(rerr.From, first.URL+"/api/v4/projects") || !strings.HasPrefix(rerr.To, target.URL) {
					t.Fatalf("RedirectError = %+v", rerr)
				}
				var gerr *gitlab.Error
				if !errors.As(err, &gerr) || gerr.StatusCode != 0 || gerr.Method != method {
					t.Fatalf("err is not a *gitlab.Error of the request: %#v", err)
				}
				for _, want := range []string{strconv.Itoa(status), "https://", target.URL} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not mention %q", err, want)
					}
				}
				assertNoSecret(t, "error", err.Error(), "post-redirect-secret")
				if n := targetRec.count(); n != 0 {
					t.Fatalf("the redirect was followed (%d requests at the target)", n)
				}
				if n := firstRec.count(); n != 1 {
					t.Fatalf("the first server got %d requests, want 1", n)
				}
			})
		}
	}

	t.Run("GET 302 is followed", func(t *testing.T) {
		target, _ := newConnGitLab(t)
		first, _ := redirector(t, http.StatusFound, func() string { return target.URL })
		gl := connClient(t, first.URL)
		if _, err := gl.Projects.List(ctx, nil); err != nil {
			t.Fatal(err)
		}
	})
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(fmt.Sprintf("POST %d keeps method and body", status), func(t *testing.T) {
			rec := &connRecorder{}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/old") {
					http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/old"), status)
					return
				}
				connGitLabHandler(rec).ServeHTTP(w, r)
			}))
			t.Cleanup(srv.Close)
			gl := connClient(t, srv.URL+"/old", gitlab.WithPrivateToken("307-token"))
			if _, err := gl.Projects.Create(ctx, gitlab.Attrs{"name": "x"}); err != nil {
				t.Fatal(err)
			}
			got := rec.last(t)
			if got.Method != http.MethodPost || !strings.Contains(got.Body, `"name":"x"`) || got.Header.Get("PRIVATE-TOKEN") != "307-token" {
				t.Fatalf("after the redirect: %s body %q token %q", got.Method, got.Body, got.Header.Get("PRIVATE-TOKEN"))
			}
		})
	}
}

// ---------------------------------------------------------------------------
// keep_base_url.

// pagedServer serves three pages of /api/v4/projects (under prefix, or at
// the root), whose Link next URLs are built by next(page).
func pagedServer(t *testing.T, prefix string, next func(srvURL string, page int) string) (*httptest.Server, *connRecorder) {
	t.Helper()
	rec := &connRecorder{}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.add(r)
		if r.URL.Path != prefix+"/api/v4/projects" && r.URL.Path != "/api/v4/projects" {
			http.NotFound(w, r)
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page == 0 {
			page = 1
		}
		if page < 3 {
			w.Header().Set("Link", fmt.Sprintf(`<%s>; rel="next"`, next(srv.URL, page+1)))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `[{"id":%d}]`, page)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func listIDs(t *testing.T, gl *gitlab.Client) []int {
	t.Helper()
	var ids []int
	for p, err := range gl.HTTPList(connCtx(t), "/projects", nil) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.GetInt("id"))
	}
	return ids
}

func TestKeepBaseURL(t *testing.T) {
	t.Run("matching links do not warn", func(t *testing.T) {
		srv, _ := pagedServer(t, "", func(u string, page int) string { return fmt.Sprintf("%s/api/v4/projects?page=%d", u, page) })
		logger, logs := connDebugLogger()
		gl := connClient(t, srv.URL, gitlab.WithLogger(logger))
		if ids := listIDs(t, gl); fmt.Sprint(ids) != "[1 2 3]" {
			t.Fatalf("ids = %v", ids)
		}
		if strings.Contains(logs.String(), "level=WARN") {
			t.Fatalf("unexpected warning:\n%s", logs)
		}
	})
	t.Run("links to another origin are refused", func(t *testing.T) {
		srv, rec := pagedServer(t, "", func(u string, page int) string {
			return fmt.Sprintf("%s/api/v4/projects?page=%d", localhostURL(t, u), page)
		})
		gl := connClient(t, srv.URL, gitlab.WithPrivateToken("keep-secret"))
		var ids []int
		var err error
		for p, e := range gl.HTTPList(connCtx(t), "/projects", nil) {
			if err = e; e != nil {
				break
			}
			ids = append(ids, p.GetInt("id"))
		}
		var coe *gitlab.CrossOriginError
		if fmt.Sprint(ids) != "[1]" || !errors.Is(err, gitlab.ErrCrossOrigin) || !errors.As(err, &coe) {
			t.Fatalf("ids = %v, err = %v", ids, err)
		}
		if !strings.Contains(err.Error(), "http://localhost:") || !strings.Contains(err.Error(), "http://127.0.0.1:") ||
			!strings.Contains(err.Error(), "WithKeepBaseURL") {
			t.Errorf("the error does not name both origins and the way out: %v", err)
		}
		if all := rec.all(); len(all) != 1 {
			t.Fatalf("%d requests, want only the first page: %+v", len(all), all)
		}
	})
	t.Run("links under another path of the same origin warn once and are followed", func(t *testing.T) {
		srv, rec := pagedServer(t, "/gitlab", func(u string, page int) string {
			return fmt.Sprintf("%s/api/v4/projects?page=%d", u, page)
		})
		logger, logs := connDebugLogger()
		gl := connClient(t, srv.URL+"/gitlab", gitlab.WithLogger(logger), gitlab.WithPrivateToken("keep-secret"))
		if ids := listIDs(t, gl); fmt.Sprint(ids) != "[1 2 3]" {
			t.Fatalf("ids = %v", ids)
		}
		all := rec.all()
		if len(all) != 3 || all[0].Path != "/gitlab/api/v4/projects" || all[2].Path != "/api/v4/projects" {
			t.Fatalf("the links were not followed as given: %+v", all)
		}
		if n := strings.Count(logs.String(), "external_url"); n != 1 {
			t.Fatalf("%d warnings, want 1:\n%s", n, logs)
		}
		if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "server="+srv.URL) {
			t.Fatalf("the warning does not name the server's base URL:\n%s", logs)
		}
		assertNoSecret(t, "log", logs.String(), "keep-secret")
	})
	t.Run("WithKeepBaseURL rewrites the links", func(t *testing.T) {
		srv, rec := pagedServer(t, "", func(_ string, page int) string {
			return fmt.Sprintf("http://gitlab.internal.invalid:1/api/v4/projects?page=%d&per_page=1", page)
		})
		logger, logs := connDebugLogger()
		gl := connClient(t, srv.URL, gitlab.WithKeepBaseURL(), gitlab.WithLogger(logger))
		if ids := listIDs(t, gl); fmt.Sprint(ids) != "[1 2 3]" {
			t.Fatalf("ids = %v", ids)
		}
		if got := rec.all()[2]; got.RawQuery != "page=3&per_page=1" {
			t.Fatalf("the rewritten link lost its query: %q", got.RawQuery)
		}
		if strings.Contains(logs.String(), "level=WARN") {
			t.Fatalf("unexpected warning:\n%s", logs)
		}
	})
	t.Run("WithKeepBaseURL on a sub-path install", func(t *testing.T) {
		srv, _ := pagedServer(t, "/gitlab", func(_ string, page int) string {
			return fmt.Sprintf("https://gitlab.internal.invalid/api/v4/projects?page=%d", page)
		})
		gl := connClient(t, srv.URL+"/gitlab", gitlab.WithKeepBaseURL())
		if ids := listIDs(t, gl); fmt.Sprint(ids) != "[1 2 3]" {
			t.Fatalf("ids = %v", ids)
		}
	})
	t.Run("the warning goes to slog.Default without a logger", func(t *testing.T) {
		srv, _ := pagedServer(t, "/gitlab", func(u string, page int) string {
			return fmt.Sprintf("%s/api/v4/projects?page=%d", u, page)
		})
		logger, logs := connDebugLogger()
		old := slog.Default()
		slog.SetDefault(logger)
		t.Cleanup(func() { slog.SetDefault(old) })
		gl := connClient(t, srv.URL+"/gitlab")
		listIDs(t, gl)
		if n := strings.Count(logs.String(), "external_url"); n != 1 {
			t.Fatalf("%d warnings through slog.Default, want 1:\n%s", n, logs)
		}
	})
}

// ---------------------------------------------------------------------------
// Debug logging never shows a secret.

func TestTransportDebugLogMasksSecrets(t *testing.T) {
	srv, _ := newConnGitLab(t)
	for name, opt := range map[string]gitlab.Option{
		"private": gitlab.WithPrivateToken("debug-private-secret"),
		"oauth":   gitlab.WithOAuthToken("debug-oauth-secret"),
		"job":     gitlab.WithJobToken("debug-job-secret"),
		"basic":   gitlab.WithBasicAuth("user", "debug-basic-secret"),
	} {
		t.Run(name, func(t *testing.T) {
			logger, logs := connDebugLogger()
			gl := connClient(t, srv.URL, opt, gitlab.WithLogger(logger), gitlab.WithDebugLog(),
				gitlab.WithHeader("Cookie", "_gitlab_session=debug-cookie-secret"))
			if _, err := gl.HTTPGet(connCtx(t), "/version", gitlab.Params{"x": "1"}); err != nil {
				t.Fatal(err)
			}
			out := logs.String()
			for _, want := range []string{"gitlab: request", "gitlab: response", "status=200", "/api/v4/version?x=1", "[MASKED]"} {
				if !strings.Contains(out, want) {
					t.Errorf("the debug log lacks %q:\n%s", want, out)
				}
			}
			assertNoSecret(t, "debug log", out, "debug-private-secret", "debug-oauth-secret", "debug-job-secret",
				"debug-basic-secret", "debug-cookie-secret",
				// base64 of "user:debug-basic-secret" would reveal it too
				"dXNlcjpkZWJ1Zy1iYXNpYy1zZWNyZXQ")
		})
	}
	t.Run("a logger above debug level gets nothing", func(t *testing.T) {
		buf := &connLogBuf{}
		gl := connClient(t, srv.URL, gitlab.WithLogger(slog.New(slog.NewTextHandler(buf, nil))))
		if _, _, err := gl.Version(connCtx(t)); err != nil {
			t.Fatal(err)
		}
		if buf.String() != "" {
			t.Fatalf("logged at info level:\n%s", buf)
		}
	})
}
