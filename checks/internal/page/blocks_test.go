package page

import (
	"reflect"
	"testing"
)

func TestReadBlocks(t *testing.T) {
	const home = `<html><body>
<div class="nav"><ul><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="news-box"><h3>要闻动态</h3><ul>
<li><a href="/yw/202611/t20261120_1.html">全省经济运行情况新闻发布会召开</a><span>2026-11-20</span></li>
<li><a href="/yw/202611/t20261118_2.html">省政府常务会议研究部署冬季安全生产</a><span>2026-11-18</span></li>
</ul></div>
<div class="news-box"><h3>通知公告</h3><ul>
<li><a href="/tzgg/202611/t20261122_3.html">关于2026年元旦放假安排的通知</a><span>2026-11-22</span></li>
<li><a href="/yw/202611/t20261120_1.html">全省经济运行情况新闻发布会召开</a><span>2026-11-20</span></li>
</ul></div>
<div class="links"><ul><li><a href="http://www.gov.test/">中国政府网</a></li><li><a href="http://www.ln.test/">辽宁省人民政府</a></li></ul></div>
<div class="footer"><ul><li><a href="/about.html">关于我们</a> 2026-11-24</li><li><a href="/map.html">网站地图</a> 2026-11-24</li></ul></div>
</body></html>`
	tests := []struct {
		name string
		body string
		want []item
	}{
		{"every content block, each item once", home, []item{
			{"全省经济运行情况新闻发布会召开", "http://www.a.test/yw/202611/t20261120_1.html", day(2026, 11, 20), true, false, ""},
			{"省政府常务会议研究部署冬季安全生产", "http://www.a.test/yw/202611/t20261118_2.html", day(2026, 11, 18), true, false, ""},
			{"关于2026年元旦放假安排的通知", "http://www.a.test/tzgg/202611/t20261122_3.html", day(2026, 11, 22), true, false, ""},
		}},
		{"a page of menus only", `<html><body><div class="nav"><ul><li><a href="/a/">首页</a></li><li><a href="/b/">政务公开</a></li></ul></div></body></html>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := ReadBlocks(parse(t, []byte(tt.body)), []byte(tt.body), mustURL(t, "http://www.a.test/"), clock)
			got := itemsOf(List{Items: items})
			if len(got) == 0 {
				got = nil
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
