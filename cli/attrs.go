package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/golab/gitlab"
	"github.com/golab/gitlab/base"
)

// parseValue turns an option's text into the value sent, as python-gitlab's
// command line does:
//
//   - @path is replaced by the content of the file path (~ expands to the
//     home directory); @@x is the text @x. A file attribute (TypeFile,
//     TypeImage) given as @path is uploaded from the file as it is read,
//     never held in memory whole.
//   - Array, comma-separated list and comma-separated string attributes are
//     split on commas, each item trimmed; an empty value is an empty list.
//   - A JSON attribute must hold a JSON document.
//   - Anything else is sent as the text given (GitLab converts "true" or
//     "42" itself).
func parseValue(attr, raw string, t base.AttrType) (any, error) {
	opt := "--" + flagName(attr)
	switch {
	case strings.HasPrefix(raw, "@@"):
		raw = raw[1:]
	case strings.HasPrefix(raw, "@"):
		path := expandHome(raw[1:])
		if t == base.TypeFile || t == base.TypeImage {
			f, err := os.Open(path)
			if err != nil {
				return nil, usagef("%s: cannot read %s: %v", opt, raw, pathErr(err))
			}
			// Closed when the process ends; one file per option.
			return gitlab.FileContent{Name: uploadName(attr, t, path), Data: f}, nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, usagef("%s: cannot read %s: %v", opt, raw, pathErr(err))
		}
		if !utf8.Valid(data) && t != base.TypeJSON {
			return data, nil // binary content, sent as it is
		}
		raw = string(data)
	}
	switch t {
	case base.TypeArray, base.TypeCommaSeparatedList, base.TypeCommaSeparatedString:
		if strings.TrimSpace(raw) == "" {
			return []string{}, nil
		}
		items := strings.Split(raw, ",")
		for i := range items {
			items[i] = strings.TrimSpace(items[i])
		}
		return items, nil
	case base.TypeJSON:
		if !json.Valid([]byte(raw)) {
			return nil, usagef("%s: the value is not a JSON document", opt)
		}
		return raw, nil
	}
	return raw, nil
}

// uploadName is the file name a file attribute is sent with: the
// attribute's name, and "<name>.png" for images, as python-gitlab sends them.
func uploadName(attr string, t base.AttrType, path string) string {
	if t == base.TypeImage {
		return attr + ".png"
	}
	return filepath.Base(path)
}

// expandHome expands a leading ~ to the home directory.
func expandHome(p string) string {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, p[1:])
}

// pathErr is the cause of a file error without the path, which the
// message already names.
func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
