#!/usr/bin/env bash
# comp and DuckDB's core calculation run in turns, one run each per round, on a data set made by
# Benchmarks/run.sh: on a machine whose speed wanders from minute to minute, a best-of-two measured
# minutes apart compares the minutes, not the tools.
#
#   Benchmarks/rounds.sh ROUNDS OUT_DIR [COMP_BINARY...]     default binary: .build/release/comp
#
# Environment: D (data set, default /tmp/comp-bench-10000000), DEALS (deals file, default
# $D/inputs/deals.csv), PY (python with duckdb and polars, default /work/bench-venv/bin/python),
# NODUCK=1 to run comp only, POLARS=1 to run Polars' core too (before DuckDB's). Each comp run goes
# into a new folder under OUT_DIR after a `sync` (delete OUT_DIR only after the rounds: creating
# files where many were just deleted is slow for minutes on ext4 without a journal). Prints
# "round tool wall-s user-s system-s peak-KB" per run.
set -euo pipefail
HERE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROUNDS=$1 OUT=$2
shift 2
BINARIES=("$@")
[ ${#BINARIES[@]} -gt 0 ] || BINARIES=("$HERE_ROOT/.build/release/comp")
D=${D:-/tmp/comp-bench-10000000}
DEALS=${DEALS:-$D/inputs/deals.csv}
PY=${PY:-/work/bench-venv/bin/python}
mkdir -p "$OUT" "$D/cwd"
for round in $(seq 1 "$ROUNDS"); do
    for binary in "${BINARIES[@]}"; do
        sync
        name=$(basename "$binary")
        (cd "$D/cwd" && /usr/bin/time -f "$round $name %e %U %S %M" "$binary" run --period 2026-12 --plans "$D/plans" \
            --deals "$DEALS" --fx "$D/inputs/fx.csv" --payments "$D/inputs/payments.csv" --inputs "$D/cwd" \
            --out "$OUT/$name-$round" 2>&1 >/dev/null | tail -1)
    done
    if [ -n "${POLARS:-}" ]; then
        sync
        /usr/bin/time -f "$round polars %e %U %S %M" "$PY" "$HERE_ROOT/Benchmarks/peers/polars_core.py" "$D" "$OUT/polars.csv" 2>&1 \
            >/dev/null | tail -1
    fi
    if [ -z "${NODUCK:-}" ]; then
        sync
        /usr/bin/time -f "$round duckdb %e %U %S %M" "$PY" "$HERE_ROOT/Benchmarks/peers/duckdb_core.py" "$D" "$OUT/duckdb.csv" 2>&1 \
            >/dev/null | tail -1
    fi
done
