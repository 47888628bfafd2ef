#!/usr/bin/env python3
"""One differential check: a random case (random_case.py), some of the run month's fx rates taken
out, comp and the reference (comp_reference.py) run on it, their files compared byte for byte.

    python3 compare_case.py --seed N --comp PATH/TO/comp [--period 2026-MM] [--work DIR]

Rates are taken out at random and put back one by one while comp says a credit, chargeback or
roll-up needs them: what stays out is needed, if at all, only by the finance reports, whose cells
must then be blank in both. Compared: payroll.csv, credits.csv, attainment.csv,
forecast_accuracy.csv, and exceptions.csv's fx.csv rows (but variance's) against the reference's
missing rates.
Exit 0 when everything agrees. Standard library only.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--comp", required=True)
    ap.add_argument("--period")
    ap.add_argument("--work", default="/tmp/comp-oracle")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    period = a.period or "2026-%02d" % rng.randint(1, 12)
    case = os.path.join(a.work, "case-%d" % a.seed)
    shutil.rmtree(case, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "random_case.py"), "--seed", str(a.seed), "--out", case], check=True)

    fx_path = os.path.join(case, "inputs", "fx.csv")
    with open(fx_path) as fh:
        lines = fh.read().splitlines()
    header, rows = lines[0], lines[1:]
    dropped = {r for r in rows if r.startswith(period + ",") and rng.random() < 0.4}

    def write_fx():
        with open(fx_path, "w") as fh:
            fh.write("\n".join([header] + [r for r in rows if r not in dropped]) + "\n")

    for _ in range(60):
        write_fx()
        run = subprocess.run([os.path.abspath(a.comp), "run", "--period", period, "--no-statements", "--out", "out-comp"],
                             cwd=case, capture_output=True, text=True)
        if run.returncode == 0:
            break
        needed = set(re.findall(r"no fx rate for (\d{4}-\d{2}) (\w{3})→(\w{3})", run.stderr))
        back = {r for r in dropped if tuple(r.split(",")[:3]) in needed}
        if run.returncode != 1 or not back:
            print(run.stderr, file=sys.stderr)
            return 2
        dropped -= back
    else:
        return 2

    inputs = os.path.join(case, "inputs")
    subprocess.run([sys.executable, os.path.join(HERE, "comp_reference.py"), "--period", period,
                    "--plans", os.path.join(case, "plans"), "--deals", os.path.join(inputs, "deals.csv"),
                    "--fx", fx_path, "--forecasts", os.path.join(inputs, "forecasts.csv"),
                    "--pipeline", os.path.join(inputs, "pipeline.csv"), "--payments", os.path.join(inputs, "payments.csv"),
                    "--out", os.path.join(case, "out-ref")], check=True)
    problems = []
    for name in ["payroll.csv", "credits.csv", "attainment.csv", "forecast_accuracy.csv"]:
        with open(os.path.join(case, "out-comp", name), "rb") as fh:
            mine = fh.read()
        with open(os.path.join(case, "out-ref", name), "rb") as fh:
            theirs = fh.read()
        if mine != theirs:
            problems.append(name)
    with open(os.path.join(case, "out-comp", "exceptions.csv")) as fh:
        # The reference has no variance.csv: a rate only variance needed is not its to know.
        fx_rows = sorted(line.split(",")[2] for line in fh.read().splitlines()[1:]
                         if line.startswith("fx.csv,") and "variance.csv" not in line)
    with open(os.path.join(case, "out-ref", "missing_rates.txt")) as fh:
        expected = sorted(fh.read().splitlines())
    if fx_rows != expected:
        problems.append("exceptions.csv fx rows %s, reference %s" % (fx_rows, expected))
    print("seed %d period %s: %d rates left out, %d missing for finance only: %s" % (
        a.seed, period, len(dropped), len(expected), "agree" if not problems else "DIFFER in " + ", ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
