#!/bin/sh
# Installs govaudit and its monitoring files on a Debian, Kylin (麒麟) or UOS
# (统信) host, from an unpacked offline bundle (deploy/bundle.sh) or from a
# checkout with a built binary. docs/deploy.md explains every step.
#
#     sudo ./deploy/debian/install.sh            # from the bundle's top directory
#     sudo GOVAUDIT_BINARY=/path/to/govaudit ./deploy/debian/install.sh
#
# PROMETHEUS_FROM says where Prometheus and Alertmanager come from:
#   debian    (default) the distribution's prometheus and
#             prometheus-alertmanager packages: drop-ins for their units
#   upstream  the projects' release tarballs, with the binaries already at
#             /usr/local/bin/prometheus and /usr/local/bin/alertmanager:
#             units of the same names, and the user prometheus
#
# It places files and creates the service user; it starts nothing. Run it
# again to upgrade. An existing /etc/govaudit/govaudit.yaml is kept. For
# /etc/prometheus/prometheus.yml and alertmanager.yml it does what dpkg does
# with a package's config files: the distribution's file is kept as
# *.before-govaudit the first time; later, a file nobody edited since the
# last install is replaced, and an edited one is kept with the new version
# beside it as *.govaudit-new, to merge by hand.
#
# DESTDIR=/some/dir installs into that tree instead of / and touches nothing
# outside it (no user, no systemctl): the tests use it.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${GOVAUDIT_BINARY:-$root/govaudit}
dest=${DESTDIR:-}
from=${PROMETHEUS_FROM:-debian}

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

case $from in
debian | upstream) ;;
*) die "PROMETHEUS_FROM=$from: want debian or upstream" ;;
esac
[ -x "$binary" ] || die "no govaudit binary at $binary (set GOVAUDIT_BINARY, or run from the bundle's top directory)"
if [ -z "$dest" ] && [ "$(id -u)" -ne 0 ]; then
	die "run as root (sudo), or set DESTDIR to install into a staging directory"
fi

# put MODE SRC DST: install a file, creating its directory.
put() {
	install -D -m "$1" "$root/$2" "$dest$3"
	say "$3"
}

# conffile SRC DST: install a config file the admin may edit. The copy
# installed last is recorded under /usr/local/share/govaudit/installed, to
# tell an edited file from one that is merely older.
conffile() {
	record=$dest/usr/local/share/govaudit/installed$2
	if [ -f "$dest$2" ] && ! cmp -s "$root/$1" "$dest$2"; then
		if [ ! -f "$record" ]; then
			[ -e "$dest$2.before-govaudit" ] || cp -p "$dest$2" "$dest$2.before-govaudit"
			say "$2: the previous file is kept as $2.before-govaudit"
		elif ! cmp -s "$record" "$dest$2"; then
			install -m 0644 "$root/$1" "$dest$2.govaudit-new"
			install -D -m 0644 "$root/$1" "$record"
			say "$2 was edited: kept; the new version is $2.govaudit-new, merge it by hand"
			return
		fi
	fi
	put 0644 "$1" "$2"
	install -D -m 0644 "$root/$1" "$record"
}

install -D -m 0755 "$binary" "$dest/usr/local/bin/govaudit"
say /usr/local/bin/govaudit

# govaudit: the service, its user, its config.
put 0644 deploy/debian/govaudit.service /etc/systemd/system/govaudit.service
put 0644 deploy/debian/govaudit.sysusers /etc/sysusers.d/govaudit.conf
if [ -e "$dest/etc/govaudit/govaudit.yaml" ]; then
	say "/etc/govaudit/govaudit.yaml exists: kept (the new example is deploy/debian/govaudit.yaml)"
else
	put 0640 deploy/debian/govaudit.yaml /etc/govaudit/govaudit.yaml
fi
put 0644 config/example.yaml /usr/local/share/doc/govaudit/example.yaml
put 0644 docs/deploy.md /usr/local/share/doc/govaudit/deploy.md

# Prometheus and Alertmanager: the same configs in the same places either
# way (Debian's package paths).
conffile deploy/debian/prometheus/prometheus.yml /etc/prometheus/prometheus.yml
put 0644 deploy/prometheus/rules/govaudit.rules.yml /etc/prometheus/rules/govaudit.rules.yml
conffile deploy/debian/alertmanager/alertmanager.yml /etc/prometheus/alertmanager.yml
if [ "$from" = debian ]; then
	put 0644 deploy/debian/prometheus/prometheus.service.d/govaudit.conf /etc/systemd/system/prometheus.service.d/govaudit.conf
	put 0644 deploy/debian/alertmanager/prometheus-alertmanager.service.d/govaudit.conf /etc/systemd/system/prometheus-alertmanager.service.d/govaudit.conf
else
	for b in prometheus alertmanager; do
		[ -n "$dest" ] || [ -x /usr/local/bin/$b ] || say "warning: no /usr/local/bin/$b yet: unpack the $b release tarball there"
	done
	put 0644 deploy/debian/upstream/prometheus.service /etc/systemd/system/prometheus.service
	put 0644 deploy/debian/upstream/prometheus-alertmanager.service /etc/systemd/system/prometheus-alertmanager.service
	put 0644 deploy/debian/upstream/prometheus.sysusers /etc/sysusers.d/prometheus.conf
fi

# Grafana from its own .deb (a tarball install reads conf/provisioning under
# its own directory instead: docs/deploy.md).
put 0644 deploy/debian/grafana/provisioning/datasources/govaudit.yml /etc/grafana/provisioning/datasources/govaudit.yml
put 0644 deploy/debian/grafana/provisioning/dashboards/govaudit.yml /etc/grafana/provisioning/dashboards/govaudit.yml
put 0644 deploy/grafana/dashboards/govaudit.json /var/lib/grafana/dashboards/govaudit/govaudit.json

if [ -n "$dest" ]; then
	say "installed into $dest; no user created, systemd not told"
	exit 0
fi

systemd-sysusers /etc/sysusers.d/govaudit.conf
[ "$from" = debian ] || systemd-sysusers /etc/sysusers.d/prometheus.conf
# The config may hold robot secrets (notify:): readable by root and the
# service only.
chgrp govaudit /etc/govaudit/govaudit.yaml
chmod 0640 /etc/govaudit/govaudit.yaml
systemctl daemon-reload
say "done. Next: edit /etc/govaudit/govaudit.yaml, check it with"
say "  govaudit check-config /etc/govaudit/govaudit.yaml"
say "then: systemctl enable --now govaudit; systemctl restart prometheus prometheus-alertmanager"
