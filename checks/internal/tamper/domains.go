package tamper

import (
	"net/netip"
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// registrable returns the registrable domain of host (www.liaoyang.gov.cn →
// liaoyang.gov.cn), or host itself for an IP address or a name the public
// suffix list cannot split. Two hosts with the same registrable domain are
// one site.
func registrable(host string) string {
	if _, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return host
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return d
}

// linkHost returns the lower-case host of an absolute http(s) or
// protocol-relative href, or "" for relative, javascript:, mailto: and
// unparseable links, which cannot lead to another site. abs is the link
// as an absolute URL.
func linkHost(href string) (host, abs string) {
	href = strings.TrimSpace(href)
	if !strings.Contains(href, "//") {
		return "", "" // relative, javascript:, mailto:
	}
	if host, abs, ok := plainLinkHost(href); ok {
		return host, abs
	}
	u, err := url.Parse(href)
	if err != nil || u.Host == "" {
		return "", ""
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		u.Scheme = "http"
	case "http", "https":
	default:
		return "", ""
	}
	host = strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return "", ""
	}
	return host, u.String()
}

// plainLinkHost reads the host of the common absolute link without
// net/url, whose parse is a good part of a page's scan: http://, https://
// or //, then a host of lower-case letters, digits, dots and hyphens,
// ended by /, ?, # or the end. Anything else is left to url.Parse.
func plainLinkHost(href string) (host, abs string, ok bool) {
	rest, abs := href, href
	switch {
	case strings.HasPrefix(href, "http://"):
		rest = href[len("http://"):]
	case strings.HasPrefix(href, "https://"):
		rest = href[len("https://"):]
	case strings.HasPrefix(href, "//"):
		rest, abs = href[2:], "http:"+href
	default:
		return "", "", false
	}
	end := len(rest)
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if c == '/' || c == '?' || c == '#' {
			end = i
			break
		}
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return "", "", false
		}
	}
	host = strings.TrimSuffix(rest[:end], ".")
	if host == "" || strings.ContainsAny(abs, " \t\n\r\\") {
		return "", "", false
	}
	return host, abs, true
}

// institutional reports hosts under suffixes that only public bodies can
// register: gov.cn and the 政务 top-level domain (government), edu.cn and
// ac.cn (universities, research institutes), mil.cn, and the gov suffixes
// of other jurisdictions (gov.hk, gov.mo). A link to one of them is never
// spam by itself; its anchor text is read as the page's own text.
func institutional(host string) bool {
	for _, s := range []string{".gov.cn", ".edu.cn", ".ac.cn", ".mil.cn", ".xn--zfr164b"} {
		if strings.HasSuffix(host, s) || host == s[1:] {
			return true
		}
	}
	suffix, _ := publicsuffix.PublicSuffix(host)
	return suffix == "gov" || strings.HasPrefix(suffix, "gov.")
}

// trustedDomains are registrable domains outside the institutional suffixes
// that government templates link to as a matter of course, often from
// menus or widgets that start hidden: the 党政机关 site-identity badge
// (conac.cn), the national state media and Party portals of the 友情链接
// blocks, Liaoning's provincial news portals, the reporting centres, the
// error-report widget of the national inspection (kaipuyun.cn), the CMS
// vendors of technical-support lines, and the visit counters, share buttons
// and trust badges of page footers and share pop-ups. A hidden link to one of them is a
// closed dropdown, not tampering; its anchor text is still checked for spam.
var trustedDomains = map[string]bool{
	// Site identity and inspection widgets.
	"conac.cn": true, "kaipuyun.cn": true,
	// State media and Party portals.
	"people.com.cn": true, "xinhuanet.com": true, "news.cn": true, "cctv.com": true,
	"cctv.cn": true, "cntv.cn": true, "cnr.cn": true, "cri.cn": true,
	"chinadaily.com.cn": true, "chinanews.com": true, "chinanews.com.cn": true,
	"china.com.cn": true, "gmw.cn": true, "ce.cn": true, "youth.cn": true,
	"qstheory.cn": true, "12371.cn": true, "cssn.cn": true,
	// Liaoning's provincial news portals (东北新闻网, 北国网).
	"nen.com.cn": true, "lnd.com.cn": true,
	// Reporting centres for illegal content.
	"12377.cn": true, "cyberpolice.cn": true,
	// CMS vendors.
	"hanweb.com": true, "trs.com.cn": true, "epoint.com.cn": true,
	// Visit counters.
	"cnzz.com": true, "51.la": true, "linezing.com": true, "baidu.com": true,
	// Share buttons and the portals behind them.
	"qq.com": true, "weibo.com": true, "sina.com.cn": true, "renren.com": true,
	"douban.com": true, "kaixin001.com": true, "jiathis.com": true, "bshare.cn": true,
	"sohu.com": true, "163.com": true,
	// Trust and security badges.
	"360.cn": true, "knet.cn": true, "anquan.org": true, "cnnic.cn": true, "cnnic.net.cn": true,
	"itrust.org.cn": true, "isc.org.cn": true,
}
