#!/usr/bin/env bash
# bench/all.sh: the whole benchmark in one command. Generates synthetic corpora from a seed,
# times `twoplus ingest` against the SQLite floor (bench/floor.c), times a restart on the
# unchanged corpus, then serves the databases and runs wrk on a fixed mix of endpoints (cache
# on and off) next to the baselines measured in the same run: a bare libmicrohttpd server
# (one persistent 2 KB response; one SQLite row -> 2 KB of jansson; a 20-row list) and nginx
# serving the same 2 KB as a static file. See bench/README.md.
#
#   bench/all.sh                                   # builds bench/out/build/twoplus (release)
#   TWOPLUS_BIN=build-x/twoplus BENCH_SIZES=1000 BENCH_MIX_SIZES=1000 BENCH_SEARCH_SIZES=1000 \
#     BENCH_DURATION=2s BENCH_RUNS=1 bench/all.sh  # a quick check of the tool itself
#
# Knobs (environment), defaults in brackets:
#   BENCH_SIZES ("1000 10000 100000")  corpora to generate, ingest and restart
#   BENCH_INGEST_SIZES (BENCH_SIZES)   sizes whose ingest is timed in this run; for the others
#                                      an existing bench/out/db-N.sqlite is reused and the
#                                      figures of the run that built it are reported as such
#   BENCH_SEED (1)                     corpus seed
#   BENCH_FIXTURES_REV (HEAD)          git commit whose tests/fixtures and data/ the corpora
#                                      are made from (the working tree outside git)
#   BENCH_DURATION (10s) BENCH_RUNS (3) BENCH_CONNS ("64 256") BENCH_WRK_THREADS (2)
#   BENCH_INGEST_RUNS (3)              ingest runs per size up to BENCH_INGEST_RUNS_UPTO docs
#   BENCH_INGEST_RUNS_UPTO (1000)      (larger sizes: one run)
#   BENCH_RESTART_RUNS (3)
#   BENCH_MIX_SIZES ("10000")          corpora the endpoint mix runs on (cache on and off)
#   BENCH_SEARCH_SIZES ("10000 100000") corpora the search runs on (cache off, 64 connections)
#   BENCH_SEARCH_QS ("futenma relocation|typhoon relief")  two-word queries, '|' between them
#   BENCH_INGEST_TIMEOUT (3600 seconds per ingest)
#   BENCH_CACHE_MB (64)                --cache-mb of the cache-on runs
#   BENCH_SCALE ("100000=10000")       for search only: when db-100000.sqlite is missing, build
#                                      db-scaled-100000.sqlite from db-10000.sqlite with
#                                      bench/scale-db.py (every document and statement 10x)
#   BENCH_STEPS ("corpus ingest restart baselines mix scale search")  the steps to run
#   BENCH_OUT (bench/out)              where everything below goes
# Output: bench/out/all.md (the report, by bench/report.py), bench/out/all/ (results.tsv, raw
# wrk outputs, time -v files, logs), bench/out/corpus-N/ (cached corpora),
# bench/out/db-N.sqlite (databases, kept for later runs).
set -euo pipefail
# The whole script is one block, read before any of it runs: editing this file while a long run
# is going does not change the run.
{
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=${BENCH_OUT:-$HERE/out}
RUN=$OUT/all
SIZES=${BENCH_SIZES-1000 10000 100000}
INGEST_SIZES=${BENCH_INGEST_SIZES-$SIZES}
SEED=${BENCH_SEED:-1}
DURATION=${BENCH_DURATION:-10s}
RUNS=${BENCH_RUNS:-3}
CONNS=${BENCH_CONNS:-64 256}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
INGEST_RUNS=${BENCH_INGEST_RUNS:-3}
INGEST_RUNS_UPTO=${BENCH_INGEST_RUNS_UPTO:-1000}
RESTART_RUNS=${BENCH_RESTART_RUNS:-3}
MIX_SIZES=${BENCH_MIX_SIZES-10000}
SEARCH_SIZES=${BENCH_SEARCH_SIZES-10000 100000}
SEARCH_QS=${BENCH_SEARCH_QS:-futenma relocation|typhoon relief}
INGEST_TIMEOUT=${BENCH_INGEST_TIMEOUT:-3600}
CACHE_MB=${BENCH_CACHE_MB:-64}
SCALE=${BENCH_SCALE-100000=10000}
FIXTURES_REV=${BENCH_FIXTURES_REV:-HEAD}
STEPS=" ${BENCH_STEPS:-corpus ingest restart baselines mix scale search} "
DATA=$ROOT/data

# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"
step() { [[ $STEPS == *" $1 "* ]]; }

case $DURATION in *[0-9]s) ;; *) die "BENCH_DURATION must be seconds, like 10s (got '$DURATION')" ;; esac
for n in $SIZES $INGEST_SIZES $MIX_SIZES $SEARCH_SIZES $SEED $RUNS $INGEST_RUNS \
         $INGEST_RUNS_UPTO $RESTART_RUNS $INGEST_TIMEOUT $CACHE_MB $CONNS $WRK_THREADS; do
  case $n in '' | *[!0-9]*) die "sizes, counts and seconds must be whole numbers (got '$n')" ;; esac
done
for s in $STEPS; do
  case $s in corpus | ingest | restart | baselines | mix | scale | search) ;;
    *) die "BENCH_STEPS: unknown step '$s'" ;; esac
done

# ---- what it needs (Debian packages; installed when missing and we are root) --------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/time ] || missing+=(time)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
command -v gcc >/dev/null || missing+=(gcc)
command -v pkg-config >/dev/null \
  && pkg-config --exists libmicrohttpd jansson sqlite3 \
  || missing+=(pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev)
if [ -z "${TWOPLUS_BIN:-}" ]; then
  command -v meson >/dev/null || missing+=(meson ninja-build)
  pkg-config --exists zlib libcrypto libpcre2-8 2>/dev/null \
    || missing+=(zlib1g-dev libssl-dev libpcre2-dev)
fi
install_missing "${missing[@]}"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

mkdir -p "$OUT/bin"
rm -rf "$RUN"
mkdir -p "$RUN/wrk" "$RUN/www" "$RUN/nginx/tmp"
RES=$RUN/results.tsv
: >"$RES"
# rec KIND FIELDS...: one tab-separated line of results.tsv (bench/report.py reads it).
rec() { (IFS=$'\t'; printf '%s\n' "$*") >>"$RES"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
cpu_s() { # user + system seconds from a time -v file
  awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"
}

# ---- binaries ------------------------------------------------------------------------------
if [ -n "${TWOPLUS_BIN:-}" ]; then
  BIN=$(cd "$(dirname "$TWOPLUS_BIN")" && pwd)/$(basename "$TWOPLUS_BIN")
  [ -x "$BIN" ] || die "TWOPLUS_BIN=$TWOPLUS_BIN is not an executable"
else
  mkdir -p "$OUT"
  if [ ! -f "$OUT/build/build.ninja" ]; then
    say "configuring a release build in $OUT/build"
    meson setup "$OUT/build" "$ROOT" --buildtype=release -Dtests=false >"$OUT/build.log" 2>&1 \
      || { tail -30 "$OUT/build.log"; die "meson setup failed (log: $OUT/build.log)"; }
  fi
  say "building $OUT/build/twoplus"
  ninja -C "$OUT/build" twoplus >>"$OUT/build.log" 2>&1 \
    || { tail -30 "$OUT/build.log"; die "build failed (log: $OUT/build.log)"; }
  BIN=$OUT/build/twoplus
fi
BIN_SUM=$(sha256sum "$BIN" | cut -c1-16)
CFLAGS_BENCH=(-std=c11 -O2 -Wall -Wextra -Wpedantic -Werror)
# shellcheck disable=SC2046 # pkg-config prints several words on purpose
gcc "${CFLAGS_BENCH[@]}" -o "$OUT/bin/baseline_mhd" "$HERE/baseline_mhd.c" \
  $(pkg-config --cflags --libs libmicrohttpd jansson sqlite3) || die "cannot build baseline_mhd"
# shellcheck disable=SC2046
gcc "${CFLAGS_BENCH[@]}" -o "$OUT/bin/floor" "$HERE/floor.c" \
  $(pkg-config --cflags --libs sqlite3) || die "cannot build floor"

# ---- processes: every server is started by start_server and stopped on any exit ------------
declare -A SRV_TIME=() SRV_PID=()   # name -> pid of /usr/bin/time, pid of the server
WRK_PID=''
stop_server() { # NAME [SIGNAL]
  local name=$1 sig=${2:-TERM} tp=${SRV_TIME[$1]:-} sp=${SRV_PID[$1]:-}
  [ -n "$tp" ] || return 0
  if [ -n "$sp" ] && kill -0 "$sp" 2>/dev/null; then
    kill -"$sig" "$sp" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$sp" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$sp" 2>/dev/null || true
  fi
  wait "$tp" 2>/dev/null || true
  unset "SRV_TIME[$name]" "SRV_PID[$name]"
}
cleanup() {
  set +e
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null && wait "$WRK_PID" 2>/dev/null
  for name in "${!SRV_TIME[@]}"; do
    if [ "$name" = nginx ]; then stop_server "$name" QUIT; else stop_server "$name"; fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start_server NAME READY_URL_OR_EMPTY CMD...: runs CMD under /usr/bin/time -v (for peak RSS)
# with stdout/stderr in $RUN/NAME.{stdout,stderr}. For twoplus (READY empty) waits for its
# "listening on" line and sets URL; otherwise waits until READY answers.
start_server() {
  local name=$1 ready=$2 pid=
  shift 2
  /usr/bin/time -v -o "$RUN/$name.time" "$@" >"$RUN/$name.stdout" 2>"$RUN/$name.stderr" &
  SRV_TIME[$name]=$!
  URL=
  for _ in $(seq 1 1200); do
    [ -n "$pid" ] || pid=$(pgrep -P "${SRV_TIME[$name]}" || true)
    if [ -z "$ready" ]; then
      URL=$(sed -n 's|^twoplus listening on \(http://[^ ]*\)$|\1|p' "$RUN/$name.stdout")
    elif curl -fsS --max-time 2 -o /dev/null "$ready" 2>/dev/null; then
      URL=$(sed 's|^\(http://[^/]*\).*|\1|' <<<"$ready")
    fi
    [ -n "$URL" ] && [ -n "$pid" ] && break
    kill -0 "${SRV_TIME[$name]}" 2>/dev/null \
      || { tail -5 "$RUN/$name.stderr" >&2; die "$name exited at start ($*)"; }
    sleep 0.1
  done
  [ -n "$URL" ] || die "$name did not start within 120 s ($*)"
  SRV_PID[$name]=$pid
}
peak_rss() { sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$1"; }
wall_s() { # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.03" -> seconds
  sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" \
    | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}
# stop a twoplus server and record its peak RSS: rss NAME DOCS CACHE_MB
stop_twoplus() {
  local name=$1
  stop_server "$name"
  rec rss "$name" "$2" "$(peak_rss "$RUN/$name.time")" "$3" \
    "$(sed -n 's/^\s*Exit status: //p' "$RUN/$name.time")"
}

# ---- wrk -------------------------------------------------------------------------------------
# "REQ_PER_S P50_MS P99_MS ERRORS" for one wrk output.
wrk_parse() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^ *50%/ { p50 = ms($2) }
    /^ *99%/ { p99 = ms($2) }
    /^Requests\/sec:/ { rps = $2 }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { err += $5 }
    END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, err }' "$1"
}
run_wrk() { # URL CONNS DURATION OUTFILE
  local secs=${3%s}
  timeout -k 5 $((secs + 60)) wrk -t"$WRK_THREADS" -c"$2" -d"$3" --timeout 10s --latency "$1" \
    >"$4" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || { WRK_PID=; cat "$4" >&2; die "wrk failed against $1"; }
  WRK_PID=
}
# settle URL: waits until the server answers anything (on /healthz) within a second. A server
# that was sent more slow requests than it could answer may still be working through them
# after wrk has gone; the next measurement must not inherit that backlog.
settle() {
  local base t0=$SECONDS
  base=$(sed 's|^\(http://[^/]*\).*|\1|' <<<"$1")
  until [ "$(curl -s --max-time 1 -o /dev/null -w '%{http_code}' "$base/healthz" 2>/dev/null)" != 000 ]; do
    [ $((SECONDS - t0)) -lt 300 ] || die "$base did not answer within 300 s after a load"
    sleep 0.2
  done
  if [ $((SECONDS - t0)) -ge 2 ]; then
    say "the server took $((SECONDS - t0)) s to answer again after the load"
    rec settle "$1" "$2" "$((SECONDS - t0))"
  fi
}
# measure SERVER DOCS CACHE GROUP LABEL URL [CONNS]: a 2 s warm-up, then RUNS runs per
# connection count, each one "wrk" line of results.tsv. GROUP is what a row is compared with
# (static, pk, list: the baseline of that kind); the baselines are rows of their own.
measure() {
  local server=$1 docs=$2 cache=$3 group=$4 label=$5 url=$6 conns=${7:-$CONNS} c r f ld
  run_wrk "$url" 64 2s "$RUN/wrk/warmup.txt"
  settle "$url" "warm-up"
  for c in $conns; do
    for r in $(seq 1 "$RUNS"); do
      f=$RUN/wrk/$(printf '%s' "$server.$docs.$label.c$c.run$r" | tr -c 'A-Za-z0-9._-' '_').txt
      ld=$(load1)
      say "$server ($docs docs, cache $cache) $label c=$c run $r/$RUNS (load $ld)"
      run_wrk "$url" "$c" "$DURATION" "$f"
      settle "$url" "$c connections, run $r"
      read -r rps p50 p99 err < <(wrk_parse "$f")
      rec wrk "$server" "$docs" "$cache" "$group" "$label" "$c" "$r" "$rps" "$p50" "$p99" "$err" "$ld"
    done
  done
}

rec meta started "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
rec meta load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
rec meta machine "$(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $(uname -r)"
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null) || rev=
if [ -n "$rev" ] && ! git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null; then rev="$rev + uncommitted changes"; fi
rec meta twoplus "$("$BIN" --version 2>&1) at $BIN${rev:+ (tree: git $rev)}"
deb() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }
rec meta versions "libmicrohttpd $(deb libmicrohttpd12), SQLite $(deb libsqlite3-0), jansson $(deb libjansson4), $("$NGINX" -v 2>&1 | sed 's|nginx version: ||'), $(wrk -v 2>&1 | head -n1 | sed 's/ Copyright.*//')"
rec meta wrk "wrk -t$WRK_THREADS -d$DURATION --timeout 10s --latency, $RUNS runs per cell after a 2 s warm-up at 64 connections; load generator and servers share the CPUs"
rec meta seed "$SEED"

# ---- 1. corpora (cached: regenerated only when the seed, size or inputs changed) ------------
# The generator's inputs (fixtures and reference data) come from a git commit when the tree is
# a git checkout, so fixtures being added meanwhile do not change the corpus; the stamp names
# their blobs, not the commit, so a commit that leaves them alone keeps the cached corpora.
GEN_ARGS=()
if REV=$(git -C "$ROOT" rev-parse --verify -q "$FIXTURES_REV^{commit}" 2>/dev/null); then
  GEN_ARGS=(--rev "$REV")
  INPUTS=$(git -C "$ROOT" ls-tree -r "$REV" -- tests/fixtures data/entities.jsonl data/meetings.jsonl)
  rec meta corpus_inputs "tests/fixtures and data/ of git commit $(git -C "$ROOT" rev-parse --short "$REV") ($FIXTURES_REV)"
else
  INPUTS=$(cat "$DATA/entities.jsonl" "$DATA/meetings.jsonl"
           find "$ROOT/tests/fixtures" -name '*.txt' | LC_ALL=C sort | xargs cat)
  rec meta corpus_inputs "tests/fixtures and data/ of the working tree (not a git checkout)"
fi
GEN_SUM=$( (cat "$HERE/gen-corpus.py"; echo "$INPUTS") | sha256sum | cut -c1-16)
for n in $SIZES; do
  dir=$OUT/corpus-$n
  stamp="seed=$SEED docs=$n gen=$GEN_SUM"
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
    step corpus || die "$dir is missing or stale and BENCH_STEPS has no 'corpus'"
    say "generating $n documents into $dir"
    rm -rf "$dir" "$dir.tmp"
    python3 "$HERE/gen-corpus.py" --seed "$SEED" --docs "$n" "${GEN_ARGS[@]}" --out "$dir.tmp" \
      || die "gen-corpus.py failed"
    mv "$dir.tmp" "$dir"
    echo "$stamp" >"$dir/.stamp"
  fi
  rec corpus "$n" "$(du -sm --exclude=.stamp "$dir/" | cut -f1)" \
    "$(find "$dir/" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1048576 }')"
done

# ---- 2. ingest, timed, and the SQLite floor for the same clean texts -----------------------
# A database is reused by later runs only when it was built from the same corpus by the same
# binary: bench/out/db-N.stamp says so, and bench/out/ingest-N.tsv keeps that run's figures.
db_stamp() { echo "corpus=$(cat "$OUT/corpus-$1/.stamp") bin=$BIN_SUM"; }
for n in $SIZES; do
  db=$OUT/db-$n.sqlite
  if ! step ingest || [[ " $INGEST_SIZES " != *" $n "* ]]; then
    if [ -f "$db" ] && [ "$(cat "$OUT/db-$n.stamp" 2>/dev/null)" = "$(db_stamp "$n")" ]; then
      say "reusing $db and the ingest figures of the run that built it"
      [ -f "$OUT/ingest-$n.tsv" ] && sed 's/^\(ingest\|floor\)\t/\1-earlier\t/' "$OUT/ingest-$n.tsv" >>"$RES"
    else
      say "no current $db (built by another binary or from another corpus): size $n skipped"
      rm -f "$db" "$OUT/db-$n.stamp"
    fi
    continue
  fi
  rm -f "$db" "$OUT/db-$n.stamp" "$OUT/ingest-$n.tsv"
  runs=1
  [ "$n" -le "$INGEST_RUNS_UPTO" ] && runs=$INGEST_RUNS
  when=$(date -u '+%Y-%m-%d %H:%M UTC')
  for r in $(seq 1 "$runs"); do
    rm -f "$db"
    ld=$(load1)
    say "ingest of $n documents, run $r/$runs (timeout ${INGEST_TIMEOUT}s, load $ld)"
    rc=0
    /usr/bin/time -v -o "$RUN/ingest-$n.$r.time" timeout -k 10 "$INGEST_TIMEOUT" \
      "$BIN" ingest --corpus "$OUT/corpus-$n" --data "$DATA" --db "$db" \
      >"$RUN/ingest-$n.$r.stdout" 2>"$RUN/ingest-$n.$r.stderr" || rc=$?
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      rm -f "$db"
      rec ingest "$n" "$r" timeout "$INGEST_TIMEOUT" - "$ld" "$when" -
      say "ingest of $n documents timed out after ${INGEST_TIMEOUT}s; later steps skip this size"
      continue 2
    fi
    [ "$rc" = 0 ] || { tail -5 "$RUN/ingest-$n.$r.stderr" >&2; die "ingest of $n documents failed ($rc)"; }
    rec ingest "$n" "$r" "$(wall_s "$RUN/ingest-$n.$r.time")" "$(peak_rss "$RUN/ingest-$n.$r.time")" \
      "$(grep -h 'ingested' "$RUN/ingest-$n.$r.stderr" | tail -n1)" "$ld" "$when" \
      "$(cpu_s "$RUN/ingest-$n.$r.time")"
  done
  # The floor: the same clean texts, read from the database twoplus built, into a bare
  # FTS5 table (three runs; bench/floor.c times the SQLite part only).
  for r in 1 2 3; do
    ld=$(load1)
    "$OUT/bin/floor" "$db" "$RUN/floor-$n.sqlite" >"$RUN/floor-$n.$r.txt" || die "floor failed"
    rec floor "$n" "$r" "$(sed -n 's/.* total \([0-9.]*\) s$/\1/p' "$RUN/floor-$n.$r.txt")" \
      "$(cat "$RUN/floor-$n.$r.txt")" "$ld" "$when"
    rm -f "$RUN/floor-$n.sqlite"
  done
  grep -E '^(ingest|floor)	'"$n"'	' "$RES" >"$OUT/ingest-$n.tsv"
  db_stamp "$n" >"$OUT/db-$n.stamp"
done

# ---- 3. restart on the unchanged corpus -------------------------------------------------------
if step restart; then
  for n in $SIZES; do
    [ -f "$OUT/db-$n.sqlite" ] || continue
    say "restart with --db on the unchanged $n-document corpus ($RESTART_RUNS runs, load $(load1))"
    python3 "$HERE/restart.py" "$RESTART_RUNS" "$BIN" "$OUT/db-$n.sqlite" "$OUT/corpus-$n" "$DATA" \
      >"$RUN/restart-$n.txt" || die "restart of the $n-document database failed"
    while read -r r s summary; do
      rec restart "$n" "$r" "$s" "$summary" "$(load1)"
    done <"$RUN/restart-$n.txt"
  done
fi

# ---- 4. baselines: bare libmicrohttpd (static, pk, list) and nginx -------------------------
if step baselines; then
  say "starting the baselines"
  "$OUT/bin/baseline_mhd" init "$RUN/items.sqlite" || die "baseline_mhd init failed"
  p=$(free_port); start_server mhd-static "http://127.0.0.1:$p/" "$OUT/bin/baseline_mhd" static "$p"
  MHD_STATIC=$URL
  p=$(free_port); start_server mhd-pk "http://127.0.0.1:$p/items/1" "$OUT/bin/baseline_mhd" pk "$p" "$RUN/items.sqlite"
  MHD_PK=$URL
  p=$(free_port); start_server mhd-list "http://127.0.0.1:$p/items" "$OUT/bin/baseline_mhd" list "$p" "$RUN/items.sqlite"
  MHD_LIST=$URL
  curl -fsS --max-time 5 -o "$RUN/www/static.json" "$MHD_STATIC/"
  chmod -R a+rX "$RUN/www"
  NG_PORT=$(free_port)
  nginx_conf "$RUN/nginx.conf" "$RUN/nginx" "$NG_PORT" "$RUN/www" application/json "" \
    "        location = /static.json { }
        location / { return 404; }"
  "$NGINX" -t -q -e "$RUN/nginx/error.log" -p "$RUN/nginx" -c "$RUN/nginx.conf" \
    || die "nginx rejects $RUN/nginx.conf"
  start_server nginx "http://127.0.0.1:$NG_PORT/static.json" \
    "$NGINX" -e "$RUN/nginx/error.log" -p "$RUN/nginx" -c "$RUN/nginx.conf"
  NG_URL=$URL
  cmp -s "$RUN/www/static.json" <(curl -fsS --max-time 5 "$NG_URL/static.json") \
    || die "nginx does not serve the same 2 KB body"
  rec meta baseline_bodies "static $(wc -c <"$RUN/www/static.json") B; one row $(curl -fsS "$MHD_PK/items/1" | wc -c) B; 20 rows $(curl -fsS "$MHD_LIST/items" | wc -c) B"

  measure mhd-static - - static "static 2 KB" "$MHD_STATIC/"
  measure nginx - - nginx "static 2 KB" "$NG_URL/static.json"
  measure mhd-pk - - pk "1 SQLite row -> 2 KB" "$MHD_PK/items/1"
  measure mhd-list - - list "20 SQLite rows" "$MHD_LIST/items"
  for s in mhd-static mhd-pk mhd-list; do
    stop_server "$s"
    rec rss "$s" - "$(peak_rss "$RUN/$s.time")" - -
  done
  stop_server nginx QUIT
fi

# ---- 5. twoplus: the endpoint mix, cache on and off ---------------------------------------
tp_start() { # NAME CACHE_MB DB
  start_server "$1" '' "$BIN" serve --db "$3" --no-ingest --data "$DATA" --access-log off \
    --listen 127.0.0.1:0 --cache-mb "$2"
}
json_first_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])'; }
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote_plus(sys.argv[1]))' "$1"; }
# check URL WHAT: one request first. Anything but 200 is reported (a "check" record, shown
# with the table) and the endpoint is still measured: wrk counts the non-2xx answers as errors.
check() {
  local code ms
  rm -f "$RUN/check.body"
  read -r code ms < <(curl -sS --max-time 60 -o "$RUN/check.body" -w '%{http_code} %{time_total}\n' "$1" \
    || echo "000 0")
  ms=$(awk -v s="$ms" 'BEGIN { printf "%.1f", s * 1000 }')
  rec check "$2" "$code" "$ms" "$(head -c 300 "$RUN/check.body" 2>/dev/null | tr '\t\n' '  ')"
  [ "$code" = 200 ] || say "WARNING: $2 answers $code: $(head -c 300 "$RUN/check.body" 2>/dev/null)"
  [ "$code" = 200 ]
}
if step mix; then
  q1=$(urlq "${SEARCH_QS%%|*}")
  for n in $MIX_SIZES; do
    db=$OUT/db-$n.sqlite
    [ -f "$db" ] || { say "no database for $n documents: no endpoint mix on it"; continue; }
    for cache in "$CACHE_MB" 0; do
      name=twoplus-mix-$n-cache$cache
      tp_start "$name" "$cache" "$db"
      base=$URL
      # Ids picked from the data itself: the newest document, the most mentioned person.
      doc=$(curl -fsS --max-time 60 "$base/v1/documents?sort=-published&limit=1" | json_first_id)
      who=$(curl -fsS --max-time 60 "$base/v1/entities?type=person&limit=1" | json_first_id)
      paths=(
        "document by id|pk|/v1/documents/$doc"
        "documents, filtered|list|/v1/documents?published_from=2005&sort=-published&limit=20"
        "entity|pk|/v1/entities/$who"
        "statements by speaker|list|/v1/statements?speaker=$who&limit=20"
        "meetings|list|/v1/meetings?limit=20"
        "search, 2 words|list|/v1/search?q=$q1&limit=20"
        "timeline|list|/v1/timeline"
      )
      for e in "${paths[@]}"; do
        IFS='|' read -r label group path <<<"$e"
        check "$base$path" "$path on $n docs, cache $cache" || true
        rec path "$label" "$path"
        [ "$cache" = 0 ] || group=static # a cached reply is a stored body, like the static one
        measure twoplus "$n" "$cache" "$group" "$label" "$base$path"
        # The same bytes as one persistent libmicrohttpd response: what a cached reply of this
        # size can cost at best (the 2 KB baseline flatters small bodies, wrongs large ones).
        if [ "$cache" != 0 ] && [ -s "$RUN/check.body" ]; then
          cp "$RUN/check.body" "$RUN/same.body"
          rec size "$label" "$(wc -c <"$RUN/same.body")"
          p=$(free_port)
          start_server mhd-same "http://127.0.0.1:$p/" "$OUT/bin/baseline_mhd" file "$p" "$RUN/same.body"
          cmp -s "$RUN/same.body" <(curl -fsS --max-time 5 "$URL/") || die "baseline_mhd file serves other bytes"
          measure mhd-same "$n" - same "$label" "$URL/"
          stop_server mhd-same
        fi
      done
      stop_twoplus "$name" "$n" "$cache"
    done
  done
fi

# ---- 6. a scaled-up database for search, when the big corpus could not be ingested --------
# The stamp names the source corpus and the schema, not the binary: the copies' FTS index has
# the same shape whichever build extracted the texts.
scaled_stamp() { echo "corpus=$(cat "$OUT/corpus-$2/.stamp" 2>/dev/null) schema=$(sha256sum "$ROOT/store/schema.sql" | cut -c1-16) factor=$(($1 / $2))"; }
for sc in $SCALE; do
  big=${sc%%=*} small=${sc#*=}
  case $big$small in '' | *[!0-9]*) die "BENCH_SCALE: want BIG=SMALL, got '$sc'" ;; esac
  [ $((big % small)) = 0 ] && [ "$big" -gt "$small" ] || die "BENCH_SCALE: $big is not a multiple of $small"
  [ -f "$OUT/db-$big.sqlite" ] && continue
  if [ -f "$OUT/db-scaled-$big.sqlite" ] && [ "$(cat "$OUT/db-scaled-$big.stamp" 2>/dev/null)" = "$(scaled_stamp "$big" "$small")" ]; then
    continue
  fi
  rm -f "$OUT/db-scaled-$big.sqlite" "$OUT/db-scaled-$big.stamp"
  step scale || continue
  [ -f "$OUT/db-$small.sqlite" ] || { say "no db-$small.sqlite to scale up to $big"; continue; }
  say "building db-scaled-$big.sqlite: db-$small.sqlite x $((big / small)) (load $(load1))"
  python3 "$HERE/scale-db.py" "$OUT/db-$small.sqlite" $((big / small)) "$OUT/db-scaled-$big.sqlite" \
    >"$RUN/scale-$big.txt" || die "scale-db.py failed"
  scaled_stamp "$big" "$small" >"$OUT/db-scaled-$big.stamp"
  rec meta "scaled_$big" "$(cat "$RUN/scale-$big.txt")"
done

# ---- 7. search on each corpus size, 64 connections, cache off ------------------------------
if step search; then
  for n in $SEARCH_SIZES; do
    db=$OUT/db-$n.sqlite
    label=$n
    if [ ! -f "$db" ] && [ -f "$OUT/db-scaled-$n.sqlite" ]; then
      db=$OUT/db-scaled-$n.sqlite label=${n}s
      rec meta "scaled_$n" "search on $n documents uses db-scaled-$n.sqlite ($(cat "$OUT/db-scaled-$n.stamp")), not an ingest of corpus-$n"
    fi
    [ -f "$db" ] || { say "no database for $n documents: no search on it"; continue; }
    name=twoplus-search-$label
    tp_start "$name" 0 "$db"
    IFS='|' read -r -a qs <<<"$SEARCH_QS"
    for q in "${qs[@]}"; do
      url="$URL/v1/search?q=$(urlq "$q")&limit=20"
      if check "$url" "search '$q' on $label docs"; then
        rec hits "$label" "$q" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["page"].get("total", "?"))' "$RUN/check.body")"
      else
        rec hits "$label" "$q" "? (HTTP $(tail -n1 "$RES" | cut -f3))"
      fi
      measure twoplus-search "$label" 0 list "search '$q'" "$url" 64
    done
    stop_twoplus "$name" "$label" 0
  done
fi

rec meta finished "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
rec meta load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$HERE/report.py" "$RES" >"$OUT/all.md" || die "report.py failed"
cat "$OUT/all.md"
say "wrote $OUT/all.md (raw outputs in $RUN)"
exit
}
