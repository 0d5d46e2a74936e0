#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A throwaway PostgreSQL cluster for the office-mode tests.
#
#   eval "$(build-aux/start-postgres.sh)"     start one, set REDRESS_TEST_PG...
#   build-aux/start-postgres.sh stop "$REDRESS_TEST_PG_DIR"   stop it, remove it
#
# Needs Debian's `postgresql` package (and openssl for the TLS tests).  As
# root the server runs as the `postgres` user (it refuses to run as root);
# otherwise as the user running this.  The cluster lives in a new
# temporary folder, with its Unix socket there too, and listens on
# 127.0.0.1 only, on $REDRESS_TEST_PG_PORT (55432 unless set).  It serves
# TLS with a certificate for "localhost" signed by a certificate authority
# made here (and a second authority that did not sign it, for the tests
# of an untrusted certificate).  Connections are trusted without a
# password, but for the role redress_test_password, which must give its
# password (scram-sha-256) over TCP.
#
# Prints, on standard output, the lines to evaluate:
#   REDRESS_TEST_PG          a superuser's address (postgresql://...)
#   REDRESS_TEST_PG_SOCKET   the folder of the Unix socket
#   REDRESS_TEST_PG_CA       the authority that signed the server's certificate
#   REDRESS_TEST_PG_OTHER_CA an authority that did not
#   REDRESS_TEST_PG_DIR      the cluster's folder, for "stop"
set -eu

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "start-postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_server_user () {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-start}" = stop ]; then
  dir=${2:?"usage: start-postgres.sh stop DIR"}
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_server_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$dir"
  exit 0
fi

port=${REDRESS_TEST_PG_PORT:-55432}
dir=$(mktemp -d "${TMPDIR:-/tmp}/redress-pg.XXXXXX")
chmod 755 "$dir"
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
fi

fail () {
  echo "start-postgres.sh: $1" >&2
  [ -f "$dir/log" ] && cat "$dir/log" >&2
  as_server_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 1
}

as_server_user "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; fail "initdb failed"; }

# The password role first: the rules are read in order
hba="$dir/data/pg_hba.conf"
{
  echo "local all all trust"
  echo "host all redress_test_password 127.0.0.1/32 scram-sha-256"
  echo "host all all 127.0.0.1/32 trust"
} | as_server_user tee "$hba" >/dev/null

ssl=off
if command -v openssl >/dev/null 2>&1; then
  (
    cd "$dir"
    for ca in ca other-ca; do
      openssl req -x509 -new -nodes -newkey rsa:2048 -days 2 -subj "/CN=Redress test $ca" \
        -keyout "$ca.key" -out "$ca.crt" >/dev/null 2>&1
    done
    openssl req -new -nodes -newkey rsa:2048 -subj "/CN=localhost" \
      -keyout server.key -out server.csr >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 \
      -extfile server.ext -out server.crt >/dev/null 2>&1
    chmod 600 server.key
    chmod 644 ca.crt other-ca.crt server.crt
  ) && ssl=on
  if [ "$ssl" = on ] && [ "$(id -u)" = 0 ]; then
    chown postgres: "$dir/server.key" "$dir/server.crt"
  fi
fi

as_server_user "$bin/pg_ctl" -D "$dir/data" -w -t 60 -l "$dir/log" \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
      -c ssl=$ssl -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
  start >/dev/null 2>&1 || fail "the server did not start (is port $port in use?)"

as_server_user "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
  -c "CREATE ROLE redress_test LOGIN SUPERUSER" \
  -c "CREATE ROLE redress_test_password LOGIN PASSWORD 'right password'" \
  >/dev/null || fail "the test roles could not be created"

echo "export REDRESS_TEST_PG='postgresql://redress_test@127.0.0.1:$port/postgres'"
echo "export REDRESS_TEST_PG_SOCKET='$dir'"
if [ "$ssl" = on ]; then
  echo "export REDRESS_TEST_PG_CA='$dir/ca.crt'"
  echo "export REDRESS_TEST_PG_OTHER_CA='$dir/other-ca.crt'"
fi
echo "export REDRESS_TEST_PG_DIR='$dir'"
