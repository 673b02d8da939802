package demo

import (
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// gen is a deterministic source of variety, seeded by a site's id so that a
// site's pages depend only on its id and the day they are built for.
type gen struct{ r *rand.Rand }

func newGen(seed string) *gen {
	h := fnv.New64a()
	h.Write([]byte(seed))
	x := h.Sum64()
	return &gen{r: rand.New(rand.NewPCG(x, x^0x9e3779b97f4a7c15))}
}

func (g *gen) intn(n int) int          { return g.r.IntN(n) }
func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// builder assembles one site's model.
type builder struct {
	c  clock
	g  *gen
	s  *site
	id int // the next document id
}

func newBuilder(c clock, s *site, firstID int) *builder {
	return &builder{c: c, g: newGen(s.ID), s: s, id: firstID}
}

func (b *builder) nextID() int {
	b.id += 1 + b.g.intn(37)
	return b.id
}

// column adds a column to the site. dir is its directory for the CMSs
// that name columns by path; code its number for those that number them.
func (b *builder) column(req, slug, label, group, dir string, code int) *column {
	c := &column{req: req, slug: slug, label: label, name: label, group: group, dir: dir, code: code}
	b.s.columns = append(b.s.columns, c)
	return c
}

// at is a publication time daysAgo days before today, during office hours.
func (b *builder) at(daysAgo int) time.Time {
	return b.c.at(daysAgo, 8+b.g.intn(9), b.g.intn(60))
}

// add puts items into c, giving each a document id.
func (b *builder) add(c *column, items ...*item) {
	for _, it := range items {
		it.id = b.nextID()
		c.items = append(c.items, it)
	}
}

// finish lays the site out and renders its columns; the builder's caller
// adds the home page and other pages after.
func (b *builder) finish() {
	b.s.layout()
	b.s.renderColumns()
}
