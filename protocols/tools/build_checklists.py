#!/usr/bin/env python3
"""Rebuild protocols/<id>/checklist.csv from the reference files.

Usage: python3 protocols/tools/build_checklists.py [REFERENCE_DIR]
REFERENCE_DIR defaults to /work/shared/reference (it must hold stoc_species.csv and taxa/).
Stdlib only. The hand-made group mappings (Propage, Papillons des Jardins) are in butterfly_groups.py.
"""
import csv
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import row, key_for, merge, write, slug  # noqa: E402
import butterfly_groups  # noqa: E402

REF = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference"
TAXA = os.path.join(REF, "taxa")
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_csv(rel):
    return list(csv.DictReader(open(os.path.join(OUT, rel), encoding="utf-8")))


def out(pid, rows):
    os.makedirs(os.path.join(OUT, pid), exist_ok=True)
    return write(os.path.join(OUT, pid, "checklist.csv"), rows)


def ascii_(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


# ---------------------------------------------------------------- birds (STOC, garden birds)
FAMILY_FIX = {"Aagithalidés": "Aegithalidae", "Sylvidés": "Sylviidae", "Haematropodidés": "Haematopodidae",
              "Phoenicoptédés": "Phoenicopteridae", "Procéllariidés": "Procellariidae",
              "Estérildidés": "Estrildidae", "Ptéroclididés": "Pteroclidae"}


def bird_family(fr):
    if not fr:
        return ""
    if fr in FAMILY_FIX:
        return FAMILY_FIX[fr]
    a = ascii_(fr)
    return a[:-4] + "idae" if a.endswith("ides") else a


def stoc_euring_codes():
    """euring_code -> cd_nom from the lpoaura cor_taxon_referentiels INSERT."""
    text = open(os.path.join(TAXA, "lpoaura-visionature-vn", "02a_dicts_data.sql"), encoding="utf-8").read()
    body = text[text.index("cor_taxon_referentiels (euring_code"):]
    m = {}
    for code, num, cd in re.findall(r"\('([A-Z]+)',\s*(NULL|\d+),\s*(NULL|\d+),", body):
        m[code] = "" if cd == "NULL" else cd
    return m


def bird_synonyms():
    # other names of listed species (sample-data/reference/bird-synonyms.csv, provenance in its SOURCES.md)
    path = os.path.join(os.path.dirname(OUT), "sample-data", "reference", "bird-synonyms.csv")
    syn = {}
    for r in csv.DictReader(open(path, encoding="utf-8")):
        syn.setdefault(r["taxref_cd_nom"], []).append(r["synonym"])
    return syn


def birds(pid):
    src = "stoc_species.csv"
    synonyms = bird_synonyms()
    sql = stoc_euring_codes()
    recs = list(csv.DictReader(open(os.path.join(REF, "stoc_species.csv"), encoding="utf-8")))
    # order: the file sometimes puts a family in order_tax; take the order its family has elsewhere
    fam_order = {}
    for x in recs:
        o = ascii_(x["order_tax"])
        if o.endswith("formes"):
            fam_order.setdefault(bird_family(x["family_tax"]), o)
    by_cd = {}
    for code, cd in sql.items():
        if cd:
            by_cd.setdefault(cd, []).append(code)
    rows, stats = [], {"sql_agree": 0, "sql_differ": [], "sql_missing": 0, "sql_extra_codes": 0}
    for x in recs:
        fam = bird_family(x["family_tax"])
        order = ascii_(x["order_tax"])
        if not order.endswith("formes"):
            fam = fam or bird_family(x["order_tax"])
            order = fam_order.get(fam, "")
        niv = x["niveau_taxo"]
        sci = x["scientific_name"]
        kind, rank = "taxon", {"espece": "species", "sous-espece": "subspecies"}.get(niv, "")
        if niv == "generique":
            kind = "group"
            if x["pk_species"] == "PINSON":
                sci = "Fringilla"  # "Pinson sp": the chaffinch genus
            rank = "genus" if sci else ""
        elif niv == "hybride":
            kind, rank = "group", "hybrid"
        sources = [src]
        codes = [x["pk_species"]]
        cd = x["taxref"]
        if x["pk_species"] in sql:
            if sql[x["pk_species"]] == cd:
                stats["sql_agree"] += 1
                sources.append("02a_dicts_data.sql")
            else:
                stats["sql_differ"].append((x["pk_species"], cd, sql[x["pk_species"]]))
        else:
            stats["sql_missing"] += 1
        if cd:  # other STOC codes the lpoaura table gives for the same cd_nom
            extra = [c for c in by_cd.get(cd, []) if c not in codes]
            stats["sql_extra_codes"] += len(extra)
            codes += extra
        r = row(kind=kind, listed="true" if niv == "espece" else "false", codes=codes, taxrefId=cd,
                scientificName=sci, rank=rank, vernacularName=x["french_name"], synonyms=synonyms.get(cd, []),
                kingdom="Animalia", phylum="Chordata", **{"class": "Aves"}, order=order, family=fam,
                source=sources)
        r["key"] = key_for(pid, r)
        rows.append(r)
    return out(pid, merge(rows)), stats


# ---------------------------------------------------------------- Vigie-Chiro (Tadarida codes)
GROUP_CLASS = {  # Tadarida "Group" -> phylum, class, order, family (facts of the group's definition)
    "bat": ("Chordata", "Mammalia", "Chiroptera", ""),
    "bird": ("Chordata", "Aves", "", ""),
    "other mammal": ("Chordata", "Mammalia", "", ""),
    "frog": ("Chordata", "Amphibia", "Anura", ""),
    "bush-cricket": ("Arthropoda", "Insecta", "Orthoptera", "Tettigoniidae"),
    "grasshopper": ("Arthropoda", "Insecta", "Orthoptera", ""),
    "ground-cricket": ("Arthropoda", "Insecta", "Orthoptera", ""),
    "cicada": ("Arthropoda", "Insecta", "Hemiptera", "Cicadidae"),
    "bee": ("Arthropoda", "Insecta", "Hymenoptera", "Apidae"),
    "beetle": ("Arthropoda", "Insecta", "Coleoptera", ""),
    "fly": ("Arthropoda", "Insecta", "Diptera", ""),
    "moth": ("Arthropoda", "Insecta", "Lepidoptera", ""),
    "insect": ("Arthropoda", "Insecta", "", ""),
}
CLASS_NAMES = {"Aves", "Mammalia", "Insecta", "Amphibia"}
ORDERS = {"Chiroptera", "Diptera", "Orthoptera", "Lepidoptera", "Coleoptera", "Hymenoptera", "Rodentia"}
GENERAL_FIRST = ["INSSPE", "piaf", "mamm"]  # their French name names the merged class row


def read_species_list(name):
    path = os.path.join(TAXA, "tadarida-c", name)
    return list(csv.DictReader(open(path, encoding="latin-1"), delimiter=";"))


def chiroptera_taxref():
    path = os.path.join(TAXA, "tadarida-c", "Liste_especes_DOM-TOM.csv")
    recs = [r for r in csv.DictReader(open(path, encoding="utf-8"), delimiter=";") if r["CD_NOM"]]
    by_name = {}
    for r in recs:
        by_name.setdefault(r["LB_NOM"], []).append(r)
    syn = {}
    for r in recs:
        if r["CD_NOM"] != r["CD_REF"]:
            syn.setdefault(r["CD_REF"], []).append(r["LB_NOM"])
    acc = {r["CD_NOM"]: r for r in recs if r["CD_NOM"] == r["CD_REF"]}
    return by_name, syn, acc


def parse_tadarida_name(sci, group):
    """Scientific name as written by Tadarida -> (name, rank, kind)."""
    s = sci.strip()
    if group == "noise":
        return s, "", "non-taxon"
    if s == "bird":
        return "Aves", "class", "group"
    if s == "Small mammal spp":
        return "Mammalia", "class", "group"
    if s in ("Insect spp",) or re.match(r"Insect sp\.? ?\d+", s) or s.startswith("Insect sp. from"):
        return "Insecta", "class", "group"
    m = re.match(r"^([A-Z][a-z]+) cf\. ([a-z-]+)$", s)
    if m:
        return m.group(1) + " " + m.group(2), "speciesGroup", "group"
    m = re.match(r"^([A-Z][a-z]+) (sp|spp)\.?$", s)
    if m:
        base = m.group(1)
        if base in CLASS_NAMES:
            return base, "class", "group"
        if base.endswith("idae"):
            return base, "family", "group"
        if base.endswith("oidea"):
            return base, "superfamily", "group"
        if base in ORDERS:
            return base, "order", "group"
        if base == "Caelifera":
            return base, "suborder", "group"
        return base, "genus", "group"
    if re.match(r"^[A-Z][a-z]+ [a-z-]+$", s):
        return s, "species", "taxon"
    if re.match(r"^[A-Z][a-z]+ [a-z-]+ [a-z-]+$", s):
        return s, "subspecies", "taxon"
    if re.match(r"^[A-Z][a-z]+$", s):
        return s, "genus", "group"
    return s, "speciesGroup", "group"


def real_chiro_codes():
    d = os.path.join(REF, "..", "real", "vigie-chiro")
    main, autre = {}, {}
    for fn in sorted(os.listdir(d)):
        if not fn.startswith("participation-"):
            continue
        for r in csv.DictReader(open(os.path.join(d, fn), encoding="utf-8"), delimiter=";"):
            for col in ("tadarida_taxon", "observateur_taxon", "validateur_taxon"):
                if r[col]:
                    main[r[col]] = main.get(r[col], 0) + 1
            for c in re.split(r"[,\s]+", r["tadarida_taxon_autre"]):
                if c:
                    autre[c] = autre.get(c, 0) + 1
    return main, autre


def chiro():
    pid = "vigie-chiro"
    base = read_species_list("SpeciesList.csv")
    complete = {r["Esp"]: r for r in read_species_list("SpeciesListComplete.csv")}
    main, autre = real_chiro_codes()
    have = {r["Esp"] for r in base}
    added = sorted(c for c in set(main) | set(autre) if c not in have and c in complete)
    recs = [(r, "SpeciesList.csv") for r in base] + [(complete[c], "SpeciesListComplete.csv") for c in added]
    recs.sort(key=lambda rs: rs[0]["Esp"] not in GENERAL_FIRST)
    by_name, syn, acc = chiroptera_taxref()
    stoc = {}
    for x in read_csv("stoc-eps/checklist.csv"):
        if x["rank"] == "species" and x["taxrefId"]:
            stoc.setdefault(x["scientificName"], x)
    rows = []
    for r, src in recs:
        group = r["Group"]
        name, rank, kind = parse_tadarida_name(r["Scientific name"], group)
        phylum, cls, order, family = GROUP_CLASS.get(group, ("", "", "", ""))
        kingdom = "" if kind == "non-taxon" else "Animalia"
        cd, synonyms, other, sources = "", [], [], [src]
        if group == "bat" and kind != "non-taxon":
            hits = [h for h in by_name.get(name, []) if h["CD_NOM"]]
            if hits:
                ref = acc.get(hits[0]["CD_REF"])
                if ref:
                    cd = ref["CD_NOM"]
                    if ref["LB_NOM"] != name:
                        synonyms.append(name)
                        name = ref["LB_NOM"]
                    family = ref["FAMILLE"] or family
                    synonyms += syn.get(cd, [])
                    if ref["NOM_VERN"]:
                        other += [v.strip() for v in ref["NOM_VERN"].split(",")]
                    sources.append("Liste_especes_DOM-TOM.csv")
            if rank == "genus" and family == "" and name in by_name:
                family = by_name[name][0]["FAMILLE"]
        elif group == "bird" and name in stoc:
            cd, order, family = stoc[name]["taxrefId"], stoc[name]["order"], stoc[name]["family"]
            sources.append("stoc_species.csv")
        if rank == "family" and not family:
            family = name
        if rank in ("superfamily", "order", "suborder", "class"):
            family = ""
        if rank == "order":
            order = name
        if cls == name and rank == "class":
            order = family = ""
        vern = r["NomFR"]
        if r["Esp"] == "sea":  # the source's French name for "sea" is a copy error ("Merle noir")
            vern = "mer"
        label = name
        if kind == "non-taxon":  # a sound that is no organism: no scientific name, its English label is the key
            name = ""
        x = row(kind=kind, listed="false", codes=[r["Esp"]], taxrefId=cd, scientificName=name, rank=rank,
                vernacularName=vern, otherNames=other, synonyms=synonyms, kingdom=kingdom,
                phylum="" if kind == "non-taxon" else phylum, **{"class": "" if kind == "non-taxon" else cls},
                order="" if kind == "non-taxon" else order, family="" if kind == "non-taxon" else family,
                source=sources)
        x["key"] = key_for(pid, x, label)
        rows.append(x)
    rows = out(pid, merge(rows))
    codes = {c for x in rows for c in x["codes"].split("|")}
    check = {
        "main_codes": len(main), "main_missing": sorted(c for c in main if c not in codes),
        "autre_codes": len(autre), "autre_missing": sorted(c for c in autre if c not in codes),
        "added_from_complete": added, "detections": sum(main.values()),
    }
    return rows, check


# ---------------------------------------------------------------- SPIPOLL insect key
ORDER_FR = {"Araneae": ("Arachnida", "Araneae"), "Collembola": ("Collembola", ""),
            "Coléoptères": ("Insecta", "Coleoptera"), "Diptères": ("Insecta", "Diptera"),
            "Ephémèroptères": ("Insecta", "Ephemeroptera"), "Hyménoptères": ("Insecta", "Hymenoptera"),
            "Hémiptères": ("Insecta", "Hemiptera"), "Lépidoptères": ("Insecta", "Lepidoptera"),
            "Neuroptères": ("Insecta", "Neuroptera"), "Opiliones": ("Arachnida", "Opiliones"),
            "Orthoptères": ("Insecta", "Orthoptera"), "Rhaphidioptères": ("Insecta", "Raphidioptera")}


# key entries without a "classification" block: what their label means (sci, rank, class, order, family)
SPIPOLL_UNCLASSIFIED = {
    "963": ("Blattellidae", "family", "Insecta", "Blattodea", "Blattellidae"),
    "965": ("Bombus", "speciesGroup", "Insecta", "Hymenoptera", "Apidae"),
    "970": ("Bombus", "speciesGroup", "Insecta", "Hymenoptera", "Apidae"),
    "971": ("Bombus", "speciesGroup", "Insecta", "Hymenoptera", "Apidae"),
    "974": ("Meromyza", "genus", "Insecta", "Diptera", "Chloropidae"),
    "979": ("Coleoptera", "order", "Insecta", "Coleoptera", ""),
    "982": ("Conopidae", "family", "Insecta", "Diptera", "Conopidae"),
    "983": ("Acrididae", "family", "Insecta", "Orthoptera", "Acrididae"),
    "1076": ("Auchenorrhyncha", "suborder", "Insecta", "Hemiptera", ""),
    "1002": ("Lepidoptera", "order", "Insecta", "Lepidoptera", ""),
    "1012": ("Nematocera", "suborder", "Insecta", "Diptera", ""),
    "1016": ("Panorpidae", "family", "Insecta", "Mecoptera", "Panorpidae"),
    "1019": ("Dermaptera", "order", "Insecta", "Dermaptera", ""),
    "1020": ("Cucujidae", "speciesGroup", "Insecta", "Coleoptera", ""),
    "1026": ("Aphididae", "family", "Insecta", "Hemiptera", "Aphididae"),
    "1085": ("Odontomyia", "speciesGroup", "Insecta", "Diptera", "Stratiomyidae"),
    "1037": ("Syrphidae", "speciesGroup", "Insecta", "Diptera", "Syrphidae"),
    "1042": ("Tachinidae", "family", "Insecta", "Diptera", "Tachinidae"),
}


def js_str(entry, field):
    m = re.search(r"\b" + field + r':\s*"((?:[^"\\]|\\.)*)"', entry)
    return m.group(1).replace('\\"', '"').replace("\\n", "\n").strip() if m else ""


def spipoll_name(label, level):
    """Key label -> (scientificName, rank, kind)."""
    s = re.sub(r"\s+", " ", label).strip()
    s = re.sub(r"\(.*?\)", "", s).strip()
    lv = level.lower()
    many = " et autres" in s or s.startswith("plusieurs ") or "plusieurs" in lv or "groupe" in lv \
        or lv.startswith("espèces")
    s = s.replace(" et autres", "").replace("plusieurs ", "").strip()
    s = re.split(r",| ou | et |/", s)[0].strip()
    if lv == "espèce" and re.match(r"^[A-Z][a-z]+ [a-z-]+( [a-z-]+)?$", s):
        return s, "species" if s.count(" ") == 1 else "subspecies", "taxon"
    if many:
        return s, "speciesGroup", "group"
    if lv == "genre":
        return s, "genus", "group"
    if lv == "famille":
        return s, ("family" if s.endswith("idae") else "subfamily" if s.endswith("inae") else "speciesGroup"), "group"
    return s, "speciesGroup", "group"


def spipoll():
    pid = "spipoll"
    text = open(os.path.join(TAXA, "spipoll-iopan", "insects.js"), encoding="utf-8").read()
    parts = re.split(r"\n\s*\{?\s*value:\s*", text)[1:]
    rows = []
    for p in parts:
        vid = re.match(r"(\d+)", p).group(1)
        name, label = js_str(p, "name"), js_str(p, "label")
        level = js_str(p, "niveau_determin")
        ordre = js_str(p, "ordre").split("\n")[0].strip()
        famille = js_str(p, "famille").split(":")[0].split("\n")[0].strip()
        if vid in SPIPOLL_UNCLASSIFIED:
            sci, rank, cls, order, fam = SPIPOLL_UNCLASSIFIED[vid]
            x = row(kind="group", listed="false", codes=[vid], scientificName=sci, rank=rank, vernacularName=name,
                    kingdom="Animalia", phylum="Arthropoda", **{"class": cls}, order=order, family=fam,
                    source=["insects.js"])
            x["key"] = pid + ":" + slug(name)
            rows.append(x)
            continue
        if not level:  # the two entries outside the key: "unknown taxon" and "photo too poor"
            x = row(kind="group", listed="false", codes=[vid], scientificName="Arthropoda", rank="phylum",
                    vernacularName=name, kingdom="Animalia", phylum="Arthropoda", source=["insects.js"])
            x["key"] = pid + ":" + slug(name)
            rows.append(x)
            continue
        sci, rank, kind = spipoll_name(label, level)
        cls, order = ORDER_FR.get(ordre, ("", ""))
        fam = famille if re.match(r"^[A-Z][a-z]+idae$", famille) else ""
        if not re.match(r"^[A-Z][a-z]+", sci):  # label gives no name ("autres", empty): its family or order
            sci, rank = (fam, "speciesGroup") if fam else (order, "speciesGroup")
        if rank == "family" and not fam:
            fam = sci
        others = [n.strip() for n in re.split(r"[,;]", js_str(p, "autres_noms")) if n.strip()]
        x = row(kind=kind, listed="false", codes=[vid], scientificName=sci, rank=rank, vernacularName=name,
                otherNames=others, kingdom="Animalia", phylum="Arthropoda", **{"class": cls}, order=order,
                family=fam, source=["insects.js"])
        # a species is one row whatever the number of key entries (male/female...); a group is the
        # programme's own group, so its key is its French name (several groups share a genus)
        x["key"] = pid + ":" + slug(sci if kind == "taxon" else name)
        rows.append(x)
    return out(pid, merge(rows))


# ---------------------------------------------------------------- Sauvages de ma rue
def strip_author(sci):
    toks = sci.replace("×", "x").split()
    keep = [toks[0]]
    markers = {"subsp.", "var.", "f.", "x", "subvar.", "sect.", "agg."}
    i = 1
    while i < len(toks):
        t = toks[i]
        if t in markers and i + 1 < len(toks):
            keep += [t, toks[i + 1]]
            i += 2
            continue
        if re.match(r"^[a-z][a-z-]+$", t) and t not in ("ex", "et", "in", "de"):
            keep.append(t)
            i += 1
            continue
        # an author; infraspecific ranks may follow the species author
        j = next((k for k in range(i, len(toks)) if toks[k] in ("subsp.", "var.")), None)
        if j is None:
            break
        i = j
    return " ".join(keep)


# Names of the 2015 Sauvages list that TAXREF v16 no longer accepts -> the v16 accepted name
# (nomenclatural facts; each target is checked against TAXREF v16 below, and the old name kept as a synonym)
SAUVAGES_RENAMED = {
    "Vicia hirsuta": "Ervilia hirsuta", "Sanguisorba minor": "Poterium sanguisorba",
    "Oxalis fontana": "Oxalis stricta", "Crepis sancta subsp. nemausensis": "Crepis sancta",
    "Matricaria recutita": "Matricaria chamomilla", "Sixalix atropurpurea": "Scabiosa atropurpurea",
    "Duchesnea indica": "Potentilla indica", "Senecio erucifolius": "Jacobaea erucifolia",
    "Bromus sterilis": "Anisantha sterilis", "Piptatherum miliaceum": "Oloptum miliaceum",
    "Calystegia sepium": "Convolvulus sepium", "Aster squamatus": "Symphyotrichum squamatum",
    "Chaenorrhinum minus": "Chaenorhinum minus", "Chenopodium murale": "Chenopodiastrum murale",
    "Mahonia aquifolium": "Berberis aquifolium", "Phyllitis scolopendrium": "Asplenium scolopendrium",
    "Lepidium squamatum": "Lepidium coronopus",
}


def sauvages():
    pid = "sauvages-de-ma-rue"
    flore = {}
    for r in csv.DictReader(open(os.path.join(TAXA, "bdd-flore-construct", "TAXAQgis_TAXREFv16_flore_FR.csv"),
                                 encoding="utf-8")):
        flore.setdefault(r["LB_NOM"], []).append(r)
    tree = ET.parse(os.path.join(TAXA, "sauvagesdemarue-mobile", "xml_taxons.xml"))
    rows, unmatched = [], []
    for t in tree.getroot().iter("TAXON"):
        sci_full = t.get("sciName").strip()
        sci = strip_author(sci_full)
        syn = []
        if sci not in flore and SAUVAGES_RENAMED.get(sci) in flore:
            syn, sci = [sci], SAUVAGES_RENAMED[sci]
        hits = flore.get(sci, [])
        if len(hits) > 1:
            hits = sorted(hits, key=lambda h: (h["FR"] in ("", "Q", "A"), int(h["CD_NOM"])))
        h = hits[0] if hits else None
        parts = sci.split()
        if len(parts) == 1:
            rank, kind = "genus", "group"
        elif "subsp." in parts or "var." in parts:
            rank, kind = "subspecies", "taxon"
        elif parts[1] in ("sect.", "agg."):
            rank, kind = "speciesGroup", "group"
        else:
            rank, kind = "species", "taxon"
        others = []
        if h and h["NOM_VERN"]:
            others = [v.strip() for v in h["NOM_VERN"].split(",")]
        else:
            unmatched.append((t.get("id"), sci_full, sci))
        x = row(kind=kind, listed="false", codes=[t.get("id")], taxrefId=h["CD_NOM"] if h else "",
                scientificName=sci, rank=rank, vernacularName=t.get("value").strip(), otherNames=others, synonyms=syn,
                kingdom="Plantae", phylum="Tracheophyta", family=h["FAMILLE"] if h else "",
                source=["xml_taxons.xml"] + (["TAXAQgis_TAXREFv16_flore_FR.csv"] if h else []))
        x["key"] = key_for(pid, x)
        rows.append(x)
    return out(pid, merge(rows)), unmatched


# ---------------------------------------------------------------- Propage, Papillons des Jardins
def butterflies(pid, groups, source):
    rows = []
    for g in groups:
        x = row(kind=g["kind"], listed="true", codes=g.get("codes", []), taxrefId=g.get("taxref", ""),
                scientificName=g["sci"], rank=g["rank"], vernacularName=g["name"],
                otherNames=g.get("other", []), synonyms=g.get("syn", []), kingdom="Animalia",
                phylum="Arthropoda", **{"class": "Insecta"}, order="Lepidoptera", family=g.get("family", ""),
                source=[source])
        x["key"] = key_for(pid, x, g["name"] if x["kind"] == "group" else None)
        rows.append(x)
    rows = merge(rows)
    assert len(rows) == len(groups), "two programme names fell on one key"
    return out(pid, rows)


def propage_columns():
    path = os.path.join(REF, "..", "real", "propage-2009-2015", "data_releves_large.csv")
    with open(path, encoding="utf-8") as f:
        return next(csv.reader(f))[1:]


def opj_names():
    path = os.path.join(TAXA, "vn-fiche-espece-opj", "color_pap.csv")
    return [(r["Nom"], r["Abrege"]) for r in csv.DictReader(open(path, encoding="utf-8"))]


def main():
    report = {}
    for pid in ("stoc-eps", "oiseaux-des-jardins"):
        rows, st = birds(pid)
        report[pid] = (rows, st)
    report["vigie-chiro"] = chiro()
    report["spipoll"] = (spipoll(), None)
    report["sauvages-de-ma-rue"] = sauvages()
    cols = propage_columns()
    groups = butterfly_groups.PROPAGE
    assert [g["name"] for g in groups] == cols, set(cols) ^ {g["name"] for g in groups}
    report["propage"] = (butterflies("propage", groups, "data_releves_large.csv"), None)
    opj = butterfly_groups.OPJ
    names = opj_names()
    assert [(g["name"], g["codes"][0]) for g in opj] == names, set(names) ^ {(g["name"], g["codes"][0]) for g in opj}
    report["papillons-des-jardins"] = (butterflies("papillons-des-jardins", opj, "color_pap.csv"), None)
    for pid, (rows, extra) in report.items():
        kinds = {}
        for r in rows:
            kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
        print(pid, len(rows), "rows", kinds, "taxrefId:", sum(1 for r in rows if r["taxrefId"]),
              "listed:", sum(1 for r in rows if r["listed"] == "true"))
        if extra:
            print("   ", extra if not isinstance(extra, list) else "%d unmatched: %s" % (len(extra), extra))


if __name__ == "__main__":
    main()
