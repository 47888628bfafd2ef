#!/usr/bin/env python3
"""Independent reference implementation of comp's calculation (§3.1-3.8, 3.1b, 3.11, 5, 7).

Written from docs/REFERENCE.md and docs/DECISIONS.md only, for differential testing of the Swift tool.
Standard library only. Inputs are assumed valid (no validation). No draws, no ledger. With
--forecasts/--pipeline also forecast_accuracy.csv (§4; blank cells for missing finance-only rates)
and missing_rates.txt, the (month, from→to) those left blank.

    python3 comp_reference.py --period 2026-03 --plans DIR_OR_FILE [--plans ...] \
        --deals FILE [--deals ...] [--fx FILE] [--forecasts FILE] [--pipeline FILE] [--payments FILE] --out DIR

Writes payroll.csv, credits.csv and attainment.csv into DIR.
"""
import argparse
import calendar
import csv
import datetime as dt
import os
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal, ROUND_HALF_UP, getcontext

getcontext().prec = 80

D0 = Decimal(0)
D100 = Decimal(100)

# ISO 4217 minor units; anything not listed has 2.
MINOR_UNITS = {
    # 0 decimals
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
    "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0,
    "XPF": 0,
    # 3 decimals
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    # 4 decimals
    "CLF": 4, "UYW": 4,
}


def minor(cur):
    return MINOR_UNITS.get(cur, 2)


def rnd(x, cur):
    """Round half away from zero to the currency's minor unit."""
    return x.quantize(Decimal(1).scaleb(-minor(cur)), rounding=ROUND_HALF_UP)


def fmt_fixed(x, places):
    q = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if q == 0:
        q = abs(q)  # no "-0.00"
    return format(q, "f")


def fmt_money(x, cur):
    return fmt_fixed(x, minor(cur))


# ---------------------------------------------------------------- dates

def pdate(s):
    return dt.date.fromisoformat(s)


def add_months(d, n):
    """d must be a first-of-month date."""
    k = d.year * 12 + (d.month - 1) + n
    return dt.date(k // 12, k % 12 + 1, 1)


def month_end(d):
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def overlap_days(a0, a1, b0, b1):
    """Inclusive ranges; a1/b1 may be None (open)."""
    lo = max(a0, b0)
    ends = [x for x in (a1, b1) if x is not None]
    hi = min(ends)
    return max(0, (hi - lo).days + 1)


# ---------------------------------------------------------------- model

class Component:
    def __init__(self, el):
        self.id = el.get("id")
        self.types = tokens(el.get("types"))
        self.products = tokens(el.get("products"))
        self.credit_from = el.get("creditFrom") or "own"
        self.credit_on = el.get("creditOn") or "close"
        hb = el.find("holdback")
        self.holdback = (Decimal(hb.get("percent")), hb.get("release")) if hb is not None else None
        rt = el.find("rateTable")
        self.method = rt.get("method")
        self.basis = rt.get("basis")
        self.tiers = [(Decimal(t.get("from")), Decimal(t.get("rate"))) for t in rt.findall("tier")]
        cap = el.find("cap")
        self.cap = Decimal(cap.get("amount")) if cap is not None else None
        self.bonuses = [(b.get("id"), Decimal(b.get("atLeast")), Decimal(b.get("amount")))
                        for b in el.findall("bonus")]

    def matches(self, deal):
        return match(self.types, deal["type"]) and match(self.products, deal["product"])


class Spiff:
    def __init__(self, el):
        self.id = el.get("id")
        self.types = tokens(el.get("types"))
        self.products = tokens(el.get("products"))
        self.per_deal = Decimal(el.get("perDeal")) if el.get("perDeal") is not None else None
        self.rate = Decimal(el.get("rate")) if el.get("rate") is not None else None

    def matches(self, deal):
        return match(self.types, deal["type"]) and match(self.products, deal["product"])


def tokens(attr):
    """None means 'any'."""
    if attr is None:
        return None
    toks = attr.split()
    if not toks or "*" in toks:
        return None
    return set(toks)


def match(toks, value):
    if toks is None:
        return True
    return value in toks  # an empty/absent deal value matches only 'any'


class Entry:
    def __init__(self, plan, el):
        self.plan = plan
        self.id = el.get("id")
        self.name = el.get("name") or ""
        self.start = pdate(el.get("start"))
        self.end = pdate(el.get("end")) if el.get("end") else None
        self.manager = el.get("manager") or None
        bs = el.find("baseSalary")
        self.base = Decimal(bs.get("annual")) if bs is not None else D0
        self.quotas = {}
        for q in el.findall("quota"):
            if q.get("annual") is not None:
                self.quotas[q.get("component")] = ("annual", Decimal(q.get("annual")))
            else:
                self.quotas[q.get("component")] = (
                    "periods", {int(p.get("index")): Decimal(p.get("amount")) for p in q.findall("period")})

    @property
    def cur(self):
        return self.plan.currency

    @property
    def key(self):
        return (self.plan.id, self.id, self.start)

    def active_on(self, d):
        return self.start <= d and (self.end is None or d <= self.end)


class Plan:
    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.id = root.get("id")
        self.name = root.get("name")
        self.currency = root.get("currency")
        self.year_start = pdate(root.get("yearStart"))
        self.quota_period = root.get("quotaPeriod")
        self.components = [Component(c) for c in root.findall("component")]
        self.spiffs = [Spiff(s) for s in root.findall("spiff")]
        cb = root.find("clawback")
        self.window = int(cb.get("windowDays")) if cb is not None else None
        self.entries = [Entry(self, p) for p in root.findall("participant")]

    @property
    def n_periods(self):
        return {"month": 12, "quarter": 4, "year": 1}[self.quota_period]

    @property
    def months_per_period(self):
        return {"month": 1, "quarter": 3, "year": 12}[self.quota_period]

    def fiscal_index(self, month_first):
        """1..12 when the month is in the fiscal year, else outside that range."""
        return (month_first.year * 12 + month_first.month) - (self.year_start.year * 12 + self.year_start.month) + 1

    def period_of(self, fidx):
        """(period number, first fiscal month index, last fiscal month index)."""
        mpp = self.months_per_period
        p = (fidx - 1) // mpp + 1
        return p, (p - 1) * mpp + 1, p * mpp

    def period_dates(self, p):
        mpp = self.months_per_period
        s = add_months(self.year_start, (p - 1) * mpp)
        e = add_months(self.year_start, p * mpp) - dt.timedelta(days=1)
        return s, e

    def period_label(self, p):
        y = self.year_start.year
        if self.quota_period == "month":
            return "FY%d-M%02d" % (y, p)
        if self.quota_period == "quarter":
            return "FY%d-Q%d" % (y, p)
        return "FY%d" % y


# ---------------------------------------------------------------- inputs

def load_plans(paths):
    plans = []
    for p in paths:
        if os.path.isdir(p):
            files = sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".xml"))
        else:
            files = [p]
        for f in files:
            plans.append(Plan(f))
    return plans


def parse_reps(s):
    out = []
    for part in s.split(";"):
        if ":" in part:
            rep, pct = part.split(":", 1)
            out.append((rep, Decimal(pct)))
        else:
            out.append((part, D100))
    return out


def load_deals(paths):
    deals = []
    for p in paths:
        if p.lower().endswith(".xml"):
            for _, el in ET.iterparse(p, events=("end",)):
                if el.tag != "deal":
                    continue
                deals.append({
                    "id": el.get("id"),
                    "close": pdate(el.get("closeDate")),
                    "amount": Decimal(el.get("amount")),
                    "currency": el.get("currency"),
                    "type": el.get("type"),
                    "product": el.get("product") or "",
                    "status": el.get("status") or "won",
                    "cancel": pdate(el.get("cancelDate")) if el.get("cancelDate") else None,
                    "splits": [(c.get("rep"), Decimal(c.get("percent")) if c.get("percent") else D100)
                               for c in el.findall("credit")],
                })
                el.clear()
        else:
            with open(p, newline="", encoding="utf-8-sig") as fh:
                rows = [r for r in csv.reader(fh) if r]
            header = rows[0]
            ix = {h: i for i, h in enumerate(header)}

            def get(r, name):
                i = ix.get(name)
                return r[i] if i is not None and i < len(r) else ""
            for r in rows[1:]:
                if all(x == "" for x in r):
                    continue
                deals.append({
                    "id": get(r, "deal_id"),
                    "close": pdate(get(r, "close_date")),
                    "amount": Decimal(get(r, "amount")),
                    "currency": get(r, "currency"),
                    "type": get(r, "type"),
                    "product": get(r, "product"),
                    "status": get(r, "status") or "won",
                    "cancel": pdate(get(r, "cancel_date")) if get(r, "cancel_date") else None,
                    "splits": parse_reps(get(r, "reps")),
                })
    return deals


def load_payments(path):
    rows = []
    if not path:
        return rows
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            rows.append((r["deal_id"], pdate(r["paid_date"]), Decimal(r["amount"])))
    return rows


def load_fx(path):
    fx = {}
    if not path:
        return fx
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            if not r.get("month"):
                continue
            fx[(r["month"], r["from"], r["to"])] = Decimal(r["rate"])
    return fx


class FX:
    def __init__(self, table):
        self.t = table

    def rate(self, month_date, frm, to):
        if frm == to:
            return Decimal(1)
        k = ("%04d-%02d" % (month_date.year, month_date.month), frm, to)
        if k not in self.t:
            # comp asks only for the rates a counted credit needs: a NaN shows wherever one was used.
            return Decimal("NaN")
        return self.t[k]


# ---------------------------------------------------------------- output

def csv_field(s):
    s = str(s)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(csv_field(h) for h in header) + "\n")
        for r in rows:
            fh.write(",".join(csv_field(x) for x in r) + "\n")


def b(s):
    return s.encode("utf-8")


# ---------------------------------------------------------------- calculation

KIND_ORDER = {"credit": 0, "chargeback": 1, "payment": 2, "rollup": 3}
PAY_ORDER = {t: i for i, t in enumerate(["BASE", "COMMISSION", "HOLDBACK", "HOLDBACK_RELEASE", "BONUS", "SPIFF", "DRAW",
                                         "DRAW_RECOVERY"])}


def earned(comp, Q, C, cur):
    if C <= 0:
        val = D0
    else:
        bounds = [(f * Q if comp.basis == "attainment" else f) for f, _ in comp.tiers]
        rates = [r for _, r in comp.tiers]
        if comp.method == "graduated":
            val = D0
            for i, lo in enumerate(bounds):
                hi = bounds[i + 1] if i + 1 < len(bounds) else None
                top = C if hi is None else min(C, hi)
                val += rates[i] * max(D0, top - lo)
        else:  # retroactive
            k = 0
            for i, lo in enumerate(bounds):
                if lo <= C:
                    k = i
            val = rates[k] * C
    if comp.cap is not None:
        val = min(val, comp.cap)
    return rnd(val, cur)


def bonus_earned(comp, Q, C):
    total = D0
    if Q > 0:
        for _, at_least, amount in comp.bonuses:
            if C >= at_least * Q:  # exact C/Q >= atLeast
                total += amount
    return total


def quota(entry, comp, plan, p):
    spec = entry.quotas.get(comp.id)
    if spec is None:
        pq = D0
    elif spec[0] == "annual":
        pq = rnd(spec[1] / plan.n_periods, plan.currency)
    else:
        pq = spec[1].get(p, D0)
    ps, pe = plan.period_dates(p)
    if entry.start > ps or (entry.end is not None and entry.end < pe):
        active = overlap_days(entry.start, entry.end, ps, pe)
        days = (pe - ps).days + 1
        return rnd(pq * active / days, plan.currency)
    return pq


def run(period, plans, deals, fx, payments=()):
    y, m = map(int, period.split("-"))
    m_first = dt.date(y, m, 1)
    m_last = month_end(m_first)

    entries_by_rep = {}
    for pl in plans:
        for e in pl.entries:
            entries_by_rep.setdefault(e.id, []).append(e)

    def active(rep, d):
        for e in entries_by_rep.get(rep, []):
            if e.active_on(d):
                return e
        return None

    def participates(pl):
        return 1 <= pl.fiscal_index(m_first) <= 12

    # ---- events: own credits, chargebacks, payment credits, roll-ups (all dated <= end of run month)
    events = []  # dicts: entry, kind, deal, date, amount, credit, fx_rate, percent, comps
    seq = 0

    def post(ev, rate_month, credit_on, seq):
        """Adds an own event and its roll-up copies along the manager chain active on its date,
        converted at `rate_month`, to the managers' team components credited on `credit_on`."""
        deal = ev["deal"]
        ev["seq"] = seq
        seq += 1
        events.append(ev)
        src = ev["entry"]
        mgr = src.manager
        seen = set()
        while mgr is not None and mgr not in seen:
            seen.add(mgr)
            me = active(mgr, ev["date"])
            if me is None:
                break
            if me.cur == src.cur:
                copy = ev["credit"]
            else:
                copy = rnd(ev["credit"] * fx.rate(rate_month, src.cur, me.cur), me.cur)
            comps = [c.id for c in me.plan.components
                     if c.credit_from == "team" and c.credit_on == credit_on and c.matches(deal)]
            events.append({"entry": me, "kind": "rollup", "deal": deal, "date": ev["date"], "amount": ev["amount"],
                           "credit": copy, "fx_rate": ev["fx_rate"], "percent": ev["percent"],
                           "comps": comps, "seq": seq})
            seq += 1
            mgr = me.manager
        return seq
    for deal in deals:
        close_month = deal["close"].replace(day=1)
        for rep, pct in deal["splits"]:
            e = active(rep, deal["close"])
            if e is None:
                continue  # exceptions.csv in the real tool; pays nothing
            own = []
            if deal["close"] <= m_last:
                r = fx.rate(close_month, deal["currency"], e.cur)
                cr = rnd(deal["amount"] * r * pct / D100, e.cur)
                own.append({"entry": e, "kind": "credit", "deal": deal, "date": deal["close"],
                            "credit": cr, "fx_rate": r, "percent": pct})
            if (deal["status"] == "cancelled" and deal["cancel"] is not None
                    and deal["cancel"] <= m_last and e.plan.window is not None
                    and (deal["cancel"] - deal["close"]).days <= e.plan.window):
                e2 = active(rep, deal["cancel"])
                if e2 is not None:
                    r2 = fx.rate(close_month, deal["currency"], e2.cur)
                    cb = -rnd(deal["amount"] * r2 * pct / D100, e2.cur)
                    own.append({"entry": e2, "kind": "chargeback", "deal": deal, "date": deal["cancel"],
                                "credit": cb, "fx_rate": r2, "percent": pct})
            for ev in own:
                ev["comps"] = [c.id for c in ev["entry"].plan.components
                               if c.credit_from == "own" and c.credit_on == "close" and c.matches(deal)]
                ev["amount"] = deal["amount"]
                seq = post(ev, close_month, "close", seq)

    # ---- payment credits (§3.1b): per payment and rep share, to the entry active on the paid date
    by_id = {deal["id"]: deal for deal in deals}
    for deal_id, paid, amount in payments:
        deal = by_id[deal_id]
        if paid > m_last:
            continue
        paid_month = paid.replace(day=1)
        for rep, pct in deal["splits"]:
            e = active(rep, paid)
            if e is None:
                continue  # exceptions.csv in the real tool
            comps = [c.id for c in e.plan.components
                     if c.credit_from == "own" and c.credit_on == "payment" and c.matches(deal)]
            if not comps:
                continue  # no row, no rate, nothing to roll up
            r = fx.rate(paid_month, deal["currency"], e.cur)
            ev = {"entry": e, "kind": "payment", "deal": deal, "date": paid, "amount": amount,
                  "credit": rnd(amount * r * pct / D100, e.cur), "fx_rate": r, "percent": pct, "comps": comps}
            seq = post(ev, paid_month, "payment", seq)

    # ---- per (entry, component) credit ledger
    ledger = {}
    for ev in events:
        for cid in ev["comps"]:
            ledger.setdefault((ev["entry"].key, cid), []).append((ev["date"], ev["credit"]))

    def C(entry, cid, d0, d1):
        return sum((c for d, c in ledger.get((entry.key, cid), []) if d0 <= d <= d1), D0)

    # ---- credits.csv
    credit_rows = []
    for ev in events:
        if ev["date"] < m_first or ev["date"] > m_last or not participates(ev["entry"].plan):
            continue
        comps = ev["comps"] or ([""] if ev["kind"] != "rollup" else [])
        deal = ev["deal"]
        e = ev["entry"]
        for cid in comps:
            credit_rows.append((
                (b(e.id), b(e.plan.id), b(cid), ev["date"], b(deal["id"]), KIND_ORDER[ev["kind"]], ev["seq"]),
                [period, e.id, e.plan.id, cid, deal["id"], ev["date"].isoformat(), ev["kind"],
                 fmt_money(ev["amount"], deal["currency"]), deal["currency"],
                 fmt_fixed(ev["fx_rate"], 6), fmt_fixed(ev["percent"], 2), fmt_money(ev["credit"], e.cur)]))
    credit_rows.sort(key=lambda x: x[0])

    # ---- per active entry: base, commission, bonus, spiff, attainment
    pay = {}  # (emp, type, comp, cur) -> amount
    names = {}  # emp -> (start, name)
    att_rows = []

    def add_pay(emp, ptype, comp, cur, amt):
        k = (emp, ptype, comp, cur)
        pay[k] = pay.get(k, D0) + amt

    for pl in plans:
        if not participates(pl):
            continue
        fidx = pl.fiscal_index(m_first)
        p, first_idx, _ = pl.period_of(fidx)
        ps, pe = pl.period_dates(p)
        first_month_of_q = fidx == first_idx
        prev_end = m_first - dt.timedelta(days=1)
        for e in pl.entries:
            active_days = overlap_days(e.start, e.end, m_first, m_last)
            if active_days < 1:
                continue
            if e.id not in names or e.start > names[e.id][0]:
                names[e.id] = (e.start, e.name)
            days_in_month = (m_last - m_first).days + 1
            base = rnd(e.base * active_days / (12 * days_in_month), pl.currency)
            add_pay(e.id, "BASE", "", pl.currency, base)
            for comp in pl.components:
                Q = quota(e, comp, pl, p)
                c_now = C(e, comp.id, ps, m_last)
                earned_now = earned(comp, Q, c_now, pl.currency)
                if first_month_of_q:
                    c_prev = D0
                    earned_prev = D0
                    bonus_prev = D0
                else:
                    c_prev = C(e, comp.id, ps, prev_end)
                    earned_prev = earned(comp, Q, c_prev, pl.currency)
                    bonus_prev = bonus_earned(comp, Q, c_prev)
                commission = earned_now - earned_prev
                add_pay(e.id, "COMMISSION", comp.id, pl.currency, commission)
                add_pay(e.id, "BONUS", comp.id, pl.currency, bonus_earned(comp, Q, c_now) - bonus_prev)
                att = "" if Q == 0 else fmt_fixed(c_now / Q, 6)
                att_rows.append((
                    (b(e.id), b(pl.id), b(comp.id), e.start),
                    [period, e.id, pl.id, comp.id, pl.period_label(p), fmt_money(Q, pl.currency),
                     fmt_money(c_now, pl.currency), att, fmt_money(earned_now, pl.currency),
                     fmt_money(earned_prev, pl.currency), fmt_money(commission, pl.currency)]))
            # SPIFFs on own credits / chargebacks of this entry dated in the month
            for ev in events:
                if ev["entry"] is not e or ev["kind"] not in ("credit", "chargeback"):
                    continue  # SPIFFs stay on deal credits (§3.1b)
                if not (m_first <= ev["date"] <= m_last):
                    continue
                for sp in pl.spiffs:
                    if not sp.matches(ev["deal"]):
                        continue
                    if sp.per_deal is not None:
                        amt = rnd(sp.per_deal * ev["percent"] / D100, pl.currency)
                    else:
                        amt = rnd(sp.rate * abs(ev["credit"]), pl.currency)
                    if ev["kind"] == "chargeback":
                        amt = -amt
                    add_pay(e.id, "SPIFF", sp.id, pl.currency, amt)

    # ---- holdbacks (§3.11), for every entry of a participating plan (an ended one may release)
    def commission_in(e, comp, pl, fm):
        month_first = add_months(pl.year_start, fm - 1)
        p, first_idx, _ = pl.period_of(fm)
        ps, _ = pl.period_dates(p)
        Q = quota(e, comp, pl, p)
        now = earned(comp, Q, C(e, comp.id, ps, month_end(month_first)), pl.currency)
        if fm == first_idx:
            return now
        return now - earned(comp, Q, C(e, comp.id, ps, month_first - dt.timedelta(days=1)), pl.currency)

    for pl in plans:
        if not participates(pl):
            continue
        fidx = pl.fiscal_index(m_first)
        for e in pl.entries:
            for comp in pl.components:
                if comp.holdback is None:
                    continue
                percent, release = comp.holdback
                if release == "year":
                    window, releases = range(1, fidx + 1), fidx == 12
                else:
                    _, first_idx, last_idx = pl.period_of(fidx)
                    window, releases = range(first_idx, fidx + 1), fidx == last_idx
                held = {fm: rnd(commission_in(e, comp, pl, fm) * percent / D100, pl.currency) for fm in window}
                add_pay(e.id, "HOLDBACK", comp.id, pl.currency, -held[fidx])
                stays = any(e2.active_on(m_last) and participates(e2.plan) for e2 in entries_by_rep[e.id])
                if releases and stays:
                    add_pay(e.id, "HOLDBACK_RELEASE", comp.id, pl.currency, sum(held.values(), D0))

    att_rows.sort(key=lambda x: x[0])

    pay_rows = []
    for (emp, ptype, comp, cur), amt in pay.items():
        if amt == 0:
            continue
        pay_rows.append((
            (b(emp), PAY_ORDER[ptype], b(comp), b(cur)),
            [period, emp, names.get(emp, (None, ""))[1], ptype, comp, fmt_money(amt, cur), cur,
             fmt_money(D0, cur)]))
    pay_rows.sort(key=lambda x: x[0])

    return ([r for _, r in pay_rows], [r for _, r in credit_rows], [r for _, r in att_rows])


# ---------------------------------------------------------------- forecast accuracy (§4, §7)

def q12(x):
    return x.quantize(Decimal(1).scaleb(-12), rounding=ROUND_HALF_UP)


def q6(x):
    return x.quantize(Decimal(1).scaleb(-6), rounding=ROUND_HALF_UP)


def load_rep_months(path, column):
    out = {}
    if not path:
        return out
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            out[(r["rep_id"], r["month"])] = Decimal(r[column])
    return out


def load_pipeline(path):
    rows = []
    if not path:
        return rows
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            rows.append({"opp": r["opp_id"], "rep": r["rep_id"], "snapshot": pdate(r["snapshot_date"]),
                         "probability": Decimal(r["probability"]), "amount": Decimal(r["amount"]),
                         "currency": r["currency"], "expected": pdate(r["expected_close"])})
    return rows


class Missing(Exception):
    pass


def forecast_accuracy(period, plans, deals, fx_table, commits, pipeline):
    """forecast_accuracy.csv's rows of the run month; a value needing a missing rate is None (blank).
    Also returns the set of missing (month, from, to)."""
    y, m = map(int, period.split("-"))
    m_first = dt.date(y, m, 1)
    m_last = month_end(m_first)
    missing = set()

    def rate(frm, to):
        if frm == to:
            return Decimal(1)
        k = ("%04d-%02d" % (y, m), frm, to)
        if k not in fx_table:
            missing.add(k)
            raise Missing()
        return fx_table[k]

    entries = {}
    for pl in plans:
        for e in pl.entries:
            entries.setdefault(e.id, []).append(e)

    def participates(pl):
        return 1 <= pl.fiscal_index(m_first) <= 12

    def rep_currency(rep):
        es = sorted(entries.get(rep, []), key=lambda e: e.start)
        act = [e for e in es if overlap_days(e.start, e.end, m_first, m_last) > 0]
        return (act or es)[-1].cur

    # actuals: own credits of deals closed in the month, per rep and credited currency
    credited = {}
    for deal in deals:
        if not (m_first <= deal["close"] <= m_last):
            continue
        for rep, pct in deal["splits"]:
            es = [e for e in entries.get(rep, []) if e.active_on(deal["close"])]
            if not es or not participates(es[0].plan):
                continue
            cur = es[0].cur
            r = fx_table.get(("%04d-%02d" % (y, m), deal["currency"], cur)) if deal["currency"] != cur else Decimal(1)
            credit = rnd(deal["amount"] * r * pct / D100, cur)
            credited.setdefault(rep, {}).setdefault(cur, D0)
            credited[rep][cur] += credit
    snapshots = [o["snapshot"] for o in pipeline if o["snapshot"] <= m_first]
    snapshot = max(snapshots) if snapshots else None
    counted = [o for o in pipeline if o["snapshot"] == snapshot and o["expected"].replace(day=1) == m_first]
    members = set(r for r in credited if any(v > 0 for v in credited[r].values()))
    members |= set(rep for (rep, month) in commits if month == period)
    members |= set(o["rep"] for o in counted)

    rows = []
    for rep in sorted(members, key=b):
        cur = rep_currency(rep)
        # Every conversion is tried, so that every missing rate is known; one missing blanks the sum.
        actual = D0
        for c, v in credited.get(rep, {}).items():
            try:
                term = v if c == cur else rnd(v * rate(c, cur), cur)
                actual = None if actual is None else actual + term
            except Missing:
                actual = None
        weighted = D0
        for o in counted:
            if o["rep"] == rep:
                w = o["amount"] * o["probability"]
                try:
                    term = w if o["currency"] == cur else q12(w * rate(o["currency"], cur))
                    weighted = None if weighted is None else weighted + term
                except Missing:
                    weighted = None
        rows.append((rep, cur, commits.get((rep, period), D0), weighted, actual))

    counts = {}
    for _, cur, _, _, _ in rows:
        counts[cur] = counts.get(cur, 0) + 1
    team = min(counts, key=lambda c: (-counts[c], b(c))) if counts else None

    def score(F, A, cur):
        if F is None or A is None:
            err = acc = bias = None
        else:
            err = F - A
            if A > 0:
                acc = q6(max(D0, A - abs(err)) / A)
            else:
                acc = Decimal(1) if (F == 0 and A == 0) else D0
            bias = q6(err / A) if A != 0 else None
        return [fmt_money(F, cur) if F is not None else "", fmt_money(A, cur) if A is not None else "",
                fmt_money(err, cur) if err is not None else "", fmt_fixed(acc, 6) if acc is not None else "",
                fmt_fixed(bias, 6) if bias is not None else ""]

    out = []
    for rep, cur, commit, weighted, actual in rows:
        out.append([period, rep, "commit"] + score(commit, actual, cur))
        out.append([period, rep, "weighted"] + score(weighted, actual, cur))
    if team is None:
        team = "USD"  # no rows: a team of nobody; its currency does not show in 0.00 cells
    # Every rep of another currency needs its rate into the team currency, whatever else is missing.
    team_rates = {}
    for rep, cur, _, _, _ in rows:
        try:
            team_rates[cur] = rate(cur, team)
        except Missing:
            team_rates[cur] = None
    for method in ("commit", "weighted"):
        F = A = D0
        for rep, cur, commit, weighted, actual in rows:
            f = commit if method == "commit" else weighted
            r = team_rates[cur]
            F = None if F is None or f is None or r is None else F + (f if cur == team else q12(f * r))
            A = None if A is None or actual is None or r is None else A + (actual if cur == team else q12(actual * r))
        out.append([period, "TEAM", method] + score(F, A, team))
    return out, missing


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--period", required=True)
    ap.add_argument("--plans", action="append", required=True)
    ap.add_argument("--deals", action="append", required=True)
    ap.add_argument("--fx")
    ap.add_argument("--forecasts")
    ap.add_argument("--pipeline")
    ap.add_argument("--payments")
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    plans = load_plans(a.plans)
    deals = load_deals(a.deals)
    fx = FX(load_fx(a.fx))
    payroll, credits, attainment = run(a.period, plans, deals, fx, load_payments(a.payments))
    os.makedirs(a.out, exist_ok=True)
    write_csv(os.path.join(a.out, "payroll.csv"),
              ["period", "employee_id", "employee_name", "pay_type", "component", "amount", "currency",
               "prior_adjustment"], payroll)
    write_csv(os.path.join(a.out, "credits.csv"),
              ["period", "rep_id", "plan_id", "component", "deal_id", "credit_date", "kind", "deal_amount",
               "deal_currency", "fx_rate", "percent", "credit"], credits)
    write_csv(os.path.join(a.out, "attainment.csv"),
              ["period", "rep_id", "plan_id", "component", "quota_period", "quota", "credited_to_date",
               "attainment", "earned_to_date", "earned_prior", "commission"], attainment)
    if a.forecasts or a.pipeline:
        rows, missing = forecast_accuracy(a.period, plans, deals, load_fx(a.fx), load_rep_months(a.forecasts, "commit"),
                                          load_pipeline(a.pipeline))
        write_csv(os.path.join(a.out, "forecast_accuracy.csv"),
                  ["period", "rep_id", "method", "forecast", "actual", "error", "accuracy", "bias"], rows)
        with open(os.path.join(a.out, "missing_rates.txt"), "w") as fh:
            for k in sorted(missing):
                fh.write("%s %s→%s\n" % k)
    return 0


if __name__ == "__main__":
    sys.exit(main())
