#!/usr/bin/env python3
"""HTTP load on loopback with wrk: GET a review, and POST an event (each a durable transaction, group
committed by the engine), at 1 and 32 connections. Starts `scr-tracker serve` on a fresh database, prepares
reviews waiting in quality assurance, runs wrk, and prints one JSON object of figures (medians of --runs).

    tests/bench/http_load.py [--binary build/api/scr-tracker] [--seconds 10] [--runs 3] [--whole-review]
                             [--peers PATH/TO/peers/run.sh]

Events are sent with `Prefer: return=minimal` (the answer says what the command did) unless --whole-review
asks for the whole review in every answer, as a client that shows it would. With --peers, BullMQ on Redis is
measured first, in the same run (its sequential and 32-client durable adds), and the ratios are printed with
the figures: events_c1_vs_bullmq, events_c32_vs_bullmq.
"""
import argparse, json, os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request, urllib.error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LUA_EVENTS = r"""
-- Each thread takes its own share of the reviews; each review alternates between returned for revision
-- and resubmitted, so that every POST is an allowed event and none waits on another of the same review.
-- wrk calls request() once more than it sends, so one review per run skips a round and answers 409 once: the
-- `refused` figure is 1 per run when all is well.
local token = "%(token)s"
local per_thread = %(per_thread)d
local made = 0
function setup(thread)
  thread:set("first_review", per_thread * made + 1)
  made = made + 1
end
local counter = 0
function request()
  local review = first_review + (counter %% per_thread)
  local round = math.floor(counter / per_thread)
  counter = counter + 1
  local event = (round %% 2 == 0) and "return_for_revision" or "submit_report"
  local body = '{"event": "' .. event .. '", "reason": "load"}'
  local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}
  if %(minimal)s then headers["Prefer"] = "return=minimal" end
  return wrk.format("POST", "/api/v1/reviews/" .. review .. "/events", headers, body)
end
local told = 0
function response(status, headers, body)
  if status ~= 200 and told < 3 and os.getenv("SCR_LOAD_DEBUG") then
    told = told + 1
    io.stderr:write(status .. " " .. body .. "\n")
  end
end
"""

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def call(base, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")

def walk_to_quality_assurance(base, token, review):
    """Completes whatever blocks each event on the way, as a business unit would, until the report is in."""
    for event in ["decide_to_review", "commission", "start_review", "submit_report"]:
        for _ in range(3):
            status, body = call(base, token, "POST", f"/api/v1/reviews/{review}/events", {"event": event, "reason": "setup"})
            if status == 200:
                break
            for key in body.get("blocking", []):
                # The referral is months old, so each step is done late: the note says why.
                call(base, token, "POST", f"/api/v1/reviews/{review}/checkpoints/{key}/complete", {"note": "setup, late"})
        else:
            sys.exit(f"review {review}: cannot apply {event}: {body}")

def wrk(url, connections, seconds, script=None, token=None):
    threads = 1 if script else min(connections, 2)  # one thread for events: its script sees every review
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    else:
        command += ["-H", f"Authorization: Bearer {token}"]
    run = subprocess.run(command + [url], capture_output=True, text=True, check=True)
    if os.getenv("SCR_LOAD_DEBUG"):
        sys.stderr.write(run.stderr)
    out = run.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0

def bullmq_adds(run_sh):
    """BullMQ's durable adds per second, one client adding in sequence and 32 at once, from the peers' run.sh
    (its drain measurement skipped), run now so that the ratio compares figures of the same hour."""
    run = subprocess.run(["bash", run_sh], capture_output=True, text=True, env={**os.environ, "SKIP_DRAIN": "1"})
    if run.returncode != 0:
        sys.exit(f"the BullMQ measurement failed ({run_sh}):\n{run.stderr[-2000:]}")
    sequential = re.search(r"sequential add x\d+: (\d+) adds/s", run.stdout)
    concurrent = re.search(r"C=32: (\d+) adds/s", run.stdout)
    if not sequential or not concurrent:
        sys.exit(f"the BullMQ measurement printed nothing this script reads:\n{run.stdout}")
    sys.stderr.write(run.stdout)
    return float(sequential.group(1)), float(concurrent.group(1))

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "build/api/scr-tracker"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reviews", type=int, default=1000)
    parser.add_argument("--whole-review", action="store_true", help="answer each event with the whole review")
    parser.add_argument("--peers", help="the peers' run.sh: measure BullMQ first and print the ratios")
    args = parser.parse_args()
    peers = bullmq_adds(args.peers) if args.peers else None
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run deploy/install-deps.sh")
    folder = tempfile.mkdtemp(prefix="scr-load-")
    db = os.path.join(folder, "load.db")
    admin = lambda *a: subprocess.run([args.binary, "admin", *a, "--db", db], capture_output=True, text=True, check=True).stdout.strip()
    board = admin("create-board", "--name", "Load board")
    token = admin("create-token", "--board", board, "--role", "business_unit")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    service = subprocess.Popen([args.binary, "--log-level", "warn", "serve", "--db", db, "--listen", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health")
                break
            except OSError:
                time.sleep(0.05)
        referral = {"workflow": "scr-2015", "title": "Load review", "incident_date": "2026-01-05",
                    "referral_date": "2026-01-12", "rationale": "Load test.", "statutory_criteria_met": True,
                    "child_died": False}
        for review in range(1, args.reviews + 1):
            call(base, token, "POST", "/api/v1/reviews", referral)
            walk_to_quality_assurance(base, token, review)
        figures = {"reviews": args.reviews, "seconds_per_run": args.seconds, "runs": args.runs,
                   "event_answer": "whole review" if args.whole_review else "return=minimal"}
        for connections in (1, 32):
            reads = [wrk(base + "/api/v1/reviews/1", connections, args.seconds, token=token) for _ in range(args.runs)]
            figures[f"get_review_c{connections}_rps"] = statistics.median(r[0] for r in reads)
            figures[f"get_review_c{connections}_p99_ms"] = statistics.median(r[1] for r in reads)
            events = []
            for run in range(args.runs):
                per_thread = args.reviews
                script = os.path.join(folder, f"events-{connections}-{run}.lua")
                # Each run starts every review afresh from where the last left it: even rounds return it.
                open(script, "w").write(LUA_EVENTS % {"token": token, "per_thread": per_thread,
                                                      "minimal": "false" if args.whole_review else "true"})
                events.append(wrk(base + "/", connections, args.seconds, script=script))
                # Put every review back in quality assurance for the next run, once the events wrk sent
                # as it stopped have been answered.
                time.sleep(0.5)
                for review in range(1, args.reviews + 1):
                    call(base, token, "POST", f"/api/v1/reviews/{review}/events", {"event": "submit_report", "reason": "reset"})
            figures[f"post_event_c{connections}_rps"] = statistics.median(r[0] for r in events)
            figures[f"post_event_c{connections}_p99_ms"] = statistics.median(r[1] for r in events)
            figures[f"post_event_c{connections}_refused"] = max(r[2] for r in events)
        # The contract's names for the headline figures.
        figures["reads_per_s"] = max(figures["get_review_c1_rps"], figures["get_review_c32_rps"])
        figures["events_per_s_c1"] = figures["post_event_c1_rps"]
        figures["events_per_s_c32"] = figures["post_event_c32_rps"]
        figures["p99_ms"] = max(figures[f"{kind}_c{c}_p99_ms"] for kind in ("get_review", "post_event") for c in (1, 32))
        if peers:
            figures["bullmq_adds_per_s_c1"], figures["bullmq_adds_per_s_c32"] = peers
            figures["events_c1_vs_bullmq"] = round(figures["events_per_s_c1"] / peers[0], 3)
            figures["events_c32_vs_bullmq"] = round(figures["events_per_s_c32"] / peers[1], 3)
        print(json.dumps(figures))
    finally:
        service.terminate()
        service.wait()
        shutil.rmtree(folder, ignore_errors=True)

if __name__ == "__main__":
    main()
