#!/usr/bin/env python3
"""Benchmark (c): Vigil's full pipeline (crawl + classify + index) through the real CLI.

Usage: bench/crawl/full.py [--threads N] [--heap 384m] [--es URL] [--jfr FILE] [--root DIR] BASE_URL

Runs Vigil as users do, through the repository's launcher: `VIGIL_JAVA_OPTS=-Xmx<heap> ./vigil
--es URL crawl --config <tmp>/sources.yml --json --state-dir <tmp>/state --threads N` (the
launcher execs one JVM with its own default options, e.g. the garbage collector, on the jar that
run.sh has just built; --root picks another checkout's launcher, for A/B runs) against the bench
site at BASE_URL,
with a fresh VIGIL_HOME (so a fresh spool, registry = default model) and a fresh Elasticsearch
index prefix per run (VIGIL_ES_PREFIX=bench-crawl-<time>-<pid>), so every flagged page is really
indexed into a new index, never an update of an earlier run's document. Afterwards it counts the
documents that reached the index, then deletes that prefix's indices and templates (flagged, run
history, spread clusters and copies; only this run's; the shared cluster is left running).

Prints one JSON line like (a) and (b): pages = pages fetched; seconds = the CLI's duration_ms
(crawl start to the final indexer checkpoint, like (b)'s timed run(); JVM start-up and model
loading are not in it, but their CPU is); cpu_s = the JVM's user+sys CPU time (wait4 rusage);
peak_rss_mib = the JVM's maximum resident set size (ru_maxrss, the same figure as VmHWM).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def es(method, url):
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return {"status": e.code}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=8)
    # empty: the launcher's default heap (what users get); else -Xmx<heap> in VIGIL_JAVA_OPTS
    p.add_argument("--heap", default=os.environ.get("FULL_HEAP", ""))
    p.add_argument("--es", default=os.environ.get("BENCH_ES_URL", "http://127.0.0.1:9200"))
    p.add_argument("--root", default=ROOT, help="checkout whose ./vigil launcher to run")
    p.add_argument("--jfr", default=os.environ.get("FULL_JFR"), help="write a JFR profile here")
    p.add_argument("--keep-index", action="store_true", help="do not delete the bench indices")
    p.add_argument("base")
    a = p.parse_args()

    host = urlsplit(a.base).hostname
    tmp = tempfile.mkdtemp(prefix="vigil-bench-full-")
    prefix = f"bench-crawl-{int(time.time())}-{os.getpid()}"
    sources = os.path.join(tmp, "sources.yml")
    with open(sources, "w") as f:
        # Same source as (b): depth 20, no page cap that matters, politeness 0. The SSRF guard
        # stays on; the loopback host is exempt because scope.hosts names it exactly.
        f.write(
            'allow_private_networks: false\n'
            'user_agent: "VigilBench/1.0 (+https://example.org/bench)"\n'
            "sources:\n"
            "  - id: bench\n"
            "    type: web\n"
            f'    seeds: ["{a.base}/"]\n'
            f'    scope: {{hosts: ["{host}"], include: [], exclude: []}}\n'
            "    max_depth: 20\n"
            "    max_pages: 1_000_000\n"
            "    politeness_ms: 0\n"
            f"    threads: {a.threads}\n"
        )
    env = dict(os.environ, VIGIL_HOME=os.path.join(tmp, "home"), VIGIL_ES_PREFIX=prefix)
    env.pop("VIGIL_ES_URL", None)
    jvm = ([f"-Xmx{a.heap}"] if a.heap else []) + ["-Dsun.net.httpserver.nodelay=true"]
    if a.jfr:
        jvm.append(f"-XX:StartFlightRecording=filename={a.jfr},settings=profile")
    # added to the launcher's own JVM options; the caller's VIGIL_JAVA_OPTS come last and win
    env["VIGIL_JAVA_OPTS"] = " ".join(jvm + [os.environ.get("VIGIL_JAVA_OPTS", "")]).strip()
    cmd = ["bash", os.path.join(a.root, "vigil"), "--es", a.es, "crawl", "--config", sources,
           "--json", "--state-dir", os.path.join(tmp, "state"), "--threads", str(a.threads)]
    out_path = os.path.join(tmp, "stdout")
    err_path = os.path.join(tmp, "stderr")
    t0 = time.monotonic()
    with open(out_path, "w") as out, open(err_path, "w") as err:
        child = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    lines = [l for l in open(out_path) if l.startswith("{")]
    try:
        if code not in (0, 3) or not lines:
            sys.stderr.write(open(err_path).read()[-4000:])
            raise SystemExit(f"full pipeline: vigil crawl exited {code}; see {tmp}")
        s = json.loads(lines[-1])
        es("POST", f"{a.es}/{prefix}-flagged/_refresh")
        in_index = es("GET", f"{a.es}/{prefix}-flagged/_count").get("count", -1)
        seconds = s["duration_ms"] / 1000.0
        print(json.dumps({
            "name": "c-vigil-full",
            "pages": s["fetched"],
            "seconds": round(seconds, 2),
            "pages_per_s": round(s["fetched"] / seconds, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "threads": a.threads,
            "peak_rss_mib": usage.ru_maxrss // 1024,
            "heap": a.heap or "launcher default",
            "wall_s": round(wall, 2),
            "failed": s["failed"],
            "flagged": s["flagged"],
            "indexed": s["indexed"],
            "spooled": s["spooled"],
            "docs_in_index": in_index,
            "status": s["status"],
        }), flush=True)
    finally:
        if not a.keep_index:
            # destructive wildcards are refused by default (action.destructive_requires_name):
            # delete the versioned indices behind this run's alias by name
            for kind in ("flagged", "copies"):
                for name in es("GET", f"{a.es}/{prefix}-{kind}/_alias"):
                    if name.startswith(f"{prefix}-{kind}-"):
                        es("DELETE", f"{a.es}/{name}")
            es("DELETE", f"{a.es}/{prefix}-runs")
            es("DELETE", f"{a.es}/{prefix}-clusters")
            for kind in ("flagged", "runs", "copies", "clusters"):
                es("DELETE", f"{a.es}/_index_template/{prefix}-{kind}")
        if code in (0, 3):
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
