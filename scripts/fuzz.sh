#!/usr/bin/env bash
# libFuzzer over the FastAGI parsers and session and over the dialplan loader, seeded from the
# Asterisk transcripts and the shipped plans. `scripts/fuzz.sh SECONDS` (make test: a short run;
# make fuzz: a long one). A crash leaves its input in var/fuzz/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
out=var/fuzz
mkdir -p "$out/corpus-agi" "$out/corpus-dialplan"
# Seeds: every recorded PBX side, unescaped to bytes; the shipped plans and test fixtures.
python3 - "$out" <<'PY'
import glob, os, re, sys
out = sys.argv[1]
def unescape(text):
    b = bytearray(); i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "n": b += b"\n"; i += 2; continue
            if n == "r": b += b"\r"; i += 2; continue
            if n == "t": b += b"\t"; i += 2; continue
            if n == "x": b.append(int(text[i + 2:i + 4], 16)); i += 4; continue
            b += n.encode(); i += 2; continue
        b += c.encode(); i += 1
    return bytes(b)
for path in glob.glob("../shared/interop/asterisk/*.txt"):
    data = b"".join(unescape(m.group(1)) for m in re.finditer(r"^PBX> \[[ 0-9.]+\] (.*)$", open(path, encoding="utf-8").read(), re.M))
    open(os.path.join(out, "corpus-agi", os.path.basename(path)), "wb").write(data)
for path in glob.glob("Dialplans/*.yaml") + glob.glob("Tests/DialplanTests/Fixtures/*.yaml") + glob.glob("docs/examples/*.yaml"):
    open(os.path.join(out, "corpus-dialplan", os.path.basename(path)), "wb").write(open(path, "rb").read())
PY
cd Fuzz
swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --scratch-path ../.build-fuzz > /dev/null
cd ..
for target in agi dialplan; do
  echo "== fuzz-$target for ${seconds} s"
  .build-fuzz/debug/fuzz-$target "$out/corpus-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$out/crash-$target-" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true
  if ls "$out"/crash-$target-* >/dev/null 2>&1; then echo "fuzz-$target: crash inputs in $out"; exit 1; fi
done
echo "fuzzing: no crash, no hang"
