#!/usr/bin/env bash
# make bench: every figure in docs/performance.md, from release builds, on loopback only.
# The machine is shared: compare ours with the baseline measured in the same run.
# BEFORE=DIR (a folder holding an earlier build's `hotline`, e.g. a release build of an older
# commit) adds that controller to `calls` and `held`, measured in turn with ours in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >/dev/null
BIN=.build/release
WORK=var/bench
mkdir -p "$WORK"
rm -f "$WORK"/calllog*.sqlite*
export HOTLINE_ADMIN_TOKEN=bench-token-0123456789abcdef0123456789
# The default plan, open around the clock, no wrap-up and no announcements, so every call takes
# the same advocate path; a roster of 1,500 advocates (the simulator answers their phones).
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
s = open("Dialplans/hotline.yaml").read()
import re
# Only the hours block (up to the next top-level key): the switches and entries after it stay.
i = s.index("\nhours:\n")
j = i + 1 + re.search(r"\n(?=[a-z_]+:)", s[i + 1:]).start()
s = s[:i] + '\nhours:\n  advocates: {daily: "00:00-24:00"}\n  day_languages: {daily: "00:00-24:00"}' + s[j:]
s = s.replace("wrap_up_seconds: 30", "wrap_up_seconds: 0").replace("announce_every: 60", "announce_every: 0").replace("prompts: ../Prompts", "prompts: ../../Prompts")
open(f"{work}/plan.yaml", "w").write(s)
open(f"{work}/roster.yaml", "w").write("agents:\n" + "".join(f"  - {{id: bench-{i}, endpoint: PJSIP/bench-{i}, languages: [en, es, zh, vi]}}\n" for i in range(1, 1501)))
open(f"{work}/roster-one.yaml", "w").write("agents:\n  - {id: bench-1, endpoint: PJSIP/bench-1, languages: [en, es, zh, vi]}\n")
# A generated plan of 5,000 states for the checker's figure.
lines = ["languages: [en]", "time_zone: UTC", "entries: [{default: true, start: s0}]", "states:"]
for n in range(4999):
    lines.append(f"  s{n}: {{menu: main_menu, keys: {{\"1\": s{min(n+1, 4998)}, \"2\": s{max(0, n-1)}}}, exhausted: bye}}")
lines.append("  bye: {hangup: }")
open(f"{work}/plan-5000.yaml", "w").write("\n".join(lines) + "\n")
PY

serve() {  # serve ROSTER PORT ADMINPORT [BINDIR]
  "${4:-$BIN}/hotline" serve --listen 127.0.0.1:$2 --admin-listen 127.0.0.1:$3 --plan "$WORK/plan.yaml" --roster "$1" \
    --database "$WORK/calllog-$2.sqlite" --log-level error --max-calls 100000 > "$WORK/serve-$2.log" 2>&1 &
  echo $!
}
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; return 1; }
load() { "$BIN/hotline" loadtest "$@"; }

# `scripts/bench.sh held N [RATE]`: only N callers joining the queue (all at once, or RATE a
# second) and holding (one advocate, busy): the think time while they join, CPU per call and RSS
# per held caller.
if [ "${1:-}" = held ]; then
  N=${2:-6000}
  RATE=${3:+--rate $3}
  ulimit -n "$(ulimit -Hn)"
  for who in ${BEFORE:+before} ours; do
    dir=$BIN; [ "$who" = before ] && dir=$BEFORE
    # N callers need N free local ports, and each earlier connection holds its port in TIME-WAIT
    # for 60 s (a calls run or the previous held run can take them all: every call then fails).
    for _ in $(seq 90); do [ "$(ss -Htan state time-wait | wc -l)" -lt 2000 ] && break; sleep 1; done
    ONE=$(serve "$WORK/roster-one.yaml" 14575 18089 "$dir"); wait_port 14575; wait_port 18089
    # shellcheck disable=SC2086
    load --target 127.0.0.1:14575 --calls "$N" --concurrency "$N" $RATE --hold 20 --talk-ms 30000 --admin 127.0.0.1:18089 --pid "$ONE" 2>/dev/null | sed "s/^/$who: /"
    kill "$ONE"; wait 2>/dev/null || true
    sleep 2
  done
  exit 0
fi

OURS=$(serve "$WORK/roster.yaml" 14573 18088); wait_port 14573; wait_port 18088
if [ -n "${BEFORE:-}" ]; then
  OLD=$(serve "$WORK/roster.yaml" 14583 18098 "$BEFORE"); wait_port 14583; wait_port 18098
  load --target 127.0.0.1:14583 --calls 1 --concurrency 1 --admin 127.0.0.1:18098 > /dev/null
fi
load --target 127.0.0.1:14573 --calls 1 --concurrency 1 --admin 127.0.0.1:18088 --record "$WORK/commands.txt" > /dev/null
"$BIN/hotline-baseline" 127.0.0.1:14574 "$WORK/commands.txt" > "$WORK/baseline.log" 2>&1 &
BASE=$!; wait_port 14574
# The physical limit: the same command sequence from a plain-libc epoll responder, one thread.
"$BIN/hotline-limit" 127.0.0.1:14576 "$WORK/commands.txt" > "$WORK/limit.log" 2>&1 &
LIMIT=$!; wait_port 14576
echo "== the call: $(wc -l < "$WORK/commands.txt") commands (answer, language, notice, menu, queue, advocate, hang-up)"

# Ours, the C limit and the NIO baseline in turn, three rounds: the ratios come from one run on a
# shared machine, each round's neighbours measured seconds apart.
echo "== CPU per completed call and calls/s: 10,000 calls at 200 concurrent, 3 interleaved rounds"
for round in 1 2 3; do
  for who in ${BEFORE:+before} ours limit baseline; do
    case $who in before) port=14583 pid=$OLD ;; ours) port=14573 pid=$OURS ;; limit) port=14576 pid=$LIMIT ;; baseline) port=14574 pid=$BASE ;; esac
    load --target 127.0.0.1:$port --calls 10000 --concurrency 200 --pid "$pid" > "$WORK/round-$round-$who.txt"
    sed "s/^/round $round $who: /" "$WORK/round-$round-$who.txt"
  done
done
python3 - "$WORK" <<'PY'
import re, sys
work = sys.argv[1]
def figures(round, who):
    text = open(f"{work}/round-{round}-{who}.txt").read()
    return float(re.search(r"controller CPU per call ([0-9.]+) ms", text).group(1)), float(re.search(r"calls/s ([0-9.]+)", text).group(1))
print("ratios to the C limit, per round (CPU per call: lower is better; calls/s: higher is better)")
import os
for round in (1, 2, 3):
    (oc, ot), (lc, lt), (bc, bt) = (figures(round, who) for who in ("ours", "limit", "baseline"))
    before = ""
    if os.path.exists(f"{work}/round-{round}-before.txt"):
        pc, pt = figures(round, "before")
        before = f"; before {pc / lc:.2f}x CPU, {pt / lt:.2f}x calls/s"
    print(f"round {round}: CPU per call ours {oc:.3f} ms / limit {lc:.3f} ms = {oc / lc:.2f}x (NIO baseline {bc / lc:.2f}x); "
          f"calls/s ours {ot:.0f} / limit {lt:.0f} = {ot / lt:.2f}x (NIO baseline {bt / lt:.2f}x){before}")
PY
rm -f "$WORK"/round-*-before.txt
[ -n "${OLD:-}" ] && { kill "$OLD"; wait "$OLD" 2>/dev/null || true; }
[ "${1:-}" = calls ] && { kill "$OURS" "$BASE" "$LIMIT"; wait 2>/dev/null || true; exit 0; }

echo "== think time with ~1,000 calls in progress (400 calls/s, each with a 2.5 s conversation)"
load --target 127.0.0.1:14573 --calls 12000 --concurrency 1100 --rate 400 --talk-ms 2500 | sed 's/^/ours:     /'

echo "== reload under 1,000 live calls (holding in the queue)"
kill "$OURS"; wait "$OURS" 2>/dev/null || true
ONE=$(serve "$WORK/roster-one.yaml" 14575 18089); wait_port 14575; wait_port 18089
load --target 127.0.0.1:14575 --calls 1000 --concurrency 1000 --hold 15 --talk-ms 20000 --admin 127.0.0.1:18089 --pid "$ONE" > "$WORK/reload-load.txt" &
LOAD=$!; sleep 6
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -w "reload $i: %{time_total} s\n" -X POST -H "Authorization: Bearer $HOTLINE_ADMIN_TOKEN" http://127.0.0.1:18089/plan/reload
done
wait "$LOAD" && echo "no call dropped" || echo "CALLS FAILED"
sed 's/^/ours:     /' "$WORK/reload-load.txt"

echo "== held calls in the queue with music ($(( $(ulimit -n) / 2 - 500 )) at once; ulimit -n is $(ulimit -n))"
HELD=$(( $(ulimit -n) / 2 - 500 ))
load --target 127.0.0.1:14575 --calls "$HELD" --concurrency "$HELD" --hold 25 --talk-ms 30000 --admin 127.0.0.1:18089 --pid "$ONE" | sed 's/^/ours:     /'
kill "$ONE" "$BASE" "$LIMIT"; wait 2>/dev/null || true

echo "== engine alone"
"$BIN/hotline-bench" engine Dialplans/hotline.yaml 1000000
echo "== hotline check on a generated 5,000-state plan"
/usr/bin/time -f "check: %e s, %M KiB max RSS" "$BIN/hotline" check --no-prompts "$WORK/plan-5000.yaml" | tail -1
echo "== call log"
"$BIN/hotline-bench" calllog 200000
