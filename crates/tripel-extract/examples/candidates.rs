//! Prints, for a text given as the first argument, each sentence and the entity candidates the
//! recogniser finds in it with the rule that found them: a development aid for lexicon and rule work.
use tripel_extract::text::numbers::scan;
use tripel_extract::text::segment::sentences;
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
    for s in sentences(&text, &lex) {
        println!("S {:?}", &text[s.start..s.end]);
        let values = scan(&text, &s.tokens, lang, &lex);
        for v in &values {
            println!("  V {:?} {:?}", &text[v.start..v.end], v.kind);
        }
        for c in tripel_extract::entities::recognize(&text, &s, lang, &lex, &values, None) {
            println!(
                "  C {:?} {:?} {} fam={:?}",
                &text[c.start..c.end],
                c.kind,
                c.rule.as_str(),
                c.family
            );
        }
    }
}
