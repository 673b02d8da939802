package report

import (
	"io"
)

// WriteJSON writes the document as indented JSON, the shape of
// docs/export.md. HTML characters are not escaped: titles and URLs are
// written as the sites publish them.
func WriteJSON(w io.Writer, doc Document) error {
	return StreamJSON(w, doc.Stream())
}
