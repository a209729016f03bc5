#!/usr/bin/env bash
# Set up (Debian packages, CMake build) and run the demo: a fictional board on a simulated clock,
# served on 127.0.0.1:8080 unless LISTEN says otherwise. A second run reuses the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build"

"$root/deploy/install-deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target scr-tracker -j2
exec "$build/api/scr-tracker" demo --listen "${LISTEN:-127.0.0.1:8080}"
