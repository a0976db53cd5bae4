// Command clientcert talks to a GitLab that requires a client certificate
// (mutual TLS), with gitlab.WithClientCert. It runs against the embedded fake
// GitLab over HTTPS, demanding a certificate signed by its private CA
// (gitlabtest.WithClientCerts), so it runs anywhere:
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
	"fmt"
	"log"
	"path/filepath"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	// A local HTTPS "GitLab" that requires a client certificate of its CA;
	// one CA signs the server's certificate and the client's.
	srv, err := gitlabtest.New(gitlabtest.WithClientCerts())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	caFile := srv.CACertFile()
	certFile, keyFile := srv.ClientCertFiles()
	token := gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken)
	ctx := context.Background()

	// Without a client certificate the server refuses the connection.
	gl, err := gitlab.New(srv.URL(), token, gitlab.WithCACert(caFile))
	if err != nil {
		log.Fatal(err)
	}
	if _, _, err := gl.Version(ctx); err != nil {
		fmt.Println("without a client certificate:", err)
	} else {
		log.Fatal("the server accepted a client without a certificate")
	}

	// With WithClientCert it accepts.
	gl, err = gitlab.New(srv.URL(), token, gitlab.WithCACert(caFile), gitlab.WithClientCert(certFile, keyFile))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()
	version, revision, err := gl.Version(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("with WithClientCert(%s, %s): GitLab %s (%s)\n",
		filepath.Base(certFile), filepath.Base(keyFile), version, revision)
}
