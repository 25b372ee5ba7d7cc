#!/usr/bin/env bash
# Indexer benchmark: Vigil's ItemIndexer vs plain curl _bulk, same documents, same cluster.
#   bench/indexer/run.sh [ES_URL] [ITEMS] [ROUNDS]     (defaults: http://127.0.0.1:9200 100000 1)
# Uses dedicated index prefixes (bench-curl-*, bench-vigil-*) and deletes them afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
URL="${1:-http://127.0.0.1:9200}"
ITEMS="${2:-100000}"
ROUNDS="${3:-1}"
CP_FILE=$(mktemp)
# Compile in the reactor (nothing is installed into ~/.m2); the last module written is indexer.
mvn -B -q -o -pl indexer -am compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
# Private copies of the classes: a rebuild during the run cannot pull them away.
CLASSES=$(mktemp -d)
trap 'rm -rf "$CLASSES" "$CP_FILE"' EXIT
cp -r indexer/target/classes "$CLASSES/indexer"
cp -r model/target/classes "$CLASSES/model"
CP="$CLASSES/indexer:$CLASSES/model:$(cat "$CP_FILE" | tr ':' '\n' | grep -v '/target/classes$' | paste -sd:)"
java -Xmx${BENCH_HEAP:-1g} -Dbench.concurrency=${BENCH_CONCURRENCY:-2} -cp "$CP" bench/indexer/IndexerBench.java "$URL" "$ITEMS" "$ROUNDS"
