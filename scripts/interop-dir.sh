#!/usr/bin/env bash
# Prints the folder that holds the real PBXes' transcripts and the live harness: ../shared/interop
# beside this checkout, or beside the repository it was cloned from (a fresh clone in a temporary
# folder, as CI makes one), or HOTLINE_INTEROP_DIR when that is set.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${HOTLINE_INTEROP_DIR:-}" ]; then
  [ -d "$HOTLINE_INTEROP_DIR/asterisk" ] || { echo "error: HOTLINE_INTEROP_DIR=$HOTLINE_INTEROP_DIR has no asterisk/ folder of transcripts" >&2; exit 1; }
  (cd "$HOTLINE_INTEROP_DIR" && pwd); exit 0
fi
if [ -d ../shared/interop/asterisk ]; then (cd ../shared/interop && pwd); exit 0; fi
origin=$(git remote get-url origin 2>/dev/null || true)
origin=${origin#file://}
if [ -n "$origin" ] && [ -d "$origin/../shared/interop/asterisk" ]; then (cd "$origin/../shared/interop" && pwd); exit 0; fi
echo "error: the real PBXes' transcripts are not beside this checkout: looked in $(cd .. && pwd)/shared/interop${origin:+ and $origin/../shared/interop}." >&2
echo "       Put the shared folder beside the checkout, or set HOTLINE_INTEROP_DIR to its interop folder." >&2
exit 1
