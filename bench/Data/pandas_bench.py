"""The pandas side of bench/Data: the same profile, IQR outliers and cross-tab, timed; peak RSS from /proc."""
import json
import sys
import time

import pandas as pd

path = sys.argv[1]
t0 = time.perf_counter()
d = pd.read_csv(path, parse_dates=["order_date"])
profile = {
    "describe": d.describe(include="all", datetime_is_numeric=True),
    "nulls": d.isna().sum(),
    "distinct": d.nunique(),
    "top": {c: d[c].value_counts().head(10) for c in d.columns},
}
t1 = time.perf_counter()
q1, q3 = d.revenue.quantile(0.25), d.revenue.quantile(0.75)
iqr = q3 - q1
outliers = d[(d.revenue < q1 - 1.5 * iqr) | (d.revenue > q3 + 1.5 * iqr)]
named = outliers.assign(score=(outliers.revenue - q3).abs()).nlargest(50, "score").order_id.tolist()
t2 = time.perf_counter()
crosstab = pd.crosstab(d.region, d["product"], values=d.revenue, aggfunc="sum", margins=True)
t3 = time.perf_counter()
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
print(json.dumps({"rows": len(d), "profile": t1 - t0, "outliers": t2 - t1, "crosstab": t3 - t2, "total": t3 - t0, "peak_mb": peak,
                  "outlier_count": len(outliers), "grand_total": float(crosstab.loc["All", "All"])}))
