//! The training path works on a tiny slice and is deterministic (CI does not retrain the
//! shipped models).

use tripel_analysis::{conllu, model, Analyzer, FeatsMode, TrainConfig};

/// Invented sentences (not from any corpus).
const TINY: &str = "1\tDer\tder\tDET\tART\tCase=Nom|Gender=Masc|Number=Sing\t_\t_\t_\t_
2\tKonzern\tKonzern\tNOUN\tNN\tCase=Nom|Gender=Masc|Number=Sing\t_\t_\t_\t_
3\tkauft\tkaufen\tVERB\tVVFIN\tNumber=Sing|Person=3|Tense=Pres|VerbForm=Fin\t_\t_\t_\t_
4\tdie\tder\tDET\tART\tCase=Acc|Gender=Fem|Number=Sing\t_\t_\t_\t_
5\tFirma\tFirma\tNOUN\tNN\tCase=Acc|Gender=Fem|Number=Sing\t_\t_\t_\t_
6\t.\t.\tPUNCT\t$.\t_\t_\t_\t_\t_

1\tDie\tder\tDET\tART\tCase=Nom|Gender=Fem|Number=Sing\t_\t_\t_\t_
2\tBank\tBank\tNOUN\tNN\tCase=Nom|Gender=Fem|Number=Sing\t_\t_\t_\t_
3\that\thaben\tAUX\tVAFIN\tNumber=Sing|Person=3|Tense=Pres|VerbForm=Fin\t_\t_\t_\t_
4\tden\tder\tDET\tART\tCase=Acc|Gender=Masc|Number=Sing\t_\t_\t_\t_
5\tHändler\tHändler\tNOUN\tNN\tCase=Acc|Gender=Masc|Number=Sing\t_\t_\t_\t_
6\tgekauft\tkaufen\tVERB\tVVPP\tVerbForm=Part\t_\t_\t_\t_
7\t.\t.\tPUNCT\t$.\t_\t_\t_\t_\t_

1\tSie\tsie\tPRON\tPPER\tCase=Nom|Number=Plur|Person=3\t_\t_\t_\t_
2\tkaufen\tkaufen\tVERB\tVVFIN\tNumber=Plur|Person=3|Tense=Pres|VerbForm=Fin\t_\t_\t_\t_
3\tHäuser\tHaus\tNOUN\tNN\tCase=Acc|Gender=Neut|Number=Plur\t_\t_\t_\t_
4\t.\t.\tPUNCT\t$.\t_\t_\t_\t_\t_

";

fn slice() -> Vec<conllu::Sentence> {
    crate::tiny_slice(TINY, 50)
}

#[test]
fn tiny_training_is_deterministic() {
    let sents = slice();
    for feats in [FeatsMode::Bundle, FeatsMode::PerFeature] {
        let cfg = TrainConfig {
            epochs: 4,
            seed: 7,
            feats,
            lexicon: true,
            morph: true,
            verbose: false,
        };
        let a = model::train(&sents, "de", &cfg).to_bytes();
        let b = model::train(&sents, "de", &cfg).to_bytes();
        assert_eq!(a, b, "two runs differ ({feats:?})");
        let m = Analyzer::from_bytes(&a).unwrap();
        let out = m.analyze(&["Der", "Konzern", "kauft", "die", "Firma", "."]);
        assert_eq!(out[1].upos, "NOUN");
        assert_eq!(out[2].lemma, "kaufen");
        // The model file reads back to the same bytes.
        assert_eq!(m.model().to_bytes(), a);
        let s = m.model().evaluate(&sents[..3]);
        assert!(s.upos_pct() > 80.0, "{}", s.summary());
    }
}
