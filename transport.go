package gitlab

import (
	"github.com/go-resty/resty/v2"
)

// connSettings holds the connection options (TLS, proxies, redirects,
// basic auth, keep_base_url).
type connSettings struct{}

// newResty builds the HTTP client every request goes through.
func (c *Client) newResty() *resty.Client {
	var rc *resty.Client
	if c.s.httpClient != nil {
		rc = resty.NewWithClient(c.s.httpClient)
	} else {
		rc = resty.New()
		rc.SetCookieJar(nil) // GitLab's API needs no cookies; a custom client keeps its own jar
	}
	rc.SetHeader("User-Agent", c.s.userAgent)
	switch {
	case c.s.privateToken != "":
		rc.SetHeader("PRIVATE-TOKEN", c.s.privateToken)
	case c.s.oauthToken != "":
		rc.SetHeader("Authorization", "Bearer "+c.s.oauthToken)
	case c.s.jobToken != "":
		rc.SetHeader("JOB-TOKEN", c.s.jobToken)
	}
	rc.SetLogger(discardLogger{})
	return rc
}

// rewriteLink is applied to absolute URLs (pagination links) before they
// are requested.
func (c *Client) rewriteLink(u string) string { return u }
