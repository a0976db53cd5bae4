package gitlabtest_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golab/gitlab/test/gitlabtest"
)

// tlsClient is an HTTP client with its own transport (no connection is
// shared between tests) using cfg; it offers HTTP/2, which the server must
// decline.
func tlsClient(t *testing.T, cfg *tls.Config) *http.Client {
	t.Helper()
	tr := &http.Transport{TLSClientConfig: cfg, ForceAttemptHTTP2: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 20 * time.Second}
}

// getTLS sends GET APIURL()+path with the admin token.
func getTLS(c *http.Client, s *gitlabtest.Server, path string) (*http.Response, []byte, error) {
	req, err := http.NewRequest("GET", s.APIURL()+path, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("PRIVATE-TOKEN", admin)
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestTLSServesHTTPS(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithTLS())
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") || s.APIURL() != s.URL()+"/api/v4" {
		t.Fatalf("URL = %q, APIURL = %q", s.URL(), s.APIURL())
	}

	c := tlsClient(t, &tls.Config{RootCAs: s.CACertPool()})
	resp, body, err := getTLS(c, s, "/version")
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Version string }
	if resp.StatusCode != 200 || json.Unmarshal(body, &v) != nil || v.Version != gitlabtest.Version {
		t.Fatalf("GET /version over TLS: %d %s", resp.StatusCode, body)
	}
	if resp.TLS == nil || resp.ProtoMajor != 1 {
		t.Fatalf("served over %s, TLS state %v; want HTTP/1.1 over TLS", resp.Proto, resp.TLS)
	}

	// The certificate: signed by the CA, for the loopback names, valid from
	// an hour ago for about a day.
	leaf := resp.TLS.PeerCertificates[0]
	for _, host := range []string{"127.0.0.1", "::1", "localhost"} {
		if err := leaf.VerifyHostname(host); err != nil {
			t.Errorf("server certificate: %v", err)
		}
	}
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: s.CACertPool()}); err != nil {
		t.Errorf("server certificate not signed by the CA: %v", err)
	}
	if nb, na := time.Until(leaf.NotBefore), time.Until(leaf.NotAfter); nb > -59*time.Minute || nb < -61*time.Minute ||
		na < 23*time.Hour || na > 25*time.Hour {
		t.Errorf("server certificate valid from %v to %v", leaf.NotBefore, leaf.NotAfter)
	}

	// CACertFile holds the same CA as CACertPool, PEM-encoded.
	pemBytes, err := os.ReadFile(s.CACertFile())
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(pemBytes)
	if block == nil || block.Type != "CERTIFICATE" {
		t.Fatalf("CACertFile is not a PEM certificate: %q", pemBytes)
	}
	ca, err := x509.ParseCertificate(block.Bytes)
	if err != nil || !ca.IsCA {
		t.Fatalf("CACertFile: %v, IsCA %v", err, err == nil && ca.IsCA)
	}
	for _, c := range []*x509.Certificate{ca, leaf} {
		if k, ok := c.PublicKey.(*ecdsa.PublicKey); !ok || k.Curve != elliptic.P256() {
			t.Errorf("%s: key %T, want ECDSA P-256", c.Subject.CommonName, c.PublicKey)
		}
	}
	fromFile := x509.NewCertPool()
	fromFile.AddCert(ca)
	if !fromFile.Equal(s.CACertPool()) {
		t.Fatal("CACertFile and CACertPool hold different certificates")
	}

	// URLs in answers use https too.
	_, body, err = getTLS(c, s, "/user")
	if err != nil {
		t.Fatal(err)
	}
	var me struct {
		WebURL string `json:"web_url"`
	}
	if json.Unmarshal(body, &me) != nil || me.WebURL != s.URL()+"/root" {
		t.Fatalf("web_url = %q, want %s/root", me.WebURL, s.URL())
	}

	// Without a client certificate requirement, a client that offers one is
	// accepted as well.
	cert, err := tls.LoadX509KeyPair(s.ClientCertFiles())
	if err != nil {
		t.Fatal(err)
	}
	c = tlsClient(t, &tls.Config{RootCAs: s.CACertPool(), Certificates: []tls.Certificate{cert}})
	if resp, _, err := getTLS(c, s, "/version"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("with a client certificate: %v", err)
	}
}

func TestTLSUnknownCAIsRejected(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithTLS())
	other := gitlabtest.NewServer(t, gitlabtest.WithTLS())
	for name, roots := range map[string]*x509.CertPool{
		"no CA":             x509.NewCertPool(),
		"another server CA": other.CACertPool(),
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := getTLS(tlsClient(t, &tls.Config{RootCAs: roots}), s, "/version")
			var verr *tls.CertificateVerificationError
			if !errors.As(err, &verr) {
				t.Fatalf("err = %v, want a certificate verification error", err)
			}
		})
	}
	// The system roots do not know the CA either.
	_, _, err := getTLS(tlsClient(t, nil), s, "/version")
	var verr *tls.CertificateVerificationError
	if !errors.As(err, &verr) {
		t.Fatalf("default client: err = %v, want a certificate verification error", err)
	}
	if n := s.RequestCount(); n != 0 {
		t.Fatalf("the server handled %d requests over unverified connections", n)
	}
}

func TestTLSClientCerts(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithClientCerts())
	if !strings.HasPrefix(s.URL(), "https://") {
		t.Fatalf("URL = %q", s.URL())
	}

	// Without a certificate: refused.
	if _, _, err := getTLS(tlsClient(t, &tls.Config{RootCAs: s.CACertPool()}), s, "/version"); err == nil {
		t.Fatal("a client without a certificate was accepted")
	}
	// With a certificate of another CA: refused.
	other := gitlabtest.NewServer(t, gitlabtest.WithClientCerts())
	stranger, err := tls.LoadX509KeyPair(other.ClientCertFiles())
	if err != nil {
		t.Fatal(err)
	}
	c := tlsClient(t, &tls.Config{RootCAs: s.CACertPool(), Certificates: []tls.Certificate{stranger}})
	if _, _, err := getTLS(c, s, "/version"); err == nil {
		t.Fatal("a client certificate of another CA was accepted")
	}
	if n := s.RequestCount(); n != 0 {
		t.Fatalf("the server handled %d requests without a valid client certificate", n)
	}

	// With ClientCertFiles: accepted.
	certFile, keyFile := s.ClientCertFiles()
	if filepath.Dir(certFile) != filepath.Dir(s.CACertFile()) || filepath.Dir(keyFile) != filepath.Dir(certFile) {
		t.Fatalf("files in different directories: %s %s %s", s.CACertFile(), certFile, keyFile)
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if cn := cert.Leaf.Subject.CommonName; cn != "gitlabtest-client" {
		t.Fatalf("client certificate common name %q", cn)
	}
	if _, err := cert.Leaf.Verify(x509.VerifyOptions{
		Roots: s.CACertPool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		t.Fatalf("client certificate: %v", err)
	}
	c = tlsClient(t, &tls.Config{RootCAs: s.CACertPool(), Certificates: []tls.Certificate{cert}})
	resp, body, err := getTLS(c, s, "/version")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("with ClientCertFiles: %v %s", err, body)
	}
	if n := s.RequestCount(); n != 1 {
		t.Fatalf("RequestCount = %d, want 1", n)
	}
}

func TestTLSFaults(t *testing.T) {
	// Faults hijack connections, which works over HTTP/1.1 with TLS.
	s := gitlabtest.NewServer(t, gitlabtest.WithTLS())
	c := tlsClient(t, &tls.Config{RootCAs: s.CACertPool()})
	s.AddFault(gitlabtest.Fault{Path: "/version", Drop: true}) // on a fresh connection: not replayed
	if _, _, err := getTLS(c, s, "/version"); err == nil {
		t.Fatal("dropped request got a response")
	}
	s.AddFault(gitlabtest.Fault{Path: "/version", Truncate: true})
	if _, _, err := getTLS(c, s, "/version"); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated answer: err = %v", err)
	}
	if resp, _, err := getTLS(c, s, "/version"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("after the faults: %v", err)
	}
}

func TestTLSOtherLoopbackAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback:", err)
	}
	ln.Close()
	s := gitlabtest.NewServer(t, gitlabtest.WithTLS(), gitlabtest.WithAddr("[::1]:0"))
	if !strings.HasPrefix(s.URL(), "https://[::1]:") {
		t.Fatalf("URL = %q", s.URL())
	}
	if resp, _, err := getTLS(tlsClient(t, &tls.Config{RootCAs: s.CACertPool()}), s, "/version"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET over [::1]: %v", err)
	}
}

func TestTLSFilesRemovedByClose(t *testing.T) {
	s, err := gitlabtest.New(gitlabtest.WithClientCerts())
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile := s.ClientCertFiles()
	files := []string{s.CACertFile(), certFile, keyFile}
	for _, f := range files {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm()&0o077 != 0 {
			t.Fatalf("%s: %v (mode %v)", f, err, fi.Mode())
		}
	}
	s.Close()
	for _, f := range append(files, filepath.Dir(s.CACertFile())) {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there after Close: %v", f, err)
		}
	}
	s.Close() // idempotent
}

func TestTLSMethodsPanicWithoutTLS(t *testing.T) {
	plain := gitlabtest.NewServer(t)
	unstarted := gitlabtest.NewUnstarted(gitlabtest.WithTLS()) // does not listen: no TLS
	defer unstarted.Close()
	if !strings.HasPrefix(plain.URL(), "http://") || unstarted.URL() != "" {
		t.Fatalf("URL = %q, unstarted %q", plain.URL(), unstarted.URL())
	}
	for _, s := range []*gitlabtest.Server{plain, unstarted} {
		for name, call := range map[string]func(){
			"CACertFile":      func() { s.CACertFile() },
			"CACertPool":      func() { s.CACertPool() },
			"ClientCertFiles": func() { s.ClientCertFiles() },
		} {
			func() {
				defer func() {
					if r := recover(); r == nil || !strings.Contains(r.(string), name) || !strings.Contains(r.(string), "WithTLS") {
						t.Errorf("%s: recovered %v, want a panic naming the method and WithTLS", name, r)
					}
				}()
				call()
			}()
		}
	}
}
