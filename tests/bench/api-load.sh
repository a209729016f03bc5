#!/usr/bin/env bash
# HTTP load on loopback: wrk against `scr-tracker serve` on a fresh database, GET a review and POST an event
# at 1 and 32 connections. The last line of stdout is one JSON object of figures: reads_per_s,
# events_per_s_c1, events_per_s_c32, p99_ms (and the detail per case), and, when ../shared/peers/run.sh is
# there, BullMQ's durable adds measured first in the same run with the ratios events_c1_vs_bullmq and
# events_c32_vs_bullmq. Arguments go to http_load.py (--seconds, --runs, --reviews, --whole-review).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary="$root/build/api/scr-tracker"
command -v wrk >/dev/null || { echo "api-load: wrk is missing; run deploy/install-deps.sh" >&2; exit 1; }
if [[ ! -x $binary ]]; then
  echo "api-load: building scr-tracker first" >&2
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$root/build" --target scr-tracker -j2 >&2
fi
# BullMQ on Redis, measured in the same run for the ratios, when the peers' folder is beside the checkout.
peers=()
if [[ -z ${SCR_LOAD_NO_PEERS:-} && -x $root/../shared/peers/run.sh ]]; then
  peers=(--peers "$root/../shared/peers/run.sh")
else
  echo "api-load: no BullMQ peer measurement (../shared/peers/run.sh not found or SCR_LOAD_NO_PEERS set)" >&2
fi
exec python3 "$root/tests/bench/http_load.py" --binary "$binary" "${peers[@]}" "$@"
