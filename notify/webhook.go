package notify

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// MaxPayloadBytes bounds a webhook body. Alertmanager sends one alert
// group; a group of a thousand alerts with govaudit's annotations stays
// well under it.
const MaxPayloadBytes = 1 << 20

// WebhookHandler receives Alertmanager's webhook (POST, version 4) and
// delivers the notification before it answers:
//
//   - ?receiver=NAME picks govaudit receivers (repeated or comma-separated);
//     without it every receiver gets the notification;
//   - 200 when every picked receiver has it (now or from an earlier try);
//   - 502 when a receiver still failed after its retries: Alertmanager
//     counts a failed notification and tries again later, and that retry
//     goes only to the receivers that do not have it yet;
//   - 401 without the bearer token, when Config.WebhookToken is set;
//   - 400 for a body that is not a notification, 404 for an unknown
//     receiver (or none configured), 405 for a method other than POST,
//     413 for a body over MaxPayloadBytes.
//
// The answer is JSON: the Report, or {"error": …}.
func WebhookHandler(d *Dispatcher) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			answer(w, http.StatusMethodNotAllowed, errorBody("use POST"))
			return
		}
		if !d.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="govaudit alerts webhook"`)
			answer(w, http.StatusUnauthorized, errorBody("missing or wrong bearer token (notify.webhook_token)"))
			return
		}
		names, err := d.Select(r.URL.Query()["receiver"])
		if err != nil {
			answer(w, http.StatusNotFound, errorBody(err.Error()))
			return
		}
		if len(names) == 0 {
			answer(w, http.StatusNotFound, errorBody("no receivers configured; add them under notify: in the config"))
			return
		}
		p, err := DecodePayload(http.MaxBytesReader(w, r.Body, MaxPayloadBytes))
		if err != nil {
			status := http.StatusBadRequest
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				status = http.StatusRequestEntityTooLarge
			}
			answer(w, status, errorBody(err.Error()))
			return
		}
		rep := d.Deliver(r.Context(), p, names)
		status := http.StatusOK
		if len(rep.Failed) > 0 {
			status = http.StatusBadGateway
		}
		answer(w, status, rep)
	})
}

// authorized checks the bearer token when one is configured.
func (d *Dispatcher) authorized(r *http.Request) bool {
	if d.cfg.WebhookToken == "" {
		return true
	}
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	return strings.EqualFold(scheme, "Bearer") &&
		subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(d.cfg.WebhookToken)) == 1
}

func errorBody(msg string) map[string]string { return map[string]string{"error": msg} }

func answer(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
