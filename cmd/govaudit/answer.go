package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/govaudit/govaudit/app"
	"github.com/govaudit/govaudit/report"
)

// readAuditAnswer reads the answer of POST /api/v1/audits?wait=1 and
// prints the summary of its export as the scorecards arrive, so that the
// answer of a national run is never held whole. The returned response has
// the run and error; its Export is left nil.
func readAuditAnswer(r io.Reader, stdout io.Writer) (app.AuditResponse, error) {
	var out app.AuditResponse
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return out, err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return out, err
		}
		switch key {
		case "run":
			err = dec.Decode(&out.Run)
		case "error":
			err = dec.Decode(&out.Error)
		case "export":
			err = writeSummary(stdout, report.Stream{Each: func(fn func(*report.Scorecard) error) error {
				return eachScorecard(dec, fn)
			}})
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return out, fmt.Errorf("%v: %w", key, err)
		}
	}
	return out, expectDelim(dec, '}')
}

// eachScorecard reads an export document from dec, calling fn with each
// scorecard of its sites list as it is decoded.
func eachScorecard(dec *json.Decoder, fn func(*report.Scorecard) error) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return err
		}
		if key != "sites" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
			continue
		}
		if err := expectDelim(dec, '['); err != nil {
			return err
		}
		for dec.More() {
			var sc report.Scorecard
			if err := dec.Decode(&sc); err != nil {
				return err
			}
			if err := fn(&sc); err != nil {
				return err
			}
		}
		if err := expectDelim(dec, ']'); err != nil {
			return err
		}
	}
	return expectDelim(dec, '}')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("got %v, want %v", tok, want)
	}
	return nil
}
