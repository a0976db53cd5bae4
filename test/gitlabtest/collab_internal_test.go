package gitlabtest

import "testing"

// The hooks name the collections they read by path: each path is its
// declaration's.
func TestStorePaths(t *testing.T) {
	for name, path := range storePaths {
		if k := storeKind(name); k == nil || k.path != path {
			t.Errorf("storePaths[%s] = %s, the declaration says %v", name, path, k)
		}
	}
}
