#!/bin/sh
# One-shot topic creation for docker-compose (service kafka-init, image apache/kafka).
# Reads the same list as the local stack: deploy/local/kafka/topics.txt, mounted at /topics.txt.
# Line format: <name> <partitions> [config=value,config=value]; replication factor 1 (single broker).
set -eu
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
TOPICS_FILE="${TOPICS_FILE:-/topics.txt}"
KT="${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}"

i=0
until "$KT" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; do
  i=$((i + 1)); [ "$i" -ge 60 ] && { echo "kafka at $BOOTSTRAP not reachable" >&2; exit 1; }
  sleep 2
done

sed -e 's/#.*//' "$TOPICS_FILE" | grep -Ev '^[[:space:]]*$' | while read -r name parts configs _; do
  set -- --create --if-not-exists --bootstrap-server "$BOOTSTRAP" --topic "$name" \
    --partitions "$parts" --replication-factor 1
  if [ -n "${configs:-}" ]; then
    for c in $(echo "$configs" | tr ',' ' '); do set -- "$@" --config "$c"; done
  fi
  echo "topic $name ($parts partitions${configs:+, $configs})"
  "$KT" "$@"
done
"$KT" --bootstrap-server "$BOOTSTRAP" --list
