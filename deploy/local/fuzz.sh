#!/usr/bin/env bash
# API fuzzing of every HTTP service against its own OpenAPI document (issue 14), run by `npm test` after the
# integration tests and on its own with `bash deploy/local/fuzz.sh` (stack running). Schemathesis, pinned with every
# dependency in tools/fuzz/requirements.txt, is installed into .huiying/venv-fuzz (again when the pins change).
# Checks: no 5xx, every status documented, every response body matching its documented schema and content type.
# Bounded: FUZZ_SECONDS per service (default 15), FUZZ_EXAMPLES per operation and phase (default 15), a fixed seed
# (FUZZ_SEED) so a failure can be replayed. The calling system `fuzz` holds submit, read and act but not admin: the
# destructive administration (keys, systems, grants, policies, calendars) only ever answers 403 to it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/env.sh"

VENV="$HY_HOME/venv-fuzz"
REQ="$HY_ROOT/tools/fuzz/requirements.txt"
WORK="$HY_HOME/fuzz"   # schemathesis's own files (.hypothesis, reports) stay out of the clone
SECONDS_EACH="${FUZZ_SECONDS:-15}"
EXAMPLES="${FUZZ_EXAMPLES:-15}"
SEED="${FUZZ_SEED:-20261203}"
declare -A PORT=([intake]="${INTAKE_PORT:-3001}" [routing]="${ROUTING_PORT:-3002}" [assessment]="${ASSESSMENT_PORT:-3003}" [publication]="${PUBLICATION_PORT:-3004}" [ledger]="${LEDGER_PORT:-3005}")

install() {
  if [ -x "$VENV/bin/st" ] && cmp -s "$REQ" "$VENV/requirements.txt"; then return 0; fi
  log "installing schemathesis (tools/fuzz/requirements.txt) into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-input -r "$REQ"
  cp "$REQ" "$VENV/requirements.txt"
}

# A key of its own for the calling system `fuzz` (no admin scope; a rate limit the fuzzer does not hit), provisioned
# straight in the database by the access CLI like the worker's key: `npm test` has no admin key to ask the API with.
fuzz_key() {
  node "$HY_ROOT/libs/access/dist/access.cli.js" ensure-key --id fuzz --name 'API fuzzing (deploy/local/fuzz.sh)' \
    --scopes submit,read,act --rate-limit 1000000 --out "$HY_HOME/fuzz.key" >>"$HY_LOGS/fuzz.log" 2>&1 \
    || { tail -20 "$HY_LOGS/fuzz.log" >&2; die "could not provision the fuzzer's API key"; }
  cat "$HY_HOME/fuzz.key"
}

install
mkdir -p "$WORK"
KEY="$(fuzz_key)"
[ -n "$KEY" ] || die "could not issue a key for the fuzzer"
# a key that did not work would only ever see 401, which is documented: make sure it gets past access control
code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "http://127.0.0.1:${PORT[ledger]}/v1/cases")"
[ "$code" = 200 ] || die "the fuzzer's key is refused (GET /v1/cases answered $code)"
failed=()
for service in intake routing assessment publication ledger; do
  log "fuzzing $service (${SECONDS_EACH}s, seed $SEED)"
  if ! (cd "$WORK" && "$VENV/bin/st" run "http://127.0.0.1:${PORT[$service]}/docs-json" \
      -H "Authorization: Bearer $KEY" \
      --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance \
      --phases examples,coverage,fuzzing -n "$EXAMPLES" --max-time "$SECONDS_EACH" --seed "$SEED" \
      --warnings off --no-color >"$HY_LOGS/fuzz-$service.log" 2>&1); then
    failed+=("$service")
    sed -n '/FAILURES/,$p' "$HY_LOGS/fuzz-$service.log" | head -80 >&2
  fi
  grep -E 'generated' "$HY_LOGS/fuzz-$service.log" | tail -1 | sed "s/^/  $service: /" >&2 || true
done
[ ${#failed[@]} -eq 0 ] || die "API fuzzing found failures in: ${failed[*]} (logs: $HY_LOGS/fuzz-<service>.log)"
log "API fuzzing: no failures"
