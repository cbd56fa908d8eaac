#!/usr/bin/env bash
# Synthesizes placeholder audio for every prompt in Prompts/<lang>/catalogue.yaml that has no
# WAV yet, as 8 kHz 16-bit mono (what Asterisk plays without transcoding). A voice actor's
# recording replaces a file one by one; existing files are never overwritten.
set -euo pipefail
root="${1:-Prompts}"
for catalogue in "$root"/*/catalogue.yaml; do
  lang=$(basename "$(dirname "$catalogue")")
  python3 - "$catalogue" <<'PY' | while IFS=$'\t' read -r name text; do
import sys, yaml
for name, text in yaml.safe_load(open(sys.argv[1], encoding="utf-8")).items():
    print(f"{name}\t{text}")
PY
    out="$root/$lang/$name.wav"
    [ -f "$out" ] && continue
    tmp=$(mktemp --suffix=.wav)
    espeak-ng -v "$lang" -s 150 -w "$tmp" "$text"
    sox "$tmp" -r 8000 -c 1 -b 16 -e signed-integer "$out" norm -1
    rm -f "$tmp"
    echo "synthesized $out"
  done
done
