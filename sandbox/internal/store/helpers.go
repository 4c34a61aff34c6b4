package store

// Get runs fn with shared access to one tenant's state (View) and returns
// what fn returns.
func Get[S State[S], T any](t *Tenants[S], id string, fn func(S) (T, error)) (T, error) {
	return With(t.View, id, fn)
}

// Set runs fn with exclusive access to one tenant's state (Update) and
// returns what fn returns.
func Set[S State[S], T any](t *Tenants[S], id string, fn func(S) (T, error)) (T, error) {
	return With(t.Update, id, fn)
}

// With runs fn through run (a Tenants' View or Update, or an API's wrapper
// of one) and returns what fn returns; on an error, the zero value.
func With[S, T any](run func(id string, fn func(S) error) error, id string, fn func(S) (T, error)) (T, error) {
	var out T
	err := run(id, func(s S) error {
		var err error
		out, err = fn(s)
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}
