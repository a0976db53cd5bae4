// Command initcost links package managers and does nothing else:
// TestDeclarationsAreStaticData runs it with GODEBUG=inittrace=1 to read
// what the package's initialization costs.
package main

import _ "github.com/golab/gitlab/managers"

func main() {}
