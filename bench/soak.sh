#!/usr/bin/env bash
# bench/soak.sh: a soak of twoplus: 256 connections for MINUTES (default 10) over the endpoint
# mix with wrk, then a report of socket errors, responses with another status than the one
# each request expects, and the server's RSS before load, after a 20 s warm-up and at the end.
# Exits 0 only if there were no errors, no unexpected status, the server answered /healthz
# afterwards, RSS grew at most 5% from the warmed-up figure, and SIGTERM stopped it with 0.
#
#   bench/soak.sh [MINUTES]              # builds bench/out/build/twoplus (release) if needed
#   TWOPLUS_BIN=/path/to/twoplus bench/soak.sh 2
#
# Knobs (environment): SOAK_CONNS (256), SOAK_WRK_THREADS (2), SOAK_CORPUS (corpus/),
# SOAK_TWOPLUS_ARGS (more twoplus options). The mix: every list endpoint, pages 2 by cursor,
# single resources, /text, search (simple and advanced), timeline, stats, /metrics, health;
# plus, on 2 more connections, requests a client gets wrong, which must answer 400 or 404.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out/soak
MINUTES=${1:-10}
CONNS=${SOAK_CONNS:-256}
WRK_THREADS=${SOAK_WRK_THREADS:-2}
CORPUS=${SOAK_CORPUS:-$ROOT/corpus}
read -r -a TP_EXTRA <<<"${SOAK_TWOPLUS_ARGS:-}"

say() { printf 'soak: %s\n' "$*" >&2; }
die() { printf 'soak: %s\n' "$*" >&2; exit 1; }
[[ $MINUTES =~ ^[0-9]+$ ]] && [ "$MINUTES" -gt 0 ] || die "usage: bench/soak.sh [MINUTES]"
command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
command -v curl >/dev/null || die "curl is missing (apt-get install curl)"
command -v python3 >/dev/null || die "python3 is missing"

mkdir -p "$OUT"
if [ -n "${TWOPLUS_BIN:-}" ]; then
  BIN=$TWOPLUS_BIN
else
  BIN=$HERE/out/build/twoplus
  if [ ! -x "$BIN" ]; then
    say "building $BIN (release)"
    meson setup "$HERE/out/build" "$ROOT" --buildtype=release -Dtests=false >/dev/null
    ninja -C "$HERE/out/build" twoplus >/dev/null
  fi
fi

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# ---- the server ---------------------------------------------------------------------------
# File descriptors: 256 clients plus the database and the listening socket.
ulimit -n 4096 2>/dev/null || true
"$BIN" --corpus "$CORPUS" --data "$ROOT/data" --listen 127.0.0.1:0 --access-log off \
  --max-connections $((CONNS * 2)) "${TP_EXTRA[@]}" >"$OUT/server.out" 2>"$OUT/server.err" &
PID=$!
trap 'kill -9 $PID 2>/dev/null || true' EXIT # only the server this script started
for _ in $(seq 600); do
  grep -q 'listening on' "$OUT/server.out" 2>/dev/null && break
  kill -0 $PID 2>/dev/null || die "the server exited: $(tail -3 "$OUT/server.err")"
  sleep 0.1
done
BASE=$(grep -o 'http://[^ ]*' "$OUT/server.out" | head -1)
[ -n "$BASE" ] || die "the server did not start"
say "server $PID at $BASE"

# ---- the mix ------------------------------------------------------------------------------
# Two mixes: paths that must answer 200 (the CONNS connections) and requests a client gets
# wrong, which must answer 400 or 404 (2 connections alongside). wrk does not say which request
# a response belongs to, so each mix counts the statuses and the report checks them.
python3 - "$BASE" "$OUT" <<'PY'
import json, sys, urllib.parse, urllib.request
base, out = sys.argv[1], sys.argv[2]
def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)
ok = []
def add(path, weight=1):
    ok.extend([path] * weight)
for coll in ("documents", "entities", "statements", "meetings"):
    add("/v1/%s" % coll, 3)
    page = get("/v1/%s?limit=5" % coll)
    cur = page["page"].get("next_cursor")
    if cur:
        add("/v1/%s?limit=5&cursor=%s" % (coll, urllib.parse.quote(cur, safe="")), 2)
    for row in page["data"][:5]:
        rid = urllib.parse.quote(row["id"], safe="")
        add("/v1/%s/%s" % (coll, rid), 2)
        if coll == "documents":
            add("/v1/documents/%s/text" % rid)
        if coll == "entities":
            add("/v1/entities/%s/mentions" % rid)
add("/v1/documents?limit=2&sort=-title")
add("/v1/entities?type=person")
add("/v1/meetings?kind=scc&from=2005&to=2013")
add("/v1/timeline?bucket=year", 2)
for q in ("futenma relocation", '"security treaty"', "okinawa", "alliance", "marines guam",
          "missile defense", "kerry", "tokyo", "base"):
    add("/v1/search?q=" + urllib.parse.quote(q), 2)
add("/v1/search?mode=advanced&q=" + urllib.parse.quote("okinawa OR futenma"))
for p in ("/v1/stats", "/metrics", "/healthz", "/readyz", "/openapi.yaml"):
    add(p)
bad = ["/v1/documents/no-such-document", "/v1/documents?limit=0", "/v1/nothing-here",
       "/v1/documents?sort=nope", "/v1/documents?cursor=forged", "/v1/entities?unknown=1"]
for name, paths in (("ok", ok), ("bad", bad)):
    with open("%s/mix-%s.lua" % (out, name), "w") as f:
        f.write("local mix = {\n")
        for p in paths:
            f.write("  %s,\n" % json.dumps(p))
        f.write("}\n")
PY
for name in ok bad; do
  cat >>"$OUT/mix-$name.lua" <<'LUA'
-- Each thread walks the mix from its own offset and counts the statuses it gets.
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  i = (id * 7919) % #mix
  n200, n400, n404, nother, other = 0, 0, 0, 0, ""
end
function request()
  i = i % #mix + 1
  return wrk.format("GET", mix[i])
end
function response(status, headers, body)
  if status == 200 then n200 = n200 + 1
  elseif status == 400 then n400 = n400 + 1
  elseif status == 404 then n404 = n404 + 1
  else
    nother = nother + 1
    if other == "" then other = tostring(status) end
  end
end
function done(summary, latency, requests)
  local c = {n200 = 0, n400 = 0, n404 = 0, nother = 0}
  local other = ""
  for _, t in ipairs(threads) do
    for k, _ in pairs(c) do c[k] = c[k] + t:get(k) end
    if other == "" then other = t:get("other") end
  end
  io.write(string.format("soak-result requests=%d s200=%d s400=%d s404=%d sother=%d " ..
    "connect=%d read=%d write=%d timeout=%d p50_us=%d p99_us=%d max_us=%d first_other=%s\n",
    summary.requests, c.n200, c.n400, c.n404, c.nother, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, other))
end
LUA
done
say "mix: $(grep -c '^  "' "$OUT/mix-ok.lua") paths that must answer 200, $(grep -c '^  "' "$OUT/mix-bad.lua") that must answer 400/404"

# ---- load -----------------------------------------------------------------------------------
# Idle figures are taken 2 s after a wrk run, when its connections are closed; under load
# RSS is sampled every 10 s into rss.txt.
rss0=$(rss_kib $PID)
wrk -t"$WRK_THREADS" -c"$CONNS" -d20s -s "$OUT/mix-ok.lua" "$BASE" >"$OUT/warmup.txt" 2>&1
sleep 2
rss1=$(rss_kib $PID)
(while sleep 10; do rss_kib $PID || break; done) >"$OUT/rss.txt" 2>/dev/null &
SAMPLER=$!
say "warm-up done (RSS ${rss0} -> ${rss1} KiB); soaking ${MINUTES} min with $CONNS connections"
wrk -t1 -c2 -d"${MINUTES}m" --timeout 10s -s "$OUT/mix-bad.lua" "$BASE" >"$OUT/wrk-bad.txt" 2>&1 &
BAD=$!
wrk -t"$WRK_THREADS" -c"$CONNS" -d"${MINUTES}m" --timeout 10s -s "$OUT/mix-ok.lua" \
  "$BASE" >"$OUT/wrk-ok.txt" 2>&1
wait $BAD || true
kill $SAMPLER 2>/dev/null || true
sleep 2
rss2=$(rss_kib $PID)
load_rss=$(awk 'NR == 1 {f = $1} {l = $1; if ($1 > m) m = $1} END {printf "first %d, last %d, max %d", f, l, m}' "$OUT/rss.txt")
health=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/healthz" || true)
kill -TERM $PID
rc=0
wait $PID || rc=$?
trap - EXIT

# ---- report -------------------------------------------------------------------------------
ok_line=$(grep '^soak-result' "$OUT/wrk-ok.txt" || true)
bad_line=$(grep '^soak-result' "$OUT/wrk-bad.txt" || true)
[ -n "$ok_line" ] && [ -n "$bad_line" ] ||
  die "wrk gave no result: $(tail -3 "$OUT/wrk-ok.txt" "$OUT/wrk-bad.txt")"
val() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<" $1"; }
errs() { echo $(( $(val "$1" connect) + $(val "$1" read) + $(val "$1" write) + $(val "$1" timeout) )); }
requests=$(( $(val "$ok_line" requests) + $(val "$bad_line" requests) ))
errors=$(( $(errs "$ok_line") + $(errs "$bad_line") ))
# Unexpected: anything but 200 in the good mix; anything but 400/404 in the bad one.
unexpected=$(( $(val "$ok_line" s400) + $(val "$ok_line" s404) + $(val "$ok_line" sother) +
               $(val "$bad_line" s200) + $(val "$bad_line" sother) ))
intended=$(( $(val "$bad_line" s400) + $(val "$bad_line" s404) ))
growth=$(python3 -c "print(f'{($rss2 - $rss1) * 100 / $rss1:+.1f}')")
rps=$(python3 -c "print(round($requests / ($MINUTES * 60)))")
cat <<REPORT | tee "$OUT/report.txt"
soak: $MINUTES min, $CONNS (+2) connections, $WRK_THREADS wrk threads, $BASE ($BIN)
requests: $requests ($rps/s); 200-mix p50 $(val "$ok_line" p50_us) us, p99 $(val "$ok_line" p99_us) us, max $(val "$ok_line" max_us) us
socket errors: $errors (200-mix: $ok_line)
unexpected status: $unexpected (first other status: ok-mix '$(sed -n 's/.*first_other=//p' <<<"$ok_line")', bad-mix '$(sed -n 's/.*first_other=//p' <<<"$bad_line")')
intended non-2xx (400/404 mix): $intended
RSS idle: $rss0 KiB before load, $rss1 KiB after the 20 s warm-up, $rss2 KiB at the end ($growth% from warm-up)
RSS under load (KiB, every 10 s): $load_rss
after: /healthz $health; SIGTERM exit status $rc
REPORT
ok=1
[ "$errors" -eq 0 ] && [ "$unexpected" -eq 0 ] && [ "$health" = 200 ] && [ "$rc" -eq 0 ] || ok=0
python3 -c "import sys; sys.exit(0 if $rss2 <= $rss1 * 1.05 else 1)" || ok=0
if [ $ok = 1 ]; then echo "soak: PASS"; else echo "soak: FAIL"; exit 1; fi
