package schema

import (
	"testing"

	"github.com/customers-api/sandbox/schemas"
)

// TestEmbeddedSetLetsItsCompilerGo: once an embedded document's request
// rules are compiled, its compiler (a decoded copy of the whole document)
// is not kept; the first response shape asked for makes a new one, and
// every shape and definition still compiles and checks.
func TestEmbeddedSetLetsItsCompilerGo(t *testing.T) {
	set, err := loadSet(schemas.FS, "tradevest.openapi.json", true)
	if err != nil {
		t.Fatal(err)
	}
	if set.compiler != nil {
		t.Fatal("a lazily loaded set keeps its compiler after load")
	}
	if set.ErrorSchema() == nil {
		t.Fatal("no error shape")
	}
	if err := ValidateJSON(set.ErrorSchema(), []byte(`[]`)); err == nil {
		t.Fatal("the error shape accepts an array")
	}
	if err := set.compileAll(); err != nil {
		t.Fatal(err)
	}
	if len(set.Document()) == 0 {
		t.Fatal("no document")
	}
}
