package gitlabtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// WithTLS makes New serve HTTPS instead of HTTP, so that clients can be
// tested against a GitLab whose certificate comes from a private authority.
// New generates, for that server alone, a certificate authority and a server
// certificate signed by it for 127.0.0.1, ::1, "localhost" and the listen
// address (ECDSA P-256 keys, valid from an hour ago to a day from now);
// URL() then starts with https://. The CA is not trusted by anything: use
// CACertFile or CACertPool. A client certificate signed by the same CA is made too
// (ClientCertFiles), for WithClientCerts or to check that a client offers
// one. The PEM files live in a temporary directory that Close removes.
//
// The server speaks HTTP/1.1 only, so that every Fault works over TLS, and
// does not log TLS handshake failures (tests provoke them on purpose).
// WithTLS applies to New and NewServer; NewUnstarted, which does not listen,
// ignores it.
func WithTLS() Option { return func(c *config) { c.tls = true } }

// WithClientCerts is WithTLS with mutual TLS: the server requires and
// verifies a client certificate signed by its CA
// (tls.RequireAndVerifyClientCert), refusing the handshake without one. The
// certificate of ClientCertFiles is accepted.
func WithClientCerts() Option {
	return func(c *config) { c.tls, c.clientCerts = true, true }
}

// clientCommonName is the common name of the certificate of ClientCertFiles.
const clientCommonName = "gitlabtest-client"

// tlsFiles is the private PKI of a server started with WithTLS.
type tlsFiles struct {
	dir                   string
	ca                    *x509.Certificate
	caFile                string
	clientCert, clientKey string
}

// CACertFile returns the path of the server's CA certificate, PEM-encoded,
// for gitlab.WithCACert, REQUESTS_CA_BUNDLE or any tool that reads a CA
// bundle. The file is removed by Close. It panics if the server was not
// started by New with WithTLS or WithClientCerts.
func (s *Server) CACertFile() string { return s.mustTLS("CACertFile").caFile }

// CACertPool returns a new pool holding only the server's CA certificate,
// for a tls.Config's RootCAs. It panics if the server was not started by New
// with WithTLS or WithClientCerts.
func (s *Server) CACertPool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(s.mustTLS("CACertPool").ca)
	return pool
}

// ClientCertFiles returns the paths of a client certificate signed by the
// server's CA (common name "gitlabtest-client") and of its private key
// (PKCS #8), both PEM-encoded, for gitlab.WithClientCert or tls.LoadX509KeyPair. The
// files are removed by Close. It panics if the server was not started by New
// with WithTLS or WithClientCerts.
func (s *Server) ClientCertFiles() (certFile, keyFile string) {
	f := s.mustTLS("ClientCertFiles")
	return f.clientCert, f.clientKey
}

func (s *Server) mustTLS(method string) *tlsFiles {
	if s.tls == nil {
		panic("gitlabtest: " + method + " called on a server not started by New with WithTLS or WithClientCerts")
	}
	return s.tls
}

// listenTLS generates the server's PKI and wraps ln in a TLS listener.
func (s *Server) listenTLS(ln net.Listener) (net.Listener, error) {
	dir, err := os.MkdirTemp("", "gitlabtest-tls-")
	if err != nil {
		return nil, fmt.Errorf("gitlabtest: TLS: %w", err)
	}
	f := &tlsFiles{dir: dir}
	cfg, err := f.generate(ln.Addr(), s.cfg.clientCerts)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("gitlabtest: TLS: %w", err)
	}
	s.tls = f
	s.hs.ErrorLog = log.New(handshakeFilter{}, "", log.LstdFlags)
	return tls.NewListener(ln, cfg), nil
}

// removeTLSFiles deletes the PEM files of a TLS server.
func (s *Server) removeTLSFiles() {
	if s.tls != nil {
		_ = os.RemoveAll(s.tls.dir)
	}
}

// generate makes the CA, the server and client certificates, writes the PEM
// files and returns the server's TLS configuration.
func (f *tlsFiles) generate(addr net.Addr, requireClientCert bool) (*tls.Config, error) {
	ca, caKey, err := issue(&x509.Certificate{
		Subject: pkix.Name{Organization: []string{"gitlabtest"}, CommonName: "gitlabtest CA"},
		IsCA:    true, BasicConstraintsValid: true, MaxPathLenZero: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}, nil, nil)
	if err != nil {
		return nil, err
	}
	ips := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	if tcp, ok := addr.(*net.TCPAddr); ok && !tcp.IP.Equal(ips[0]) && !tcp.IP.Equal(ips[1]) {
		ips = append(ips, tcp.IP) // another loopback address (WithAddr)
	}
	srv, srvKey, err := issue(&x509.Certificate{
		Subject:     pkix.Name{Organization: []string{"gitlabtest"}, CommonName: "localhost"},
		DNSNames:    []string{"localhost"},
		IPAddresses: ips,
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}, ca, caKey)
	if err != nil {
		return nil, err
	}
	cli, cliKey, err := issue(&x509.Certificate{
		Subject:     pkix.Name{Organization: []string{"gitlabtest"}, CommonName: clientCommonName},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}, ca, caKey)
	if err != nil {
		return nil, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(cliKey)
	if err != nil {
		return nil, err
	}
	f.ca = ca
	f.caFile = filepath.Join(f.dir, "ca.pem")
	f.clientCert = filepath.Join(f.dir, "client.pem")
	f.clientKey = filepath.Join(f.dir, "client-key.pem")
	for _, w := range []struct {
		path, typ string
		der       []byte
	}{
		{f.caFile, "CERTIFICATE", ca.Raw},
		{f.clientCert, "CERTIFICATE", cli.Raw},
		{f.clientKey, "PRIVATE KEY", keyDER},
	} {
		if err := os.WriteFile(w.path, pem.EncodeToMemory(&pem.Block{Type: w.typ, Bytes: w.der}), 0o600); err != nil {
			return nil, err
		}
	}

	cfg := &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{srv.Raw}, PrivateKey: srvKey, Leaf: srv}},
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{"http/1.1"}, // no HTTP/2: faults hijack connections
	}
	if requireClientCert {
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
		cfg.ClientCAs = x509.NewCertPool()
		cfg.ClientCAs.AddCert(ca)
	}
	return cfg, nil
}

// issue makes a P-256 key and a certificate for it from tmpl, valid from an
// hour ago to a day from now, signed by parent (self-signed when parent is nil).
func issue(tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl.SerialNumber, err = rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl.NotBefore, tmpl.NotAfter = now.Add(-time.Hour), now.Add(24*time.Hour)
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	return cert, key, nil
}

// handshakeFilter is the server's error log: the standard logger's output
// without "http: TLS handshake error" lines, which tests provoke on purpose.
type handshakeFilter struct{}

func (handshakeFilter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("http: TLS handshake error")) {
		return len(p), nil
	}
	return log.Writer().Write(p)
}
