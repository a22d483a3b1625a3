#!/usr/bin/env python3
"""Check the checklists against real exports and the repo's sample submissions (stdlib only).

Usage: python3 protocols/tools/check_checklists.py [REAL_DIR]   (REAL_DIR defaults to /work/shared/real)
Prints, per protocol, the real names/codes not covered and the sample taxa not found.
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO = os.path.dirname(HERE)
REPO = os.path.dirname(PROTO)
REAL = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/real"


def load(pid):
    rows = list(csv.DictReader(open(os.path.join(PROTO, pid, "checklist.csv"), encoding="utf-8")))
    idx = {"code": set(), "sci": set(), "vern": set()}
    for r in rows:
        idx["code"].update(c for c in r["codes"].split("|") if c)
        idx["sci"].update(n for n in [r["scientificName"]] + r["synonyms"].split("|") if n)
        idx["vern"].update(n.lower() for n in [r["vernacularName"]] + r["otherNames"].split("|") if n)
    return rows, idx


def taxa(obj):
    if isinstance(obj, dict):
        if isinstance(obj.get("taxon"), dict):
            yield obj["taxon"]
        for v in obj.values():
            yield from taxa(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from taxa(v)


def samples(pid, idx):
    d = os.path.join(REPO, "sample-data", "submissions", pid)
    seen, missing = set(), {}
    for fn in sorted(os.listdir(d)):
        for line in open(os.path.join(d, fn), encoding="utf-8", errors="replace"):
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            for t in taxa(obj):
                if not isinstance(t, dict):
                    continue
                if pid == "spipoll" and t is obj.get("visit", {}).get("plant", {}).get("taxon"):
                    continue  # the flower, not an insect of the key
                k = (t.get("code"), t.get("scientificName"), t.get("vernacularName"))
                if k in seen:
                    continue
                seen.add(k)
                code, sci, vern = k
                ok = (isinstance(code, str) and code in idx["code"]) or (isinstance(sci, str) and sci in idx["sci"]) \
                    or (isinstance(vern, str) and vern.lower() in idx["vern"])
                if not ok:
                    missing[k] = fn
    return len(seen), missing


def main():
    rows, idx = load("propage")
    with open(os.path.join(REAL, "propage-2009-2015", "data_releves_large.csv"), encoding="utf-8") as f:
        cols = next(csv.reader(f))[1:]
    names = {r["vernacularName"] for r in rows}
    print("propage: %d real columns, %d not a vernacularName: %s" % (
        len(cols), len([c for c in cols if c not in names]), [c for c in cols if c not in names]))
    rows, idx = load("vigie-chiro")
    d = os.path.join(REAL, "vigie-chiro")
    for fn in sorted(os.listdir(d)):
        if not fn.startswith("participation-"):
            continue
        main_, autre = {}, set()
        for r in csv.DictReader(open(os.path.join(d, fn), encoding="utf-8"), delimiter=";"):
            for col in ("tadarida_taxon", "observateur_taxon", "validateur_taxon"):
                if r[col]:
                    main_[r[col]] = main_.get(r[col], 0) + 1
            autre.update(c for c in re.split(r"[,\s]+", r["tadarida_taxon_autre"]) if c)
        kind = {c: r["kind"] for r in rows for c in r["codes"].split("|")}
        print("vigie-chiro %s: %d codes (%d detections) in tadarida/observateur/validateur_taxon, missing %s; "
              "%d codes in tadarida_taxon_autre, missing %s; non-taxon detections: %d" % (
                  fn, len(main_), sum(main_.values()), [c for c in main_ if c not in idx["code"]], len(autre),
                  sorted(c for c in autre if c not in idx["code"]),
                  sum(n for c, n in main_.items() if kind.get(c) == "non-taxon")))
    for pid in ("stoc-eps", "oiseaux-des-jardins", "propage", "vigie-chiro", "spipoll", "sauvages-de-ma-rue"):
        rows, idx = load(pid)
        n, missing = samples(pid, idx)
        print("samples %s: %d distinct taxa, %d not in the checklist%s" % (pid, n, len(missing), "".join(
            "\n    %s (%s)" % (" / ".join(str(x) for x in k if x), fn) for k, fn in sorted(missing.items(), key=str))))


if __name__ == "__main__":
    main()
