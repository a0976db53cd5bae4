// Command golab is golab/gitlab running one scenario of cmd/gitlab-bench,
// which builds and runs it; it prints one JSON line (benchrun.Result).
package main

import (
	"context"
	"fmt"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/internal/benchrun"
	"github.com/golab/gitlab/managers"
)

func main() {
	f := benchrun.Parse()
	h := benchrun.NewHeap()
	ctx := context.Background()
	benchrun.Run(h, func(r *benchrun.Result) error {
		gl, err := gitlab.New(f.API, gitlab.WithPrivateToken(f.Token))
		if err != nil {
			return err
		}
		defer gl.Close()
		params := gitlab.Params{"order_by": "id", "sort": "asc", "per_page": f.PerPage}
		var order benchrun.Order
		read := func(p *managers.Project) {
			r.Items++
			r.Bytes += len(p.GetString("path_with_namespace"))
			order.See(int64(p.GetInt("id")))
			if r.Items%f.PerPage == 0 {
				h.Sample()
			}
		}
		defer func() { r.Ordered = order.OK() }()
		switch f.Scenario {
		case "startup":
			return nil
		case "scan":
			for p, err := range gl.Projects.Scan(ctx, params, gitlab.WithPrefetch(f.Window)) {
				if err != nil {
					return err
				}
				read(p)
			}
			return nil
		case "iterate", "prefetch":
			for p, err := range gl.Projects.All(ctx, params, gitlab.WithPrefetch(f.Window)) {
				if err != nil {
					return err
				}
				read(p)
			}
			return nil
		case "list":
			all, err := gitlab.Collect(gl.Projects.All(ctx, params))
			for _, p := range all {
				read(p)
			}
			return err
		case "gets":
			return benchrun.Gets(f, r, func(i, _ int) (int, error) {
				p, err := gl.Projects.Get(ctx, i%1000+1)
				if err != nil {
					return 0, err
				}
				return len(p.GetString("path_with_namespace")), nil
			})
		}
		return fmt.Errorf("unknown scenario %q", f.Scenario)
	})
}
