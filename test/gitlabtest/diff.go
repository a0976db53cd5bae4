package gitlabtest

import (
	"sort"
	"strconv"
	"strings"
)

// Diffs between snapshots of the fake's repository, in GitLab's diff shape
// (https://docs.gitlab.com/api/commits/#get-the-diff-of-a-commit): one
// entry per changed file with the unified diff of its lines (hunks only, no
// ---/+++ header), renames found by identical content.

// fileChange is one file changed between two snapshots; old or new is nil
// when the file is added or deleted.
type fileChange struct {
	oldPath, newPath string
	old, new         *blob
}

// treeChanges lists what changes from one snapshot to another, by path: a
// deleted file whose content reappears under a new path is a rename.
func treeChanges(from, to map[string]*blob) []fileChange {
	var out []fileChange
	var added []string
	for path, b := range to {
		switch o := from[path]; {
		case o == nil:
			added = append(added, path)
		case o.id != b.id:
			out = append(out, fileChange{oldPath: path, newPath: path, old: o, new: b})
		}
	}
	sort.Strings(added)
	var deleted []string
	for path := range from {
		if to[path] == nil {
			deleted = append(deleted, path)
		}
	}
	sort.Strings(deleted)
	for _, d := range deleted {
		ch := fileChange{oldPath: d, newPath: d, old: from[d]}
		for i, a := range added {
			if to[a].id == ch.old.id {
				ch.newPath, ch.new = a, to[a]
				added = append(added[:i], added[i+1:]...)
				break
			}
		}
		out = append(out, ch)
	}
	for _, a := range added {
		out = append(out, fileChange{oldPath: a, newPath: a, new: to[a]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].newPath < out[j].newPath })
	return out
}

// blobMode is the git file mode of a blob, "0" when there is none.
func blobMode(b *blob) string {
	switch {
	case b == nil:
		return "0"
	case isGitlink(b):
		return "160000"
	}
	return "100644"
}

// json renders the change as GitLab's diff object.
func (ch fileChange) json() map[string]any {
	text, _, _ := ch.lines()
	return map[string]any{
		"diff": text, "old_path": ch.oldPath, "new_path": ch.newPath, "a_mode": blobMode(ch.old), "b_mode": blobMode(ch.new),
		"new_file": ch.old == nil, "renamed_file": ch.old != nil && ch.new != nil && ch.oldPath != ch.newPath,
		"deleted_file": ch.new == nil, "generated_file": false,
	}
}

// lines is the unified diff of the change and its counts of added and
// removed lines.
func (ch fileChange) lines() (text string, adds, dels int) {
	var a, b []byte
	if ch.old != nil {
		a = ch.old.content
	}
	if ch.new != nil {
		b = ch.new.content
	}
	return unifiedDiff(string(a), string(b))
}

// diffStats sums the added and removed lines of changes.
func diffStats(changes []fileChange) map[string]any {
	adds, dels := 0, 0
	for _, ch := range changes {
		_, a, d := ch.lines()
		adds += a
		dels += d
	}
	return map[string]any{"additions": adds, "deletions": dels, "total": adds + dels}
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// op is one line of an edit script: ' ' kept, '-' removed, '+' added.
type op struct {
	kind byte
	line string
}

// editScript turns a into b line by line: common prefix and suffix kept,
// the middle by a longest common subsequence when it is small, else
// replaced whole.
func editScript(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []op
	for _, l := range a[:pre] {
		out = append(out, op{' ', l})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) <= 1<<20 {
		out = append(out, lcsScript(ma, mb)...)
	} else {
		for _, l := range ma {
			out = append(out, op{'-', l})
		}
		for _, l := range mb {
			out = append(out, op{'+', l})
		}
	}
	for _, l := range a[len(a)-suf:] {
		out = append(out, op{' ', l})
	}
	return out
}

func lcsScript(a, b []string) []op {
	n, m := len(a), len(b)
	dp := make([][]int32, n+1)
	for i := range dp {
		dp[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	var out []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, op{' ', a[i]})
			i, j = i+1, j+1
		case j < m && (i == n || dp[i][j+1] >= dp[i+1][j]):
			out = append(out, op{'+', b[j]})
			j++
		default:
			out = append(out, op{'-', a[i]})
			i++
		}
	}
	return out
}

// unifiedDiff renders the hunks of git's unified diff with three lines of
// context, and counts the added and removed lines.
func unifiedDiff(a, b string) (text string, adds, dels int) {
	ops := editScript(splitLines(a), splitLines(b))
	const ctx = 3
	var sb strings.Builder
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk: from ctx lines before this change to ctx lines after the
		// last change that is at most 2*ctx kept lines away.
		start := max(0, i-ctx)
		end := i
		for k := i; k < len(ops); k++ {
			if ops[k].kind != ' ' {
				end = k
			} else if k-end > 2*ctx {
				break
			}
		}
		end = min(len(ops), end+ctx+1)
		oldLine, newLine := 1, 1
		for _, o := range ops[:start] {
			if o.kind != '+' {
				oldLine++
			}
			if o.kind != '-' {
				newLine++
			}
		}
		oldN, newN := 0, 0
		var body strings.Builder
		for _, o := range ops[start:end] {
			switch o.kind {
			case '-':
				oldN++
				dels++
			case '+':
				newN++
				adds++
			default:
				oldN++
				newN++
			}
			body.WriteByte(o.kind)
			body.WriteString(o.line)
			if !strings.HasSuffix(o.line, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
		}
		sb.WriteString("@@ -" + hunkRange(oldLine, oldN) + " +" + hunkRange(newLine, newN) + " @@\n")
		sb.WriteString(body.String())
		i = end
	}
	return sb.String(), adds, dels
}

// hunkRange is git's "start,count" (",1" left out; an empty side starts
// at the line before).
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return strconv.Itoa(start-1) + ",0"
	case 1:
		return strconv.Itoa(start)
	}
	return strconv.Itoa(start) + "," + strconv.Itoa(n)
}

// applyChanges replays changes (reversed for a revert) on files, as git's
// cherry-pick does: a file must still be what the change started from. It
// answers the new snapshot, or why it cannot: "empty" when every change is
// already there, "conflict" when a file moved on.
func applyChanges(files map[string]*blob, changes []fileChange, reverse bool) (map[string]*blob, string) {
	out := make(map[string]*blob, len(files))
	for k, v := range files {
		out[k] = v
	}
	applied := false
	for _, ch := range changes {
		fromPath, toPath, from, to := ch.oldPath, ch.newPath, ch.old, ch.new
		if reverse {
			fromPath, toPath, from, to = toPath, fromPath, to, from
		}
		cur := out[fromPath]
		switch {
		case sameBlob(cur, from) && (from != nil || out[toPath] == nil):
			if from != nil {
				delete(out, fromPath)
			}
			if to != nil {
				out[toPath] = to
			}
			applied = true
		case sameBlob(out[toPath], to) && (fromPath == toPath || cur == nil):
			// already there
		default:
			return nil, "conflict"
		}
	}
	if !applied {
		return nil, "empty"
	}
	return out, ""
}

func sameBlob(a, b *blob) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.id == b.id
}
