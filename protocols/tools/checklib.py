"""Shared helpers for build_checklists.py (stdlib only)."""
import csv
import re
import unicodedata

HEADER = ["key", "kind", "listed", "codes", "taxrefId", "scientificName", "rank",
          "vernacularName", "otherNames", "synonyms", "kingdom", "phylum", "class",
          "order", "family", "source"]
KINDS = {"taxon", "group", "non-taxon"}
RANKS = {"", "species", "subspecies", "genus", "family", "subfamily", "tribe", "superfamily",
         "order", "speciesGroup", "class", "phylum", "hybrid", "suborder"}
MULTI = ("codes", "otherNames", "synonyms", "source")


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def row(**kw):
    r = {h: "" for h in HEADER}
    for k, v in kw.items():
        if k not in r:
            raise KeyError(k)
        if isinstance(v, (list, tuple)):
            v = "|".join(dict.fromkeys(x for x in v if x))
        r[k] = "" if v is None else str(v)
    return r


def key_for(pid, r, name=None):
    if r["taxrefId"]:
        return "taxref:" + r["taxrefId"]
    return pid + ":" + slug(name or r["scientificName"] or r["vernacularName"])


def _join(a, b):
    return "|".join(dict.fromkeys(x for x in (a.split("|") + b.split("|")) if x))


def merge(rows):
    """One row per key: later rows with the same key add their codes/names/sources."""
    out = {}
    for r in rows:
        k = r["key"]
        if k not in out:
            out[k] = dict(r)
            continue
        o = out[k]
        for f in MULTI:
            o[f] = _join(o[f], r[f])
        if r["vernacularName"] and r["vernacularName"] != o["vernacularName"]:
            o["otherNames"] = _join(o["otherNames"], r["vernacularName"])
        if r["listed"] == "true":
            o["listed"] = "true"
    for o in out.values():  # the vernacular name is never repeated among otherNames
        o["otherNames"] = "|".join(x for x in o["otherNames"].split("|") if x and x != o["vernacularName"])
        o["synonyms"] = "|".join(x for x in o["synonyms"].split("|") if x and x != o["scientificName"])
    return [out[k] for k in sorted(out)]


def write(path, rows):
    keys = set()
    for r in rows:
        assert r["key"] not in keys, r["key"]
        keys.add(r["key"])
        assert r["kind"] in KINDS, r
        assert r["rank"] in RANKS, r
        assert r["listed"] in ("true", "false"), r
        assert r["taxrefId"] == "" or r["taxrefId"].isdigit(), r
        assert r["kind"] != "non-taxon" or r["listed"] == "false", r
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["key"]))
    return rows
