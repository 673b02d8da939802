package metrics

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestNotifications(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	n := NewNotifications(reg)
	n.Init("office", "dingtalk")
	n.Init("mail", "email")
	n.Sent("office", "dingtalk")
	n.Sent("office", "dingtalk")
	n.Failed("mail", "email")
	want := `
# HELP govaudit_notifications_failed_total Notifications not delivered after every retry, by receiver and kind.
# TYPE govaudit_notifications_failed_total counter
govaudit_notifications_failed_total{kind="dingtalk",receiver="office"} 0
govaudit_notifications_failed_total{kind="email",receiver="mail"} 1
# HELP govaudit_notifications_sent_total Notifications delivered, by receiver and kind (dingtalk, wecom, feishu, email).
# TYPE govaudit_notifications_sent_total counter
govaudit_notifications_sent_total{kind="dingtalk",receiver="office"} 2
govaudit_notifications_sent_total{kind="email",receiver="mail"} 0
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want)); err != nil {
		t.Error(err)
	}
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("lint: %s: %s", p.Metric, p.Text)
	}
	var none *Notifications
	none.Init("a", "b")
	none.Sent("a", "b")
	none.Failed("a", "b")
}
