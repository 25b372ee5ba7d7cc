#!/usr/bin/env bash
# Prints the runtime classpath of the classifier module (builds it if needed). Used by the bench scripts.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cp_file="$root/classifier/target/bench.classpath"
if [[ ! -f "$cp_file" || "$root/classifier/pom.xml" -nt "$cp_file" ]]; then
  mvn -B -q -f "$root/pom.xml" -pl classifier -am install -DskipTests >&2
  mvn -B -q -f "$root/classifier/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
fi
echo "$root/classifier/target/classes:$(cat "$cp_file")"
