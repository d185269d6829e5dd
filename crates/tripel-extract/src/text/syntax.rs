//! The learned analysis of one sentence: words, tags, lemmas, morphology, heads and relations.
//!
//! Tokenization and sentence splitting stay rule-based ([`super::segment`]); this module turns
//! a sentence's tokens into syntactic words the way Universal Dependencies counts them (the
//! contractions of `data/lexicon/grammar.tsv` split: "im" → "in dem") and runs the models
//! tripel trains itself ([`tripel_analysis`], shipped in `data/models/`). Each word remembers
//! the token it came from, so the frames in [`crate::relations::frames`] can go from a
//! syntactic argument back to the entity mention that covers it.
//!
//! The models are compiled into the binary and loaded once per process, on first use, so a run
//! that never needs syntax never pays for loading them.

use crate::lexicon::Lexicon;
use crate::model::Lang;
use crate::text::segment::{Sentence, TokenKind};
use std::sync::OnceLock;
use tripel_analysis::{Analyzer, Parser};

/// One syntactic word of a parsed sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Index of the token (in [`Sentence::tokens`]) the word comes from.
    pub token: usize,
    /// The word as written (a part of a contraction: its full form, "dem").
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Morphological features (`Case=Nom|Number=Sing`), `_` if none.
    pub feats: String,
    /// Head: 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    /// Universal Dependencies relation (`nsubj`, `obj`, `obl`, `nsubj:pass`, …).
    pub deprel: String,
}

impl Word {
    /// The value of one of its morphological features (`Case` → `Nom`).
    pub fn feat(&self, key: &str) -> Option<&str> {
        self.feats
            .split('|')
            .find_map(|f| f.split_once('=').filter(|(k, _)| *k == key).map(|(_, v)| v))
    }
}

/// A parsed sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Syntax {
    /// The words in order; word `i` (0-based) is number `i + 1` in heads.
    pub words: Vec<Word>,
}

impl Syntax {
    /// The 0-based indices of the words whose head is word `i` (0-based).
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == i + 1)
            .map(|(k, _)| k)
    }

    /// For every word, the 0-based indices of its dependents, in order.
    pub fn child_lists(&self) -> Vec<Vec<usize>> {
        let n = self.words.len();
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, w) in self.words.iter().enumerate() {
            if let Some(h) = w.head.checked_sub(1).filter(|&h| h < n) {
                children[h].push(i);
            }
        }
        children
    }

    /// The 0-based index of word `i`'s head, `None` for the root.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.words[i].head.checked_sub(1)
    }
}

struct Models {
    analyzer: Analyzer,
    parser: Parser,
}

fn models(lang: Lang) -> &'static Models {
    static DE: OnceLock<Models> = OnceLock::new();
    static EN: OnceLock<Models> = OnceLock::new();
    let (cell, l) = match lang {
        Lang::De => (&DE, tripel_analysis::Lang::De),
        Lang::En => (&EN, tripel_analysis::Lang::En),
    };
    cell.get_or_init(|| Models {
        // The models are compiled into the binary from data/models/, checked by the analysis
        // crate's manifest test: they load, or the build is broken.
        analyzer: Analyzer::load(l).expect("the shipped tagger model loads"),
        parser: Parser::load(l).expect("the shipped parser model loads"),
    })
}

/// A run of tokens parsed as one word: an entity mention ("die Elbwerft AG" → "die Siemens").
/// The word is the mention type's stand-in ([`Lexicon::stand_in`], `standin` in
/// `grammar.tsv`): a frequent name of the training treebank, so that the tagger and parser see
/// one familiar proper noun where the text has a multi-word name the treebank never had,
/// which the parser otherwise splits into subjects and objects of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group<'a> {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// The word the parser sees instead.
    pub word: &'a str,
}

/// Tags, lemmatizes and parses one sentence of `text`; each of `groups` (sorted, disjoint) is
/// parsed as its one stand-in word.
pub fn parse(
    text: &str,
    sentence: &Sentence,
    groups: &[Group<'_>],
    lang: Lang,
    lex: &Lexicon,
) -> Syntax {
    parse_if(text, sentence, groups, lang, lex, |_, _| true).unwrap_or_default()
}

/// Like [`parse`], but after tagging asks `wanted` whether the sentence's lemmas and universal
/// tags (one each per word) are worth the parse (parsing costs more than tagging): `None` when
/// not.
pub fn parse_if(
    text: &str,
    sentence: &Sentence,
    groups: &[Group<'_>],
    lang: Lang,
    lex: &Lexicon,
    wanted: impl Fn(&[&str], &[&str]) -> bool,
) -> Option<Syntax> {
    let mut forms: Vec<String> = Vec::with_capacity(sentence.tokens.len());
    let mut token_of: Vec<usize> = Vec::with_capacity(sentence.tokens.len());
    let mut stand_in: Vec<bool> = Vec::with_capacity(sentence.tokens.len());
    let mut groups = groups.iter().peekable();
    let mut skip_to = 0;
    for (k, t) in sentence.tokens.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        while groups.peek().is_some_and(|g| g.first < k) {
            groups.next();
        }
        if let Some(g) = groups.peek().filter(|g| g.first == k) {
            forms.push(g.word.to_owned());
            token_of.push(k);
            stand_in.push(true);
            skip_to = g.last + 1;
            continue;
        }
        let form = &text[t.start..t.end];
        match lex.split_contraction(form, lang) {
            Some(parts) if t.kind == TokenKind::Word && parts.len() > 1 => {
                for p in parts {
                    forms.push(p);
                    token_of.push(k);
                    stand_in.push(false);
                }
            }
            _ => {
                forms.push(form.to_owned());
                token_of.push(k);
                stand_in.push(false);
            }
        }
    }
    if forms.is_empty() {
        return Some(Syntax::default());
    }
    let m = models(lang);
    let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let mut analyses = m.analyzer.analyze(&refs);
    if lang == Lang::De {
        // The tagger, trained on little German, takes many an unseen capitalised noun for a
        // name ("Containerschiffe", "Zivilflugzeugsparte"), and the parser then hangs it on
        // the nearest name as part of it. A word no rule or model recognised as a name that
        // the noun list knows (or whose compound head it knows) is a common noun. So is such a
        // word tagged as an adjective inside the sentence, capitalised ("in seiner
        // Zivilflugzeugsparte Stellen streichen", parsed as one phrase with "Stellen" as its
        // noun): German writes adjectives in lower case there, nouns capitalised.
        for (k, a) in analyses.iter_mut().enumerate() {
            let capital_adjective =
                a.upos == "ADJ" && k > 0 && forms[k].chars().next().is_some_and(char::is_uppercase);
            if (a.upos == "PROPN" || capital_adjective)
                && !stand_in[k]
                && lex.is_noun_or_compound_de(&forms[k])
            {
                a.upos = "NOUN".to_owned();
                a.xpos = "NN".to_owned();
            }
        }
    }
    let lemmas: Vec<&str> = analyses.iter().map(|a| a.lemma.as_str()).collect();
    let upos: Vec<&str> = analyses.iter().map(|a| a.upos.as_str()).collect();
    if !wanted(&lemmas, &upos) {
        return None;
    }
    let arcs = m.parser.parse(&refs, &analyses);
    let words = forms
        .into_iter()
        .zip(token_of)
        .zip(analyses)
        .zip(arcs)
        .map(|(((form, token), a), (head, deprel))| Word {
            token,
            form,
            lemma: a.lemma,
            upos: a.upos,
            feats: a.feats,
            head,
            deprel,
        })
        .collect();
    Some(Syntax { words })
}
