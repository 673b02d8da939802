package deploy

import (
	"bufio"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// composeSpec is the part of docker-compose.yml the tests read.
type composeSpec struct {
	Services map[string]struct {
		Image string `yaml:"image"`
		Build struct {
			Context    string            `yaml:"context"`
			Dockerfile string            `yaml:"dockerfile"`
			Args       map[string]string `yaml:"args"`
		} `yaml:"build"`
		Command     []string          `yaml:"command"`
		Volumes     []string          `yaml:"volumes"`
		Ports       []string          `yaml:"ports"`
		Environment map[string]string `yaml:"environment"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

// registryMirror prefixes every pulled image; empty, the public registry.
const registryMirror = "${REGISTRY_MIRROR:-}"

// mount is one entry of a service's volumes: SOURCE:TARGET[:MODE].
type mount struct{ source, target string }

func (m mount) bind() bool {
	return strings.HasPrefix(m.source, ".") || strings.HasPrefix(m.source, "/")
}

func parseMount(t *testing.T, s string) mount {
	t.Helper()
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		t.Fatalf("volume %q: want SOURCE:TARGET[:MODE]", s)
	}
	return mount{parts[0], parts[1]}
}

// hostPath maps a path inside a container to the repository file mounted
// there (cleaned, relative to this directory), or "" when no bind mount
// covers it.
func hostPath(t *testing.T, volumes []string, inContainer string) string {
	t.Helper()
	for _, v := range volumes {
		m := parseMount(t, v)
		if !m.bind() {
			continue
		}
		if inContainer == m.target {
			return filepath.Clean(m.source)
		}
		if rest, ok := strings.CutPrefix(inContainer, m.target+"/"); ok {
			return filepath.Join(m.source, rest)
		}
	}
	return ""
}

func flagValue(args []string, name string) string {
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, name+"="); ok {
			return v
		}
	}
	return ""
}

func TestComposeFile(t *testing.T) {
	var c composeSpec
	readYAML(t, composeFile, &c)

	wantPorts := map[string]string{"govaudit": "9464", "prometheus": "9090", "alertmanager": "9093", "grafana": "3000"}
	for name, port := range wantPorts {
		svc, ok := c.Services[name]
		if !ok {
			t.Errorf("service %s missing", name)
			continue
		}
		if want := "127.0.0.1:" + port + ":" + port; !slices.Contains(svc.Ports, want) {
			t.Errorf("%s: ports %v, want %s (published on loopback only)", name, svc.Ports, want)
		}
		if svc.Image == "" {
			t.Errorf("%s: no image", name)
		}
		// Pulled images go through the registry mirror when one is set.
		if svc.Build.Context == "" {
			if rest, ok := strings.CutPrefix(svc.Image, registryMirror); !ok || !strings.Contains(rest, ":") {
				t.Errorf("%s: image %q, want %sNAME:TAG", name, svc.Image, registryMirror)
			}
		}
		for _, v := range svc.Volumes {
			m := parseMount(t, v)
			if m.bind() {
				if _, err := os.Stat(m.source); err != nil {
					t.Errorf("%s: mounts %s, which is not in the repository: %v", name, m.source, err)
				}
			} else if _, ok := c.Volumes[m.source]; !ok {
				t.Errorf("%s: named volume %s not declared under volumes", name, m.source)
			}
		}
	}

	t.Run("govaudit", func(t *testing.T) {
		svc := c.Services["govaudit"]
		if _, err := os.Stat(filepath.Join(svc.Build.Context, svc.Build.Dockerfile)); err != nil {
			t.Errorf("build %s/%s: %v", svc.Build.Context, svc.Build.Dockerfile, err)
		}
		for _, arg := range []string{"REGISTRY_MIRROR", "GOPROXY"} {
			if got, want := svc.Build.Args[arg], "${"+arg+":-}"; got != want {
				t.Errorf("build arg %s: %q, want %q (the Dockerfile's FROM and go need it)", arg, got, want)
			}
		}
		env := dockerfileEnv(t)
		if got := hostPath(t, svc.Volumes, env["GOVAUDIT_CONFIG"]); got != containerConfig {
			t.Errorf("GOVAUDIT_CONFIG %s is mounted from %q, want %s", env["GOVAUDIT_CONFIG"], got, containerConfig)
		}
		if !slices.ContainsFunc(svc.Volumes, func(v string) bool { return parseMount(t, v).target == "/data" }) {
			t.Errorf("no volume on /data, where the store lives")
		}
	})
	t.Run("prometheus", func(t *testing.T) {
		svc := c.Services["prometheus"]
		cfg := flagValue(svc.Command, "--config.file")
		if got := hostPath(t, svc.Volumes, cfg); got != prometheusFile {
			t.Errorf("--config.file %s is mounted from %q, want %s", cfg, got, prometheusFile)
		}
		// The rule file is named relative to prometheus.yml, so the same
		// config works in the repository and in the container.
		if got := hostPath(t, svc.Volumes, filepath.Join(filepath.Dir(cfg), "rules/govaudit.rules.yml")); got != rulesFile {
			t.Errorf("rules mounted from %q, want %s", got, rulesFile)
		}
		if flagValue(svc.Command, "--storage.tsdb.path") == "" {
			t.Errorf("no --storage.tsdb.path")
		}
	})
	t.Run("alertmanager", func(t *testing.T) {
		svc := c.Services["alertmanager"]
		cfg := flagValue(svc.Command, "--config.file")
		if got := hostPath(t, svc.Volumes, cfg); got != alertmanagerFile {
			t.Errorf("--config.file %s is mounted from %q, want %s", cfg, got, alertmanagerFile)
		}
	})
	t.Run("grafana", func(t *testing.T) {
		svc := c.Services["grafana"]
		if got := hostPath(t, svc.Volumes, "/etc/grafana/provisioning/datasources/prometheus.yml"); got == "" {
			t.Errorf("datasource provisioning not mounted")
		} else if _, err := os.Stat(got); err != nil {
			t.Errorf("datasource provisioning: %v", err)
		}
		var provider struct {
			Providers []struct {
				Options struct {
					Path string `yaml:"path"`
				} `yaml:"options"`
			} `yaml:"providers"`
		}
		readYAML(t, "grafana/provisioning/dashboards/govaudit.yml", &provider)
		if len(provider.Providers) != 1 {
			t.Fatalf("dashboard providers: got %d, want 1", len(provider.Providers))
		}
		board := filepath.Join(provider.Providers[0].Options.Path, "govaudit.json")
		if got := hostPath(t, svc.Volumes, board); got != dashboardFile {
			t.Errorf("provisioned board %s is mounted from %q, want %s", board, got, dashboardFile)
		}
		// ${VAR:?message}: compose refuses to start without the password
		// instead of Grafana's default admin/admin.
		if pw := svc.Environment["GF_SECURITY_ADMIN_PASSWORD"]; !strings.HasPrefix(pw, "${GRAFANA_ADMIN_PASSWORD:?") || !strings.HasSuffix(pw, "}") {
			t.Errorf("GF_SECURITY_ADMIN_PASSWORD %q, want ${GRAFANA_ADMIN_PASSWORD:?message}: no default password", pw)
		}
		if home := svc.Environment["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]; home != board {
			t.Errorf("home dashboard %q, want %s", home, board)
		}
		var ds struct {
			Datasources []struct {
				Type string `yaml:"type"`
				URL  string `yaml:"url"`
			} `yaml:"datasources"`
		}
		readYAML(t, "grafana/provisioning/datasources/prometheus.yml", &ds)
		if len(ds.Datasources) != 1 || ds.Datasources[0].Type != "prometheus" || ds.Datasources[0].URL != "http://prometheus:9090" {
			t.Errorf("datasources %+v, want one prometheus at http://prometheus:9090", ds.Datasources)
		}
	})
}

// TestPrometheusConfigTargetsCompose checks that the scrape and alerting
// targets of prometheus.yml are the compose services and their ports.
func TestPrometheusConfigTargetsCompose(t *testing.T) {
	var cfg struct {
		Global struct {
			ExternalLabels map[string]string `yaml:"external_labels"`
		} `yaml:"global"`
		Alerting struct {
			Alertmanagers []struct {
				StaticConfigs []struct {
					Targets []string `yaml:"targets"`
				} `yaml:"static_configs"`
			} `yaml:"alertmanagers"`
		} `yaml:"alerting"`
		ScrapeConfigs []struct {
			JobName       string `yaml:"job_name"`
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	readYAML(t, prometheusFile, &cfg)
	var gv struct {
		Listen string `yaml:"listen"`
		Store  string `yaml:"store"`
	}
	readYAML(t, containerConfig, &gv)
	_, port, err := net.SplitHostPort(gv.Listen)
	if err != nil {
		t.Fatalf("%s listen %q: %v", containerConfig, gv.Listen, err)
	}
	if host, _, _ := net.SplitHostPort(gv.Listen); host != "0.0.0.0" && host != "" {
		t.Errorf("%s listens on %q: Prometheus in another container cannot reach it", containerConfig, gv.Listen)
	}
	if !strings.HasPrefix(gv.Store, "/data/") {
		t.Errorf("%s store %q, want a file on the /data volume", containerConfig, gv.Store)
	}
	if len(cfg.ScrapeConfigs) != 1 || cfg.ScrapeConfigs[0].JobName != "govaudit" {
		t.Fatalf("scrape_configs %+v, want one job named govaudit (the rules select job=\"govaudit\")", cfg.ScrapeConfigs)
	}
	if got := cfg.ScrapeConfigs[0].StaticConfigs[0].Targets; !slices.Equal(got, []string{"govaudit:" + port}) {
		t.Errorf("scrape targets %v, want [govaudit:%s]", got, port)
	}
	if got := cfg.Alerting.Alertmanagers[0].StaticConfigs[0].Targets; !slices.Equal(got, []string{"alertmanager:9093"}) {
		t.Errorf("alertmanagers %v, want [alertmanager:9093]", got)
	}
	if cfg.Global.ExternalLabels["govaudit_url"] == "" {
		t.Errorf("external label govaudit_url (the scorecard links of the alerts) not set")
	}
}

// dockerfileEnv returns the ENV settings of the Dockerfile's last stage.
func dockerfileEnv(t *testing.T) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, in := range dockerInstructions(t) {
		if in.op == "FROM" {
			clear(env)
		}
		if in.op != "ENV" {
			continue
		}
		for _, kv := range strings.Fields(in.args) {
			if k, v, ok := strings.Cut(kv, "="); ok {
				env[k] = v
			}
		}
	}
	return env
}

type dockerInstruction struct{ op, args string }

// dockerInstructions reads the Dockerfile's instructions, joining
// continuation lines and dropping comments.
func dockerInstructions(t *testing.T) []dockerInstruction {
	t.Helper()
	f, err := os.Open(dockerfile)
	if err != nil {
		t.Fatalf("open %s: %v", dockerfile, err)
	}
	defer f.Close()
	var out []dockerInstruction
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if s, ok := strings.CutSuffix(line, "\\"); ok {
			cur.WriteString(s + " ")
			continue
		}
		cur.WriteString(line)
		op, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, dockerInstruction{strings.ToUpper(op), strings.TrimSpace(args)})
		cur.Reset()
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDockerfile(t *testing.T) {
	ins := dockerInstructions(t)
	var froms []string
	var last []dockerInstruction // instructions of the final stage
	for _, in := range ins {
		if in.op == "FROM" {
			froms = append(froms, in.args)
			last = nil
		}
		last = append(last, in)
	}
	if len(froms) < 2 {
		t.Fatalf("stages %v: want a build stage and a run stage", froms)
	}
	for _, from := range froms[:len(froms)-1] {
		if !strings.Contains(from, "${REGISTRY_MIRROR}") {
			t.Errorf("FROM %s: want the image behind ${REGISTRY_MIRROR}", from)
		}
	}
	if len(ins) == 0 || ins[0].op != "ARG" || !strings.HasPrefix(ins[0].args, "REGISTRY_MIRROR") {
		t.Errorf("the Dockerfile does not start with ARG REGISTRY_MIRROR (a FROM can only use an ARG declared before it)")
	}
	if froms[len(froms)-1] != "scratch" {
		t.Errorf("final stage FROM %s, want scratch (a static binary needs nothing else)", froms[len(froms)-1])
	}
	all := func(op string, stage []dockerInstruction) string {
		var b strings.Builder
		for _, in := range stage {
			if in.op == op {
				b.WriteString(in.args + "\n")
			}
		}
		return b.String()
	}
	if run := all("RUN", ins); !strings.Contains(run, "CGO_ENABLED=0") {
		t.Errorf("the build does not set CGO_ENABLED=0: the binary would need libc")
	}
	user := strings.TrimSpace(all("USER", last))
	if user == "" || user == "root" || strings.HasPrefix(user, "0") {
		t.Errorf("USER %q: want an unprivileged user", user)
	}
	if hc := all("HEALTHCHECK", last); !strings.Contains(hc, `"health"`) {
		t.Errorf("HEALTHCHECK %q does not run govaudit health", hc)
	}
	if v := all("VOLUME", last); !strings.Contains(v, `"/data"`) {
		t.Errorf("VOLUME %q, want /data", v)
	}
	if cp := all("COPY", last); !strings.Contains(cp, "zoneinfo") || !strings.Contains(cp, "ca-certificates") {
		t.Errorf("final stage lacks zone data or CA certificates:\n%s", cp)
	}
	env := dockerfileEnv(t)
	if env["TZ"] != "Asia/Shanghai" || env["ZONEINFO"] == "" || env["GOVAUDIT_CONFIG"] == "" {
		t.Errorf("ENV %v: want TZ=Asia/Shanghai, ZONEINFO and GOVAUDIT_CONFIG", env)
	}
}

// TestContainerConfig runs `govaudit check-config` on the container's config.
func TestContainerConfig(t *testing.T) {
	if testing.Short() {
		t.Skip("builds govaudit; skipped with -short")
	}
	bin := buildGovaudit(t)
	out, err := runTool(t, bin, "check-config", containerConfig)
	// Inside its container govaudit listens on every interface of the
	// container's own network; compose publishes the port on loopback
	// only, so the warning about a non-loopback listen is expected here.
	var rest []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line != "" && !strings.Contains(line, "listen: 0.0.0.0:9464 is reachable from other machines") {
			rest = append(rest, line)
		}
	}
	if err != nil || len(rest) > 0 {
		t.Errorf("govaudit check-config %s: err %v, output:\n%s\nwant no error and no output but the listen warning", containerConfig, err, out)
	}
}
