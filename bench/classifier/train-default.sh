#!/usr/bin/env bash
# Rebuilds the committed default model from the shared real datasets, byte-identically, and checks
# it against the committed one. The datasets live outside the repository and are never copied into
# it; see docs/model-card.md for what is used and how.
#   bench/classifier/train-default.sh [TRAINING_DIR] [STORMFRONT_TSV]
# Defaults: ../shared/datasets/training and ../shared/datasets/stormfront-dev.tsv (beside the repo).
# Writes the model to classifier/src/main/resources/org/vigil/classifier/default-model.bin and the
# generated part of the card to docs/model-card-generated.md; exit 1 when the bytes differ from the
# committed model (after a recipe change: commit both files).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
training="${1:-$root/../shared/datasets/training}"
stormfront="${2:-$(dirname "$training")/stormfront-dev.tsv}"
[[ -d "$training" ]] || { echo "train-default: $training: no such directory" >&2; exit 2; }
[[ -f "$stormfront" ]] || { echo "train-default: $stormfront: no such file" >&2; exit 2; }
model="$root/classifier/src/main/resources/org/vigil/classifier/default-model.bin"
before="$(sha256sum "$model" 2>/dev/null | cut -d' ' -f1 || true)"
cp="$("$root/bench/classifier/classpath.sh")"
java -Xmx6g -cp "$cp" org.vigil.classifier.internal.DefaultModelBuilder \
  "$training" "$stormfront" "$root/classifier/src/main/corpus" "$model" \
  "$root/docs/model-card-generated.md" 2> >(grep -v SLF4J >&2)
after="$(sha256sum "$model" | cut -d' ' -f1)"
echo "default-model.bin sha256 $after"
if [[ -n "$before" && "$before" != "$after" ]]; then
  echo "train-default: the rebuilt model differs from the one that was there ($before)" >&2
  exit 1
fi
