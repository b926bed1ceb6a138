#!/usr/bin/env bash
# Runs the foundation benchmarks on the large preset, each phase in a fresh process so that
# start-up time and peak memory are the app's own. Usage: bench/run.sh [BUILD_DIR] [WORKDIR]
set -euo pipefail
build=${1:-build/release}
work=${2:-$(mktemp -d)}
bin="$build/bench/bench_foundation"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -r), workdir $work"
[[ -f "$work/large.agrodesk" ]] || "$bin" --workdir "$work" --phase generate
"$bin" --workdir "$work" --phase open
"$bin" --workdir "$work" --phase import
"$bin" --workdir "$work" --phase costs
"$bin" --workdir "$work" --phase forecasts
cli="$build/app/agrodesk-cli"
start=$(date +%s.%N)
"$cli" yield-predict --workspace "$work/large.agrodesk" | grep '^#'
echo "# yield-predict took $(echo "$(date +%s.%N) - $start" | bc) s"
# Restock on a copy (it stores a forecast run and proposals): proposals for 1,000 products
# after a forecast run, then the policy replay against its baselines.
copy="$work/restock-copy.agrodesk"
cp "$work/large.agrodesk" "$copy"
"$cli" forecast --workspace "$copy" > /dev/null
start=$(date +%s.%N)
"$cli" restock propose --workspace "$copy" > /dev/null
echo "# restock propose took $(echo "$(date +%s.%N) - $start" | bc) s (budget 2 s)"
"$cli" restock-simulate --workspace "$copy"
rm -f "$copy" "$copy-wal" "$copy-shm"
# Detection (alerts issue) on a copy: every detector over ~7 M readings and 50,000
# inspections, scored against the generator's injected faults (budget 5 s).
copy="$work/detect-copy.agrodesk"
cp "$work/large.agrodesk" "$copy"
"$cli" detect --workspace "$copy"
rm -f "$copy" "$copy-wal" "$copy-shm"
# Sensor conditions against QC outcomes: every farm and field scanned; the demo planted one link
# (wet weeks → over-ripe produce).
start=$(date +%s.%N)
"$cli" qc-conditions --workspace "$work/large.agrodesk" | tail -1
echo "# qc-conditions took $(echo "$(date +%s.%N) - $start" | bc) s"
# Reports: the sales data (~1.1 M rows) streamed to CSV and XLSX. Peak RSS growth is measured
# against the same command exporting no rows (a period after the data), so it is the export's
# own memory (budget: under 100 MB).
base=$( { /usr/bin/time -f %M "$cli" report sales-data --workspace "$work/large.agrodesk" \
  --format csv --from 2100-01-01 --out "$work/empty.csv" > /dev/null; } 2>&1 | tail -1)
for fmt in csv xlsx; do
  start=$(date +%s.%N)
  peak=$( { /usr/bin/time -f %M "$cli" report sales-data --workspace "$work/large.agrodesk" \
    --format "$fmt" --out "$work/sales.$fmt" > /dev/null; } 2>&1 | tail -1)
  echo "# sales-data $fmt: $(echo "$(date +%s.%N) - $start" | bc) s," \
    "$(stat -c %s "$work/sales.$fmt") bytes, peak RSS $peak KB, growth $((peak - base)) KB" \
    "over the empty export's $base KB (budget 100 MB)"
done
start=$(date +%s.%N)
"$cli" report season-summary --workspace "$work/large.agrodesk" --format pdf \
  --out "$work/season.pdf" > /dev/null
echo "# season-summary pdf: $(echo "$(date +%s.%N) - $start" | bc) s, $(pdfinfo "$work/season.pdf" | grep Pages)"
rm -f "$work/sales.csv" "$work/sales.xlsx" "$work/empty.csv" "$work/season.pdf"
