# shellcheck shell=bash
# Sourced by the benchmark scripts: builds the release binary, loads 100,000 demo assets into
# a fresh database, serves it on 127.0.0.1:$PORT and leaves an API token in $TOKEN.
# BACKEND=postgres (default: database radgestmat_bench, dropped and re-created) or sqlite
# (a file under bench/out). The server stops when the calling script exits.
PG="${RADGESTMAT_PG_URL:-postgres://postgres@127.0.0.1:5432}"
DB=radgestmat_bench
PORT=18099
URL="http://127.0.0.1:$PORT"
OUT=bench/out; mkdir -p "$OUT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/radgestmat/target}"

cargo build --release --locked -q
BIN="$CARGO_TARGET_DIR/release/radgestmat"
case "${BACKEND:-postgres}" in
  postgres)
    psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    DATABASE_URL="$PG/$DB" ;;
  sqlite)
    rm -f "$OUT"/bench.db*
    DATABASE_URL="sqlite://$OUT/bench.db" ;;
  *) echo "BACKEND must be postgres or sqlite" >&2; exit 2 ;;
esac
export RADGESTMAT_DATABASE_URL="$DATABASE_URL" RADGESTMAT_LISTEN="127.0.0.1:$PORT" RADGESTMAT_LOG=warn
/usr/bin/time -f "demo-data: %e s, %M KiB max RSS" "$BIN" demo-data --assets 100000 --seed 1
"$BIN" serve > "$OUT/serve.log" 2>&1 &
SERVER=$!; trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -sf "$URL/readyz" >/dev/null && break; sleep 0.2; done
PASSWORD=$(grep 'password:' "$OUT/serve.log" | awk '{print $NF}')
curl -s -c "$OUT/jar" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/auth/login" >/dev/null
# shellcheck disable=SC2034  # used by the scripts that source this one
TOKEN=$(curl -s -b "$OUT/jar" -H 'content-type: application/json' -d '{"name":"bench"}' \
  "$URL/api/v1/me/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
