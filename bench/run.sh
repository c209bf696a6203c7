#!/usr/bin/env bash
# Load benchmark of the read API on PostgreSQL with 100,000 demo assets (issue 2).
# Needs: wrk (apt-get install wrk), psql/pgbench, a PostgreSQL on 127.0.0.1.
# Usage: bench/run.sh [DURATION_SECONDS]   — loopback only, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
PG="${RADGESTMAT_PG_URL:-postgres://postgres@127.0.0.1:5432}"
DB=radgestmat_bench
PORT=18099
OUT=bench/out; mkdir -p "$OUT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/radgestmat/target}"

cargo build --release --locked -q
BIN="$CARGO_TARGET_DIR/release/radgestmat"
psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export RADGESTMAT_DATABASE_URL="$PG/$DB" RADGESTMAT_LISTEN="127.0.0.1:$PORT" RADGESTMAT_LOG=warn
/usr/bin/time -f "demo-data: %e s, %M KiB max RSS" "$BIN" demo-data --assets 100000 --seed 1
"$BIN" serve > "$OUT/serve.log" 2>&1 &
SERVER=$!; trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 50); do curl -sf "127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
PASSWORD=$(grep 'password:' "$OUT/serve.log" | awk '{print $NF}')
curl -s -c "$OUT/jar" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "127.0.0.1:$PORT/api/v1/auth/login" >/dev/null
TOKEN=$(curl -s -b "$OUT/jar" -H 'content-type: application/json' -d '{"name":"bench"}' \
  "127.0.0.1:$PORT/api/v1/me/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')
CATEGORY=$(psql "$PG/$DB" -Atc "select id from categories order by id limit 1")
ID=$(psql "$PG/$DB" -Atc "select id from assets order by random() limit 1")

run() { # name path
  echo "== $1: $2"
  wrk -t2 -c32 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$2" \
    | grep -E 'Requests/sec|50%|99%|Non-2xx'
}
run list "/api/v1/assets?limit=50"
run filtered "/api/v1/assets?limit=50&status=in_stock&category_id=$CATEGORY"
run search "/api/v1/assets?limit=50&q=latitude"
run detail "/api/v1/assets/$ID"

# The yardstick: the database alone, with the list query the endpoint issues.
cat > "$OUT/list.sql" <<SQL
SELECT a.*, s.* FROM assets a LEFT JOIN assignments s ON s.asset_id = a.id AND s.returned_at IS NULL
ORDER BY a.asset_tag, a.id LIMIT 51;
SQL
echo "== pgbench list query"
pgbench -n -M prepared -c 32 -j 2 -T "$DURATION" -f "$OUT/list.sql" "$PG/$DB" | grep -E 'tps|latency average'
