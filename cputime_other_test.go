//go:build !unix

package gitlab_test

// cpuTime is not measured here: cpu-s/GiB is then not reported.
func cpuTime() int64 { return 0 }
