package main

import (
	"html/template"
	"net/http"
	"time"

	"github.com/govaudit/govaudit/report"
)

// overviewTemplate is the plain overview page served at "/": every site
// with its score and the status of each requirement. Self-contained, so it
// works offline.
var overviewTemplate = template.Must(template.New("overview").Funcs(template.FuncMap{
	"deref": func(f *float64) float64 { return *f },
}).Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>govaudit 政府网站监测</title>
<style>
body{font-family:sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
.fresh{background:#d9f2d9}.stale{background:#fde2b3}.empty{background:#fff3b0}.missing{background:#f8c4c4}
.unreachable,.blocked{background:#ddd}.na{color:#aaa}
</style></head><body>
<h1>govaudit 政府网站监测 — 总览</h1>
<p>生成时间 {{.GeneratedAt.Format "2006-01-02 15:04:05"}} · <a href="/api/v1/export">JSON 导出</a> · <a href="/metrics">metrics</a> · <a href="/api/v1/runs">audit runs</a></p>
<table><thead><tr><th>站点 site</th><th>名称</th><th>可访问</th><th>得分</th>{{range .Columns}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Rows}}<tr><td>{{.Card.ID}}</td><td><a href="{{.Card.URL}}">{{.Card.Name}}</a></td>
<td>{{if .Card.AuditedAt}}{{if .Card.Reachable}}是{{else}}否{{end}}{{else}}未审计{{end}}</td>
<td>{{if .Card.Score}}{{printf "%.1f" (deref .Card.Score)}}{{else}}—{{end}}</td>
{{range .Cells}}{{if .Status}}<td class="{{.Status}}" title="{{.Evidence}}">{{if .ColumnURL}}<a href="{{.ColumnURL}}">{{.Status}}</a>{{else}}{{.Status}}{{end}}</td>{{else}}<td class="na">·</td>{{end}}{{end}}
</tr>{{end}}
</tbody></table></body></html>
`))

type overviewCell struct {
	Status, ColumnURL, Evidence string
}

type overviewRow struct {
	Card  report.Scorecard
	Cells []overviewCell
}

func (s *apiServer) overview(w http.ResponseWriter, _ *http.Request) {
	doc, err := report.Build(s.store.Snapshot(), nil, time.Now(), s.loc)
	if err != nil {
		httpError(w, http.StatusInternalServerError, err)
		return
	}
	cols := requirementColumns(doc)
	data := struct {
		GeneratedAt time.Time
		Columns     []string
		Rows        []overviewRow
	}{GeneratedAt: doc.GeneratedAt, Columns: cols}
	for _, card := range doc.Sites {
		row := overviewRow{Card: card}
		for _, id := range cols {
			var cell overviewCell
			for _, r := range card.Requirements {
				if r.ID == id {
					cell = overviewCell{Status: string(r.Status), ColumnURL: r.ColumnURL}
					if len(r.Evidence) > 0 {
						cell.Evidence = r.Evidence[len(r.Evidence)-1]
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		data.Rows = append(data.Rows, row)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := overviewTemplate.Execute(w, data); err != nil {
		s.log.Warn("render overview", "err", err)
	}
}

// requirementColumns lists the requirement ids present in a document, in
// first-seen order.
func requirementColumns(doc report.Document) []string {
	var cols []string
	seen := map[string]bool{}
	for _, sc := range doc.Sites {
		for _, r := range sc.Requirements {
			if !seen[r.ID] {
				seen[r.ID] = true
				cols = append(cols, r.ID)
			}
		}
	}
	return cols
}
