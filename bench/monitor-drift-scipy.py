"""The reference figure for bench/monitor-drift.ts: the same drift report with plain scipy calls.

Reads the reference and current columns bench/monitor-drift.ts wrote (float64, feature-major),
then per feature runs scipy.stats.ks_2samp and scipy.stats.wasserstein_distance divided by the
reference's standard deviation (what Evidently's default does for > 1000 rows), and prints the
seconds it took and the statistics as JSON on the last line.
usage: python3 bench/monitor-drift-scipy.py DIR ROWS FEATURES
"""
import json
import sys
import time

import numpy as np
from scipy import stats

directory, rows, features = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
reference = np.fromfile(f"{directory}/reference.f64", dtype=np.float64).reshape(features, rows)
current = np.fromfile(f"{directory}/current.f64", dtype=np.float64).reshape(features, rows)
start = time.perf_counter()
wasserstein = []
ks = []
for j in range(features):
    wasserstein.append(stats.wasserstein_distance(reference[j], current[j]) / max(np.std(reference[j]), 0.001))
    ks.append(stats.ks_2samp(reference[j], current[j]).statistic)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "wasserstein": wasserstein, "ks": ks}))
