# shellcheck shell=bash
# Sourced by the benchmark scripts: builds the binary, loads the demo company into a fresh
# database, serves it on 127.0.0.1:$PORT with a fresh secret key and leaves an API token in $TOKEN.
# BACKEND=postgres (default: database radgestmat_bench, dropped and re-created) or sqlite
# (a file under bench/out). The server stops when the calling script exits.
# BENCH_SMOKE=1 is the light check `scripts/test` runs: the debug build, 300 assets, and every
# step must succeed, so that a script that no longer starts is noticed.
PG="${RADGESTMAT_PG_URL:-postgres://postgres@127.0.0.1:5432}"
DB=radgestmat_bench
PORT=18099
URL="http://127.0.0.1:$PORT"
OUT=bench/out; mkdir -p "$OUT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/radgestmat/target}"

fail() { echo "bench: $*" >&2; exit 1; }

if [ -n "${BENCH_SMOKE:-}" ]; then
  cargo build --locked -q -p radgestmat
  BIN="$CARGO_TARGET_DIR/debug/radgestmat"; ASSETS=300
else
  cargo build --release --locked -q
  BIN="$CARGO_TARGET_DIR/release/radgestmat"; ASSETS=100000
fi
case "${BACKEND:-postgres}" in
  postgres)
    psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    DATABASE_URL="$PG/$DB" ;;
  sqlite)
    rm -f "$OUT"/bench.db*
    DATABASE_URL="sqlite://$OUT/bench.db" ;;
  *) echo "BACKEND must be postgres or sqlite" >&2; exit 2 ;;
esac
# `serve` refuses to start on PostgreSQL (and in production) without a secret key: one per run.
RADGESTMAT_SECRET_KEY="$("$BIN" config generate-key)"
export RADGESTMAT_DATABASE_URL="$DATABASE_URL" RADGESTMAT_LISTEN="127.0.0.1:$PORT" RADGESTMAT_LOG=warn \
  RADGESTMAT_SECRET_KEY
/usr/bin/time -f "demo-data: %e s, %M KiB max RSS" "$BIN" demo-data --assets "$ASSETS" --seed 1
"$BIN" serve > "$OUT/serve.log" 2>&1 &
SERVER=$!; trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "$URL/readyz" >/dev/null && break; sleep 0.2; done
curl -sf "$URL/readyz" >/dev/null || fail "the server did not start: $(cat "$OUT/serve.log")"
PASSWORD=$(grep 'password:' "$OUT/serve.log" | awk '{print $NF}')
curl -sf -c "$OUT/jar" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/auth/login" >/dev/null \
  || fail "cannot sign in as admin"
# shellcheck disable=SC2034  # used by the scripts that source this one
TOKEN=$(curl -sf -b "$OUT/jar" -H 'content-type: application/json' -d '{"name":"bench"}' \
  "$URL/api/v1/me/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
[ -n "$TOKEN" ] || fail "no API token"
