package notify

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Alert and notification states, as Alertmanager writes them.
const (
	StatusFiring   = "firing"
	StatusResolved = "resolved"
)

// Payload is the body of Alertmanager's webhook notification, version 4:
// one notification per alert group, with the group's alerts.
type Payload struct {
	Version  string `json:"version"`
	GroupKey string `json:"groupKey"`
	// TruncatedAlerts is how many alerts Alertmanager left out because of
	// the webhook's max_alerts.
	TruncatedAlerts   int               `json:"truncatedAlerts"`
	Receiver          string            `json:"receiver"`
	Status            string            `json:"status"`
	Alerts            []Alert           `json:"alerts"`
	GroupLabels       map[string]string `json:"groupLabels"`
	CommonLabels      map[string]string `json:"commonLabels"`
	CommonAnnotations map[string]string `json:"commonAnnotations"`
	ExternalURL       string            `json:"externalURL"`
}

// Alert is one alert of a notification.
type Alert struct {
	Status       string            `json:"status"`
	Labels       map[string]string `json:"labels"`
	Annotations  map[string]string `json:"annotations"`
	StartsAt     time.Time         `json:"startsAt"`
	EndsAt       time.Time         `json:"endsAt"`
	GeneratorURL string            `json:"generatorURL"`
	Fingerprint  string            `json:"fingerprint"`
}

// payloadVersion is the only webhook format Alertmanager has sent since
// 0.7; a different one would mean fields this package does not know.
const payloadVersion = "4"

// DecodePayload reads one webhook body. Fields it does not know are ignored,
// as Alertmanager adds fields within a version. The version may be left out
// (for a payload written by hand); an alert without a status takes the
// notification's.
func DecodePayload(r io.Reader) (*Payload, error) {
	dec := json.NewDecoder(r)
	var p Payload
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("decode alertmanager payload: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("decode alertmanager payload: data after the json object")
	}
	if p.Version != "" && p.Version != payloadVersion {
		return nil, fmt.Errorf("unsupported payload version %q; expected %q", p.Version, payloadVersion)
	}
	if len(p.Alerts) == 0 {
		return nil, errors.New("the payload holds no alerts")
	}
	if p.Status == "" {
		p.Status = StatusResolved
		for _, a := range p.Alerts {
			if a.Status != StatusResolved {
				p.Status = StatusFiring
			}
		}
	}
	if p.Status != StatusFiring && p.Status != StatusResolved {
		return nil, fmt.Errorf("status: expected firing or resolved, got %q", p.Status)
	}
	for i := range p.Alerts {
		a := &p.Alerts[i]
		if a.Status == "" {
			a.Status = p.Status
		}
		if a.Status != StatusFiring && a.Status != StatusResolved {
			return nil, fmt.Errorf("alerts[%d].status: expected firing or resolved, got %q", i, a.Status)
		}
	}
	return &p, nil
}
