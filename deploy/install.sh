#!/usr/bin/env bash
# Installs RadGestMat on a Debian server as a systemd service:
#   sudo deploy/install.sh [path/to/radgestmat]      (default: target/release/radgestmat)
# - a system user `radgestmat`, its state in /var/lib/radgestmat;
# - the binary in /usr/local/bin, the unit in /etc/systemd/system, settings in /etc/radgestmat/env
#   (created from deploy/env.example if absent, with a fresh RADGESTMAT_SECRET_KEY; never overwritten);
# - the service enabled; started only if the settings file no longer says CHANGE-ME.
# ROOT=/some/dir installs under that directory instead, without touching users or systemd (for tests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-$here/../target/release/radgestmat}"
root="${ROOT:-}"

die() { echo "install: $*" >&2; exit 1; }
[ -x "$binary" ] || die "no executable at $binary (cargo build --release -p radgestmat)"
[ -n "$root" ] || [ "$(id -u)" = 0 ] || die "run as root (sudo)"

if [ -z "$root" ] && ! id radgestmat >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/radgestmat --shell /usr/sbin/nologin radgestmat
fi
install -d -m 0755 "$root/usr/local/bin" "$root/etc/systemd/system"
install -d -m 0750 "$root/etc/radgestmat" "$root/var/lib/radgestmat"
install -m 0755 "$binary" "$root/usr/local/bin/radgestmat"
install -m 0644 "$here/systemd/radgestmat.service" "$root/etc/systemd/system/radgestmat.service"
if [ ! -e "$root/etc/radgestmat/env" ]; then
  install -m 0640 "$here/env.example" "$root/etc/radgestmat/env"
  key="$("$root/usr/local/bin/radgestmat" config generate-key)"
  sed -i "s|^RADGESTMAT_SECRET_KEY=CHANGE-ME$|RADGESTMAT_SECRET_KEY=$key|" "$root/etc/radgestmat/env"
  echo "install: edit $root/etc/radgestmat/env (database password, address), then: systemctl start radgestmat"
fi
"$root/usr/local/bin/radgestmat" --version

[ -n "$root" ] && exit 0
chown -R radgestmat:radgestmat /var/lib/radgestmat
chown root:radgestmat /etc/radgestmat /etc/radgestmat/env
systemctl daemon-reload
systemctl enable radgestmat
if grep -q CHANGE-ME /etc/radgestmat/env; then
  echo "install: not started: /etc/radgestmat/env still says CHANGE-ME"
else
  systemctl restart radgestmat
  systemctl --no-pager status radgestmat
fi
