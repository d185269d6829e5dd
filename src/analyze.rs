//! `tripel analyze`: the learned analysis of a text as CoNLL-U, the format treebanks are
//! scored in.
//!
//! Text goes through the extraction crate's segmentation (the same sentences and tokens that
//! extraction sees). German contractions are split into their syntactic words as Universal
//! Dependencies does ("im" → "in dem", written as a multiword token; the list is `contraction`
//! in `data/lexicon/grammar.tsv`), so is an English clitic ("Google's" → "Google 's",
//! `clitic`), and the analysis crate's model gives each word its lemma,
//! UPOS, XPOS and features, and the learned parser its head and relation (Universal
//! Dependencies). The names that extraction recognises go into MISC as `NE=B-ORG`, `NE=I-ORG`
//! … (PER, ORG, LOC, PROD, EVENT).
//!
//! With `--input conllu`, the words of a CoNLL-U file are re-analysed as given: LEMMA, UPOS,
//! XPOS, FEATS, HEAD and DEPREL are replaced by tripel's, DEPS (enhanced dependencies, which
//! tripel does not predict) is cleared, everything else is kept.

use std::io::{self, Write};
use tripel_analysis::conllu::{self, Row};
use tripel_analysis::{fill_row, fill_syntax, Analyzer, Parser};
use tripel_extract::text::lang::{detect, Detected};
use tripel_extract::text::segment::{sentences, CharIndex};
use tripel_extract::{Document, EntityType, Extractor, Lang, Lexicon};

/// The learned models of one language: tagger and lemmatizer, and parser.
pub struct Models {
    /// Tags, features and lemmas.
    pub analyzer: Analyzer,
    /// Heads and relations.
    pub parser: Parser,
}

/// The models by language, loaded on first use (loading takes a fraction of a second).
#[derive(Default)]
pub struct Analyzers {
    de: Option<Models>,
    en: Option<Models>,
}

impl Analyzers {
    /// The models for `lang`.
    pub fn get(&mut self, lang: Lang) -> Result<&Models, tripel_analysis::Error> {
        let (slot, model) = match lang {
            Lang::De => (&mut self.de, tripel_analysis::Lang::De),
            Lang::En => (&mut self.en, tripel_analysis::Lang::En),
        };
        if slot.is_none() {
            *slot = Some(Models {
                analyzer: Analyzer::load(model)?,
                parser: Parser::load(model)?,
            });
        }
        Ok(slot.as_ref().expect("loaded above"))
    }
}

/// The language of a text: `lang` if given, else detected; `None` when it is neither German
/// nor English.
pub fn language(text: &str, lang: Option<Lang>, lex: &Lexicon) -> Option<Lang> {
    lang.or(match detect(text, lex) {
        Detected::Supported(l) => Some(l),
        Detected::Other(_) => None,
    })
}

/// Writes one document as CoNLL-U: a `# newdoc id` line, then each sentence with its
/// `# sent_id` (`{doc}-{n}`) and `# text`.
pub fn write_document(
    doc: &Document,
    lang: Lang,
    extractor: &Extractor,
    models: &Models,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lex = extractor.lexicon();
    let text = &doc.text;
    let chars = CharIndex::new(text);
    let names = name_spans(extractor, doc);
    writeln!(out, "# newdoc id = {}", doc.id)?;
    for (n, sent) in sentences(text, lex).iter().enumerate() {
        let mut out_sent = conllu::Sentence::default();
        out_sent
            .comments
            .push(format!("# sent_id = {}-{}", doc.id, n + 1));
        let sentence_text: String = text[sent.start..sent.end]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        out_sent.comments.push(format!("# text = {sentence_text}"));
        let mut words: Vec<String> = Vec::new();
        let mut word_rows: Vec<usize> = Vec::new();
        for (k, tok) in sent.tokens.iter().enumerate() {
            let form = tok.text(text);
            let (start, end) = (chars.chars(tok.start), chars.chars(tok.end));
            let mut misc = Vec::new();
            // A name leaves out a clitic written onto it ("Google" of "Google's").
            let split = lex.split_clitic(form, lang);
            let clitic = split.map_or(0, |(_, c)| c.chars().count());
            let ne = name_tag(&names, start, end - clitic);
            if clitic == 0 {
                misc.extend(ne.clone());
            }
            let glued = sent
                .tokens
                .get(k + 1)
                .is_some_and(|next| !next.space_before);
            if glued {
                misc.push("SpaceAfter=No".to_owned());
            }
            let misc = if misc.is_empty() {
                "_".to_owned()
            } else {
                misc.join("|")
            };
            // A clitic written onto its word ("Google's") is a word of its own, as a contraction's
            // parts are: the words extraction's parser sees (`clitic` in grammar.tsv).
            let parts = lex
                .split_contraction(form, lang)
                .or_else(|| split.map(|(stem, clitic)| vec![stem.to_owned(), clitic.to_owned()]));
            match parts {
                Some(parts) if parts.len() > 1 => {
                    let first = words.len() + 1;
                    let mut token = Row::word(first, form);
                    token.id = format!("{first}-{}", first + parts.len() - 1);
                    token.misc = misc;
                    out_sent.rows.push(token);
                    for (i, part) in parts.into_iter().enumerate() {
                        words.push(part);
                        word_rows.push(out_sent.rows.len());
                        let mut row = Row::word(words.len(), &words[words.len() - 1]);
                        // The name is its first word's, the clitic's line has none.
                        if let (0, true, Some(tag)) = (i, clitic > 0, &ne) {
                            row.misc = tag.clone();
                        }
                        out_sent.rows.push(row);
                    }
                }
                _ => {
                    words.push(form.to_owned());
                    word_rows.push(out_sent.rows.len());
                    let mut row = Row::word(words.len(), form);
                    row.misc = misc;
                    out_sent.rows.push(row);
                }
            }
        }
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let analyses = models.analyzer.analyze(&refs);
        for (&r, a) in word_rows.iter().zip(&analyses) {
            fill_row(&mut out_sent.rows[r], a);
        }
        fill_syntax(&mut out_sent, &models.parser.parse(&refs, &analyses));
        let mut s = String::new();
        conllu::write_sentence(&mut s, &out_sent);
        out.write_all(s.as_bytes())?;
    }
    Ok(())
}

/// Re-analyses the words of CoNLL-U sentences in place (see the module documentation).
pub fn reanalyze(sentences: &mut [conllu::Sentence], models: &Models) {
    for s in sentences {
        let words: Vec<String> = s.words().map(|r| r.form.clone()).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let analyses = models.analyzer.analyze(&refs);
        for (row, a) in s.words_mut().zip(&analyses) {
            fill_row(row, a);
            row.deps = "_".to_owned();
        }
        fill_syntax(s, &models.parser.parse(&refs, &analyses));
    }
}

/// The names extraction finds in a document: code-point spans with their tag.
fn name_spans(extractor: &Extractor, doc: &Document) -> Vec<(usize, usize, &'static str)> {
    extractor
        .extract(doc)
        .mentions
        .iter()
        .filter(|m| !m.nested)
        .filter_map(|m| {
            let tag = match m.entity.kind {
                EntityType::Person => "PER",
                EntityType::Organization => "ORG",
                EntityType::Place | EntityType::TrainStation => "LOC",
                EntityType::Product => "PROD",
                EntityType::Event => "EVENT",
                // Noun phrases that became things are not names.
                EntityType::Thing => return None,
            };
            Some((m.start, m.end, tag))
        })
        .collect()
}

/// `NE=B-ORG` for the first token of a name, `NE=I-ORG` for the others.
fn name_tag(names: &[(usize, usize, &str)], start: usize, end: usize) -> Option<String> {
    let (s, _, tag) = names.iter().find(|(s, e, _)| *s <= start && end <= *e)?;
    let bio = if *s == start { 'B' } else { 'I' };
    Some(format!("NE={bio}-{tag}"))
}
