# Sourced by ./dev and bench/ scripts (bash).
# A throwaway PostgreSQL server for the tests that run on both stores:
# initdb into a temp folder, on a free loopback port, as the postgres user
# when we are root (PostgreSQL refuses to run as root). The tests find it in
# LEDE_TEST_POSTGRES and make a database of their own in it. Stopped by
# stop_postgres, which only stops this server. fsync is off for the tests:
# they kill lede, never the machine under PostgreSQL. The benchmarks ask for
# a durable server (PG_DURABLE=1), as production runs.
start_postgres() {
  local bin run=() port attempt durability="-c fsync=off -c full_page_writes=off"
  [ "${PG_DURABLE:-0}" = 1 ] && durability="-c fsync=on -c synchronous_commit=on"
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/lede-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  PG_RUN=("${run[@]}")
  PG_BIN=$bin
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U lede --auth-local=trust --auth-host=trust \
    -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # One role signs in with a password, for the tests of a wrong one.
  printf 'host all lede_password 127.0.0.1/32 scram-sha-256\n' >"$PG_DIR/hba"
  cat "$PG_DIR/data/pg_hba.conf" >>"$PG_DIR/hba"
  "${run[@]}" cp "$PG_DIR/hba" "$PG_DIR/data/pg_hba.conf"
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    if "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
         -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_DIR \
             -c max_connections=300 $durability" >/dev/null; then
      export LEDE_TEST_POSTGRES="postgres://lede@127.0.0.1:$port/postgres"
      echo "PostgreSQL (throwaway) at $LEDE_TEST_POSTGRES" >&2
      return 0
    fi
  done
  cat "$PG_DIR/server.log" >&2
  return 1
}
stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

