package schema

import "testing"

func TestPlainPatternShowsTheSchemaPattern(t *testing.T) {
	cases := map[string]string{
		`does not match pattern '^\\+?[1-9]\\d{1,14}$'`: `does not match pattern '^\+?[1-9]\d{1,14}$'`,
		`does not match pattern '^\\S(.*\\S)?$'`:        `does not match pattern '^\S(.*\S)?$'`,
		`does not match pattern 'a\'b"c'`:               `does not match pattern 'a'b"c'`,
		`value must be "contact"`:                       `value must be "contact"`,
	}
	for in, want := range cases {
		if got := plainPattern(in); got != want {
			t.Errorf("plainPattern(%q) = %q, want %q", in, got, want)
		}
	}
}
