//! The extraction pipeline shares one loaded tagger, parser and name recognizer between its
//! worker threads: they must be `Send + Sync` (checked when this test binary compiles) and give
//! the same results from any thread.

use tripel_analysis::{Analyzer, Lang, Ner, Parser};

const fn send_sync<T: Send + Sync>() {}

// A compile-time check: the build of this test fails if one of them stops being shareable
// (interior mutability such as a `RefCell` scratch buffer would do that).
const _: () = {
    send_sync::<Analyzer>();
    send_sync::<Parser>();
    send_sync::<Ner>();
};

#[test]
fn shared_models_give_the_same_results_in_every_thread() {
    let an = Analyzer::load(Lang::De).unwrap();
    let parser = Parser::load(Lang::De).unwrap();
    let ner = Ner::load(Lang::De).unwrap();
    let sents: [&[&str]; 3] = [
        &["Der", "Konzern", "hat", "die", "Firma", "übernommen", "."],
        &[
            "Angela", "Merkel", "besuchte", "am", "Montag", "Siemens", "in", "München", ".",
        ],
        &["Die", "Bahn", "streicht", "Verbindungen", "."],
    ];
    let run = |words: &[&str]| {
        let tags = an.analyze(words);
        let tree = parser.parse(words, &tags);
        (tags, tree, ner.tag_labels(words))
    };
    let alone: Vec<_> = sents.iter().map(|w| run(w)).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|k| {
                let run = &run;
                s.spawn(move || (0..3).map(|i| run(sents[(i + k) % 3])).collect::<Vec<_>>())
            })
            .collect();
        for (k, h) in handles.into_iter().enumerate() {
            for (i, r) in h.join().unwrap().into_iter().enumerate() {
                assert_eq!(r, alone[(i + k) % 3]);
            }
        }
    });
}
