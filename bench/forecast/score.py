#!/usr/bin/env python3
"""Scores forecasts against the withheld part of a long series file.

Usage: score.py DATA.csv FORECASTS.csv --horizon H --season M [--complete-only]

DATA.csv is series_id,t,value[,split]; without a split column the last H values of each
series are the test part. FORECASTS.csv is series_id,step,mean,lo80,hi80,lo95,hi95[,model]
(agrodesk-cli forecast's output; the R side writes the same columns).

Measures, as the M4 and M5 competitions define them (Makridakis et al. 2020, IJF 36(1);
2022, IJF 38(4)):
  sMAPE  mean over the horizon of 200|y-f|/(|y|+|f|), then mean over series
  MASE   mean |y-f| / mean |x_t - x_{t-m}| of the training part (m = 1 when the training
         part is not longer than one season), then mean over series
  RMSSE  sqrt(mean (y-f)^2 / mean of squared one-step differences of the training part)
  bias   mean of (f - y) over all points
  coverage80/95  share of actuals inside the interval
Series whose scale is 0 (constant training part) are left out of MASE/RMSSE, as M4 did.
"""
import argparse
import csv
import math
import sys
from collections import OrderedDict


def read_data(path, horizon):
    series = OrderedDict()
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        has_split = "split" in r.fieldnames
        for row in r:
            v = row["value"]
            val = float("nan") if v in ("", "NA") else float(v)
            series.setdefault(row["series_id"], []).append(
                (int(row["t"]), val, row.get("split", "")))
    out = OrderedDict()
    for sid, rows in series.items():
        rows.sort(key=lambda x: x[0])
        if has_split:
            train = [v for _, v, s in rows if s != "test"]
            test = [v for _, v, s in rows if s == "test"]
        else:
            train = [v for _, v, _ in rows[:-horizon]]
            test = [v for _, v, _ in rows[-horizon:]]
        out[sid] = (train, test)
    return out


def read_forecasts(path):
    fc = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            fc.setdefault(row["series_id"], []).append(
                (int(row["step"]), float(row["mean"]), float(row["lo80"]), float(row["hi80"]),
                 float(row["lo95"]), float(row["hi95"])))
    for v in fc.values():
        v.sort()
    return fc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("forecasts")
    ap.add_argument("--horizon", type=int, required=True)
    ap.add_argument("--season", type=int, default=1)
    ap.add_argument("--complete-only", action="store_true",
                    help="score only series without missing values")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    data = read_data(a.data, a.horizon)
    fc = read_forecasts(a.forecasts)
    smapes, mases, rmsses = [], [], []
    bias_sum = bias_n = 0
    in80 = in95 = pts = 0
    missing = 0
    for sid, (train, test) in data.items():
        if a.complete_only and any(math.isnan(v) for v in train + test):
            continue
        f = fc.get(sid)
        if not f or len(f) < len(test):
            missing += 1
            continue
        n = len(train)
        m = a.season if n > a.season else 1
        scale = sum(abs(train[t] - train[t - m]) for t in range(m, n)) / (n - m) if n > m else 0
        scale2 = sum((train[t] - train[t - 1]) ** 2 for t in range(1, n)) / (n - 1) if n > 1 else 0
        s = ae = se = 0.0
        for y, (_, mean, lo80, hi80, lo95, hi95) in zip(test, f):
            d = abs(y) + abs(mean)
            s += 200 * abs(y - mean) / d if d > 0 else 0
            ae += abs(y - mean)
            se += (y - mean) ** 2
            bias_sum += mean - y
            bias_n += 1
            in80 += lo80 <= y <= hi80
            in95 += lo95 <= y <= hi95
            pts += 1
        h = len(test)
        smapes.append(s / h)
        if scale > 0:
            mases.append(ae / h / scale)
        if scale2 > 0:
            rmsses.append(math.sqrt(se / h / scale2))
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
    print(f"{a.label or a.forecasts}: series {len(smapes)} (missing forecasts {missing}) "
          f"sMAPE {mean(smapes):.3f} MASE {mean(mases):.4f} RMSSE {mean(rmsses):.4f} "
          f"bias {bias_sum / max(bias_n, 1):+.4f} cov80 {in80 / max(pts, 1):.3f} "
          f"cov95 {in95 / max(pts, 1):.3f}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
