#!/usr/bin/env python3
"""Streams a comp deals.csv out as Salesforce's Data Loader exports (every field quoted, \\r\\n,
upper-case API names): Opportunity.csv, OpportunitySplit.csv for the split deals, and people.csv
mapping each rep to a Salesforce user id. For benchmarking `comp import` on large files.

    python3 salesforce_export.py DEALS.csv OUT_DIR
"""
import csv
import os
import sys


def main():
    deals_path, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    users = {}

    def user(rep):
        if rep not in users:
            users[rep] = "005%012d" % (len(users) + 1)
        return users[rep]

    with open(deals_path, newline="", encoding="utf-8-sig") as src, \
            open(os.path.join(out, "Opportunity.csv"), "w", newline="", encoding="utf-8") as opp, \
            open(os.path.join(out, "OpportunitySplit.csv"), "w", newline="", encoding="utf-8") as spl:
        opportunities = csv.writer(opp, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        splits = csv.writer(spl, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        opportunities.writerow(["ID", "AMOUNT", "CLOSEDATE", "STAGENAME", "ISWON", "ISCLOSED", "TYPE", "OWNERID", "CURRENCYISOCODE",
                                "CREATEDDATE", "PRODUCT__C", "CANCEL_DATE__C"])
        splits.writerow(["OPPORTUNITYID", "SPLITOWNERID", "SPLITPERCENTAGE", "SPLITTYPEID"])
        for d in csv.DictReader(src):
            parts = [(p.split(":")[0], p.split(":")[1] if ":" in p else "100") for p in d["reps"].split(";")]
            created = d["created_date"] + "T12:00:00.000Z" if d.get("created_date") else ""
            opportunities.writerow([d["deal_id"], d["amount"], d["close_date"], "Closed Won", "true", "true", d["type"],
                                    user(parts[0][0]), d["currency"], created, d.get("product", ""), d.get("cancel_date", "")])
            if len(parts) > 1:
                for rep, pct in parts:
                    splits.writerow([d["deal_id"], user(rep), pct, "REV"])
    with open(os.path.join(out, "people.csv"), "w", encoding="utf-8") as fh:
        fh.write("participant_id,system,external_id\n")
        for rep, uid in users.items():
            fh.write("%s,salesforce,%s\n" % (rep, uid))


if __name__ == "__main__":
    main()
