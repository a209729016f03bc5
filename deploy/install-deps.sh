#!/usr/bin/env bash
# Installs, from Debian 12's packages, everything scr-tracker needs to build, run and test.
# Idempotent: installs only what is missing, and runs `apt-get update` at most once.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libboost-dev
  libsqlite3-dev libsqlitecpp-dev sqlite3
  libcpp-httplib-dev libspdlog-dev libfmt-dev
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libcurl4-openssl-dev libssl-dev
  # the reviews export as a workbook (.xlsx); the tests read it back with openpyxl
  libxlsxwriter-dev python3-openpyxl
  libhowardhinnant-date-dev tzdata
  catch2 python3-aiosmtpd python3-icalendar
  wrk
  chromium
  # systemd-analyze checks deploy/scr-tracker.service in the tests; openssl makes their certificates; nginx is
  # the documented front whose limits the security tests check
  systemd openssl nginx
  # libFuzzer for the fuzz targets (tests/fuzz)
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: every package is already installed" >&2
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo; missing: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"

# nginx starts its default site when installed on a machine run by systemd; the tests start their own, on
# loopback. Stopped only when installed just now, so that an nginx already serving this machine is left alone.
if [[ " ${missing[*]} " == *" nginx "* ]] && command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
  $sudo systemctl disable --now nginx >/dev/null 2>&1 || true
fi
