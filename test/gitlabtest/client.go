package gitlabtest

import (
	"testing"

	"github.com/golab/gitlab"
)

// Client returns a golab/gitlab client for this server, authenticated as the
// administrator "root" (its private token); opts come after, so they can
// replace the credential or add settings. For a server started with WithTLS
// the client trusts the server's CA (gitlab.WithCACert(CACertFile())), and
// with WithClientCerts it also presents ClientCertFiles
// (gitlab.WithClientCert); these transport options cannot be combined with
// gitlab.WithHTTPClient or gitlab.WithInsecureSkipVerify in opts.
func (s *Server) Client(opts ...gitlab.Option) (*gitlab.Client, error) {
	all := []gitlab.Option{gitlab.WithPrivateToken(s.cfg.adminToken)}
	if s.tls != nil {
		all = append(all, gitlab.WithCACert(s.CACertFile()))
		if s.cfg.clientCerts {
			all = append(all, gitlab.WithClientCert(s.ClientCertFiles()))
		}
	}
	all = append(all, opts...)
	return gitlab.New(s.URL(), all...)
}

// NewClient starts a server for a test and returns it with a ready client
// (see Server.Client); both are closed when the test ends.
//
//	srv, gl := gitlabtest.NewClient(t, gitlabtest.WithSeed())
//	project, err := gl.Projects.Get(ctx, "demo/website")
func NewClient(tb testing.TB, opts ...Option) (*Server, *gitlab.Client) {
	tb.Helper()
	srv := NewServer(tb, opts...)
	gl, err := srv.Client()
	if err != nil {
		tb.Fatalf("gitlabtest: client: %v", err)
	}
	tb.Cleanup(func() { gl.Close() })
	return srv, gl
}
