package checks

import (
	"context"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
)

// TestFields reports which required contents a PPP column mentions, in its
// item titles or in the newest items' pages, and that a news headline
// about PPP on the home page is not the column.
func TestFields(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	f := htmlFetcher{
		"http://fgw.a.test/": `<html><body>
<ul class="news"><li><a href="/xw/202611/t20261120_1.html">省发展改革委召开PPP项目推介会</a><span>2026-11-20</span></li>
<li><a href="/xw/202611/t20261119_2.html">全省重点项目建设调度会召开</a><span>2026-11-19</span></li></ul>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/ppp/">PPP专栏</a></li></ul></div></body></html>`,
		"http://fgw.a.test/ppp/": `<html><body><div class="nav"><ul><li><a href="/">首页</a></li></ul></div><div class="list"><ul>
<li><a href="/ppp/202611/t20261118_3.html">沈阳地铁项目PPP合同公示</a><span>2026-11-18</span></li>
<li><a href="/ppp/202610/t20261010_4.html">大连污水处理项目基本情况</a><span>2026-10-10</span></li>
</ul></div></body></html>`,
		"http://fgw.a.test/ppp/202611/t20261118_3.html": `<html><body><p>本项目采用BOT运作方式，回报机制为可行性缺口补助。</p></body></html>`,
		"http://fgw.a.test/ppp/202610/t20261010_4.html": `<html><body><p>项目概况：处理规模10万吨/日。</p></body></html>`,
	}
	site := govaudit.Site{ID: "fgw", URL: "http://fgw.a.test/", Level: govaudit.LevelProvince, Department: "fgw"}
	audit := NewAuditor(loc, nil).Audit(context.Background(), site, f, now)
	r, ok := audit.Result("fgw-3")
	if !ok {
		t.Fatal("no fgw-3 result")
	}
	if r.Status != govaudit.StatusFresh || r.ColumnURL != "http://fgw.a.test/ppp/" {
		t.Fatalf("got %s at %q, want fresh at the PPP专栏 (evidence %v)", r.Status, r.ColumnURL, r.Evidence)
	}
	fields, _ := r.Details["fields"].(map[string]any)
	want := map[string]bool{"资本参与方式": true, "回报机制": true, "项目基本情况": true, "项目合同": true, "重大变更或终止": false}
	for name, w := range want {
		if fields[name] != w {
			t.Errorf("fields[%s] = %v, want %v", name, fields[name], w)
		}
	}
}
