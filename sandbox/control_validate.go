package sandbox

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/schema"
)

// checked runs the control plane's request rules before h, as the vendors'
// pipeline does: the path, query, header and JSON body of the request are
// matched against op in schemas/sandbox.openapi.json, and a request that
// breaks them gets a 400 in the control shape listing every violation,
// before h runs. Bodies that are not JSON (fixture documents are YAML) are
// h's to read and check.
func checked(op *schema.Operation, limit int64, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body any
		hasBody := false
		if r.Body != nil && op.HasBody() && !op.RawBody() && isJSON(r.Header.Get("Content-Type")) {
			data, aerr := api.ReadBodyLimit(w, r, limit)
			if aerr != nil {
				writeControlError(w, r, aerr.Status, aerr.Message)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(data))
			if len(bytes.TrimSpace(data)) > 0 {
				v, err := schema.DecodeJSON(data)
				if err != nil {
					writeControlError(w, r, http.StatusBadRequest, "invalid JSON body: "+err.Error())
					return
				}
				body, hasBody = v, true
			}
		}
		vars := map[string]string{}
		for k, s := range api.Vars(r) {
			if u, err := url.PathUnescape(s); err == nil {
				s = u
			}
			vars[k] = s
		}
		if _, vs := op.ValidateRequest(vars, r.URL.Query(), r.Header, body, hasBody); len(vs) > 0 {
			writeControlViolations(w, r, vs)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// writeControlViolations is the control plane's 400 for a request that
// breaks its rules: {"error": {code, message, errors: [{in, field, code,
// message}]}}.
func writeControlViolations(w http.ResponseWriter, r *http.Request, vs []schema.Violation) {
	// In a stable order: where, then which field.
	slices.SortStableFunc(vs, func(a, b schema.Violation) int {
		return cmp.Or(cmp.Compare(a.In, b.In), cmp.Compare(a.Field, b.Field))
	})
	msgs := make([]string, len(vs))
	errs := make([]any, len(vs))
	for i, v := range vs {
		where := strings.TrimSpace(v.In + " " + v.Field)
		msgs[i] = where + " " + v.Message
		errs[i] = map[string]any{"in": v.In, "field": v.Field, "code": v.Code, "message": v.Message}
	}
	api.WriteJSON(w, r, http.StatusBadRequest, map[string]any{"error": map[string]any{
		"code": CodeBadRequest, "message": fmt.Sprintf("invalid request: %s", strings.Join(msgs, "; ")), "errors": errs}})
}

func isJSON(ct string) bool {
	if ct == "" {
		return true // a JSON body sent without a Content-Type
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}
