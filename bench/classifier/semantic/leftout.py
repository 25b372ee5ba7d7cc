"""Per-fold lists of training rows to leave out, for Loso.java's EXCLUDE (bench only; needs numpy
and the embeddings of `EMBED=e5 semantic.sh`).

The far-right Telegram posts (and the ISIS-supporter tweets) are labelled by channel or account,
not per post: many are announcements, greetings or retweeted news. For each fold of the
leave-one-source-out run and each dataset named here, a logistic regression on the e5-small-v2
embeddings of every recipe row of the *other* datasets — never the fold's held-out one, never the
dataset's own — scores the dataset's extremist rows; those under CUT are left out of that fold's
training. Writes `fold<TAB>dataset<TAB>id` lines. docs/model-card.md, "Recipe variants tried".

usage: python3 leftout.py EMB_DIR OUT_FILE CUT DATASET[,DATASET...]
  e.g. python3 leftout.py ../../out/semantic-e5 ../../out/exclude.tsv 0.2 farright_telegram_activeclubs
  then EXCLUDE=bench/out/exclude.tsv bench/classifier/loso.sh
"""
import sys

import numpy as np

import semantic as S


def main():
    emb_dir, out_file, cut, cleaned = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4].split(",")
    emb = S.read_embeddings(emb_dir + "/embeddings.bin")
    pool = [l.rstrip("\n").split("\t") for l in open(emb_dir + "/manifest.tsv")]
    pool = [r for r in pool if r[0] == "pool"]
    x = np.stack([emb[(p[1], p[2])] for p in pool])
    y = np.array([p[4] == "extremist" for p in pool], float)
    dataset = np.array([p[1] for p in pool])
    folds = sorted(set(dataset) - {"vigil-corpus"}) + ["(none)"]
    lines = []
    for held in folds:
        for d in cleaned:
            if d == held:
                continue
            rows = (dataset == d) & (y == 1)
            train = (dataset != d) & (dataset != held)
            scores = S.head_scores(S.logistic(x[train], y[train]), x[rows])
            left = [p for p, s in zip([p for p, k in zip(pool, rows) if k], scores) if s < cut]
            print("fold %s: %s, %d of %d extremist rows left out" % (held, d, len(left), rows.sum()), flush=True)
            lines += ["%s\t%s\t%s\n" % (held, p[1], p[2]) for p in left]
    open(out_file, "w").write("".join(lines))


if __name__ == "__main__":
    main()
