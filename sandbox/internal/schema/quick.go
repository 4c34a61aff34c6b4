package schema

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// quickValid reports whether v is certainly valid against s, checked
// directly on the compiled schema, without the validator's bookkeeping
// (scopes, evaluated-property sets, error values) that makes most of a
// request's validation cost. It answers for the keywords the documents use
// on common requests; on anything else, and on any doubt, it says false
// and the caller runs the full validator, which alone writes violations.
// So it may only ever say true where the validator finds no violation:
// the result, and every error text, is the validator's.
func quickValid(s *jsonschema.Schema, v any) bool { return quick(s, v, 0) }

// quickParams is quickValid of the object the parameters make (name →
// value coerced to its type), without building it: true only when that
// object is certainly valid. A schema with any object-level rule besides
// properties, required and additionalProperties: false is left to
// quickValid.
func quickParams(s *jsonschema.Schema, vals map[string]string, types map[string]string) bool {
	if s == nil || s.Always != nil || s.Ref != nil || len(s.AllOf) > 0 || len(s.AnyOf) > 0 || len(s.OneOf) > 0 || s.Not != nil ||
		s.If != nil || len(s.Enum) > 0 || len(s.Constant) > 0 || s.Format != "" || len(s.Extensions) > 0 ||
		s.MinProperties != -1 || s.MaxProperties != -1 || s.PropertyNames != nil || len(s.PatternProperties) > 0 ||
		len(s.Dependencies) > 0 || len(s.DependentRequired) > 0 || len(s.DependentSchemas) > 0 ||
		s.UnevaluatedProperties != nil || s.RecursiveRef != nil || s.DynamicRef != nil ||
		(len(s.Types) > 0 && !slices.Contains(s.Types, "object")) {
		return false
	}
	for _, name := range s.Required {
		if _, ok := vals[name]; !ok {
			return false
		}
	}
	for name, v := range vals {
		sub, ok := s.Properties[name]
		if !ok {
			return false // additional: the validator decides
		}
		if !quick(sub, coerce(types[name], []string{v}), 1) {
			return false
		}
	}
	return true
}

// quickDepth bounds the schemas followed for one value (a $ref loop that
// consumes no data ends here, and the validator reports it).
const quickDepth = 2 * MaxDepth

func quick(s *jsonschema.Schema, v any, depth int) bool {
	if s == nil || depth > quickDepth {
		return false
	}
	if s.Always != nil {
		return *s.Always
	}
	if s.RecursiveRef != nil || s.DynamicRef != nil || s.Not != nil || len(s.OneOf) > 0 ||
		len(s.Extensions) > 0 || s.ContentEncoding != "" || s.ContentMediaType != "" || s.ContentSchema != nil ||
		s.UnevaluatedProperties != nil || s.UnevaluatedItems != nil {
		return false
	}
	if len(s.Types) > 0 && !quickType(s.Types, v) {
		return false
	}
	if len(s.Constant) > 0 && !quickEqual(v, s.Constant[0]) {
		return false
	}
	if len(s.Enum) > 0 {
		matched := false
		for _, item := range s.Enum {
			if quickEqual(v, item) {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	if s.Format != "" {
		f := jsonschema.Formats[s.Format]
		if s.Format == FormatCountry {
			f = isCountryCode
		}
		if f == nil || !f(v) {
			return false
		}
	}
	switch v := v.(type) {
	case map[string]any:
		if !quickObject(s, v, depth) {
			return false
		}
	case []any:
		if s.MinItems != -1 && len(v) < s.MinItems || s.MaxItems != -1 && len(v) > s.MaxItems ||
			s.UniqueItems && len(v) > 1 || s.Items != nil || s.AdditionalItems != nil || len(s.PrefixItems) > 0 || s.Contains != nil {
			return false
		}
		if s.Items2020 != nil {
			for _, item := range v {
				if !quick(s.Items2020, item, depth+1) {
					return false
				}
			}
		}
	case string:
		if s.MinLength != -1 || s.MaxLength != -1 {
			n := utf8.RuneCountInString(v)
			if s.MinLength != -1 && n < s.MinLength || s.MaxLength != -1 && n > s.MaxLength {
				return false
			}
		}
		if s.Pattern != nil && !s.Pattern.MatchString(v) {
			return false
		}
	case json.Number, float64, int64, int:
		if s.Minimum != nil || s.ExclusiveMinimum != nil || s.Maximum != nil || s.ExclusiveMaximum != nil || s.MultipleOf != nil {
			n, ok := new(big.Rat).SetString(fmt.Sprint(v))
			if !ok ||
				s.Minimum != nil && n.Cmp(s.Minimum) < 0 || s.ExclusiveMinimum != nil && n.Cmp(s.ExclusiveMinimum) <= 0 ||
				s.Maximum != nil && n.Cmp(s.Maximum) > 0 || s.ExclusiveMaximum != nil && n.Cmp(s.ExclusiveMaximum) >= 0 ||
				s.MultipleOf != nil && !new(big.Rat).Quo(n, s.MultipleOf).IsInt() {
				return false
			}
		}
	case nil, bool:
	default:
		return false // a type the validator does not know
	}
	if s.If != nil {
		switch {
		case quick(s.If, v, depth+1):
			if s.Then != nil && !quick(s.Then, v, depth+1) {
				return false
			}
		case certainlyInvalid(s.If, v, depth+1):
			if s.Else != nil && !quick(s.Else, v, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	if s.Ref != nil && !quick(s.Ref, v, depth+1) {
		return false
	}
	for _, sub := range s.AllOf {
		if !quick(sub, v, depth+1) {
			return false
		}
	}
	if len(s.AnyOf) > 0 {
		matched := false
		for _, sub := range s.AnyOf {
			if quick(sub, v, depth+1) {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

func quickObject(s *jsonschema.Schema, v map[string]any, depth int) bool {
	if s.MinProperties != -1 && len(v) < s.MinProperties || s.MaxProperties != -1 && len(v) > s.MaxProperties ||
		s.PropertyNames != nil || s.RegexProperties || len(s.Dependencies) > 0 || len(s.DependentRequired) > 0 || len(s.DependentSchemas) > 0 {
		return false
	}
	for _, name := range s.Required {
		if _, ok := v[name]; !ok {
			return false
		}
	}
	for name, value := range v {
		sub, declared := s.Properties[name]
		if declared && !quick(sub, value, depth+1) {
			return false
		}
		for re, sub := range s.PatternProperties {
			if re.MatchString(name) {
				declared = true
				if !quick(sub, value, depth+1) {
					return false
				}
			}
		}
		if declared {
			continue
		}
		switch ap := s.AdditionalProperties.(type) {
		case nil:
		case bool:
			if !ap {
				return false
			}
		case *jsonschema.Schema:
			if !quick(ap, value, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// quickType reports whether v is of one of types, as the validator sees
// it; false where unsure.
func quickType(types []string, v any) bool {
	var t string
	switch v.(type) {
	case nil:
		t = "null"
	case bool:
		t = "boolean"
	case string:
		t = "string"
	case []any:
		t = "array"
	case map[string]any:
		t = "object"
	case json.Number, float64, int64, int:
		t = "number"
	default:
		return false
	}
	for _, want := range types {
		if want == t {
			return true
		}
		if want == "integer" && t == "number" {
			if n, ok := new(big.Rat).SetString(fmt.Sprint(v)); ok && n.IsInt() {
				return true
			}
		}
	}
	return false
}

// quickEqual reports whether v equals a const or enum item, for strings
// and booleans; false (unsure) for anything else.
func quickEqual(v, item any) bool {
	switch v := v.(type) {
	case string:
		s, ok := item.(string)
		return ok && s == v
	case bool:
		b, ok := item.(bool)
		return ok && b == v
	}
	return false
}

// certainlyInvalid reports whether the validator certainly finds v
// invalid against s, for the few keywords an "if" tests (required
// properties, a const string, the properties' own such rules); false where
// unsure.
func certainlyInvalid(s *jsonschema.Schema, v any, depth int) bool {
	if s == nil || depth > quickDepth {
		return false
	}
	if s.Always != nil {
		return !*s.Always
	}
	if m, ok := v.(map[string]any); ok {
		for _, name := range s.Required {
			if _, ok := m[name]; !ok {
				return true
			}
		}
		for name, sub := range s.Properties {
			if x, ok := m[name]; ok && certainlyInvalid(sub, x, depth+1) {
				return true
			}
		}
	}
	if len(s.Constant) > 0 {
		if c, ok := s.Constant[0].(string); ok {
			switch v := v.(type) {
			case string:
				if v != c {
					return true
				}
			case nil, bool, map[string]any, []any, json.Number, float64, int64, int:
				return true // another JSON type never equals a string
			}
		}
	}
	return s.Ref != nil && certainlyInvalid(s.Ref, v, depth+1)
}
