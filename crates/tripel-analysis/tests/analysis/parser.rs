//! The dependency parser: the training path works on a tiny slice and is deterministic, every
//! output is a tree, the shipped models match the manifest and parse an invented sentence.

use std::path::Path;
use tripel_analysis::parser::{self, Parser, ParserConfig};
use tripel_analysis::{conllu, fill_syntax, Analyzer, Lang};

/// Invented sentences (not from any corpus), with gold tags and trees.
const TINY: &str = "1\tDer\tder\tDET\tART\tCase=Nom|Gender=Masc|Number=Sing\t2\tdet\t_\t_
2\tKonzern\tKonzern\tNOUN\tNN\tCase=Nom|Gender=Masc|Number=Sing\t3\tnsubj\t_\t_
3\tkauft\tkaufen\tVERB\tVVFIN\tNumber=Sing|Person=3|Tense=Pres|VerbForm=Fin\t0\troot\t_\t_
4\tdie\tder\tDET\tART\tCase=Acc|Gender=Fem|Number=Sing\t5\tdet\t_\t_
5\tFirma\tFirma\tNOUN\tNN\tCase=Acc|Gender=Fem|Number=Sing\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t$.\t_\t3\tpunct\t_\t_

1\tDie\tder\tDET\tART\tCase=Nom|Gender=Fem|Number=Sing\t2\tdet\t_\t_
2\tBank\tBank\tNOUN\tNN\tCase=Nom|Gender=Fem|Number=Sing\t6\tnsubj\t_\t_
3\that\thaben\tAUX\tVAFIN\tNumber=Sing|Person=3|Tense=Pres|VerbForm=Fin\t6\taux\t_\t_
4\tden\tder\tDET\tART\tCase=Acc|Gender=Masc|Number=Sing\t5\tdet\t_\t_
5\tHändler\tHändler\tNOUN\tNN\tCase=Acc|Gender=Masc|Number=Sing\t6\tobj\t_\t_
6\tgekauft\tkaufen\tVERB\tVVPP\tVerbForm=Part\t0\troot\t_\t_
7\t.\t.\tPUNCT\t$.\t_\t6\tpunct\t_\t_

";

fn slice() -> Vec<conllu::Sentence> {
    crate::tiny_slice(TINY, 60)
}

/// One root, heads in range, no cycles.
fn assert_tree(out: &[(usize, String)]) {
    let n = out.len();
    assert_eq!(out.iter().filter(|(h, _)| *h == 0).count(), 1, "{out:?}");
    for (i, (h, rel)) in out.iter().enumerate() {
        assert!(*h <= n && *h != i + 1, "{out:?}");
        assert!(!rel.is_empty());
        let (mut k, mut steps) = (i + 1, 0);
        while k != 0 {
            k = out[k - 1].0;
            steps += 1;
            assert!(steps <= n, "cycle in {out:?}");
        }
    }
}

#[test]
fn tiny_training_is_deterministic_and_outputs_trees() {
    let sents = slice();
    let cfg = ParserConfig {
        epochs: 3,
        seed: 7,
        explore: true,
        min_count: 2,
        verbose: false,
    };
    let a = parser::train(&sents, "de", &cfg).0.to_bytes();
    let b = parser::train(&sents, "de", &cfg).0.to_bytes();
    assert_eq!(a, b, "two runs differ");
    let p = Parser::from_bytes(&a).unwrap();
    assert_eq!(p.to_bytes(), a);
    let s = p.evaluate(&sents[..2]);
    assert!(s.uas_pct() > 70.0, "{}", s.summary());
    for s in &sents {
        let mut s2 = s.clone();
        p.parse_sentence(&mut s2);
        let out: Vec<(usize, String)> = s2
            .words()
            .map(|r| (r.head.parse().unwrap(), r.deprel.clone()))
            .collect();
        assert_tree(&out);
    }
}

#[test]
fn shipped_models_output_trees_and_parse_an_invented_sentence() {
    let words = [
        "Der",
        "Konzern",
        "hat",
        "die",
        "Firma",
        "in",
        "dem",
        "Mai",
        "übernommen",
        ".",
    ];
    let an = Analyzer::load(Lang::De).unwrap().analyze(&words);
    let p = Parser::load(Lang::De).unwrap();
    let out = p.parse(&words, &an);
    assert_tree(&out);
    assert_eq!(out[1], (9, "nsubj".to_string()), "{out:?}");
    assert_eq!(out[4], (9, "obj".to_string()), "{out:?}");
    assert_eq!(out[2], (9, "aux".to_string()), "{out:?}");
    assert_eq!(out[8].0, 0, "{out:?}");
    // Into CoNLL-U rows.
    let mut sent = conllu::read(&tripel_analysis::write_conllu(None, None, &words, &an))
        .unwrap()
        .remove(0);
    fill_syntax(&mut sent, &out);
    assert_eq!(sent.rows[1].head, "9");
    assert_eq!(sent.rows[1].deprel, "nsubj");
    // Odd inputs still give trees.
    let en = Parser::load(Lang::En).unwrap();
    let tag_en = Analyzer::load(Lang::En).unwrap();
    for ws in [
        vec!["."],
        vec!["Hello"],
        vec!["The", "company", "bought", "the", "firm", "in", "May", "."],
        vec![",", ",", ",", "and", "and", "(", ")"],
    ] {
        assert_tree(&en.parse(&ws, &tag_en.analyze(&ws)));
        let de = Analyzer::load(Lang::De).unwrap();
        assert_tree(&p.parse(&ws, &de.analyze(&ws)));
    }
    assert!(p.parse(&[], &[]).is_empty());
}

#[test]
fn manifest_lists_the_parser_models_as_share_alike() {
    // Sizes and checksums of every model are checked in tests/manifest.rs.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    for lang in [Lang::De, Lang::En] {
        let file = lang.parser_file();
        let m = manifest["models"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["file"] == file)
            .unwrap_or_else(|| panic!("{file} not in the manifest"));
        assert!(m["licence"].as_str().unwrap().starts_with("CC BY-SA 4.0"));
        assert!(m["size"].as_u64().unwrap() < 10_000_000, "{file} too large");
    }
}
