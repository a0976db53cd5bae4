package gitlab

import "github.com/go-resty/resty/v2"

// retrySettings holds the client-wide retry and rate-limit settings.
type retrySettings struct{}

// configureRetries installs the retry policy on the HTTP client.
func (c *Client) configureRetries(rc *resty.Client) {}
