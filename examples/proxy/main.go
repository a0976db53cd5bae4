// Command proxy sends a client's requests through an HTTP proxy with
// gitlab.WithProxy. It starts a local fake GitLab and a local forward proxy
// that logs what it forwards, so it runs anywhere:
//
//	go run ./examples/proxy
//
// The python-gitlab equivalent (a requests session carries the proxy):
//
//	import gitlab, requests
//	session = requests.Session()
//	session.proxies = {"http": "http://proxy:3128", "https": "http://proxy:3128"}
//	gl = gitlab.Gitlab(url, private_token=token, session=session)
//	print(gl.version())
//
// Without WithProxy the client uses HTTP_PROXY, HTTPS_PROXY and NO_PROXY
// from the environment, as python-gitlab (requests) does; Go never proxies
// loopback addresses found that way, which is why this example uses the
// explicit option.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/golab/gitlab"
)

func main() {
	// The fake GitLab.
	gitlabSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"version":"17.0.0","revision":"behind-a-proxy"}`)
	}))
	defer gitlabSrv.Close()

	// A minimal forward proxy for plain-HTTP targets: it receives
	// absolute-form requests ("GET http://host/path") and forwards them.
	var mu sync.Mutex
	var seen []string
	upstream := &http.Transport{}
	proxySrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, fmt.Sprintf("%s %s (Proxy-Authorization: %t)", r.Method, r.URL, r.Header.Get("Proxy-Authorization") != ""))
		mu.Unlock()
		out := r.Clone(r.Context())
		out.RequestURI = ""
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
	defer proxySrv.Close()

	// Proxy credentials, if the proxy needs them, go in its URL; they never
	// appear in errors or logs.
	proxyURL := "http://proxy-user:proxy-password@" + proxySrv.Listener.Addr().String()
	gl, err := gitlab.New(gitlabSrv.URL, gitlab.WithPrivateToken("glpat-example"), gitlab.WithProxy(proxyURL))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()
	version, revision, err := gl.Version(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("GitLab %s (%s)\n", version, revision)
	mu.Lock()
	for _, s := range seen {
		fmt.Println("the proxy forwarded:", s)
	}
	mu.Unlock()
}
