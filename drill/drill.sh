#!/usr/bin/env bash
# npm run drill [-- --rate 5 --faults kill-worker,kafka-down] : the fault drill against the running stack (drill/README.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. deploy/local/env.sh
exec node drill/drill.mjs "$@"
