package page

import (
	"strconv"
	"strings"

	"github.com/govaudit/govaudit/checks/internal/text"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// columns are the positions of the named columns of a list table, -1 when
// absent.
type columns struct {
	title, date, validity int
}

// tableColumns reads the header row of the table holding a group of <tr>
// rows: the first row of <th> cells, else the first row without links
// before the data. ok is false when the table has no header.
func tableColumns(g *group) (columns, bool) {
	cols := columns{-1, -1, -1}
	if len(g.rows) == 0 {
		return cols, false
	}
	table := g.rows[0].n.Parent
	for i := 0; i < 2 && table != nil && table.DataAtom != atom.Table; i++ {
		table = table.Parent
	}
	if table == nil || table.DataAtom != atom.Table {
		return cols, false
	}
	var header *html.Node
	for _, tr := range tableRows(table) {
		if hasCell(tr, atom.Th) {
			header = tr
			break
		}
		if countAnchors(tr, 0) > 0 {
			break // data begins: no header row
		}
		if header == nil {
			header = tr
		}
	}
	if header == nil {
		return cols, false
	}
	dateRank := 0
	i := 0
	for c := header.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			continue
		}
		name := text.Normalize(textOf(c, 200))
		switch {
		case containsAny(name, "有效性", "效力", "时效"):
			if cols.validity < 0 {
				cols.validity = i
			}
		case containsAny(name, "日期", "时间"):
			rank := 1
			switch {
			case containsAny(name, "发布", "公开", "发文", "印发"):
				rank = 3
			case strings.Contains(name, "成文"):
				rank = 2
			}
			if rank > dateRank {
				cols.date, dateRank = i, rank
			}
		case containsAny(name, "标题", "名称", "题名"):
			if cols.title < 0 {
				cols.title = i
			}
		}
		i += colspan(c)
	}
	return cols, cols.title >= 0 || cols.date >= 0 || cols.validity >= 0
}

// tableRows returns the <tr> rows of a table, not those of nested tables.
func tableRows(table *html.Node) []*html.Node {
	var rows []*html.Node
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

func hasCell(tr *html.Node, a atom.Atom) bool {
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return true
		}
	}
	return false
}

func colspan(c *html.Node) int {
	n, err := strconv.Atoi(strings.TrimSpace(attr(c, "colspan")))
	if err != nil || n < 1 || n > 50 {
		return 1
	}
	return n
}

// cellAt returns the cell of tr at column index i, counting colspans.
func cellAt(tr *html.Node, i int) *html.Node {
	if i < 0 {
		return nil
	}
	k := 0
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			continue
		}
		span := colspan(c)
		if i < k+span {
			return c
		}
		k += span
	}
	return nil
}

// within reports whether n is inside (or is) ancestor, looking up at most
// depth levels.
func within(n, ancestor *html.Node, depth int) bool {
	for ; n != nil && depth >= 0; n, depth = n.Parent, depth-1 {
		if n == ancestor {
			return true
		}
	}
	return false
}
