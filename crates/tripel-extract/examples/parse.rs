//! Prints, for a text given as the first argument (`en` as the second for English), each
//! sentence's parse as the relation rules see it: every recognised name replaced by its type's
//! stand-in word (`syntax::Group`), as in the pipeline. A development aid for frame work: `tripel
//! analyze` shows the parse of the words as written, which is not the one the frames read. The
//! parse is shown after the argument repair of `relations/args.rs`, as the frames read it.
use tripel_extract::entities::{recognize, NameMap};
use tripel_extract::relations::args::{abbreviations, repair};
use tripel_extract::text::numbers::scan;
use tripel_extract::text::segment::sentences;
use tripel_extract::text::syntax::{parse, Group, Word};
use tripel_extract::Lang;
use tripel_extract::Lexicon;

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let lang = if std::env::args().nth(2).as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::De
    };
    let lex = Lexicon::load(None).expect("lexicon");
    let sents = sentences(&text, &lex);
    let mut names = NameMap::default();
    for s in &sents {
        let values = scan(&text, &s.tokens, lang, &lex);
        names.learn(&recognize(&text, s, lang, &lex, &values, None), &lex);
    }
    for s in &sents {
        println!("# {}", &text[s.start..s.end]);
        let values = scan(&text, &s.tokens, lang, &lex);
        let cands = recognize(&text, s, lang, &lex, &values, Some(&names));
        let mut groups: Vec<Group<'_>> = Vec::new();
        for c in &cands {
            let toks: Vec<usize> = s
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| c.start <= t.start && t.end <= c.end)
                .map(|(k, _)| k)
                .collect();
            if let (Some(&first), Some(&last)) = (toks.first(), toks.last()) {
                if groups.iter().all(|g| last < g.first || g.last < first) {
                    let word = c.rule.parsed_as(c.kind, &lex, lang);
                    groups.push(Group { first, last, word });
                }
            }
            println!("#   {:?} {:?}", &text[c.start..c.end], c.kind);
        }
        groups.sort_by_key(|g| g.first);
        let syn = parse(&text, s, &groups, lang, &lex);
        // The frames read the parse after the argument repair (relations/args.rs), which
        // needs each word's name: its type, and its words as written.
        let covering = |w: &Word| {
            let t = &s.tokens[w.token];
            cands.iter().find(|c| c.start <= t.start && t.end <= c.end)
        };
        let named: Vec<_> = syn
            .words
            .iter()
            .map(|w| covering(w).map(|c| c.kind))
            .collect();
        let written = |w: &Word| {
            let t = &s.tokens[w.token];
            covering(w).map_or(&text[t.start..t.end], |c| &text[c.start..c.end])
        };
        let syn = repair(syn, &lex, lang, &named);
        let syn = abbreviations(syn, lang, &named, &written);
        for (i, w) in syn.words.iter().enumerate() {
            let t = &s.tokens[w.token];
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.feats,
                w.head,
                w.deprel,
                &text[t.start..t.end]
            );
        }
    }
}
