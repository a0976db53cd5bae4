// Command baseline is the hand-written net/http + gjson client
// (internal/benchbase) running one scenario of cmd/gitlab-bench, which
// builds and runs it; it prints one JSON line (benchrun.Result).
package main

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/tidwall/gjson"

	"github.com/golab/gitlab/internal/benchbase"
	"github.com/golab/gitlab/internal/benchrun"
)

func main() {
	f := benchrun.Parse()
	h := benchrun.NewHeap()
	benchrun.Run(h, func(r *benchrun.Result) error {
		c := benchbase.New(f.API, f.Token, max(f.Conns, 1))
		list := "/projects?order_by=id&sort=asc&per_page=" + strconv.Itoa(f.PerPage)
		var order benchrun.Order
		read := func(v gjson.Result) {
			r.Items++
			r.Bytes += len(v.Get("path_with_namespace").String())
			order.See(v.Get("id").Int())
		}
		defer func() { r.Ordered = order.OK() }()
		switch f.Scenario {
		case "startup":
			_ = c
			return nil
		case "iterate", "scan", "prefetch":
			return c.Iterate(list, read, h.Sample)
		case "list":
			all, err := c.ListAll(list, h.Sample)
			for _, v := range all {
				read(v)
			}
			return err
		case "gets":
			bufs := make([][]byte, f.Conns)
			return benchrun.Gets(f, r, func(i, w int) (int, error) {
				_, b, err := c.Fetch(http.MethodGet, f.API+"/projects/"+strconv.Itoa(i%1000+1), nil, bufs[w])
				bufs[w] = b
				return len(gjson.GetBytes(b, "path_with_namespace").String()), err
			})
		}
		return fmt.Errorf("unknown scenario %q", f.Scenario)
	})
}
