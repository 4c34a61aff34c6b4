package dintero

import "time"

// entity is the read-only base of every stored tag, terms and token (§1.5,
// §8.1): its id, who created it and when, and its soft deletion.
type entity struct {
	ID        string
	CreatedAt time.Time
	CreatedBy string
	UpdatedAt time.Time
	DeletedAt *time.Time
	DeletedBy string
}

func (e *entity) deleted() bool { return e.DeletedAt != nil }

// softDeleted is e deleted at now by by.
func (e entity) softDeleted(now time.Time, by string) entity {
	e.DeletedAt, e.DeletedBy, e.UpdatedAt = &now, by, now
	return e
}

// fill writes e's fields into a response object.
func (e *entity) fill(out map[string]any) {
	out["id"], out["created_at"], out["updated_at"] = e.ID, ts(e.CreatedAt), ts(e.UpdatedAt)
	if e.CreatedBy != "" {
		out["created_by"] = e.CreatedBy
	}
	if e.DeletedAt != nil {
		out["deleted_at"] = ts(*e.DeletedAt)
		if e.DeletedBy != "" {
			out["deleted_by"] = e.DeletedBy
		}
	}
}

// newEntity is a new record's base, created now by by.
func newEntity(id string, now time.Time, by string) entity {
	return entity{ID: id, CreatedAt: now, UpdatedAt: now, CreatedBy: by}
}
