#!/usr/bin/env bash
# Spread clustering benchmark (in process, no Elasticsearch): Vigil's engine vs the page-SimHash
# baseline on generated ground truth.
#   bench/spread/run.sh [ITEMS] [HOSTS] [SEED]     (defaults: 1000000 20000 7)
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE=$(mktemp)
mvn -B -q -o -pl indexer,crawler -am compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CLASSES=$(mktemp -d)
trap 'rm -rf "$CLASSES" "$CP_FILE"' EXIT
for m in indexer crawler model; do cp -r $m/target/classes "$CLASSES/$m"; done
CP="$CLASSES/indexer:$CLASSES/crawler:$CLASSES/model:$(tr ':' '\n' < "$CP_FILE" | grep -v '/target/classes$' | paste -sd:)"
java ${BENCH_JAVA_OPTS:-} -Xmx${BENCH_HEAP:-3g} -cp "$CP" bench/spread/SpreadBench.java "${1:-1000000}" "${2:-20000}" "${3:-7}"
