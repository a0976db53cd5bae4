// Command cabundle talks to a GitLab whose certificate comes from a private
// certificate authority, trusted with gitlab.WithCACert. It runs against the
// embedded fake GitLab over HTTPS (gitlabtest.WithTLS makes a private CA for
// it), so it runs anywhere:
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
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	// A local HTTPS "GitLab" whose certificate is signed by a private CA;
	// srv.CACertFile() is that CA's certificate (PEM).
	srv, err := gitlabtest.New(gitlabtest.WithTLS())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	caFile := srv.CACertFile()
	token := gitlab.WithPrivateToken(gitlabtest.DefaultAdminToken)
	ctx := context.Background()

	// Without the CA the certificate is rejected: verification is on by default.
	os.Unsetenv("REQUESTS_CA_BUNDLE") // so that only this program decides
	os.Unsetenv("CURL_CA_BUNDLE")
	gl, err := gitlab.New(srv.URL(), token)
	if err != nil {
		log.Fatal(err)
	}
	if _, _, err := gl.Version(ctx); err != nil {
		fmt.Println("without the CA:", err)
	} else {
		log.Fatal("the certificate of an unknown CA was accepted")
	}

	// With WithCACert it is trusted.
	gl, err = gitlab.New(srv.URL(), token, gitlab.WithCACert(caFile))
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
	gl2, err := gitlab.New(srv.URL(), token)
	if err != nil {
		log.Fatal(err)
	}
	defer gl2.Close()
	if _, _, err := gl2.Version(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println("with REQUESTS_CA_BUNDLE: ok")
}
