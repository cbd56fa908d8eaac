#!/usr/bin/env bash
# Where a held caller's memory goes: `scripts/heap-held.sh [N]` runs the release controller under
# heaptrack (Debian's `heaptrack` package: apt-get install heaptrack), holds N callers in the
# queue (default 3,000) as `scripts/bench.sh held` does, and prints the peak heap per held caller
# split by the nearest allocating function. The figures in docs/performance.md ("part 3").
set -euo pipefail
cd "$(dirname "$0")/.."
command -v heaptrack >/dev/null || { echo "heap-held: heaptrack is not installed (apt-get install heaptrack)" >&2; exit 2; }
N=${1:-3000}
[ -f var/bench/plan.yaml ] || scripts/bench.sh held 1 >/dev/null
swift build -c release >/dev/null
ulimit -n "$(ulimit -Hn)"
W=var/bench OUT=var/bench/heap
rm -f "$W"/calllog-14595.sqlite* "$OUT".zst
export HOTLINE_ADMIN_TOKEN=bench-token-0123456789abcdef0123456789
heaptrack -o "$OUT" .build/release/hotline serve --listen 127.0.0.1:14595 --admin-listen 127.0.0.1:18099 --plan $W/plan.yaml \
  --roster $W/roster-one.yaml --database $W/calllog-14595.sqlite --log-level error --max-calls 100000 > "$W/heap-serve.log" 2>&1 &
for _ in $(seq 200); do (exec 3<>/dev/tcp/127.0.0.1/18099) 2>/dev/null && break; sleep 0.1; done
PID=$(pgrep -nf "release/hotline serve --listen 127.0.0.1:14595")
.build/release/hotline loadtest --target 127.0.0.1:14595 --calls "$N" --concurrency "$N" --hold 20 --talk-ms 30000 --admin 127.0.0.1:18099 --pid "$PID" 2>/dev/null | grep "held calls"
kill "$PID"; wait 2>/dev/null || true
heaptrack_print -f "$OUT".zst --print-allocators 0 --print-temporary 0 --print-leaks 0 --print-peaks 0 \
  --print-flamegraph "$OUT".stacks --flamegraph-cost-type peak >/dev/null 2>&1
python3 - "$OUT".stacks "$N" <<'PY'
import collections, re, subprocess, sys
held = int(sys.argv[2])
# Frames that only allocate on behalf of their caller: the cost goes to the nearest other frame.
plumbing = re.compile(r'swift_slowAlloc|swift_allocObject|ContiguousArray|_allocateUninitialized|swift_allocBox|malloc|^\$ss|CircularBuffer|^0x|'
                      r'allocateBufferUninitialized|realloc|calloc|operator new|ByteBufferV8_Storage|ByteBufferAllocator|^\$sSS|^\$sSa|^\$sSD|^\$sSh|swift_arrayInitWithCopy')
cost, total = collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(' ', 1)
    frames = [re.sub(r' \(.*\)$', '', f) for f in stack.split(';') if f]
    total += int(n)
    cost[next((f for f in reversed(frames) if not plumbing.search(f)), '?')] += int(n)
top = cost.most_common(30)
names = subprocess.run(['swift', 'demangle', '--simplified', '--compact'], input='\n'.join(k for k, _ in top), capture_output=True, text=True).stdout.split('\n')
print(f"peak heap {total / 1048576:.1f} MiB, {total / held:.0f} bytes per held caller (the controller's own base included)")
for (_, n), name in zip(top, names):
    print(f"{n / held:7.0f} B/held  {name[:150]}")
PY
