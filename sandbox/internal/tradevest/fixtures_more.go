package tradevest

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/fixture"
	"github.com/google/uuid"
	"gopkg.in/yaml.v3"
)

// The fixture keys of the records of proxies, offboardings, webhooks,
// legal representatives and beneficial owners (partnerKeys gives the
// order), loaded by applyMore and exported by stateMore, so that the state
// export loads back:
//
//	proxies:               [{proxyId?, proxyType, naturalPersonId, entityId, entityType, productIds?, validityType,
//	                         scopeType?, custodyType?, proxyStatus?, createdOn?, modifiedOn?, approvedOn?,
//	                         activeOn?, nextStatus?, inactiveOn?}]
//	legal_representatives: [{legalRepresentativeId?, legalEntityId, <person fields>, legalRepresentativeStatus?,
//	                         globalId?, createdOn?, modifiedOn?, deleted?}]
//	beneficial_owners:     [{beneficialOwnerId?, legalEntityId, <person fields>, share, beneficialOwnerStatus?,
//	                         globalId?, createdOn?, modifiedOn?, activeOn?, inactiveOn?}]
//	offboardings:          [{offboardingId?, roleType, roleId, reason, status?, createdOn?, modifiedOn?,
//	                         cancellationDate?, dueOn?, outcome?}]
//	webhooks:              [{eventType, url, headers?, createdOn?, modifiedOn?, deleted?}]

// optTimes reads optional times from m (deleting them).
func optTimes(m map[string]any, fields ...string) (map[string]*time.Time, error) {
	out := map[string]*time.Time{}
	for _, f := range fields {
		if v, ok := m[f]; ok {
			delete(m, f)
			if v == nil {
				continue
			}
			t, err := fixture.ParseTime(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", f, err)
			}
			out[f] = &t
		}
	}
	return out, nil
}

func fixtureID(m map[string]any, field string, key ...string) (string, error) {
	id := str(m[field])
	delete(m, field)
	if id == "" {
		return fixture.ID(key...), nil
	}
	if _, err := uuid.Parse(id); err != nil {
		return "", fmt.Errorf("%s must be a uuid", field)
	}
	return id, nil
}

func timeOr(t *time.Time, def time.Time) time.Time {
	if t != nil {
		return *t
	}
	return def
}

// applyMore loads one item of the keys above.
func (a *API) applyMore(p *Partner, n *yaml.Node, key string, m map[string]any, now time.Time) error {
	switch key {
	case "signed_documents":
		return a.applyDocument(p, m, now)
	case "identification_verifications":
		return a.applyVerification(p, m, now)
	case "proxies":
		id, err := fixtureID(m, "proxyId", p.ID, "proxy", str(m["naturalPersonId"]), str(m["entityId"]), str(m["proxyType"]))
		if err != nil {
			return err
		}
		tm, err := optTimes(m, "createdOn", "modifiedOn", "approvedOn", "activeOn", "inactiveOn")
		if err != nil {
			return err
		}
		x := &Proxy{ID: id, Status: str(m["proxyStatus"]), CreatedOn: timeOr(tm["createdOn"], now)}
		x.ModifiedOn = timeOr(tm["modifiedOn"], x.CreatedOn)
		x.ApprovedOn, x.ActiveOn, x.InactiveOn, x.NextStatus = tm["approvedOn"], tm["activeOn"], tm["inactiveOn"], str(m["nextStatus"])
		delete(m, "proxyStatus")
		delete(m, "nextStatus")
		if x.Status == "" {
			x.Status = "CREATED"
		}
		op := a.schemas.Op("proxies_post")
		if err := checkBody(n, op, m, false); err != nil {
			return err
		}
		b := op.PruneBody(m).(map[string]any)
		x.ProxyType, x.NaturalPersonID, x.EntityID, x.EntityType = str(b["proxyType"]), str(b["naturalPersonId"]), str(b["entityId"]), str(b["entityType"])
		x.ProductIDs, x.ValidityType, x.ScopeType, x.CustodyType = stringList(b["productIds"]), str(b["validityType"]), str(b["scopeType"]), str(b["custodyType"])
		if np, ok := p.entities[x.NaturalPersonID]; !ok || np.Kind != "NATURAL_PERSON" {
			return fmt.Errorf("naturalPersonId: no natural person %s in this partner", x.NaturalPersonID)
		}
		if e, ok := p.entities[x.EntityID]; !ok || e.Kind != x.EntityType {
			return fmt.Errorf("entityId: no %s %s in this partner", x.EntityType, x.EntityID)
		}
		if err := checkProxyTerms(x); err != nil {
			return err
		}
		p.indexProxy(x)
	case "legal_representatives", "beneficial_owners":
		kind, op := "LEGAL_REPRESENTATIVE", "legal_representatives_post"
		if key == "beneficial_owners" {
			kind, op = "BENEFICIAL_OWNER", "beneficial_owners_post"
		}
		k := relatedKinds[kind]
		id, err := fixtureID(m, k.idField, p.ID, kind, str(m["legalEntityId"]), str(m["firstName"]), str(m["lastName"]), str(m["birthDay"]))
		if err != nil {
			return err
		}
		tm, err := optTimes(m, "createdOn", "modifiedOn", "activeOn", "inactiveOn")
		if err != nil {
			return err
		}
		x := &Related{ID: id, Kind: kind, LegalEntityID: str(m["legalEntityId"]), GlobalID: str(m["globalId"]), Status: str(m[k.statusField]),
			CreatedOn: timeOr(tm["createdOn"], now)}
		x.ModifiedOn = timeOr(tm["modifiedOn"], x.CreatedOn)
		x.ActiveOn, x.InactiveOn = tm["activeOn"], tm["inactiveOn"]
		x.Deleted, _ = m["deleted"].(bool)
		for _, f := range []string{"legalEntityId", "globalId", k.statusField, "deleted", "beneficialOwnerType"} {
			delete(m, f)
		}
		if x.GlobalID == "" {
			x.GlobalID = globalID()
		}
		if x.Status == "" {
			x.Status = "CREATED"
		}
		if le, ok := p.entities[x.LegalEntityID]; !ok || le.Kind != "LEGAL_ENTITY" {
			return fmt.Errorf("legalEntityId: no legal entity %s in this partner", x.LegalEntityID)
		}
		o := a.schemas.Op(op)
		if err := checkBody(n, o, m, false); err != nil {
			return err
		}
		x.Doc = o.PruneBody(m).(map[string]any)
		p.indexRelated(x)
	case "offboardings":
		id, err := fixtureID(m, "offboardingId", p.ID, "offboarding", str(m["roleId"]), str(m["createdOn"]))
		if err != nil {
			return err
		}
		tm, err := optTimes(m, "createdOn", "modifiedOn", "cancellationDate", "dueOn")
		if err != nil {
			return err
		}
		f := &Offboarding{ID: id, Status: str(m["status"]), Outcome: str(m["outcome"]), CreatedOn: timeOr(tm["createdOn"], now)}
		delete(m, "status")
		delete(m, "outcome")
		f.ModifiedOn = timeOr(tm["modifiedOn"], f.CreatedOn)
		op := a.schemas.Op("offboardings_post")
		if err := checkBody(n, op, m, false); err != nil {
			return err
		}
		b := op.PruneBody(m).(map[string]any)
		f.RoleType, f.RoleID, f.Reason = str(b["roleType"]), str(b["roleId"]), str(b["reason"])
		f.CancellationDate = timeOr(tm["cancellationDate"], f.CreatedOn)
		f.DueOn = timeOr(tm["dueOn"], f.CancellationDate)
		if f.Status == "" {
			f.Status = "APPROVED"
		}
		if !slices.Contains([]string{"INVALID", "CREATED", "PENDING", "APPROVED", "REJECTED", "CANCELED"}, f.Status) {
			return fmt.Errorf("status: %q is no offboarding status", f.Status)
		}
		if _, ok := p.customers[f.RoleID]; !ok {
			if _, ok := p.proxies[f.RoleID]; !ok {
				return fmt.Errorf("roleId: no customer or proxy %s in this partner", f.RoleID)
			}
		}
		p.indexOffboarding(f)
	case "webhooks":
		tm, err := optTimes(m, "createdOn", "modifiedOn")
		if err != nil {
			return err
		}
		deleted, _ := m["deleted"].(bool)
		delete(m, "deleted")
		op := a.schemas.Op("webhooks_post")
		if err := checkBody(n, op, m, false); err != nil {
			return err
		}
		b := op.PruneBody(m).(map[string]any)
		w := &Webhook{EventType: str(b["eventType"]), URL: str(b["url"]), Deleted: deleted, CreatedOn: timeOr(tm["createdOn"], now)}
		w.ModifiedOn = timeOr(tm["modifiedOn"], w.CreatedOn)
		for _, h := range asList(b["headers"]) {
			hm, _ := h.(map[string]any)
			w.Headers = append(w.Headers, WebhookHeader{Name: str(hm["name"]), Value: str(hm["value"])})
		}
		p.indexWebhook(w)
	}
	return nil
}

func putTime(d map[string]any, key string, t *time.Time) {
	if t != nil {
		d[key] = ts(*t)
	}
}

// stateMore adds the records of the keys above to a partner's exported section.
func stateMore(p *Partner, m map[string]any) {
	stateDocuments(p, m)
	stateVerifications(p, m)
	var proxies []any
	for id := range p.proxyOrder.Ascend(nil) {
		x := p.proxies[id]
		d := map[string]any{"proxyId": x.ID, "proxyType": x.ProxyType, "naturalPersonId": x.NaturalPersonID, "entityId": x.EntityID,
			"entityType": x.EntityType, "productIds": x.ProductIDs, "validityType": x.ValidityType, "proxyStatus": x.Status,
			"createdOn": ts(x.CreatedOn), "modifiedOn": ts(x.ModifiedOn)}
		if x.ProductIDs == nil {
			d["productIds"] = []string{}
		}
		if x.ScopeType != "" {
			d["scopeType"] = x.ScopeType
		}
		if x.CustodyType != "" {
			d["custodyType"] = x.CustodyType
		}
		if x.NextStatus != "" {
			d["nextStatus"] = x.NextStatus
		}
		putTime(d, "approvedOn", x.ApprovedOn)
		putTime(d, "activeOn", x.ActiveOn)
		putTime(d, "inactiveOn", x.InactiveOn)
		proxies = append(proxies, d)
	}
	if proxies != nil {
		m["proxies"] = proxies
	}
	var reps, owners []any
	for id := range p.relatedOrder.Ascend(nil) {
		x := p.related[id]
		k := relatedKinds[x.Kind]
		d := make(map[string]any, len(x.Doc)+8)
		maps.Copy(d, x.Doc)
		d[k.idField], d["legalEntityId"], d["globalId"], d[k.statusField] = x.ID, x.LegalEntityID, x.GlobalID, x.Status
		d["createdOn"], d["modifiedOn"] = ts(x.CreatedOn), ts(x.ModifiedOn)
		if x.Deleted {
			d["deleted"] = true
		}
		putTime(d, "activeOn", x.ActiveOn)
		putTime(d, "inactiveOn", x.InactiveOn)
		if x.Kind == "BENEFICIAL_OWNER" {
			owners = append(owners, d)
		} else {
			reps = append(reps, d)
		}
	}
	if reps != nil {
		m["legal_representatives"] = reps
	}
	if owners != nil {
		m["beneficial_owners"] = owners
	}
	var offs []any
	for _, id := range slices.Sorted(maps.Keys(p.offboardings)) {
		f := p.offboardings[id]
		d := map[string]any{"offboardingId": f.ID, "roleType": f.RoleType, "roleId": f.RoleID, "reason": f.Reason, "status": f.Status,
			"createdOn": ts(f.CreatedOn), "modifiedOn": ts(f.ModifiedOn), "cancellationDate": ts(f.CancellationDate), "dueOn": ts(f.DueOn)}
		if f.Outcome != "" {
			d["outcome"] = f.Outcome
		}
		offs = append(offs, d)
	}
	if offs != nil {
		m["offboardings"] = offs
	}
	var hooks []any
	for _, et := range slices.Sorted(maps.Keys(p.webhooks)) {
		w := p.webhooks[et]
		d := w.render()
		if w.Deleted {
			d["deleted"] = true
		}
		hooks = append(hooks, d)
	}
	if hooks != nil {
		m["webhooks"] = hooks
	}
}
