package tradevest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// kindDocument is the change-log kind of a signed partner document.
const kindDocument = "document"

// SignedDocument records that a natural person signed a partner document
// (terms and conditions, data privacy policy) for a customer: POST
// /v2/documents with resourceType CUSTOMER (decision D94). GET
// /roles/customers/{id} lists them as signedDocumentsRelatedToCustomer.
type SignedDocument struct {
	ID                string
	CustomerID        string
	PartnerDocumentID string
	Name              string
	DocumentType      string
	Version           int
	NaturalPersonID   string
	// NaturalPersonFullName is the signer's name when signing: a later
	// change of the person's name does not change the record (D94).
	NaturalPersonFullName string
	CreatedOn             time.Time
	ModifiedOn            time.Time
}

func (d *SignedDocument) render() map[string]any {
	return map[string]any{"partnerDocumentId": d.PartnerDocumentID, "name": d.Name, "documentType": d.DocumentType,
		"version": d.Version, "naturalPersonId": d.NaturalPersonID, "naturalPersonFullName": d.NaturalPersonFullName,
		"createdOn": ts(d.CreatedOn), "modifiedOn": ts(d.ModifiedOn)}
}

// indexDocument stores a signed document. A customer's documents keep the
// order they were stored in; the per-customer list is never appended to in
// place (Clip), so clones sharing it stay apart.
func (p *Partner) indexDocument(d *SignedDocument) {
	if _, known := p.documents[d.ID]; !known {
		p.docsByCustomer[d.CustomerID] = append(slices.Clip(p.docsByCustomer[d.CustomerID]), d.ID)
	}
	p.documents[d.ID] = d
	p.Note(kindDocument, d.ID, d)
}

// signedDocuments is a customer's signedDocumentsRelatedToCustomer, oldest
// first.
func (p *Partner) signedDocuments(customerID string) []any {
	out := []any{}
	for _, id := range p.docsByCustomer[customerID] {
		out = append(out, p.documents[id].render())
	}
	return out
}

// renderCustomer is the Customer as GET answers it, with its signed
// documents.
func (p *Partner) renderCustomer(c *Customer, now time.Time) map[string]any {
	out := c.render(now)
	out["signedDocumentsRelatedToCustomer"] = p.signedDocuments(c.ID)
	return out
}

// personName is a natural person's "first last" (empty if unknown).
func (p *Partner) personName(id string) string {
	e, ok := p.entities[id]
	if !ok || e.Kind != "NATURAL_PERSON" {
		return ""
	}
	return p.entityName(id)
}

// handleDocumentCreate is POST /v2/documents. Only resourceType CUSTOMER
// is emulated, as the signature of a partner document by the natural
// person named in Requestor-ID, who must be the customer's entity or act
// for it (customer context, §3; decision D94). Other resource types are
// file uploads: 501. The same person signing the same version of the same
// partner document for the same customer twice is a 409.
func (a *API) handleDocumentCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	if rt := str(body["resourceType"]); rt != "CUSTOMER" {
		return nil, api.Errorf(http.StatusNotImplemented, api.CodeNotImplemented,
			"POST /v2/documents with resourceType %s (a file upload) is documented by Tradevest but not emulated by the sandbox", rt)
	}
	return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		c, ok := p.customers[str(body["resourceId"])]
		if !ok {
			return nil, notFound(MsgCustomerNotFound)
		}
		if err := a.requestor(p, r, true, c.EntityID); err != nil {
			return nil, err
		}
		signer := r.Params.Headers["Requestor-ID"]
		version, _ := intValue(body["version"])
		d := &SignedDocument{CustomerID: c.ID, PartnerDocumentID: str(body["partnerDocumentId"]), Name: str(body["name"]),
			DocumentType: str(body["documentType"]), Version: version, NaturalPersonID: signer,
			NaturalPersonFullName: p.personName(signer)}
		for _, did := range p.docsByCustomer[c.ID] {
			o := p.documents[did]
			if o.PartnerDocumentID == d.PartnerDocumentID && o.Version == d.Version && o.NaturalPersonID == signer {
				return nil, conflict("natural person %s has already signed version %d of partner document %s for customer %s",
					signer, d.Version, d.PartnerDocumentID, c.ID)
			}
		}
		now := a.clock.Now()
		d.ID, d.CreatedOn, d.ModifiedOn = uuid.NewString(), now, now
		p.indexDocument(d)
		return map[string]any{"documentId": d.ID}, nil
	}))
}

// The fixture key of signed documents (after customers in partnerKeys):
//
//	signed_documents: [{documentId?, customerId, partnerDocumentId, name, documentType, version,
//	                    naturalPersonId, naturalPersonFullName?, createdOn?, modifiedOn?}]
var documentFields = []string{"documentId", "customerId", "partnerDocumentId", "name", "documentType", "version",
	"naturalPersonId", "naturalPersonFullName", "createdOn", "modifiedOn"}

// applyDocument loads one signed document of a fixture.
func (a *API) applyDocument(p *Partner, m map[string]any, now time.Time) error {
	id, err := fixtureID(m, "documentId", p.ID, "document", str(m["customerId"]), str(m["naturalPersonId"]),
		str(m["partnerDocumentId"]), fmt.Sprint(m["version"]))
	if err != nil {
		return err
	}
	tm, err := optTimes(m, "createdOn", "modifiedOn")
	if err != nil {
		return err
	}
	d := &SignedDocument{ID: id, CustomerID: str(m["customerId"]), PartnerDocumentID: str(m["partnerDocumentId"]),
		Name: str(m["name"]), DocumentType: str(m["documentType"]), NaturalPersonID: str(m["naturalPersonId"]),
		NaturalPersonFullName: str(m["naturalPersonFullName"]), CreatedOn: timeOr(tm["createdOn"], now)}
	d.ModifiedOn = timeOr(tm["modifiedOn"], d.CreatedOn)
	if _, ok := p.customers[d.CustomerID]; !ok {
		return fmt.Errorf("customerId: no customer %s in this partner", d.CustomerID)
	}
	if e, ok := p.entities[d.NaturalPersonID]; !ok || e.Kind != "NATURAL_PERSON" {
		return fmt.Errorf("naturalPersonId: no natural person %s in this partner", d.NaturalPersonID)
	}
	if _, err := uuid.Parse(d.PartnerDocumentID); err != nil {
		return fmt.Errorf("partnerDocumentId must be a uuid")
	}
	if d.Name == "" || len(d.Name) > 255 {
		return fmt.Errorf("name: 1 to 255 characters")
	}
	if d.DocumentType != "TERMS_AND_CONDITIONS" && d.DocumentType != "DATA_PRIVACY_POLICY" {
		return fmt.Errorf("documentType: TERMS_AND_CONDITIONS or DATA_PRIVACY_POLICY")
	}
	v, ok := intValue(m["version"])
	if !ok || v < 1 {
		return fmt.Errorf("version: an integer of at least 1")
	}
	d.Version = v
	if d.NaturalPersonFullName == "" {
		d.NaturalPersonFullName = p.personName(d.NaturalPersonID)
	}
	p.indexDocument(d)
	return nil
}

// stateDocuments adds the signed documents to a partner's exported section.
func stateDocuments(p *Partner, m map[string]any) {
	var docs []any
	for _, cid := range slices.Sorted(maps.Keys(p.docsByCustomer)) {
		for _, id := range p.docsByCustomer[cid] {
			d := p.documents[id]
			x := d.render()
			x["documentId"], x["customerId"] = d.ID, d.CustomerID
			docs = append(docs, x)
		}
	}
	if docs != nil {
		m["signed_documents"] = docs
	}
}

// intValue reads a whole number from a decoded fixture or JSON value.
func intValue(v any) (int, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil && i < 1<<31
	case int:
		return n, true
	case int64:
		return int(n), true
	case uint64:
		return int(n), n <= 1<<31
	case float64:
		return int(n), n == float64(int(n)) && n < 1<<31
	}
	return 0, false
}
