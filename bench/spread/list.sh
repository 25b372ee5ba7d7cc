#!/usr/bin/env bash
# Latency of vigil spread's queries over N cluster documents (default 200,000) in Elasticsearch.
#   bench/spread/list.sh [CLUSTERS] [ES_URL]      (no URL: starts its own embedded cluster)
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
mvn -B -q -o -pl indexer -am compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CLASSES=$(mktemp -d)
trap 'rm -rf "$CLASSES" "$CP_FILE"' EXIT
for m in indexer model; do cp -r $m/target/classes "$CLASSES/$m"; done
CP="$CLASSES/indexer:$CLASSES/model:$(tr ':' '\n' < "$CP_FILE" | grep -v '/target/classes$' | paste -sd:)"
java -Xmx1g -cp "$CP" bench/spread/SpreadListBench.java "${1:-200000}" ${2:+"$2"}
