"""The rapidfuzz side of the screening benchmark (prints figures, asserts
nothing): brute-force process.extract over every alias, with JaroWinkler and
with token_sort_ratio, on the same queries as bench-screening.

Usage: python3 scripts/bench_screening.py OUT_DIR  (after bench-screening)
"""
import re
import statistics
import sys
import time

from rapidfuzz import fuzz, process, utils
from rapidfuzz.distance import JaroWinkler

out = sys.argv[1]
un = [p for p in (line.rstrip("\n").split("\t", 1) for line in open(f"{out}/un-aliases.tsv", encoding="utf-8")) if len(p) == 2]
un_ids = [i for i, _ in un]
un_names = [n for _, n in un]
eu_names = [m.replace("&amp;", "&").replace("&quot;", '"') for m in re.findall(r'wholeName="([^"]*)"', open(f"{out}/eu-synthetic.xml", encoding="utf-8").read())]
def read_queries(path):
    try:
        return [line.rstrip("\n").split("\t", 2) for line in open(path, encoding="utf-8")]
    except OSError:
        return []


queries = read_queries(f"{out}/queries.tsv")
queries_b = read_queries(f"{out}/queries-b.tsv")

SCORERS = {
    "JaroWinkler": (JaroWinkler.normalized_similarity, 0.90),
    "token_sort_ratio": (fuzz.token_sort_ratio, 85),
}


def ms_per_query(names, scorer, cutoff):
    times = []
    for _, _, q in queries:
        t = time.perf_counter()
        process.extract(q, names, scorer=scorer, processor=utils.default_process, limit=5, score_cutoff=cutoff)
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times)


def quality(scorer, cutoff, queries):
    found = positives = flagged = negatives = 0
    for kind, want, q in queries:
        hits = process.extract(q, un_names, scorer=scorer, processor=utils.default_process, limit=5, score_cutoff=cutoff)
        ids = {un_ids[i] for _, _, i in hits}
        if kind == "P":
            positives += 1
            found += want in ids
        else:
            negatives += 1
            flagged += bool(hits)
    return found / max(positives, 1), flagged / max(negatives, 1)


print(f"rapidfuzz brute force (process.extract, default_process, limit 5): {len(queries)} queries")
results = {}
for name, (scorer, cutoff) in SCORERS.items():
    un_ms = ms_per_query(un_names, scorer, cutoff)
    eu_ms = ms_per_query(eu_names, scorer, cutoff)
    recall, fp = quality(scorer, cutoff, queries)
    recall_b, fp_b = quality(scorer, cutoff, queries_b)
    results[name] = (un_ms, eu_ms)
    print(f"  {name} (cutoff {cutoff}): UN {len(un_names)} aliases {un_ms:.3f} ms/query; EU synthetic {len(eu_names)} aliases {eu_ms:.3f} ms/query; set A recall {recall:.3}, negatives flagged {fp:.3}; set B recall {recall_b:.3}, negatives flagged {fp_b:.3}")
for key in ("UN", "EU"):
    try:
        ours = float(open(f"{out}/ours-{key}.txt").read())
    except OSError:
        continue
    jw = results["JaroWinkler"][0 if key == "UN" else 1]
    print(f"  speed-up of export-assessor over rapidfuzz JaroWinkler, {key}: {jw / ours:.1f}x ({ours:.3f} vs {jw:.3f} ms/query, medians)")
    try:
        mean = float(open(f"{out}/ours-mean-{key}.txt").read())
        print(f"    on our mean per query (our slowest queries included): {jw / mean:.1f}x ({mean:.4f} ms/query)")
    except (OSError, ValueError):
        pass
