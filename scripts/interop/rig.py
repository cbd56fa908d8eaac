#!/usr/bin/env python3
"""Prepare the interop rig in RUN_DIR (standard library only).

  rig.py HARNESS_DIR PROJECT_DIR RUN_DIR

- copies the live_calls harness (read-only upstream) to RUN_DIR/live and makes it writable;
- appends to the copy's asterisk/extensions.conf (1) the [hotline-whisper] and [hotline-transfer]
  blocks taken verbatim from PROJECT_DIR/deploy/asterisk/extensions.conf (the controller names
  both in its Dial commands) and (2) scripts/interop/rig.conf (the `slow` advocate phone);
- writes RUN_DIR/rig-sounds/slow-talk.wav (2.5 s tone, 8 kHz 16-bit mono), given to the harness
  as --sounds RUN_DIR/rig-sounds=rig.
"""
import math
import os
import shutil
import stat
import struct
import sys
import wave

HERE = os.path.dirname(os.path.abspath(__file__))


def section_block(path, name):
    """A section: its header through its last dialplan line (the comment lines that introduce
    the next section are not part of it)."""
    with open(path) as f:
        lines = f.read().splitlines()
    try:
        start = next(i for i, ln in enumerate(lines) if ln.strip() == f"[{name}]")
    except StopIteration:
        sys.exit(f"rig.py: no [{name}] section in {path}")
    end = start + 1
    while end < len(lines) and not lines[end].lstrip().startswith("["):
        end += 1
    block = lines[start:end]
    while block and (not block[-1].strip() or block[-1].lstrip().startswith(";")):
        block.pop()
    if not any(ln.startswith("exten => s,1,") for ln in block):
        sys.exit(f"rig.py: [{name}] in {path} has no s,1 step")
    return "\n".join(block) + "\n"


def tone(path, secs, freq=523.0, rate=8000):
    frames = b"".join(struct.pack("<h", int(6000 * math.sin(2 * math.pi * freq * i / rate)))
                      for i in range(int(secs * rate)))
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(frames)


def main(harness, project, run):
    live = os.path.join(run, "live")
    if os.path.exists(live):
        shutil.rmtree(live)
    shutil.copytree(harness, live)
    for dirpath, dirs, files in os.walk(live):
        for n in dirs + files:
            p = os.path.join(dirpath, n)
            os.chmod(p, os.stat(p).st_mode | stat.S_IWUSR)
    os.chmod(live, os.stat(live).st_mode | stat.S_IWUSR)
    ext = os.path.join(live, "asterisk", "extensions.conf")
    src = os.path.join(project, "deploy", "asterisk", "extensions.conf")
    with open(os.path.join(HERE, "rig.conf")) as f:
        rig = f.read()
    with open(ext, "a") as f:
        for name in ("hotline-whisper", "hotline-transfer"):
            f.write(f"\n; ---- appended by scripts/interop: [{name}] exactly as in "
                    "deploy/asterisk/extensions.conf\n")
            f.write(section_block(src, name))
        f.write("\n" + rig)
    snd = os.path.join(run, "rig-sounds")
    os.makedirs(snd, exist_ok=True)
    tone(os.path.join(snd, "slow-talk.wav"), 2.5)
    print(live)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
