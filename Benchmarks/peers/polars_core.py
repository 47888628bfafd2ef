#!/usr/bin/env python3
"""comp's core calculation, done by Polars: a peer for the scale benchmark (issue #6).

usage: polars_core.py DATA_DIR OUT_CSV
  DATA_DIR holds plans/*.xml and inputs/{deals.csv,fx.csv} as `comp generate` writes them.

The same work as duckdb_core.py (see its docstring): participant entries from the plan XMLs,
splits exploded, the entry active on close_date joined, fx (close month, deal -> plan currency,
1 when the same; a missing pair is an error), credit = round(amount * fx * percent / 100) to the
plan currency's minor unit (half away from zero), credits per entry and fiscal quarter, AE
graduated tiers (0/0.5/1.0/1.5 x quarterly quota, rates 0.02/0.08/0.12/0.15) for every rep, and
payroll totals per participant and currency. Not done: chargebacks, roll-ups, caps, bonuses,
SPIFFs, draws, base.

Numbers: exact fixed point in Int128, no floating point anywhere. CSV text is parsed by Polars as
Decimal(38,6) (amount, rate) / Decimal(38,2) (percent, quota) and taken as its unscaled Int128
value (`to_physical`): amount in 1e-6, rate in 1e-6, percent in 1e-2 -> the product
amount*rate*percent is in 1e-14 percent = 1e-16 currency units, rounded half away from zero by
integer division to minor units. Tier bounds are in 1e-3 minor units (from x 1000 x Q), rates in
1e-6, so commission raw is in 1e-9 minor units before its rounding. Output money is converted back
to Decimal(38,2) for printing.
Threads: POLARS_MAX_THREADS=2 (set before the import).
"""
import os
import sys
import time

T0 = time.perf_counter()
os.environ["POLARS_MAX_THREADS"] = "2"
import polars as pl  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plan_entries  # noqa: E402

I128 = pl.Int128
# The AE plan's new-business tiers: from (x1000, i.e. per mille of Q) and rate (x1e6).
TIERS = [(0, 500, 20_000), (500, 1000, 80_000), (1000, 1500, 120_000), (1500, None, 150_000)]


def round_div(x, divisor):
    """x / divisor rounded half away from zero, for Int128 expressions and an Int128 divisor expr."""
    q = (x.abs() + divisor // 2) // divisor
    return pl.when(x < 0).then(-q).otherwise(q)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: polars_core.py DATA_DIR OUT_CSV")
    data, out = sys.argv[1], sys.argv[2]
    deals_path = os.path.join(data, "inputs", "deals.csv")
    fx_path = os.path.join(data, "inputs", "fx.csv")

    rows = plan_entries.read_entries(os.path.join(data, "plans"))
    t_xml = time.perf_counter()
    cols = list(zip(*rows)) if rows else [[] for _ in plan_entries.COLUMNS]
    entries = (
        pl.DataFrame({name: list(col) for name, col in zip(plan_entries.COLUMNS, cols)},
                     schema={name: pl.String for name in plan_entries.COLUMNS})
        .with_columns(
            pl.col("year_start").str.to_date(),
            pl.col("start").str.to_date(),
            pl.when(pl.col("end") == "").then(pl.lit("9999-12-31")).otherwise(pl.col("end"))
              .str.to_date().alias("end"),
            # quarterly quota in minor units (exact: plan_entries rounded it to the minor unit)
            pl.col("quarter_quota").str.to_decimal(scale=2).to_physical()
              .floordiv(pl.when(pl.col("currency") == "JPY").then(100).otherwise(1).cast(I128))
              .alias("qq"),
            pl.when(pl.col("currency") == "JPY").then(0).otherwise(2).cast(pl.Int8).alias("minor"),
        )
        .rename({"currency": "plan_currency"})
        .drop("quarter_quota")
        .lazy()
    )

    fx = (pl.scan_csv(fx_path, schema={"month": pl.String, "from": pl.String, "to": pl.String,
                                       "rate": pl.Decimal(38, 6)})
          .select("month", pl.col("from").alias("currency"), pl.col("to").alias("plan_currency"),
                  pl.col("rate").to_physical().alias("rate")))

    deals = pl.scan_csv(deals_path, schema_overrides={
        "deal_id": pl.String, "close_date": pl.Date, "amount": pl.Decimal(38, 6),
        "currency": pl.String, "reps": pl.String}).select("close_date", "amount", "currency", "reps")

    splits = (
        deals
        .with_columns(pl.col("reps").str.split(";").alias("share")).drop("reps")
        .explode("share")
        .with_columns(
            pl.col("share").str.split_exact(":", 1).struct.rename_fields(["rep_id", "pct"]).alias("s"))
        .unnest("s").drop("share")
        .with_columns(
            pl.col("amount").to_physical().alias("amount"),  # 1e-6 units, Int128
            pl.when(pl.col("pct").is_null()).then(pl.lit(10_000, I128))
              .otherwise(pl.col("pct").str.to_decimal(scale=2).to_physical()).alias("pct"),  # 1e-2
        )
    )

    joined = (
        splits.join(entries, on="rep_id", how="inner")
        .filter(pl.col("close_date").is_between(pl.col("start"), pl.col("end")))
        .with_columns(pl.col("close_date").dt.strftime("%Y-%m").alias("month"))
        .join(fx, on=["month", "currency", "plan_currency"], how="left")
        .with_columns(
            pl.when(pl.col("currency") == pl.col("plan_currency")).then(pl.lit(1_000_000, I128))
              .otherwise(pl.col("rate")).alias("rate"),
            ((pl.col("close_date").dt.year().cast(pl.Int32) - pl.col("year_start").dt.year().cast(pl.Int32)) * 12
             + pl.col("close_date").dt.month().cast(pl.Int32) - pl.col("year_start").dt.month().cast(pl.Int32))
            .floordiv(3).alias("quarter"),
        )
    ).collect()

    missing = joined.filter(pl.col("rate").is_null()).select("month", "currency", "plan_currency").unique()
    if missing.height:
        sys.exit("missing fx rates: " + ", ".join(str(r) for r in missing.sort(pl.all()).rows()))

    # credit in minor units: amount(1e-6) * rate(1e-6) * pct(1e-2) / 100 -> 1e-16 currency units
    unit = pl.when(pl.col("minor") == 0).then(pl.lit(10**16, I128)).otherwise(pl.lit(10**14, I128))
    credits = joined.lazy().with_columns(
        round_div(pl.col("amount") * pl.col("rate") * pl.col("pct"), unit).alias("credit"))

    per_quarter = credits.group_by("rep_id", "plan_id", "start", "plan_currency", "minor", "qq", "quarter") \
        .agg(pl.col("credit").sum().alias("c"))

    c1000 = pl.col("c") * 1000
    raw = pl.lit(0, I128)
    for lo, hi, rate in TIERS:
        upper = c1000 if hi is None else pl.min_horizontal(c1000, pl.col("qq") * hi)
        raw = raw + rate * pl.max_horizontal(pl.lit(0, I128), upper - pl.col("qq") * lo)
    commission = round_div(raw, pl.lit(10**9, I128))  # 1e-3 (bounds) x 1e-6 (rate) -> minor units

    def money(col):  # minor units -> Decimal(38,2) in currency units, exact
        cents = pl.when(pl.col("minor") == 0).then(col * 100).otherwise(col)
        return cents.cast(pl.Decimal(38, 2)) * pl.lit("0.01").str.to_decimal(scale=2)

    result = (
        per_quarter.with_columns(commission.alias("commission"))
        .group_by("rep_id", "plan_currency", "minor")
        .agg(pl.col("c").sum().alias("credits"), pl.col("commission").sum())
        .select(pl.col("rep_id").alias("employee_id"), pl.col("plan_currency").alias("currency"),
                money(pl.col("credits")).alias("credits"), money(pl.col("commission")).alias("commission"))
        .sort("employee_id", "currency")
        .collect()
    )
    result.write_csv(out)
    print(f"polars {pl.__version__}: {len(rows)} entries, {joined.height} credits; "
          f"xml {t_xml - T0:.2f} s, engine {time.perf_counter() - t_xml:.2f} s, "
          f"wall {time.perf_counter() - T0:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
