package report

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// format is one way of writing a document.
type format struct {
	name      string
	mediaType string
	binary    bool // not for a terminal
	write     func(io.Writer, Document) error
}

// formats are the export formats of docs/export.md, in the order help
// texts list them.
var formats = []format{
	{"json", "application/json; charset=utf-8", false, WriteJSON},
	{"csv", "text/csv; charset=utf-8", false, WriteCSV},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", true, WriteXLSX},
	{"html", "text/html; charset=utf-8", false, WriteHTML},
	{"pdf", "application/pdf", true, func(w io.Writer, doc Document) error {
		return WritePDF(context.Background(), w, doc, Extras{})
	}},
}

// Formats lists the names Write accepts.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.name
	}
	return names
}

// CheckFormat returns an error naming the accepted formats unless name is
// one of them.
func CheckFormat(name string) error {
	_, err := lookupFormat(name)
	return err
}

// MediaType is the Content-Type of a format, for HTTP downloads; "" for an
// unknown format.
func MediaType(name string) string {
	f, _ := lookupFormat(name)
	return f.mediaType
}

// Binary reports whether a format's output is not text and so should not
// be written to a terminal.
func Binary(name string) bool {
	f, _ := lookupFormat(name)
	return f.binary
}

// FileName is a download name for the document in a format:
// govaudit-SITE-DAY.EXT for one site, govaudit-DAY.EXT for several, where
// DAY is the as-of day or the day the export was made.
func FileName(doc Document, name string) string {
	day := doc.GeneratedAt.Format(dayLayout)
	if !doc.AsOf.IsZero() {
		day = doc.AsOf.String()
	}
	if len(doc.Sites) == 1 {
		return fmt.Sprintf("govaudit-%s-%s.%s", doc.Sites[0].ID, day, name)
	}
	return fmt.Sprintf("govaudit-%s.%s", day, name)
}

// Write writes doc to w in the named format: json, csv, xlsx, html or pdf
// (WriteWith gives html and pdf their cover and evidence).
func Write(w io.Writer, name string, doc Document) error {
	f, err := lookupFormat(name)
	if err != nil {
		return err
	}
	return f.write(w, doc)
}

func lookupFormat(name string) (format, error) {
	for _, f := range formats {
		if f.name == name {
			return f, nil
		}
	}
	names := Formats()
	list := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	return format{}, fmt.Errorf("unsupported format %q: use %s", name, list)
}
