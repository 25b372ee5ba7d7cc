#!/usr/bin/env bash
# Recall on `hate` and false-positive rate on `noHate` of the default model on the Stormfront dev set.
# The data lives outside the repository and is never copied into it; skips when absent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-/work/shared/datasets/stormfront-dev.tsv}"
[[ -f "$data" ]] || { echo "SKIP: $data not found"; exit 0; }
java -cp "$("$here/classpath.sh")" "$here/Stormfront.java" "$data" "${@:2}" 2> >(grep -v SLF4J >&2)
