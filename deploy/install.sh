#!/usr/bin/env bash
# Installs a built scr-tracker as a systemd service: the binary in /usr/local/bin, the workflows and config
# in /etc/scr-tracker, the data folder /var/lib/scr-tracker (owned by the scr-tracker user), the unit in
# /etc/systemd/system. Safe to run again (e.g. after a new build): an existing config.yaml and database are
# kept. Run as root, after building (deploy/run.sh, or cmake as in README.md).
#   deploy/install.sh [BUILD_DIR]      (default: build/ of this checkout)
# DESTDIR=/some/root installs under that folder instead, without creating the user or touching systemd
# (for packaging and for the test).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
destdir=${DESTDIR:-}
binary="$build/api/scr-tracker"

[[ -x "$binary" ]] || { echo "install: no binary at $binary; build first: deploy/run.sh, or cmake --build build" >&2; exit 1; }
if [[ -z "$destdir" && $(id -u) -ne 0 ]]; then
  echo "install: run as root (sudo deploy/install.sh)" >&2
  exit 1
fi

user=scr-tracker
etc="$destdir/etc/scr-tracker"
data="$destdir/var/lib/scr-tracker"

if [[ -z "$destdir" ]] && ! id "$user" >/dev/null 2>&1; then
  echo "install: creating the system user $user" >&2
  useradd --system --home-dir /var/lib/scr-tracker --no-create-home --shell /usr/sbin/nologin "$user"
fi

install -d -m 0755 "$destdir/usr/local/bin" "$etc" "$destdir/etc/systemd/system" "$destdir/usr/local/share/doc/scr-tracker"
install -m 0755 "$binary" "$destdir/usr/local/bin/scr-tracker.new"
mv -f "$destdir/usr/local/bin/scr-tracker.new" "$destdir/usr/local/bin/scr-tracker"  # a running service keeps the old file

# The review types and bank holidays shipped with this version replace those of the last install; other
# files in the folder (a board's own review types) are left alone.
install -d -m 0755 "$etc/workflows/calendars"
install -m 0644 "$root"/workflows/*.yaml "$root/workflows/README.md" "$etc/workflows/"
install -m 0644 "$root"/workflows/calendars/*.txt "$etc/workflows/calendars/"

install -m 0644 "$root/deploy/config.example.yaml" "$etc/config.example.yaml"
if [[ ! -e "$etc/config.yaml" ]]; then
  cat > "$etc/config.yaml" <<'YAML'
# scr-tracker configuration; every key is described in config.example.yaml beside this file.
digest:
  time: "08:00"
YAML
  chmod 0640 "$etc/config.yaml"
  if [[ -z "$destdir" ]]; then chgrp "$user" "$etc/config.yaml"; fi
fi

install -d -m 0750 "$data"
if [[ -z "$destdir" ]]; then chown "$user:$user" "$data"; fi

install -m 0644 "$root/deploy/scr-tracker.service" "$destdir/etc/systemd/system/scr-tracker.service"
install -m 0644 "$root/README.md" "$destdir/usr/local/share/doc/scr-tracker/README.md"

if [[ -z "$destdir" && -d /run/systemd/system ]]; then
  systemctl daemon-reload
  echo "install: done. Start it with: systemctl enable --now scr-tracker" >&2
else
  echo "install: done in ${destdir:-/} (systemd is not running here: the unit was not loaded)" >&2
fi
