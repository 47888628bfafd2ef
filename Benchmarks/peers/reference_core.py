"""Slow, obviously-exact reference of the peers' core calculation (Python decimal, 80 digits).
usage: reference_core.py DATA_DIR OUT_CSV -- its output must equal duckdb_core.py's and polars_core.py's
byte for byte (checked at 100k deals and on a data set with hand-made splits and half-cent amounts)."""
import csv, sys
from decimal import Decimal as D, ROUND_HALF_UP, getcontext
getcontext().prec = 80
sys.path.insert(0, '__import__("os").path.dirname(__import__("os").path.abspath(__file__))'); import plan_entries as pe
data, out = sys.argv[1], sys.argv[2]
ents = {}
for r in pe.read_entries(data + '/plans'):
    ents.setdefault(r[0], []).append(r)
fx = {(r['month'], r['from'], r['to']): D(r['rate']) for r in csv.DictReader(open(data + '/inputs/fx.csv'))}
C = {}
for d in csv.DictReader(open(data + '/inputs/deals.csv')):
    for share in d['reps'].split(';'):
        rep, _, pct = share.partition(':'); pct = D(pct or '100')
        e = [e for e in ents.get(rep, []) if e[4] <= d['close_date'] <= (e[5] or '9999')]
        if not e: continue
        e = e[0]
        rate = D(1) if d['currency'] == e[2] else fx[(d['close_date'][:7], d['currency'], e[2])]
        unit = D(1).scaleb(-pe.minor_units(e[2]))
        cr = (D(d['amount']) * rate * pct / 100).quantize(unit, ROUND_HALF_UP)
        ys = e[3]; idx = (int(d['close_date'][:4]) - int(ys[:4])) * 12 + int(d['close_date'][5:7]) - int(ys[5:7])
        k = (rep, e[1], e[4], idx // 3)
        C[k] = C.get(k, D(0)) + cr
tiers = [(D(0), D('0.5'), D('0.02')), (D('0.5'), D(1), D('0.08')), (D(1), D('1.5'), D('0.12')), (D('1.5'), None, D('0.15'))]
tot = {}
for (rep, plan, start, q), c in C.items():
    e = [e for e in ents[rep] if e[1] == plan and e[4] == start][0]
    Q = D(e[6]); unit = D(1).scaleb(-pe.minor_units(e[2]))
    raw = sum(r * max(D(0), min(c, hi * Q if hi is not None else c) - lo * Q) for lo, hi, r in tiers)
    t = tot.setdefault((rep, e[2]), [D(0), D(0)])
    t[0] += c; t[1] += raw.quantize(unit, ROUND_HALF_UP)
with open(out, 'w') as f:
    f.write('employee_id,currency,credits,commission\n')
    for (rep, cur), (c, m) in sorted(tot.items()):
        f.write(f'{rep},{cur},{c.quantize(D("0.01"))},{m.quantize(D("0.01"))}\n')
