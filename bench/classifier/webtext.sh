#!/usr/bin/env bash
# Flag rates of a model on real web text about extremism that it must not flag: news excerpts
# about terrorism and NGO / faith-leader statements against it (docs/model-card.md, "Real web text
# about extremism"). The texts are third-party pages and are not in the repository: DIR holds
# news.tsv, ngo.tsv, news-paras.tsv and ngo-paras.tsv (header `id url text`; the pages' URLs are in
# bench/classifier/webtext-urls.tsv). Skips when DIR is absent.
#   bench/classifier/webtext.sh DIR [MODEL]      (SEMANTIC=1: with the semantic stage, --semantic)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="${1:?usage: webtext.sh DIR [MODEL]}"
[[ -d "$dir" ]] || { echo "SKIP: $dir not found"; exit 0; }
model=()
[[ -n "${2:-}" ]] && model=(--model "$2")
[[ -n "${SEMANTIC:-}" ]] && model+=(--semantic)
for f in news ngo news-paras ngo-paras; do
  [[ -f "$dir/$f.tsv" ]] || continue
  "$root/vigil" classify "${model[@]}" --tsv "$dir/$f.tsv" \
    | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin]
flagged = sum(r["flagged"] for r in rows)
print("%-11s %4d texts, %4d flagged (%.1f %%)" % (sys.argv[1], len(rows), flagged, 100.0 * flagged / max(len(rows), 1)))
' "$f"
done
