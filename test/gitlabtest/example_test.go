package gitlabtest_test

import (
	"fmt"
	"io"
	"net/http"

	"github.com/golab/gitlab/test/gitlabtest"
)

// A fake GitLab answers plain HTTP requests; /version needs a token, passed
// here with the private_token query parameter.
func ExampleNew() {
	srv, err := gitlabtest.New()
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	resp, err := http.Get(srv.APIURL() + "/version?private_token=" + gitlabtest.DefaultAdminToken)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	fmt.Println(string(body))
	// Output:
	// 200 application/json
	// {"revision":"6c1d5e3a4b2","version":"17.5.0-ee"}
}
