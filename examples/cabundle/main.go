// Command cabundle talks to a GitLab whose certificate comes from a private
// certificate authority, trusted with gitlab.WithCACert. It makes its own CA
// and a local HTTPS server, so it runs anywhere:
//
//	go run ./examples/cabundle
//
// The python-gitlab equivalent:
//
//	import gitlab
//	gl = gitlab.Gitlab(url, private_token=token, ssl_verify="/path/to/ca.pem")
//	print(gl.version())
//
// (or ssl_verify = /path/to/ca.pem in python-gitlab.cfg, or the
// REQUESTS_CA_BUNDLE environment variable, both honoured here too).
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/golab/gitlab"
)

func main() {
	dir, err := os.MkdirTemp("", "golab-cabundle-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// A private CA and a server certificate signed by it.
	ca, caKey := newCert(nil, nil, &x509.Certificate{
		Subject: pkix.Name{CommonName: "Example Corp private CA"}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign,
	})
	srvCert, srvKey := newCert(ca, caKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "gitlab.internal"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ca.Raw}), 0o600); err != nil {
		log.Fatal(err)
	}

	// A local HTTPS "GitLab" using that certificate.
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"version":"17.0.0","revision":"private-ca"}`)
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{srvCert.Raw}, PrivateKey: srvKey}}}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	ctx := context.Background()

	// Without the CA the certificate is rejected: verification is on by default.
	os.Unsetenv("REQUESTS_CA_BUNDLE") // so that only this program decides
	os.Unsetenv("CURL_CA_BUNDLE")
	gl, err := gitlab.New(srv.URL, gitlab.WithPrivateToken("glpat-example"))
	if err != nil {
		log.Fatal(err)
	}
	if _, _, err := gl.Version(ctx); err != nil {
		fmt.Println("without the CA:", err)
	} else {
		log.Fatal("the certificate of an unknown CA was accepted")
	}

	// With WithCACert it is trusted.
	gl, err = gitlab.New(srv.URL, gitlab.WithPrivateToken("glpat-example"), gitlab.WithCACert(caFile))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()
	version, revision, err := gl.Version(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("with WithCACert(%s): GitLab %s (%s)\n", filepath.Base(caFile), version, revision)

	// REQUESTS_CA_BUNDLE, as python users set it, works the same way.
	os.Setenv("REQUESTS_CA_BUNDLE", caFile)
	gl2, err := gitlab.New(srv.URL, gitlab.WithPrivateToken("glpat-example"))
	if err != nil {
		log.Fatal(err)
	}
	defer gl2.Close()
	if _, _, err := gl2.Version(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println("with REQUESTS_CA_BUNDLE: ok")
}

// newCert makes a key and a certificate signed by parent (self-signed when
// parent is nil).
func newCert(parent *x509.Certificate, parentKey *ecdsa.PrivateKey, tmpl *x509.Certificate) (*x509.Certificate, *ecdsa.PrivateKey) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		log.Fatal(err)
	}
	tmpl.SerialNumber = serial
	tmpl.NotBefore, tmpl.NotAfter = time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour)
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		log.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		log.Fatal(err)
	}
	return cert, key
}
