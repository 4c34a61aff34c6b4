package dintero

import "time"

// defaultSettings is what GET settings answers for a fresh account (decision D29).
// users.mfa is a whole CustomersMfaSettings, which requires login and
// login_recovery: Decision D29: both default to an SMS one-time code, as in the
// vendor's example response, with mfa itself off.
func defaultSettings() map[string]any {
	return map[string]any{
		"users": map[string]any{
			"customer_id_format":      "uuid",
			"head":                    map[string]any{"enabled": false},
			"phone_number_validation": map[string]any{"allow_duplicates": false},
			"mfa": map[string]any{
				"enabled":        false,
				"login":          map[string]any{"challenge_type": "oob", "oob_channel": "sms"},
				"login_recovery": map[string]any{"challenge_type": "oob", "oob_channel": "sms"},
			},
		},
	}
}

// settings returns the account's settings document (defaults when unset).
func (a *Account) settings() map[string]any {
	if a.Settings == nil {
		return defaultSettings()
	}
	return a.Settings
}

// settingsView is settings for reading only: the defaults are one shared
// document rather than a fresh one per look-up (every token event asks).
func (a *Account) settingsView() map[string]any {
	if a.Settings == nil {
		return readOnlyDefaults
	}
	return a.Settings
}

// readOnlyDefaults are defaultSettings for settingsView: never modified.
var readOnlyDefaults = defaultSettings()

func lookup(doc map[string]any, path ...string) any {
	var cur any = doc
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

func (a *Account) headEnabled() bool {
	b, _ := lookup(a.settingsView(), "users", "head", "enabled").(bool)
	return b
}

func (a *Account) phoneDuplicatesAllowed() bool {
	b, _ := lookup(a.settingsView(), "users", "phone_number_validation", "allow_duplicates").(bool)
	return b
}

func (a *Account) sequenceIDs() bool {
	return lookup(a.settingsView(), "users", "customer_id_format") == "sequence"
}

// eventTTL is the settings tokens.event_expiry time to live for status.
func (a *Account) eventTTL(status string) (time.Duration, bool) {
	list, _ := lookup(a.settingsView(), "tokens", "event_expiry").([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		if m["status"] == status {
			if secs, ok := toInt(m["time_to_live"]); ok {
				return time.Duration(secs) * time.Second, true
			}
		}
	}
	return 0, false
}
