package schema

import (
	"slices"
	"strconv"
)

// UnknownFields lists the members of a decoded request body that the body
// schema does not declare (what PruneBody would drop), as dotted paths
// ("frist_name", "addresses.0.stret"), sorted. The API drops them
// silently; fixtures refuse them, so a misspelt field is not lost unseen.
func (op *Operation) UnknownFields(v any) []string {
	if op.bodyRaw == nil {
		return nil
	}
	var out []string
	unknown(op.root, op.bodyRaw, v, "", 0, &out)
	slices.Sort(out)
	return out
}

func unknown(root, s map[string]any, v any, path string, depth int, out *[]string) {
	if depth > 32 || s == nil {
		return
	}
	s = resolve(root, s)
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
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
			return
		}
		for k, val := range t {
			if ps, ok := props[k]; ok {
				unknown(root, asMap(ps), val, join(k), depth+1, out)
				continue
			}
			switch apv := ap.(type) {
			case map[string]any:
				unknown(root, apv, val, join(k), depth+1, out)
			case bool:
				if !apv {
					*out = append(*out, join(k))
				}
			default:
				if !hasAP {
					*out = append(*out, join(k))
				}
			}
		}
	case []any:
		items := asMap(s["items"])
		for i, e := range t {
			unknown(root, items, e, join(strconv.Itoa(i)), depth+1, out)
		}
	}
}
