//! tripel's learned token analysis for German and English: part-of-speech tags (UPOS and the
//! language's own tag set, STTS or PTB), German morphological features, and lemmas, predicted
//! by averaged-perceptron models that tripel trains itself from Universal Dependencies
//! treebanks (`tripel-train`) and ships in `data/models/`.
//!
//! ```
//! use tripel_analysis::{Analyzer, Lang};
//! let de = Analyzer::load(Lang::De).unwrap();
//! let tags = de.analyze(&["Der", "Konzern", "hat", "die", "Firma", "übernommen", "."]);
//! assert_eq!(tags[2].lemma, "haben");
//! ```
//!
//! The crate works on token sequences; tokenisation and sentence splitting are the caller's.

pub mod conllu;
pub mod features;
pub mod lemma;
pub mod model;
pub mod morph;
pub mod ner;
pub mod ner_data;
pub mod parser;
pub mod perceptron;

pub use model::{FeatsMode, Model, Scores, TrainConfig};
pub use ner::{Ner, NerConfig, NerSpan, NerTags};
pub use parser::{ParseScores, Parser, ParserConfig};

/// The analysis of one token.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenAnalysis {
    /// Universal part-of-speech tag (`NOUN`, `VERB`, …).
    pub upos: String,
    /// Language-specific tag: STTS for German (`NN`, `VVPP`), PTB for English (`NNS`).
    pub xpos: String,
    /// Morphological features in CoNLL-U form (`Case=Nom|Gender=Masc|Number=Sing`), `_` when
    /// none (always `_` for English).
    pub feats: String,
    /// The lemma (the form itself when no edit script fits).
    pub lemma: String,
    /// The model's probability for the UPOS tag (softmax over the perceptron scores).
    pub score: f32,
}

/// A language with a shipped model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// German (trained on UD German-GSD).
    De,
    /// English (trained on UD English-EWT).
    En,
}

impl Lang {
    /// The language code (`de`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The model file name in `data/models/`.
    pub fn model_file(self) -> &'static str {
        match self {
            Lang::De => "tagger-de.bin",
            Lang::En => "tagger-en.bin",
        }
    }

    /// The parser model file name in `data/models/`.
    pub fn parser_file(self) -> &'static str {
        match self {
            Lang::De => "parser-de.bin",
            Lang::En => "parser-en.bin",
        }
    }

    fn embedded(self) -> &'static [u8] {
        match self {
            Lang::De => include_bytes!("../../../data/models/tagger-de.bin"),
            Lang::En => include_bytes!("../../../data/models/tagger-en.bin"),
        }
    }
}

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A model file could not be read.
    #[error("model: {0}")]
    Model(String),
    /// A CoNLL-U file is malformed.
    #[error(transparent)]
    Conllu(#[from] conllu::ConlluError),
}

/// A loaded tagger and lemmatizer for one language.
#[derive(Debug, Clone)]
pub struct Analyzer {
    model: Model,
}

impl Analyzer {
    /// The shipped model for a language (compiled into the binary from `data/models/`).
    pub fn load(lang: Lang) -> Result<Analyzer, Error> {
        Analyzer::from_bytes(lang.embedded())
    }

    /// A model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Analyzer, Error> {
        let model = Model::from_bytes(bytes).map_err(Error::Model)?;
        Ok(Analyzer { model })
    }

    /// Wraps a model (e.g. one just trained).
    pub fn from_model(model: Model) -> Analyzer {
        Analyzer { model }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Analyses one sentence of tokens (syntactic words: `im` already split into `in dem` if the
    /// caller follows UD; unsplit contractions are tagged as they come).
    ///
    /// German verbs take their lemma from the verb list (`data/lexicon/verbs.de.tsv`,
    /// [`features::Lexicons::verb_lemma`]) where the model's lemma is no verb the list knows
    /// ("erwirbt" → "erwerben", not "erwirben"); English verbs from `verbs.en.tsv` ("spun" →
    /// "spin"). Only here, not in [`Model::analyze`]: the
    /// parser's training tags stay those of the models alone, so retraining reproduces them.
    pub fn analyze(&self, tokens: &[&str]) -> Vec<TokenAnalysis> {
        let mut out = self.model.analyze(tokens);
        if self.model.lang() == "de" {
            let lex = features::Lexicons::get();
            for (a, tok) in out.iter_mut().zip(tokens) {
                if matches!(a.upos.as_str(), "VERB" | "AUX") {
                    if let Some(l) = lex.verb_lemma(tok, &a.lemma) {
                        a.lemma = l.to_owned();
                    }
                }
            }
            infinitive_zu_before_a_verb(&mut out);
        } else if self.model.lang() == "en" {
            // English verbs likewise from `data/lexicon/verbs.en.tsv` (irregular forms such as
            // "spun", "took", and the frames' regular verbs): [`features::Lexicons::verb_lemma_en`].
            let lex = features::Lexicons::get();
            for (a, tok) in out.iter_mut().zip(tokens) {
                if matches!(a.upos.as_str(), "VERB" | "AUX") {
                    if let Some(l) = lex.verb_lemma_en(tok, &a.lemma) {
                        a.lemma = l.to_owned();
                    }
                }
            }
            past_verb_tagged_as_noun(&mut out, tokens, lex);
        }
        out
    }
}

/// An English past form of the verb list tagged a verb with a noun's XPOS ("Harbor Corp. spun
/// off Kelmore Inc.": "spun" VERB but NN): the parser reads the XPOS and made the verb a
/// modifier of the name before it, without a subject. Such a form (one the list gives a lemma
/// other than itself, not a third person's "-s" or an "-ing" form) is the past tense `VBD`, or
/// the participle `VBN` after an auxiliary (an adverb between them allowed). The upper-level tag
/// already said verb; only the lower one disagreed (session 21).
fn past_verb_tagged_as_noun(out: &mut [TokenAnalysis], tokens: &[&str], lex: &features::Lexicons) {
    for i in 0..out.len() {
        if out[i].upos != "VERB" || !out[i].xpos.starts_with("NN") {
            continue;
        }
        let lower = tokens[i].to_lowercase();
        let past = lex
            .en_verb_form_lemma(&lower)
            .is_some_and(|l| l != lower && !lower.ends_with('s') && !lower.ends_with("ing"));
        if !past {
            continue;
        }
        let aux = (0..i)
            .rev()
            .take(2)
            .take_while(|&k| matches!(out[k].upos.as_str(), "AUX" | "ADV"))
            .any(|k| out[k].upos == "AUX");
        out[i].xpos = if aux { "VBN" } else { "VBD" }.to_owned();
    }
}

/// The infinitive marker "zu" (PTKZU) stands right before its verb ("zu übernehmen"); a "zu"
/// tagged so before anything else is the preposition. The tagger, seeing an unknown name after
/// it ("gehört zu Siemens"), tends to take the marker, and the parse then lost the `obl` that
/// frames such as `gehören zu` read.
fn infinitive_zu_before_a_verb(out: &mut [TokenAnalysis]) {
    for i in 0..out.len().saturating_sub(1) {
        let nominal_next = matches!(
            out[i + 1].upos.as_str(),
            "PROPN" | "NOUN" | "DET" | "NUM" | "ADJ" | "PRON"
        );
        let a = &mut out[i];
        // STTS tags only "zu" PTKZU: the tag says which word it is.
        if a.xpos == "PTKZU" && nominal_next {
            a.upos = "ADP".to_owned();
            a.xpos = "APPR".to_owned();
            a.feats = "_".to_owned();
        }
    }
}

/// One analysed sentence as CoNLL-U text (heads and relations `_`: see [`fill_syntax`]),
/// with optional `# sent_id` and `# text` comments.
pub fn write_conllu(
    sent_id: Option<&str>,
    text: Option<&str>,
    tokens: &[&str],
    analyses: &[TokenAnalysis],
) -> String {
    let mut sent = conllu::Sentence::default();
    if let Some(id) = sent_id {
        sent.comments.push(format!("# sent_id = {id}"));
    }
    if let Some(t) = text {
        sent.comments.push(format!("# text = {t}"));
    }
    for (i, (tok, a)) in tokens.iter().zip(analyses).enumerate() {
        let mut r = conllu::Row::word(i + 1, tok);
        fill_row(&mut r, a);
        sent.rows.push(r);
    }
    let mut out = String::new();
    conllu::write_sentence(&mut out, &sent);
    out
}

/// Writes an analysis into a CoNLL-U row (LEMMA, UPOS, XPOS, FEATS).
pub fn fill_row(row: &mut conllu::Row, a: &TokenAnalysis) {
    row.lemma = a.lemma.clone();
    row.upos = a.upos.clone();
    row.xpos = a.xpos.clone();
    row.feats = a.feats.clone();
}

/// Writes a parse (from [`Parser::parse`]) into the syntactic-word rows of a CoNLL-U sentence
/// (HEAD and DEPREL), in order.
pub fn fill_syntax(sent: &mut conllu::Sentence, parse: &[(usize, String)]) {
    for (r, (head, rel)) in sent.words_mut().zip(parse) {
        r.head = head.to_string();
        r.deprel = rel.clone();
    }
}
