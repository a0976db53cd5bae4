package gitlab

import (
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/golab/gitlab/base"
)

// settings is what the options of New configure.
type settings struct {
	privateToken, oauthToken, jobToken string
	httpClient                         *http.Client
	userAgent                          string
	perPage                            int
	pagination, orderBy                string
	registry                           *base.Registry
	logger                             *slog.Logger
	call                               base.CallOptions // defaults for every call
	conn                               connSettings     // transport.go
	retry                              retrySettings    // retry.go
}

// Option configures a Client in New.
type Option interface{ applyToClient(*settings) error }

type clientOption func(*settings) error

func (f clientOption) applyToClient(s *settings) error { return f(s) }

// SharedOption is an option that works both for the whole client (given to
// New) and for one call (given to any manager method), as python-gitlab's
// timeout, sudo, max_retries, obey_rate_limit and retry_transient_errors do.
// The call's value wins.
type SharedOption struct{ call func(*base.CallOptions) }

func (o SharedOption) applyToClient(s *settings) error { o.call(&s.call); return nil }

// ApplyToCall implements RequestOption.
func (o SharedOption) ApplyToCall(c *base.CallOptions) { o.call(c) }

// WithPrivateToken authenticates with a personal, project or group access
// token, sent as the PRIVATE-TOKEN header.
// GitLab API: https://docs.gitlab.com/api/rest/authentication/#personalprojectgroup-access-tokens
func WithPrivateToken(token string) Option {
	return clientOption(func(s *settings) error { s.privateToken = token; return nil })
}

// WithOAuthToken authenticates with an OAuth 2.0 token, sent as
// "Authorization: Bearer". GitLab API: https://docs.gitlab.com/api/rest/authentication/#oauth-20-tokens
func WithOAuthToken(token string) Option {
	return clientOption(func(s *settings) error { s.oauthToken = token; return nil })
}

// WithJobToken authenticates with a CI/CD job token (CI_JOB_TOKEN), sent as
// the JOB-TOKEN header. Only some endpoints accept it; GET /user does not.
// GitLab API: https://docs.gitlab.com/ci/jobs/ci_job_token/
func WithJobToken(token string) Option {
	return clientOption(func(s *settings) error { s.jobToken = token; return nil })
}

// WithHTTPClient sends requests through the caller's *http.Client (python's
// custom session): its transport, proxies, certificates and cookie jar are
// used as they are.
func WithHTTPClient(hc *http.Client) Option {
	return clientOption(func(s *settings) error {
		if hc == nil {
			return fmt.Errorf("gitlab: WithHTTPClient: nil *http.Client")
		}
		s.httpClient = hc
		return nil
	})
}

// WithUserAgent replaces the User-Agent header (default golab-gitlab/<version>).
func WithUserAgent(ua string) Option {
	return clientOption(func(s *settings) error { s.userAgent = ua; return nil })
}

// WithPerPage sets the default page size of lists (1 to 100).
func WithPerPage(n int) Option {
	return clientOption(func(s *settings) error {
		if n < 1 || n > 100 {
			return fmt.Errorf("gitlab: WithPerPage: %d is not between 1 and 100", n)
		}
		s.perPage = n
		return nil
	})
}

// WithKeysetPagination makes lists use keyset pagination ordered by orderBy
// ("id" for projects), where a list call does not say otherwise.
// GitLab API: https://docs.gitlab.com/api/rest/#keyset-based-pagination
func WithKeysetPagination(orderBy string) Option {
	return clientOption(func(s *settings) error {
		if orderBy == "" {
			return fmt.Errorf("gitlab: WithKeysetPagination: keyset pagination needs an order_by")
		}
		s.pagination, s.orderBy = "keyset", orderBy
		return nil
	})
}

// WithOrderBy sets the default order_by of lists.
func WithOrderBy(orderBy string) Option {
	return clientOption(func(s *settings) error { s.orderBy = orderBy; return nil })
}

// WithRegistry gives the client a registry of managers (see NewRegistry).
// Without it, each client gets its own copy of the built-in registry.
func WithRegistry(r *Registry) Option {
	return clientOption(func(s *settings) error {
		if r == nil {
			return fmt.Errorf("gitlab: WithRegistry: nil registry")
		}
		s.registry = r
		return nil
	})
}

// WithLogger sets the logger of debug lines (requests, retries); secrets are
// never logged. Default: none.
func WithLogger(l *slog.Logger) Option {
	return clientOption(func(s *settings) error { s.logger = l; return nil })
}

// DefaultTimeout bounds a call given neither WithTimeout nor a context
// with a deadline: long enough for any API request GitLab answers (GitLab
// itself ends a request after 60 seconds: Puma's worker timeout and
// GitLab.com's request limit) and for waiting out a rate limit a few times
// (GitLab.com's Retry-After is at most a minute), short enough that a
// stalled connection or a body that never ends does not block a program
// forever. As with any deadline, a rate-limit wait that would outlast it is
// not started: the 429 is returned at once (give a context deadline or
// WithTimeout to wait longer). Streaming downloads are not API calls and
// have none.
const DefaultTimeout = 5 * time.Minute

// WithTimeout bounds each call: for the whole client in New, or for one
// call (the call's value wins). It covers the whole call: every attempt, the
// waits between retries and reading the answer, so that no call outlasts it,
// retries included (python-gitlab's timeout applies to each attempt). A
// context deadline applies too; the earlier wins. A retry whose wait would
// end after the deadline is not attempted: the last answer is returned at
// once. Without WithTimeout, a call whose context has a deadline is bounded
// by that deadline alone, and any other by DefaultTimeout (5 minutes).
// WithTimeout(0) (or a negative d) removes every bound but the context's.
func WithTimeout(d time.Duration) SharedOption {
	if d <= 0 {
		d = -1 // none, not "the default"
	}
	return SharedOption{func(o *base.CallOptions) { o.Timeout = d }}
}

// DefaultMaxBodySize is the largest body of a successful answer the client
// reads into memory by default: 64 MiB. GitLab's JSON answers are far
// smaller (a page of 100 projects is about 0.5 MB; lists are paginated, and
// the largest single answers, merge request diffs within GitLab's diff
// limits, stay within a few MB), so this leaves a wide margin while
// bounding what a faulty or hostile server (or a gzip bomb, counted after
// decompression) can make a call hold. Error answers are bounded separately
// (MaxErrorBody, 64 KiB kept).
const DefaultMaxBodySize = 64 << 20

// MaxErrorBody is how much of an error answer's body is read and kept in
// Error.Body (64 KiB); its message is at most 4 KiB.
const MaxErrorBody = base.MaxErrorBody

// WithMaxBodySize bounds the body of a successful answer read into memory
// (JSON, and the raw content of Request.Raw calls such as a file's Raw) to
// n bytes, for the whole client in New or for one call: a larger body ends
// the call with a *ParseError matching ErrBodyTooLarge, before it is read
// further (at once when its Content-Length announces it). Default
// DefaultMaxBodySize; n < 0 removes the bound (n = 0 keeps the default).
// Raise it for a call that downloads a large file into memory.
func WithMaxBodySize(n int64) SharedOption {
	return SharedOption{func(o *base.CallOptions) { o.MaxBodySize = n }}
}

// WithSudo performs the call as another user (username or ID), sent as the
// Sudo header; it needs an administrator's token with the sudo scope. Given
// to New, it applies to every call. It is not remembered by objects: pass it
// again to Save or Delete. GitLab API: https://docs.gitlab.com/api/rest/authentication/#sudo
func WithSudo(user any) SharedOption {
	var v string
	switch u := user.(type) {
	case string:
		v = u
	case int:
		v = strconv.Itoa(u)
	default:
		v = fmt.Sprint(u)
	}
	return SharedOption{func(o *base.CallOptions) { o.Sudo = v }}
}

// WithHeader adds a header to every request (in New) or to one call.
func WithHeader(name, value string) SharedOption {
	return SharedOption{func(o *base.CallOptions) {
		if o.Header == nil {
			o.Header = http.Header{}
		}
		o.Header.Set(name, value)
	}}
}

// WithMaxRetries bounds the retries of a call: default 10
// (DefaultMaxRetries); -1 (any negative number) without bound; 0 never.
// Rate-limited answers and, when enabled, transient failures share the
// budget, so a call makes at most n+1 requests; its *Error's Attempts says
// how many it made.
func WithMaxRetries(n int) SharedOption {
	return SharedOption{func(o *base.CallOptions) { o.MaxRetries = &n }}
}

// WithObeyRateLimit sets whether a 429 is waited out and retried (default
// true) or returned at once, as an *Error matching ErrRateLimited. The wait
// is the answer's Retry-After (seconds or an HTTP date), else its
// RateLimit-Reset (epoch seconds), else exponential backoff with jitter
// (0.1 s × 2^retry), and never more than WithMaxRetryWait (5 minutes by
// default). A 429 is retried whatever the method, POST included: GitLab
// did not act on the request.
func WithObeyRateLimit(obey bool) SharedOption {
	return SharedOption{func(o *base.CallOptions) { o.ObeyRateLimit = &obey }}
}

// WithRetryTransientErrors sets whether transient failures are retried
// (default false), within the WithMaxRetries budget shared with 429s: the
// statuses 500, 502, 503, 504 and 520–530, a 409 whose reason phrase
// contains "Resource lock", a 2xx answer whose body was cut short,
// connection failures (refused, reset, dropped) and transport timeouts. The
// wait is the answer's Retry-After when it has one, else exponential
// backoff with jitter.
//
// Unlike python-gitlab, which retries every method and can so create an
// object twice, a non-idempotent request (POST, PATCH) is retried only when
// GitLab certainly did not act on it: the connection was never established
// (refused, DNS failure, TLS handshake failure) or the answer was a refusal
// (503, a "Resource lock" 409, and 429 always). A POST answered 502 or
// whose connection broke once it was sent is not retried. GET, HEAD, PUT
// and DELETE are idempotent and retried on every transient failure. An
// upload whose reader cannot seek is never retried. The call's timeout and
// its context's deadline are not transient: they end the call.
func WithRetryTransientErrors(retry bool) SharedOption {
	return SharedOption{func(o *base.CallOptions) { o.RetryTransient = &retry }}
}

// WithParams adds query parameters to one call: filters of Get (statistics,
// ref), parameters GitLab takes on a create or delete, anything the API accepts.
func WithParams(p Params) RequestOption {
	return base.CallOption(func(o *base.CallOptions) {
		if o.Params == nil {
			o.Params = base.Params{}
		}
		maps.Copy(o.Params, p)
	})
}

// WithSetAttrs adds attributes to the body of a Set call, next to its
// value: for a feature flag (gl.Features.Set), GitLab's key
// ("percentage_of_actors" or "percentage_of_time"), feature_group, user,
// group, namespace, project, repository and force. The value given to Set
// wins over a "value" here. Other operations ignore it: Create, Update and
// actions take their attributes as an argument.
// GitLab API: https://docs.gitlab.com/api/features/#set-or-create-a-feature
func WithSetAttrs(attrs Attrs) RequestOption {
	return base.CallOption(func(o *base.CallOptions) {
		if o.SetAttrs == nil {
			o.SetAttrs = base.Attrs{}
		}
		maps.Copy(o.SetAttrs, attrs)
	})
}

// WithQuery sends exactly these query parameters (with the call's page and
// per_page), replacing the call's parameters: python-gitlab's
// query_parameters, for names that clash with a Go keyword or an option.
func WithQuery(q url.Values) RequestOption {
	return base.CallOption(func(o *base.CallOptions) { o.Query = q })
}

// DefaultPrefetch is how many pages of a list All, Scan and Pages fetch at once
// when GitLab reports the page count (base.DefaultPrefetch explains the
// choice); WithPrefetch changes it.
const DefaultPrefetch = base.DefaultPrefetch

// WithPrefetch sets how many pages of an offset-paginated list All, Scan
// and Pages fetch at once, for the whole client or one call: when the first
// page reports the page count (X-Total-Pages), the next ones are requested
// by number, up to n in flight, and still yielded in page order; breaking
// the loop cancels the requests in flight. n = 1 fetches one page after
// the other; n = 0 is DefaultPrefetch. Lists without the page count
// (keyset pagination, or GitLab's lists above 10,000 rows, whose totals it
// omits) are always followed page by page, by their Link header: a keyset
// page is reachable only through the cursor of the page before it.
// GitLab API: https://docs.gitlab.com/api/rest/#pagination
func WithPrefetch(n int) SharedOption {
	return SharedOption{func(o *base.CallOptions) { o.Prefetch = max(n, 0) }}
}

// WithMaxPages stops All, Scan and Pages after n pages (n <= 0: every page), and
// fetches none beyond them: WithMaxPages(1) with All reads one page, as
// python-gitlab's list(get_all=False) does.
func WithMaxPages(n int) RequestOption {
	return base.CallOption(func(o *base.CallOptions) { o.MaxPages = max(n, 0) })
}

// WithKeyset makes one list call use keyset pagination ordered by orderBy
// (for projects: "id"), sending pagination=keyset and order_by (sort, if
// wanted, is a parameter of the call): the per-call form of
// WithKeysetPagination. Keyset pages are fetched one after the other.
// GitLab API: https://docs.gitlab.com/api/rest/#keyset-based-pagination
func WithKeyset(orderBy string) RequestOption {
	return WithParams(Params{"pagination": "keyset", "order_by": orderBy})
}

// PrefetchWindow is the prefetch window of a list call with these options
// (WithPrefetch): the engine's (package base) way to the client's default.
func (c *Client) PrefetchWindow(opts []RequestOption) int {
	if n := c.callOptions(opts).Prefetch; n > 0 {
		return n
	}
	return DefaultPrefetch
}
