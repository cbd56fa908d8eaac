#!/usr/bin/env bash
# make soak (not in CI): SECONDS (default 600) of mixed load with random hang-ups, callers holding
# in the queue, and a plan reload every 30 s; then RSS and open files of the controller must be
# back near where they started, and no call may have failed that the simulator did not hang up.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
swift build -c release >/dev/null
BIN=.build/release
WORK=var/soak
mkdir -p "$WORK"; rm -f "$WORK"/calllog.sqlite*
export HOTLINE_ADMIN_TOKEN=soak-token-0123456789abcdef0123456789
python3 - "$WORK" <<'PY'
import re, sys
work = sys.argv[1]
s = open("Dialplans/hotline.yaml").read()
# Only the hours block (up to the next top-level key): the switches and entries after it stay.
i = s.index("\nhours:\n")
j = i + 1 + re.search(r"\n(?=[a-z_]+:)", s[i + 1:]).start()
s = s[:i] + '\nhours:\n  advocates: {daily: "00:00-24:00"}\n  day_languages: {daily: "00:00-24:00"}' + s[j:]
s = s.replace("wrap_up_seconds: 30", "wrap_up_seconds: 1").replace("prompts: ../Prompts", "prompts: ../../Prompts")
open(f"{work}/plan.yaml", "w").write(s)
open(f"{work}/roster.yaml", "w").write("agents:\n" + "".join(f"  - {{id: soak-{i}, endpoint: PJSIP/soak-{i}, languages: [en, es, zh, vi]}}\n" for i in range(1, 41)))
PY
"$BIN/hotline" serve --listen 127.0.0.1:15573 --admin-listen 127.0.0.1:19088 --plan "$WORK/plan.yaml" --roster "$WORK/roster.yaml" \
  --database "$WORK/calllog.sqlite" --log-level warning > "$WORK/serve.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/19088) 2>/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' /proc/$PID/status; }
fds() { ls /proc/$PID/fd | wc -l; }
"$BIN/hotline" loadtest --target 127.0.0.1:15573 --calls 2000 --concurrency 100 --admin 127.0.0.1:19088 > /dev/null   # warm up
RSS0=$(rss); FD0=$(fds)
echo "start: RSS ${RSS0} KiB, ${FD0} open files"
end=$(( $(date +%s) + seconds )); round=0; failed=0
while [ "$(date +%s)" -lt "$end" ]; do
  round=$((round + 1))
  "$BIN/hotline" loadtest --target 127.0.0.1:15573 --calls 3000 --concurrency 150 --talk-ms 200 --keys "$(shuf -e 11 21 31 41 14 13 -n1)" > "$WORK/round.txt" || failed=$((failed + 1))
  "$BIN/hotline" loadtest --target 127.0.0.1:15573 --calls 300 --concurrency 150 --hang-up-at "$(shuf -i 1-16 -n1)" > /dev/null || failed=$((failed + 1))
  "$BIN/hotline" loadtest --target 127.0.0.1:15573 --calls 200 --concurrency 200 --hold 3 > /dev/null || failed=$((failed + 1))
  if [ $((round % 3)) -eq 0 ]; then kill -HUP $PID; fi
  echo "round $round: $(head -1 "$WORK/round.txt"); RSS $(rss) KiB, $(fds) open files"
done
sleep 3
RSS1=$(rss); FD1=$(fds)
echo "end: RSS ${RSS1} KiB (start ${RSS0}), ${FD1} open files (start ${FD0}), rounds with failed calls: ${failed}"
[ "$failed" -eq 0 ] && [ "$FD1" -le $((FD0 + 5)) ] && [ "$RSS1" -le $((RSS0 * 3 / 2 + 10240)) ] && echo "soak: flat" || { echo "soak: NOT flat"; exit 1; }
