#!/usr/bin/env bash
# bench/run.sh: twoplus against nginx serving the same JSON bodies as static files, with wrk,
# on loopback. Writes the table to stdout and, with the machine and versions, to
# bench/out/results.md; raw wrk outputs go to bench/out/wrk/. See bench/README.md.
#
#   bench/run.sh                         # builds bench/out/build/twoplus (release) first
#   TWOPLUS_BIN=/path/to/twoplus bench/run.sh
#
# Knobs (environment): BENCH_DURATION (10s), BENCH_RUNS (3), BENCH_CONNS ("64 256"),
# BENCH_WRK_THREADS (2), BENCH_CORPUS (corpus/), BENCH_NGINX_OPEN_FILE_CACHE (0; 1 = on),
# BENCH_TWOPLUS_ARGS (more twoplus options, e.g. "--cache-mb 0"; TWOPLUS_* variables work too).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out
DURATION=${BENCH_DURATION:-10s}
RUNS=${BENCH_RUNS:-3}
CONNS=${BENCH_CONNS:-64 256}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
CORPUS=${BENCH_CORPUS:-$ROOT/corpus}
OPEN_FILE_CACHE=${BENCH_NGINX_OPEN_FILE_CACHE:-0}
read -r -a TP_EXTRA <<<"${BENCH_TWOPLUS_ARGS:-}"

# shellcheck source=bench/lib.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

# ---- what it needs -----------------------------------------------------------------------
# Debian packages, installed only when missing (and only as root). nginx's own service is not
# ours: where apt starts it (a machine with systemd and no policy-rc.d), it stays as it was.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/time ] || missing+=(time)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if [ -z "${TWOPLUS_BIN:-}" ]; then
  command -v meson >/dev/null || missing+=(meson ninja-build gcc)
  command -v pkg-config >/dev/null \
    && pkg-config --exists libmicrohttpd jansson sqlite3 zlib libcrypto libpcre2-8 \
    || missing+=(pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev zlib1g-dev
                 libssl-dev libpcre2-dev)
fi
install_missing "${missing[@]}"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

mkdir -p "$OUT"
rm -rf "$OUT/www" "$OUT/wrk" "$OUT/nginx"
mkdir -p "$OUT/www" "$OUT/wrk" "$OUT/nginx/tmp"

# ---- (a) the binary ----------------------------------------------------------------------
if [ -n "${TWOPLUS_BIN:-}" ]; then
  BIN=$TWOPLUS_BIN
  [ -x "$BIN" ] || die "TWOPLUS_BIN=$BIN is not an executable"
else
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

# ---- cleanup: everything started below is stopped on any exit ------------------------------
TIME_PID='' TWOPLUS_PID='' NGINX_PID='' WRK_PID=''
cleanup() {
  set +e
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null && wait "$WRK_PID" 2>/dev/null
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null # graceful: workers finish, then the master exits
    for _ in $(seq 1 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
  fi
  NGINX_PID=
  if [ -n "$TWOPLUS_PID" ] && kill -0 "$TWOPLUS_PID" 2>/dev/null; then
    kill -TERM "$TWOPLUS_PID" 2>/dev/null # twoplus drains requests in flight (10 s at most)
    for _ in $(seq 1 150); do kill -0 "$TWOPLUS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$TWOPLUS_PID" 2>/dev/null
  fi
  TWOPLUS_PID=
  [ -n "$TIME_PID" ] && wait "$TIME_PID" 2>/dev/null
  TIME_PID=
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


# The whole machine's busy CPU time from here to the end, to tell how much other work ran
# alongside (fields of the "cpu" line: user nice system idle iowait irq softirq steal).
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# CPU seconds of this shell's reaped children so far (`times` must run in this shell: a
# subshell would count only its own children).
children_cpu() { tail -n1 "$1" | awk '{ t = 0
  for (i = 1; i <= NF; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] }
  print t }'; }
times >"$OUT/times.start"
BUSY0=$(cpu_busy)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date +%s)

# ---- (b) twoplus, under /usr/bin/time -v for its peak RSS ---------------------------------
TP_ARGS=(serve --corpus "$CORPUS" --access-log off --listen 127.0.0.1:0 "${TP_EXTRA[@]}")
say "starting $BIN ${TP_ARGS[*]}"
/usr/bin/time -v -o "$OUT/twoplus.time" "$BIN" "${TP_ARGS[@]}" \
  >"$OUT/twoplus.stdout" 2>"$OUT/twoplus.stderr" &
TIME_PID=$!
TP_URL=
for _ in $(seq 1 300); do
  [ -n "$TWOPLUS_PID" ] || TWOPLUS_PID=$(pgrep -P "$TIME_PID" || true)
  TP_URL=$(sed -n 's|^twoplus listening on \(http://[^ ]*\)$|\1|p' "$OUT/twoplus.stdout")
  [ -n "$TP_URL" ] && [ -n "$TWOPLUS_PID" ] && break
  kill -0 "$TIME_PID" 2>/dev/null || { cat "$OUT/twoplus.stderr" >&2; die "twoplus exited"; }
  sleep 0.1
done
[ -n "$TP_URL" ] || { cat "$OUT/twoplus.stderr" >&2; die "twoplus did not say where it listens"; }
case $TP_URL in http://127.0.0.1:*) ;; *) die "twoplus listens on $TP_URL, not loopback" ;; esac
say "twoplus listening on $TP_URL (pid $TWOPLUS_PID)"

# ---- (c) the bodies nginx will serve -----------------------------------------------------
curl -fsS --max-time 10 -D "$OUT/twoplus.list.headers" -o "$OUT/www/documents.json" \
  "$TP_URL/v1/documents"
FIRST_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"][0]["id"])' \
  "$OUT/www/documents.json") || die "/v1/documents has no first document"
curl -fsS --max-time 10 -D "$OUT/twoplus.doc.headers" -o "$OUT/www/document.json" \
  "$TP_URL/v1/documents/$FIRST_ID"
chmod -R a+rX "$OUT/www"
TP_CTYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype: *\([^\r]*\)\r*$/\1/p' "$OUT/twoplus.list.headers")
[ -n "$TP_CTYPE" ] || die "twoplus sent no Content-Type"

# ---- (d) nginx on loopback, same bodies, same Content-Type, comparable headers -----------
NG_PORT=$(free_port)
ofc="open_file_cache off;"
[ "$OPEN_FILE_CACHE" = 1 ] && ofc="open_file_cache max=64 inactive=60s; open_file_cache_valid 60s;"
nginx_conf "$OUT/nginx.conf" "$OUT/nginx" "$NG_PORT" "$OUT/www" "$TP_CTYPE" "$ofc" \
"        # The headers twoplus sends besides the body, so replies are about the same size.
        add_header Cache-Control \"public, max-age=60\";
        add_header Vary \"Accept-Encoding\";
        add_header Access-Control-Allow-Origin \"*\";
        add_header Access-Control-Expose-Headers \"ETag, Link\";
        location = /v1/documents { alias $OUT/www/documents.json; }
        location = /v1/documents/$FIRST_ID { alias $OUT/www/document.json; }
        location / { return 404; }"
"$NGINX" -t -q -e "$OUT/nginx/error.log" -p "$OUT/nginx" -c "$OUT/nginx.conf" \
  || die "nginx rejects $OUT/nginx.conf"
"$NGINX" -e "$OUT/nginx/error.log" -p "$OUT/nginx" -c "$OUT/nginx.conf" &
NGINX_PID=$!
NG_URL=http://127.0.0.1:$NG_PORT
for _ in $(seq 1 100); do
  curl -fsS --max-time 2 -o /dev/null "$NG_URL/v1/documents" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$OUT/nginx/error.log" >&2; die "nginx exited"; }
  sleep 0.1
done
say "nginx listening on $NG_URL (pid $NGINX_PID)"

# Same bytes, same Content-Type, and both keep the connection open between requests: a
# server that answers "Connection: close" would be measured on connection setup instead.
check_same() { # PATH NAME
  local name=$2 tpc ngc
  curl -fsS --max-time 5 -D "$OUT/$name.twoplus.h" -o "$OUT/$name.twoplus.b" "$TP_URL$1"
  curl -fsS --max-time 5 -D "$OUT/$name.nginx.h" -o "$OUT/$name.nginx.b" "$NG_URL$1"
  cmp -s "$OUT/$name.twoplus.b" "$OUT/$name.nginx.b" || die "$1: nginx's body differs"
  tpc=$(grep -i '^content-type:' "$OUT/$name.twoplus.h" | tr -d '\r')
  ngc=$(grep -i '^content-type:' "$OUT/$name.nginx.h" | tr -d '\r')
  [ "${tpc,,}" = "${ngc,,}" ] || die "$1: Content-Type '$tpc' vs '$ngc'"
  for url in "$TP_URL$1" "$NG_URL$1"; do
    # Two requests on one curl handle: the second must reuse the first's connection.
    conns=$(curl -fsS --max-time 5 -o /dev/null -o /dev/null -w '%{num_connects} ' "$url" "$url")
    [ "$conns" = "1 0 " ] || say "WARNING: $url does not keep the connection open (connects: $conns)"
  done
  if grep -qi '^connection: *close' "$OUT/$name.twoplus.h"; then
    say "WARNING: twoplus answers $1 with Connection: close"
  fi
}
check_same /v1/documents list
check_same "/v1/documents/$FIRST_ID" doc

# ---- (e) wrk ---------------------------------------------------------------------------
# Prints "REQ_PER_S P99_MS REQUESTS ERRORS" for one wrk output file.
wrk_parse() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^ *99%/ { p99 = ms($2) }
    /requests in/ { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Socket errors:/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { err += $5 }
    END { printf "%.0f %.3f %d %d\n", rps, p99, n, err }' "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run_wrk() { # URL CONNS DURATION OUTFILE
  local secs=${3%s}
  timeout -k 5 $((secs + 30)) wrk -t"$WRK_THREADS" -c"$2" -d"$3" --timeout 5s --latency "$1" \
    >"$4" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || { WRK_PID=; cat "$4" >&2; die "wrk failed against $1"; }
  WRK_PID=
}

declare -A TOTAL_REQ=([twoplus]=0 [nginx]=0)
ROWS=()
RAW=()
SPREADS=()
for ep in list doc; do
  if [ $ep = list ]; then path=/v1/documents; else path=/v1/documents/$FIRST_ID; fi
  label=$([ $ep = list ] && echo "/v1/documents" || echo "/v1/documents/{id}")
  for srv in twoplus nginx; do # warm-up, not counted
    base=$TP_URL; [ "$srv" = nginx ] && base=$NG_URL
    run_wrk "$base$path" 64 2s "$OUT/wrk/warmup.$ep.$srv.txt"
    read -r _ _ n _ < <(wrk_parse "$OUT/wrk/warmup.$ep.$srv.txt")
    TOTAL_REQ[$srv]=$((TOTAL_REQ[$srv] + n))
  done
  for c in $CONNS; do
    declare -A RPS=() P99=()
    errs_note=
    for r in $(seq 1 "$RUNS"); do
      # Alternate which server goes first, so drift in the machine does not favour one.
      order="twoplus nginx"; [ $((r % 2)) = 0 ] && order="nginx twoplus"
      for srv in $order; do
        base=$TP_URL; [ "$srv" = nginx ] && base=$NG_URL
        f=$OUT/wrk/$ep.c$c.$srv.run$r.txt
        say "$label c=$c $srv run $r/$RUNS"
        run_wrk "$base$path" "$c" "$DURATION" "$f"
        read -r rps p99 n err < <(wrk_parse "$f")
        RPS[$srv]+="$rps "; P99[$srv]+="$p99 "
        TOTAL_REQ[$srv]=$((TOTAL_REQ[$srv] + n))
        [ "$err" = 0 ] || errs_note+=" $srv run $r: $err errors/non-2xx;"
        RAW+=("| $label | $c | $srv | $r | $rps | $p99 | $err |")
      done
    done
    tr=$(tr ' ' '\n' <<<"${RPS[twoplus]}" | grep . | median)
    nr=$(tr ' ' '\n' <<<"${RPS[nginx]}" | grep . | median)
    tp=$(tr ' ' '\n' <<<"${P99[twoplus]}" | grep . | median)
    np=$(tr ' ' '\n' <<<"${P99[nginx]}" | grep . | median)
    ratio=$(awk -v a="$tr" -v b="$nr" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    ROWS+=("| $label | $c | $(printf %.0f "$tr") | $(printf %.0f "$nr") | $ratio | $(printf %.2f "$tp") | $(printf %.2f "$np") |${errs_note:+ errors:$errs_note}")
    for srv in twoplus nginx; do # the widest spread of req/s between runs of one cell
      SPREADS+=("$(tr ' ' '\n' <<<"${RPS[$srv]}" | grep . | sort -g \
        | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.0f", (lo > 0 ? (hi / lo - 1) * 100 : 0) }')")
    done
    unset RPS P99
  done
done

# Server CPU per request: nginx's workers from /proc before they stop, twoplus's from time -v.
clk=$(getconf CLK_TCK)
ng_ticks=0
for w in $NGINX_PID $(pgrep -P "$NGINX_PID" || true); do
  read -r -a st <"/proc/$w/stat"
  # utime and stime are fields 14 and 15; the command name (field 2) has no spaces here.
  ng_ticks=$((ng_ticks + st[13] + st[14]))
done
# Everything served besides wrk's load: the few curl checks above, negligible.

cleanup
trap - EXIT
# Our children's CPU (twoplus, nginx, wrk, curl: all reaped by now) against the machine's.
times >"$OUT/times.end"
ch_s=$(awk -v a="$(children_cpu "$OUT/times.start")" -v b="$(children_cpu "$OUT/times.end")" \
  'BEGIN { print b - a }')
other_pct=$(awk -v b0="$BUSY0" -v b1="$(cpu_busy)" -v clk="$(getconf CLK_TCK)" -v own="$ch_s" \
  -v el=$(($(date +%s) - STARTED)) -v n="$(nproc)" \
  'BEGIN { o = (b1 - b0) / clk - own; if (o < 0) o = 0; printf "%.0f", (el > 0 ? o / (el * n) * 100 : 0) }')
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
max_spread=$(printf '%s\n' "${SPREADS[@]}" | sort -n | tail -n1)
tp_rc=$(sed -n 's/^\s*Exit status: //p' "$OUT/twoplus.time")
tp_rss=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$OUT/twoplus.time")
tp_user=$(sed -n 's/^\s*User time (seconds): //p' "$OUT/twoplus.time")
tp_sys=$(sed -n 's/^\s*System time (seconds): //p' "$OUT/twoplus.time")
tp_us=$(awk -v u="$tp_user" -v s="$tp_sys" -v n="${TOTAL_REQ[twoplus]}" \
  'BEGIN { printf "%.1f", n ? (u + s) * 1e6 / n : 0 }')
ng_us=$(awk -v t="$ng_ticks" -v c="$clk" -v n="${TOTAL_REQ[nginx]}" \
  'BEGIN { printf "%.1f", n ? t / c * 1e6 / n : 0 }')
stderr_lines=$(wc -l <"$OUT/twoplus.stderr")

# ---- the report --------------------------------------------------------------------------
deb() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo "?"; }
{
  echo "# twoplus vs nginx (static copy of the same body)"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)," \
       "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $(uname -r)"
  if [ -n "${TWOPLUS_BIN:-}" ]; then
    echo "- twoplus: $("$BIN" --version 2>&1), TWOPLUS_BIN=$BIN (built elsewhere; release build assumed)"
  else
    rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null) || rev=
    if [ -n "$rev" ]; then
      git -C "$ROOT" diff --quiet HEAD -- 2>/dev/null || rev="$rev + uncommitted changes"
    fi
    echo "- twoplus: $("$BIN" --version 2>&1), release build of ${rev:+git }${rev:-a tree outside git}"
  fi
  echo "- libmicrohttpd $(deb libmicrohttpd12), SQLite $(deb libsqlite3-0), jansson $(deb libjansson4)"
  echo "- $("$NGINX" -v 2>&1 | sed 's|nginx version: ||') (worker_processes 2, access_log off," \
       "keepalive_requests 1000000, open_file_cache $([ "$OPEN_FILE_CACHE" = 1 ] && echo on || echo off))"
  echo "- $(wrk -v 2>&1 | head -n1 | sed 's/ Copyright.*//'), -t$WRK_THREADS -d$DURATION --latency," \
       "median of $RUNS runs, the two servers alternating; load and servers share the CPUs"
  echo "- corpus: $CORPUS ($(ls "$CORPUS"/*.txt 2>/dev/null | wc -l) files);" \
       "bodies: /v1/documents $(wc -c <"$OUT/www/documents.json") B," \
       "/v1/documents/{id} $(wc -c <"$OUT/www/document.json") B (id $FIRST_ID)"
  echo
  echo "| endpoint | connections | twoplus req/s | nginx req/s | twoplus/nginx | twoplus p99 ms | nginx p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "- twoplus peak RSS (time -v): ${tp_rss} KiB; exit status on SIGTERM: ${tp_rc:-?};" \
       "stderr lines during the run: $stderr_lines"
  echo "- server CPU per request (user+sys over all requests served, warm-ups included):" \
       "twoplus $tp_us µs, nginx $ng_us µs"
  echo "- twoplus options: ${TP_ARGS[*]}$(env | grep -E '^TWOPLUS_[A-Z_]+=' | grep -v '^TWOPLUS_BIN=' | sed 's/^/ /' | tr '\n' ' ')"
  echo "- noise: other processes used ${other_pct}% of the machine's CPU during the run; load" \
       "average $LOAD0 at the start, $LOAD1 at the end; widest req/s spread between runs of" \
       "one cell ${max_spread}% (the notes: under ~15% is noise)"
  echo
  echo "<details><summary>every run</summary>"
  echo
  echo "| endpoint | connections | server | run | req/s | p99 ms | errors |"
  echo "|---|---:|---|---:|---:|---:|---:|"
  printf '%s\n' "${RAW[@]}"
  echo
  echo "</details>"
} >"$OUT/results.md"

sed -n '/^| endpoint | connections | twoplus/,/^$/p' "$OUT/results.md"
grep -E '^- (twoplus peak|server CPU|noise)' "$OUT/results.md"
say "wrote $OUT/results.md"
[ "$tp_rc" = 0 ] || die "twoplus exited with status ${tp_rc:-?} on SIGTERM"
