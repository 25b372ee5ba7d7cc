#!/usr/bin/env bash
# Docs/s per core of the default model vs a bare OpenNLP DocumentCategorizerME, 1 KB and 10 KB texts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
java -Xmx1g -cp "$("$here/classpath.sh")" "$here/Throughput.java" "$here/../../classifier/src/main/corpus" "${1:-3}" 2> >(grep -v -e SLF4J -e 'Indexing' -e 'Computing' -e 'Performing' -e 'Number of' -e '^ *[0-9]*:' -e '^$' >&2)
