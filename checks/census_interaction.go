package checks

import (
	"context"

	"github.com/govaudit/govaudit"
	"github.com/govaudit/govaudit/checks/internal/text"
)

// Labels of consultation columns, and the words a message list uses for a
// message that has had no answer. Normalised forms.
var (
	interactionLabels = []string{"领导信箱", "书记信箱", "省长信箱", "市长信箱", "县长信箱", "区长信箱", "厅长信箱", "局长信箱",
		"主任信箱", "网民留言", "在线咨询", "咨询投诉", "咨询", "留言", "民心网", "信箱"}
	interactionDecoys = []string{"咨询电话", "留言须知", "留言规则"}
	unansweredWords   = normalizeAll("未回复", "待回复", "未答复", "待答复", "未办结", "待处理", "未处理", "处理中", "办理中", "未受理")
)

// interactionCensus finds the consultation column and counts the messages
// of the last year that have waited more than three months for an answer.
func (s *siteRun) interactionCensus(ctx context.Context, pool *linkPool) govaudit.CensusFinding {
	t := s.a.Census
	m, ok := matchColumn(interactionLabels, interactionDecoys, pool.links, pool.seen)
	if !ok {
		return t.JudgeInteraction(0, []string{msgNoConsultation()})
	}
	c := column{found: true, url: m.link.URL, label: m.link.Label, depth: m.link.depth + 1}
	s.read(ctx, &c, nil)
	if c.err != nil {
		return t.JudgeInteraction(0, []string{msgConsultationUnreadable(c.url, c.err)})
	}
	var sources []string
	for _, p := range c.entry.pages {
		sources = append(sources, p.url)
	}
	ev := []string{msgConsultationListed(c.label, c.url, len(c.items))}
	unanswered := 0
	for _, it := range c.items {
		if it.Date.IsZero() {
			continue
		}
		age := daysBetween(it.Date, s.now, s.a.Location)
		if age <= t.InteractionUnansweredD || age > t.InteractionWindowDays {
			continue
		}
		if mentions(text.Normalize(it.Text), unansweredWords) {
			unanswered++
			ev = append(ev, msgUnanswered(age, it.Title, it.URL))
		}
	}
	return sourced(t.JudgeInteraction(unanswered, ev), sources)
}
