package gitlab

import (
	"iter"
	"net/http"

	"github.com/golab/gitlab/base"
)

// The types users need, so that importing this package is enough.
type (
	// Spec declares a manager. See base.Spec.
	Spec = base.Spec
	// RequiredOptional lists the attributes of an operation.
	RequiredOptional = base.RequiredOptional
	// Action declares a custom action of a manager.
	Action = base.Action
	// Ops is a set of core operations.
	Ops = base.Ops
	// AttrType tells how an attribute is encoded.
	AttrType = base.AttrType
	// Registry holds manager declarations.
	Registry = base.Registry
	// Object is a GitLab resource kept as raw JSON with pending changes.
	Object = base.Object
	// Dynamic is a manager built from a Spec alone, checked at run time.
	Dynamic = base.Dynamic
	// Params are query parameters.
	Params = base.Params
	// Attrs are the attributes of a create or update.
	Attrs = base.Attrs
	// FileContent names a file to upload and its content.
	FileContent = base.FileContent
	// Response is a successful answer (low-level calls and actions).
	Response = base.Response
	// RequestOption changes one call.
	RequestOption = base.RequestOption
	// Error is a failed request.
	Error = base.Error
	// ParseError is a 2xx answer that could not be read.
	ParseError = base.ParseError
	// AttrError reports missing or conflicting attributes before a request.
	AttrError = base.AttrError
	// MissingAttrError reports reading an attribute an object lacks.
	MissingAttrError = base.MissingAttrError
	// PathError reports a path placeholder with no value.
	PathError = base.PathError
	// OpError reports an operation a dynamic manager does not declare.
	OpError = base.OpError
)

// Page is one page of a list.
type Page[T any] = base.Page[T]

// The core operations and their composites.
const (
	OpList         = base.OpList
	OpGet          = base.OpGet
	OpGetWithoutID = base.OpGetWithoutID
	OpCreate       = base.OpCreate
	OpUpdate       = base.OpUpdate
	OpDelete       = base.OpDelete
	OpSet          = base.OpSet
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

// Attribute types (Spec.Types): how an attribute is encoded on the wire.
const (
	TypeArray                = base.TypeArray
	TypeCommaSeparatedList   = base.TypeCommaSeparatedList
	TypeCommaSeparatedString = base.TypeCommaSeparatedString
	TypeLowercase            = base.TypeLowercase
	TypeFile                 = base.TypeFile
	TypeImage                = base.TypeImage
	TypeJSON                 = base.TypeJSON
)

// What an action's answer means (Action.Result).
const (
	ResultRaw     = base.ResultRaw
	ResultReplace = base.ResultReplace
	ResultNew     = base.ResultNew
	ResultNone    = base.ResultNone
)

// Errors matched with errors.Is.
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

// Collect gathers every value of an iterator such as Lister.All, stopping
// at the first error: python-gitlab's list(get_all=True).
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) { return base.Collect(seq) }
