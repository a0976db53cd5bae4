// Command ratelimit shows how the client deals with GitLab's rate limits
// (429 Too Many Requests), against the embedded fake GitLab: a 429 is waited
// out and retried by default, for as long as Retry-After (or RateLimit-Reset)
// says; WithObeyRateLimit(false) returns it at once; WithMaxRetries bounds
// the retries; a client-side limiter paces requests before GitLab has to.
//
// python-gitlab equivalent:
//
//	gl = gitlab.Gitlab(url, private_token=token)   # obey_rate_limit=True, max_retries=10
//	gl.projects.get(1)                             # sleeps Retry-After, retries
//	gl.projects.list(obey_rate_limit=False)        # raises GitlabListError 429 at once
//	gl.projects.list(max_retries=1)
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/test/gitlabtest"
)

func main() {
	ctx := context.Background()
	srv, err := gitlabtest.New()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	projectID := srv.AddProject(gitlabtest.Project{Name: "Throttled"})

	// Retries are logged at debug level, one line per retry; this logger
	// shows only those lines.
	logger := slog.New(retryLines{slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug})})
	gl, err := srv.Client(gitlab.WithLogger(logger))
	if err != nil {
		log.Fatal(err)
	}
	defer gl.Close()

	// 1. Obeyed by default: GitLab says "come back in 1 second", twice.
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects/*", Status: 429, Times: 2,
		Header: http.Header{"Retry-After": {"1"}}})
	start := time.Now()
	p, err := gl.Projects.Get(ctx, projectID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("1. got %q after %d requests and %.1fs of waiting\n", p.GetString("name"), srv.RequestCount(), time.Since(start).Seconds())

	// 2. obey_rate_limit=False: the 429 comes back at once, as an error.
	srv.ResetRequests()
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects", Status: 429, Header: http.Header{"Retry-After": {"30"}}})
	_, err = gl.Projects.List(ctx, nil, gitlab.WithObeyRateLimit(false))
	fmt.Printf("2. obey_rate_limit off: %v (rate limited: %t, %d request)\n", err, errors.Is(err, gitlab.ErrRateLimited), srv.RequestCount())

	// 3. A bounded budget: WithMaxRetries(1) gives up after 2 attempts.
	srv.ResetRequests()
	srv.AddFault(gitlabtest.Fault{Method: "GET", Path: "/projects", Status: 429, Times: 5})
	_, err = gl.Projects.List(ctx, nil, gitlab.WithMaxRetries(1))
	var ge *gitlab.Error
	if errors.As(err, &ge) {
		fmt.Printf("3. max_retries=1: %v (Attempts=%d, %d requests)\n", err, ge.Attempts, srv.RequestCount())
	}
	srv.ClearFaults()

	// 4. Client-side pacing: at most 20 requests a second, waiting (within
	// the context) rather than failing.
	paced, err := srv.Client(gitlab.WithRateLimiter(rate.NewLimiter(20, 1)))
	if err != nil {
		log.Fatal(err)
	}
	defer paced.Close()
	start = time.Now()
	for range 10 {
		if _, err := paced.Projects.Get(ctx, projectID); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Printf("4. 10 requests through a 20/s limiter took %.2fs\n", time.Since(start).Seconds())
}

// retryLines keeps only the client's retry lines.
type retryLines struct{ slog.Handler }

func (h retryLines) Handle(ctx context.Context, r slog.Record) error {
	if !strings.HasPrefix(r.Message, "gitlab: retrying") {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}
