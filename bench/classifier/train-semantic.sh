#!/usr/bin/env bash
# Rebuilds the semantic stage's head shipped for the default model from the shared real datasets,
# byte-identically, and checks it against the committed one (as train-default.sh does for the
# model). Embeds the recipe's ~33,000 rows with the quantised e5-small-v2 model (~12 min on 2 cores).
#   bench/classifier/train-semantic.sh [TRAINING_DIR] [STORMFRONT_TSV]
# Defaults: ../shared/datasets/training and ../shared/datasets/stormfront-dev.tsv (beside the repo).
# Writes semantic/src/main/resources/org/vigil/semantic/default-head.bin; exit 1 when the bytes
# differ from the committed head (after a recipe or model change: commit it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
training="${1:-$root/../shared/datasets/training}"
stormfront="${2:-$(dirname "$training")/stormfront-dev.tsv}"
[[ -d "$training" ]] || { echo "train-semantic: $training: no such directory" >&2; exit 2; }
[[ -f "$stormfront" ]] || { echo "train-semantic: $stormfront: no such file" >&2; exit 2; }
head="$root/semantic/src/main/resources/org/vigil/semantic/default-head.bin"
model="$root/classifier/src/main/resources/org/vigil/classifier/default-model.bin"
before="$(sha256sum "$head" 2>/dev/null | cut -d' ' -f1 || true)"
cp_file="$root/semantic/target/bench.classpath"
mvn -B -q -f "$root/pom.xml" -pl semantic -am package -DskipTests -Dspotless.check.skip=true \
  dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
java -Xmx6g -cp "$root/semantic/target/classes:$(cat "$cp_file")" \
  org.vigil.semantic.internal.DefaultHeadBuilder \
  "$training" "$stormfront" "$root/classifier/src/main/corpus" "$model" "$head" \
  2> >(grep --line-buffered -v SLF4J >&2)
after="$(sha256sum "$head" | cut -d' ' -f1)"
echo "default-head.bin sha256 $after"
if [[ -n "$before" && "$before" != "$after" ]]; then
  echo "train-semantic: the rebuilt head differs from the one that was there ($before)" >&2
  exit 1
fi
