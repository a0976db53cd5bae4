package gitlab

import "time"

// Test hooks for package gitlab_test.

// WithRetryClock replaces the clock that Retry-After dates and
// RateLimit-Reset are measured against.
func WithRetryClock(now func() time.Time) Option {
	return clientOption(func(s *settings) error { s.retry.now = now; return nil })
}

// WithRetryWaitScale multiplies every wait actually slept between attempts
// (0.001 turns seconds into milliseconds); decisions use the real waits.
func WithRetryWaitScale(scale float64) Option {
	return clientOption(func(s *settings) error { s.retry.scale = scale; return nil })
}

// WithRetryObserver sees every wait decided (before scaling), with the
// attempt (1-based) it follows.
func WithRetryObserver(f func(attempt int, wait time.Duration)) Option {
	return clientOption(func(s *settings) error { s.retry.observe = f; return nil })
}

// Backoff exposes the exponential backoff: retry is 0-based.
func Backoff(retry int, limit time.Duration) time.Duration { return backoff(retry, limit) }

// ParseRetryAfter exposes the Retry-After parser.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) { return parseRetryAfter(v, now) }
