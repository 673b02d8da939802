package demo

import (
	"fmt"
	"strings"
)

// injection is spam planted in a page by whoever broke into the site: a
// line of gambling advertising in the text, and a block of links to
// gambling sites hidden from the reader (暗链) for search engines to find.
type injection struct {
	sentences []string // each a sentence of spam text
	links     []link   // hidden links to other sites, each to its own address
}

// findings is how many pieces of tampering the injection holds: each spam
// sentence, and each hidden link to another site.
func (in *injection) findings() int { return len(in.sentences) + len(in.links) }

// html is the markup the intruder wrote into the page.
func (in *injection) html() string {
	var b strings.Builder
	b.WriteString(`<div style="display:none">`)
	for _, l := range in.links {
		fmt.Fprintf(&b, `<a href="%s" target="_blank">%s</a> `, l.href, esc(l.label))
	}
	b.WriteString("</div>\n")
	for _, s := range in.sentences {
		fmt.Fprintf(&b, `<p class="gg">%s</p>`+"\n", esc(s))
	}
	return b.String()
}

// casinoSpam is the injection seen on defaced county sites: a casino
// advertisement with a QQ number, and three hidden links to casino sites.
var casinoSpam = &injection{
	sentences: []string{"澳门新葡京百家乐真人娱乐在线开户，注册送彩金，首存返水，客服QQ 88662288。"},
	links: []link{
		{label: "新葡京娱乐城", href: "http://www.xpj-vip.test/"},
		{label: "百家乐官网", href: "http://www.bjl88.test/"},
		{label: "体育投注平台", href: "http://www.ty-bet.test/"},
	},
}
