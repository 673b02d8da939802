package deploy

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// bundleFiles are the files of an offline bundle besides the binary, as
// paths relative to the repository and to the bundle's top directory.
var bundleFiles = []string{
	"config/example.yaml",
	"deploy/README.md",
	"deploy/debian/alertmanager/alertmanager.yml",
	"deploy/debian/alertmanager/prometheus-alertmanager.service.d/govaudit.conf",
	"deploy/debian/govaudit.service",
	"deploy/debian/govaudit.sysusers",
	"deploy/debian/govaudit.yaml",
	"deploy/debian/grafana/provisioning/dashboards/govaudit.yml",
	"deploy/debian/grafana/provisioning/datasources/govaudit.yml",
	"deploy/debian/install.sh",
	"deploy/debian/prometheus/prometheus.service.d/govaudit.conf",
	"deploy/debian/prometheus/prometheus.yml",
	"deploy/debian/upstream/prometheus-alertmanager.service",
	"deploy/debian/upstream/prometheus.service",
	"deploy/debian/upstream/prometheus.sysusers",
	"deploy/grafana/dashboards/govaudit.json",
	"deploy/prometheus/rules/govaudit.rules.test.yml",
	"deploy/prometheus/rules/govaudit.rules.yml",
	"docs/deploy.md",
}

// TestBundle runs deploy/bundle.sh for this machine's architecture (the
// binary must run here) and checks the tarball: its checksum, its files
// (the repository's, owned by root, executables executable), a static
// binary that answers --version, and an install.sh that installs from it.
func TestBundle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundle; skipped with -short")
	}
	arch := runtime.GOARCH
	if arch != "amd64" && arch != "arm64" {
		t.Skipf("bundles are built for amd64 and arm64, not %s", arch)
	}
	out := t.TempDir()
	cmd := exec.Command("sh", "bundle.sh", "-o", out, arch)
	cmd.Env = append(os.Environ(), "VERSION=test")
	start := time.Now()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bundle.sh -o %s %s: %v\n%s", out, arch, err, b)
	}
	t.Logf("bundle.sh %s: %v", arch, time.Since(start).Round(100*time.Millisecond))

	name := "govaudit-test-linux-" + arch
	tarball := filepath.Join(out, name+".tar.gz")
	data := mustRead(t, tarball)
	t.Logf("%s: %d bytes", filepath.Base(tarball), len(data))
	sum := sha256.Sum256(data)
	if want := hex.EncodeToString(sum[:]) + "  " + name + ".tar.gz\n"; string(mustRead(t, filepath.Join(out, "SHA256SUMS"))) != want {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", mustRead(t, filepath.Join(out, "SHA256SUMS")), want)
	}

	dir := t.TempDir()
	files := extractTarGz(t, tarball, dir)
	want := append(slices.Clone(bundleFiles), "govaudit")
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Errorf("files under %s/:\n%s\nwant:\n%s", name, strings.Join(files, "\n"), strings.Join(want, "\n"))
	}
	top := filepath.Join(dir, name)
	for _, f := range bundleFiles {
		if fileExists(filepath.Join(top, f)) && !sameFile(t, filepath.Join(top, f), filepath.Join("..", f)) {
			t.Errorf("%s differs from the repository's", f)
		}
	}

	bin := filepath.Join(top, "govaudit")
	t.Run("static binary", func(t *testing.T) {
		f, err := elf.Open(bin)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		wantMachine := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[arch]
		if f.Machine != wantMachine {
			t.Errorf("machine %v, want %v", f.Machine, wantMachine)
		}
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Errorf("has a program interpreter: dynamically linked, built without CGO_ENABLED=0?")
			}
		}
		if libs, err := f.ImportedLibraries(); err != nil || len(libs) > 0 {
			t.Errorf("imported libraries %v (%v), want none", libs, err)
		}
	})

	t.Run("--version", func(t *testing.T) {
		cmd := exec.Command(bin, "--version")
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if err != nil || strings.TrimSpace(stdout.String()) == "" {
			t.Errorf("govaudit --version: %v, stdout %q, stderr:\n%s\nwant exit 0 and the version on stdout", err, stdout.String(), stderr.String())
		}
	})

	t.Run("install.sh from the bundle", func(t *testing.T) {
		dest := t.TempDir()
		cmd := exec.Command("sh", filepath.Join(top, "deploy/debian/install.sh"))
		cmd.Env = append(os.Environ(), "DESTDIR="+dest)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("install.sh: %v\n%s", err, b)
		}
		if got := treeFiles(t, dest); !slices.Equal(got, installedFiles) {
			t.Errorf("installed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(installedFiles, "\n"))
		}
		if !sameFile(t, filepath.Join(dest, "usr/local/bin/govaudit"), bin) {
			t.Errorf("installed binary is not the bundle's")
		}
	})
}

// extractTarGz unpacks a .tar.gz into dir and returns its regular files
// relative to the one top directory they must all be in, checking the
// entries on the way: no paths outside it, owner root, modes 0644 or 0755.
func extractTarGz(t *testing.T, archive, dir string) []string {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var files []string
	top := ""
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		name := path.Clean(h.Name)
		first, rest, _ := strings.Cut(name, "/")
		if top == "" {
			top = first
		}
		if first != top || strings.HasPrefix(name, "..") || path.IsAbs(name) {
			t.Fatalf("entry %q outside the top directory %s", h.Name, top)
		}
		if h.Uid != 0 || h.Gid != 0 {
			t.Errorf("%s: owner %d:%d, want 0:0", h.Name, h.Uid, h.Gid)
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				t.Fatal(err)
			}
		case tar.TypeReg:
			mode := h.FileInfo().Mode().Perm()
			wantMode := os.FileMode(0o644)
			if rest == "govaudit" || strings.HasSuffix(rest, ".sh") {
				wantMode = 0o755
			}
			if mode != wantMode {
				t.Errorf("%s: mode %v, want %v", h.Name, mode, wantMode)
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			w, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(w, tr); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			files = append(files, rest)
		default:
			t.Errorf("%s: type %c, want only directories and regular files", h.Name, h.Typeflag)
		}
	}
	slices.Sort(files)
	return files
}
