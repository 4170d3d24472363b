#!/usr/bin/env bash
# tests/container/smoke.sh: a quick check of a running twoplus over HTTP, for the image.
#
#   CONTAINER_URL=http://127.0.0.1:18080 tests/container/smoke.sh
#   /work/shared/tools/container-check -d . -- tests/container/smoke.sh
#
# Checks /healthz, /readyz, /v1/documents and the first document by id: status, Content-Type
# and the JSON. Needs curl and python3. Exit 0 = all passed; each failure prints one line.
set -euo pipefail

BASE=${CONTAINER_URL:?set CONTAINER_URL, e.g. http://127.0.0.1:8080}
BASE=${BASE%/}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0

# get PATH NAME: fetches BASE/PATH into $TMP/NAME.body; prints "STATUS CONTENT-TYPE".
get() {
  curl -sS --max-time 10 -o "$TMP/$2.body" -w '%{http_code} %{content_type}' "$BASE$1"
}

# check NAME PATH WANT_STATUS WANT_TYPE PYTHON_EXPR: the expression sees the parsed body as
# `j`; WANT_TYPE is the media type without parameters.
check() {
  local name=$1 path=$2 want=$3 want_type=$4 expr=$5 got status ctype
  if ! got=$(get "$path" "$name"); then
    echo "FAIL $path: no answer"; fails=$((fails + 1)); return
  fi
  status=${got%% *} ctype=${got#* }
  if [ "$status" != "$want" ]; then
    echo "FAIL $path: status $status, want $want"; fails=$((fails + 1)); return
  fi
  if [ "${ctype%%;*}" != "$want_type" ]; then
    echo "FAIL $path: Content-Type '$ctype', want $want_type"; fails=$((fails + 1)); return
  fi
  if ! python3 - "$TMP/$name.body" "$expr" <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval("(" + sys.argv[2] + ")", {}, {"j": j}) else 1)
PY
  then
    echo "FAIL $path: body does not satisfy: $expr"; head -c 300 "$TMP/$name.body"; echo
    fails=$((fails + 1)); return
  fi
  echo "ok   $path"
}

check healthz /healthz 200 application/json 'j == {"status": "ok"}'
check readyz /readyz 200 application/json 'j.get("status") == "ready"'
check list /v1/documents 200 application/json \
  'isinstance(j.get("data"), list) and len(j["data"]) >= 1 and
   all(isinstance(d.get("id"), str) and d["id"] and isinstance(d.get("word_count"), int)
       and len(d.get("sha256", "")) == 64 for d in j["data"])'

first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"][0]["id"])' \
        "$TMP/list.body" 2>/dev/null || true)
if [ -n "$first" ]; then
  check doc "/v1/documents/$first" 200 application/json \
    "j.get('id') == '$first' and isinstance(j.get('text'), str) and len(j['text']) > 0"
else
  echo "FAIL /v1/documents/{id}: no first id in the list"; fails=$((fails + 1))
fi
check missing /v1/documents/no-such-document 404 application/problem+json \
  'j.get("status") == 404 and j.get("instance") == "/v1/documents/no-such-document"'

if [ "$fails" -ne 0 ]; then
  echo "smoke: $fails check(s) failed against $BASE"; exit 1
fi
echo "smoke: all checks passed against $BASE"
