#!/usr/bin/env bash
# make interop: the controller against a real Asterisk, through live_calls.py (loopback only).
#
#   AST_ROOT=/path/to/asterisk/root make interop
#
# AST_ROOT is an Asterisk that is already built (it needs $AST_ROOT/sbin/asterisk); nothing of
# Asterisk is built or kept here. Scenarios (each with its own hotline serve, roster and call log):
#   A  50 queued calls (normal and emergency), 20 advocates free: offer delay, DIALSTATUS, endings
#   B  one slow advocate (rings 3 s, listens to the whisper, talks 2.5 s), 3 calls in a row: talk
#      and wait times in the log
#   B2 an advocate who answers and hangs up during the whisper: not a conversation, the caller
#      keeps their place and is offered again
#   C  a busy advocate first, then one who answers
#   D  keys 0 and 2 during the queue's position announcement (message recorded)
#   E  hang-ups during the welcome, the confidentiality notice and the language menu
#   F  the whisper: language-en (in A's Asterisk log) and a Mandarin caller with an interpreter
#   G  key 0 in the recording instructions (which cannot be skipped) and while recording
#   H  serve --max-calls 1 and two calls at once: the second is refused and Asterisk falls back
#   S  the staff line (agi://…/staff): an advocate logs in, pauses for a meal, resumes and logs
#      out from a desk phone by staff number and PIN; three wrong PINs end a call
# Knobs: INTEROP_ONLY="B C" (a subset), INTEROP_RUN_DIR (default: a new folder under /tmp),
# INTEROP_HARNESS (default the live/ folder beside the transcripts: scripts/interop-dir.sh), HOTLINE_BIN (use this binary, skip the build).
set -uo pipefail

T0=$(date +%s)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE="$ROOT/scripts/interop"
HARNESS=${INTEROP_HARNESS:-$("$ROOT/scripts/interop-dir.sh")/live}
ONLY=${INTEROP_ONLY:-A B B2 C D E F G H S}

die() { echo "interop: $*" >&2; exit 2; }

[ -n "${AST_ROOT:-}" ] || die "AST_ROOT is not set: AST_ROOT=/path/to/asterisk/root make interop (an already built Asterisk)"
[ -x "$AST_ROOT/sbin/asterisk" ] || die "$AST_ROOT/sbin/asterisk is missing or not executable: point AST_ROOT at an already built Asterisk install root"
[ -f "$HARNESS/live_calls.py" ] || die "the live_calls harness is not at $HARNESS (set INTEROP_HARNESS)"
for tool in python3 curl; do command -v $tool >/dev/null || die "$tool is needed"; done
export AST_ROOT

RUN=${INTEROP_RUN_DIR:-$(mktemp -d /tmp/hotline-interop.XXXXXX)}
mkdir -p "$RUN" || die "cannot create $RUN"
RUN=$(cd "$RUN" && pwd)
echo "interop: run folder $RUN"

# --- the controller: built once, copied, so later rebuilds in the tree do not touch the runs
if [ -n "${HOTLINE_BIN:-}" ]; then
    echo "interop: using HOTLINE_BIN=$HOTLINE_BIN (no build)"
    cp "$HOTLINE_BIN" "$RUN/hotline" || die "cannot copy $HOTLINE_BIN"
else
    (cd "$ROOT" && ${SWIFT:-swift} build 2>&1 | tail -3) || die "swift build failed"
    cp "$ROOT/.build/debug/hotline" "$RUN/hotline" || die "no .build/debug/hotline after the build"
fi
HOTLINE="$RUN/hotline"

# --- the rig: a writable copy of the harness with the whisper routine and extra phones appended
LIVE=$(python3 "$HERE/rig.py" "$HARNESS" "$ROOT" "$RUN") || die "rig.py failed"

# --- the plan: the default plan with hours that do not depend on the time of day
python3 "$HERE/plan.py" "$ROOT/Dialplans/hotline.yaml" "$RUN/plan.yaml" "$ROOT/Prompts" || die "plan.py failed"
"$HOTLINE" check "$RUN/plan.yaml" || die "hotline check $RUN/plan.yaml failed"

# The harness's sounds root has none of Asterisk's core sounds, which the controller relies on:
# SAY NUMBER plays digits/N and RECORD FILE's beep plays beep (without it: "randomerror").
# Short tones stand in for them.
CORE_TONES="beep=0.3,$(for d in $(seq 0 20) 30 40 50 60 70 80 90 hundred; do printf 'digits/%s=0.5,' $d; done)"
CORE_TONES=${CORE_TONES%,}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
SERVE_PID=""
cleanup() { if [ -n "$SERVE_PID" ]; then kill -TERM "$SERVE_PID" 2>/dev/null; wait "$SERVE_PID" 2>/dev/null; fi; }
trap cleanup EXIT
trap 'echo "interop: interrupted" >&2; exit 130' INT TERM

admin() {   # admin METHOD PATH
    curl -sS -m 5 -X "$1" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$ADMIN_PORT$2"
}

# scenario NAME CALLS CONCURRENCY MAX_CALL_S ROSTER LOGIN PAUSE SCRIPT...
#   ROSTER: "id=endpoint=lang,lang id=endpoint=lang ..."; LOGIN, PAUSE: ids in order
scenario() {
    local name=$1 calls=$2 conc=$3 maxcall=$4 roster=$5 login=$6 pause=$7
    shift 7
    local dir="$RUN/$name"
    rm -rf "$dir"
    mkdir -p "$dir/serve"
    {
        echo "agents:"
        for spec in $roster; do
            IFS='=' read -r id ep langs <<<"$spec"
            echo "  - {id: $id, endpoint: $ep, languages: [${langs//,/, }]}"
        done
    } >"$dir/roster.yaml"
    local port; port=$(free_port); ADMIN_PORT=$(free_port)
    (cd "$dir/serve" && HOTLINE_ADMIN_TOKEN=$TOKEN exec "$HOTLINE" serve --listen "127.0.0.1:$port" \
        --plan "$RUN/plan.yaml" --roster "$dir/roster.yaml" --admin-listen "127.0.0.1:$ADMIN_PORT" \
        --database "$dir/serve/calls.sqlite" --recordings hotline-messages $SERVE_EXTRA) >"$dir/serve/serve.out" 2>"$dir/serve/serve.log" &
    SERVE_PID=$!
    local i
    for i in $(seq 50); do
        admin GET /health >/dev/null 2>&1 && break
        sleep 0.2
    done
    if ! admin GET /health >/dev/null 2>&1; then
        echo "FAIL $name.serve: hotline serve did not come up (see $dir/serve/serve.log)" | tee "$dir/check.txt"
        kill -TERM "$SERVE_PID" 2>/dev/null; wait "$SERVE_PID" 2>/dev/null; SERVE_PID=""
        return 1
    fi
    for id in $login; do admin POST "/agents/$id/login" >/dev/null; [ "$name" = C ] && sleep 1; done
    for id in $pause; do admin POST "/agents/$id/pause" >/dev/null; done
    admin GET /queues >"$dir/queues-before.json"
    local args=() s
    for s in "$@"; do args+=(--script "$s"); done
    echo "interop: [$name] $calls call(s), concurrency $conc; controller 127.0.0.1:$port (pid $SERVE_PID)"
    python3 "$LIVE/live_calls.py" --controller "127.0.0.1:$port" \
        --sounds "$ROOT/Prompts=hotline" --sounds "$RUN/rig-sounds=rig" --sounds-mkdir hotline-messages \
        --tone-prompt "$CORE_TONES" \
        --calls "$calls" --concurrency "$conc" --max-call-s "$maxcall" "${args[@]}" \
        --work-dir "$dir" --json "$dir/harness.json" --canary-scan "$dir/serve" $HARNESS_EXTRA \
        >"$dir/harness.out" 2>"$dir/harness.err"
    echo $? >"$dir/harness.rc"
    grep -E '^(LIVE|CANARY)' "$dir/harness.out" | sed "s/^/interop: [$name] /"
    admin GET /queues >"$dir/queues-after.json" 2>/dev/null
    kill -TERM "$SERVE_PID" 2>/dev/null
    wait "$SERVE_PID" 2>/dev/null
    SERVE_PID=""
    python3 "$HERE/check.py" "$name" "$RUN" | tee "$dir/check.txt"
    return "${PIPESTATUS[0]}"
}

agents() {  # agents PREFIX N ENDPOINT LANGS -> roster specs
    local i; for i in $(seq -f %02g "$2"); do printf '%s%s=%s=%s ' "$1" "$i" "$3" "$4"; done
}
ids() { local i; for i in $(seq -f %02g "$2"); do printf '%s%s ' "$1" "$i"; done; }

# Caller scripts, from the prompt lengths (ANSWER ~0.5 s; en: welcome 7.8 s, then the language
# menu press_1..4 ~2-3 s each + 5 s, confidentiality 21.2 s that only 0 interrupts, main_menu
# 15.7 s that takes keys while it plays). The script starts when the controller answers.
NORMAL='w10|d1|w24|d1'              # language 1 at ~10 s, main menu 1 at ~34.5 s
EMERGENCY='w10|d1|w24|d0'           # 0 at the main menu -> emergency, failed transfer, priority 9
SLOW='w10|d1|w30|d1'                # main menu 1 at ~40.5 s: the advocate's 30 s wrap-up is over

FAILED=0
SERVE_EXTRA=""
HARNESS_EXTRA=""
for sc in $ONLY; do
    case $sc in
    A) scenario A 50 5 150 "$(agents a 20 Local/hear@agents/n en,es)" "$(ids a 20)" "" \
           "$NORMAL" "$NORMAL" "$EMERGENCY" || FAILED=1 ;;
    B) scenario B 3 1 120 "slow2=Local/slow2@agents=en,es" "slow2" "" "$SLOW" || FAILED=1 ;;
    B2) scenario B2 1 1 120 "slow=Local/slow@agents=en,es" "slow" "" 'w10|d1|w30|d1|w28|h' || FAILED=1 ;;
    C) scenario C 1 1 90 "desk=Local/busy@agents=en,es ana=Local/hear@agents/n=en,es" "desk ana" "" \
           "$NORMAL" || FAILED=1 ;;
    # the one advocate is paused: callers wait, and hear their position at once. 0 ~1 s into
    # it (the key is heard when its 250 ms tone ends); 2 then 1 at message_consent, speak after record_instructions (6.4 s), then #.
    D) scenario D 2 1 150 "ana=Local/answer@agents/n=en,es" "ana" "ana" \
           'w10|d1|w24|d1|w0.6|d0|w50|h' 'w10|d1|w24|d1|w0.6|d2|w3|d1|w8|pharness/caller-speech|d#|w10|h' || FAILED=1 ;;
    # hang up in the welcome (0.5-8.3 s), the confidentiality notice (10.4-31.6 s), the language menu
    E) scenario E 3 1 60 "ana=Local/answer@agents/n=en,es" "ana" "" 'w3|h' 'w10|d1|w5|h' 'w11|h' || FAILED=1 ;;
    # Mandarin (3) -> zh confidentiality 44 s -> language_closed 21.8 s -> language_hours_menu 14.2 s: 3
    F) scenario F 1 1 150 "ben=Local/listen@agents/n=en" "ben" "" 'w10|d3|w70|d3' || FAILED=1 ;;
    # as D's second caller, then 0 2 s into record_instructions; and 0 while speaking the message
    G) scenario G 2 1 150 "ana=Local/answer@agents/n=en,es" "ana" "ana" \
           'w10|d1|w24|d1|w0.6|d2|w3|d1|w2|d0|w30|h' 'w10|d1|w24|d1|w0.6|d2|w3|d1|w8|pharness/caller-speech|d0|w30|h' || FAILED=1 ;;
    # two callers at once against a controller that takes one call: both hang up in the welcome
    H) SERVE_EXTRA="--max-calls 1"
       scenario H 2 2 60 "ana=Local/answer@agents/n=en,es" "ana" "" 'w6|h' 'w6|h' || FAILED=1
       SERVE_EXTRA="" ;;
    # the staff line, one call after another: number 4107 and PIN 246810 keyed while the
    # questions play (GET DATA takes digits during its prompt), the menu key 4 s after the PIN
    # (the check, then the state, 1.2-1.9 s, which no key stops), the reason 2 s into its list
    S) STAFF="$RUN/S-accounts"; rm -rf "$STAFF"; mkdir -p "$STAFF"
       printf 'advocate password 333\n' | "$HOTLINE" accounts add maria --role advocate --advocate ana --accounts "$STAFF/accounts.yaml" --password-stdin >/dev/null &&
       printf '246810\n' | "$HOTLINE" accounts phone maria --number 4107 --accounts "$STAFF/accounts.yaml" --pin-stdin >/dev/null || FAILED=1
       SIGN_IN='w1|d4107#|w1|d246810#'
       SERVE_EXTRA="--accounts $STAFF/accounts.yaml --audit-log $STAFF/audit.log"; HARNESS_EXTRA="--agi-script staff"
       scenario S 5 1 60 "ana=Local/answer@agents/n=en,es" "" "" \
           "$SIGN_IN|w4|d1|w10|h" "$SIGN_IN|w4|d2|w2|d2|w10|h" "$SIGN_IN|w4|d3|w10|h" "$SIGN_IN|w4|d9|w10|h" \
           'w1|d4107#|w1|d111111#|w5|d4107#|w1|d222222#|w5|d4107#|w1|d333333#|w12|h' || FAILED=1
       SERVE_EXTRA=""; HARNESS_EXTRA="" ;;
    *) echo "interop: unknown scenario $sc" >&2; FAILED=1 ;;
    esac
done

echo
echo "=== interop summary (run folder $RUN)"
CHECKS=$(for sc in $ONLY; do cat "$RUN/$sc/check.txt" 2>/dev/null || echo "FAIL $sc.ran: no results"; done)
grep -E '^FAIL' <<<"$CHECKS"
grep -E '^(PASS|FAIL)' <<<"$CHECKS" | sed -E 's/^(PASS|FAIL) ([^:]*):.*/\1 \2/' | paste - - - -
P=$(grep -c '^PASS' <<<"$CHECKS"); F=$(grep -c '^FAIL' <<<"$CHECKS")
echo "interop: $P passed, $F failed; scenarios: $ONLY; wall $(( $(date +%s) - T0 ))s"
[ "$FAILED" = 0 ] && [ "$F" = 0 ] && echo "interop: PASS" && exit 0
echo "interop: FAIL"
exit 1
