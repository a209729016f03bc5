#!/usr/bin/env bash
# Set up (Debian packages, CMake build), then every test: the normal build, and the whole suite again
# under AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=2

"$root/deploy/install-deps.sh"

echo "== [${SECONDS} s] api/openapi.json, checked by @apidevtools/swagger-parser (npm)" >&2
command -v npm >/dev/null || { echo "test: Node.js and npm are needed to check api/openapi.json" >&2; exit 1; }
npm ci --prefix "$root/tests/openapi" --no-audit --no-fund --loglevel=error >/dev/null
node "$root/tests/openapi/validate.mjs" "$root/api/openapi.json"
echo "== [${SECONDS} s] the Standard Webhooks verifier (npm standardwebhooks) that the webhook security test runs" >&2
npm ci --prefix "$root/tests/webhooks" --no-audit --no-fund --loglevel=error >/dev/null

run_suite() {
  local build=$1; shift
  echo "== [${SECONDS} s] configure and build $build" >&2
  cmake -S "$root" -B "$build" "$@" >/dev/null
  cmake --build "$build" -j"$jobs"
  echo "== [${SECONDS} s] tests in $build" >&2
  ctest --test-dir "$build" --output-on-failure -j"$jobs" --timeout 300
}

run_suite "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo

echo "== [${SECONDS} s] the dashboard in Debian's chromium (playwright-core, axe-core from npm); screenshots in tests/e2e/artifacts" >&2
npm ci --prefix "$root/tests/e2e" --no-audit --no-fund --loglevel=error >/dev/null
(cd "$root/tests/e2e" && SCR_TRACKER="$root/build/api/scr-tracker" node --test --test-concurrency=1 ./*.test.mjs)
# scr-bench is never run under the sanitizers: not built there.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite "$root/build-sanitize" -DCMAKE_BUILD_TYPE=Debug -DSCR_SANITIZE=address -DSCR_BUILD_BENCH=OFF

# Fuzzing (libFuzzer, clang, ASan+UBSan): the strict JSON request parsing, an event's data, and the workflow loader, each for
# a bounded time from its seed corpus (copied: what the fuzzer finds stays in the build folder).
fuzz_build="$root/build-fuzz"
echo "== [${SECONDS} s] configure and build $fuzz_build (clang)" >&2
cmake -S "$root" -B "$fuzz_build" -DSCR_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$fuzz_build" -j"$jobs"
for target in strict_json:json event_data:json workflow_loader:yaml; do
  name=${target%%:*} corpus="$fuzz_build/corpus/${target##*:}"
  mkdir -p "$corpus"
  cp -n "$root/tests/fuzz/corpus/${target##*:}"/* "$corpus"/
  echo "== [${SECONDS} s] fuzzing $name for ${SCR_FUZZ_SECONDS:-30} s" >&2
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$fuzz_build/tests/fuzz/${name}_fuzz" -max_total_time="${SCR_FUZZ_SECONDS:-30}" -max_len=65536 \
    -artifact_prefix="$fuzz_build/" "$corpus" 2>"$fuzz_build/$name.log" \
    || { tail -40 "$fuzz_build/$name.log" >&2; echo "test: the $name fuzzer found a failure (above)" >&2; exit 1; }
done

echo "== [${SECONDS} s] all tests passed" >&2
