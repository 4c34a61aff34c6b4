package tradevest

import (
	"fmt"
	"maps"
	"strings"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/api"
	"github.com/customers-api/sandbox/sandbox/internal/paging"
	"github.com/customers-api/sandbox/sandbox/internal/store"
	"github.com/google/uuid"
)

// kindVerification is the change-log kind of a WebID identification
// verification.
const kindVerification = "verification"

// MsgVerificationNotFound is the 404 of an unknown identification
// verification.
const MsgVerificationNotFound = "Identification verification not found"

// verificationDelay is how long a WebID video identification takes on the
// sandbox clock before it is APPROVED (decision D95).
const verificationDelay = 5 * time.Minute

// webIDURL is the base of the sandbox's identificationUrl: a WebID-like
// link that leads nowhere real (D95).
const webIDURL = "https://webid.sandbox.invalid/ident/"

// Verification is a WebID VIDEO_IDENT identification verification of a
// natural person (POST /entities/identification-verifications, decision
// D95): CREATED with its identificationUrl, APPROVED verificationDelay
// later, when the person gets its identification.
type Verification struct {
	ID              string
	NaturalPersonID string
	Status          string
	CreatedOn       time.Time
	ModifiedOn      time.Time
	DueOn           time.Time
	// IdentificationID is the naturalPersonIdentificationId once APPROVED.
	IdentificationID string `json:",omitempty"`
}

func (v *Verification) due() (time.Time, bool) { return v.DueOn, v.Status == "CREATED" }

func (v *Verification) render() map[string]any {
	out := map[string]any{"identificationVerificationId": v.ID, "naturalPersonId": v.NaturalPersonID,
		"externalVerifier": "WEB_ID", "identificationType": "VIDEO_IDENT", "identificationUrl": webIDURL + v.ID,
		"status": v.Status, "createdOn": ts(v.CreatedOn), "modifiedOn": ts(v.ModifiedOn)}
	if v.IdentificationID != "" {
		out["naturalPersonIdentificationId"] = v.IdentificationID
	}
	return out
}

// indexVerification stores a verification (a new copy on every change).
func (p *Partner) indexVerification(v *Verification) {
	var oldDue func() (time.Time, bool)
	if old, ok := p.verifications[v.ID]; ok {
		oldDue = old.due
	}
	p.trackDue("v"+v.ID, oldDue, v.due)
	p.verificationOrder.Set(paging.Key{At: v.CreatedOn, ID: v.ID}, v.ID)
	p.verifications[v.ID] = v
	p.Note(kindVerification, v.ID, v)
}

// settleVerification approves a verification that fell due and gives its
// person the identification WebID read: a German ID card (D95).
func (p *Partner) settleVerification(v *Verification) {
	at, ok := v.due()
	if !ok {
		return
	}
	next := *v
	next.Status, next.ModifiedOn = "APPROVED", at
	next.IdentificationID = uuid.NewSHA1(uuid.NameSpaceOID, []byte("identification/"+v.ID)).String()
	p.indexVerification(&next)
	e, ok := p.entities[v.NaturalPersonID]
	if !ok || e.Kind != "NATURAL_PERSON" {
		return
	}
	person := *e
	person.Doc = make(map[string]any, len(e.Doc))
	maps.Copy(person.Doc, e.Doc)
	person.Doc["identification"] = map[string]any{"identificationDocumentType": "ID_CARD",
		"documentNumber": "WEBID" + strings.ToUpper(strings.ReplaceAll(v.ID, "-", "")[:9]), "issuingCountry": "DE",
		"issuedOn": at.AddDate(-1, 0, 0).Format("2006-01-02"), "expiresOn": at.AddDate(9, 0, 0).Format("2006-01-02"),
		"identifiedOn": ts(at), "identificationProvider": "WEB_ID"}
	person.ModifiedOn = later(e.ModifiedOn, at)
	p.indexEntity(&person)
}

// handleVerificationCreate is POST /entities/identification-verifications
// {naturalPersonId, externalVerifier: WEB_ID, identificationType:
// VIDEO_IDENT} (the only values the vendor supports; the schema checks
// them): {identificationVerificationId}. Requestor-ID is checked as for
// the partner's own identification (D89, D95).
func (a *API) handleVerificationCreate(r *api.Request) (*api.Response, error) {
	body, _ := r.Params.Body.(map[string]any)
	return api.OK(store.With(a.update, partnerOf(r), func(p *Partner) (map[string]any, error) {
		np, ok := p.entities[str(body["naturalPersonId"])]
		if !ok || np.Kind != "NATURAL_PERSON" {
			return nil, notFound(MsgEntityNotFound)
		}
		if err := a.requestor(p, r, false, ""); err != nil {
			return nil, err
		}
		for _, x := range p.verifications {
			if x.NaturalPersonID == np.ID && x.Status == "CREATED" {
				return nil, conflict("natural person %s has an identification verification in progress: %s", np.ID, x.ID)
			}
		}
		now := a.clock.Now()
		v := &Verification{ID: uuid.NewString(), NaturalPersonID: np.ID, Status: "CREATED", CreatedOn: now, ModifiedOn: now,
			DueOn: now.Add(verificationDelay)}
		p.indexVerification(v)
		return map[string]any{"identificationVerificationId": v.ID}, nil
	}))
}

// handleVerificationList is GET /entities/identification-verifications:
// newest first, with the usual cursor.
func (a *API) handleVerificationList(r *api.Request) (*api.Response, error) {
	limit, before, err := pageParams(r)
	if err != nil {
		return nil, err
	}
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		if err := a.requestor(p, r, false, ""); err != nil {
			return nil, err
		}
		now := a.clock.Now()
		return listPage(p.verificationOrder.Descend(before), nil, limit, func(id string) (any, paging.Key) {
			v := p.verificationAt(p.verifications[id], now)
			return v.render(), paging.Key{At: v.CreatedOn, ID: v.ID}
		}), nil
	}))
}

// handleVerificationGet is GET /entities/identification-verifications/{id}.
func (a *API) handleVerificationGet(r *api.Request) (*api.Response, error) {
	return api.OK(store.Get(a.store, partnerOf(r), func(p *Partner) (map[string]any, error) {
		v, ok := p.verifications[r.Path("identificationVerificationId")]
		if !ok {
			return nil, notFound(MsgVerificationNotFound)
		}
		if err := a.requestor(p, r, false, ""); err != nil {
			return nil, err
		}
		return p.verificationAt(v, a.clock.Now()).render(), nil
	}))
}

// verificationAt is the verification as it stands at now (reads happen
// without settling).
func (p *Partner) verificationAt(v *Verification, now time.Time) *Verification {
	if t, ok := v.due(); ok && !now.Before(t) {
		next := *v
		next.Status, next.ModifiedOn = "APPROVED", t
		next.IdentificationID = uuid.NewSHA1(uuid.NameSpaceOID, []byte("identification/"+v.ID)).String()
		return &next
	}
	return v
}

// restoreVerification checks a verification from the change log.
func (p *Partner) restoreVerification(v *Verification) error {
	if v.Status != "CREATED" && v.Status != "APPROVED" {
		return fmt.Errorf("verification %s: unknown status %q", v.ID, v.Status)
	}
	p.indexVerification(v)
	return nil
}

// The fixture key of identification verifications (after the natural
// persons in partnerKeys):
//
//	identification_verifications: [{identificationVerificationId?, naturalPersonId, status?, createdOn?,
//	                                modifiedOn?, dueOn?, naturalPersonIdentificationId?}]
var verificationFields = []string{"identificationVerificationId", "naturalPersonId", "status", "createdOn", "modifiedOn",
	"dueOn", "naturalPersonIdentificationId"}

// applyVerification loads one identification verification of a fixture.
func (a *API) applyVerification(p *Partner, m map[string]any, now time.Time) error {
	id, err := fixtureID(m, "identificationVerificationId", p.ID, "verification", str(m["naturalPersonId"]), fmt.Sprint(m["createdOn"]))
	if err != nil {
		return err
	}
	tm, err := optTimes(m, "createdOn", "modifiedOn", "dueOn")
	if err != nil {
		return err
	}
	v := &Verification{ID: id, NaturalPersonID: str(m["naturalPersonId"]), Status: str(m["status"]),
		IdentificationID: str(m["naturalPersonIdentificationId"]), CreatedOn: timeOr(tm["createdOn"], now)}
	v.ModifiedOn = timeOr(tm["modifiedOn"], v.CreatedOn)
	v.DueOn = timeOr(tm["dueOn"], v.CreatedOn.Add(verificationDelay))
	if v.Status == "" {
		v.Status = "CREATED"
	}
	if e, ok := p.entities[v.NaturalPersonID]; !ok || e.Kind != "NATURAL_PERSON" {
		return fmt.Errorf("naturalPersonId: no natural person %s in this partner", v.NaturalPersonID)
	}
	if v.IdentificationID != "" {
		if _, err := uuid.Parse(v.IdentificationID); err != nil {
			return fmt.Errorf("naturalPersonIdentificationId must be a uuid")
		}
	}
	return p.restoreVerification(v)
}

// stateVerifications adds the verifications to a partner's exported section.
func stateVerifications(p *Partner, m map[string]any) {
	var out []any
	for id := range p.verificationOrder.Ascend(nil) {
		v := p.verifications[id]
		d := map[string]any{"identificationVerificationId": v.ID, "naturalPersonId": v.NaturalPersonID, "status": v.Status,
			"createdOn": ts(v.CreatedOn), "modifiedOn": ts(v.ModifiedOn), "dueOn": ts(v.DueOn)}
		if v.IdentificationID != "" {
			d["naturalPersonIdentificationId"] = v.IdentificationID
		}
		out = append(out, d)
	}
	if out != nil {
		m["identification_verifications"] = out
	}
}
