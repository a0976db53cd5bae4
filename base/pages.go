package base

import (
	"context"
	"iter"
)

// Pages iterates over the pages of a list, one request per page, fetched
// only when the loop asks for the next: the first page with params, each
// next one at the server's Link rel="next" URL, verbatim (as All does). It
// lets a caller act at page boundaries (write out what a page held, report
// progress) while holding one page at a time. An error ends the sequence.
func (d *Dynamic) Pages(ctx context.Context, params Params, opts ...RequestOption) iter.Seq2[*Page[*DynamicObject], error] {
	return func(yield func(*Page[*DynamicObject], error) bool) {
		if err := check(d.m.core, OpList, "list"); err != nil {
			yield(nil, err)
			return
		}
		page, err := ListPage(ctx, d.m, params, opts)
		for {
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(page, nil) || page.NextURL == "" {
				return
			}
			page, err = ListNext(ctx, d.m, page.NextURL, opts)
		}
	}
}
