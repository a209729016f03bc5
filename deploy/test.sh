#!/usr/bin/env bash
# Set up (Debian packages, CMake build), then every test: the normal build, and the whole suite again
# under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=2

"$root/deploy/install-deps.sh"

echo "== api/openapi.json, checked by @apidevtools/swagger-parser (npm)" >&2
command -v npm >/dev/null || { echo "test: Node.js and npm are needed to check api/openapi.json" >&2; exit 1; }
npm ci --prefix "$root/tests/openapi" --no-audit --no-fund --loglevel=error >/dev/null
node "$root/tests/openapi/validate.mjs" "$root/api/openapi.json"

run_suite() {
  local build=$1; shift
  echo "== configure and build $build" >&2
  cmake -S "$root" -B "$build" "$@" >/dev/null
  cmake --build "$build" -j"$jobs"
  echo "== tests in $build" >&2
  ctest --test-dir "$build" --output-on-failure -j"$jobs" --timeout 300
}

run_suite "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

echo "== the dashboard in Debian's chromium (playwright-core, axe-core from npm); screenshots in tests/e2e/artifacts" >&2
npm ci --prefix "$root/tests/e2e" --no-audit --no-fund --loglevel=error >/dev/null
SCR_TRACKER="$root/build/api/scr-tracker" node --test --test-concurrency=1 "$root/tests/e2e/dashboard.test.mjs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite "$root/build-sanitize" -DCMAKE_BUILD_TYPE=Debug -DSCR_SANITIZE=address

echo "== all tests passed" >&2
