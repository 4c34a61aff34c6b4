package tradevest

import "strings"

// Onboarding outcomes by magic values (decision D84), as Stripe's test
// cards make a payment fail: the last name of the natural person (for a
// joint person: of either of its persons; for a proxy: of the proxy's
// natural person) or the legal name of a legal entity decides how its
// onboarding ends, compared without case or surrounding spaces.
const (
	outcomeApproved = ""
	outcomeRejected = "rejected" // onboarding REJECTED, role and entity CREATED again (fixable)
	outcomeCritical = "critical" // onboarding REJECTED, role and entity REJECTED
	outcomeInvalid  = "invalid"  // onboarding INVALID after its first second, role and entity CREATED again
	outcomeReview   = "review"   // onboarding REVIEW, role and entity REVIEW (an admin task; stays)
)

// outcomeFor is the outcome of onboarding a role of entity id.
func (p *Partner) outcomeFor(id string) string {
	e, ok := p.entities[id]
	if !ok {
		return outcomeApproved
	}
	names := []string{str(e.Doc["lastName"]), str(e.Doc["legalName"])}
	if e.Kind == "JOINT_PERSON" {
		for _, f := range []string{"firstNaturalPersonId", "secondNaturalPersonId"} {
			if np, ok := p.entities[str(e.Doc[f])]; ok {
				names = append(names, str(np.Doc["lastName"]))
			}
		}
	}
	for _, n := range names {
		switch v := strings.ToLower(strings.TrimSpace(n)); v {
		case outcomeRejected, outcomeCritical, outcomeInvalid, outcomeReview:
			return v
		}
	}
	return outcomeApproved
}
