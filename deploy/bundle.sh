#!/bin/sh
# Builds the offline bundles: one tarball per architecture with the static
# govaudit binary and everything deploy/debian/install.sh puts on a host
# (units, drop-ins, configs, alert rules, Alertmanager routes, Grafana
# provisioning and board, docs/deploy.md). For hosts without internet:
# copy the tarball over, unpack, run the installer. docs/deploy.md.
#
#     deploy/bundle.sh                  # dist/govaudit-VERSION-linux-{amd64,arm64}.tar.gz
#     deploy/bundle.sh -o DIR amd64     # one architecture, into DIR
#
# VERSION is `git describe --tags --always --dirty`, or $VERSION if set.
# The binaries are built with CGO_ENABLED=0 and -trimpath: no libc needed,
# so one amd64 build serves Debian, Kylin and UOS alike, and one arm64 build
# the domestic ARM servers (Kunpeng 鲲鹏, Phytium 飞腾).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/dist
while getopts o: opt; do
	case $opt in
	o) out=$OPTARG ;;
	*) echo "usage: deploy/bundle.sh [-o DIR] [ARCH ...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- amd64 arm64
mkdir -p "$out"
out=$(cd "$out" && pwd)

version=${VERSION:-$(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo unknown)}
# The tarballs' file times: the commit's, so that two builds of one commit
# give the same archive.
mtime=$(git -C "$root" log -1 --format=%cI 2>/dev/null || echo 2026-01-01T00:00:00Z)

# Everything but the binary, as paths relative to the repository (and to
# the bundle's top directory: install.sh finds them the same way in both).
files="
config/example.yaml
docs/deploy.md
deploy/README.md
deploy/debian/install.sh
deploy/debian/govaudit.service
deploy/debian/govaudit.sysusers
deploy/debian/govaudit.yaml
deploy/debian/prometheus/prometheus.yml
deploy/debian/prometheus/prometheus.service.d/govaudit.conf
deploy/debian/alertmanager/alertmanager.yml
deploy/debian/alertmanager/prometheus-alertmanager.service.d/govaudit.conf
deploy/debian/grafana/provisioning/datasources/govaudit.yml
deploy/debian/grafana/provisioning/dashboards/govaudit.yml
deploy/debian/upstream/prometheus.service
deploy/debian/upstream/prometheus-alertmanager.service
deploy/debian/upstream/prometheus.sysusers
deploy/prometheus/rules/govaudit.rules.yml
deploy/prometheus/rules/govaudit.rules.test.yml
deploy/grafana/dashboards/govaudit.json
"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

built=
for arch in "$@"; do
	case $arch in
	amd64 | arm64) ;;
	*) echo "bundle.sh: unsupported architecture $arch (amd64, arm64)" >&2; exit 2 ;;
	esac
	name=govaudit-$version-linux-$arch
	dir=$work/$name
	mkdir -p "$dir"
	echo "bundle.sh: building $name"
	(cd "$root" && CGO_ENABLED=0 GOOS=linux GOARCH=$arch go build -trimpath -ldflags='-s -w' -o "$dir/govaudit" ./cmd/govaudit)
	for f in $files; do
		install -D -m "$( [ -x "$root/$f" ] && echo 0755 || echo 0644)" "$root/$f" "$dir/$f"
	done
	tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" \
		-czf "$out/$name.tar.gz" "$name"
	rm -rf "$dir"
	built="$built $name.tar.gz"
done

# shellcheck disable=SC2086 # one word per tarball
(cd "$out" && sha256sum -- $built >SHA256SUMS && ls -l -- $built)
