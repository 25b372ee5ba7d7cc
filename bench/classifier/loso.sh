#!/usr/bin/env bash
# Leave-one-source-out evaluation of the default model's training recipe on the shared real
# datasets (outside the repository, never copied into it; skips when absent). For each dataset the
# default model trains on, and the Stormfront dev set: train on all the others (threshold from their
# hold-out only), predict the held-out one; research-only datasets are predicted by one model
# trained on everything. Prints the per-source table and the pooled macro-F1; one prediction per
# row goes to bench/out/loso.tsv. Takes ~25 min on the 2-core VM (10 trainings, two at a time).
# EXCLUDE=FILE leaves training rows out per fold (`fold<TAB>dataset<TAB>id`; semantic/leftout.py).
#   bench/classifier/loso.sh [TRAINING_DIR] [MAX_BENIGN_FPR] [ROWS_PER_LABEL]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
training="${1:-$root/../shared/datasets/training}"
stormfront="$(dirname "$training")/stormfront-dev.tsv"
[[ -d "$training" && -f "$stormfront" ]] || { echo "SKIP: $training or $stormfront not found"; exit 0; }
java -Xmx8g -cp "$("$root/bench/classifier/classpath.sh")" "$root/bench/classifier/Loso.java" \
  "$training" "$stormfront" "$root/classifier/src/main/corpus" "$root/bench/out/loso.tsv" \
  "${2:-0.05}" "${3:-1000}" 2> >(grep -v SLF4J >&2)
