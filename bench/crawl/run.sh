#!/usr/bin/env bash
# Crawl throughput benchmark: a generated local site, crawled with politeness 0 by
#   (a) a bare crawler4j 4.4.0 crawler that does nothing in visit (baseline),
#   (b) Vigil's crawl stage alone (fetch + robots + extract + fingerprints + dedup, no-op sink),
#   (c) Vigil's full pipeline (crawl + classify with the default model + index flagged pages into
#       Elasticsearch) through the real CLI (cli/target/vigil.jar, built here), see full.py; needs
#       Elasticsearch at BENCH_ES_URL (default http://127.0.0.1:9200); FULL=0 skips it. Hook: set
#       VIGIL_BENCH_FULL_CMD to another command that takes the site's base URL as its last
#       argument and prints one JSON line {"name":..., "pages":N, "seconds":S, "pages_per_s":P,
#       "cpu_s":C, "peak_rss_mib":M} on stdout.
# Each crawler runs in its own JVM (same -Xmx) against the same server JVM; peak RSS is the JVM's
# VmHWM, CPU time is the JVM's process CPU time. (a), (b) and (c) alternate REPEAT times (default 3)
# and the summary shows the median of each, because a shared machine's load drifts.
# Usage: bench/crawl/run.sh [PAGES=5000] [THREADS=8] [REPEAT=3]
set -euo pipefail
PAGES=${1:-5000}
THREADS=${2:-8}
REPEAT=${3:-3}
HEAP=${BENCH_HEAP:-512m}
cd "$(dirname "$0")/../.."
OUT=bench/out/crawl
mkdir -p "$OUT"

mvn -B -q -o -pl crawler -am test-compile -Dspotless.check.skip=true
FULL=${FULL:-1}
if [ "$FULL" = 1 ] && [ -z "${VIGIL_BENCH_FULL_CMD:-}" ]; then
  mvn -B -q -o -DskipTests -Dspotless.check.skip=true package -pl cli -am
  # Maven leaves an up-to-date jar untouched; the launcher would then find a newer source file and
  # rebuild it inside the first timed (c) round (its CPU and RSS are in that round's figures).
  touch cli/target/vigil.jar
  VIGIL_BENCH_FULL_CMD="python3 bench/crawl/full.py --threads $THREADS"
fi
mvn -B -q -o -pl crawler dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="crawler/target/test-classes:crawler/target/classes:model/target/classes:$(cat crawler/target/bench-classpath.txt)"

rm -f "$OUT/port"
java -Xmx1g -Dsun.net.httpserver.nodelay=true -cp "$CP" org.vigil.crawler.bench.BenchSite "$PAGES" "$OUT/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$OUT/port" ] && break; sleep 0.1; done
BASE="http://127.0.0.1:$(cat "$OUT/port")"
# warm the server's JIT a little so that (a) does not pay for it
for _ in $(seq 1 3); do curl -s -o /dev/null "$BASE/p/1.html" || true; done

run() { java "-Xmx$HEAP" -Dsun.net.httpserver.nodelay=true -Dlogback.configurationFile=crawler/src/test/resources/logback-test.xml -cp "$CP" "$@"; }
echo "machine: $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD)" | tee "$OUT/results.txt"
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"; }
load
for i in $(seq 1 "$REPEAT"); do
  run org.vigil.crawler.bench.Crawler4jBench "$BASE" "$THREADS" | tail -1 | tee -a "$OUT/results.txt"
  run org.vigil.crawler.bench.VigilCrawlBench "$BASE" "$THREADS" | tail -1 | tee -a "$OUT/results.txt"
  if [ "$FULL" = 1 ] && [ -n "${VIGIL_BENCH_FULL_CMD:-}" ]; then
    $VIGIL_BENCH_FULL_CMD "$BASE" | tail -1 | tee -a "$OUT/results.txt"
  fi
  load
done
python3 - "$OUT/results.txt" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
med = lambda xs: sorted(xs)[len(xs) // 2]
names = list(dict.fromkeys(r["name"] for r in rows))
summary = {}
for n in names:
    rs = [r for r in rows if r["name"] == n]
    summary[n] = dict(pages=med([r["pages"] for r in rs]), pps=med([r["pages_per_s"] for r in rs]),
                      cpu=med([r["cpu_s"] for r in rs]), rss=max(r["peak_rss_mib"] for r in rs), n=len(rs))
a = summary[next(n for n in names if n.startswith("a-"))]
print(f"median of {a['n']} runs each")
print(f"{'run':<20} {'pages':>6} {'pages/s':>9} {'vs (a)':>7} {'CPU s':>7} {'pages/CPU-s':>12} {'vs (a)':>7} {'peak RSS MiB':>13}")
for n, s in summary.items():
    eff = s['pages'] / s['cpu']
    aeff = a['pages'] / a['cpu']
    print(f"{n:<20} {s['pages']:>6} {s['pps']:>9.1f} {s['pps']/a['pps']:>6.2f}x {s['cpu']:>7.1f} {eff:>12.1f} {eff/aeff:>6.2f}x {s['rss']:>13}")
for r in rows:
    if "flagged" in r:
        print(f"{r['name']}: flagged {r['flagged']}, indexed {r['indexed']}, docs in index {r['docs_in_index']},"
              f" spooled {r['spooled']}, failed {r['failed']}, wall {r['wall_s']} s, heap {r['heap']}")
PY
