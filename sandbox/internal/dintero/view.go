package dintero

import (
	"maps"
	"slices"
	"time"

	"github.com/customers-api/sandbox/sandbox/internal/store"
)

// ViewKinds are the record lists the dashboard shows of an account, in
// order.
var ViewKinds = []string{"customers", "tokens", "token_events", "tags", "terms", "settings"}

// ViewClients returns the clients of account aid sorted by id, and whether
// the account exists. It only reads the store.
func (a *API) ViewClients(aid string) ([]Client, bool) {
	out, err := store.Get(a.store, aid, func(acc *Account) ([]Client, error) {
		var out []Client
		for _, cid := range slices.Sorted(maps.Keys(acc.Clients)) {
			out = append(out, acc.Clients[cid])
		}
		return out, nil
	})
	return out, err == nil
}

// ViewSizes are how many records of each ViewKinds account aid holds
// (deleted customers and tokens included, as the dashboard lists them).
func (a *API) ViewSizes(aid string) map[string]int {
	out := map[string]int{}
	_ = a.store.View(aid, func(acc *Account) error {
		out["customers"], out["tokens"], out["token_events"] = len(acc.customers), len(acc.tokens), len(acc.records)
		out["tags"], out["terms"], out["settings"] = len(acc.tags), len(acc.terms), 1
		return nil
	})
	return out
}

// View calls visit with every record of account aid, oldest first per
// kind, rendered as the API answers it at now: customers (deleted ones too,
// as include_deleted shows them), their tokens, the token events with
// their aggregated status judged on the sandbox clock, tags, terms and the
// settings with their defaults. about says what the API's JSON leaves to
// its path: the customer a token belongs to, the token type and value of a
// token event record. visit returning false stops. It reports
// whether the account exists. The dashboard reads it; it only reads the
// store.
func (a *API) View(aid string, now time.Time, visit func(kind string, item map[string]any, about map[string]string) bool) bool {
	err := a.store.View(aid, func(acc *Account) error {
		for cid := range acc.order.Ascend(nil) {
			if !visit("customers", acc.customers[cid].render(), nil) {
				return nil
			}
		}
		for tid := range acc.tokenOrder.Ascend(nil) {
			t := acc.tokens[tid]
			about := map[string]string{}
			if c, ok := acc.customers[t.Owner]; ok {
				about["customer_id"] = c.CustomerID
			}
			if !visit("tokens", t.render(), about) {
				return nil
			}
		}
		for rid := range acc.recordOrder.Ascend(nil) {
			r := acc.recordByID[rid]
			if !visit("token_events", r.render(now), map[string]string{"type": r.Type, "value": r.Value}) {
				return nil
			}
		}
		for tid := range acc.tagOrder.Ascend(nil) {
			if !visit("tags", acc.tags[tid].render(), nil) {
				return nil
			}
		}
		for tid := range acc.termsOrder.Ascend(nil) {
			if !visit("terms", acc.terms[tid].render(), nil) {
				return nil
			}
		}
		visit("settings", withDefaults(acc.settings()), nil)
		return nil
	})
	return err == nil
}
