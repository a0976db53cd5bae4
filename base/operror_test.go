package base

import "testing"

func TestOpErrorMessage(t *testing.T) {
	spec := &Spec{Name: "w", Path: "/w", Ops: OpList | OpGet, Actions: []Action{{Name: "polish"}, {Name: "spin", OnManager: true}}}
	for _, tc := range []struct {
		err  *OpError
		want string
	}{
		{NewOpError(spec, "delete"), "gitlab: manager w does not support delete (it declares: list,get; actions: polish, spin)"},
		{NewOpError(&Spec{Name: "w", Ops: OpList}, "x"), "gitlab: manager w does not support x (it declares: list; no actions)"},
		{NewOpError(&Spec{Name: "w", Actions: []Action{{Name: "a"}}}, "list"), "gitlab: manager w does not support list (it declares: no operations; actions: a)"},
		// Built without the actions (nil): the message does not claim there are none.
		{&OpError{Manager: "w", Op: "x", Ops: OpList}, "gitlab: manager w does not support x (it declares: list)"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}
