#!/usr/bin/env bash
# Extraction quality + speed benchmark on a dataset OUTSIDE the repository.
# Usage: bench/extract/run.sh DATASET_DIR [--worst N] [--dump OUT_DIR]
#   DATASET_DIR: ground-truth.json + html/<key>.html (e.g. ../shared/datasets/extraction-dev)
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 DATASET_DIR [--worst N] [--dump OUT_DIR]" >&2
  exit 2
fi
DATASET=$(cd "$1" && pwd)
shift
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl crawler -am test-compile -Dspotless.check.skip=true
mvn -B -q -o -pl crawler dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="crawler/target/test-classes:crawler/target/classes:model/target/classes:$(cat crawler/target/bench-classpath.txt)"
exec java -Xmx1g -cp "$CP" org.vigil.crawler.extract.ExtractionBench "$DATASET" "$@"
