"""Runs a probe file (kind<TAB>sentence<TAB>expected; docs/probes/*.tsv) through a tripel binary,
one document per sentence, and prints the facts each gives: python3 tools/probe.py BIN FILE.
Set LEX=DIR to pass --lexicon DIR (frames edited without a rebuild)."""
import sys, json, subprocess
binp = sys.argv[1]; f = sys.argv[2] if len(sys.argv) > 2 else 'probe.tsv'
for line in open(f):
    if line.startswith('#') or not line.strip(): continue
    kind, sent, exp = line.rstrip('\n').split('\t')
    out = subprocess.run([binp, 'extract', '--format', 'jsonl'] + (['--lexicon', __import__('os').environ['LEX']] if 'LEX' in __import__('os').environ else []) + ['-'], input=sent, capture_output=True, text=True).stdout
    facts = []
    for l in out.splitlines():
        d = json.loads(l)
        if d['kind'] == 'fact':
            q = d.get('qualifiers', {})
            mod = q.get('modality', '')
            facts.append(f"{d['subject'].get('label', d['subject'].get('value'))} {d['predicate']} {d['object'].get('label', d['object'].get('value'))}" + (f" [{mod}]" if mod else '') + f" <{d['rule']}>")
        elif d['kind'] not in ('mention',):
            facts.append(f"{d['kind']}: {d.get('subject',{}).get('label','?')} {d.get('relation', d.get('predicate','?'))} {d.get('object',{}).get('label','?')}")
    print(f"[{kind}] {sent}\n    want: {exp}")
    for x in facts: print("    got:", x)
    if not facts: print("    got: (nothing)")
