package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadAuditAnswer(t *testing.T) {
	tests := []struct {
		name, body  string
		wantErr     bool
		wantRun     uint64
		wantError   string
		wantSummary []string
	}{
		{name: "with export",
			body:        `{"run":{"id":7,"sites":["a","b"]},"error":"partly","export":{"generated_at":"2026-11-25T10:00:00+08:00","later":[1],"sites":[{"id":"a","name":"甲","requirements":[],"census":[]},{"id":"b","name":"乙","requirements":[],"census":[]}]}}` + "\n",
			wantRun:     7,
			wantError:   "partly",
			wantSummary: []string{"a", "甲", "b", "乙", "2 sites"}},
		{name: "no export", body: `{"run":{"id":3},"error":"no sites to audit"}`, wantRun: 3, wantError: "no sites to audit"},
		{name: "cut off", body: `{"run":{"id":3},"export":{"sites":[{"id":"a"}`, wantErr: true},
		{name: "not an object", body: `[]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			got, err := readAuditAnswer(strings.NewReader(tt.body), &out)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if got.Run.ID != tt.wantRun || got.Error != tt.wantError {
				t.Errorf("got run %d error %q, want run %d error %q", got.Run.ID, got.Error, tt.wantRun, tt.wantError)
			}
			for _, w := range tt.wantSummary {
				if !strings.Contains(out.String(), w) {
					t.Errorf("summary: want %q in\n%s", w, out.String())
				}
			}
		})
	}
}
