package schema

import (
	"encoding/json"
	"iter"
	"maps"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// deduper makes compiled schemas that check the same share one copy: the
// compiler makes a schema object (some 900 bytes, with its maps, slices
// and regexps) for every place in the document, and a document's request
// rules repeat the same small schemas (a uuid, a string of at most 255, an
// aid with its pattern) at hundreds of places: two thirds of the objects.
//
// Two schemas are the same when every field the validator reads is equal,
// with their subschemas already shared (so equal subschemas are the same
// object). Their Location and annotations (title, description, default,
// examples, $comment, deprecated) may differ: the validator reads
// Location only to write AbsoluteKeywordLocation, and violations read the
// rule's value there (Violation.Parameter), which is the same in both. A
// schema with anything the deduper does not compare (extensions, dynamic
// anchors, a value of an unexpected type) stays as it is.
// TestDeduperKnowsEverySchemaField fails when the library's Schema gains a
// field, so that the key is looked at again.
//
// Sharing never puts a schema inside itself (equal schemas have subtrees
// of the same height), so the validator's loop check sees what it saw
// before. It runs on a set being loaded, before anything else reads it.
type deduper struct {
	// canon maps each schema visited to the one that stands for it; nil
	// while its subschemas are being visited.
	canon   map[*jsonschema.Schema]*jsonschema.Schema
	byKey   map[string]*jsonschema.Schema
	buf     []byte   // the key being written
	ok      bool     // whether the key compares everything the schema holds
	names   []string // map keys being sorted
	interns map[string]string
}

func newDeduper() *deduper {
	return &deduper{canon: make(map[*jsonschema.Schema]*jsonschema.Schema, 1024), byKey: make(map[string]*jsonschema.Schema, 512),
		interns: map[string]string{}}
}

// visit shares s's subschemas, then returns the schema that stands for s.
func (d *deduper) visit(s *jsonschema.Schema) *jsonschema.Schema {
	if s == nil {
		return nil
	}
	if c, ok := d.canon[s]; ok {
		if c == nil {
			return s // a schema inside itself: left as it is
		}
		return c
	}
	d.canon[s] = nil
	d.share(s)
	c := s
	if d.key(s) {
		if prev, found := d.byKey[string(d.buf)]; found {
			c = prev
		} else {
			c = d.compactCopy(s)
			d.byKey[string(d.buf)] = c
		}
	}
	d.canon[s] = c
	return c
}

// compactCopy is a copy of s, with its own copies of the location, the
// property map, the type, required and enum lists and the strings in them. The compiler made s among its working garbage (a decoded
// copy of the document, URLs); a kept object there, once the garbage is
// collected, holds a whole page of memory. The copies, made one after the
// other, lie together.
func (d *deduper) compactCopy(s *jsonschema.Schema) *jsonschema.Schema {
	c := new(jsonschema.Schema)
	*c = *s
	c.Location = strings.Clone(s.Location)
	if s.Properties != nil {
		c.Properties = make(map[string]*jsonschema.Schema, len(s.Properties))
		for k, p := range s.Properties {
			c.Properties[d.intern(k)] = p
		}
	}
	c.Types = d.interned(s.Types)
	c.Required = d.interned(s.Required)
	c.Format = d.intern(s.Format)
	if s.Enum != nil {
		c.Enum = make([]any, len(s.Enum))
		for i, v := range s.Enum {
			if str, ok := v.(string); ok {
				v = d.intern(str)
			}
			c.Enum[i] = v
		}
	}
	return c
}

// intern is one copy of s for the deduper's copies.
func (d *deduper) intern(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := d.interns[s]; ok {
		return c
	}
	c := strings.Clone(s)
	d.interns[c] = c
	return c
}

func (d *deduper) interned(l []string) []string {
	if l == nil {
		return nil
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = d.intern(s)
	}
	return out
}

// share replaces s's subschemas by the ones that stand for them.
func (d *deduper) share(s *jsonschema.Schema) {
	s.Ref = d.visit(s.Ref)
	s.RecursiveRef = d.visit(s.RecursiveRef)
	s.DynamicRef = d.visit(s.DynamicRef)
	s.Not = d.visit(s.Not)
	d.list(s.AllOf)
	d.list(s.AnyOf)
	d.list(s.OneOf)
	s.If, s.Then, s.Else = d.visit(s.If), d.visit(s.Then), d.visit(s.Else)
	for k, p := range s.Properties {
		s.Properties[k] = d.visit(p)
	}
	s.PropertyNames = d.visit(s.PropertyNames)
	for k, p := range s.PatternProperties {
		s.PatternProperties[k] = d.visit(p)
	}
	s.AdditionalProperties = d.either(s.AdditionalProperties)
	for k, v := range s.Dependencies {
		s.Dependencies[k] = d.either(v)
	}
	for k, p := range s.DependentSchemas {
		s.DependentSchemas[k] = d.visit(p)
	}
	s.UnevaluatedProperties = d.visit(s.UnevaluatedProperties)
	s.Items = d.either(s.Items)
	s.AdditionalItems = d.either(s.AdditionalItems)
	d.list(s.PrefixItems)
	s.Items2020 = d.visit(s.Items2020)
	s.Contains = d.visit(s.Contains)
	s.UnevaluatedItems = d.visit(s.UnevaluatedItems)
	s.ContentSchema = d.visit(s.ContentSchema)
}

func (d *deduper) list(l []*jsonschema.Schema) {
	for i, p := range l {
		l[i] = d.visit(p)
	}
}

// either is a field that holds a schema, a list of them or something else
// (a bool, a list of names).
func (d *deduper) either(v any) any {
	switch t := v.(type) {
	case *jsonschema.Schema:
		if t != nil {
			return d.visit(t)
		}
	case []*jsonschema.Schema:
		d.list(t)
	}
	return v
}

// unexported are the library's unexported Schema fields the key reads (by
// reflection: the meta-schema and vocabulary come from the document's
// $schema, the format, decoder and media type functions from Format,
// ContentEncoding and ContentMediaType with one compiler's settings, the
// enum error from Enum).
var unexported = func() (f struct{ meta, vocab, dynamicAnchors, dynamicRefAnchor int }) {
	t := reflect.TypeOf(jsonschema.Schema{})
	idx := func(name string) int {
		sf, ok := t.FieldByName(name)
		if !ok {
			return -1 // TestDeduperKnowsEverySchemaField reports it
		}
		return sf.Index[0]
	}
	f.meta, f.vocab, f.dynamicAnchors, f.dynamicRefAnchor = idx("meta"), idx("vocab"), idx("dynamicAnchors"), idx("dynamicRefAnchor")
	return f
}()

// key writes s's key into d.buf: every field validation reads, in a fixed
// order, subschemas by identity. False where s holds something it does
// not compare.
func (d *deduper) key(s *jsonschema.Schema) bool {
	d.buf, d.ok = d.buf[:0], true
	rv := reflect.ValueOf(s).Elem()
	if unexported.meta < 0 || unexported.vocab < 0 || unexported.dynamicAnchors < 0 || unexported.dynamicRefAnchor < 0 ||
		rv.Field(unexported.dynamicAnchors).Len() > 0 || len(s.Extensions) > 0 {
		return false
	}
	d.uint(uint64(uintptr(unsafe.Pointer(s.Draft))))
	d.uint(uint64(rv.Field(unexported.meta).Pointer()))
	vocab := rv.Field(unexported.vocab)
	d.int(vocab.Len())
	for i := 0; i < vocab.Len(); i++ {
		d.str(vocab.Index(i).String())
	}
	d.str(s.Format)
	if s.Always != nil {
		d.bool(*s.Always)
	} else {
		d.buf = append(d.buf, 'n')
	}
	d.ptr(s.Ref)
	d.bool(s.RecursiveAnchor)
	d.ptr(s.RecursiveRef)
	d.str(s.DynamicAnchor)
	d.ptr(s.DynamicRef)
	d.str(rv.Field(unexported.dynamicRefAnchor).String())
	d.strs(s.Types)
	d.values(s.Constant)
	d.values(s.Enum)
	d.ptr(s.Not)
	d.ptrs(s.AllOf)
	d.ptrs(s.AnyOf)
	d.ptrs(s.OneOf)
	d.ptr(s.If)
	d.ptr(s.Then)
	d.ptr(s.Else)
	d.int(s.MinProperties)
	d.int(s.MaxProperties)
	d.strs(s.Required)
	d.schemaMap(s.Properties)
	d.ptr(s.PropertyNames)
	d.bool(s.RegexProperties)
	d.int(len(s.PatternProperties))
	if len(s.PatternProperties) > 0 {
		for _, re := range slices.SortedFunc(maps.Keys(s.PatternProperties), func(a, b *regexp.Regexp) int { return strings.Compare(a.String(), b.String()) }) {
			d.str(re.String())
			d.ptr(s.PatternProperties[re])
		}
	}
	d.anyKey(s.AdditionalProperties)
	d.int(len(s.Dependencies))
	for _, k := range d.sorted(maps.Keys(s.Dependencies)) {
		d.str(k)
		d.anyKey(s.Dependencies[k])
	}
	d.int(len(s.DependentRequired))
	for _, k := range d.sorted(maps.Keys(s.DependentRequired)) {
		d.str(k)
		d.strs(s.DependentRequired[k])
	}
	d.schemaMap(s.DependentSchemas)
	d.ptr(s.UnevaluatedProperties)
	d.int(s.MinItems)
	d.int(s.MaxItems)
	d.bool(s.UniqueItems)
	d.anyKey(s.Items)
	d.anyKey(s.AdditionalItems)
	d.ptrs(s.PrefixItems)
	d.ptr(s.Items2020)
	d.ptr(s.Contains)
	d.bool(s.ContainsEval)
	d.int(s.MinContains)
	d.int(s.MaxContains)
	d.ptr(s.UnevaluatedItems)
	d.int(s.MinLength)
	d.int(s.MaxLength)
	if s.Pattern != nil {
		d.str(s.Pattern.String())
	} else {
		d.buf = append(d.buf, 'n')
	}
	d.str(s.ContentEncoding)
	d.str(s.ContentMediaType)
	d.ptr(s.ContentSchema)
	for _, r := range []*big.Rat{s.Minimum, s.ExclusiveMinimum, s.Maximum, s.ExclusiveMaximum, s.MultipleOf} {
		if r != nil {
			d.str(r.RatString())
		} else {
			d.buf = append(d.buf, 'n')
		}
	}
	d.bool(s.ReadOnly)
	d.bool(s.WriteOnly)
	return d.ok
}

func (d *deduper) int(n int) {
	d.buf = strconv.AppendInt(d.buf, int64(n), 10)
	d.buf = append(d.buf, ';')
}

func (d *deduper) uint(n uint64) {
	d.buf = strconv.AppendUint(d.buf, n, 16)
	d.buf = append(d.buf, ';')
}

func (d *deduper) bool(b bool) {
	if b {
		d.buf = append(d.buf, 't')
	} else {
		d.buf = append(d.buf, 'f')
	}
}

// str writes s with its length, so that no two lists of strings write the
// same.
func (d *deduper) str(s string) {
	d.buf = strconv.AppendInt(d.buf, int64(len(s)), 10)
	d.buf = append(d.buf, '"')
	d.buf = append(d.buf, s...)
}

func (d *deduper) strs(l []string) { writeList(d, l, d.str) }

// writeList writes l: n when nil, else its length and each element.
func writeList[T any](d *deduper, l []T, each func(T)) {
	if l == nil {
		d.buf = append(d.buf, 'n')
		return
	}
	d.int(len(l))
	for _, e := range l {
		each(e)
	}
}

// ptr writes a schema (already the one that stands for it) by identity.
func (d *deduper) ptr(p *jsonschema.Schema) {
	if p == nil {
		d.buf = append(d.buf, 'n')
		return
	}
	d.uint(uint64(uintptr(unsafe.Pointer(p))))
}

func (d *deduper) ptrs(l []*jsonschema.Schema) { writeList(d, l, d.ptr) }

func (d *deduper) schemaMap(m map[string]*jsonschema.Schema) {
	if m == nil {
		d.buf = append(d.buf, 'n')
		return
	}
	d.int(len(m))
	for _, k := range d.sorted(maps.Keys(m)) {
		d.str(k)
		d.ptr(m[k])
	}
}

// sorted is keys in order, in a slice reused by the next call.
func (d *deduper) sorted(keys iter.Seq[string]) []string {
	d.names = slices.AppendSeq(d.names[:0], keys)
	slices.Sort(d.names)
	return d.names
}

// anyKey writes a field that holds a bool, a schema, a list of schemas or
// of names.
func (d *deduper) anyKey(v any) {
	switch t := v.(type) {
	case nil:
		d.buf = append(d.buf, 'n')
	case bool:
		d.buf = append(d.buf, 'b')
		d.bool(t)
	case *jsonschema.Schema:
		d.buf = append(d.buf, 's')
		d.ptr(t)
	case []*jsonschema.Schema:
		d.buf = append(d.buf, 'l')
		d.ptrs(t)
	case []string:
		d.buf = append(d.buf, 'r')
		d.strs(t)
	default:
		d.ok = false
	}
}

// values writes a list of JSON values (const, enum), each with its type:
// the number 1 is not the string "1".
func (d *deduper) values(l []any) { writeList(d, l, d.value) }

func (d *deduper) value(v any) {
	switch t := v.(type) {
	case nil:
		d.buf = append(d.buf, 'z')
	case bool:
		d.buf = append(d.buf, 'b')
		d.bool(t)
	case string:
		d.buf = append(d.buf, 's')
		d.str(t)
	case json.Number:
		d.buf = append(d.buf, '#')
		d.str(string(t))
	case float64:
		d.buf = append(d.buf, 'f')
		d.buf = strconv.AppendFloat(d.buf, t, 'g', -1, 64)
		d.buf = append(d.buf, ';')
	case []any:
		d.buf = append(d.buf, 'a')
		d.values(t)
	case map[string]any:
		d.buf = append(d.buf, 'o')
		d.int(len(t))
		for _, k := range slices.Sorted(maps.Keys(t)) { // not d.sorted: values nest
			d.str(k)
			d.value(t[k])
		}
	default:
		d.ok = false
	}
}
