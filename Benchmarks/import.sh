#!/usr/bin/env bash
# Import benchmark (issue #16): `comp import salesforce` of a Data Loader export of N opportunities
# against `comp run` reading the same deals as deals.csv, on the data sets of Benchmarks/run.sh.
#
#   Benchmarks/import.sh [SIZES...]       default: 1000000 10000000 (deals)
#
# Environment: COMP, REPS, SEED, RUNS, BENCH_DIR_PREFIX as for Benchmarks/run.sh.
#
# Each data set (generated as run.sh does, if absent) is written out once as Salesforce exports it
# (Benchmarks/peers/salesforce_export.py: every field quoted, \r\n, upper-case API names, the split
# deals in OpportunitySplit.csv, a people.csv), then both commands are measured RUNS times each,
# keeping the fastest. The imported deals.csv must give the run the same payroll.csv as the original.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
COMP=${COMP:-$HERE/../.build/release/comp}
REPS=${REPS:-50000}
SEED=${SEED:-42}
RUNS=${RUNS:-2}
PREFIX=${BENCH_DIR_PREFIX:-/tmp/comp-bench-}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000000 10000000)
[ -x "$COMP" ] || { echo "import.sh: no comp binary at $COMP (set COMP)" >&2; exit 2; }

# fastest SECONDS_VAR RSS_VAR -- CMD...: the fastest of $RUNS runs (wall s, peak KB).
fastest() {
    local wall_var=$1 rss_var=$2; shift 3
    local best= best_rss= i
    for ((i = 1; i <= RUNS; i++)); do
        local t0 t1 wall
        t0=$(date +%s%N)
        /usr/bin/time -f %M -o /tmp/import-bench.rss "$@" >/dev/null 2>/tmp/import-bench.err || { cat /tmp/import-bench.err >&2; exit 1; }
        t1=$(date +%s%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall best_rss=$(cat /tmp/import-bench.rss); fi
    done
    printf -v "$wall_var" %s "$best"
    printf -v "$rss_var" %s "$best_rss"
}

echo "| deals | export MB | comp import s | rows/s | MB/s | peak MB | comp run --no-statements s | import ÷ run |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for N in "${SIZES[@]}"; do
    DIR=$PREFIX$N
    if [ ! -f "$DIR/inputs/deals.csv" ]; then
        rm -rf "$DIR.tmp"
        "$COMP" generate --reps "$REPS" --deals "$N" --seed "$SEED" --out "$DIR.tmp" >/dev/null
        mv "$DIR.tmp" "$DIR"
    fi
    [ -f "$DIR/salesforce/Opportunity.csv" ] || python3 "$HERE/peers/salesforce_export.py" "$DIR/inputs/deals.csv" "$DIR/salesforce"
    mkdir -p "$DIR/empty" "$DIR/imported"
    fastest IMPORT IMPORT_RSS -- "$COMP" import salesforce "$DIR/salesforce/Opportunity.csv" --splits "$DIR/salesforce/OpportunitySplit.csv" \
        --people "$DIR/salesforce/people.csv" --product-field PRODUCT__C --cancel-date-field CANCEL_DATE__C --out "$DIR/imported/deals.csv"
    fastest RUN RUN_RSS -- "$COMP" run --period 2026-12 --no-statements --plans "$DIR/plans" --deals "$DIR/inputs/deals.csv" \
        --fx "$DIR/inputs/fx.csv" --inputs "$DIR/empty" --out "$DIR/out-import-bench-run"
    "$COMP" run --period 2026-12 --no-statements --plans "$DIR/plans" --deals "$DIR/imported/deals.csv" --fx "$DIR/inputs/fx.csv" \
        --inputs "$DIR/empty" --out "$DIR/out-import-bench-imported" >/dev/null 2>&1
    cmp -s "$DIR/out-import-bench-run/payroll.csv" "$DIR/out-import-bench-imported/payroll.csv" \
        || { echo "import.sh: the imported deals give another payroll.csv at $N" >&2; exit 1; }
    BYTES=$(stat -c %s "$DIR/salesforce/Opportunity.csv")
    awk -v n="$N" -v b="$BYTES" -v i="$IMPORT" -v r="$IMPORT_RSS" -v run="$RUN" 'BEGIN {
        printf "| %d | %.0f | %.2f | %.0f | %.0f | %.0f | %.2f | %.2f |\n", n, b / 1e6, i, n / i, b / 1e6 / i, r / 1024, run, i / run }'
done
