#!/usr/bin/env bash
# deploy/: the systemd unit passes `systemd-analyze verify` (a copy whose ExecStart is the built binary,
# as /usr/local/bin/scr-tracker need not exist here; no running systemd needed) and is rated 2.0 or lower
# (exposure) by `systemd-analyze security`, and deploy/install.sh puts every file in place under a DESTDIR
# and can run twice, keeping the config.
#   unit_and_install_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2
work=$(mktemp -d /tmp/scr-deploy-test-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing; run deploy/install-deps.sh (package systemd)"
unit="$work/scr-tracker.service"
sed "s#/usr/local/bin/scr-tracker#$build_dir/api/scr-tracker#" "$source_dir/deploy/scr-tracker.service" > "$unit"
grep -q "^ExecStart=$build_dir/api/scr-tracker serve" "$unit" || fail "ExecStart not found in the unit"
for setting in User=scr-tracker ProtectSystem=strict ReadWritePaths=/var/lib/scr-tracker NoNewPrivileges=yes \
               PrivateTmp=yes Restart=on-failure StandardError=journal UMask=0077 CapabilityBoundingSet= \
               SystemCallFilter=@system-service SystemCallArchitectures=native MemoryDenyWriteExecute=yes; do
  grep -qx "$setting" "$unit" || fail "the unit lacks $setting"
done
# verify exits 0 on an unknown key, but says so: any message at all is a failure.
messages=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify: $messages"
[[ -z "$messages" ]] || fail "systemd-analyze verify: $messages"
# The exposure score, 0 (locked down) to 10: --threshold is in tenths, and the command fails above it.
rating=$(systemd-analyze security --offline=yes --threshold=20 "$unit" 2>&1) \
  || fail "systemd-analyze security rates the unit above 2.0: $(grep -E 'Overall|✗' <<<"$rating")"
grep -qE "Overall exposure level for scr-tracker.service: ([01]\.[0-9]|2\.0) " <<<"$rating" \
  || fail "systemd-analyze security gave no score of 2.0 or lower: $rating"

root="$work/root"
DESTDIR="$root" "$source_dir/deploy/install.sh" "$build_dir" 2>/dev/null
for file in usr/local/bin/scr-tracker etc/scr-tracker/config.yaml etc/scr-tracker/config.example.yaml \
            etc/scr-tracker/workflows/scr-2015.yaml etc/scr-tracker/workflows/calendars/scotland.txt \
            etc/systemd/system/scr-tracker.service; do
  [[ -f "$root/$file" ]] || fail "install.sh did not install /$file"
done
[[ -d "$root/var/lib/scr-tracker" ]] || fail "install.sh did not make /var/lib/scr-tracker"
echo "# kept" >> "$root/etc/scr-tracker/config.yaml"
DESTDIR="$root" "$source_dir/deploy/install.sh" "$build_dir" 2>/dev/null || fail "install.sh failed the second time"
grep -q "# kept" "$root/etc/scr-tracker/config.yaml" || fail "a second install.sh replaced config.yaml"
"$root/usr/local/bin/scr-tracker" admin check-workflows "$root/etc/scr-tracker/workflows" >/dev/null \
  || fail "the installed workflows do not load"
"$root/usr/local/bin/scr-tracker" serve --help >/dev/null || fail "the installed binary does not run"
echo "deploy: unit verified ($(grep -o 'exposure level.*' <<<"$rating")), install.sh ran twice" >&2
