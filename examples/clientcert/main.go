// Command clientcert talks to a GitLab that requires a client certificate
// (mutual TLS), with gitlab.WithClientCert. It makes its own certificates and
// a local HTTPS server that demands one, so it runs anywhere:
//
//	go run ./examples/clientcert
//
// The python-gitlab equivalent (a requests session carries the certificate):
//
//	import gitlab, requests
//	session = requests.Session()
//	session.cert = ("client.pem", "client-key.pem")
//	gl = gitlab.Gitlab(url, private_token=token, ssl_verify="ca.pem", session=session)
//	print(gl.version())
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
	dir, err := os.MkdirTemp("", "golab-clientcert-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// One CA signs the server's certificate and the client's.
	ca, caKey := newCert(nil, nil, &x509.Certificate{
		Subject: pkix.Name{CommonName: "Example Corp CA"}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign,
	})
	srvCert, srvKey := newCert(ca, caKey, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "gitlab.internal"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	cliCert, cliKey := newCert(ca, caKey, &x509.Certificate{
		Subject:  pkix.Name{CommonName: "deploy-bot"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
	caFile := writePEM(dir, "ca.pem", "CERTIFICATE", ca.Raw)
	certFile := writePEM(dir, "client.pem", "CERTIFICATE", cliCert.Raw)
	keyDER, err := x509.MarshalPKCS8PrivateKey(cliKey)
	if err != nil {
		log.Fatal(err)
	}
	keyFile := writePEM(dir, "client-key.pem", "PRIVATE KEY", keyDER)

	// A local HTTPS "GitLab" that requires a client certificate of that CA.
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"version":"17.0.0","revision":"hello %s"}`, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	srv.TLS = &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{srvCert.Raw}, PrivateKey: srvKey}},
		ClientAuth:   tls.RequireAndVerifyClientCert,
		ClientCAs:    pool,
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	defer srv.Close()
	ctx := context.Background()

	// Without a client certificate the server refuses the connection.
	gl, err := gitlab.New(srv.URL, gitlab.WithCACert(caFile))
	if err != nil {
		log.Fatal(err)
	}
	if _, _, err := gl.Version(ctx); err != nil {
		fmt.Println("without a client certificate:", err)
	} else {
		log.Fatal("the server accepted a client without a certificate")
	}

	// With WithClientCert it accepts.
	gl, err = gitlab.New(srv.URL, gitlab.WithCACert(caFile), gitlab.WithClientCert(certFile, keyFile))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()
	version, revision, err := gl.Version(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("with WithClientCert(%s, %s): GitLab %s, server says %q\n",
		filepath.Base(certFile), filepath.Base(keyFile), version, revision)
}

func writePEM(dir, name, typ string, der []byte) string {
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		log.Fatal(err)
	}
	return path
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
