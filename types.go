package gitlab

import (
	"iter"
	"net/http"

	"github.com/golab/gitlab/base"
)

// The types users need, so that importing this package is enough. Each is
// an alias of the base type of the same name: the field and method docs are
// in package github.com/golab/gitlab/base.
type (
	// Spec declares a manager as data: its Name, its collection Path (with
	// {placeholders} filled from the Parent object, through FromParent when
	// the usual nesting does not say how), the core operations it supports
	// (Ops), the attributes each takes (CreateAttrs, UpdateAttrs), their
	// encodings (Types) and its custom Actions (and ActionGroups, shared
	// with other declarations). Register one with Client.Register (or Registry.Register) and
	// use it at once through Client.Manager or Object.Manager, which return a
	// *Dynamic. The built-in declarations are the <Name>Spec variables of
	// package managers. Fields: go doc github.com/golab/gitlab/base.Spec.
	Spec = base.Spec

	// RequiredOptional lists the attributes an operation takes: all of
	// Required, any of Optional, exactly one of Exclusive (when not empty).
	// Managers return theirs from GetCreateAttrs and GetUpdateAttrs, and
	// check them before sending: a violation is an *AttrError.
	RequiredOptional = base.RequiredOptional

	// Action declares a custom action of a manager (Spec.Actions): an HTTP
	// call such as star, merge or approve, with its Name, Method (POST by
	// default), Path, Attrs, whether it is OnManager rather than on an
	// object, and what its answer means (Result: ResultReplace, ResultNew,
	// ResultRaw, ResultNone). Typed objects have a method per action
	// (project.Star); on a *Dynamic, run one with Do.
	Action = base.Action

	// ActionResult tells what an action's answer means (Action.Result):
	// ResultRaw, ResultReplace, ResultNew or ResultNone.
	ActionResult = base.ActionResult

	// Ops is a set of core operations (OpList, OpGet, OpCreate, …, or the
	// composites OpsCRUD, OpsRetrieve, OpsNoUpdate), combined with |. Has
	// tests for one; String lists them ("list,get,create").
	Ops = base.Ops

	// AttrTypes lists the attributes of each AttrType, a Spec's or an
	// Action's Types: AttrTypes{Array: []string{"scope"}}.
	AttrTypes = base.AttrTypes

	// AttrType tells how an attribute is encoded on the wire (AttrTypes):
	// TypeArray, TypeCommaSeparatedList, TypeCommaSeparatedString,
	// TypeLowercase, TypeFile, TypeImage or TypeJSON.
	AttrType = base.AttrType

	// Registry holds manager declarations (Specs) by name; every client owns
	// one, a copy of the built-ins (NewRegistry). Register adds a Spec;
	// Lookup, Specs and Children read them; Clone copies. Share one among
	// clients with WithRegistry; reach a client's with Client.Registry.
	Registry = base.Registry

	// Object is one GitLab resource: the server's JSON kept as it came, plus
	// the changes made with Set. Typed objects (*managers.Project,
	// *managers.ProjectIssue, …) embed it and add Save, Delete, Refresh,
	// their sub-managers (project.Issues()) and actions (project.Star).
	//
	// Read with GetString, GetInt, GetBool, GetFloat, GetTime, GetStrings,
	// Attr (one attribute), Lookup (a gjson path such as "namespace.id"),
	// Value (an error when missing: *MissingAttrError), Has, Attributes (a
	// map copy) or Decode (into your struct). Change with Set and SetRaw;
	// Changes, Dirty and DiscardChanges report or drop pending changes.
	// ID, String ("<projects id:1 path_with_namespace:demo/website>"), Spec,
	// IsLazy and FromList describe it; Manager(name) reaches a sub-manager
	// declared at run time. json.Marshal gives GitLab's JSON with the
	// pending changes applied. Every method: go doc
	// github.com/golab/gitlab/base.Object.
	Object = base.Object

	// Dynamic is a manager found by name at run time: Client.Manager("name")
	// for root managers, object.Manager("name") for sub-managers. It has
	// every operation as a method (List, All, Head, Get, Lazy, Create,
	// Update, Delete, Set, Save, Refresh, and Do for custom actions), each
	// checked against the Spec: an undeclared one is an *OpError, with no
	// request. Objects are plain *Object values. Spec returns the
	// declaration, GetCreateAttrs and GetUpdateAttrs its attributes, Err why
	// the manager cannot work (an unknown name). Typed managers (gl.Projects)
	// check operations at compile time instead. See Client.Register for an
	// example.
	Dynamic = base.Dynamic

	// Params are query parameters for List, All, Head, HTTPGet and HTTPList
	// (and for any call, through WithParams): any name, with values of type string,
	// bool, any number, time.Time, a slice of those (labels[]=a&labels[]=b,
	// or a,b for comma-separated attributes) or map[string]any (key[sub]=v).
	// nil values are not sent.
	Params = base.Params

	// Attrs are the attributes of a Create, Update, action or HTTPPost,
	// checked against the manager's RequiredOptional before sending, and
	// sent as JSON, or as multipart when a TypeFile or TypeImage attribute
	// holds a file (a FileContent, io.Reader, []byte or non-empty string).
	Attrs = base.Attrs

	// FileContent is a file to upload as an attribute (Attrs) of type
	// TypeFile or TypeImage, such as a project's avatar: its Name (the file
	// name GitLab records) and its Data.
	FileContent = base.FileContent

	// Response is a successful answer, as the HTTP helpers (HTTPGet, …),
	// Client.Do and actions (Dynamic.Do) return it: StatusCode, Header, URL
	// and the raw Body. JSON reads the body with gjson; Decode unmarshals it
	// into a value.
	Response = base.Response

	// RequestOption changes one call: give it last to any manager method or
	// HTTP helper. WithParams and WithQuery add query parameters; WithSudo,
	// WithTimeout, WithHeader, WithMaxRetries, WithObeyRateLimit and
	// WithRetryTransientErrors (SharedOption values) work per call as they do
	// for the whole client.
	RequestOption = base.RequestOption

	// Error is a failed request: a non-2xx answer, or none (StatusCode 0,
	// the cause in Err). It prints as "404: 404 Project Not Found"; Describe
	// adds the operation and URL. Fields: Op ("get", "create", "star", …),
	// Method, URL, StatusCode, Message, Details, Body, Header, RequestID and
	// Attempts; FieldErrors gives GitLab's validation errors by field. Match
	// a status with errors.Is(err, ErrNotFound) (also ErrUnauthorized,
	// ErrForbidden, ErrConflict, ErrRateLimited, ErrNotModified), read the
	// details with errors.As. The other errors of this package: ParseError,
	// AttrError, MissingAttrError, PathError, OpError, ConfigError,
	// RedirectError.
	Error = base.Error

	// ParseError is a 2xx answer that is not what the call needs (not JSON,
	// truncated, or of the wrong shape): Reason says what was wrong,
	// Snippet shows the start of what came back, with Op, Method, URL,
	// StatusCode and ContentType.
	ParseError = base.ParseError

	// AttrError reports, before any request, required attributes that are
	// Missing, or an Exclusive set of which not exactly one was Given. The
	// manager's GetCreateAttrs and GetUpdateAttrs list what it takes.
	AttrError = base.AttrError

	// MissingAttrError is what Object.Value returns for an attribute the
	// object lacks (Manager, Attr), saying when the object came from a list
	// (FromList: lists may hold fewer attributes; Get fetches the whole
	// object) or is lazy (Lazy: Refresh fetches it).
	MissingAttrError = base.MissingAttrError

	// PathError reports a sub-manager whose path needs a value (Placeholder)
	// that its parent object lacks (ParentAttr): nothing is sent to a wrong
	// URL.
	PathError = base.PathError

	// OpError reports a call to an operation or action a *Dynamic manager
	// does not declare, with no request: Op was asked for, Ops and Actions
	// are what the manager declares, and the message names them all.
	OpError = base.OpError
)

// Page is one page of a list, returned by List and Head: its Items, and
// GitLab's pagination facts Page, PerPage, NextPage and PrevPage (0 when
// there is none), Total and TotalPages (-1 when GitLab does not say: above
// 10,000 rows, or with keyset pagination) and NextURL. To walk every page,
// use the manager's All instead (an iterator that fetches pages as the loop
// goes), and Collect to gather them into a slice.
type Page[T any] = base.Page[T]

// The core operations a Spec declares (Spec.Ops, combined with |), and their
// composites. A typed manager has the methods of exactly these; a *Dynamic
// refuses the others with an *OpError.
const (
	OpList         = base.OpList         // List, All and Head: GET path
	OpGet          = base.OpGet          // Get: GET path/{id}
	OpGetWithoutID = base.OpGetWithoutID // Get of a singleton: GET path
	OpCreate       = base.OpCreate       // Create: POST path
	OpUpdate       = base.OpUpdate       // Update and Save: PUT (or POST, PATCH) path/{id}
	OpDelete       = base.OpDelete       // Delete: DELETE path/{id}
	OpSet          = base.OpSet          // Set: PUT or POST path/{key} with {"value": v}
	// OpsRetrieve is OpList|OpGet (python-gitlab's RetrieveMixin).
	OpsRetrieve = base.OpsRetrieve
	// OpsCRUD is list, get, create, update and delete (CRUDMixin).
	OpsCRUD = base.OpsCRUD
	// OpsNoUpdate is list, get, create and delete (NoUpdateMixin).
	OpsNoUpdate = base.OpsNoUpdate
	// IDAttrNone is the Spec.IDAttr of objects without an ID in their URL
	// (singletons such as /user or a project's push rule).
	IDAttrNone = base.IDAttrNone
)

// Attribute types (AttrType, listed in a Spec's AttrTypes): how an attribute is encoded on
// the wire. Attributes without a type are sent as given.
const (
	TypeArray                = base.TypeArray                // key[]=a&key[]=b in queries, a JSON array in bodies
	TypeCommaSeparatedList   = base.TypeCommaSeparatedList   // key=a,b in queries, a JSON array in bodies
	TypeCommaSeparatedString = base.TypeCommaSeparatedString // key=a,b in queries and in bodies
	TypeLowercase            = base.TypeLowercase            // lowercased in queries
	TypeFile                 = base.TypeFile                 // a multipart file upload
	TypeImage                = base.TypeImage                // a multipart image upload ("" removes the image)
	TypeJSON                 = base.TypeJSON                 // a JSON document given as a string, checked before sending
)

// What an action's answer means (ActionResult, in Action.Result).
const (
	ResultRaw     = base.ResultRaw     // returned as a *Response; the object is unchanged
	ResultReplace = base.ResultReplace // replaces the object's data (star, merge)
	ResultNew     = base.ResultNew     // is a new object of the same manager (fork)
	ResultNone    = base.ResultNone    // is ignored (no body expected)
)

// Errors matched with errors.Is against an *Error, by HTTP status: 304, 401,
// 403, 404, 409 and 429.
var (
	ErrNotModified  = base.ErrNotModified
	ErrUnauthorized = base.ErrUnauthorized
	ErrForbidden    = base.ErrForbidden
	ErrNotFound     = base.ErrNotFound
	ErrConflict     = base.ErrConflict
	ErrRateLimited  = base.ErrRateLimited
	// ErrRepeatedPage ends an iteration whose next page was already fetched.
	ErrRepeatedPage = base.ErrRepeatedPage
	// ErrBodyTooLarge is a successful answer larger than WithMaxBodySize.
	ErrBodyTooLarge = base.ErrBodyTooLarge
)

// LinkURL returns the target of a Link header entry ("next", "prev",
// "first", "last"), for code that paginates by hand. It is returned as
// written, possibly relative: resolve it against the answer's URL
// (Response.URL) with url.URL.ResolveReference, as Page.NextURL is.
func LinkURL(h http.Header, rel string) string { return base.LinkURL(h, rel) }

// Collect gathers every value of an iterator such as a manager's All,
// stopping at the first error: python-gitlab's list(get_all=True).
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) { return base.Collect(seq) }

// EscapeID encodes s as one URL path segment, for the paths given to HTTPGet
// and the other HTTP helpers: everything but letters, digits and -._~ is
// percent-encoded, so "group/sub/project" becomes "group%2Fsub%2Fproject"
// (dots stay). Managers escape IDs themselves; escape each full path, file
// path or branch name you put in a raw path, exactly once:
//
//	gl.HTTPGet(ctx, "/projects/"+gitlab.EscapeID("group/sub/project")+"/repository/files/"+gitlab.EscapeID("docs/README.md"), gitlab.Params{"ref": "main"})
func EscapeID(s string) string { return base.EscapeID(s) }
