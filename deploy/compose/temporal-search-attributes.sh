#!/bin/sh
# One-shot registration of the Huiying custom search attributes (service temporal-init, image
# temporalio/admin-tools). The temporal CLI reads TEMPORAL_ADDRESS from the environment.
# Keep in step with libs/temporal (search-attribute registration used by the local stack).
set -eu
NS="${TEMPORAL_NAMESPACE:-default}"
ATTRS="CaseKind:Keyword CaseStage:Keyword Department:Keyword Grade:Keyword DueAt:Datetime Overdue:Bool Jurisdiction:Keyword ExtendedDueAt:Datetime CaseSummary:Keyword"

i=0
until temporal operator namespace describe --namespace "$NS" >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -ge 90 ] && { echo "namespace $NS not available at $TEMPORAL_ADDRESS" >&2; exit 1; }
  sleep 2
done

for spec in $ATTRS; do
  name="${spec%%:*}"; type="${spec#*:}"
  if temporal operator search-attribute list --namespace "$NS" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    echo "creating search attribute $name ($type)"
    temporal operator search-attribute create --namespace "$NS" --name "$name" --type "$type"
  fi
done
