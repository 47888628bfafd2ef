#!/usr/bin/env python3
"""comp's core calculation, done by DuckDB: a peer for the scale benchmark (issue #6).

usage: duckdb_core.py DATA_DIR OUT_CSV
  DATA_DIR holds plans/*.xml and inputs/{deals.csv,fx.csv} as `comp generate` writes them.

Work done (the same for every rep, whatever its plan -- the same amount of work, not comp's exact
plan semantics):
  1. participant entries from the plan XMLs (xml.etree, see plan_entries.py) -> a small table;
  2. deals.csv and fx.csv read; `reps` exploded into splits (`R1:60;R2:40`, no percent = 100);
  3. each split joined to the rep's entry active on close_date (start <= close_date <= end);
     a split with no active entry is dropped (comp: an exceptions row);
  4. fx of (close month, deal currency -> plan currency), 1 when the same; a missing pair is an
     error, as in comp;
  5. credit = round(amount * fx * percent / 100) to the plan currency's minor unit, half away from zero;
  6. credits summed per entry and fiscal quarter (C), quota Q = the entry's annual quota / 4;
  7. AE graduated tiers on attainment for every rep: from 0/0.5/1.0/1.5 x Q, rates
     0.02/0.08/0.12/0.15: commission = round(sum rate_i * max(0, min(C, upper_i) - lower_i));
  8. payroll totals per participant and currency (credits and commission) written to OUT_CSV.
Not done (comp does them): chargebacks of cancelled deals (their credits stand here), manager
roll-ups, caps, bonuses, SPIFFs, draws, base, the other output files.

Numbers: exact decimals throughout -- amount and fx rate DECIMAL(38,6), percent DECIMAL(38,2),
products in DECIMAL(38,16) (DuckDB's 128-bit decimal; DECIMAL(18,x) overflows on JPY amounts x
rate), tier rates DECIMAL(18,6). No division is used (DuckDB turns DECIMAL / DECIMAL into DOUBLE):
/100 and /4 are products with 0.01 and 0.25. No floating point anywhere.
Threads: SET threads = 2.
"""
import os
import sys
import tempfile
import time

T0 = time.perf_counter()
import duckdb  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plan_entries  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: duckdb_core.py DATA_DIR OUT_CSV")
    data, out = sys.argv[1], sys.argv[2]
    deals = os.path.join(data, "inputs", "deals.csv")
    fx = os.path.join(data, "inputs", "fx.csv")

    tmp = tempfile.mkdtemp(prefix="duckdb-core-")
    entries_csv = os.path.join(tmp, "entries.csv")
    n_entries = plan_entries.write_entries_csv(os.path.join(data, "plans"), entries_csv)
    t_xml = time.perf_counter()

    con = duckdb.connect()  # in memory
    con.execute("SET threads = 2")
    con.execute("SET preserve_insertion_order = false")

    con.execute(f"""
        CREATE TEMP TABLE entries AS SELECT rep_id, plan_id, currency,
               year_start, start, coalesce("end", DATE '9999-12-31') AS "end", quarter_quota,
               CASE currency WHEN 'JPY' THEN 0 ELSE 2 END AS minor
        FROM read_csv('{entries_csv}', header = true, columns = {{
            'rep_id': 'VARCHAR', 'plan_id': 'VARCHAR', 'currency': 'VARCHAR', 'year_start': 'DATE',
            'start': 'DATE', 'end': 'DATE', 'quarter_quota': 'DECIMAL(38,2)'}})""")
    con.execute(f"""
        CREATE TEMP TABLE fx AS SELECT * FROM read_csv('{fx}', header = true, columns = {{
            'month': 'VARCHAR', 'from': 'VARCHAR', 'to': 'VARCHAR', 'rate': 'DECIMAL(38,6)'}})""")
    con.execute("""
        CREATE TEMP TABLE tiers AS SELECT * FROM (VALUES
            (1, 0.0::DECIMAL(18,6), 0.5::DECIMAL(18,6),  0.02::DECIMAL(18,6)),
            (2, 0.5::DECIMAL(18,6), 1.0::DECIMAL(18,6),  0.08::DECIMAL(18,6)),
            (3, 1.0::DECIMAL(18,6), 1.5::DECIMAL(18,6),  0.12::DECIMAL(18,6)),
            (4, 1.5::DECIMAL(18,6), NULL,                0.15::DECIMAL(18,6))
        ) t(i, lo, hi, rate)""")

    # Steps 2-5: one credit per split, in the entry active on close_date.
    con.execute(f"""
        CREATE TEMP TABLE credits AS
        WITH d AS (
            SELECT close_date, amount, currency, unnest(string_split(reps, ';')) AS share
            FROM read_csv('{deals}', header = true, auto_detect = false, columns = {{
                'deal_id': 'VARCHAR', 'close_date': 'DATE', 'amount': 'DECIMAL(38,6)',
                'currency': 'VARCHAR', 'type': 'VARCHAR', 'product': 'VARCHAR', 'reps': 'VARCHAR',
                'status': 'VARCHAR', 'cancel_date': 'DATE', 'created_date': 'DATE'}})
        ), s AS (
            SELECT close_date, amount, currency,
                   split_part(share, ':', 1) AS rep_id,
                   CASE WHEN contains(share, ':') THEN split_part(share, ':', 2)::DECIMAL(38,2)
                        ELSE 100::DECIMAL(38,2) END AS percent
            FROM d
        ), j AS (
            SELECT e.rep_id, e.plan_id, e.start, e.currency AS plan_currency, e.minor,
                   e.quarter_quota,
                   (12 * (year(s.close_date) - year(e.year_start))
                        + month(s.close_date) - month(e.year_start)) // 3 AS quarter,
                   s.amount, s.percent, s.currency, s.close_date,
                   CASE WHEN s.currency = e.currency THEN 1::DECIMAL(38,6) ELSE fx.rate END AS rate
            FROM s
            JOIN entries e ON e.rep_id = s.rep_id AND s.close_date BETWEEN e.start AND e."end"
            LEFT JOIN fx ON fx.month = strftime(s.close_date, '%Y-%m')
                        AND fx."from" = s.currency AND fx."to" = e.currency
        )
        SELECT rep_id, plan_id, start, plan_currency, minor, quarter_quota, quarter, currency,
               close_date, rate,
               -- each branch cast on its own: a CASE over round(x, 0) and round(x, 2) would
               -- take the scale of the first branch (DECIMAL(38,0)) and lose the cents
               CASE minor WHEN 0 THEN round(amount * rate * percent * 0.01::DECIMAL(3,2), 0)::DECIMAL(38,2)
                          ELSE round(amount * rate * percent * 0.01::DECIMAL(3,2), 2)::DECIMAL(38,2)
               END AS credit
        FROM j""")

    missing = con.execute("""
        SELECT DISTINCT strftime(close_date, '%Y-%m'), currency, plan_currency
        FROM credits WHERE rate IS NULL ORDER BY ALL""").fetchall()
    if missing:
        sys.exit("missing fx rates: " + ", ".join("(%s, %s, %s)" % m for m in missing))

    # Steps 6-8.
    con.execute(f"""
        COPY (
            WITH q AS (
                SELECT rep_id, plan_id, start, plan_currency, minor, quarter_quota AS qq, quarter,
                       sum(credit) AS c
                FROM credits GROUP BY ALL
            ), t AS (
                SELECT q.rep_id, q.plan_currency, q.plan_id, q.start, q.quarter, q.minor, q.c,
                       -- all in DECIMAL(38,8): least()/greatest() over DECIMAL(38,2) and
                       -- DECIMAL(38,8) resolve to DECIMAL(38,2) and would round the tier bounds
                       sum(tiers.rate * greatest(0::DECIMAL(38,8),
                           least(q.c::DECIMAL(38,8), coalesce(tiers.hi * q.qq, q.c::DECIMAL(38,8)))
                           - tiers.lo * q.qq)) AS raw
                FROM q CROSS JOIN tiers GROUP BY ALL
            )
            SELECT rep_id AS employee_id, plan_currency AS currency,
                   sum(c) AS credits,
                   sum(CASE minor WHEN 0 THEN round(raw, 0)::DECIMAL(38,2)
                                  ELSE round(raw, 2)::DECIMAL(38,2) END) AS commission
            FROM t GROUP BY ALL ORDER BY employee_id, currency
        ) TO '{out}' (HEADER, DELIMITER ',')""")
    t_end = time.perf_counter()

    rows = con.execute("SELECT count(*) FROM credits").fetchone()[0]
    os.remove(entries_csv)
    os.rmdir(tmp)
    print(f"duckdb {duckdb.__version__}: {n_entries} entries, {rows} credits; "
          f"xml {t_xml - T0:.2f} s, engine {t_end - t_xml:.2f} s, wall {time.perf_counter() - T0:.2f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
