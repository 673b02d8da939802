package config

import "testing"

func TestParseReport(t *testing.T) {
	const data = `
report:
  issuer: 辽宁省人民政府办公厅
  period: 2026年第四季度
  base_url: http://10.0.0.5:9464
`
	cfg, err := Parse([]byte(data), "report.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := Report{Issuer: "辽宁省人民政府办公厅", Period: "2026年第四季度", BaseURL: "http://10.0.0.5:9464"}
	if cfg.Report != want {
		t.Errorf("got %+v, want %+v", cfg.Report, want)
	}
	if def := Default(); def.Report != (Report{}) {
		t.Errorf("default report settings %+v, want none", def.Report)
	}
}
