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
CP="indexer/target/classes:model/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
exec java -Xmx${BENCH_HEAP:-1g} -Dbench.concurrency=${BENCH_CONCURRENCY:-2} -cp "$CP" bench/indexer/IndexerBench.java "$URL" "$ITEMS" "$ROUNDS"
