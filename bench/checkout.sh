#!/usr/bin/env bash
# Check-out + check-in pairs over HTTP (issue 4): 32 connections, each on its own random assets
# in stock, 100,000 demo assets, the audit chain sealed meanwhile. On PostgreSQL it then runs
# pgbench with the same statements in the same two transactions: the yardstick.
# Usage: bench/checkout.sh [DURATION_SECONDS] [postgres|sqlite]   — loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
BACKEND="${2:-postgres}"
. bench/serve.sh

open_assignments() {
  curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/assignments?open=true&count=true&limit=1" \
    | grep -o '"total":[0-9]*' | cut -d: -f2
}
BEFORE=$(open_assignments)
echo "== check-out + check-in pairs on $BACKEND"
# The smoke check runs the client unoptimised (`cargo test` runs a bench target's main too).
if [ -n "${BENCH_SMOKE:-}" ]; then RUN=(cargo test -q --locked); else RUN=(cargo bench -q --locked); fi
"${RUN[@]}" -p radgestmat --bench checkout -- --url "$URL" --token "$TOKEN" --seconds "$DURATION" --connections 32
echo "== afterwards"
VERIFY=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/audit/verify"); echo "$VERIFY"
AFTER=$(open_assignments)
echo "open assignments: $BEFORE before (demo data), $AFTER after"
case "$VERIFY" in *'"ok":true'*) ;; *) fail "the audit chain does not verify" ;; esac
[ "$BEFORE" = "$AFTER" ] || fail "assignments were left open"

[ "$BACKEND" = postgres ] || exit 0
# The yardstick: the statements the two use cases issue, without HTTP, JSON or the sequencer.
# Each client draws from its own share of the assets in stock, as the HTTP clients do.
psql "$PG/$DB" -q -c "CREATE TABLE bench_stock AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM assets
  WHERE status = 'in_stock'" -c "CREATE UNIQUE INDEX ON bench_stock (n)"
# Each of the 32 clients draws among its own share of the stock (2,000 each at 100,000 assets).
SHARE=$(( $(psql "$PG/$DB" -Atc "SELECT count(*) FROM bench_stock") / 32 ))
EMPLOYEES=$(psql "$PG/$DB" -Atc "SELECT max(id) FROM employees")
cat > "$OUT/pair.sql" <<SQL
\set n 1 + :client_id + 32 * random(0, $(( SHARE - 1 )))
SELECT id FROM bench_stock WHERE n = :n \\gset
\set emp random(1, $EMPLOYEES)
BEGIN;
SELECT * FROM employees WHERE id = :emp;
SELECT id, asset_tag, name, status, site_id, location_id FROM assets WHERE id = :id;
UPDATE assets SET status = 'assigned', site_id = site_id, location_id = NULL, version = version + 1,
  updated_at = now() WHERE id = :id AND status = 'in_stock';
INSERT INTO assignments (asset_id, employee_id, location_id, checked_out_at, checked_out_by, expected_return_at,
  returned_at, returned_by, condition, note, outcome, return_note, home_site_id, home_location_id)
  VALUES (:id, :emp, NULL, now(), 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, 1) RETURNING id;
INSERT INTO audit_entries (at, actor_kind, actor_id, actor_name, token_id, action, entity, entity_id, asset_tag,
  before, after, ip, user_agent, request_id) VALUES (now(), 'token', 1, 'admin', 1, 'asset.checkout', 'asset', :id,
  'KIT-000001', '{"status":"in_stock"}', '{"status":"assigned","assignment":{"id":1,"employee_id":1}}',
  '127.0.0.1', 'bench', 'bench') RETURNING id;
INSERT INTO audit_pending (entry_id) VALUES (currval('audit_entries_id_seq'));
COMMIT;
BEGIN;
SELECT id, asset_tag, name, status, site_id, location_id FROM assets WHERE id = :id;
SELECT * FROM assignments WHERE asset_id = :id AND returned_at IS NULL;
SELECT * FROM locations WHERE id = 1;
UPDATE assignments SET returned_at = now(), returned_by = 1, condition = 'ok', outcome = 'returned',
  return_note = NULL WHERE asset_id = :id AND returned_at IS NULL;
UPDATE assets SET status = 'in_stock', site_id = site_id, location_id = location_id, version = version + 1,
  updated_at = now() WHERE id = :id AND status = 'assigned';
INSERT INTO audit_entries (at, actor_kind, actor_id, actor_name, token_id, action, entity, entity_id, asset_tag,
  before, after, ip, user_agent, request_id) VALUES (now(), 'token', 1, 'admin', 1, 'asset.checkin', 'asset', :id,
  'KIT-000001', '{"status":"assigned"}', '{"status":"in_stock","assignment":{"id":1,"outcome":"returned"}}',
  '127.0.0.1', 'bench', 'bench') RETURNING id;
INSERT INTO audit_pending (entry_id) VALUES (currval('audit_entries_id_seq'));
COMMIT;
SQL
kill $SERVER 2>/dev/null || true
echo "== pgbench, the same two transactions (1 transaction here = 1 pair)"
pgbench -n -M prepared -c 32 -j 2 -T "$DURATION" -f "$OUT/pair.sql" "$PG/$DB" | grep -E 'tps|latency average'
