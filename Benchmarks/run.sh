#!/usr/bin/env bash
# Scale benchmark (issue #6): comp against the `wc -l` floor and two peers (DuckDB, Polars) doing
# comp's core calculation on the same generated data.
#
#   Benchmarks/run.sh [SIZES...]          default: 100000 1000000 10000000 (deals)
#
# Environment:
#   COMP     the comp binary            (default .build/release/comp of this checkout, built as the README
#                                        says: swift build -c release --static-swift-stdlib --product comp)
#   PY       python with duckdb+polars  (default /work/bench-venv/bin/python: python3 -m venv /work/bench-venv && /work/bench-venv/bin/pip install duckdb polars)
#   REPS     reps in the data set       (default 50000)
#   SEED     generator seed             (default 42)
#   RUNS     measurements per tool      (default 2; the fastest is reported)
#   BENCH_DIR_PREFIX                    (default /tmp/comp-bench-; data in ${prefix}N)
#   BENCH_OUT  where the runs' output folders go (default: beside the data, ${prefix}out.XXXXXX);
#              file creation costs what the file system's state makes it cost there (see
#              docs/PERFORMANCE.md: a /tmp churned by millions of files created and deleted is slow)
#   COMP_ALL_INPUTS=1  also time comp run from the data folder with every default input
#                      (forecasts.csv, pipeline.csv, expected.csv too) as an extra row
#   VARIANTS  0 to skip the runs on the same deals written as a CRM writes them (every field
#             quoted, \r\n) and as deals.xml (default 1; each is made once, by peers/rewrite_deals.py)
#
# comp is measured as users run it: `comp run` with every output, statements included (the
# headline), then with --no-statements. The generated plans hold back part of some commission and
# credit SUPPORT deals on payment, and comp reads the data set's payments.csv; the peers' core
# calculation has neither (it is the same amount of work as comp's credit-and-tier core).
#
# Each size's data set is generated once into ${BENCH_DIR_PREFIX}N (kept for later runs). Every
# measurement goes through /usr/bin/time -v (wall clock, maximum resident set size). Page cache
# is warm (the data was just generated or read by the run before). The table is Markdown on stdout,
# the tools' own messages go to ${BENCH_DIR_PREFIX}N/logs/.
set -euo pipefail

HERE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COMP=${COMP:-$HERE_ROOT/.build/release/comp}
PY=${PY:-/work/bench-venv/bin/python}
REPS=${REPS:-50000}
SEED=${SEED:-42}
RUNS=${RUNS:-2}
PREFIX=${BENCH_DIR_PREFIX:-/tmp/comp-bench-}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 1000000 10000000)

[ -x "$COMP" ] || { echo "run.sh: no comp binary at $COMP (set COMP)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
"$PY" -c 'import duckdb, polars' 2>/dev/null || { echo "run.sh: $PY lacks duckdb/polars" >&2; exit 2; }

VARIANTS=${VARIANTS:-1}

bytes() { stat -c %s "$@" | awk '{ s += $1 } END { print s + 0 }'; }

# measure NAME LOG -- CMD...: run CMD $RUNS times under /usr/bin/time -v; sets BEST_WALL (s),
# BEST_RSS (KB) of the fastest run and FAILED=1 if any run exited non-zero.
measure() {
    local name=$1 log=$2; shift 3
    BEST_WALL= BEST_RSS= FAILED=0
    local i wall rss
    for ((i = 1; i <= RUNS; i++)); do
        # Start with nothing waiting to be written to disk: a run writing 1.7 GB of statements
        # right after another would wait for the first one's writeback.
        sync
        local t0 t1
        t0=$(date +%s%N)
        if ! /usr/bin/time -v -o "$log.time.$i" "$@" >"$log.out.$i" 2>&1; then
            FAILED=1
            echo "run.sh: $name failed, see $log.out.$i" >&2
        fi
        t1=$(date +%s%N)
        # wall clock from date (ns; /usr/bin/time -v only has 10 ms resolution, too coarse for
        # wc at small sizes); the ~1 ms of starting /usr/bin/time itself is included.
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
        rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time.$i")
        if [ -z "$BEST_WALL" ] || awk -v a="$wall" -v b="$BEST_WALL" 'BEGIN { exit !(a < b) }'; then
            BEST_WALL=$wall BEST_RSS=$rss
        fi
    done
}

row() { # size tool input_bytes
    local size=$1 tool=$2 input=$3
    if [ "$FAILED" = 1 ]; then
        printf '| %s | %s | failed | | | |\n' "$size" "$tool"
        return
    fi
    awk -v n="$size" -v t="$tool" -v w="$BEST_WALL" -v r="$BEST_RSS" -v b="$input" 'BEGIN {
        if (w <= 0) w = 0.001
        printf "| %d | %s | %.3f | %.0f | %.1f | %.0f |\n", n, t, w, n / w, b / 1e6 / w, r / 1024 }'
}

if [ -n "${BENCH_OUT:-}" ]; then
    mkdir -p "$BENCH_OUT"
    OUT_ROOT=$(mktemp -d "$BENCH_OUT/out.XXXXXX")
else
    OUT_ROOT=$(mktemp -d "${PREFIX}out.XXXXXX")
fi
export OUT_ROOT
trap 'rm -rf "$OUT_ROOT"' EXIT

for N in "${SIZES[@]}"; do
    DIR=$PREFIX$N
    # A data set written before comp generate wrote payments is made again.
    if [ ! -f "$DIR/inputs/payments.csv" ]; then
        echo "run.sh: generating $N deals for $REPS reps into $DIR" >&2
        rm -rf "$DIR.tmp"
        /usr/bin/time -f "run.sh: generate took %e s, %M KB" \
            "$COMP" generate --reps "$REPS" --deals "$N" --seed "$SEED" --out "$DIR.tmp" >/dev/null
        rm -rf "$DIR"
        mv "$DIR.tmp" "$DIR"
    fi
    mkdir -p "$DIR/logs" "$DIR/cwd"   # cwd: an empty folder, comp's inputs folder for the core run (no optional inputs)
    DEALS_B=$(bytes "$DIR/inputs/deals.csv")
    CORE_B=$(bytes "$DIR/inputs/deals.csv" "$DIR/inputs/fx.csv" "$DIR"/plans/*.xml)
    ALL_B=$(bytes "$DIR/inputs/"*.csv "$DIR"/plans/*.xml)

    LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
    TABLE=()
    measure wc "$DIR/logs/wc" -- wc -l "$DIR/inputs/deals.csv"
    TABLE+=("$(row "$N" 'wc -l deals.csv (floor)' "$DEALS_B")")
    # comp_run LOG DEALS [FLAGS...]: the core inputs, from an empty inputs folder (no optional inputs).
    comp_run() {
        local log=$1 deals=$2; shift 2
        # Each run writes a new output folder, as a month's first run does: replacing one, or
        # writing where 100 000 statements were just deleted, costs the file system seconds of
        # its own (ext4 avoids reusing recently freed inodes). They are removed at the end.
        measure comp "$DIR/logs/$log" -- bash -c 'cd "$1" && shift && exec "$@" --out "$OUT_ROOT/$(date +%s%N)"' _ "$DIR/cwd" \
            "$COMP" run --period 2026-12 "$@" \
            --plans "$DIR/plans" --deals "$deals" --fx "$DIR/inputs/fx.csv" --payments "$DIR/inputs/payments.csv" --inputs "$DIR/cwd"
    }
    comp_run comp "$DIR/inputs/deals.csv"
    TABLE+=("$(row "$N" 'comp run (every output, statements included)' "$CORE_B")")
    comp_run comp-no-statements "$DIR/inputs/deals.csv" --no-statements
    TABLE+=("$(row "$N" 'comp run --no-statements' "$CORE_B")")
    if [ "$VARIANTS" = 1 ]; then
        for kind in quoted xml; do
            target=$DIR/inputs/deals-$kind.${kind/quoted/csv}
            [ -f "$target" ] || python3 "$HERE/peers/rewrite_deals.py" "$kind" "$DIR/inputs/deals.csv" "$target"
            comp_run "comp-$kind" "$target"
            TABLE+=("$(row "$N" "comp run, deals $( [ $kind = quoted ] && echo 'quoted, \\r\\n' || echo 'as XML')" \
                "$(bytes "$target" "$DIR/inputs/fx.csv" "$DIR"/plans/*.xml)")")
        done
    fi
    if [ "${COMP_ALL_INPUTS:-0}" = 1 ]; then
        measure comp-all "$DIR/logs/comp-all" -- bash -c 'cd "$1" && shift && exec "$@"' _ "$DIR" \
            "$COMP" run --period 2026-12 --out "$DIR/out-comp-all"
        TABLE+=("$(row "$N" 'comp run (all default inputs)' "$ALL_B")")
    fi
    measure duckdb "$DIR/logs/duckdb" -- "$PY" "$HERE/peers/duckdb_core.py" "$DIR" "$DIR/out-duckdb.csv"
    TABLE+=("$(row "$N" 'DuckDB core (2 threads)' "$CORE_B")")
    measure polars "$DIR/logs/polars" -- "$PY" "$HERE/peers/polars_core.py" "$DIR" "$DIR/out-polars.csv"
    TABLE+=("$(row "$N" 'Polars core (2 threads)' "$CORE_B")")
    LOAD_AFTER=$(uptime | sed 's/.*load average: //')

    SAME="DuckDB and Polars payroll totals: identical"
    cmp -s "$DIR/out-duckdb.csv" "$DIR/out-polars.csv" || SAME="DuckDB and Polars payroll totals: DIFFER"
    echo
    echo "**$N deals, $REPS reps** — fastest of $RUNS runs each, warm page cache, 2-core machine;"
    echo "load average (1, 5, 15 min) before: $LOAD_BEFORE, after: $LOAD_AFTER. $SAME."
    echo "Input MB/s: deals.csv for wc; deals.csv + fx.csv + plans/*.xml for the others ($(awk -v b="$CORE_B" 'BEGIN { printf "%.1f", b / 1e6 }') MB)."
    echo
    echo "| size | tool | wall s | deals/s | input MB/s | peak RSS MB |"
    echo "|---:|---|---:|---:|---:|---:|"
    printf '%s\n' "${TABLE[@]}"
done
