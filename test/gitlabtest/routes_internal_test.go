package gitlabtest

import (
	"slices"
	"testing"
)

// A route with more literals wins (handler.go), so a store route can take a
// path from a hand-written route with a placeholder there: the hand-written
// route must then be registered by the literal path as well. Only the store
// routes listed here may take paths from a hand-written route, because the
// hand-written one serves other names at that placeholder.
func TestStoreRoutesDoNotShadowHandRoutes(t *testing.T) {
	allowed := []string{
		"GET /projects/{}/repository/tags",      // {archive}: archive.<format> only
		"GET /projects/{}/repository/changelog", // idem
	}
	s := NewUnstarted()
	for _, b := range s.routes.Load().buckets {
		for _, hand := range b {
			if hand.kind != nil || actionRoutesBuilt[hand] != nil {
				continue
			}
			for _, st := range b {
				store := st.kind != nil || actionRoutesBuilt[st] != nil
				if store && st.method == hand.method && st.lits > hand.lits && hand.matches(st.segs) &&
					!slices.Contains(allowed, st.shape) {
					t.Errorf("the store's %s takes paths of the hand-written %s", st.shape, hand.shape)
				}
			}
		}
	}
}
