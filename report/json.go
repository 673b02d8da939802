package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes the document as indented JSON, the shape of
// docs/export.md. HTML characters are not escaped: titles and URLs are
// written as the sites publish them.
func WriteJSON(w io.Writer, doc Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}
