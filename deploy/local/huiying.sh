#!/usr/bin/env bash
# The one entry point for running Huiying on this machine (README: `npm run up`, `npm test`).
#
#   huiying.sh up       install what is missing, start Postgres, Kafka, Temporal (+ UI), build, migrate,
#                       start every service and the worker, wait until all are healthy, print where things are
#   huiying.sh down     stop the services and the stack
#   huiying.sh status   health of every component and service
#   huiying.sh test     lint + unit + workflow (time-skipping) + integration and end-to-end tests on the real stack
#   huiying.sh services start|stop   only the Node services (the stack must be up)
#
# Everything lands in .huiying/ (ignored): binaries, data, logs ($HY_LOGS), pid files. Safe to re-run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/env.sh"
cd "$HY_ROOT"

SERVICES=(intake routing assessment publication ledger worker)
declare -A HEALTH_PORT=(
  [intake]="${INTAKE_PORT:-3001}" [routing]="${ROUTING_PORT:-3002}" [assessment]="${ASSESSMENT_PORT:-3003}"
  [publication]="${PUBLICATION_PORT:-3004}" [ledger]="${LEDGER_PORT:-3005}" [worker]="${WORKER_HEALTH_PORT:-3006}"
)

ensure_node_modules() {
  local stamp="$HY_HOME/npm-install.stamp" want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ -d node_modules ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  # `npm ci`: exactly the committed lock (it lists every platform's optional binaries, so nothing rewrites it).
  log "npm ci (package-lock.json changed or first run)"
  npm ci --no-audit --no-fund >"$HY_LOGS/npm-install.log" 2>&1 || { tail -40 "$HY_LOGS/npm-install.log" >&2; die "npm ci failed"; }
  echo "$want" >"$stamp"
}

build() {
  log "build: tsc -b (incremental)"
  npx --no-install tsc -b tsconfig.build.json || die "build failed"
}

stack_up() {
  bash "$HERE/postgres.sh" start
  bash "$HERE/kafka.sh" start
  bash "$HERE/kafka.sh" topics
  bash "$HERE/temporal.sh" start
}

stack_down() {
  bash "$HERE/temporal.sh" stop || true
  bash "$HERE/kafka.sh" stop || true
  bash "$HERE/postgres.sh" stop || true
}

migrate() {
  log "db:migrate"
  node libs/persistence/dist/migrate.js >>"$HY_LOGS/migrate.log" 2>&1 || { tail -20 "$HY_LOGS/migrate.log" >&2; die "migrations failed"; }
}

# The local administrator's API key (README: Access control): kept while it works, else a new one, mode 600.
ensure_admin_key() {
  node libs/access/dist/access.cli.js ensure-admin --out "$HY_HOME/admin.key" >>"$HY_LOGS/migrate.log" 2>&1 || { tail -20 "$HY_LOGS/migrate.log" >&2; die "could not provision the admin API key"; }
}
# The worker's own key (system huiying-worker, scope read): it asks routing for the official calendar. Kept while it
# works, else a new one; provisioned whenever the services start (the database is up and migrated by then).
ensure_worker_key() {
  node libs/access/dist/access.cli.js ensure-key --id huiying-worker --name 'Temporal worker (deadline activities)' --scopes read --rate-limit 100000 \
    --out "$HY_HOME/worker.key" >>"$HY_LOGS/migrate.log" 2>&1 || { tail -20 "$HY_LOGS/migrate.log" >&2; die "could not provision the worker's API key"; }
}
export WORKER_API_KEY_FILE="${WORKER_API_KEY_FILE:-$HY_HOME/worker.key}"
export ROUTING_URL="${ROUTING_URL:-http://127.0.0.1:${ROUTING_PORT:-3002}}"

service_healthy() { curl -fsS -m 3 "http://127.0.0.1:${HEALTH_PORT[$1]}/health" >/dev/null 2>&1; }
# every check up, consumers joined included (a service answers 200 "degraded" while a consumer is still joining)
service_ready() { curl -fsS -m 3 "http://127.0.0.1:${HEALTH_PORT[$1]}/health" 2>/dev/null | grep -q '"status":"ok"'; }

start_service() {
  local name="$1"
  if is_running "$name"; then log "$name already running (pid $(cat "$HY_RUN/$name.pid"))"; return 0; fi
  log "starting $name"
  nohup node "apps/$name/dist/main.js" >>"$HY_LOGS/$name.log" 2>&1 &
  echo $! >"$HY_RUN/$name.pid"
}

stop_service() {
  local name="$1" pidf="$HY_RUN/$1.pid" pid i
  [ -f "$pidf" ] || return 0
  pid="$(cat "$pidf")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    log "stopped $name"
  fi
  rm -f "$pidf"
}

services_start() {
  ensure_worker_key
  local name
  for name in "${SERVICES[@]}"; do start_service "$name"; done
  for name in "${SERVICES[@]}"; do
    wait_for "$name /health" 120 service_ready "$name" || { tail -30 "$HY_LOGS/$name.log" >&2; die "$name did not become healthy (log: $HY_LOGS/$name.log)"; }
    log "$name healthy on :${HEALTH_PORT[$name]}"
  done
}

services_stop() {
  local i
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_service "${SERVICES[$i]}"; done
}

print_where() {
  cat <<INFO

Huiying is running.
  REST (OpenAPI docs at /docs, health at /health):
    intake       http://127.0.0.1:${HEALTH_PORT[intake]}/docs   (Prometheus metrics, hotline feed lag: /metrics)
    routing      http://127.0.0.1:${HEALTH_PORT[routing]}/docs
    assessment   http://127.0.0.1:${HEALTH_PORT[assessment]}/docs
    publication  http://127.0.0.1:${HEALTH_PORT[publication]}/docs
    ledger       http://127.0.0.1:${HEALTH_PORT[ledger]}/docs
  gRPC (huiying.v1, protos in libs/contracts/proto; health + reflection on both)
    intake       127.0.0.1:${GRPC_PORT:-50051}   IntakeService.SubmitReport
    ledger       127.0.0.1:${GRPC_LEDGER_PORT:-50052}   CaseService.GetCase / ListCases / WatchCaseEvents
  Temporal UI    http://127.0.0.1:${TEMPORAL_UI_PORT}/namespaces/${TEMPORAL_NAMESPACE}/workflows
  Temporal       ${TEMPORAL_ADDRESS}   Kafka ${KAFKA_BROKERS}   Postgres ${PGHOST}:${PGPORT}/${PGDATABASE}
  API key        every call needs one (README: Access control); the admin key is in ${HY_HOME}/admin.key (mode 600):
                 curl -H "Authorization: Bearer \$(cat ${HY_HOME}/admin.key)" http://127.0.0.1:${HEALTH_PORT[ledger]}/v1/cases
  Logs           ${HY_LOGS}/
  Stop with      npm run down
INFO
}

status() {
  local rc=0 name
  bash "$HERE/postgres.sh" status && log "postgres up" || { log "postgres DOWN"; rc=1; }
  bash "$HERE/kafka.sh" status && log "kafka up" || { log "kafka DOWN"; rc=1; }
  bash "$HERE/temporal.sh" status && log "temporal up" || { log "temporal DOWN"; rc=1; }
  for name in "${SERVICES[@]}"; do
    if service_ready "$name"; then log "$name healthy"
    elif service_healthy "$name"; then log "$name degraded (serving; see http://127.0.0.1:${HEALTH_PORT[$name]}/health)"
    else log "$name DOWN"; rc=1; fi
  done
  return $rc
}

run_tests() {
  local started
  started=$(date +%s)
  ensure_node_modules
  log "lint (module boundaries included)"
  npm run --silent lint
  build
  log "unit tests"
  npx --no-install jest --selectProjects unit --ci
  stack_up
  export TEMPORAL_TEST_SERVER_PATH="$(bash "$HERE/temporal.sh" test-server)"
  migrate
  log "workflow tests (time-skipping test server: $TEMPORAL_TEST_SERVER_PATH)"
  npx --no-install jest --selectProjects workflow --ci --runInBand
  services_stop   # services left running by `npm run up` may be older builds: test the code just built
  services_start
  log "integration and end-to-end tests against the running stack"
  # the hotline bulk test at test size (npm test stays ~12 min): 300 orders prove one report and case per order, the
  # re-sends and the rejects; volume is a benchmark (npm run bench:hotline, 10,000 orders)
  export HOTLINE_E2E_ORDERS="${HOTLINE_E2E_ORDERS:-300}"
  # Most integration tests wait on the stack (timers, consumers, workflows) more than they use it: they run
  # INTEGRATION_WORKERS at a time, each in its own jurisdiction/run id. Fault tests stop and start real components and
  # the bulk test floods the pipeline, so they run afterwards, one at a time.
  npx --no-install jest --selectProjects integration --ci --maxWorkers="${INTEGRATION_WORKERS:-2}" \
    --testPathPatterns '^(?!.*\.(fault|bulk)\.integration-spec\.ts$)'
  npx --no-install jest --selectProjects integration --ci --runInBand --testPathPatterns '\.(fault|bulk)\.integration-spec\.ts$'
  log "API fuzzing (schemathesis against every service's OpenAPI document)"
  bash "$HERE/fuzz.sh"
  log "all tests passed in $(( $(date +%s) - started ))s"
}

case "${1:-}" in
  up)
    ensure_node_modules
    stack_up
    build
    migrate
    ensure_admin_key
    services_start
    print_where
    ;;
  down)
    services_stop
    stack_down
    ;;
  status) status ;;
  test) run_tests ;;
  services)
    case "${2:-}" in
      start) services_start ;;
      stop) services_stop ;;
      *) die "usage: $0 services start|stop" ;;
    esac
    ;;
  *)
    echo "usage: $0 up|down|status|test|services start|stop" >&2
    exit 2
    ;;
esac
