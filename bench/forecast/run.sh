#!/usr/bin/env bash
# Forecasting benchmark: AgroDesk's engine and R's forecast package on the same series, in
# the same run (bench/README.md records the latest figures).
#   bench/forecast/run.sh BUILD_DIR OUT_DIR [DATA_DIR]
# Needs Rscript with the forecast package (apt-get install r-base-core r-cran-forecast).
# R's auto.arima() is timed and scored on every 10th monthly series only (it takes ~2 s per
# series); everything else runs on every series.
set -euo pipefail
build=${1:?build dir}; out=${2:?output dir}
data=${3:-$(cd "$(dirname "$0")/../../../shared/data" && pwd)}
here=$(cd "$(dirname "$0")" && pwd)
cli="$build/app/agrodesk-cli"
mkdir -p "$out"
score() { python3 "$here/score.py" "$@" | tee -a "$out/summary.txt"; }
: > "$out/summary.txt"
echo "machine: $(nproc) cores; $(date -u +%FT%TZ); commit $(git -C "$here" rev-parse --short HEAD)" | tee -a "$out/summary.txt"

run_set() { # name horizon season
  local name=$1 h=$2 m=$3 f="$data/$1.csv"
  for threads in 1 2; do
    "$cli" forecast --input "$f" --horizon "$h" --season "$m" --method auto \
      --out "$out/agro_$name.csv" --threads "$threads" | tee -a "$out/summary.txt"
  done
  score "$f" "$out/agro_$name.csv" --horizon "$h" --season "$m" --label "agrodesk auto $name"
  for method in ets theta; do
    Rscript "$here/r_forecast.R" "$f" "$h" "$m" "$method" "$out/r_${method}_$name.csv" \
      | tee -a "$out/summary.txt"
    score "$f" "$out/r_${method}_$name.csv" --horizon "$h" --season "$m" --label "R $method $name"
  done
}

run_set m3_monthly_long 18 12
run_set m3_quarterly_long 8 4
run_set m3_yearly_long 6 1

# auto.arima on a deterministic subset (every 10th series), for the time ratio and a sanity score.
Rscript "$here/r_forecast.R" "$data/m3_monthly_long.csv" 18 12 arima "$out/r_arima_m3_monthly_sub.csv" 10 \
  | tee -a "$out/summary.txt"

# Intermittent demand: car parts, 2,509 complete series, last 12 months withheld.
cp="$data/carparts_long.csv"
"$cli" forecast --input "$cp" --horizon 12 --season 12 --method auto --out "$out/agro_carparts.csv" \
  --threads 1 | tee -a "$out/summary.txt"
score "$cp" "$out/agro_carparts.csv" --horizon 12 --season 12 --complete-only --label "agrodesk auto carparts"
for method in croston sba; do
  Rscript "$here/r_forecast.R" "$cp" 12 12 "$method" "$out/r_${method}_carparts.csv" | tee -a "$out/summary.txt"
  score "$cp" "$out/r_${method}_carparts.csv" --horizon 12 --season 12 --complete-only --label "R $method carparts"
done
echo "summary: $out/summary.txt"
