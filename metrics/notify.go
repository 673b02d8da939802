package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Notifications counts the Alertmanager notifications govaudit delivers to
// its receivers (DingTalk, WeCom, Feishu, email): one count per message and
// receiver after its last attempt, so that a failed delivery is never
// silent. Its methods are no-ops on a nil *Notifications.
type Notifications struct {
	sent, failed *prometheus.CounterVec
}

// NewNotifications creates the counters and registers them with reg; a nil
// reg leaves them unregistered.
func NewNotifications(reg prometheus.Registerer) *Notifications {
	f := promauto.With(reg)
	labels := []string{"receiver", "kind"}
	return &Notifications{
		sent: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace,
			Name:      "notifications_sent_total",
			Help:      "Notifications delivered, by receiver and kind (dingtalk, wecom, feishu, email).",
		}, labels),
		failed: f.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace,
			Name:      "notifications_failed_total",
			Help:      "Notifications not delivered after every retry, by receiver and kind.",
		}, labels),
	}
}

// Init exports both counters of a receiver as 0 before its first message,
// so that increase() sees its first failure.
func (n *Notifications) Init(receiver, kind string) {
	if n == nil {
		return
	}
	n.sent.WithLabelValues(receiver, kind)
	n.failed.WithLabelValues(receiver, kind)
}

// Sent counts a delivered message.
func (n *Notifications) Sent(receiver, kind string) {
	if n != nil {
		n.sent.WithLabelValues(receiver, kind).Inc()
	}
}

// Failed counts a message given up on.
func (n *Notifications) Failed(receiver, kind string) {
	if n != nil {
		n.failed.WithLabelValues(receiver, kind).Inc()
	}
}
