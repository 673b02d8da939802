package browser

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks"
	"github.com/govaudit/govaudit/internal/chromium/chromiumtest"
)

// TestChromiumKilledMidAudit: Chromium dies while rendering a column; that
// column is a finding of its own (unreadable), the audit completes, and
// the next page that needs the browser gets a new one.
func TestChromiumKilledMidAudit(t *testing.T) {
	path := chromiumtest.Find(t)
	b := New(Options{Path: path, Tabs: 1, RenderTimeout: 20 * time.Second})
	t.Cleanup(b.Close)
	var killed atomic.Bool
	srv := quietServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			fmt.Fprint(w, `<html><body><ul>
<li><a href="/zdgz/">重点工作</a></li><li><a href="/yjzj/">意见征集</a></li><li><a href="/gzdt/">工作动态</a></li>
<li><a href="/tzgg/">通知公告</a></li><li><a href="/zcwj/">政策文件</a></li><li><a href="/jgzn/">机构职能</a></li>
<li><a href="/rsxx/">人事信息</a></li><li><a href="/czxx/">财政信息</a></li></ul>
<ul><li><a href="/gzdt/t20261124_1.html">市政府召开常务会议</a><span>2026-11-24</span></li></ul></body></html>`)
		case "/zdgz/", "/yjzj/":
			fmt.Fprint(w, `<html><body><ul id="list"></ul><script>fetch("list.json").then(r => r.json()).then(d => {
for (const it of d) { const li = document.createElement("li"); li.innerHTML = '<a href="' + it.u + '">' + it.t + '</a><span>' + it.d + '</span>'; document.getElementById("list").appendChild(li) } })</script></body></html>`)
		case "/zdgz/list.json", "/yjzj/list.json":
			if !killed.Swap(true) {
				// The browser dies under the first list it renders.
				if pid := b.PID(); pid > 0 {
					_ = syscall.Kill(pid, syscall.SIGKILL)
				}
				<-r.Context().Done()
				return
			}
			fmt.Fprint(w, `[{"u": "t20261118_2.html", "t": "关于重点工作进展情况的报告", "d": "2026-11-18"}]`)
		default:
			http.NotFound(w, r)
		}
	}))
	var n testNet
	n.add(srv, "www.crashcity.test")
	f := b.Site(newSite(t, crawlOptions(&n), "crashcity"), govaudit.BrowserAuto)
	loc := time.FixedZone("CST", 8*3600)
	a := checks.NewAuditor(loc, nil)
	site := govaudit.Site{ID: "crashcity", URL: "http://www.crashcity.test/", Level: govaudit.LevelCity}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	audit := a.Audit(ctx, site, f, time.Date(2026, 11, 25, 10, 0, 0, 0, loc))

	got := map[govaudit.Status]int{}
	for _, r := range audit.Results {
		if r.ID == "all-01" || r.ID == "all-03" {
			got[r.Status]++
		}
	}
	if got[govaudit.StatusFresh] != 1 || got[govaudit.StatusUnreadable] != 1 {
		t.Errorf("all-01 and all-03: got statuses %v, want one fresh (rendered by the restarted browser) and one unreadable (rendering when it died)", got)
	}
	if !killed.Load() {
		t.Error("the browser was never killed")
	}
	if got := b.Starts(); got != 2 {
		t.Errorf("browser starts: got %d, want 2", got)
	}
}
