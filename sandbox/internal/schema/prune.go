package schema

import "strings"

// PruneBody drops from a decoded, validated request body every object member
// that the body schema does not declare, so unknown fields never reach the
// stored data. Objects whose schema declares additionalProperties (metadata,
// attributes, custom consents) keep all their members. Strings of format
// uuid come back in lower case: UUIDs are case-insensitive, and stored and
// looked up in one spelling.
func (op *Operation) PruneBody(v any) any {
	if op.bodyRaw == nil {
		return v
	}
	return prune(op.root, op.bodyRaw, v, 0)
}

func prune(root map[string]any, s map[string]any, v any, depth int) any {
	if depth > 32 || s == nil {
		return v
	}
	s = resolve(root, s)
	switch t := v.(type) {
	case map[string]any:
		props, hasProps := s["properties"].(map[string]any)
		ap, hasAP := s["additionalProperties"]
		for _, key := range []string{"allOf", "anyOf", "oneOf"} {
			for _, sub := range asList(s[key]) {
				if p, ok := resolve(root, asMap(sub))["properties"].(map[string]any); ok {
					props, hasProps = merged(props, p), true
				}
			}
		}
		if !hasProps && !hasAP {
			return t
		}
		out := make(map[string]any, len(t))
		for k, val := range t {
			if ps, ok := props[k]; ok {
				out[k] = prune(root, asMap(ps), val, depth+1)
				continue
			}
			if hasAP {
				if apm, ok := ap.(map[string]any); ok {
					out[k] = prune(root, apm, val, depth+1)
				} else if ap == true {
					out[k] = val
				}
			}
		}
		return out
	case []any:
		items := asMap(s["items"])
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = prune(root, items, e, depth+1)
		}
		return out
	case string:
		if s["format"] == "uuid" {
			return strings.ToLower(t)
		}
	}
	return v
}

func merged(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
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
