#!/usr/bin/env bash
# Creates Tideway's topics before any service starts (the broker never auto-creates them): the same names,
# partitions and configs as io.tideway.schemas.Topics#all, which the services also ensure at start.
# deploy-test's ComposeFileTest keeps the `create` lines below in step with Topics.all. Safe to run again.
set -euo pipefail

bootstrap="${TIDEWAY_KAFKA_BOOTSTRAP_SERVERS:?set TIDEWAY_KAFKA_BOOTSTRAP_SERVERS, e.g. kafka:9092}"
partitions="${TIDEWAY_TOPICS_PARTITIONS:-6}"
replication="${TIDEWAY_TOPICS_REPLICATION_FACTOR:-1}"
kafka_topics=/opt/kafka/bin/kafka-topics.sh

# create NAME PARTITIONS [CONFIG=VALUE ...]
create() {
  local name="$1" count="$2"
  shift 2
  local configs=()
  for config in "$@"; do
    configs+=(--config "${config}")
  done
  "${kafka_topics}" --bootstrap-server "${bootstrap}" --create --if-not-exists --topic "${name}" \
    --partitions "${count}" --replication-factor "${replication}" "${configs[@]}"
  echo "topic ${name}: ${count} partitions $*"
}

create jobs          "${partitions}" retention.ms=-1 retention.bytes=-1
create job-events    "${partitions}" retention.ms=-1 retention.bytes=-1
create dead-letters  1               retention.ms=-1 retention.bytes=-1
create schedules     "${partitions}" cleanup.policy=compact
create saved-results "${partitions}" cleanup.policy=compact
create results.ftp   "${partitions}" retention.ms=604800000 max.message.bytes=8388608
create results.web   "${partitions}" retention.ms=604800000 max.message.bytes=8388608
create results.td    "${partitions}" retention.ms=604800000 max.message.bytes=8388608

"${kafka_topics}" --bootstrap-server "${bootstrap}" --list
