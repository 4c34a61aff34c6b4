// Command sandbox serves the customers-API sandbox: `go run ./cmd/sandbox`.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/customers-api/sandbox/sandbox"
)

func main() {
	err := sandbox.Run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr, nil)
	if err == nil {
		return
	}
	fmt.Fprintln(os.Stderr, "sandbox:", err)
	var ue *sandbox.UsageError
	if errors.As(err, &ue) {
		os.Exit(sandbox.ExitUsage)
	}
	os.Exit(1)
}
