"""The semantic stage on the real web text of bench/classifier/webtext.sh (bench only; needs numpy):
a logistic regression on the embeddings of every recipe row (semantic.sh's) scores each whole text,
and the text is flagged when the mean of that and the default model's score reaches a threshold.
Whole texts, not windows: an approximation of the cascade, which would score each window.

usage: python3 webtext.py EMB_DIR   (EMB_DIR/web-<name>.bin and .jsonl written by webtext.sh)
"""
import glob
import json
import os
import sys

import numpy as np

import semantic as S


def main():
    emb_dir = sys.argv[1]
    emb = S.read_embeddings(emb_dir + "/embeddings.bin")
    pool = [l.rstrip("\n").split("\t") for l in open(emb_dir + "/manifest.tsv")]
    pool = [r for r in pool if r[0] == "pool"]
    x = np.stack([emb[(p[1], p[2])] for p in pool])
    y = np.array([p[4] == "extremist" for p in pool], float)
    beta = S.logistic(x, y)
    for path in sorted(glob.glob(emb_dir + "/web-*.bin")):
        name = os.path.basename(path)[4:-4]
        web = S.read_embeddings(path)
        maxent = [json.loads(l) for l in open(path[:-4] + ".jsonl")]
        head = S.head_scores(beta, np.stack(list(web.values())))
        scores = np.array([r["score"] for r in maxent])
        mean = (scores + head) / 2
        print("%-11s %4d texts: maxent flags %.1f %%; mean with the head >= 0.63 / 0.70: %.1f / %.1f %%"
              % (name, len(scores), 100 * np.mean([r["flagged"] for r in maxent]),
                 100 * np.mean(mean >= 0.63), 100 * np.mean(mean >= 0.70)))


if __name__ == "__main__":
    main()
