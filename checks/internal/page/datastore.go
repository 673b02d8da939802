package page

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// datastore is one Hanweb JCMS data island:
//
//	<datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?…"></a>]]></nextgroup>
//	<recordset><record><![CDATA[<li>…</li>]]></record>…</recordset></datastore>
//
// Column pages carry it inside <script type="text/xml">; the dataproxy.jsp
// response is the bare XML. Either way the items are not in the DOM (an
// HTML parser turns CDATA into comments), so the raw body is read.
type datastore struct {
	rows        []*html.Node // one node per record
	nextGroup   string       // the href of <nextgroup>, raw
	totalRecord int
	totalPage   int
	perPage     int
}

// findDatastores returns the data islands of a body in document order.
func findDatastores(body []byte) []datastore {
	var out []datastore
	for off := 0; off < len(body); {
		i := bytes.Index(body[off:], []byte("<datastore"))
		if i < 0 {
			break
		}
		i += off
		end := bytes.Index(body[i:], []byte("</datastore>"))
		if end < 0 {
			end = len(body) - i
		}
		off = i + end
		out = append(out, readDatastore(string(body[i:i+end])))
	}
	return out
}

// readDatastore parses the inside of one <datastore>.
func readDatastore(x string) datastore {
	var ds datastore
	ds.totalRecord = xmlInt(x, "totalrecord")
	ds.totalPage = xmlInt(x, "totalpage")
	ds.perPage = xmlInt(x, "perpage")
	if ng, ok := xmlElement(x, "nextgroup"); ok {
		for _, n := range parseFragment(cdata(ng), "div") {
			a := n
			if n.DataAtom != atom.A {
				a = findFirst(n, atom.A, 8)
			}
			if a != nil {
				ds.nextGroup = attr(a, "href")
				break
			}
		}
	}
	var records []string
	for off := 0; ; {
		i := strings.Index(x[off:], "<record")
		if i < 0 {
			break
		}
		i += off
		gt := strings.IndexByte(x[i:], '>')
		if gt < 0 {
			break
		}
		if next := x[i+len("<record"):]; next != "" && next[0] != '>' && next[0] != ' ' {
			off = i + len("<record") // <recordset>
			continue
		}
		start := i + gt + 1
		end := strings.Index(x[start:], "</record>")
		if end < 0 {
			break
		}
		records = append(records, cdata(x[start:start+end]))
		off = start + end + len("</record>")
	}
	ds.rows = parseRecords(records)
	return ds
}

// parseRecords turns record HTML into one row node per record. When every
// record is one element of the same kind (the usual <li>…</li>), all are
// parsed in one go; otherwise each record is parsed on its own and wrapped.
func parseRecords(records []string) []*html.Node {
	if len(records) == 0 {
		return nil
	}
	tag := firstTag(records[0])
	same := tag != ""
	for _, r := range records[1:] {
		if firstTag(r) != tag {
			same = false
			break
		}
	}
	if same {
		nodes := parseFragment(strings.Join(records, "\n"), contextFor(tag))
		var rows []*html.Node
		for _, n := range nodes {
			if n.Type == html.ElementNode {
				rows = append(rows, n)
			}
		}
		if len(rows) == len(records) {
			return rows
		}
	}
	rows := make([]*html.Node, 0, len(records))
	for _, r := range records {
		nodes := parseFragment(r, contextFor(firstTag(r)))
		wrap := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
		for _, n := range nodes {
			wrap.AppendChild(n)
		}
		rows = append(rows, wrap)
	}
	return rows
}

// contextFor returns the element a fragment starting with tag parses in.
func contextFor(tag string) string {
	switch tag {
	case "li":
		return "ul"
	case "tr":
		return "tbody"
	case "td", "th":
		return "tr"
	case "dd", "dt":
		return "dl"
	}
	return "div"
}

// parseFragment parses HTML in the context of an element named ctx.
func parseFragment(s, ctx string) []*html.Node {
	c := &html.Node{Type: html.ElementNode, Data: ctx, DataAtom: atom.Lookup([]byte(ctx))}
	nodes, err := html.ParseFragment(strings.NewReader(s), c)
	if err != nil {
		return nil
	}
	return nodes
}

// firstTag returns the lower-case name of the first tag in s.
func firstTag(s string) string {
	i := strings.IndexByte(s, '<')
	if i < 0 {
		return ""
	}
	j := i + 1
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z' || '0' <= s[j] && s[j] <= '9') {
		j++
	}
	return strings.ToLower(s[i+1 : j])
}

// cdata strips a CDATA wrapper and surrounding space.
func cdata(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<![CDATA[") {
		s = strings.TrimPrefix(s, "<![CDATA[")
		s = strings.TrimSuffix(s, "]]>")
	}
	return strings.TrimSpace(s)
}

// xmlElement returns the content of the first <name>…</name> in x.
func xmlElement(x, name string) (string, bool) {
	i := strings.Index(x, "<"+name+">")
	if i < 0 {
		return "", false
	}
	i += len(name) + 2
	j := strings.Index(x[i:], "</"+name+">")
	if j < 0 {
		return "", false
	}
	return x[i : i+j], true
}

// xmlInt returns the integer content of <name>, or 0.
func xmlInt(x, name string) int {
	s, ok := xmlElement(x, name)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(cdata(s)))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// datastoreGroup turns a datastore into a candidate list.
func datastoreGroup(ds datastore, base *url.URL) *group {
	g := &group{source: "datastore", tag: "li"}
	res := newResolver(base)
	for _, rn := range ds.rows {
		r := &row{n: rn, group: g}
		var collect func(*html.Node)
		collect = func(n *html.Node) {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				if c.DataAtom == atom.A && hasAttr(c, "href") {
					if a := newAnchor(c, res, 0); a != nil {
						a.row = r
						r.anchors = append(r.anchors, a)
					}
					continue
				}
				collect(c)
			}
		}
		if rn.DataAtom == atom.A {
			if a := newAnchor(rn, res, 0); a != nil {
				a.row = r
				r.anchors = append(r.anchors, a)
			}
		} else {
			collect(rn)
		}
		g.rows = append(g.rows, r)
	}
	if len(ds.rows) > 0 {
		g.tag = ds.rows[0].Data
	}
	return g
}

// nextRecords returns the dataproxy.jsp address of the records after the
// ones a datastore holds: the <nextgroup> URL with startrecord, endrecord
// and perpage set, as Hanweb's jpage script asks for them. "" when the
// datastore has no nextgroup or already holds every record.
func (ds datastore) nextRecords(base *url.URL) string {
	n := len(ds.rows)
	if ds.nextGroup == "" || n == 0 || ds.totalRecord > 0 && ds.totalRecord <= n {
		return ""
	}
	abs, ok := resolve(base, ds.nextGroup)
	if !ok {
		return ""
	}
	u, err := url.Parse(abs)
	if err != nil {
		return ""
	}
	per := ds.perPage
	if per <= 0 {
		per = n
	}
	q := u.Query()
	q.Set("startrecord", strconv.Itoa(n+1))
	q.Set("endrecord", strconv.Itoa(2*n))
	q.Set("perpage", strconv.Itoa(per))
	u.RawQuery = q.Encode()
	return u.String()
}
