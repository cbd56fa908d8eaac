#!/usr/bin/env python3
"""Checks of one interop scenario against what really happened (standard library only).

  check.py SCENARIO RUN_DIR

RUN_DIR/<SCENARIO>/ holds what scripts/interop.sh left there:
  harness.json   live_calls.py --json (per-call AGI dialogue with Asterisk's timestamps; run_dir)
  harness.out    live_calls.py stdout (call lines, CANARY and LIVE lines)
  harness.rc     its exit status
  serve/         the controller's folder: serve.log (stderr) and calls.sqlite (the call log)

Prints one `PASS|FAIL|INFO <scenario>.<check>: figures` line per check and exits 1 if any FAIL.
Scenario F also reads RUN_DIR/A (the whisper of the English calls).
"""
import json
import os
import re
import sqlite3
import statistics
import sys

RESULTS = []
CANARY_NEEDLES = ("5550199723", "CANARY NAMEQX")   # live_calls.py's default caller ID


def report(status, name, text):
    RESULTS.append(status)
    print(f"{status} {name}: {text}", flush=True)


def check(name, ok, text):
    report("PASS" if ok else "FAIL", name, text)
    return ok


def info(name, text):
    report("INFO", name, text)


# ---------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------
class Scenario:
    def __init__(self, run, name):
        self.name = name
        self.dir = os.path.join(run, name)
        with open(os.path.join(self.dir, "harness.json")) as f:
            self.h = json.load(f)
        self.calls = self.h["calls"]
        self.run_dir = self.h["run_dir"]
        with open(os.path.join(self.dir, "harness.out"), errors="replace") as f:
            self.out = f.read()
        try:
            with open(os.path.join(self.dir, "harness.rc")) as f:
                self.rc = int(f.read().strip() or "-1")
        except OSError:
            self.rc = None
        with open(os.path.join(self.dir, "serve", "serve.log"), errors="replace") as f:
            self.serve_log = f.read()
        db = sqlite3.connect(os.path.join(self.dir, "serve", "calls.sqlite"))
        db.row_factory = sqlite3.Row
        # rowid order = the order the controller wrote the outcomes (the order the calls ended)
        self.rows = [dict(r) for r in db.execute("SELECT rowid AS rowid_, * FROM call ORDER BY rowid")]
        db.close()

    def messages_log(self):
        with open(os.path.join(self.run_dir, "log", "messages.log"), errors="replace") as f:
            return f.read()


def reply_result(c):
    m = re.match(r"^200 result=(-?\d+)", c.get("reply") or "")
    return int(m.group(1)) if m else None


def reply_value(c):
    m = re.search(r"\((.*)\)", c.get("reply") or "")
    return m.group(1) if m else None


def cmds(call):
    """Controller commands (not Asterisk's HANGUP notices)."""
    return [c for c in call["commands"] if c["cmd"] is not None]


def first(call, pred, after=None):
    for c in cmds(call):
        if (after is None or c["t"] >= after["t"] and c is not after) and pred(c["cmd"]):
            return c
    return None


def is_whisper_dial(cmd):
    return cmd.startswith("EXEC Dial") and "hotline-whisper" in cmd


def offers(call):
    """Each Dial to an advocate: (dial command, DIALSTATUS, answer-time reply or None)."""
    out, cs = [], cmds(call)
    for i, c in enumerate(cs):
        if is_whisper_dial(c["cmd"]):
            st = next((reply_value(d) for d in cs[i + 1:i + 3] if d["cmd"].startswith("GET VARIABLE DIALSTATUS")), None)
            at = next((d for d in cs[i + 1:i + 4] if d["cmd"].startswith("GET FULL VARIABLE ${GLOBAL(HOTLINE_ANSWERED_")), None)
            out.append((c, st, at))
    return out


def next_dialstatus(call, dial):
    cs = cmds(call)
    if dial is None:
        return "-"
    return next((reply_value(x) for x in cs[cs.index(dial) + 1:] if x["cmd"].startswith("GET VARIABLE DIALSTATUS")), "-")


def endpoint(dial_cmd):
    return dial_cmd.split('"')[1].split(",")[0]


def whisper_notes(answer_reply):
    """(answered, bridged) epoch seconds from the GET FULL VARIABLE reply (answered,bridged,now)."""
    v = reply_value(answer_reply) if answer_reply else None
    parts = (v or "").split(",")
    out = []
    for p in parts[:2]:
        try:
            out.append(float(p))
        except ValueError:
            out.append(None)
    return tuple(out + [None] * (2 - len(out)))


def bridge_stamp(answer_reply):
    """The whisper's bridge moment (epoch s), or None."""
    return whisper_notes(answer_reply)[1]


HOLD = ("SET MUSIC ON", "SET MUSIC OFF", "WAIT FOR DIGIT 10000", "NOOP")


def join_time(call, dial):
    """When the caller joined the queue: the reply that sent them there (a key, a failed
    transfer's DIALSTATUS), i.e. the last non-hold command before the Dial."""
    cs = cmds(call)
    i = cs.index(dial) - 1
    while i >= 0 and cs[i]["cmd"].startswith(HOLD):
        i -= 1
    if i < 0:
        return None
    return cs[i].get("t_reply") or cs[i]["t"]


def stats(xs, fmt="{:.3f}"):
    if not xs:
        return "n=0"
    return ("n={} min=" + fmt + " median=" + fmt + " max=" + fmt).format(len(xs), min(xs), statistics.median(xs), max(xs))


def seq(call):
    return " ".join(short(c) for c in call["commands"])


def short(c):
    if c["cmd"] is None:
        return "<HANGUP>"
    w = c["cmd"].split()
    head = " ".join(w[:3]) if w[0] in ("STREAM", "GET", "SET", "WAIT", "SAY", "RECORD") else " ".join(w[:2])
    r = reply_result(c)
    return f"{head}[{r}]" if r not in (None, 0) else head


# ---------------------------------------------------------------------------
# checks shared by every scenario
# ---------------------------------------------------------------------------
def common(s, expect_calls, fail_on_harness=True):
    n = s.name
    done = [c for c in s.calls if c["state"] == "done"]
    stuck = [c["id"] for c in s.calls if c["state"] != "done" or c["agistatus"] is None]
    m = re.search(r"^LIVE .*$", s.out, re.M)
    check(f"{n}.calls", len(s.calls) == expect_calls and len(done) == expect_calls and not stuck
          and all(c["connected"] and c["answered"] for c in s.calls),
          f"{len(done)}/{expect_calls} calls done, stalled/stuck={len(stuck)} {stuck[:5]}; "
          f"harness exit {s.rc}; {m.group(0) if m else 'no LIVE line'}")
    if fail_on_harness:
        check(f"{n}.harness-exit", s.rc == 0, f"live_calls.py exit status {s.rc} (0 = no noconnect/failure/stuck)")
    missing = sorted({p for c in s.calls for p in c["missing_prompts"]})
    # live_calls also lists a prompt cut short by the caller's hang-up as unplayable; only
    # Asterisk's own format warnings mean a file that cannot be played
    fmt = [w for c in s.calls for w in c["warnings"]
           if re.search(r"file\.c|format_|mono|frequency|does not exist|Unable to open", w)]
    cut = sum(len(c["bad_prompts"]) for c in s.calls)
    unplayable = [ln for ln in s.serve_log.splitlines() if "could not be played" in ln]
    check(f"{n}.prompts", not missing and not fmt and not unplayable,
          f"Asterisk missing={missing or 0}, format warnings={len(fmt)}{' e.g. ' + fmt[0] if fmt else ''} "
          f"(prompts cut short by a hang-up: {cut}); serve log 'could not be played' lines={len(unplayable)}"
          + (f" e.g. {unplayable[0].strip()}" if unplayable else ""))
    # canary: live_calls.py's scan (taken right after the calls) and ours (after serve stopped)
    mc = re.search(r"^CANARY .*hits=(\d+)", s.out, re.M)
    hits = []
    serve_dir = os.path.join(s.dir, "serve")
    scanned = 0
    for dirpath, _d, files in os.walk(serve_dir):
        for fn in files:
            p = os.path.join(dirpath, fn)
            with open(p, "rb") as f:
                data = f.read()
            scanned += 1
            hits += [(fn, nd) for nd in CANARY_NEEDLES if nd.encode() in data]
    check(f"{n}.canary", mc is not None and int(mc.group(1)) == 0 and not hits,
          f"live_calls --canary-scan hits={mc.group(1) if mc else '?'}; rescan after serve stopped: "
          f"{scanned} files, hits={len(hits)} {hits[:3]}")
    # the hold's nudges (a NOOP sent to cut a WAIT FOR DIGIT short when the queue has news): each
    # is answered, and what the queue had to say goes out within a second
    nudged = []
    for call in s.calls:
        cs = cmds(call)
        for i, c in enumerate(cs):
            if c["cmd"] == "NOOP":
                after = next((x for x in cs[i + 1:] if x["cmd"] != "NOOP"), None)
                nudged.append((call["id"], cs[i - 1] if i > 0 else None, c, after))
    if nudged:
        bad = [(cid, c["reply"] or "-") for cid, _b, c, _a in nudged if c["reply"] != "200 result=0"]
        lag = [a["t"] - c["t"] for _cid, _b, c, a in nudged if a is not None]
        cut = sum(1 for _cid, b, _c, _a in nudged if b and b["cmd"].startswith("WAIT FOR DIGIT") and reply_result(b) == 1)
        check(f"{n}.nudges", not bad and all(x < 1.0 for x in lag),
              f"{len(nudged)} NOOPs, {cut} of them cut a wait short (result=1); not answered 200 result=0: {bad[:3] or 'none'}; "
              f"NOOP -> next command {stats(lag)} s")
    errors = [ln for ln in s.serve_log.splitlines() if re.search(r" (error|critical) ", ln)]
    warnings = [ln for ln in s.serve_log.splitlines() if re.search(r" (warning|notice) ", ln)]
    check(f"{n}.serve-errors", not errors, f"serve log error lines={len(errors)}" + (f" e.g. {errors[0]}" if errors else "")
          + f"; warning/notice lines={len(warnings)}" + (f" e.g. {warnings[0]}" if warnings else ""))


def db_endings(rows):
    d = {}
    for r in rows:
        k = f"{r['ending']}/{r['endedIn']}"
        d[k] = d.get(k, 0) + 1
    return ", ".join(f"{k}:{v}" for k, v in sorted(d.items()))


# ---------------------------------------------------------------------------
# scenarios
# ---------------------------------------------------------------------------
def scenario_A(s):
    n = s.name
    common(s, 50)
    delays, bad, statuses, n_offers = [], [], {}, 0
    for c in s.calls:
        dial = first(c, is_whisper_dial)
        joined = join_time(c, dial) if dial else None
        if joined is None:
            bad.append(c["id"])
            continue
        delays.append(dial["t"] - joined)
        for _d, st, _a in offers(c):
            n_offers += 1
            statuses[st] = statuses.get(st, 0) + 1
    over = [d for d in delays if d > 2.0]
    check(f"{n}.offer-delay", not bad and len(delays) == 50 and not over,
          f"joining the queue -> EXEC Dial(...hotline-whisper...) for {len(delays)}/50 calls: "
          f"max={max(delays) if delays else float('nan'):.3f}s median={statistics.median(delays) if delays else float('nan'):.3f}s "
          f"(limit 2 s; over={len(over)}; no offer: {bad[:5]})")
    check(f"{n}.dialstatus", statuses == {"ANSWER": 50} and n_offers == 50,
          f"offers={n_offers} DIALSTATUS {statuses}")
    emerg = sum(1 for c in s.calls if "d0" in c["script"])
    emerg_dialed = sum(1 for c in s.calls if first(c, lambda x: x.startswith("EXEC Dial") and "PJSIP/911@emergency" in x))
    check(f"{n}.db-ending", len(s.rows) == 50 and all(r["ending"] == "advocate" for r in s.rows)
          and sum(r["endedIn"] == "emergency_advocate" for r in s.rows) == emerg,
          f"{len(s.rows)} rows: {db_endings(s.rows)}; scripted emergency calls={emerg}, "
          f"Dial PJSIP/911@emergency seen={emerg_dialed}")
    talk = [r["secondsWithAdvocate"] for r in s.rows]
    unknown = sum(1 for r in s.rows if r["talkTimeUnknown"])
    waits = [r["secondsWaiting"] for r in s.rows]
    stamps = [bridge_stamp(a) for c in s.calls for _d, _st, a in offers(c)]
    info(f"{n}.talk-time", f"secondsWithAdvocate {stats(talk)} s, talkTimeUnknown={unknown}/{len(s.rows)}; "
         f"bridge stamp set by the whisper in {sum(x is not None for x in stamps)}/{len(stamps)} offers "
         f"(the 'hear' phone listens 4 s through the 3.3 s whisper, then talks 2.5 s); secondsWaiting {stats(waits)} s")


def timing(s, talk_after_bridge):
    """B and B2: one slow advocate, 3 calls one after another; DB vs the caller's real wait."""
    n = s.name
    common(s, 3)
    rows = s.rows
    ok_rows = check(f"{n}.db-rows", len(rows) == 3 and all(r["ending"] == "advocate" for r in rows),
                    f"{len(rows)} rows: {db_endings(rows)}")
    lines_talk, lines_wait, ok_talk, ok_wait = [], [], True, True
    for i, c in enumerate(s.calls):
        of = offers(c)
        music = {"t": join_time(c, of[0][0])} if of else None
        if not music or music["t"] is None or len(of) != 1 or of[0][1] != "ANSWER" or i >= len(rows):
            ok_talk = ok_wait = False
            lines_talk.append(f"{c['id']}: offers={[(endpoint(d['cmd']), st) for d, st, _ in of]}")
            continue
        dial, _st, ans = of[0]
        r = rows[i]
        stamp = bridge_stamp(ans)
        ring_to_end = dial["t_reply"] - dial["t"]
        if talk_after_bridge:
            # the caller waited until the whisper ended and the bridge began (the whisper's stamp)
            ref = (stamp - music["t"]) if stamp is not None else None
            ref_talk = (dial["t_reply"] - stamp) if stamp is not None else None
            how = "bridge note - joined"
        else:
            ref = dial["t_reply"] - music["t"] - 2.5          # the brief's reference: talk is the 2.5 s tone
            ref_talk = 2.5
            how = "Dial reply - joined - 2.5"
        t_ok = 2.0 <= r["secondsWithAdvocate"] <= 3.0 and not r["talkTimeUnknown"]
        w_ok = ref is not None and abs(r["secondsWaiting"] - ref) <= 1.0
        ok_talk &= t_ok
        ok_wait &= w_ok
        lines_talk.append(f"{c['id']}: {r['secondsWithAdvocate']:.3f}s unknown={r['talkTimeUnknown']} "
                          f"(PBX: Dial {ring_to_end:.3f}s, bridge stamp {'%.3f' % stamp if stamp else 'none'}, "
                          f"expected ~{ref_talk:.2f}s)" if ref_talk is not None else f"{c['id']}: no stamp")
        lines_wait.append(f"{c['id']}: db {r['secondsWaiting']:.3f}s vs real {ref:.3f}s ({how}) diff "
                          f"{r['secondsWaiting'] - ref:+.3f}s; secondsInIVR {r['secondsInIVR']:.2f}"
                          if ref is not None else f"{c['id']}: no reference")
    check(f"{n}.talk-time", ok_rows and ok_talk, "secondsWithAdvocate in [2,3]: " + "; ".join(lines_talk))
    check(f"{n}.wait-time", ok_rows and ok_wait, "|secondsWaiting - real wait| <= 1 s: " + "; ".join(lines_wait))


def scenario_B(s):
    timing(s, talk_after_bridge=False)


def scenario_B2(s):
    """An advocate who answers and hangs up during the whisper (the 'slow' phone talks 2.5 s from
    its answer; the en whisper is 3.3 s): Dial says ANSWER, but the caller was never bridged. The
    caller keeps their place and is offered again; no conversation is logged."""
    n = s.name
    common(s, 1)
    c = s.calls[0]
    of = offers(c)
    notes = [(endpoint(d["cmd"]), st, whisper_notes(a)) for d, st, a in of]
    unbridged = [x for x in notes if x[1] == "ANSWER" and x[2][0] is not None and x[2][1] is None]
    check(f"{n}.not-bridged", len(of) >= 2 and len(unbridged) == len(of),
          f"{len(of)} offers, each ANSWER with an answer note and no bridge note: {len(unbridged)}; "
          + "; ".join(f"{e} {st} answered={a} bridged={b}" for e, st, (a, b) in notes[:4]))
    r = s.rows
    check(f"{n}.db-ending", len(r) == 1 and r[0]["ending"] == "abandoned_in_queue" and r[0]["secondsWithAdvocate"] == 0,
          f"DB: {db_endings(r)}" + (f", secondsWaiting {r[0]['secondsWaiting']:.2f}" if r else ""))


def scenario_C(s):
    n = s.name
    common(s, 1)
    c = s.calls[0]
    of = offers(c)
    got = [(endpoint(d["cmd"]), st) for d, st, _ in of]
    gap = ""
    if len(of) >= 2:
        busy_status = next(x for x in cmds(c) if x["cmd"].startswith("GET VARIABLE DIALSTATUS"))
        gap = f"; BUSY reply -> next Dial {of[1][0]['t'] - busy_status['t_reply']:.3f}s"
    check(f"{n}.busy-then-next", got == [("Local/busy@agents", "BUSY"), ("Local/hear@agents/n", "ANSWER")],
          f"offers {got}{gap}")
    r = s.rows
    check(f"{n}.db-ending", len(r) == 1 and r[0]["ending"] == "advocate",
          f"{len(r)} rows: {db_endings(r)}" + (f" secondsWaiting={r[0]['secondsWaiting']:.3f}" if r else ""))


def announcement_key(c):
    """The queue announcement command (STREAM FILE .../queue_position or SAY NUMBER) a key stopped,
    with the time since the announcement began."""
    ann = first(c, lambda x: x.startswith("STREAM FILE") and "/queue_position" in x)
    if not ann:
        return None, None, None
    cs = cmds(c)
    for x in cs[cs.index(ann):]:
        if x is ann or x["cmd"].startswith("SAY NUMBER") or x["cmd"].startswith("SET VARIABLE CHANNEL(language)"):
            r = reply_result(x)
            if r and r > 0:
                return ann, x, chr(r)
            continue
        break
    return ann, None, None


def scenario_D(s):
    n = s.name
    common(s, 2)
    c1, c2 = s.calls
    music1 = first(c1, lambda x: x.startswith("SET MUSIC ON"))
    ann, stopped, key = announcement_key(c1)
    emerg = first(c1, lambda x: x.startswith("STREAM FILE") and "/emergency " in x, after=stopped) if stopped else None
    dial = first(c1, lambda x: x.startswith("EXEC Dial") and "PJSIP/911@emergency" in x, after=stopped) if stopped else None
    check(f"{n}.key0-in-announcement", bool(ann and stopped and key == "0" and emerg and dial),
          (f"announcement began {ann['t'] - music1['t']:.3f}s after SET MUSIC ON; "
           f"'{stopped['cmd'].split()[0]} {stopped['cmd'].split()[1]} {stopped['cmd'].split()[2]}' stopped by key {key!r} "
           f"{stopped['t_reply'] - ann['t']:.3f}s into it; then emergency prompt {'yes' if emerg else 'NO'}, "
           f"Dial PJSIP/911@emergency -> "
           f"{next_dialstatus(c1, dial)}"
           if ann and stopped and music1 else f"no interrupted announcement: {seq(c1)}"))
    ann2, stopped2, key2 = announcement_key(c2)
    consent = first(c2, lambda x: x.startswith("STREAM FILE") and "/message_consent " in x, after=stopped2) if stopped2 else None
    consent_key = None
    if consent:
        wait = [x for x in cmds(c2) if x["t"] >= consent["t"] and x["cmd"].split()[:2] in (["STREAM", "FILE"], ["WAIT", "FOR"])]
        consent_key = next((chr(reply_result(x)) for x in wait if (reply_result(x) or 0) > 0), None)
    instr = first(c2, lambda x: x.startswith("STREAM FILE") and "/record_instructions " in x)
    rec = first(c2, lambda x: x.startswith("RECORD FILE"))
    rec_key = chr(reply_result(rec)) if rec and (reply_result(rec) or 0) > 0 else None
    spoke = any("pharness/caller-speech" in st or "harness/caller-speech" in st for _t, st in c2["caller_steps"])
    rec_file, rec_size = None, 0
    if rec:
        rel = rec["cmd"].split()[2].strip('"')
        for ext in (".wav", ".WAV"):
            p = os.path.join(s.run_dir, "lib", "sounds", rel + ext)
            if os.path.exists(p):
                rec_file, rec_size = p, os.path.getsize(p)
    check(f"{n}.key2-in-announcement", bool(stopped2 and key2 == "2" and consent and consent_key == "1" and instr
                                            and rec and rec_key == "#" and spoke),
          (f"'{' '.join(stopped2['cmd'].split()[:3])}' stopped by {key2!r} {stopped2['t_reply'] - ann2['t']:.3f}s in; "
           f"message_consent key {consent_key!r}; record_instructions {'yes' if instr else 'NO'}; "
           f"RECORD FILE reply '{rec['reply'] if rec else '-'}' (key {rec_key!r}), caller spoke={spoke}; "
           f"recording {os.path.basename(rec_file) if rec_file else 'none'} {rec_size} bytes"
           if stopped2 and ann2 else f"no interrupted announcement: {seq(c2)}"))
    rows = s.rows
    check(f"{n}.db", len(rows) == 2 and rows[1]["ending"] == "message" and rec_size > 44,
          f"{len(rows)} rows in order: " + "; ".join(f"{r['ending']}/{r['endedIn']} path=...>{r['path'].split(' > ')[-1]}"
                                                     for r in rows) + f"; call 2 recording {rec_size} bytes")


def scenario_G(s):
    """Key 0 where the plan says a prompt cannot be skipped: the recording instructions, and the
    recording itself (issue 11). Both calls must go on to the emergency prompt and the 911 dial."""
    n = s.name
    common(s, 2)
    c1, c2 = s.calls
    instr = first(c1, lambda x: x.startswith("STREAM FILE") and "/record_instructions " in x)
    instr_key = chr(reply_result(instr)) if instr and (reply_result(instr) or 0) > 0 else None
    emerg1 = first(c1, lambda x: x.startswith("STREAM FILE") and "/emergency " in x, after=instr) if instr else None
    dial1 = first(c1, lambda x: x.startswith("EXEC Dial") and "PJSIP/911@emergency" in x, after=instr) if instr else None
    recorded1 = first(c1, lambda x: x.startswith("RECORD FILE"))
    check(f"{n}.key0-in-record-instructions", bool(instr and instr_key == "0" and emerg1 and dial1 and not recorded1),
          (f"'{instr['cmd']}' -> '{instr['reply']}' (key {instr_key!r}); emergency prompt {'yes' if emerg1 else 'NO'}; "
           f"Dial 911 {'yes' if dial1 else 'NO'}; RECORD FILE {'sent (wrong)' if recorded1 else 'never sent'}"
           if instr else f"no record_instructions: {seq(c1)}"))
    rec = first(c2, lambda x: x.startswith("RECORD FILE"))
    rec_key = chr(reply_result(rec)) if rec and (reply_result(rec) or 0) > 0 else None
    escape = rec["cmd"].split()[4] if rec else None
    emerg2 = first(c2, lambda x: x.startswith("STREAM FILE") and "/emergency " in x, after=rec) if rec else None
    dial2 = first(c2, lambda x: x.startswith("EXEC Dial") and "PJSIP/911@emergency" in x, after=rec) if rec else None
    check(f"{n}.key0-while-recording", bool(rec and escape == '"#0"' and rec_key == "0" and emerg2 and dial2),
          (f"RECORD FILE escape digits {escape} -> '{rec['reply']}' (key {rec_key!r}); emergency prompt "
           f"{'yes' if emerg2 else 'NO'}; Dial 911 {'yes' if dial2 else 'NO'}" if rec else f"no RECORD FILE: {seq(c2)}"))
    rows = s.rows
    check(f"{n}.db", len(rows) == 2 and all(r["path"].find("emergency") >= 0 for r in rows),
          f"{len(rows)} rows: " + "; ".join(f"{r['ending']}/{r['endedIn']} path=...>{' > '.join(r['path'].split(' > ')[-3:])}" for r in rows))


def scenario_H(s):
    """serve --max-calls 1 and two calls at once: the second is refused at once and Asterisk's
    own dialplan goes on with the channel still ringing (its fallback), the first is served."""
    n = s.name
    served = [c for c in s.calls if c["answered"]]
    refused = [c for c in s.calls if not c["answered"]]
    r = refused[0] if refused else None
    check(f"{n}.one-served-one-refused", len(s.calls) == 2 and len(served) == 1 and len(refused) == 1
          and r["connected"] and r["n_commands"] == 0 and r["ended_by"] == "agi-returned" and r.get("agidone")
          and (r["duration_s"] or 99) < 3,
          "; ".join(f"{c['id']}: answered={c['answered']} connected={c['connected']} commands={c['n_commands']} "
                    f"agistatus={c['agistatus']} fallback ran={c.get('agidone')} ended_by={c['ended_by']} "
                    f"duration={c['duration_s']}s" for c in s.calls))
    said = [ln for ln in s.serve_log.splitlines() if "refusing calls: 1 calls are in progress" in ln]
    check(f"{n}.logged", len(said) == 1, f"'refusing calls' lines={len(said)}" + (f": {said[0].strip()}" if said else ""))
    check(f"{n}.db", len(s.rows) == 1, f"{len(s.rows)} rows (the refused call was never the controller's): {db_endings(s.rows)}")


def scenario_E(s):
    n = s.name
    common(s, 3)
    want = ["welcome", "confidentiality_notice", "choose_language"]
    got = [r["endedIn"] for r in s.rows]
    check(f"{n}.ended-in", got == want and all(r["ending"] == "abandoned_in_ivr" for r in s.rows),
          f"endedIn {got} (want {want}); endings {[r['ending'] for r in s.rows]}")
    after = []
    for c in s.calls:
        seen = False
        for x in c["commands"]:
            if x["cmd"] is None:
                seen = True
            elif seen:
                after.append(f"{c['id']}: {x['cmd']}")
    where = []
    for c in s.calls:
        notice = next((x for x in c["commands"] if x["cmd"] is None), None)
        last = [x for x in cmds(c) if notice and x["t"] <= notice["t"]]
        where.append(f"{c['id']} ({c['script']}): ... {' '.join(short(x) for x in last[-2:])} <HANGUP> "
                     f"ended_by={c['ended_by']}")
    check(f"{n}.nothing-after-hangup", not after and all(any(x["cmd"] is None for x in c["commands"]) for c in s.calls),
          f"controller commands after the <HANGUP> notice: {after or 0}; " + "; ".join(where))


def scenario_F(s, run):
    n = s.name
    common(s, 1)
    try:
        alog = Scenario(run, "A").messages_log()
    except OSError as e:
        alog = ""
        print(f"(scenario A's results are needed for the language-en whisper: {e})")
    en = [ln for ln in alog.splitlines() if "Playing 'hotline/whisper/language-en" in ln]
    check(f"{n}.whisper-en", len(en) >= 50,
          f"A's Asterisk log: {len(en)} x 'hotline/whisper/language-en' played; e.g. "
          + (re.sub(r"^\[[^\]]*\] ", "", en[0]) if en else "-"))
    c = s.calls[0]
    of = offers(c)
    dial = of[0][0]["cmd"] if of else ""
    log = s.messages_log()
    zh = [ln for ln in log.splitlines() if "Playing 'hotline/whisper/language-zh" in ln]
    interp = [ln for ln in log.splitlines() if "Playing 'hotline/whisper/interpreter-needed" in ln]
    r = s.rows
    check(f"{n}.whisper-zh-interpreter", "^zh^1^" in dial and len(zh) == 1 and len(interp) == 1
          and len(r) == 1 and r[0]["ending"] == "advocate" and r[0]["language"] == "zh" and r[0]["interpreter"],
          f"offer {dial.split(' ', 2)[2] if dial else '-'} -> {of[0][1] if of else '-'}; log: "
          + " | ".join(re.sub(r"^\[([^\]]*)\] \S+ \S+ ", r"\1 ", ln) for ln in zh + interp)
          + (f"; DB {r[0]['ending']}/{r[0]['endedIn']} language={r[0]['language']} interpreter={r[0]['interpreter']} "
             f"secondsWithAdvocate={r[0]['secondsWithAdvocate']:.2f} unknown={r[0]['talkTimeUnknown']}" if r else "; DB: no row"))


def scenario_S(s):
    """The staff line: each call's dialogue, the audit log's staff actions, nothing in the call log."""
    n = s.name
    common(s, 5)
    expected = [("1", "available"), ("2", "paused"), ("3", "available"), ("9", "logged-out")]
    for i, (key, state) in enumerate(expected):
        call = s.calls[i] if i < len(s.calls) else {"commands": []}
        got = [short(c) for c in cmds(call)]
        heard = [c["cmd"].split()[2] for c in cmds(call) if c["cmd"].startswith(("GET DATA", "STREAM FILE"))]
        want = ["hotline/staff/enter-number", "hotline/staff/enter-pin", "hotline/staff/state-logged-out" if i == 0 else None, "hotline/staff/menu"]
        ok = (heard[:2] == want[:2] and "hotline/staff/menu" in heard and f"hotline/staff/state-{state}" == heard[-2]
              and heard[-1] == "hotline/staff/goodbye" and got and got[-1].startswith("HANGUP"))
        check(f"{n}.call{i + 1}-key{key}", ok, " ".join(got))
    wrong = s.calls[4] if len(s.calls) > 4 else {"commands": []}
    heard = [c["cmd"].split()[2] for c in cmds(wrong) if c["cmd"].startswith(("GET DATA", "STREAM FILE"))]
    check(f"{n}.three-wrong-pins", heard.count("hotline/staff/refused") == 3 and heard[-1] == "hotline/staff/goodbye"
          and "hotline/staff/menu" not in heard and cmds(wrong)[-1]["cmd"].startswith("HANGUP"), " ".join(short(c) for c in cmds(wrong)))
    audit_path = os.path.join(os.path.dirname(s.dir), "S-accounts", "audit.log")
    with open(audit_path) as f:
        audit = [json.loads(line) for line in f if line.strip()]
    steps = [(e["action"], e["result"]) for e in audit]
    want = [("phone-sign-in", "ok"), ("phone-login", "available"), ("phone-sign-in", "ok"), ("phone-pause", "paused (meal)"),
            ("phone-sign-in", "ok"), ("phone-resume", "available"), ("phone-sign-in", "ok"), ("phone-logout", "logged_out"),
            ("phone-sign-in", "refused"), ("phone-sign-in", "refused"), ("phone-sign-in", "refused")]
    check(f"{n}.audit", steps == want and all(e["account"] == "maria" for e in audit), f"{steps}")
    leaks = []
    for dirpath, _d, files in os.walk(os.path.dirname(audit_path)):
        for fn in files:
            with open(os.path.join(dirpath, fn), "rb") as f:
                data = f.read()
            leaks += [fn for pin in (b"246810", b"111111", b"222222", b"333333") if pin in data]
    with open(os.path.join(s.dir, "serve", "serve.log"), "rb") as f:
        leaks += ["serve.log" for pin in (b"246810", b"111111") if pin in f.read()]
    check(f"{n}.no-pin-kept", not leaks and not s.rows, f"files holding a PIN: {leaks or 0}; call-log rows: {len(s.rows)} (staff calls are not callers)")


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    name, run = argv[1], argv[2]
    s = Scenario(run, name)
    if name == "F":
        scenario_F(s, run)
    else:
        globals()["scenario_" + name](s)
    return 1 if "FAIL" in RESULTS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
