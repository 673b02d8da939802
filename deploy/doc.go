// Package deploy holds govaudit's deployment files (the Prometheus rules and
// config, the Alertmanager config, the Grafana board and its provisioning,
// the compose file and the container's config) and the tests that check
// them with the real tools: promtool, amtool, Alertmanager and a Prometheus
// scraping `govaudit demo`. It has no Go API; README.md in this directory
// describes the stack.
package deploy
