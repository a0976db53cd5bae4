// Command resty is a hand-written client on resty and gjson, with no code
// of this library, running one scenario of cmd/gitlab-bench (startup and
// gets): the floor of any client built on resty, as the library is. It
// prints one JSON line (benchrun.Result).
package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/go-resty/resty/v2"
	"github.com/tidwall/gjson"

	"github.com/golab/gitlab/internal/benchbase"
	"github.com/golab/gitlab/internal/benchrun"
)

func main() {
	f := benchrun.Parse()
	h := benchrun.NewHeap()
	ctx := context.Background()
	benchrun.Run(h, func(r *benchrun.Result) error {
		// The hand-written transport (a pool as large as the concurrency).
		rc := resty.NewWithClient(benchbase.New(f.API, f.Token, max(f.Conns, 1)).HC).
			SetBaseURL(f.API).SetHeader("PRIVATE-TOKEN", f.Token)
		defer rc.GetClient().CloseIdleConnections()
		switch f.Scenario {
		case "startup":
			return nil
		case "gets":
			return benchrun.Gets(f, r, func(i, _ int) (int, error) {
				resp, err := rc.R().SetContext(ctx).Get("/projects/" + strconv.Itoa(i%1000+1))
				switch {
				case err != nil:
					return 0, err
				case resp.IsError():
					return 0, fmt.Errorf("GET %s: %s", resp.Request.URL, resp.Status())
				}
				return len(gjson.GetBytes(resp.Body(), "path_with_namespace").String()), nil
			})
		}
		return fmt.Errorf("unknown scenario %q", f.Scenario)
	})
}
