package api

import "net/http"

// OK is a 200 answer with body, or err when there is one: a handler returns
// OK(store.Get(...)) or OK(store.Set(...)).
func OK(body any, err error) (*Response, error) {
	if err != nil {
		return nil, err
	}
	return JSON(http.StatusOK, body), nil
}

// Empty is an answer with status and no body, or err when there is one.
func Empty(status int, err error) (*Response, error) {
	if err != nil {
		return nil, err
	}
	return &Response{Status: status}, nil
}
