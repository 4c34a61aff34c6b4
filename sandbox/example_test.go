package sandbox_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/customers-api/sandbox/sandbox"
)

// A Go test can run a whole sandbox in-process, without a port.
func ExampleNew() {
	s, err := sandbox.New(sandbox.Options{})
	if err != nil {
		panic(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()

	req, _ := http.NewRequest("POST", srv.URL+"/v1/accounts/T12345678/auth/token",
		strings.NewReader(`{"grant_type":"client_credentials","audience":"`+srv.URL+`/v1/accounts/T12345678"}`))
	req.SetBasicAuth("sandbox-client", "sandbox-secret")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println(res.StatusCode, strings.Contains(string(body), `"token_type":"Bearer"`))
	// Output: 200 true
}
