#!/usr/bin/env python3
"""Writes a deals.csv out again as the exports a CRM would give, to test `comp import` end to end.

    python3 crm_exports.py --deals inputs/deals.csv --out DIR [--seed N] [--people inputs/people.csv]

DIR/salesforce/Opportunity.csv and OpportunitySplit.csv (API field names as Data Loader writes
them: every field quoted, \\r\\n, upper-case headers), DIR/hubspot/deals.csv (the export's English
labels, a BOM), and DIR/people.csv mapping every rep to a Salesforce user id and a HubSpot owner id
(unless --people gives them).
Lost and open opportunities are added. Importing either export with --people must give back the
deals (a split deal from Salesforce keeps its splits; HubSpot has no splits, so split deals are left
out of its export). Standard library only.
"""
import argparse
import csv
import datetime as dt
import os
import random
from zoneinfo import ZoneInfo


def sf_id(prefix, n):
    return "%s%012d" % (prefix, n)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--deals", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--people", help="take the Salesforce and HubSpot ids from this people.csv instead of making them up")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.deals, newline="", encoding="utf-8-sig") as fh:
        deals = [r for r in csv.DictReader(fh) if r.get("deal_id")]
    reps = []
    for d in deals:
        for part in d["reps"].split(";"):
            rep = part.split(":")[0]
            if rep not in reps:
                reps.append(rep)
    sf_user = {r: sf_id("005", i + 1) for i, r in enumerate(sorted(reps))}
    hs_owner = {r: str(9_100_000 + i) for i, r in enumerate(sorted(reps))}
    if a.people:
        with open(a.people, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                {"salesforce": sf_user, "hubspot": hs_owner}.get(row["system"], {})[row["participant_id"]] = row["external_id"]
    os.makedirs(os.path.join(a.out, "salesforce"), exist_ok=True)
    os.makedirs(os.path.join(a.out, "hubspot"), exist_ok=True)
    if not a.people:
        with open(os.path.join(a.out, "people.csv"), "w", newline="", encoding="utf-8") as fh:
            fh.write("participant_id,system,external_id\n")
            for r in sorted(reps):
                fh.write("%s,salesforce,%s\n%s,hubspot,%s\n" % (r, sf_user[r], r, hs_owner[r]))

    def created(d):
        if not d.get("created_date"):
            return ""
        # 23:30 in Warsaw on the created date, written in UTC as Salesforce does.
        local = dt.datetime.fromisoformat(d["created_date"] + "T23:30:00").replace(tzinfo=ZoneInfo("Europe/Warsaw"))
        return local.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    sf_rows, split_rows, hs_rows = [], [], []
    for n, d in enumerate(deals):
        splits = [(p.split(":")[0], p.split(":")[1] if ":" in p else "100") for p in d["reps"].split(";")]
        owner = splits[0][0]
        sf_rows.append({"ID": d["deal_id"], "AMOUNT": d["amount"], "CLOSEDATE": d["close_date"], "STAGENAME": "Closed Won",
                        "ISWON": "true", "ISCLOSED": "true", "TYPE": d["type"], "OWNERID": sf_user[owner],
                        "CURRENCYISOCODE": d["currency"], "CREATEDDATE": created(d), "PROBABILITY": "100",
                        "PRODUCT__C": d.get("product", ""), "CANCEL_DATE__C": d.get("cancel_date", "")})
        if len(splits) > 1 or rng.random() < 0.2:
            for rep, pct in splits:
                split_rows.append({"ID": sf_id("149", len(split_rows) + 1), "OPPORTUNITYID": d["deal_id"],
                                   "SPLITOWNERID": sf_user[rep], "SPLITPERCENTAGE": pct, "SPLITTYPEID": "1475g000000AbCdAAA"})
            # An overlay split of another type, which the import leaves aside with --split-type.
            split_rows.append({"ID": sf_id("149", len(split_rows) + 1), "OPPORTUNITYID": d["deal_id"],
                               "SPLITOWNERID": sf_user[owner], "SPLITPERCENTAGE": "10", "SPLITTYPEID": "1475g000000OvErAAA"})
        if len(splits) == 1:
            close = d["close_date"] + " %02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59))
            hs_rows.append({"Record ID": d["deal_id"], "Deal Name": "Deal " + d["deal_id"], "Amount": d["amount"],
                            "Close Date": close, "Deal Stage": "Closed Won", "Deal owner": hs_owner[owner],
                            "Currency": d["currency"], "Deal Type": d["type"],
                            "Create Date": (d["created_date"] + " 09:00") if d.get("created_date") else "",
                            "Product": d.get("product", ""), "Cancel Date": d.get("cancel_date", ""),
                            "Deal Stage Probability": "1"})
        # Now and then a lost and an open opportunity of the same owner.
        if n % 7 == 0:
            sf_rows.append({"ID": "LOST-%d" % n, "AMOUNT": "1000", "CLOSEDATE": d["close_date"], "STAGENAME": "Closed Lost",
                            "ISWON": "false", "ISCLOSED": "true", "TYPE": "New Business", "OWNERID": sf_user[owner],
                            "CURRENCYISOCODE": d["currency"], "CREATEDDATE": "", "PROBABILITY": "0", "PRODUCT__C": "",
                            "CANCEL_DATE__C": ""})
            hs_rows.append({"Record ID": "LOST-%d" % n, "Deal Name": "Lost", "Amount": "1000", "Close Date": d["close_date"] + " 10:00",
                            "Deal Stage": "Closed Lost", "Deal owner": hs_owner[owner], "Currency": d["currency"],
                            "Deal Type": "newbusiness", "Create Date": "", "Product": "", "Cancel Date": "",
                            "Deal Stage Probability": "0"})
        if n % 5 == 0:
            sf_rows.append({"ID": "OPEN-%d" % n, "AMOUNT": "2500.50", "CLOSEDATE": d["close_date"], "STAGENAME": "Negotiation/Review",
                            "ISWON": "false", "ISCLOSED": "false", "TYPE": "Existing Customer - Upgrade", "OWNERID": sf_user[owner],
                            "CURRENCYISOCODE": d["currency"], "CREATEDDATE": "", "PROBABILITY": "75", "PRODUCT__C": "",
                            "CANCEL_DATE__C": ""})
            hs_rows.append({"Record ID": "OPEN-%d" % n, "Deal Name": "Open", "Amount": "2500.50", "Close Date": d["close_date"] + " 10:00",
                            "Deal Stage": "contractsent", "Deal owner": hs_owner[owner], "Currency": d["currency"],
                            "Deal Type": "existingbusiness", "Create Date": "", "Product": "", "Cancel Date": "",
                            "Deal Stage Probability": "0.9"})

    def write(path, rows, quote_all, newline, bom):
        with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0].keys()), quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                               lineterminator=newline)
            w.writeheader()
            w.writerows(rows)

    write(os.path.join(a.out, "salesforce", "Opportunity.csv"), sf_rows, True, "\r\n", False)
    write(os.path.join(a.out, "salesforce", "OpportunitySplit.csv"), split_rows, True, "\r\n", False)
    write(os.path.join(a.out, "hubspot", "deals.csv"), hs_rows, False, "\n", True)


if __name__ == "__main__":
    main()
