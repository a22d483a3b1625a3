#!/usr/bin/env python3
"""Writes hostile-cases.txt: the hostile corpus (see README.md). Deterministic: a fixed seed, no clock.

    python3 sample-data/bad-input/make-corpus.py      # rewrites sample-data/bad-input/hostile-cases.txt
"""
import base64
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUBMISSIONS = HERE.parent / "submissions"
PROTOCOLS = ["stoc-eps", "oiseaux-des-jardins", "spipoll", "vigie-chiro", "propage", "sauvages-de-ma-rue"]
rnd = random.Random(20261207)
cases = []


def base(protocol):
    with open(SUBMISSIONS / protocol / "valid.jsonl", encoding="utf-8") as f:
        return json.loads(f.readline())


def dump(doc):
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def add(category, name, expect, codes, line=None, raw=None):
    case = {"case": f"{category}.{name}", "category": category, "expect": expect, "codes": codes}
    if raw is not None:
        case["lineBase64"] = base64.b64encode(raw).decode("ascii")
    else:
        case["line"] = line
    cases.append(case)


def variant(protocol, n, edit):
    """A copy of the protocol's first valid submission with a fresh id, edited by edit(doc)."""
    doc = base(protocol)
    doc["submissionId"] = f"hostile.{protocol}.{n:04d}"
    edit(doc)
    return doc


counter = [0]


def nid():
    counter[0] += 1
    return counter[0]


def setter(path, value):
    def edit(doc):
        node = doc
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = value
    return edit


def deleter(path):
    def edit(doc):
        node = doc
        for k in path[:-1]:
            node = node[k]
        del node[path[-1]]
    return edit


for p in PROTOCOLS:
    valid = dump(variant(p, nid(), lambda d: None))
    # --- malformed JSON: truncations at seeded offsets, broken tokens
    for off in sorted(rnd.sample(range(1, len(valid) - 1), 6)):
        add("malformed-json", f"{p}.truncated-at-{off}", "rejected", ["MALFORMED_JSON"], valid[:off])
    add("malformed-json", f"{p}.unquoted-name", "rejected", ["MALFORMED_JSON"],
        valid.replace('"name":"', '"name":', 1))
    add("malformed-json", f"{p}.trailing-garbage", "rejected", ["MALFORMED_JSON"], valid + "x")
    add("malformed-json", f"{p}.two-objects", "rejected", ["MALFORMED_JSON"], valid + valid)
    add("malformed-json", f"{p}.trailing-comma", "rejected", ["MALFORMED_JSON"], valid[:-1] + ",}")
    add("malformed-json", f"{p}.single-quotes", "rejected", ["MALFORMED_JSON"],
        valid.replace('"protocol"', "'protocol'", 1))
    add("malformed-json", f"{p}.nan-literal", "rejected", ["MALFORMED_JSON"],
        dump(variant(p, nid(), setter(["site", "latitude"], 0))).replace('"latitude":0', '"latitude":NaN', 1))
    add("malformed-json", f"{p}.comment", "rejected", ["MALFORMED_JSON"], "/* hi */" + valid)
    # --- duplicate keys
    dup = dump(variant(p, nid(), lambda d: None))
    add("duplicate-keys", f"{p}.submissionId", "rejected", ["MALFORMED_JSON"],
        dup.replace('{"submissionId":', '{"submissionId":"other.id.123","submissionId":', 1))
    add("duplicate-keys", f"{p}.protocol", "rejected", ["MALFORMED_JSON"],
        dup.replace('"protocol":', '"protocol":"stoc-eps","protocol":', 1))
    # --- wrong types
    for path, value, codes in [
            (["protocol"], 42, ["UNKNOWN_PROTOCOL"]),
            (["protocolVersion"], "1", ["UNKNOWN_PROTOCOL_VERSION"]),
            (["protocolVersion"], 1.5, ["UNKNOWN_PROTOCOL_VERSION"]),
            (["submissionId"], 12345678, ["SCHEMA_TYPE"]),
            (["observations"], {}, ["SCHEMA_TYPE"]),
            (["site"], None, ["SCHEMA_TYPE"]),
            (["site", "latitude"], "47.9", ["SCHEMA_TYPE"]),
            (["visit", "date"], 20250412, ["SCHEMA_TYPE"]),
            (["submittedAt"], True, ["SCHEMA_TYPE"]),
            (["observer"], [], ["SCHEMA_TYPE"])]:
        add("wrong-types", f"{p}.{'.'.join(path)}-{type(value).__name__}", "rejected", codes,
            dump(variant(p, nid(), setter(path, value))))
    for path in [["submissionId"], ["submittedAt"], ["site"], ["visit"], ["observations"]]:
        add("wrong-types", f"{p}.missing-{path[-1]}", "rejected", ["SCHEMA_REQUIRED"],
            dump(variant(p, nid(), deleter(path))))
    # --- huge and odd numbers
    for name, value, expect, codes in [
            ("latitude-1e308", "1e308", "rejected", ["SCHEMA_MAXIMUM"]),
            ("latitude-minus-1e308", "-1e308", "rejected", ["SCHEMA_MINIMUM"]),
            ("latitude-1e400", "1e400", "rejected", []),
            ("latitude-1000-digits", "1" * 1000, "rejected", []),
            ("latitude-5000-digits", "1" * 5000, "rejected", ["MALFORMED_JSON"]),
            ("latitude-tiny", "1e-400", "curated", []),  # 0.0, a coordinate like any other
            ("latitude-91", "91", "rejected", ["SCHEMA_MAXIMUM"])]:
        line = dump(variant(p, nid(), setter(["site", "latitude"], 12.5))).replace('"latitude":12.5', '"latitude":'
                                                                                   + value, 1)
        add("numbers", f"{p}.{name}", expect, codes, line)
    for name, value in [("version-huge", "99999999999999999999"), ("version-negative", "-1"), ("version-zero", "0"),
                        ("version-exp", "1e0")]:
        line = dump(variant(p, nid(), lambda d: None)).replace('"protocolVersion":1', '"protocolVersion":' + value, 1)
        add("numbers", f"{p}.{name}", "rejected", ["UNKNOWN_PROTOCOL_VERSION"], line)
    if "count" in base(p)["observations"][0]:
        for name, value, codes in [("negative", "-1", ["SCHEMA_MINIMUM"]), ("zero", "0", ["SCHEMA_MINIMUM"]),
                                   ("huge", "99999999999999999999", ["SCHEMA_MAXIMUM"]),
                                   ("fraction", "2.5", ["SCHEMA_TYPE"]), ("string", '"3"', ["SCHEMA_TYPE"])]:
            line = dump(variant(p, nid(), lambda d: d["observations"][0].__setitem__("count", 777777)))
            add("numbers", f"{p}.count-{name}", "rejected", codes, line.replace('"count":777777', '"count":' + value, 1))
    # --- impossible and odd dates
    for name, value, expect, codes in [
            ("year-0000", "0000-01-01", "rejected", ["DATE_TOO_EARLY"]),
            ("year-0001", "0001-01-01", "rejected", ["DATE_TOO_EARLY"]),
            ("before-gregorian", "1582-10-14", "rejected", ["DATE_TOO_EARLY"]),
            ("year-99999", "+99999-01-01", "rejected", ["SCHEMA_PATTERN"]),
            ("feb-30", "2025-02-30", "rejected", ["INVALID_DATE"]),
            ("month-13", "2025-13-01", "rejected", ["INVALID_DATE"]),
            ("far-future", "9999-12-31", "rejected", ["DATE_IN_FUTURE"]),
            ("slashes", "12/04/2025", "rejected", ["SCHEMA_PATTERN"])]:
        add("dates", f"{p}.visit-{name}", expect, codes, dump(variant(p, nid(), setter(["visit", "date"], value))))
    sub = base(p)["submittedAt"]
    for name, value, expect, codes in [
            ("offset-minus-zero", sub[:19] + "-00:00", "curated", []),
            ("nanoseconds", sub[:19] + ".123456789" + sub[19:], "curated", []),
            ("hour-25", sub[:11] + "25" + sub[13:], "rejected", ["INVALID_DATE"]),
            ("year-0000", "0000" + sub[4:], "rejected", ["DATE_TOO_EARLY"]),
            ("no-offset", sub[:19], "rejected", ["SCHEMA_PATTERN"])]:
        add("dates", f"{p}.submittedAt-{name}", expect, codes, dump(variant(p, nid(), setter(["submittedAt"], value))))
    # --- control characters and lone surrogates
    for name, ch in [("newline", "\n"), ("tab", "\t"), ("nul", "\u0000"), ("del", "\u007f"), ("cr", "\r"),
                     ("unit-separator", "\u001f")]:
        add("control-characters", f"{p}.submissionId-{name}", "rejected", ["CONTROL_CHARACTER"],
            dump(variant(p, nid(), lambda d: d.__setitem__("submissionId", d["submissionId"] + ch))))
        add("control-characters", f"{p}.site-id-{name}", "rejected", ["CONTROL_CHARACTER"],
            dump(variant(p, nid(), lambda d: d["site"].__setitem__("id", d["site"]["id"] + ch))))
    add("control-characters", f"{p}.protocol-newline", "rejected", ["CONTROL_CHARACTER"],
        dump(variant(p, nid(), setter(["protocol"], p + "\n"))))
    add("control-characters", f"{p}.protocol-tab", "rejected", ["CONTROL_CHARACTER"],
        dump(variant(p, nid(), setter(["protocol"], "a\tb"))))
    add("control-characters", f"{p}.app-version-newline", "rejected", ["CONTROL_CHARACTER"],
        dump(variant(p, nid(), lambda d: d["app"].__setitem__("version", d["app"]["version"] + "\n"))))
    add("control-characters", f"{p}.observer-id-escape", "rejected", ["CONTROL_CHARACTER"],
        dump(variant(p, nid(), setter(["observer", "id"], "obs-\u001b[31m"))))
    add("control-characters", f"{p}.observer-name-newline", "curated", [],
        dump(variant(p, nid(), setter(["observer", "name"], "Camille\nLefebvre"))))
    # JSON escapes of lone surrogates, as a hostile client writes them (Python's json would refuse to)
    for name, escaped in [("high", r"Camille \ud800"), ("low", r"Camille \udc00"), ("reversed", r"\udc00\ud800")]:
        line = dump(variant(p, nid(), setter(["observer", "name"], "SURROGATE")))
        add("control-characters", f"{p}.observer-name-lone-surrogate-{name}", "rejected", ["INVALID_UNICODE"],
            line.replace("SURROGATE", escaped, 1))
    add("control-characters", f"{p}.observer-name-emoji-pair", "curated", [],
        dump(variant(p, nid(), setter(["observer", "name"], "Camille \U0001F426"))))
    # --- injections in free text: hostile but valid
    for name, text in [("html", "<script>alert('x')</script>"), ("sql", "Robert'); DROP TABLE occurrences;--"),
                       ("csv-formula", "=HYPERLINK(\"http://evil.example\",\"x\")"), ("csv-plus", "+cmd|' /C calc'!A0"),
                       ("markdown", "[click](javascript:alert(1))"), ("bidi", "abc\u202edcba")]:
        add("injections", f"{p}.observer-name-{name}", "curated", [],
            dump(variant(p, nid(), setter(["observer", "name"], text))))
    add("injections", f"{p}.submissionId-html", "rejected", ["SCHEMA_PATTERN"],
        dump(variant(p, nid(), setter(["submissionId"], "<img src=x onerror=alert(1)>"))))
    # --- traversal-like names
    for name, text, expect, codes in [
            ("submissionId-dots", "../../etc/passwd", "rejected", ["SCHEMA_PATTERN"]),
            ("submissionId-backslash", "..\\..\\windows\\win.ini", "rejected", ["SCHEMA_PATTERN"]),
            ("submissionId-dotdot-allowed", f"a..b..{p}..", "curated", [])]:
        add("traversal", f"{p}.{name}", expect, codes, dump(variant(p, nid(), setter(["submissionId"], text))))
    add("traversal", f"{p}.observer-id-path", "curated", [],
        dump(variant(p, nid(), setter(["observer", "id"], "../../../etc/shadow"))))
    add("traversal", f"{p}.app-name-path", "curated", [],
        dump(variant(p, nid(), lambda d: d["app"].__setitem__("name", "/proc/self/environ"))))
    # --- deep nesting
    for depth, codes in [(50, ["SCHEMA_ADDITIONALPROPERTIES"]), (900, ["SCHEMA_ADDITIONALPROPERTIES"]),
                         (5000, ["MALFORMED_JSON"])]:
        line = dump(variant(p, nid(), setter(["nested"], "DEEP"))).replace('"DEEP"', "[" * depth + "]" * depth, 1)
        add("deep-nesting", f"{p}.array-{depth}", "rejected", codes, line)
    # --- very long strings
    add("long-strings", f"{p}.observer-name-20k", "rejected", ["SCHEMA_MAXLENGTH"],
        dump(variant(p, nid(), setter(["observer", "name"], "x" * 20_000))))
    add("long-strings", f"{p}.submissionId-10k", "rejected", ["SCHEMA_PATTERN"],
        dump(variant(p, nid(), setter(["submissionId"], "a" * 10_000))))
    add("long-strings", f"{p}.unknown-field-50k", "rejected", ["SCHEMA_ADDITIONALPROPERTIES"],
        dump(variant(p, nid(), setter(["junk"], "y" * 50_000))))
    # --- encodings: bytes that are not UTF-8
    raw = dump(variant(p, nid(), setter(["observer", "name"], "NAME"))).encode("utf-8")
    for name, bad in [("ff", b"\xff"), ("lone-continuation", b"\x80"), ("truncated-2byte", b"\xc3"),
                      ("overlong-slash", b"\xc0\xaf"), ("encoded-surrogate", b"\xed\xa0\x80"),
                      ("beyond-unicode", b"\xf5\x80\x80\x80"), ("latin1-e-acute", "Ma\u00eblle".encode("latin-1"))]:
        add("encodings", f"{p}.name-{name}", "rejected", ["INVALID_UTF8"], raw=raw.replace(b"NAME", bad, 1))
    add("encodings", f"{p}.utf16", "rejected", ["INVALID_UTF8"], raw=dump(base(p)).encode("utf-16-le"))

# --- not objects, empty lines, lone values
for name, line, codes in [("array", "[]", ["NOT_AN_OBJECT"]), ("number", "42", ["NOT_AN_OBJECT"]),
                          ("string", '"hello"', ["NOT_AN_OBJECT"]), ("null", "null", ["NOT_AN_OBJECT"]),
                          ("true", "true", ["NOT_AN_OBJECT"]), ("empty-object", "{}", ["UNKNOWN_PROTOCOL"]),
                          ("blank", "   ", ["EMPTY_LINE"]), ("nul-byte", "\u0000", []),
                          ("unknown-protocol", '{"protocol":"../../etc"}', ["UNKNOWN_PROTOCOL"])]:
    add("not-objects", name, "rejected", codes, line)

out = HERE / "hostile-cases.txt"
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=True, separators=(",", ":")) + "\n")
counts = {}
for c in cases:
    counts[c["category"]] = counts.get(c["category"], 0) + 1
print(len(cases), "cases:", counts)
