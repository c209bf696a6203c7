#!/usr/bin/env bash
# The real nginx (Debian package) with deploy/nginx/radgestmat.conf and a self-signed
# certificate, in front of the real application: HTTP redirects to HTTPS, HSTS is sent,
# `radgestmat smoke` passes over HTTPS (login included), the application logs the client
# address nginx gives it, not the one a client writes into X-Forwarded-For, and the fail2ban
# filter (deploy/fail2ban) finds exactly the failed sign-ins in those real log lines.
#   deploy/tests/nginx-tls.sh path/to/radgestmat
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:?usage: nginx-tls.sh path/to/radgestmat}")"
work="$(mktemp -d)"
chmod 755 "$work"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL  $*" >&2; [ -f "$work/app.log" ] && tail -20 "$work/app.log" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

command -v nginx >/dev/null || fail "nginx is missing (apt-get install nginx-light)"
app_port=$(free_port); http_port=$(free_port); https_port=$(free_port)

# A throw-away certificate authority and the server's certificate it signs ("self-signed").
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=RadGestMat test CA" \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$work/key.pem" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$work/ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 2 \
  -extfile "$work/ext" -out "$work/cert.pem" 2>/dev/null
chmod 644 "$work/key.pem"

# The site as shipped, pointed at this test's ports, name and certificate.
sed -e "s/server_name parc.example.tn;/server_name localhost;/" \
    -e "s#/etc/letsencrypt/live/parc.example.tn/fullchain.pem#$work/cert.pem#" \
    -e "s#/etc/letsencrypt/live/parc.example.tn/privkey.pem#$work/key.pem#" \
    -e "s/127.0.0.1:8080/127.0.0.1:$app_port/" \
    -e "s/listen 80;/listen 127.0.0.1:$http_port;/" -e "s/listen \[::\]:80;//" \
    -e "s/listen 443 ssl http2;/listen 127.0.0.1:$https_port ssl http2;/" -e "s/listen \[::\]:443 ssl http2;//" \
    -e "s#return 301 https://\$host\$request_uri;#return 301 https://\$host:$https_port\$request_uri;#" \
    "$here/nginx/radgestmat.conf" > "$work/site.conf"
cat > "$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 64; }
http {
    access_log $work/nginx-access.log;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    include $work/site.conf;
}
CONF
nginx -t -c "$work/nginx.conf" -p "$work" 2>"$work/nginx-t.log" || { cat "$work/nginx-t.log"; fail "nginx -t refused the site"; }

RADGESTMAT_ENV=production RADGESTMAT_SECRET_KEY="$("$bin" config generate-key)" \
  RADGESTMAT_DATABASE_URL="sqlite://$work/radgestmat.db" RADGESTMAT_LISTEN="127.0.0.1:$app_port" \
  RADGESTMAT_TRUSTED_PROXIES=127.0.0.1 RADGESTMAT_COOKIE_SECURE=true RADGESTMAT_LOG_FORMAT=json \
  RADGESTMAT_METRICS_TOKEN=jeton-prometheus \
  RADGESTMAT_EMBEDDED_WORKER=false "$bin" serve >"$work/app.out" 2>"$work/app.log" &
pids+=($!)
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)
for _ in $(seq 1 50); do
  grep -q '^RadGestMat: ' "$work/app.out" 2>/dev/null && curl -s -o /dev/null "http://127.0.0.1:$http_port/" && break
  sleep 0.2
done
password=$(sed -n 's/.*password: *//p' "$work/app.out" | head -1)
[ -n "$password" ] || fail "the application did not start"

redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/assets?x=1")
[ "$redirect" = "301 https://127.0.0.1:$https_port/assets?x=1" ] || fail "HTTP → HTTPS: got '$redirect'"
echo "ok    HTTP redirects to HTTPS"

headers=$(curl -s -D - -o /dev/null --cacert "$work/ca.pem" "https://localhost:$https_port/login")
grep -qi '^strict-transport-security: max-age=63072000' <<<"$headers" || fail "no HSTS header"
grep -qi '^content-security-policy:' <<<"$headers" || fail "the application's headers do not pass through"
echo "ok    HSTS and the application's security headers over HTTPS"

echo "$password" | "$bin" smoke --url "https://localhost:$https_port" --ca-cert "$work/ca.pem" \
  --metrics-token jeton-prometheus --username admin --password-stdin || fail "smoke over HTTPS"

curl -s -o /dev/null --cacert "$work/ca.pem" -H 'content-type: application/json' \
  -H 'X-Forwarded-For: 203.0.113.66' -d '{"username":"admin","password":"not this one"}' \
  "https://localhost:$https_port/api/v1/auth/login"
sleep 0.3
line=$(grep '"login failed"' "$work/app.log" | tail -1)
grep -q '"ip":"127.0.0.1"' <<<"$line" || fail "the failed login is not logged with nginx's client address: $line"
grep -q '203.0.113.66' <<<"$line" && fail "a client-written X-Forwarded-For reached the log: $line"
echo "ok    the application logs the address nginx saw, not a forged X-Forwarded-For"

# Two more failures (the sign-in page, a username crafted to look like another address), then
# fail2ban-regex on the application's real log: three hits, all from the real client.
curl -s -o /dev/null --cacert "$work/ca.pem" -d 'username=eve&password=nope' "https://localhost:$https_port/login"
curl -s -o /dev/null --cacert "$work/ca.pem" -H 'content-type: application/json' \
  -d '{"username":"x\",\"ip\":\"6.6.6.6\",\"target\":\"","password":"nope"}' "https://localhost:$https_port/api/v1/auth/login"
sleep 0.3
command -v fail2ban-regex >/dev/null || fail "fail2ban-regex is missing (apt-get install fail2ban)"
hits=$(fail2ban-regex -v "$work/app.log" "$here/fail2ban/filter.d/radgestmat.conf" | grep -E '^\|\s+[0-9a-f.:]+\s+[A-Z][a-z]{2} ' || true)
[ "$(wc -l <<<"$hits")" = 3 ] || fail "fail2ban-regex: expected 3 failed sign-ins, got: $hits"
grep -qv '127.0.0.1' <<<"$hits" && fail "fail2ban-regex found another address than the client's: $hits"
echo "ok    the fail2ban filter finds the 3 failed sign-ins in the application's log, with the client's address"

head -c 3000000 /dev/zero > "$work/big"
status=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" --data-binary "@$work/big" "https://localhost:$https_port/api/v1/auth/login")
[ "$status" = 413 ] || fail "a 3 MB body got $status, expected 413 from nginx"
echo "ok    bodies over the limit are refused by nginx (413)"
echo "nginx TLS test passed"
