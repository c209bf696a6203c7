#!/usr/bin/env bash
# Load benchmark of the read API on PostgreSQL with 100,000 demo assets (issue 2).
# Needs: wrk (apt-get install wrk), psql/pgbench, a PostgreSQL on 127.0.0.1.
# Usage: bench/run.sh [DURATION_SECONDS]   — loopback only, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
. bench/serve.sh
CATEGORY=$(psql "$PG/$DB" -Atc "select id from categories order by id limit 1")
ID=$(psql "$PG/$DB" -Atc "select id from assets order by random() limit 1")

run() { # name path
  echo "== $1: $2"
  wrk -t2 -c32 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$URL$2" > "$OUT/wrk.txt"
  grep -E 'Requests/sec|50%|99%|Non-2xx' "$OUT/wrk.txt"
  if grep -q 'Non-2xx' "$OUT/wrk.txt"; then fail "$1: some requests failed"; fi
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
