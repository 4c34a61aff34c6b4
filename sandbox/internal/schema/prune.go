package schema

import (
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// PruneBody drops from a decoded, validated request body every object member
// that the body schema does not declare, so unknown fields never reach the
// stored data. Objects whose schema declares additionalProperties (metadata,
// attributes, custom consents) keep all their members. Strings of format
// uuid come back in lower case: UUIDs are case-insensitive, and stored and
// looked up in one spelling.
func (op *Operation) PruneBody(v any) any { return op.pruneBody(v, false) }

// PruneOwnBody is PruneBody for a body nothing else holds (one just
// decoded from a request): it drops the members and lowers the UUIDs in
// place rather than building a copy.
func (op *Operation) PruneOwnBody(v any) any { return op.pruneBody(v, true) }

func (op *Operation) pruneBody(v any, inPlace bool) any {
	return op.pruneTree.prune(v, 0, inPlace)
}

// pruneNode is one schema of a body as prune reads it, resolved once: its
// $ref followed, its properties merged with those of its allOf, anyOf and
// oneOf, its items and additional properties linked. prune walks a body
// along these rather than the schema, with the same result. A nil node
// is a schema that keeps the value as it is.
type pruneNode struct {
	props    map[string]*pruneNode
	hasProps bool
	hasAP    bool
	ap       *pruneNode // additionalProperties as a schema object
	apTrue   bool       // additionalProperties: true
	items    *pruneNode
	uuid     bool
}

// newPruneNode builds the node of the compiled schema s; seen maps schemas
// to their nodes, so recursive schemas link back rather than loop, and
// the operations of a set share the nodes of the schemas they share.
func newPruneNode(s *jsonschema.Schema, seen map[*jsonschema.Schema]*pruneNode) *pruneNode {
	s = follow(s)
	if s == nil || s.Always != nil {
		return nil // true (or false: nothing valid to prune) keeps the value
	}
	if n, ok := seen[s]; ok {
		return n
	}
	n := &pruneNode{}
	seen[s] = n
	props, hasProps := s.Properties, s.Properties != nil
	for _, subs := range [][]*jsonschema.Schema{s.AllOf, s.AnyOf, s.OneOf} {
		for _, sub := range subs {
			if sub = follow(sub); sub != nil && sub.Properties != nil {
				props, hasProps = merged(props, sub.Properties), true
			}
		}
	}
	n.hasProps = hasProps
	if props != nil {
		n.props = make(map[string]*pruneNode, len(props))
		for k, ps := range props {
			n.props[k] = newPruneNode(ps, seen)
		}
	}
	switch ap := s.AdditionalProperties.(type) {
	case *jsonschema.Schema:
		n.hasAP = true
		if n.ap = newPruneNode(ap, seen); n.ap == nil {
			n.apTrue = true // a schema that keeps the value as it is
		}
	case bool:
		n.hasAP, n.apTrue = true, ap
	}
	n.items = newPruneNode(s.Items2020, seen)
	n.uuid = s.Format == "uuid"
	return n
}

// follow is s with its $ref followed: the schema a reference stands for
// (the document's references carry nothing beside $ref that prune reads).
func follow(s *jsonschema.Schema) *jsonschema.Schema {
	for i := 0; i < 8 && s != nil && s.Ref != nil; i++ {
		s = s.Ref
	}
	return s
}

// prune returns v as the schema keeps it: a copy, or v itself changed in
// place when inPlace.
func (n *pruneNode) prune(v any, depth int, inPlace bool) any {
	if depth > 32 || n == nil {
		return v
	}
	switch t := v.(type) {
	case map[string]any:
		if !n.hasProps && !n.hasAP {
			return t
		}
		out := t
		if !inPlace {
			out = make(map[string]any, len(t))
		}
		for k, val := range t {
			if ps, ok := n.props[k]; ok {
				out[k] = ps.prune(val, depth+1, inPlace)
				continue
			}
			switch {
			case n.ap != nil:
				out[k] = n.ap.prune(val, depth+1, inPlace)
			case n.apTrue:
				out[k] = val
			case inPlace:
				delete(out, k)
			}
		}
		return out
	case []any:
		out := t
		if !inPlace {
			out = make([]any, len(t))
		}
		for i, e := range t {
			out[i] = n.items.prune(e, depth+1, inPlace)
		}
		return out
	case string:
		if n.uuid {
			return strings.ToLower(t)
		}
	}
	return v
}

func merged[V any](a, b map[string]V) map[string]V {
	out := make(map[string]V, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func resolve(root map[string]any, s map[string]any) map[string]any {
	for i := 0; i < 8 && s != nil; i++ {
		ref, ok := s["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/") {
			return s
		}
		var cur any = root
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			part = unescape(part)
			cur = asMap(cur)[part]
		}
		s = asMap(cur)
	}
	return s
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }
func asList(v any) []any         { l, _ := v.([]any); return l }
