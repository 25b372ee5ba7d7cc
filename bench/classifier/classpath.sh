#!/usr/bin/env bash
# Prints the runtime classpath of the classifier module (builds it if needed). Used by the bench scripts.
# Builds in the reactor (no `mvn install`): the model module resolves to its own target/ folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp_file="$root/classifier/target/bench.classpath"
if [[ ! -f "$cp_file" || "$root/classifier/pom.xml" -nt "$cp_file" || ! -d "$root/classifier/target/classes" ]]; then
  mvn -B -q -f "$root/pom.xml" -pl classifier -am package -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
echo "$root/classifier/target/classes:$(cat "$cp_file")"
