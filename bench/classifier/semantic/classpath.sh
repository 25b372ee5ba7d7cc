#!/usr/bin/env bash
# Prints the runtime classpath of the semantic module (the classifier's and the embedding model's),
# building it in the reactor first. For bench classes that use the semantic stage (PAGES_SEMANTIC=1).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cp_file="$root/semantic/target/bench.classpath"
mvn -B -q -f "$root/pom.xml" -pl semantic -am package -DskipTests -Dspotless.check.skip=true \
  dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
echo "$root/semantic/target/classes:$(cat "$cp_file")"
