module github.com/golab/gitlab

go 1.24

require (
	github.com/go-resty/resty/v2 v2.17.2
	github.com/tidwall/gjson v1.20.1
	github.com/tidwall/sjson v1.2.7
	golang.org/x/time v0.12.0
	gopkg.in/ini.v1 v1.67.3
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.0 // indirect
	golang.org/x/net v0.43.0 // indirect
)
