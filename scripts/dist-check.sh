#!/usr/bin/env bash
# The tarball make dist builds, installed into an empty prefix and run from there with the
# Swift toolchain out of reach (a private mount hides its folder when this runs as root; else
# only ldd and an empty library path stand between the binary and the toolchain, and it says so).
#
#   scripts/dist-check.sh dist/hotline-<version>-linux-<arch>.tar.gz
set -euo pipefail
TARBALL=${1:?usage: dist-check.sh TARBALL}
PREFIX=$(mktemp -d /tmp/hotline-prefix.XXXXXX)
trap 'rm -rf "$PREFIX"' EXIT
tar -xzf "$TARBALL" -C "$PREFIX" --strip-components=1
BIN=$PREFIX/bin/hotline
fail() { echo "dist-check: FAIL: $*" >&2; exit 1; }

echo "== ldd $BIN"
ldd "$BIN" | sed 's/ (0x.*//'
! ldd "$BIN" | grep -q -E 'libswift|libFoundation|libdispatch|libBlocksRuntime|/opt/swift|not found' || fail "the binary needs a library from the toolchain or one that is missing"
for f in share/hotline/Dialplans/hotline.yaml share/hotline/Prompts/en/welcome.wav share/hotline/deploy/asterisk/pjsip.conf \
         share/hotline/deploy/README.md lib/systemd/system/hotline.service share/doc/hotline/DEPENDENCIES; do
  [ -e "$PREFIX/$f" ] || fail "$f is not in the tarball"
done

TOOLCHAIN=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)")")")")
PORT=$(( (RANDOM % 20000) + 30000 ))
TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$TOKEN" > "$PREFIX/admin-token"
# What runs inside: check, serve, the probes, a graceful stop. No PATH into the toolchain, no
# library path.
cat > "$PREFIX/run.sh" <<INNER
set -eu
cd /
[ ! -e "$TOOLCHAIN/usr/lib/swift/linux/libswiftCore.so" ] && echo "toolchain hidden: $TOOLCHAIN is empty here" || echo "toolchain still visible at $TOOLCHAIN (not root: no private mount)"
"$BIN" --version
"$BIN" check --warnings-as-errors "$PREFIX/share/hotline/Dialplans/hotline.yaml"
"$BIN" serve --listen 127.0.0.1:$PORT --admin-listen 127.0.0.1:$((PORT + 1)) --admin-token-file "$PREFIX/admin-token" \
  --plan "$PREFIX/share/hotline/Dialplans/hotline.yaml" --roster "$PREFIX/share/hotline/Dialplans/roster.yaml" \
  --database "$PREFIX/var/calllog.sqlite" --accounts "$PREFIX/var/accounts.yaml" --audit-log "$PREFIX/var/audit.log" --switches "$PREFIX/var/switches.json" > "$PREFIX/serve.log" 2>&1 &
pid=\$!
ok=
for i in \$(seq 1 100); do
  if { exec 3<>/dev/tcp/127.0.0.1/$((PORT + 1)); } 2>/dev/null; then
    printf 'GET /ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
    reply=\$(cat <&3); exec 3<&-
    case "\$reply" in *'"ready":true'*) echo "ready: \${reply##*$'\r\n'}"; ok=1; break;; esac
  fi
  sleep 0.1
done
[ -n "\$ok" ] && grep -q "FastAGI server listening" "$PREFIX/serve.log" || { echo "serve never became ready"; cat "$PREFIX/serve.log"; exit 1; }
# The console's sign-in page, and its first account (bcrypt runs in the static binary too).
exec 3<>/dev/tcp/127.0.0.1/$((PORT + 1))
printf 'GET /console/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&3
page=\$(cat <&3); exec 3<&-
case "\$page" in 'HTTP/1.1 200'*'name="password"'*) echo "console: sign-in page served";; *) echo "no console sign-in page: \${page:0:200}"; exit 1;; esac
grep -q "first sign-in as 'admin'" "$PREFIX/serve.log" && grep -qF 'password: "\$2b\$12\$' "$PREFIX/var/accounts.yaml" || { echo "no first console account"; cat "$PREFIX/serve.log"; exit 1; }
kill -TERM \$pid; wait \$pid
echo "serve stopped: exit \$?"
INNER
mkdir -p "$PREFIX/var"
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  env -i PATH=/usr/bin:/bin unshare -m bash -c "mount -t tmpfs none '$TOOLCHAIN' && bash '$PREFIX/run.sh'" || { cat "$PREFIX/serve.log" >&2; fail "check or serve failed from the prefix"; }
else
  env -i PATH=/usr/bin:/bin LD_LIBRARY_PATH= bash "$PREFIX/run.sh" || { cat "$PREFIX/serve.log" >&2; fail "check or serve failed from the prefix"; }
fi
grep -q "call log" "$PREFIX/serve.log" || fail "serve did not open its call log"
echo "dist-check: PASS ($TARBALL)"
