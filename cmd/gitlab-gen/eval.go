package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"net/http"
	"reflect"
	"strconv"

	"github.com/golab/gitlab/base"
)

// constants are the exported constants a declaration may name, by their
// name in package base (or the root package gitlab, which re-exports them).
var constants = map[string]any{
	"OpList": base.OpList, "OpGet": base.OpGet, "OpGetWithoutID": base.OpGetWithoutID,
	"OpCreate": base.OpCreate, "OpUpdate": base.OpUpdate, "OpDelete": base.OpDelete, "OpSet": base.OpSet,
	"OpsRetrieve": base.OpsRetrieve, "OpsCRUD": base.OpsCRUD, "OpsNoUpdate": base.OpsNoUpdate,
	"IDAttrNone": base.IDAttrNone,
	"TypeArray":  base.TypeArray, "TypeCommaSeparatedList": base.TypeCommaSeparatedList,
	"TypeCommaSeparatedString": base.TypeCommaSeparatedString, "TypeLowercase": base.TypeLowercase,
	"TypeFile": base.TypeFile, "TypeImage": base.TypeImage, "TypeJSON": base.TypeJSON,
	"ResultRaw": base.ResultRaw, "ResultReplace": base.ResultReplace, "ResultNew": base.ResultNew, "ResultNone": base.ResultNone,
	"ResultList": base.ResultList, "ResultDownload": base.ResultDownload,
	// net/http's method names, which declarations may use for Method fields.
	"MethodGet": http.MethodGet, "MethodHead": http.MethodHead, "MethodPost": http.MethodPost,
	"MethodPut": http.MethodPut, "MethodPatch": http.MethodPatch, "MethodDelete": http.MethodDelete,
}

// evaluator computes the value of declarations written as Go literals:
// composite literals, strings, numbers, the constants above, | and +,
// append, slices.Concat, and references to other package-level variables
// and constants.
// Declarations are data, so that is all they need.
type evaluator struct {
	fset  *token.FileSet
	decls map[string]ast.Expr // package-level var and const values, by name
	busy  map[string]bool     // names being evaluated, to report cycles
}

func (e *evaluator) errorf(n ast.Node, format string, a ...any) error {
	return fmt.Errorf("%s: %s", e.fset.Position(n.Pos()), fmt.Sprintf(format, a...))
}

// eval evaluates x as a value of type t.
func (e *evaluator) eval(x ast.Expr, t reflect.Type) (reflect.Value, error) {
	switch x := x.(type) {
	case *ast.ParenExpr:
		return e.eval(x.X, t)
	case *ast.UnaryExpr:
		if x.Op != token.AND || t.Kind() != reflect.Pointer {
			return reflect.Value{}, e.errorf(x, "unsupported %s expression", x.Op)
		}
		v, err := e.eval(x.X, t.Elem())
		if err != nil {
			return v, err
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(v)
		return p, nil
	case *ast.CompositeLit:
		return e.composite(x, t)
	case *ast.BasicLit:
		return e.basic(x, t)
	case *ast.Ident:
		switch x.Name {
		case "true", "false":
			return convert(reflect.ValueOf(x.Name == "true"), t, e, x)
		case "nil":
			return reflect.Zero(t), nil
		}
		def, ok := e.decls[x.Name]
		if !ok {
			return reflect.Value{}, e.errorf(x, "%s is not a package-level variable or constant of the declarations", x.Name)
		}
		if e.busy[x.Name] {
			return reflect.Value{}, e.errorf(x, "%s refers to itself", x.Name)
		}
		e.busy[x.Name] = true
		defer delete(e.busy, x.Name)
		return e.eval(def, t)
	case *ast.SelectorExpr:
		c, ok := constants[x.Sel.Name]
		if !ok {
			return reflect.Value{}, e.errorf(x, "unknown constant %s", x.Sel.Name)
		}
		return convert(reflect.ValueOf(c), t, e, x)
	case *ast.BinaryExpr:
		a, err := e.eval(x.X, t)
		if err != nil {
			return a, err
		}
		b, err := e.eval(x.Y, t)
		if err != nil {
			return b, err
		}
		out := reflect.New(t).Elem()
		switch {
		case x.Op == token.OR && isUint(t):
			out.SetUint(a.Uint() | b.Uint())
		case x.Op == token.ADD && t.Kind() == reflect.String:
			out.SetString(a.String() + b.String())
		default:
			return reflect.Value{}, e.errorf(x, "unsupported operator %s on %s", x.Op, t)
		}
		return out, nil
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Concat" && t.Kind() == reflect.Slice && !x.Ellipsis.IsValid() {
			s := reflect.MakeSlice(t, 0, 0)
			for _, arg := range x.Args { // slices.Concat(a, b, ...)
				v, err := e.eval(arg, t)
				if err != nil {
					return v, err
				}
				s = reflect.AppendSlice(s, v)
			}
			return s, nil
		}
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "append" && t.Kind() == reflect.Slice && len(x.Args) > 0 {
			s, err := e.eval(x.Args[0], t)
			if err != nil {
				return s, err
			}
			s = reflect.AppendSlice(reflect.MakeSlice(t, 0, s.Len()), s)
			for i, arg := range x.Args[1:] {
				if x.Ellipsis.IsValid() && i == len(x.Args)-2 {
					rest, err := e.eval(arg, t)
					if err != nil {
						return rest, err
					}
					s = reflect.AppendSlice(s, rest)
					continue
				}
				v, err := e.eval(arg, t.Elem())
				if err != nil {
					return v, err
				}
				s = reflect.Append(s, v)
			}
			return s, nil
		}
	}
	return reflect.Value{}, e.errorf(x, "a declaration must be a literal value (%T is not supported)", x)
}

func (e *evaluator) composite(x *ast.CompositeLit, t reflect.Type) (reflect.Value, error) {
	out := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.Struct:
		for _, el := range x.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return out, e.errorf(el, "fields of %s must be named", t)
			}
			name, ok := kv.Key.(*ast.Ident)
			if !ok {
				return out, e.errorf(kv.Key, "bad field name")
			}
			f, ok := t.FieldByName(name.Name)
			if !ok {
				return out, e.errorf(kv.Key, "%s has no field %s", t, name.Name)
			}
			v, err := e.eval(kv.Value, f.Type)
			if err != nil {
				return out, err
			}
			out.FieldByIndex(f.Index).Set(v)
		}
	case reflect.Slice:
		out = reflect.MakeSlice(t, 0, len(x.Elts))
		for _, el := range x.Elts {
			v, err := e.eval(el, t.Elem())
			if err != nil {
				return out, err
			}
			out = reflect.Append(out, v)
		}
	case reflect.Map:
		out = reflect.MakeMapWithSize(t, len(x.Elts))
		for _, el := range x.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return out, e.errorf(el, "map entries need keys")
			}
			k, err := e.eval(kv.Key, t.Key())
			if err != nil {
				return out, err
			}
			v, err := e.eval(kv.Value, t.Elem())
			if err != nil {
				return out, err
			}
			out.SetMapIndex(k, v)
		}
	case reflect.Pointer:
		v, err := e.composite(x, t.Elem())
		if err != nil {
			return v, err
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(v)
		return p, nil
	default:
		return out, e.errorf(x, "a composite literal cannot be a %s", t)
	}
	return out, nil
}

func (e *evaluator) basic(x *ast.BasicLit, t reflect.Type) (reflect.Value, error) {
	switch x.Kind {
	case token.STRING:
		s, err := strconv.Unquote(x.Value)
		if err != nil {
			return reflect.Value{}, e.errorf(x, "%v", err)
		}
		return convert(reflect.ValueOf(s), t, e, x)
	case token.INT:
		n, err := strconv.ParseInt(x.Value, 0, 64)
		if err != nil {
			return reflect.Value{}, e.errorf(x, "%v", err)
		}
		return convert(reflect.ValueOf(n), t, e, x)
	}
	return reflect.Value{}, e.errorf(x, "unsupported literal %s", x.Value)
}

func convert(v reflect.Value, t reflect.Type, e *evaluator, at ast.Node) (reflect.Value, error) {
	if !v.Type().ConvertibleTo(t) || (v.Kind() == reflect.String) != (t.Kind() == reflect.String) {
		return reflect.Value{}, e.errorf(at, "a %s cannot be a %s", v.Type(), t)
	}
	return v.Convert(t), nil
}

func isUint(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}
