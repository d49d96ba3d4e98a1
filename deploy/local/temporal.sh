#!/usr/bin/env bash
# Temporal server + Temporal UI for the local stack, built from their Go modules, persisted in the local Postgres.
#
#   deploy/local/temporal.sh build        go build the binaries into $HY_BIN (skipped when the stamp matches)
#   deploy/local/temporal.sh schema       create/upgrade the Temporal schemas in $TEMPORAL_DB / $TEMPORAL_VISIBILITY_DB
#   deploy/local/temporal.sh start        postgres.sh start, build, schema, start server, namespace + search
#                                         attributes (hy-temporal-admin setup), start the UI; waits until healthy
#   deploy/local/temporal.sh stop         stop the UI and the server (SIGTERM, SIGKILL after TEMPORAL_STOP_TIMEOUT)
#   deploy/local/temporal.sh status       exit 0 when the frontend and the UI answer, 1 otherwise
#   deploy/local/temporal.sh setup        (re-)ensure namespace + search attributes on a running server
#   deploy/local/temporal.sh test-server  fetch the Java time-skipping test server (Maven Central) once and print the
#                                         path of its wrapper, for TestWorkflowEnvironment.createTimeSkipping
#
# Versions are pinned by deploy/local/tools/go.mod (go.temporal.io/server, github.com/temporalio/ui-server/v2) and
# deploy/local/test-server/pom.xml. Binaries: $HY_BIN/{temporal-server,temporal-sql-tool,temporal-ui-server,
# hy-temporal-admin,temporal-test-server}. Config: deploy/local/temporal/config.yaml.tmpl rendered into
# $HY_DATA/temporal/config.yaml, dynamic config deploy/local/temporal/dynamicconfig.yaml, UI config
# deploy/local/temporal/ui/huiying.yaml. Logs: $HY_LOGS/temporal.log, temporal-ui.log. Pids: $HY_RUN/temporal.pid,
# temporal-ui.pid. Ports (127.0.0.1 only): frontend $TEMPORAL_PORT (7233), HTTP API +10 (7243), history +1,
# matching +2, worker +6, membership ports -300 (6933..6939), metrics +20 (7253); UI $TEMPORAL_UI_PORT (8233).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/env.sh"

TOOLS_DIR="$HERE/tools"
TEMPLATE="$HERE/temporal/config.yaml.tmpl"
export TEMPORAL_DYNAMIC_CONFIG="${TEMPORAL_DYNAMIC_CONFIG:-$HERE/temporal/dynamicconfig.yaml}"
UI_CONFIG_DIR="$HERE/temporal/ui"
TS_POM="$HERE/test-server/pom.xml"

T_DIR="$HY_DATA/temporal"
T_CONFIG="$T_DIR/config.yaml"
T_LOG="$HY_LOGS/temporal.log"
UI_LOG="$HY_LOGS/temporal-ui.log"
BUILD_STAMP="$HY_BIN/temporal.build.stamp"
ADMIN_STAMP="$HY_BIN/hy-temporal-admin.stamp"
SCHEMA_STAMP="$T_DIR/schema.stamp"
TS_HOME="$HY_BIN/test-server"
TS_LIB="$TS_HOME/lib"
TS_STAMP="$TS_HOME/lib.stamp"
TS_WRAPPER="$HY_BIN/temporal-test-server"

SERVER_BIN="$HY_BIN/temporal-server"
SQL_TOOL="$HY_BIN/temporal-sql-tool"
UI_BIN="$HY_BIN/temporal-ui-server"
ADMIN_BIN="$HY_BIN/hy-temporal-admin"

export TEMPORAL_LOG_LEVEL="${TEMPORAL_LOG_LEVEL:-warn}"   # info writes ~150 KB per start plus steady chatter
export TEMPORAL_HTTP_PORT="${TEMPORAL_HTTP_PORT:-$((TEMPORAL_PORT + 10))}"
export TEMPORAL_HISTORY_PORT="${TEMPORAL_HISTORY_PORT:-$((TEMPORAL_PORT + 1))}"
export TEMPORAL_MATCHING_PORT="${TEMPORAL_MATCHING_PORT:-$((TEMPORAL_PORT + 2))}"
export TEMPORAL_WORKER_PORT="${TEMPORAL_WORKER_PORT:-$((TEMPORAL_PORT + 6))}"
export TEMPORAL_FRONTEND_MEMBERSHIP_PORT="${TEMPORAL_FRONTEND_MEMBERSHIP_PORT:-$((TEMPORAL_PORT - 300))}"
export TEMPORAL_HISTORY_MEMBERSHIP_PORT="${TEMPORAL_HISTORY_MEMBERSHIP_PORT:-$((TEMPORAL_PORT - 299))}"
export TEMPORAL_MATCHING_MEMBERSHIP_PORT="${TEMPORAL_MATCHING_MEMBERSHIP_PORT:-$((TEMPORAL_PORT - 298))}"
export TEMPORAL_WORKER_MEMBERSHIP_PORT="${TEMPORAL_WORKER_MEMBERSHIP_PORT:-$((TEMPORAL_PORT - 294))}"
export TEMPORAL_METRICS_PORT="${TEMPORAL_METRICS_PORT:-$((TEMPORAL_PORT + 20))}"
TEMPORAL_START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-120}"
TEMPORAL_STOP_TIMEOUT="${TEMPORAL_STOP_TIMEOUT:-30}"
TEMPORAL_RETENTION="${TEMPORAL_RETENTION:-72h}"
TS_JAVA_OPTS="${TEMPORAL_TEST_SERVER_JAVA_OPTS:--Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto}"

# ---------------------------------------------------------------------------------------------------------- go ---
go_bin() {
  if command -v go >/dev/null 2>&1; then command -v go
  elif [ -x /usr/local/go/bin/go ]; then echo /usr/local/go/bin/go
  else die "go not found (need Go >= the 'go' line of $TOOLS_DIR/go.mod)"; fi
}
# Run go inside the tools module. GOTOOLCHAIN=local: only package registries are reachable, so never try to fetch
# a newer toolchain; GOFLAGS=-mod=mod is not used, go.sum must be complete.
tools_go() { (cd "$TOOLS_DIR" && GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:-} -buildvcs=false" "$(go_bin)" "$@"); }

server_version() { sed -n 's/^[[:space:]]*go\.temporal\.io\/server \(v[^ ]*\).*/\1/p' "$TOOLS_DIR/go.mod" | head -1; }
ui_version() { sed -n 's/^[[:space:]]*github\.com\/temporalio\/ui-server\/v2 \(v[^ ]*\).*/\1/p' "$TOOLS_DIR/go.mod" | head -1; }

deps_hash() { cat "$TOOLS_DIR/go.mod" "$TOOLS_DIR/go.sum" "$TOOLS_DIR/tools.go" | sha256sum | cut -d' ' -f1; echo "$(go_bin) $("$(go_bin)" env GOVERSION)" | sha256sum | cut -c1-16; }
admin_hash() { cat "$TOOLS_DIR/go.mod" "$TOOLS_DIR/go.sum" "$TOOLS_DIR"/cmd/hy-temporal-admin/*.go | sha256sum | cut -d' ' -f1; }

# Built binaries are kept per build hash in $HY_BIN_CACHE (outside the clone), so a second clone on the same machine
# (CI's clean checkout) copies them in seconds instead of linking them again for minutes. Same hash = same go.mod,
# go.sum, tools.go and Go version, so the same binaries. HY_BIN_CACHE= (empty) turns the cache off.
HY_BIN_CACHE="${HY_BIN_CACHE-${XDG_CACHE_HOME:-$HOME/.cache}/huiying/temporal}"
cache_dir() { echo "$HY_BIN_CACHE/$(printf %s "$1" | sha256sum | cut -c1-24)"; }
# cache_restore <hash> <binary>...: copy the binaries kept under that hash into $HY_BIN (1 when not all are there)
cache_restore() {
  local key="$1" d b
  shift
  [ -n "$HY_BIN_CACHE" ] || return 1
  d="$(cache_dir "$key")"
  [ "$(cat "$d/stamp" 2>/dev/null)" = "$key" ] || return 1
  for b in "$@"; do [ -x "$d/$(basename "$b")" ] || return 1; done
  for b in "$@"; do cp -f "$d/$(basename "$b")" "$b.tmp" || return 1; done
  for b in "$@"; do mv -f "$b.tmp" "$b"; done
  log "temporal: $(for b in "$@"; do basename "$b"; done | paste -sd, -) taken from the build cache $d"
}
# cache_store <hash> <binary>...: keep the binaries just built under that hash
cache_store() {
  local key="$1" d tmp
  shift
  [ -n "$HY_BIN_CACHE" ] || return 0
  d="$(cache_dir "$key")"; tmp="$d.tmp.$$"
  { mkdir -p "$tmp" && cp -f "$@" "$tmp/" && echo "$key" >"$tmp/stamp" && rm -rf "$d" && mv "$tmp" "$d"; } ||
    { rm -rf "$tmp"; log "temporal: could not keep $* in the build cache $HY_BIN_CACHE (the next clone builds again)"; }
}

cmd_build() {
  local want have="" t0
  if ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ] &&
    [ -x "$SERVER_BIN" ] && [ -x "$SQL_TOOL" ] && [ -x "$UI_BIN" ] && [ -x "$ADMIN_BIN" ]; then
    log "temporal: go not found; using the binaries already in $HY_BIN without checking their stamp"
    return 0
  fi
  want="$(deps_hash)"
  [ -f "$BUILD_STAMP" ] && have="$(cat "$BUILD_STAMP")"
  if { [ "$want" != "$have" ] || [ ! -x "$SERVER_BIN" ] || [ ! -x "$SQL_TOOL" ] || [ ! -x "$UI_BIN" ]; } &&
    ! cache_restore "$want" "$SERVER_BIN" "$SQL_TOOL" "$UI_BIN"; then
    t0=$SECONDS
    log "temporal: building server $(server_version), sql tool, UI $(ui_version) (first build takes ~5-6 min on 2 cores)"
    rm -f "$BUILD_STAMP"
    tools_go build -o "$SERVER_BIN.tmp" go.temporal.io/server/cmd/server >"$HY_LOGS/temporal-build.log" 2>&1 &&
      tools_go build -o "$SQL_TOOL.tmp" go.temporal.io/server/cmd/tools/sql >>"$HY_LOGS/temporal-build.log" 2>&1 &&
      tools_go build -o "$UI_BIN.tmp" github.com/temporalio/ui-server/v2/cmd/server >>"$HY_LOGS/temporal-build.log" 2>&1 ||
      { tail -30 "$HY_LOGS/temporal-build.log" >&2; die "temporal: go build failed (log $HY_LOGS/temporal-build.log)"; }
    mv -f "$SERVER_BIN.tmp" "$SERVER_BIN"; mv -f "$SQL_TOOL.tmp" "$SQL_TOOL"; mv -f "$UI_BIN.tmp" "$UI_BIN"
    log "temporal: server, sql tool and UI built in $((SECONDS - t0))s"
    cache_store "$want" "$SERVER_BIN" "$SQL_TOOL" "$UI_BIN"
  fi
  echo "$want" >"$BUILD_STAMP"
  build_admin
}

# hy-temporal-admin alone (its stamp: go.mod, go.sum and its sources): `setup` registers what the current sources
# list (e.g. a search attribute added since the last build), not what a stale binary knows.
build_admin() {
  local want have=""
  if ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ] && [ -x "$ADMIN_BIN" ]; then return 0; fi
  want="$(admin_hash)"
  [ -f "$ADMIN_STAMP" ] && have="$(cat "$ADMIN_STAMP")"
  if { [ "$want" != "$have" ] || [ ! -x "$ADMIN_BIN" ]; } && ! cache_restore "$want" "$ADMIN_BIN"; then
    log "temporal: building hy-temporal-admin"
    tools_go build -o "$ADMIN_BIN" ./cmd/hy-temporal-admin >"$HY_LOGS/temporal-admin-build.log" 2>&1 ||
      { tail -30 "$HY_LOGS/temporal-admin-build.log" >&2; die "temporal: building hy-temporal-admin failed"; }
    cache_store "$want" "$ADMIN_BIN"
  fi
  echo "$want" >"$ADMIN_STAMP"
}

# ------------------------------------------------------------------------------------------------------ schema ---
schema_root() {
  local dir
  dir="$(tools_go list -m -f '{{.Dir}}' go.temporal.io/server 2>/dev/null || true)"
  if [ -z "$dir" ] || [ ! -d "$dir/schema" ]; then
    tools_go mod download go.temporal.io/server >/dev/null 2>&1 || true
    dir="$(tools_go list -m -f '{{.Dir}}' go.temporal.io/server)"
  fi
  [ -d "$dir/schema/postgresql/v12" ] || die "temporal: no schema/postgresql/v12 in $dir"
  echo "$dir/schema/postgresql/v12"
}

sql_tool() {
  "$SQL_TOOL" --plugin postgres12 --endpoint "$PGHOST" --port "$PGPORT" --user "$PGUSER" --password "$PGPASSWORD" "$@"
}

cmd_schema() {
  local root want have="" db kind
  want="$(server_version) $PGHOST:$PGPORT/$TEMPORAL_DB,$TEMPORAL_VISIBILITY_DB"
  [ -f "$SCHEMA_STAMP" ] && have="$(cat "$SCHEMA_STAMP")"
  # stamp only skips work when the databases still carry a schema_version table (a dropped database is redone)
  if [ "$want" = "$have" ] && [ "$(psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$TEMPORAL_VISIBILITY_DB" -tAc \
    "select count(*) from schema_version" 2>/dev/null)" = "1" ]; then
    return 0
  fi
  root="$(schema_root)"
  mkdir -p "$T_DIR"
  for kind in temporal visibility; do
    if [ "$kind" = temporal ]; then db="$TEMPORAL_DB"; else db="$TEMPORAL_VISIBILITY_DB"; fi
    # setup-schema -v 0.0 only creates the versioning tables when absent; update-schema applies what is missing
    if [ "$(psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" -tAc \
      "select count(*) from information_schema.tables where table_name = 'schema_version'" 2>/dev/null)" != "1" ]; then
      log "temporal: setting up $kind schema versioning in $db"
      sql_tool --database "$db" setup-schema -v 0.0 >>"$HY_LOGS/temporal-schema.log" 2>&1 ||
        { tail -20 "$HY_LOGS/temporal-schema.log" >&2; die "temporal: setup-schema failed for $db"; }
    fi
    sql_tool --database "$db" update-schema -d "$root/$kind/versioned" >>"$HY_LOGS/temporal-schema.log" 2>&1 ||
      { tail -20 "$HY_LOGS/temporal-schema.log" >&2; die "temporal: update-schema failed for $db"; }
  done
  log "temporal: schemas up to date ($(psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$TEMPORAL_DB" -tAc \
    'select curr_version from schema_version') / $(psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" \
    -d "$TEMPORAL_VISIBILITY_DB" -tAc 'select curr_version from schema_version'))"
  echo "$want" >"$SCHEMA_STAMP"
}

# ------------------------------------------------------------------------------------------------- processes ---
write_config() {
  mkdir -p "$T_DIR"
  local vars='${TEMPORAL_LOG_LEVEL} ${TEMPORAL_DB} ${TEMPORAL_VISIBILITY_DB} ${PGHOST} ${PGPORT} ${PGUSER} ${PGPASSWORD}
    ${TEMPORAL_METRICS_PORT} ${TEMPORAL_PORT} ${TEMPORAL_HTTP_PORT} ${TEMPORAL_HISTORY_PORT} ${TEMPORAL_MATCHING_PORT}
    ${TEMPORAL_WORKER_PORT} ${TEMPORAL_FRONTEND_MEMBERSHIP_PORT} ${TEMPORAL_HISTORY_MEMBERSHIP_PORT}
    ${TEMPORAL_MATCHING_MEMBERSHIP_PORT} ${TEMPORAL_WORKER_MEMBERSHIP_PORT} ${TEMPORAL_DYNAMIC_CONFIG}'
  envsubst "$vars" <"$TEMPLATE" >"$T_CONFIG.tmp"
  chmod 600 "$T_CONFIG.tmp"
  mv -f "$T_CONFIG.tmp" "$T_CONFIG"
}

admin() { "$ADMIN_BIN" "$@" -address "$TEMPORAL_ADDRESS" -namespace "$TEMPORAL_NAMESPACE"; }
frontend_ok() { [ -x "$ADMIN_BIN" ] && "$ADMIN_BIN" health -address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; }
ui_ok() { curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$TEMPORAL_UI_PORT/" 2>/dev/null; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# keep one previous log when it grew past 50 MB
rotate_log() { if [ -f "$1" ] && [ "$(stat -c %s "$1")" -gt 52428800 ]; then mv -f "$1" "$1.1"; fi; }

# wait until "$2" succeeds while pid file $1 stays alive; $3 = seconds
wait_alive() {
  local name="$1" check="$2" secs="$3" i=0
  until $check; do
    is_running "$name" || return 2
    i=$((i + 1)); [ "$i" -ge "$secs" ] && return 1
    sleep 1
  done
}

start_server() {
  if is_running temporal && frontend_ok; then
    log "temporal: server already running (pid $(cat "$HY_RUN/temporal.pid")) on $TEMPORAL_ADDRESS"
    return 0
  fi
  if ! is_running temporal && frontend_ok; then
    log "temporal: a Temporal frontend not started by this script answers on $TEMPORAL_ADDRESS; reusing it"
    return 0
  fi
  if is_running temporal; then
    log "temporal: pid $(cat "$HY_RUN/temporal.pid") is alive but not healthy yet; waiting"
  else
    local p
    for p in "$TEMPORAL_PORT" "$TEMPORAL_HISTORY_PORT" "$TEMPORAL_MATCHING_PORT" "$TEMPORAL_WORKER_PORT" "$TEMPORAL_HTTP_PORT"; do
      port_busy "$p" && die "temporal: port $p is in use by something else (set TEMPORAL_PORT or free it)"
    done
    write_config
    log "temporal: starting server on $TEMPORAL_ADDRESS (log $T_LOG)"
    rotate_log "$T_LOG"
    printf '\n===== %s temporal-server start =====\n' "$(date -Is)" >>"$T_LOG"
    nohup "$SERVER_BIN" --config-file "$T_CONFIG" --allow-no-auth start >>"$T_LOG" 2>&1 </dev/null &
    echo $! >"$HY_RUN/temporal.pid"
  fi
  local rc=0
  wait_alive temporal frontend_ok "$TEMPORAL_START_TIMEOUT" || rc=$?
  case $rc in
    0) ;;
    2) tail -20 "$T_LOG" >&2; rm -f "$HY_RUN/temporal.pid"; die "temporal: server exited during start (log $T_LOG)" ;;
    *) tail -20 "$T_LOG" >&2; die "temporal: frontend not healthy after ${TEMPORAL_START_TIMEOUT}s (log $T_LOG)" ;;
  esac
}

start_ui() {
  if ui_ok; then
    if is_running temporal-ui; then log "temporal: UI already running on http://127.0.0.1:$TEMPORAL_UI_PORT/"
    else log "temporal: something already serves http://127.0.0.1:$TEMPORAL_UI_PORT/; reusing it as the UI"; fi
    return 0
  fi
  if ! is_running temporal-ui; then
    port_busy "$TEMPORAL_UI_PORT" && die "temporal: UI port $TEMPORAL_UI_PORT is in use by something else"
    log "temporal: starting UI on http://127.0.0.1:$TEMPORAL_UI_PORT/ (log $UI_LOG)"
    rotate_log "$UI_LOG"
    printf '\n===== %s temporal-ui-server start =====\n' "$(date -Is)" >>"$UI_LOG"
    nohup "$UI_BIN" --root "$UI_CONFIG_DIR" --config . --env huiying start >>"$UI_LOG" 2>&1 </dev/null &
    echo $! >"$HY_RUN/temporal-ui.pid"
  fi
  local rc=0
  wait_alive temporal-ui ui_ok 60 || rc=$?
  case $rc in
    0) ;;
    2) tail -20 "$UI_LOG" >&2; rm -f "$HY_RUN/temporal-ui.pid"; die "temporal: UI exited during start (log $UI_LOG)" ;;
    *) tail -20 "$UI_LOG" >&2; die "temporal: UI not answering after 60s (log $UI_LOG)" ;;
  esac
}

cmd_setup() {
  build_admin
  admin setup -retention "$TEMPORAL_RETENTION" -timeout "${TEMPORAL_START_TIMEOUT}s" ||
    die "temporal: namespace/search-attribute setup failed"
}

cmd_start() {
  local t0=$SECONDS
  "$HERE/postgres.sh" start
  cmd_build
  cmd_schema
  start_server
  cmd_setup
  start_ui
  log "temporal: ready in $((SECONDS - t0))s: frontend $TEMPORAL_ADDRESS (namespace $TEMPORAL_NAMESPACE), UI http://127.0.0.1:$TEMPORAL_UI_PORT/"
}

stop_pid() {
  local name="$1" pidf="$HY_RUN/$1.pid" pid i
  if ! is_running "$name"; then rm -f "$pidf"; return 0; fi
  pid="$(cat "$pidf")"
  log "temporal: stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < TEMPORAL_STOP_TIMEOUT; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "temporal: $name did not stop in ${TEMPORAL_STOP_TIMEOUT}s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidf"
}

cmd_stop() {
  stop_pid temporal-ui
  stop_pid temporal
}

cmd_status() {
  local rc=0
  if frontend_ok; then
    if is_running temporal; then echo "temporal: up on $TEMPORAL_ADDRESS (pid $(cat "$HY_RUN/temporal.pid"), server $(server_version))"
    else echo "temporal: up on $TEMPORAL_ADDRESS (not started by this script)"; fi
  else
    echo "temporal: down ($TEMPORAL_ADDRESS)"; rc=1
  fi
  if ui_ok; then
    if is_running temporal-ui; then echo "temporal-ui: up on http://127.0.0.1:$TEMPORAL_UI_PORT/ (pid $(cat "$HY_RUN/temporal-ui.pid"), ui-server $(ui_version))"
    else echo "temporal-ui: up on http://127.0.0.1:$TEMPORAL_UI_PORT/ (not started by this script)"; fi
  else
    echo "temporal-ui: down (http://127.0.0.1:$TEMPORAL_UI_PORT/)"; rc=1
  fi
  return $rc
}

# ------------------------------------------------------------------------------------- time-skipping test server ---
cmd_test_server() {
  local want have=""
  command -v java >/dev/null || die "java not found (need Java 17+ for the time-skipping test server)"
  want="$(sha256sum "$TS_POM" | cut -d' ' -f1)"
  [ -f "$TS_STAMP" ] && have="$(cat "$TS_STAMP")"
  if [ "$want" != "$have" ] || ! compgen -G "$TS_LIB/temporal-test-server-*.jar" >/dev/null; then
    command -v mvn >/dev/null || die "mvn not found (needed once to fetch the test server from Maven Central)"
    log "temporal: fetching io.temporal:temporal-test-server and its classpath into $TS_LIB"
    rm -rf "$TS_LIB" "$TS_STAMP"
    mkdir -p "$TS_LIB"
    mvn -q -B -Dstyle.color=never -f "$TS_POM" dependency:copy-dependencies -Dtestserver.libs="$TS_LIB" \
      >"$HY_LOGS/temporal-test-server-mvn.log" 2>&1 ||
      { tail -30 "$HY_LOGS/temporal-test-server-mvn.log" >&2; die "temporal: mvn dependency:copy-dependencies failed"; }
    echo "$want" >"$TS_STAMP"
  fi
  # Wrapper invoked by @temporalio/testing (sdk-core) as: <exe> <port> [extraArgs...]; the Java TestServer takes
  # <port> [--enable-time-skipping]. exec keeps the pid the SDK kills on teardown the JVM's own.
  cat >"$TS_WRAPPER.tmp" <<EOF
#!/bin/sh
# Generated by deploy/local/temporal.sh test-server: Temporal time-skipping test server $(ls "$TS_LIB" | sed -n 's/^temporal-test-server-\(.*\)\.jar$/\1/p').
# usage: temporal-test-server <port> [--enable-time-skipping]
exec java \${TEMPORAL_TEST_SERVER_JAVA_OPTS:-$TS_JAVA_OPTS} -Dorg.slf4j.simpleLogger.defaultLogLevel=\${TEMPORAL_TEST_SERVER_LOG_LEVEL:-warn} \\
  -cp '$TS_LIB/*' io.temporal.testserver.TestServer "\$@"
EOF
  chmod +x "$TS_WRAPPER.tmp"
  mv -f "$TS_WRAPPER.tmp" "$TS_WRAPPER"
  echo "$TS_WRAPPER"
}

case "${1:-}" in
  build) cmd_build ;;
  schema) "$HERE/postgres.sh" start; cmd_build; cmd_schema ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  setup) cmd_setup ;;
  test-server) cmd_test_server ;;
  *) echo "usage: $0 {build|schema|start|stop|restart|status|setup|test-server}" >&2; exit 2 ;;
esac
