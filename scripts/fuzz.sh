#!/usr/bin/env bash
# libFuzzer over the FastAGI parsers and session, the Event Socket framing and event allow-list,
# and the dialplan loader, seeded from the Asterisk and FreeSWITCH transcripts and the shipped plans. `scripts/fuzz.sh SECONDS` (make test: a short run;
# make fuzz: a long one). A crash leaves its input in var/fuzz/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
out=var/fuzz
mkdir -p "$out/corpus-agi" "$out/corpus-dialplan" "$out/corpus-esl"
# Seeds: every recorded PBX side, unescaped to bytes; the shipped plans and test fixtures.
interop=$(scripts/interop-dir.sh)
python3 - "$out" "$interop" <<'PY'
import glob, os, re, sys
out, interop = sys.argv[1], sys.argv[2]
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
for path in glob.glob(os.path.join(interop, "asterisk/*.txt")):
    data = b"".join(unescape(m.group(1)) for m in re.finditer(r"^PBX> \[[ 0-9.]+\] (.*)$", open(path, encoding="utf-8").read(), re.M))
    open(os.path.join(out, "corpus-agi", os.path.basename(path)), "wb").write(data)
for path in glob.glob(os.path.join(interop, "freeswitch/*.txt")):
    data = b"".join(unescape(m.group(1)) for m in re.finditer(r"^FS> +\[[ 0-9.]+\] (.*)$", open(path, encoding="utf-8").read(), re.M))
    open(os.path.join(out, "corpus-esl", os.path.basename(path)), "wb").write(b"\x07" + data)
# Hostile inputs found by hand (issue 11), so every run starts from them.
hostile_agi = {
    "latin1-caller-name": b"agi_network: yes\nagi_request: agi://x/hotline\nagi_calleridname: Jos\xe9\nagi_x: a\x00b\nagi_dnid: 5551234567\nagi_extension: 8883737888\n\n200 result=0\n",
    "invalid-kept-field": b"agi_network: yes\nagi_language: \xc3\x28\n\n",
    "record-ended-by-emergency-key": b"agi_network: yes\n\n200 result=0\n200 result=51\n200 result=0\n200 result=48 (dtmf) endpos=0\n",
    "repeat-forever": b"agi_network: yes\n\n" + b"200 result=0\n200 result=57\n" * 3000,
}
for name, data in hostile_agi.items():
    open(os.path.join(out, "corpus-agi", "hostile-" + name), "wb").write(data)
hostile_plan = {
    "deep-brackets.yaml": b"[" * 200000,
    "deep-blocks.yaml": b"\n".join(b"  " * i + b"a%d:" % i for i in range(200)),
    "huge-timeout.yaml": b"languages: [en]\ntime_zone: UTC\nentries: [{default: true, start: m}]\nstates:\n  m: {menu: hi, keys: {'1': b}, timeout: 9.3e15, exhausted: b}\n  b: {hangup: }\n",
    "transfer-newline.yaml": b"languages: [en]\ntime_zone: GMT+2\nentries: [{default: true, start: t}]\nstates:\n  t: {transfer: \"PJSIP/1@x\\nEXEC System\", on_fail: b}\n  b: {hangup: }\n",
}
for name, data in hostile_plan.items():
    open(os.path.join(out, "corpus-dialplan", "hostile-" + name), "wb").write(data)
for path in glob.glob("Dialplans/*.yaml") + glob.glob("Tests/DialplanTests/Fixtures/*.yaml") + glob.glob("docs/examples/*.yaml"):
    open(os.path.join(out, "corpus-dialplan", os.path.basename(path)), "wb").write(open(path, "rb").read())
PY
cd Fuzz
swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --scratch-path ../.build-fuzz > /dev/null
cd ..
for target in agi dialplan esl; do
  echo "== fuzz-$target for ${seconds} s"
  .build-fuzz/debug/fuzz-$target "$out/corpus-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$out/crash-$target-" -print_final_stats=1 2>&1 | grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true
  if ls "$out"/crash-$target-* >/dev/null 2>&1; then echo "fuzz-$target: crash inputs in $out"; exit 1; fi
done
echo "fuzzing: no crash, no hang"
