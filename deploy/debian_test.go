package deploy

import (
	"bufio"
	"flag"
	"io/fs"
	"maps"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the generated deploy/debian files from their sources")

const (
	debianDir          = "debian"
	debianAlertmanager = "debian/alertmanager/alertmanager.yml"
	installScript      = "debian/install.sh"
)

// debianAlertmanagerConfig derives the Debian host's Alertmanager config
// from the compose stack's: the same routes, with govaudit on loopback
// instead of the container name.
func debianAlertmanagerConfig(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(alertmanagerFile)
	if err != nil {
		t.Fatal(err)
	}
	const from, to = "http://govaudit:9464/", "http://127.0.0.1:9464/"
	body := string(src)
	if !strings.Contains(body, from) {
		t.Fatalf("%s has no receiver at %s: the Debian config would not reach govaudit", alertmanagerFile, from)
	}
	header := "# GENERATED from deploy/alertmanager/alertmanager.yml by\n" +
		"# `go test ./deploy -run TestDebianAlertmanagerConfig -update`; edit that file.\n" +
		"# Installed as /etc/prometheus/alertmanager.yml (Debian's prometheus-alertmanager),\n" +
		"# with govaudit's webhook on 127.0.0.1:9464.\n#\n"
	return []byte(header + strings.ReplaceAll(body, from, to))
}

// TestDebianAlertmanagerConfig keeps deploy/debian/alertmanager/alertmanager.yml
// equal to what it is generated from; -update rewrites it.
func TestDebianAlertmanagerConfig(t *testing.T) {
	want := debianAlertmanagerConfig(t)
	if *update {
		if err := os.WriteFile(debianAlertmanager, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(debianAlertmanager)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from what %s gives: run go test ./deploy -run TestDebianAlertmanagerConfig -update", debianAlertmanager, alertmanagerFile)
	}
}

// installedFiles are the files deploy/debian/install.sh puts on a host, in
// sorted order.
var installedFiles = []string{
	"etc/govaudit/govaudit.yaml",
	"etc/grafana/provisioning/dashboards/govaudit.yml",
	"etc/grafana/provisioning/datasources/govaudit.yml",
	"etc/prometheus/alertmanager.yml",
	"etc/prometheus/prometheus.yml",
	"etc/prometheus/rules/govaudit.rules.yml",
	"etc/systemd/system/govaudit.service",
	"etc/systemd/system/prometheus-alertmanager.service.d/govaudit.conf",
	"etc/systemd/system/prometheus.service.d/govaudit.conf",
	"etc/sysusers.d/govaudit.conf",
	"usr/local/bin/govaudit",
	"usr/local/share/doc/govaudit/deploy.md",
	"usr/local/share/doc/govaudit/example.yaml",
	"usr/local/share/govaudit/installed/etc/prometheus/alertmanager.yml",
	"usr/local/share/govaudit/installed/etc/prometheus/prometheus.yml",
	"var/lib/grafana/dashboards/govaudit/govaudit.json",
}

// runInstall runs an install.sh into dest with the given binary.
func runInstall(t *testing.T, script, binary, dest string) string {
	t.Helper()
	cmdline := []string{"env", "DESTDIR=" + dest, "GOVAUDIT_BINARY=" + binary, "sh", script}
	out, err := runTool(t, cmdline[0], cmdline[1:]...)
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmdline, " "), err, out)
	}
	return out
}

// treeFiles lists the regular files under dir, relative to it.
func treeFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// TestDebianInstall runs deploy/debian/install.sh into a staging directory,
// as it would install on a host, and checks the installed files with the
// tools that run them: promtool, amtool, govaudit check-config,
// systemd-analyze, systemd-sysusers, and Prometheus and Alertmanager
// started with the drop-ins' command lines.
func TestDebianInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds govaudit; skipped with -short")
	}
	bin := buildGovaudit(t)
	dest := t.TempDir()
	// What Debian's prometheus package leaves in /etc/prometheus.
	pkgConfig := []byte("# the prometheus package's own config\nglobal: {}\n")
	if err := os.MkdirAll(filepath.Join(dest, "etc/prometheus"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "etc/prometheus/prometheus.yml"), pkgConfig, 0o644); err != nil {
		t.Fatal(err)
	}
	runInstall(t, installScript, bin, dest)
	at := func(p string) string { return filepath.Join(dest, p) }

	t.Run("files", func(t *testing.T) {
		want := append(slices.Clone(installedFiles), "etc/prometheus/prometheus.yml.before-govaudit")
		slices.Sort(want)
		if got := treeFiles(t, dest); !slices.Equal(got, want) {
			t.Errorf("installed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, f := range []struct{ installed, source string }{
			{"etc/prometheus/rules/govaudit.rules.yml", rulesFile},
			{"etc/prometheus/alertmanager.yml", debianAlertmanager},
			{"var/lib/grafana/dashboards/govaudit/govaudit.json", dashboardFile},
			{"etc/govaudit/govaudit.yaml", "debian/govaudit.yaml"},
		} {
			if !sameFile(t, at(f.installed), f.source) {
				t.Errorf("%s differs from %s", f.installed, f.source)
			}
		}
		if fi, err := os.Stat(at("usr/local/bin/govaudit")); err != nil || fi.Mode().Perm() != 0o755 {
			t.Errorf("binary: %v, mode %v, want 0755", err, fi.Mode())
		}
		if fi, err := os.Stat(at("etc/govaudit/govaudit.yaml")); err != nil || fi.Mode().Perm() != 0o640 {
			t.Errorf("config: %v, mode %v, want 0640 (it may hold robot secrets)", err, fi.Mode())
		}
	})

	t.Run("reinstall keeps what the operator edited", func(t *testing.T) {
		write := func(p string, b []byte) {
			t.Helper()
			if err := os.WriteFile(at(p), b, 0o640); err != nil {
				t.Fatal(err)
			}
		}
		edited := []byte("# edited by the operator\nstore: /var/lib/govaudit/govaudit.db\ninclude: [liaoning]\n")
		write("etc/govaudit/govaudit.yaml", edited)
		// alertmanager.yml edited since the last install: kept.
		amEdited := append(mustRead(t, debianAlertmanager), "# a route of our own\n"...)
		write("etc/prometheus/alertmanager.yml", amEdited)
		// prometheus.yml as an older install left it, unedited: replaced.
		older := []byte("# govaudit's prometheus.yml of an older version\n")
		write("etc/prometheus/prometheus.yml", older)
		write("usr/local/share/govaudit/installed/etc/prometheus/prometheus.yml", older)

		out := runInstall(t, installScript, bin, dest)
		if got := mustRead(t, at("etc/govaudit/govaudit.yaml")); string(got) != string(edited) {
			t.Errorf("govaudit.yaml overwritten:\n%s", got)
		}
		if !strings.Contains(out, "/etc/govaudit/govaudit.yaml exists: kept") {
			t.Errorf("install.sh did not say it kept govaudit.yaml:\n%s", out)
		}
		if got := mustRead(t, at("etc/prometheus/alertmanager.yml")); string(got) != string(amEdited) {
			t.Errorf("edited alertmanager.yml overwritten")
		}
		if !sameFile(t, at("etc/prometheus/alertmanager.yml.govaudit-new"), debianAlertmanager) {
			t.Errorf("alertmanager.yml.govaudit-new is not the new version")
		}
		if !strings.Contains(out, "/etc/prometheus/alertmanager.yml was edited: kept") {
			t.Errorf("install.sh did not say it kept the edited alertmanager.yml:\n%s", out)
		}
		if !sameFile(t, at("etc/prometheus/prometheus.yml"), "debian/prometheus/prometheus.yml") {
			t.Errorf("unedited prometheus.yml of an older install not replaced")
		}
		if got := mustRead(t, at("etc/prometheus/prometheus.yml.before-govaudit")); string(got) != string(pkgConfig) {
			t.Errorf("prometheus.yml.before-govaudit:\n%s\nwant the package's file", got)
		}
		// Back to a fresh install for the checks below.
		write("etc/govaudit/govaudit.yaml", mustRead(t, "debian/govaudit.yaml"))
		write("etc/prometheus/alertmanager.yml", mustRead(t, debianAlertmanager))
		if err := os.Remove(at("etc/prometheus/alertmanager.yml.govaudit-new")); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("govaudit check-config", func(t *testing.T) {
		out, err := runTool(t, at("usr/local/bin/govaudit"), "check-config", at("etc/govaudit/govaudit.yaml"))
		if err != nil || strings.TrimSpace(out) != "" {
			t.Errorf("govaudit check-config: err %v, output:\n%s\nwant no error and no output", err, out)
		}
	})

	t.Run("promtool check config", func(t *testing.T) {
		promtool := needTool(t, "promtool", "prometheus")
		out, err := runTool(t, promtool, "check", "config", at("etc/prometheus/prometheus.yml"))
		if err != nil {
			t.Fatalf("promtool check config: %v\n%s", err, out)
		}
		// The rule file is found relative to prometheus.yml and checked too.
		if !strings.Contains(out, "rules/govaudit.rules.yml") || !strings.Contains(out, "SUCCESS") {
			t.Errorf("promtool did not check the rule file:\n%s", out)
		}
	})

	t.Run("amtool check-config", func(t *testing.T) {
		amtool := needTool(t, "amtool", "prometheus-alertmanager")
		if out, err := runTool(t, amtool, "check-config", at("etc/prometheus/alertmanager.yml")); err != nil {
			t.Fatalf("amtool check-config: %v\n%s", err, out)
		}
	})

	t.Run("systemd-analyze verify govaudit.service", func(t *testing.T) {
		// verify requires ExecStart's binary: point a copy of the unit at
		// the installed one.
		unit := strings.ReplaceAll(string(mustRead(t, at("etc/systemd/system/govaudit.service"))),
			"/usr/local/bin/govaudit", at("usr/local/bin/govaudit"))
		dir := t.TempDir()
		path := filepath.Join(dir, "govaudit.service")
		if err := os.WriteFile(path, []byte(unit), 0o644); err != nil {
			t.Fatal(err)
		}
		systemdVerify(t, path)
	})

	for _, u := range []struct{ unit, pkg string }{
		{"prometheus.service", "prometheus"},
		{"prometheus-alertmanager.service", "prometheus-alertmanager"},
	} {
		t.Run("systemd-analyze verify "+u.unit+" with the drop-in", func(t *testing.T) {
			packaged := packagedUnit(t, u.unit, u.pkg)
			dir := t.TempDir()
			path := filepath.Join(dir, u.unit)
			if err := os.WriteFile(path, mustRead(t, packaged), 0o644); err != nil {
				t.Fatal(err)
			}
			dropIn := filepath.Join(dir, u.unit+".d", "govaudit.conf")
			if err := os.MkdirAll(filepath.Dir(dropIn), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dropIn, mustRead(t, at("etc/systemd/system/"+u.unit+".d/govaudit.conf")), 0o644); err != nil {
				t.Fatal(err)
			}
			systemdVerify(t, path)
		})
	}

	t.Run("systemd-sysusers creates the user", func(t *testing.T) {
		sysusers := needTool(t, "systemd-sysusers", "systemd")
		root := t.TempDir()
		if err := os.Mkdir(filepath.Join(root, "etc"), 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := runTool(t, sysusers, "--root="+root, at("etc/sysusers.d/govaudit.conf")); err != nil {
			t.Fatalf("systemd-sysusers: %v\n%s", err, out)
		}
		var user []string
		for line := range strings.Lines(string(mustRead(t, filepath.Join(root, "etc/passwd")))) {
			if f := strings.Split(strings.TrimSpace(line), ":"); f[0] == "govaudit" {
				user = f
			}
		}
		if len(user) != 7 || user[5] != "/var/lib/govaudit" || !strings.HasSuffix(user[6], "nologin") {
			t.Errorf("passwd entry %q: want govaudit with home /var/lib/govaudit and no login shell", user)
		}
	})

	t.Run("addresses agree", func(t *testing.T) {
		var gv struct {
			Listen string `yaml:"listen"`
			Store  string `yaml:"store"`
		}
		readYAML(t, at("etc/govaudit/govaudit.yaml"), &gv)
		if !strings.HasPrefix(gv.Store, "/var/lib/govaudit/") {
			t.Errorf("store %q: want a file in the StateDirectory /var/lib/govaudit", gv.Store)
		}
		var prom struct {
			RuleFiles []string `yaml:"rule_files"`
			Alerting  struct {
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
		readYAML(t, at("etc/prometheus/prometheus.yml"), &prom)
		if len(prom.ScrapeConfigs) != 1 || prom.ScrapeConfigs[0].JobName != "govaudit" ||
			!slices.Equal(prom.ScrapeConfigs[0].StaticConfigs[0].Targets, []string{gv.Listen}) {
			t.Errorf("scrape_configs %+v: want one job govaudit scraping %s (govaudit.yaml's listen)", prom.ScrapeConfigs, gv.Listen)
		}
		amListen := flagValue(execStart(t, at("etc/systemd/system/prometheus-alertmanager.service.d/govaudit.conf")), "--web.listen-address")
		if got := prom.Alerting.Alertmanagers[0].StaticConfigs[0].Targets; !slices.Equal(got, []string{amListen}) {
			t.Errorf("alertmanagers %v, want [%s] (the Alertmanager drop-in's listen address)", got, amListen)
		}
		var am struct {
			Receivers []struct {
				Name           string `yaml:"name"`
				WebhookConfigs []struct {
					URL string `yaml:"url"`
				} `yaml:"webhook_configs"`
			} `yaml:"receivers"`
		}
		readYAML(t, at("etc/prometheus/alertmanager.yml"), &am)
		webhooks := 0
		for _, r := range am.Receivers {
			for _, w := range r.WebhookConfigs {
				webhooks++
				u, err := url.Parse(w.URL)
				if err != nil {
					t.Errorf("%s: %v", r.Name, err)
					continue
				}
				if u.Host != gv.Listen || u.Path != "/api/v1/alerts/webhook" || u.Query().Get("receiver") != r.Name {
					t.Errorf("receiver %s posts to %s, want http://%s/api/v1/alerts/webhook?receiver=%s", r.Name, w.URL, gv.Listen, r.Name)
				}
			}
		}
		if webhooks == 0 {
			t.Errorf("no webhook receivers in alertmanager.yml")
		}
		promListen := flagValue(execStart(t, at("etc/systemd/system/prometheus.service.d/govaudit.conf")), "--web.listen-address")
		var ds struct {
			Datasources []struct {
				Type string `yaml:"type"`
				URL  string `yaml:"url"`
			} `yaml:"datasources"`
		}
		readYAML(t, at("etc/grafana/provisioning/datasources/govaudit.yml"), &ds)
		if len(ds.Datasources) != 1 || ds.Datasources[0].Type != "prometheus" || ds.Datasources[0].URL != "http://"+promListen {
			t.Errorf("datasources %+v, want one prometheus at http://%s (the Prometheus drop-in's listen address)", ds.Datasources, promListen)
		}
		var provider struct {
			Providers []struct {
				Options struct {
					Path string `yaml:"path"`
				} `yaml:"options"`
			} `yaml:"providers"`
		}
		readYAML(t, at("etc/grafana/provisioning/dashboards/govaudit.yml"), &provider)
		if len(provider.Providers) != 1 {
			t.Fatalf("dashboard providers: got %d, want 1", len(provider.Providers))
		}
		if _, err := os.Stat(at(filepath.Join(provider.Providers[0].Options.Path, "govaudit.json"))); err != nil {
			t.Errorf("the provider's path %s holds no board: %v", provider.Providers[0].Options.Path, err)
		}
		// Everything listens on loopback only.
		for what, addr := range map[string]string{"govaudit": gv.Listen, "Prometheus": promListen, "Alertmanager": amListen} {
			if host, _, err := net.SplitHostPort(addr); err != nil || host != "127.0.0.1" {
				t.Errorf("%s listens on %q, want 127.0.0.1", what, addr)
			}
		}
	})

	t.Run("Prometheus starts with the drop-in's command line", func(t *testing.T) {
		argv := execStart(t, at("etc/systemd/system/prometheus.service.d/govaudit.conf"))
		startPrometheus(t, argv, argv[0], dest)
	})

	t.Run("Alertmanager starts with the drop-in's command line", func(t *testing.T) {
		argv := execStart(t, at("etc/systemd/system/prometheus-alertmanager.service.d/govaudit.conf"))
		startAlertmanagerFrom(t, argv, argv[0], dest)
	})
}

// TestDebianInstallUpstream installs with PROMETHEUS_FROM=upstream, for
// Prometheus and Alertmanager from their release tarballs, and checks that
// their units run the same programs with the same flags and paths as
// Debian's packages with the drop-ins, under systemd-analyze and for real
// (with Debian's binaries standing in for the tarballs').
func TestDebianInstallUpstream(t *testing.T) {
	if testing.Short() {
		t.Skip("builds govaudit; skipped with -short")
	}
	bin := buildGovaudit(t)
	dest := t.TempDir()
	cmd := exec.Command("sh", installScript)
	cmd.Env = append(os.Environ(), "DESTDIR="+dest, "GOVAUDIT_BINARY="+bin, "PROMETHEUS_FROM=upstream")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("PROMETHEUS_FROM=upstream install.sh: %v\n%s", err, b)
	}
	at := func(p string) string { return filepath.Join(dest, p) }
	want := slices.DeleteFunc(slices.Clone(installedFiles), func(f string) bool { return strings.Contains(f, ".service.d/") })
	want = append(want, "etc/systemd/system/prometheus.service", "etc/systemd/system/prometheus-alertmanager.service", "etc/sysusers.d/prometheus.conf")
	slices.Sort(want)
	if got := treeFiles(t, dest); !slices.Equal(got, want) {
		t.Errorf("installed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	units := []struct {
		unit, dropIn, debianBinary, pkg string
		// The package's defaults, which the drop-in leaves alone and the
		// upstream unit must state.
		defaults map[string]string
	}{
		{"prometheus.service", "deploy/debian/prometheus/prometheus.service.d/govaudit.conf", "/usr/bin/prometheus", "prometheus",
			map[string]string{"--config.file": "/etc/prometheus/prometheus.yml", "--storage.tsdb.path": "/var/lib/prometheus/metrics2"}},
		{"prometheus-alertmanager.service", "deploy/debian/alertmanager/prometheus-alertmanager.service.d/govaudit.conf", "/usr/bin/prometheus-alertmanager", "prometheus-alertmanager",
			map[string]string{"--config.file": "/etc/prometheus/alertmanager.yml", "--storage.path": "/var/lib/prometheus/alertmanager"}},
	}
	for _, u := range units {
		argv := execStart(t, at("etc/systemd/system/"+u.unit))
		t.Run(u.unit+": the drop-in's flags and the package's paths", func(t *testing.T) {
			got := flagMap(argv[1:])
			wantFlags := flagMap(execStart(t, filepath.Join("..", u.dropIn))[1:])
			maps.Copy(wantFlags, u.defaults)
			if !maps.Equal(got, wantFlags) {
				t.Errorf("flags %v, want %v", got, wantFlags)
			}
			for dir := range strings.FieldsSeq(unitValue(t, at("etc/systemd/system/"+u.unit), "StateDirectory")) {
				if p := "/var/lib/" + dir; p != filepath.Clean(got["--storage.tsdb.path"]) && p != filepath.Clean(got["--storage.path"]) {
					t.Errorf("StateDirectory=%s is not the storage path", dir)
				}
			}
		})
		t.Run("systemd-analyze verify "+u.unit, func(t *testing.T) {
			if !fileExists(u.debianBinary) {
				needTool(t, filepath.Base(u.debianBinary), u.pkg)
				t.Skipf("%s not found: install the Debian package %s, whose binary stands in for the release's", u.debianBinary, u.pkg)
			}
			unit := strings.Replace(string(mustRead(t, at("etc/systemd/system/"+u.unit))), "ExecStart="+argv[0], "ExecStart="+u.debianBinary, 1)
			path := filepath.Join(t.TempDir(), u.unit)
			if err := os.WriteFile(path, []byte(unit), 0o644); err != nil {
				t.Fatal(err)
			}
			systemdVerify(t, path)
		})
	}
	t.Run("Prometheus starts with the unit's command line", func(t *testing.T) {
		startPrometheus(t, execStart(t, at("etc/systemd/system/prometheus.service")), "/usr/bin/prometheus", dest)
	})
	t.Run("Alertmanager starts with the unit's command line", func(t *testing.T) {
		startAlertmanagerFrom(t, execStart(t, at("etc/systemd/system/prometheus-alertmanager.service")), "/usr/bin/prometheus-alertmanager", dest)
	})
	t.Run("systemd-sysusers creates the user prometheus", func(t *testing.T) {
		sysusers := needTool(t, "systemd-sysusers", "systemd")
		root := t.TempDir()
		if err := os.Mkdir(filepath.Join(root, "etc"), 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := runTool(t, sysusers, "--root="+root, at("etc/sysusers.d/prometheus.conf")); err != nil {
			t.Fatalf("systemd-sysusers: %v\n%s", err, out)
		}
		if passwd := string(mustRead(t, filepath.Join(root, "etc/passwd"))); !strings.HasPrefix(passwd, "prometheus:x:") {
			t.Errorf("passwd:\n%s\nwant the user prometheus", passwd)
		}
	})
}

// startPrometheus runs binary with a unit's command line, moved to a free
// port and onto the staging tree's config, and checks that it loads the
// installed rule file.
func startPrometheus(t *testing.T, argv []string, binary, dest string) {
	t.Helper()
	if !fileExists(binary) {
		needTool(t, filepath.Base(binary), "prometheus")
		t.Skipf("%s not found: install the Debian package prometheus", binary)
	}
	addr := freeAddr(t)
	startProcess(t, "prometheus", commandLine(t, argv, binary, map[string]string{
		"--web.listen-address": addr,
		"--config.file":        filepath.Join(dest, "etc/prometheus/prometheus.yml"),
		"--storage.tsdb.path":  filepath.Join(t.TempDir(), "data"),
		"--log.level":          "warn",
	})...)
	prom := promClient{base: "http://" + addr}
	waitHTTP(t, prom.base+"/-/ready", 60*time.Second)
	var rules struct {
		Data struct {
			Groups []struct {
				File string `json:"file"`
			} `json:"groups"`
		} `json:"data"`
	}
	if err := getJSON(prom.base+"/api/v1/rules", &rules); err != nil {
		t.Fatal(err)
	}
	if len(rules.Data.Groups) == 0 || rules.Data.Groups[0].File != filepath.Join(dest, "etc/prometheus/rules/govaudit.rules.yml") {
		t.Errorf("rule groups %+v: want those of the installed rule file", rules.Data.Groups)
	}
}

// startAlertmanagerFrom runs binary with a unit's command line, moved to a
// free port and onto the staging tree's config, until it is ready.
func startAlertmanagerFrom(t *testing.T, argv []string, binary, dest string) {
	t.Helper()
	if !fileExists(binary) {
		needTool(t, filepath.Base(binary), "prometheus-alertmanager")
		t.Skipf("%s not found: install the Debian package prometheus-alertmanager", binary)
	}
	addr := freeAddr(t)
	startProcess(t, "alertmanager", commandLine(t, argv, binary, map[string]string{
		"--web.listen-address": addr,
		"--config.file":        filepath.Join(dest, "etc/prometheus/alertmanager.yml"),
		"--storage.path":       filepath.Join(t.TempDir(), "am"),
		"--log.level":          "warn",
	})...)
	waitHTTP(t, "http://"+addr+"/-/ready", 30*time.Second)
}

// systemdVerify runs systemd-analyze verify on a unit file and fails on an
// error or on any complaint about the unit or its drop-ins.
func systemdVerify(t *testing.T, unit string) {
	t.Helper()
	analyze := needTool(t, "systemd-analyze", "systemd")
	out, err := runTool(t, analyze, "verify", unit)
	var complaints []string
	for line := range strings.Lines(out) {
		if strings.Contains(line, filepath.Dir(unit)) || strings.Contains(line, filepath.Base(unit)) {
			complaints = append(complaints, strings.TrimSpace(line))
		}
	}
	if err != nil || len(complaints) > 0 {
		t.Errorf("systemd-analyze verify %s: %v\n%s", filepath.Base(unit), err, out)
	}
}

// packagedUnit returns the path of a unit file a Debian package installs,
// or skips the test.
func packagedUnit(t *testing.T, unit, pkg string) string {
	t.Helper()
	for _, dir := range []string{"/usr/lib/systemd/system", "/lib/systemd/system"} {
		if p := filepath.Join(dir, unit); fileExists(p) {
			return p
		}
	}
	msg := unit + " not found: install the Debian package " + pkg + " to run this test"
	if env := requireEnv[pkg]; os.Getenv(env) == "1" {
		t.Fatalf("%s (%s=1)", msg, env)
	}
	t.Skip(msg)
	return ""
}

// execStart returns the command line of the last non-empty ExecStart= of
// a unit file or drop-in, split on spaces (the units here quote nothing).
func execStart(t *testing.T, path string) []string {
	t.Helper()
	var argv []string
	sc := bufio.NewScanner(strings.NewReader(string(mustRead(t, path))))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "ExecStart="); ok && v != "" {
			argv = strings.Fields(v)
		}
	}
	if len(argv) == 0 {
		t.Fatalf("%s: no ExecStart", path)
	}
	return argv
}

// commandLine takes a unit's command line, runs binary instead of its
// program, and sets the flags in set: in place where the unit has them
// (Prometheus refuses a repeated flag), else where the package's $ARGS
// would go or at the end. The unit must give --web.listen-address, which
// is moved off the host install's port.
func commandLine(t *testing.T, argv []string, binary string, set map[string]string) []string {
	t.Helper()
	out := []string{binary}
	done := map[string]bool{}
	for _, a := range argv[1:] {
		name, _, _ := strings.Cut(a, "=")
		if v, ok := set[name]; ok {
			out = append(out, name+"="+v)
			done[name] = true
		} else if a != "$ARGS" {
			out = append(out, a)
		}
	}
	if !done["--web.listen-address"] {
		t.Fatalf("command line %q: no --web.listen-address", argv)
	}
	for _, name := range slices.Sorted(maps.Keys(set)) {
		if !done[name] {
			out = append(out, name+"="+set[name])
		}
	}
	return out
}

// flagMap maps a command line's --name=value flags to their values; $ARGS
// (the package's /etc/default file) is left out.
func flagMap(args []string) map[string]string {
	m := map[string]string{}
	for _, a := range args {
		if name, v, ok := strings.Cut(a, "="); ok {
			m[name] = v
		}
	}
	return m
}

// unitValue returns the value of the last setting key= in a unit file.
func unitValue(t *testing.T, path, key string) string {
	t.Helper()
	v := ""
	for line := range strings.Lines(string(mustRead(t, path))) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), key+"="); ok {
			v = rest
		}
	}
	return v
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sameFile(t *testing.T, a, b string) bool {
	t.Helper()
	return string(mustRead(t, a)) == string(mustRead(t, b))
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
