"""Participant entries from the plan XMLs, as a small table (shared by the peer scripts).

One row per <participant> of every plans/*.xml: rep_id, plan_id, currency, year_start, start,
end (empty when open), quarter_quota. quarter_quota = the participant's first <quota> (annual, or
the sum of its <period amount>s) / 4, rounded half away from zero to the currency's minor unit,
kept as an exact string (Python's decimal). The benchmark uses it as "the" quota of every rep: the
point is the same amount of work as comp's core calculation, not exact plan semantics.
"""
import csv
import glob
import os
import xml.etree.ElementTree as ET
from decimal import Decimal, ROUND_HALF_UP  # ROUND_HALF_UP is half away from zero

# Minor units of the currencies the generator writes (§2.1: ISO 4217 minor units).
MINOR_UNITS = {"JPY": 0}

COLUMNS = ["rep_id", "plan_id", "currency", "year_start", "start", "end", "quarter_quota"]


def minor_units(currency):
    return MINOR_UNITS.get(currency, 2)


def read_entries(plans_dir):
    rows = []
    for path in sorted(glob.glob(os.path.join(plans_dir, "*.xml"))):
        plan_id = currency = year_start = None
        for event, elem in ET.iterparse(path, events=("start", "end")):
            if event == "start" and elem.tag == "plan":
                plan_id, currency, year_start = elem.get("id"), elem.get("currency"), elem.get("yearStart")
            elif event == "end" and elem.tag == "participant":
                quota = elem.find("quota")
                if quota is None:
                    annual = Decimal(0)
                elif quota.get("annual") is not None:
                    annual = Decimal(quota.get("annual"))
                else:  # per-period quotas: their sum stands in for the annual quota
                    annual = sum((Decimal(p.get("amount")) for p in quota.findall("period")), Decimal(0))
                unit = Decimal(1).scaleb(-minor_units(currency))
                qq = (annual / 4).quantize(unit, rounding=ROUND_HALF_UP)
                rows.append((elem.get("id"), plan_id, currency, year_start, elem.get("start"),
                             elem.get("end") or "", format(qq, "f")))
                elem.clear()
    return rows


def write_entries_csv(plans_dir, path):
    rows = read_entries(plans_dir)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        w.writerows(rows)
    return len(rows)
