package sandbox

import (
	"fmt"
	"github.com/customers-api/sandbox/sandbox/internal/tradevest"

	"github.com/customers-api/sandbox/sandbox/internal/schema"
)

// ValidateNotification checks a Tradevest webhook notification body
// against its schema (components/schemas/<name> of
// schemas/tradevest.openapi.json: CustomerNotification,
// ProxyNotification, …).
func (s *Server) ValidateNotification(name string, body []byte) error {
	def := vendorOf[*tradevest.API](s).Schemas().Definition(name)
	if def == nil {
		return fmt.Errorf("no schema %s in the Tradevest document", name)
	}
	return schema.ValidateJSON(def, body)
}
