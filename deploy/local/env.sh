# Common settings for the local stack scripts. Source it: `. deploy/local/env.sh`.
# Everything is overridable from the environment; defaults are the ports in ARCHITECTURE.md.
HY_ROOT="${HY_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
HY_HOME="${HUIYING_HOME:-$HY_ROOT/.huiying}"   # ignored folder: binaries, data, logs
HY_BIN="$HY_HOME/bin"
HY_DATA="$HY_HOME/data"
HY_LOGS="$HY_HOME/logs"
HY_RUN="$HY_HOME/run"                            # pid files
mkdir -p "$HY_BIN" "$HY_DATA" "$HY_LOGS" "$HY_RUN"

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-huiying}"
export PGPASSWORD="${PGPASSWORD:-huiying}"
export PGDATABASE="${PGDATABASE:-huiying}"
export TEMPORAL_DB="${TEMPORAL_DB:-temporal}"
export TEMPORAL_VISIBILITY_DB="${TEMPORAL_VISIBILITY_DB:-temporal_visibility}"
export KAFKA_PORT="${KAFKA_PORT:-9092}"
export KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:$TEMPORAL_PORT}"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
# Spans of every service and the worker, as JSON lines, when no collector is configured (README → Traces). In the
# ignored .huiying/; an OTEL_EXPORTER_OTLP_ENDPOINT in the environment sends them to that collector instead.
export HUIYING_TRACES_FILE="${HUIYING_TRACES_FILE:-$HY_LOGS/traces.jsonl}"

# The 12345 reply webhook (README → 12345 replies by webhook) points at the LOCAL TEST RECEIVER: the port
# test/e2e/hotline-reply-webhook.integration-spec.ts listens on while it runs, with a development secret. Nothing listens
# there otherwise: replies are tried 3 times within about a second and then marked failed (one warning each). Only
# when not set: set HOTLINE_REPLY_WEBHOOK_URL= (empty) to run without a webhook, or a real URL and secret.
export HOTLINE_REPLY_WEBHOOK_URL="${HOTLINE_REPLY_WEBHOOK_URL-http://127.0.0.1:3099/hotline/replies}"
export HOTLINE_REPLY_WEBHOOK_SECRET="${HOTLINE_REPLY_WEBHOOK_SECRET:-local-development-webhook-secret}"
export HOTLINE_REPLY_WEBHOOK_MAX_ATTEMPTS="${HOTLINE_REPLY_WEBHOOK_MAX_ATTEMPTS:-3}"
export HOTLINE_REPLY_WEBHOOK_BACKOFF_MS="${HOTLINE_REPLY_WEBHOOK_BACKOFF_MS:-200}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# wait_for "description" seconds command...
wait_for() {
  local what="$1" secs="$2"; shift 2
  local i=0
  until "$@" >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -ge "$secs" ] && { log "$what not ready after ${secs}s"; return 1; }
    sleep 1
  done
}

# is_running NAME -> its pid file names a live process (a zombie or dying process, which kill -0 still finds, is not)
is_running() {
  local pidf="$HY_RUN/$1.pid" pid state
  [ -f "$pidf" ] || return 1
  pid="$(cat "$pidf")"
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)"
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}
