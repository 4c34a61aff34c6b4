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
	var out []string
	op.pruneTree.unknown(v, "", 0, &out)
	slices.Sort(out)
	return out
}

// unknown adds to out the path of every member of v that prune drops.
func (n *pruneNode) unknown(v any, path string, depth int, out *[]string) {
	if depth > 32 || n == nil {
		return
	}
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch t := v.(type) {
	case map[string]any:
		if !n.hasProps && !n.hasAP {
			return
		}
		for k, val := range t {
			switch ps, ok := n.props[k]; {
			case ok:
				ps.unknown(val, join(k), depth+1, out)
			case n.ap != nil:
				n.ap.unknown(val, join(k), depth+1, out)
			case !n.apTrue:
				*out = append(*out, join(k))
			}
		}
	case []any:
		for i, e := range t {
			n.items.unknown(e, join(strconv.Itoa(i)), depth+1, out)
		}
	}
}
