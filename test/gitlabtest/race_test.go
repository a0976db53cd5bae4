//go:build race

package gitlabtest_test

const raceEnabled = true
