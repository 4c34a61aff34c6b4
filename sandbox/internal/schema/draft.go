package schema

import (
	"reflect"
	"unsafe"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// draft2020Unchecked is JSON Schema 2020-12 as jsonschema.Draft2020 has it,
// but without its meta-schema, so that compiling a schema does not first
// validate it (and every fragment it reaches) against the meta-schema:
// that check was over a third of a process's start-up. Nil where the
// library's Draft has no such field (another version): then every document
// is checked as before.
//
// Decision: the documents built into the binary (schemas/) are the only
// ones compiled this way; TestEmbeddedDocumentsAreValidSchemas compiles
// each of them with the check on, so a schema the meta-schema refuses
// still fails, in the tests rather than at every start. The library offers
// no option to skip the check, hence the write to its unexported field
// (TestDraft2020Unchecked fails if that stops working).
var draft2020Unchecked = func() *jsonschema.Draft {
	d := *jsonschema.Draft2020
	f := reflect.ValueOf(&d).Elem().FieldByName("meta")
	if !f.IsValid() || f.Type() != reflect.TypeOf((*jsonschema.Schema)(nil)) {
		return nil
	}
	*(**jsonschema.Schema)(unsafe.Pointer(f.UnsafeAddr())) = nil
	return &d
}()
