#!/usr/bin/env bash
# The semantic stage on the real web text of bench/classifier/webtext.sh (news and NGO texts the
# model must not flag; DIR outside the repository): run semantic.sh first (same EMBED), then this.
#   [EMBED=e5] bench/classifier/semantic/webtext.sh DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
dir="${1:?usage: webtext.sh DIR}"
[[ -d "$dir" ]] || { echo "SKIP: $dir not found"; exit 0; }
out="$root/bench/out/semantic${EMBED:+-$EMBED}"
[[ -f "$out/embeddings.bin" ]] || { echo "run semantic.sh first (same EMBED)" >&2; exit 2; }
for f in news ngo news-paras ngo-paras; do
  [[ -f "$dir/$f.tsv" ]] || continue
  java -cp "$("$root/bench/classifier/classpath.sh"):$(cat "$out/classpath")" "$here/Embed.java" \
    --tsv "$dir/$f.tsv" "$out/web-$f.bin" 2> >(grep -v SLF4J >&2)
  "$root/vigil" classify --tsv "$dir/$f.tsv" > "$out/web-$f.jsonl"
done
cd "$here" && python3 webtext.py "$out"
