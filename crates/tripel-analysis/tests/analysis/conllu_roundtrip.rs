//! CoNLL-U reading and writing keep every line.

use tripel_analysis::conllu::{self, RowKind};

const SAMPLE: &str = "# sent_id = s1
# text = Er wohnt im Haus.
1\tEr\ter\tPRON\tPPER\tCase=Nom|Gender=Masc|Number=Sing|Person=3\t2\tnsubj\t_\t_
2\twohnt\twohnen\tVERB\tVVFIN\tNumber=Sing|Person=3|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_
3-4\tim\t_\t_\t_\t_\t_\t_\t_\t_
3\tin\tin\tADP\tAPPR\t_\t5\tcase\t_\t_
4\tdem\tder\tDET\tART\tCase=Dat\t5\tdet\t_\t_
5\tHaus\tHaus\tNOUN\tNN\tCase=Dat\t2\tobl\t_\tSpaceAfter=No
5.1\twohnt\twohnen\tVERB\tVVFIN\t_\t_\t_\t2:conj\tCopyOf=2
6\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_

# sent_id = s2
1\tJa\tja\tINTJ\tITJ\t_\t0\troot\t_\t_

";

#[test]
fn sample_round_trips() {
    let sents = conllu::read(SAMPLE).unwrap();
    assert_eq!(sents.len(), 2);
    assert_eq!(sents[0].comment("sent_id"), Some("s1"));
    let kinds: Vec<RowKind> = sents[0].rows.iter().map(|r| r.kind()).collect();
    assert_eq!(kinds[2], RowKind::Multiword);
    assert_eq!(kinds[6], RowKind::Empty);
    let words: Vec<&str> = sents[0].words().map(|r| r.form.as_str()).collect();
    assert_eq!(words, ["Er", "wohnt", "in", "dem", "Haus", "."]);
    assert_eq!(conllu::write(&sents), SAMPLE);
}

#[test]
fn malformed_line_is_an_error() {
    let err = conllu::read("1\tEr\ter\n").unwrap_err();
    assert_eq!(err.line, 1);
}

/// The training treebanks round-trip byte for byte (when they are present on this machine).
#[test]
fn treebanks_round_trip() {
    for f in ["de_gsd-ud-dev.conllu", "en_ewt-ud-dev.conllu"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/train/ud")
            .join(f);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{} absent: skipped", path.display());
            continue;
        };
        let sents = conllu::read(&text).unwrap();
        assert_eq!(conllu::write(&sents), text, "{f}");
    }
}
