#!/usr/bin/env python3
"""Random but valid comp scenario, for differential testing against comp_reference.py.

    python3 random_case.py --seed N --out DIR [--deals-xml]

Writes DIR/plans/*.xml, DIR/inputs/deals.csv (or deals.xml with --deals-xml), DIR/inputs/fx.csv,
DIR/inputs/forecasts.csv, DIR/inputs/pipeline.csv (split opportunities included) and
DIR/inputs/payments.csv (payments and refunds of some deals). Some components are credited on
payment (creditOn="payment") and some hold part of their commission back (<holdback>); these are
drawn from a second random stream, so that a seed's plans, people and deals stay what they were.
Deals close between 2025-10-01 and 2026-12-31; meaningful run periods are 2026-01 .. 2026-12
(plans with yearStart 2025-01-01 and 2025-07-01 also appear; the first never takes part in a 2026 run).
No draws (the reference does not compute them). Standard library only.
"""
import argparse
import calendar
import csv
import datetime as dt
import io
import os
import random
from decimal import Decimal, ROUND_HALF_UP
from xml.sax.saxutils import quoteattr

MINOR = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "KWD": 3}
SCALE = {"USD": Decimal(1), "EUR": Decimal(1), "GBP": Decimal("0.8"), "JPY": Decimal(150), "KWD": Decimal("0.3")}
USD_VALUE = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "JPY": 0.0067, "KWD": 3.25}
DEAL_CURRENCIES = ["USD", "EUR", "GBP", "JPY", "KWD"]
TYPES = ["new", "upsell", "renewal", "services"]
PRODUCTS = ["CORE", "ANALYTICS", "CLOUD"]
NAMES = ["Anna Kowalska", "Kowalski, Jan", 'Maria "Mia" Rossi', "Łukasz Żółć", "O'Brien, Seán",
         "Chen Wei", "Søren Kierkegaard", "Ana María Núñez", "Yamada Tarō", "Fatima Al-Sabah",
         "Jean-Luc Picard", "Zoë Smith", "Ólafur Arnalds", "Brown, Bob \"BB\"", "Nguyễn Văn A",
         "Émile Zola", "Priya Patel", "Müller, Jürgen", "Smith Jr., John", "Ines García"]

FY26 = dt.date(2026, 1, 1)
FY26_END = dt.date(2026, 12, 31)


def q(x, places):
    return Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def money(x, cur):
    return format(q(x, MINOR[cur]), "f")


def days(a, n):
    return a + dt.timedelta(days=n)


def rand_date(rng, lo, hi):
    return days(lo, rng.randint(0, (hi - lo).days))


def month_first(d):
    return d.replace(day=1)


def add_months(d, n):
    k = d.year * 12 + d.month - 1 + n
    return dt.date(k // 12, k % 12 + 1, 1)


class Ctx:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        # Holdbacks, creditOn and payments: drawn apart, so the rest of a seed's case is unchanged.
        self.rng2 = random.Random(seed * 7919 + 17)
        self.plans = []  # dicts
        self.people = {}  # id -> list of entries (dict: plan, start, end, manager)
        self.names = {}


def filt(rng, pool, p_any=0.45):
    """types/products attribute: None (absent), '*', or a few tokens."""
    r = rng.random()
    if r < p_any / 2:
        return None
    if r < p_any:
        return "*"
    k = rng.randint(1, min(3, len(pool)))
    return " ".join(rng.sample(pool, k))


def make_tiers(rng, basis, cur, period, team):
    n = rng.randint(1, 4)
    if basis == "attainment":
        pool = ["0.25", "0.5", "0.75", "1", "1.0", "1.25", "1.5", "2"]
        froms = sorted(set(rng.sample(pool, n - 1)), key=Decimal)
        froms = [f for i, f in enumerate(froms) if i == 0 or Decimal(f) != Decimal(froms[i - 1])]
    else:
        s = SCALE[cur] * (3 if team else 1)
        pool = {"month": [5000, 10000, 15000, 20000, 30000, 40000],
                "quarter": [10000, 25000, 50000, 75000, 100000, 150000],
                "year": [50000, 100000, 150000, 250000, 400000, 600000]}[period]
        base = sorted(rng.sample(pool, n - 1))
        froms = [money(Decimal(v) * s, cur) for v in base]
        if cur != "JPY" and froms and rng.random() < 0.3:
            froms[0] = format(Decimal(froms[0]) + Decimal("0.5"), "f")
    froms = ["0"] + froms
    rates = []
    for _ in froms:
        rates.append(rng.choice(["0", "0.02", "0.05", "0.08", "0.1", "0.12", "0.15", "0.2",
                                 "0.035", "0.0725", "0.123456", "0.333333", "1.5"]))
    if rng.random() < 0.8:
        rates.sort(key=Decimal)
    return list(zip(froms, rates))


def make_component(rng, cid, cur, credit_from, period):
    method = rng.choice(["graduated", "retroactive"])
    basis = rng.choice(["attainment", "amount"])
    comp = {"id": cid, "types": filt(rng, TYPES), "products": filt(rng, PRODUCTS),
            "creditFrom": credit_from if (credit_from == "team" or rng.random() < 0.7) else None,
            "method": method, "basis": basis, "tiers": make_tiers(rng, basis, cur, period, credit_from == "team"),
            "cap": None, "bonuses": []}
    s = SCALE[cur]
    if rng.random() < 0.4:
        comp["cap"] = money(Decimal(rng.choice([3000, 5000, 12000, 25000, 60000])) * s
                            + (Decimal("0.55") if cur != "JPY" and rng.random() < 0.3 else 0), cur)
    nb = rng.choice([0, 0, 1, 1, 2, 3])
    ats = rng.sample(["0.5", "0.75", "1", "1.0", "1.2", "1.5", "0.333333"], nb)
    for i, a in enumerate(ats):
        amt = Decimal(rng.choice([500, 1000, 2500, 5000])) * s
        if cur != "JPY" and rng.random() < 0.3:
            amt += Decimal("0.5")
        comp["bonuses"].append(("b%d" % (i + 1), a, money(amt, cur)))
    return comp


def make_plan(ctx, pid, cur, year_start, kind):
    rng = ctx.rng
    plan = {"id": pid, "name": "%s plan %s" % (kind, pid), "currency": cur, "yearStart": year_start,
            "quotaPeriod": rng.choice(["month", "quarter", "year"]), "components": [], "spiffs": [],
            "clawback": None, "kind": kind, "participants": []}
    if kind == "rep":
        n = rng.randint(1, 3)
        for i in range(n):
            plan["components"].append(make_component(rng, rng.choice(["nb", "new-business", "renewals", "svc"]) + str(i), cur, "own", plan["quotaPeriod"]))
    else:
        for i in range(rng.randint(1, 2)):
            plan["components"].append(make_component(rng, "team-%d" % i, cur, "team", plan["quotaPeriod"]))
        if rng.random() < 0.5:
            plan["components"].append(make_component(rng, "own-%d" % 0, cur, "own", plan["quotaPeriod"]))
    rng.shuffle(plan["components"])
    for comp in plan["components"]:
        comp["creditOn"] = ctx.rng2.choice([None, None, "close", "payment"]) if ctx.rng2.random() < 0.6 else None
        comp["holdback"] = None
        if ctx.rng2.random() < 0.35:
            comp["holdback"] = (ctx.rng2.choice(["25", "10", "12.5", "33.33", "100", "0.01", "50"]),
                                ctx.rng2.choice(["period", "year"]))
    s = SCALE[cur]
    for i in range(rng.choice([0, 1, 1, 2])):
        sp = {"id": "spiff-%d" % i, "types": filt(rng, TYPES, 0.6), "products": filt(rng, PRODUCTS, 0.4)}
        if rng.random() < 0.5:
            v = Decimal(rng.choice([100, 250, 500, 1000])) * s
            if cur != "JPY" and rng.random() < 0.5:
                v += Decimal("0.01") if cur != "KWD" else Decimal("0.001")
            if cur == "JPY" and rng.random() < 0.5:
                v += 1
            sp["perDeal"] = money(v, cur)
        else:
            sp["rate"] = rng.choice(["0.01", "0.0125", "0.015555", "0.005", "0.1"])
        plan["spiffs"].append(sp)
    if rng.random() < 0.75:
        plan["clawback"] = rng.choice([0, 15, 30, 45, 60, 90, 120])
    ctx.plans.append(plan)
    return plan


def fiscal_periods(plan):
    n = {"month": 12, "quarter": 4, "year": 1}[plan["quotaPeriod"]]
    return n


def quota_xml(ctx, plan, comp, team):
    """Quota element text for a component, or '' (amount basis may be left out)."""
    rng = ctx.rng
    cur = plan["currency"]
    s = SCALE[cur]
    n = fiscal_periods(plan)
    if comp["basis"] == "amount" and rng.random() < 0.35:
        r = rng.random()
        if r < 0.5:
            return ""
        return '<quota component=%s annual="0"/>' % quoteattr(comp["id"])
    annual = Decimal(rng.choice([240000, 360000, 480000, 600000, 1200000])) * s * (3 if team else 1)
    if rng.random() < 0.5:
        if cur != "JPY" and rng.random() < 0.4:
            annual += Decimal("0.01") * rng.randint(1, 99) if cur != "KWD" else Decimal("0.001") * rng.randint(1, 999)
        if cur == "JPY" and rng.random() < 0.4:
            annual += rng.randint(1, 11)
        return '<quota component=%s annual="%s"/>' % (quoteattr(comp["id"]), money(annual, cur))
    parts = []
    for i in range(1, n + 1):
        v = annual / n * Decimal(rng.choice(["0.8", "0.9", "1", "1", "1.1", "1.25"]))
        v = q(v, 0) if rng.random() < 0.7 else q(v, MINOR[cur])
        if rng.random() < 0.05 and cur != "JPY":
            v = q(v, MINOR[cur]) + Decimal("0.0005")  # more decimals than the currency (DECISIONS)
        parts.append('<period index="%d" amount="%s"/>' % (i, format(v, "f")))
    return '<quota component=%s>%s</quota>' % (quoteattr(comp["id"]), "".join(parts))


def attr(name, val):
    return "" if val is None else " %s=%s" % (name, quoteattr(str(val)))


def plan_xml(ctx, plan):
    rng = ctx.rng
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<plan%s%s%s%s%s>' % (attr("id", plan["id"]), attr("name", plan["name"]), attr("currency", plan["currency"]),
                                  attr("yearStart", plan["yearStart"].isoformat()), attr("quotaPeriod", plan["quotaPeriod"]))]
    for c in plan["components"]:
        out.append('  <component%s%s%s%s%s>' % (attr("id", c["id"]), attr("types", c["types"]),
                                                 attr("products", c["products"]), attr("creditFrom", c["creditFrom"]),
                                                 attr("creditOn", c["creditOn"])))
        out.append('    <rateTable method="%s" basis="%s">' % (c["method"], c["basis"]))
        for f, r in c["tiers"]:
            out.append('      <tier from="%s" rate="%s"/>' % (f, r))
        out.append('    </rateTable>')
        if c["cap"] is not None:
            out.append('    <cap amount="%s"/>' % c["cap"])
        for bid, a, amt in c["bonuses"]:
            out.append('    <bonus id="%s" atLeast="%s" amount="%s"/>' % (bid, a, amt))
        if c["holdback"] is not None:
            out.append('    <holdback percent="%s" release="%s"/>' % c["holdback"])
        out.append('  </component>')
    for sp in plan["spiffs"]:
        out.append('  <spiff%s%s%s%s%s/>' % (attr("id", sp["id"]), attr("types", sp["types"]),
                                             attr("products", sp["products"]), attr("perDeal", sp.get("perDeal")),
                                             attr("rate", sp.get("rate"))))
    if plan["clawback"] is not None:
        out.append('  <clawback windowDays="%d"/>' % plan["clawback"])
    cur = plan["currency"]
    s = SCALE[cur]
    for p in plan["participants"]:
        out.append('  <participant%s%s%s%s%s>' % (attr("id", p["id"]), attr("name", ctx.names[p["id"]]),
                                                   attr("start", p["start"].isoformat()),
                                                   attr("end", p["end"].isoformat() if p["end"] else None),
                                                   attr("manager", p["manager"])))
        if rng.random() < 0.85:
            b = Decimal(rng.choice([48000, 60000, 75000, 90000, 120000])) * s
            if cur != "JPY" and rng.random() < 0.4:
                b += Decimal("0.55") if cur != "KWD" else Decimal("0.555")
            out.append('    <baseSalary annual="%s"/>' % money(b, cur))
        if rng.random() < 0.6:
            out.append('    <targetIncentive annual="%s"/>' % money(Decimal(60000) * s, cur))
        for c in plan["components"]:
            x = quota_xml(ctx, plan, c, c["creditFrom"] == "team")
            if x:
                out.append('    ' + x)
        out.append('  </participant>')
    out.append('</plan>')
    return "\n".join(out) + "\n"


def timeline(ctx, plan_choices, old_plan, h2_plan):
    """Non-overlapping list of (plan, start, end) for one person."""
    rng = ctx.rng
    segs = []
    r = rng.random()
    if old_plan is not None and r < 0.25:
        s0 = rng.choice([dt.date(2025, 9, 1), dt.date(2025, 10, 1), dt.date(2025, 10, 20)])
        segs.append((old_plan, s0, dt.date(2025, 12, 31)))
        cur = FY26 if rng.random() < 0.8 else dt.date(2026, 1, rng.randint(2, 20))
    elif h2_plan is not None and r < 0.45:
        s0 = rng.choice([dt.date(2025, 7, 1), dt.date(2025, 10, 1), dt.date(2025, 11, 17)])
        e0 = rng.choice([dt.date(2026, 3, 31), dt.date(2026, 2, 14), dt.date(2026, 6, 30)])
        segs.append((h2_plan, s0, e0))
        if e0 == dt.date(2026, 6, 30) and rng.random() < 0.3:
            return segs
        cur = days(e0, 1 if rng.random() < 0.85 else rng.randint(2, 20))
    else:
        cur = rng.choice([dt.date(2025, 11, 1), dt.date(2025, 12, 15), FY26, FY26, FY26,
                          dt.date(2026, 2, 10), dt.date(2026, 4, 1), dt.date(2026, 5, 17)])
    nseg = rng.choice([1, 1, 2, 2, 3])
    for i in range(nseg):
        last = i == nseg - 1
        pl = rng.choice(plan_choices)
        if last:
            end = None if rng.random() < 0.75 else rand_date(rng, max(cur, dt.date(2026, 3, 1)), FY26_END)
            if end is not None and end < cur:
                end = None
            segs.append((pl, cur, end))
            break
        lo = days(cur, 20)
        if lo > dt.date(2026, 11, 30):
            segs.append((pl, cur, None))
            break
        x = rand_date(rng, lo, dt.date(2026, 11, 30))
        if rng.random() < 0.4:
            x = month_first(add_months(x, 1)) if add_months(x, 1) <= dt.date(2026, 12, 1) else x
        end = days(x, -1)
        segs.append((pl, cur, end))
        gap = 0 if rng.random() < 0.8 else rng.randint(1, 25)
        cur = days(x, gap)
        if cur > FY26_END:
            break
    return segs


def active_segment(segs, d):
    for pl, s, e in segs:
        if s <= d and (e is None or d <= e):
            return pl
    return None


def build(seed, out, deals_xml=False):
    ctx = Ctx(seed)
    rng = ctx.rng
    rep_plans = [make_plan(ctx, "AE-%s-2026" % c, c, FY26, "rep") for c in ["USD", "EUR", "JPY"]]
    if rng.random() < 0.5:
        rep_plans.append(make_plan(ctx, "AE-KWD-2026", "KWD", FY26, "rep"))
    old_plan = make_plan(ctx, "AE-USD-2025", "USD", dt.date(2025, 1, 1), "rep") if rng.random() < 0.6 else None
    h2_plan = make_plan(ctx, "AE-KWD-FY25H2", "KWD", dt.date(2025, 7, 1), "rep") if rng.random() < 0.5 else None
    mgr_plans = [make_plan(ctx, "MGR-EUR-2026", "EUR", FY26, "mgr"), make_plan(ctx, "MGR-KWD-2026", "KWD", FY26, "mgr")]
    dir_plans = [make_plan(ctx, "DIR-USD-2026", "USD", FY26, "mgr")]
    if rng.random() < 0.4:
        dir_plans.append(make_plan(ctx, "DIR-JPY-2026", "JPY", FY26, "mgr"))

    names = list(NAMES)
    rng.shuffle(names)
    ni = iter(names * 5)

    directors = ["D%02d" % i for i in range(1, rng.randint(1, 2) + 1)]
    managers = ["M%02d" % i for i in range(1, rng.randint(2, 3) + 1)]
    reps = ["R%03d" % i for i in range(1, rng.randint(5, 12) + 1)]
    segs_of = {}

    def add_person(pid, plan_choices, boss_pool, allow_old):
        ctx.names[pid] = next(ni)
        segs = timeline(ctx, plan_choices, old_plan if allow_old else None, h2_plan if allow_old else None)
        segs_of[pid] = segs
        for pl, s, e in segs:
            mgr = rng.choice(boss_pool) if boss_pool and rng.random() < 0.9 else None
            pl["participants"].append({"id": pid, "start": s, "end": e, "manager": mgr})

    for d in directors:
        add_person(d, dir_plans, [], False)
    for m in managers:
        add_person(m, mgr_plans, directors, False)
    for r in reps:
        add_person(r, rep_plans, managers, True)

    os.makedirs(os.path.join(out, "plans"), exist_ok=True)
    os.makedirs(os.path.join(out, "inputs"), exist_ok=True)
    for pl in ctx.plans:
        with open(os.path.join(out, "plans", pl["id"] + ".xml"), "w", encoding="utf-8") as fh:
            fh.write(plan_xml(ctx, pl))

    # ---- deals
    lo, hi = dt.date(2025, 10, 1), FY26_END
    deals = []
    ndeals = rng.randint(20, 200)
    people = reps + managers
    for i in range(1, ndeals + 1):
        close = rand_date(rng, lo, hi) if rng.random() < 0.85 else rand_date(rng, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
        active_reps = [r for r in reps if active_segment(segs_of[r], close)]
        if active_reps and rng.random() < 0.92:
            primary = rng.choice(active_reps)
        else:
            primary = rng.choice(people)
        plan = active_segment(segs_of[primary], close)
        pcur = plan["currency"] if plan else "USD"
        r = rng.random()
        if r < 0.6:
            pcts = [None]
        elif r < 0.85:
            pcts = rng.choice([["60", "40"], ["50", "50"], ["12.5", "87.5"], ["33.33", "66.67"], ["0.01", "99.99"],
                               ["50.5", "49.5"]])
        else:
            pcts = rng.choice([["33.33", "33.33", "33.34"], ["25", "25", "50"], ["10.5", "20.25", "69.25"],
                               ["33.34", "33.33", "33.33"]])
        others = [p for p in people if p != primary]
        split_reps = [primary] + rng.sample(others, len(pcts) - 1)
        if pcts == [None]:
            reps_field = primary if rng.random() < 0.7 else primary + ":100"
            splits = [(primary, "100")]
        else:
            reps_field = ";".join("%s:%s" % (a, p) for a, p in zip(split_reps, pcts))
            splits = list(zip(split_reps, pcts))
        kind = rng.random()
        same_cur = 0.85 if kind < 0.35 else 0.45
        dcur = pcur if rng.random() < same_cur else rng.choice(DEAL_CURRENCIES)
        s = SCALE[dcur]
        if kind < 0.35:
            amount = Decimal(rng.choice([5000, 10000, 15000, 20000, 25000, 50000, 75000])) * s
            amount = q(amount, MINOR[dcur])
        elif kind < 0.7:
            whole = rng.randint(1, 90000) * s
            if dcur == "JPY":
                amount = q(whole, 0) + Decimal("0.5")
            elif dcur == "KWD":
                amount = q(whole, 3) + Decimal("0.0005")
            else:
                amount = q(whole, 2) + Decimal("0.005")
        else:
            amount = q(Decimal(rng.randint(1, 9000000000)) / Decimal(10 ** 6) * s * 10, 6)
            if amount <= 0:
                amount = Decimal("0.000001")
        status = "won"
        cancel = None
        if rng.random() < 0.3:
            status = "cancelled"
            cancel = days(close, rng.choice([0, rng.randint(1, 30), rng.randint(1, 130), 15, 30, 45, 60, 90, 120, 121]))
        did = "D%05d" % i
        if rng.random() < 0.03:
            did += ",X"
        elif rng.random() < 0.03:
            did = 'D"%05d"' % i
        deals.append({"deal_id": did, "close_date": close.isoformat(), "amount": format(amount, "f"),
                      "currency": dcur, "type": rng.choice(TYPES),
                      "product": rng.choice(PRODUCTS + [""]) if rng.random() < 0.9 else "",
                      "reps": reps_field, "splits": splits,
                      "status": status if (status == "cancelled" or rng.random() < 0.7) else "",
                      "cancel_date": cancel.isoformat() if cancel else "",
                      "created_date": days(close, -rng.randint(0, 200)).isoformat() if rng.random() < 0.5 else "",
                      "notes": rng.choice(["", "big, important", 'said "yes"', "plain", "two\nlines, one \"quote\""])})

    if deals_xml:
        lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<deals>"]
        for dl in deals:
            a = "".join(attr(k, v) for k, v in [("id", dl["deal_id"]), ("closeDate", dl["close_date"]),
                                                  ("amount", dl["amount"]), ("currency", dl["currency"]),
                                                  ("type", dl["type"]), ("product", dl["product"] or None),
                                                  ("status", dl["status"] or None),
                                                  ("cancelDate", dl["cancel_date"] or None),
                                                  ("createdDate", dl["created_date"] or None)])
            kids = "".join('<credit rep=%s%s/>' % (quoteattr(r), "" if (p == "100" and len(dl["splits"]) == 1 and rng.random() < 0.7)
                                                   else ' percent="%s"' % p) for r, p in dl["splits"])
            lines.append("  <deal%s>%s</deal>" % (a, kids))
        lines.append("</deals>")
        with open(os.path.join(out, "inputs", "deals.xml"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
    else:
        cols = ["deal_id", "close_date", "amount", "currency", "type", "product", "reps", "status", "cancel_date",
                "created_date", "notes"]
        rng.shuffle(cols)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator=rng.choice(["\n", "\r\n"]))
        w.writerow(cols)
        for dl in deals:
            w.writerow([dl[c] for c in cols])
        with open(os.path.join(out, "inputs", "deals.csv"), "w", encoding="utf-8-sig" if rng.random() < 0.4 else "utf-8",
                  newline="") as fh:
            fh.write(buf.getvalue())

    write_finance(rng, out, reps + managers, deals)
    write_payments(ctx.rng2, out, deals)

    # ---- fx: every ordered pair, every month 2025-07 .. 2026-12
    with open(os.path.join(out, "inputs", "fx.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write("month,from,to,rate\n")
        m = dt.date(2025, 7, 1)
        while m <= dt.date(2026, 12, 1):
            for a in DEAL_CURRENCIES:
                for b in DEAL_CURRENCIES:
                    if a == b:
                        continue
                    v = USD_VALUE[a] / USD_VALUE[b] * (1 + rng.uniform(-0.05, 0.05))
                    places = rng.choice([6, 6, 6, 4, 2]) if v >= 1 else 6
                    rate = q(Decimal(repr(v)), places)
                    if rate <= 0:
                        rate = Decimal("0.000001")
                    if rng.random() < 0.03:
                        rate = Decimal(rng.choice(["0.5", "2", "1.5", "0.25"]))
                    fh.write("%04d-%02d,%s,%s,%s\n" % (m.year, m.month, a, b, format(rate.normalize(), "f")
                                                      if rate == rate.to_integral() else format(rate, "f")))
            m = add_months(m, 1)


def write_payments(rng, out, deals):
    """payments.csv: for about half the deals one to four payments from the close date to 150 days
    later, in the deal's currency with up to 6 decimals, some refunds; each deal's total stays
    within [0, amount] (§2.3)."""
    rows = []
    for dl in deals:
        if rng.random() < 0.5:
            continue
        amount = Decimal(dl["amount"])
        close = dt.date.fromisoformat(dl["close_date"])
        total = Decimal(0)
        for _ in range(rng.randint(1, 4)):
            places = rng.choice([MINOR[dl["currency"]], MINOR[dl["currency"]], 6])
            if total > 0 and rng.random() < 0.2:
                pay = -q(total * Decimal(rng.choice(["0.1", "0.5", "1", "0.333"])), places)
                pay = max(pay, -total)
            else:
                pay = q((amount - total) * Decimal(rng.choice(["1", "0.5", "0.25", "0.3333", "0.6"])), places)
                pay = min(pay, amount - total)
            if pay == 0:
                continue
            total += pay
            rows.append((dl["deal_id"], days(close, rng.choice([0, rng.randint(1, 40), rng.randint(20, 150)])), pay))
    rng.shuffle(rows)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=rng.choice(["\n", "\r\n"]))
    w.writerow(["deal_id", "paid_date", "amount"])
    for did, paid, pay in rows:
        w.writerow([did, paid.isoformat(), format(pay, "f")])
    with open(os.path.join(out, "inputs", "payments.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())


def write_finance(rng, out, people, deals):
    """forecasts.csv (commits of most people, most months of 2026) and pipeline.csv: a snapshot on the
    first of each month of 2026, some opportunities named after deals, a fifth of them split between
    two or three reps (one row per rep with that rep's share), amounts in any currency."""
    with open(os.path.join(out, "inputs", "forecasts.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write("rep_id,month,commit\n")
        for pid in people:
            if rng.random() < 0.3:
                continue
            for month in range(1, 13):
                if rng.random() < 0.8:
                    value = rng.choice([Decimal(0), Decimal(rng.randint(1, 200000)), Decimal(rng.randint(1, 20000000)) / 100])
                    fh.write("%s,2026-%02d,%s\n" % (pid, month, format(value, "f")))
    stages = ["Prospecting", "Proposal", "Negotiation", "Commit", "Closed Won"]
    with open(os.path.join(out, "inputs", "pipeline.csv"), "w", encoding="utf-8", newline="") as fh:
        fh.write("opp_id,rep_id,snapshot_date,stage,probability,amount,currency,expected_close\n")
        for month in range(1, 13):
            snapshot = dt.date(2026, month, 1)
            later = [d for d in deals if d["close_date"] >= snapshot.isoformat()]
            listed = set()  # (opp_id, rep_id): once per snapshot
            for n in range(rng.randint(0, 25)):
                opp = rng.choice(later)["deal_id"] if later and rng.random() < 0.4 else "O%02d-%03d" % (month, n)
                owners = [o for o in rng.sample(people, rng.choice([1, 1, 1, 1, 2, 3])) if (opp, o) not in listed]
                listed.update((opp, o) for o in owners)
                cur = rng.choice(DEAL_CURRENCIES)
                probability = rng.choice([Decimal("0.9"), Decimal("0.1"), Decimal(rng.randint(0, 1000000)) / 1000000, Decimal(1)])
                expected = days(snapshot, rng.randint(0, 50))
                for owner in owners:
                    amount = q(Decimal(rng.randint(0, 900000)) / 7 * SCALE[cur], rng.choice([0, 2, 6]))
                    fh.write("%s,%s,%s,%s,%s,%s,%s,%s\n" % (csv_text(opp), owner, snapshot.isoformat(), rng.choice(stages),
                                                            format(probability, "f"), format(amount, "f"), cur,
                                                            expected.isoformat()))


def csv_text(value):
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\r\n') else value


def self_check(out):
    """Re-read the written case and assert the validity rules the generator promises."""
    import sys
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import comp_reference as ref
    plans = ref.load_plans([os.path.join(out, "plans")])
    dpath = os.path.join(out, "inputs", "deals.csv")
    if not os.path.exists(dpath):
        dpath = os.path.join(out, "inputs", "deals.xml")
    deals = ref.load_deals([dpath])
    assert len({p.id for p in plans}) == len(plans)
    by_id = {}
    for p in plans:
        assert p.year_start.day == 1
        for e in p.entries:
            by_id.setdefault(e.id, []).append(e)
    for pid, es in by_id.items():
        es = sorted(es, key=lambda e: e.start)
        for a, b2 in zip(es, es[1:]):
            assert a.end is not None and a.end < b2.start, ("overlap", pid)
        for e in es:
            assert e.manager is None or e.manager in by_id, ("manager", pid)
            assert e.end is None or e.end >= e.start
    level = lambda i: {"D": 0, "M": 1, "R": 2}[i[0]]
    for es in by_id.values():
        for e in es:
            assert e.manager is None or level(e.manager) < level(e.id), "cycle risk"
    for p in plans:
        for e in p.entries:
            for c in p.components:
                if c.basis != "attainment":
                    continue
                for k in range(1, p.n_periods + 1):
                    ps, pe = p.period_dates(k)
                    if ref.overlap_days(e.start, e.end, ps, pe) >= 1:
                        assert ref.quota(e, c, p, k) > 0, ("quota", p.id, e.id, c.id, k)
    ids = set()
    for d in deals:
        assert d["id"] not in ids
        ids.add(d["id"])
        assert d["amount"] > 0 and -d["amount"].as_tuple().exponent <= 6
        assert sum(p for _, p in d["splits"]) == 100
        assert len({r for r, _ in d["splits"]}) == len(d["splits"])
        for r, pct in d["splits"]:
            assert r in by_id and pct > 0 and -pct.as_tuple().exponent <= 2
        assert (d["status"] == "cancelled") == (d["cancel"] is not None)
        assert d["cancel"] is None or d["cancel"] >= d["close"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--deals-xml", action="store_true", help="write inputs/deals.xml instead of deals.csv")
    a = ap.parse_args()
    build(a.seed, a.out, a.deals_xml)
    self_check(a.out)


if __name__ == "__main__":
    main()
