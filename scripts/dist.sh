#!/usr/bin/env bash
# make dist: a tarball an operator installs on a PBX host without Swift.
#
#   scripts/dist.sh [release|debug]      (make dist; make test uses debug: one build, not two)
#
# The binary links Swift's runtime and Foundation statically (--static-swift-stdlib); what it
# still needs from the system is found with ldd and dpkg and written to DEPENDENCIES.
# Layout (unpack into the prefix, e.g. /opt/hotline, with --strip-components=1):
#   bin/hotline
#   share/hotline/{Dialplans,Prompts,deploy,docs}
#   share/doc/hotline/{README.md,DEPENDENCIES}
#   lib/systemd/system/hotline.service
set -euo pipefail
CONFIG=${1:-release}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
VERSION=$(sed -n 's/.*static let release = "\(.*\)".*/\1/p' Sources/HotlineCommands/HotlineVersion.swift)
[ -n "$VERSION" ] || { echo "dist: no version in Sources/HotlineCommands/HotlineVersion.swift" >&2; exit 2; }
NAME=hotline-$VERSION
OUT=$ROOT/dist
STAGE=$OUT/stage/$NAME

# Its own build folder: objects compiled for a static runtime autolink static Foundation, and
# mixed into .build they break the ordinary (dynamic) link of the tests.
SCRATCH=$ROOT/.build-dist
swift build -c "$CONFIG" --static-swift-stdlib --scratch-path "$SCRATCH" --product hotline
BIN=$(swift build -c "$CONFIG" --static-swift-stdlib --scratch-path "$SCRATCH" --show-bin-path)/hotline

# Nothing of the toolchain may remain a runtime dependency.
if ldd "$BIN" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|/opt/swift' >&2; then
  echo "dist: $BIN still needs the Swift toolchain's libraries (above)" >&2; exit 1
fi

rm -rf "$STAGE"
mkdir -p "$STAGE/bin" "$STAGE/share/hotline" "$STAGE/share/doc/hotline" "$STAGE/lib/systemd/system"
install -m 755 "$BIN" "$STAGE/bin/hotline"
strip --strip-debug "$STAGE/bin/hotline" 2>/dev/null || true
cp -r Dialplans Prompts docs "$STAGE/share/hotline/"
mkdir -p "$STAGE/share/hotline/deploy"
cp -r deploy/asterisk deploy/README.md "$STAGE/share/hotline/deploy/"
install -m 644 deploy/systemd/hotline.service "$STAGE/lib/systemd/system/hotline.service"
install -m 644 README.md "$STAGE/share/doc/hotline/README.md"

# The Debian packages that provide the libraries the binary names (ELF NEEDED; apt brings what
# those need), plus tzdata (the plans' time zones).
packages=$(readelf -d "$BIN" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p' | while read -r soname; do
  lib=$(ldd "$BIN" | awk -v n="$soname" '$1 == n && $3 ~ /^\// {print $3}')
  [ -n "$lib" ] || continue
  dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || echo "dist: no Debian package owns $lib" >&2
done | cut -d: -f1 | sort -u | tr '\n' ' ')
{
  echo "# Debian packages hotline $VERSION needs at run time (found with ldd and dpkg -S on $(. /etc/os-release; echo "$PRETTY_NAME")):"
  echo "apt-get install --no-install-recommends ${packages}tzdata"
  echo "# Asterisk itself, its core sounds (en, es) and the prompts: see share/hotline/deploy/README.md."
} > "$STAGE/share/doc/hotline/DEPENDENCIES"

mkdir -p "$OUT"
TARBALL=$OUT/$NAME-linux-$(uname -m).tar.gz
tar -C "$OUT/stage" --owner=0 --group=0 -czf "$TARBALL" "$NAME"
echo "$TARBALL"
