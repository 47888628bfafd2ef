"""Writes a generated deals.csv again the way other systems write it, for the benchmark's variants.

    rewrite_deals.py quoted deals.csv out.csv   every field quoted, \\r\\n line ends (a CRM export)
    rewrite_deals.py xml deals.csv out.xml      the same deals as comp's deals.xml
"""
import csv
import sys
from xml.sax.saxutils import quoteattr

ATTRIBUTES = {"deal_id": "id", "close_date": "closeDate", "amount": "amount", "currency": "currency", "type": "type",
              "product": "product", "status": "status", "cancel_date": "cancelDate", "created_date": "createdDate"}


def main(kind, source, target):
    with open(source, newline="") as inp, open(target, "w", newline="") as out:
        rows = csv.reader(inp)
        header = next(rows)
        if kind == "quoted":
            writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
            return
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<deals>\n')
        for row in rows:
            deal = dict(zip(header, row))
            attributes = " ".join(f"{ATTRIBUTES[k]}={quoteattr(v)}" for k, v in deal.items() if k in ATTRIBUTES and v)
            credits = []
            for share in deal["reps"].split(";"):
                rep, _, percent = share.partition(":")
                credits.append(f'<credit rep={quoteattr(rep)}' + (f' percent={quoteattr(percent)}' if percent else "") + "/>")
            out.write(f"  <deal {attributes}>{''.join(credits)}</deal>\n")
        out.write("</deals>\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
