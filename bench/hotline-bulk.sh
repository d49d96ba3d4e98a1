#!/usr/bin/env bash
# The 12345 bulk import at volume (default 10,000 work orders; HOTLINE_E2E_ORDERS overrides) against the running stack
# (`npm run up` first): the bulk end-to-end test itself — two CLI imports (JSONL, CSV) and one batch-endpoint import of
# a generated file with 5 % re-sends and 1 % invalid orders, then the wait until every case is routed into the ledger.
# It prints jest's timings; record them in bench/README.md. Loopback only; bounded by the file size.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/local/env.sh
export HOTLINE_E2E_ORDERS="${HOTLINE_E2E_ORDERS:-10000}"
# (jest's integration globalSetup provisions the test caller and its key)
started=$(date +%s)
npx --no-install jest --selectProjects integration --runInBand --testPathPatterns 'hotline-import\.bulk'
echo "hotline bulk import of ${HOTLINE_E2E_ORDERS} work orders: $(( $(date +%s) - started )) s"
