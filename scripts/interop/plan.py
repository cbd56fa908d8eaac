#!/usr/bin/env python3
"""Write the interop copy of a plan: same YAML text, only the `hours:` block and `prompts:` changed.

  plan.py SRC_PLAN OUT_PLAN PROMPTS_DIR

`advocates` is open all day every day and `day_languages` is never open (no closure dates
either), so the run does not depend on the time of day: English/Spanish callers reach the main
menu, Mandarin/Vietnamese callers get language_after_hours -> language_hours_menu.
`prompts:` becomes the absolute PROMPTS_DIR (the copy lives in a scratch folder).
"""
import os
import re
import sys

import yaml  # python3-yaml (installed by `make deps`); used only to verify the result

HOURS = """hours:
  advocates:
    daily: "00:00-24:00"
  day_languages:
    daily: closed
"""


def main(src, out, prompts):
    with open(src) as f:
        text = f.read()
    lines = text.splitlines(keepends=True)
    # the top-level `hours:` block: from its line to the next top-level key (or end)
    start = next((i for i, ln in enumerate(lines) if re.match(r"^hours:\s*(#.*)?$", ln)), None)
    if start is None:
        sys.exit(f"plan.py: {src}: no top-level 'hours:' block")
    end = start + 1
    while end < len(lines) and not re.match(r"^[A-Za-z_]", lines[end]):
        end += 1
    # keep blank/comment lines that separate the block from the next key
    while end - 1 > start and lines[end - 1].strip() == "":
        end -= 1
    lines[start:end] = [HOURS]
    text = "".join(lines)
    text, n = re.subn(r"(?m)^prompts:.*$", "prompts: " + os.path.abspath(prompts), text)
    if n != 1:
        sys.exit(f"plan.py: {src}: expected one top-level 'prompts:' line, found {n}")
    doc = yaml.safe_load(text)
    assert doc["hours"] == {"advocates": {"daily": "00:00-24:00"}, "day_languages": {"daily": "closed"}}, doc["hours"]
    assert doc["prompts"] == os.path.abspath(prompts)
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
