package htmltree_test

import (
	"flag"
	"math/rand/v2"
	"strings"
	"testing"
)

var randomDocs = flag.Int("random-docs", 20000, "random documents TestRandomDocuments compares")

// randomFragments are the pieces random documents are made of: the tags
// government pages use, left open and closed out of order, with the
// attributes, references and raw text that trip tokenizers.
var randomFragments = []string{
	"<div>", "</div>", "<div class=nav id='m'>", "<p>", "</p>", "<span>", "</span>", "<ul>", "</ul>",
	"<ol>", "</ol>", "<li>", "</li>", "<dl>", "<dt>", "<dd>", "</dl>", "<table>", "</table>",
	"<tbody>", "</tbody>", "<thead>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "</th>",
	"<a href=\"/x?a=1&b=2\">", "<a href=/y title='t&amp;u'>", "</a>", "<b>", "</b>", "<font color=red>",
	"</font>", "<strong>", "</strong>", "<em>", "<i>", "</i>", "<img src=a.gif alt=\"图\">", "<br>", "<br/>",
	"</br>", "<hr>", "<input name=q>", "<input type=hidden>", "<form action=/s>", "</form>",
	"<h1>", "</h1>", "<h3>", "</h3>", "<pre>", "</pre>", "<center>", "</center>", "<marquee>",
	"</marquee>", "<iframe src=f></iframe>", "<script>var a=1<2;</script>", "<style>.a{}</style>",
	"<title>t&lt;</title>", "<meta charset=utf-8>", "<link rel=x>", "<head>", "</head>", "<body>",
	"</body>", "<html>", "</html>", "<!-- c -->", "<!DOCTYPE html>", "<?xml?>", "<![CDATA[x]]>",
	"text", " ", "\n", "\r\n", "&nbsp;", "&amp;", "&copy", "&#x53d1;", "政务公开", "2016-11-20", "<",
	"a < b", "<noscript>n</noscript>", "<label>", "</label>", "<nav>", "</nav>", "<section>",
	"<custom-el>", "</custom-el>", "<button>", "</button>", "<object>", "</object>", "<u>", "</u>",
	"<select>", "<select name=s onchange='go()'>", "</select>", "<option>", "<option value=/x>", "</option>",
	"<optgroup label=g>", "</optgroup>", "<html lang=zh>", "<body class=x>",
	"<script><!--\nvar a = 1;\n//--></script>", "<script language=javascript><!-- if (a<b) x(); --></script>",
	"<script><!-- document.write('<script src=x></script>'); --></script>",
	"<script><!-- a <SCRIPT>b</script>c</script>", "<script><!-- <scriptx></script>", "<script><!-- <! <script ></script>",
}

// TestRandomDocuments compares the two parsers on documents stitched from
// randomFragments; -random-docs sets how many.
func TestRandomDocuments(t *testing.T) {
	n := *randomDocs
	if testing.Short() {
		n /= 10
	}
	r := rand.New(rand.NewPCG(1, 2))
	fast := 0
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := r.IntN(40); k >= 0; k-- {
			b.WriteString(randomFragments[r.IntN(len(randomFragments))])
		}
		body := b.String()
		if reason := check(t, body, []byte(body)); reason == "" {
			fast++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d of %d random documents built by the fast path", fast, n)
}
