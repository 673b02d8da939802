package demo

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// spa is a current-style portal on TRS: most columns are TRS lists, but
// a column marked scripted ships an empty <ul id="list"> and a script that
// fills it from a JSON file (list_N.json beside the page) after load. Read
// as HTML, such a column shows nothing; a browser shows its items.
type spa struct{ trs }

func (t spa) list(s *site, c *column, n int) string {
	if !c.scripted {
		return t.trs.list(s, c, n)
	}
	var b strings.Builder
	b.WriteString(`<div class="loading" id="loading">正在加载…</div>` + "\n" + `<ul class="list_ul" id="list"></ul>` + "\n")
	fmt.Fprintf(&b, `<script type="text/javascript">
fetch("list_%d.json").then(function (r) { return r.json(); }).then(function (d) {
  var ul = document.getElementById("list");
  document.getElementById("loading").remove();
  d.items.forEach(function (it) {
    var li = document.createElement("li"), a = document.createElement("a"), span = document.createElement("span");
    a.setAttribute("href", it.url); a.target = "_blank"; a.title = it.title; a.textContent = it.title;
    span.textContent = it.date;
    li.appendChild(a); li.appendChild(span); ul.appendChild(li);
  });
});
</script>
`, n)
	return s.listShell(c, b.String())
}

// extras files the JSON each scripted list page loads.
func (t spa) extras(s *site, c *column) {
	if !c.scripted {
		return
	}
	type entry struct {
		Title string `json:"title"`
		URL   string `json:"url"`
		Date  string `json:"date"`
	}
	for n := range c.paths {
		var d struct {
			Items []entry `json:"items"`
		}
		for _, it := range c.pageItems(n) {
			d.Items = append(d.Items, entry{Title: it.title, URL: rel(c.dir, it.path), Date: c.listDate(it.date)})
		}
		body, err := json.Marshal(d)
		if err != nil {
			panic("demo: " + err.Error())
		}
		s.put(fmt.Sprintf("%slist_%d.json", c.dir, n), newPage(http.StatusOK, "application/json; charset=utf-8", body))
	}
}
