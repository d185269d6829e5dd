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
use crate::text::LowerCase;
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
        feature(&self.feats, key)
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

/// The first token after a news dateline that opens the sentence ("LEIPZIG (dpa-AFX) - Im
/// Leipziger Versandzentrum …", "Athen (dpa) - Griechenlands Industrielle haben …",
/// "(Mynewsdesk) NEW YORK, NY and BERLIN -- (Marketwired) -- 12 / 09 / 15 -- Die Seerene GmbH
/// …"), 0 if there is none. The parser, which never saw a dateline in its treebank, hangs the
/// place and the agency on the sentence's verb as subjects and objects; the sentence proper
/// starts after the dash. A dateline here: words outside parentheses that do not start in
/// lower case (places, dates; a list's "and"/"und", `listsep` in cues.tsv, between places), at least one parenthesised part
/// (the agency) or a word between slashes ("/PRNewswire/"), and a dash standing alone after
/// it; the sentence goes on for at least three tokens after the dash.
pub(crate) fn dateline_end(text: &str, sentence: &Sentence, lex: &Lexicon) -> usize {
    const REACH: usize = 40;
    let tokens = &sentence.tokens;
    let (mut depth, mut agency, mut end) = (0usize, false, 0usize);
    let form = |k: usize| &text[tokens[k].start..tokens[k].end];
    for (k, t) in tokens.iter().enumerate().take(REACH) {
        match form(k) {
            "(" => depth += 1,
            // A wire service between slashes: "2016 /PRNewswire/ --".
            "/" if k >= 2 && form(k - 2) == "/" && tokens[k - 1].kind == TokenKind::Word => {
                agency = true;
            }
            ")" => {
                depth = depth.saturating_sub(1);
                agency = true;
            }
            "-" | "--" | "–" | "—" if depth == 0 && agency => end = k + 1,
            w if depth == 0
                && t.kind == TokenKind::Word
                && w.chars().next().is_some_and(char::is_lowercase)
                && !lex.list_separators.contains(w) =>
            {
                break;
            }
            _ => {}
        }
    }
    if end + 3 > tokens.len() {
        0
    } else {
        end
    }
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
    parse_if(text, sentence, groups, lang, lex, |_| true, |_, _, _| true).unwrap_or_default()
}

/// The tagger's lemma labels for a language (`text::tag_gate` inverts them).
pub fn lemma_labels(lang: Lang) -> &'static [String] {
    models(lang).analyzer.model().lemma_labels()
}

/// Like [`parse`], but after tagging asks `wanted` whether the sentence's words, lemmas and
/// universal tags (one each per word) are worth the parse (parsing costs more than tagging): `None` when
/// not. Before tagging, `worth_tagging` is asked about the words the tagger would see: when it
/// says no, `wanted` would have said no whatever the tags (`tag_gate::TagGate`), and tagging is
/// skipped.
pub fn parse_if(
    text: &str,
    sentence: &Sentence,
    groups: &[Group<'_>],
    lang: Lang,
    lex: &Lexicon,
    worth_tagging: impl Fn(&[String]) -> bool,
    wanted: impl Fn(&[String], &[&str], &[&str]) -> bool,
) -> Option<Syntax> {
    let mut forms: Vec<String> = Vec::with_capacity(sentence.tokens.len());
    let mut token_of: Vec<usize> = Vec::with_capacity(sentence.tokens.len());
    let mut stand_in: Vec<bool> = Vec::with_capacity(sentence.tokens.len());
    let mut groups = groups.iter().peekable();
    let mut skip_to = dateline_end(text, sentence, lex);
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
            // A name with a clitic on its last word ("Google's"): the stand-in, then the clitic.
            let last = &sentence.tokens[g.last];
            if let Some((_, clitic)) = lex
                .split_clitic(&text[last.start..last.end], lang)
                .filter(|_| last.kind == TokenKind::Word)
            {
                forms.push(clitic.to_owned());
                token_of.push(g.last);
                stand_in.push(false);
            }
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
            _ => match lex
                .split_clitic(form, lang)
                .filter(|_| t.kind == TokenKind::Word)
            {
                // UD English-EWT, which the English models learned from, writes "Google 's":
                // one word left unsplit is a name the parser never saw, read as a compound.
                Some((stem, clitic)) => {
                    for p in [stem, clitic] {
                        forms.push(p.to_owned());
                        token_of.push(k);
                        stand_in.push(false);
                    }
                }
                None => {
                    forms.push(form.to_owned());
                    token_of.push(k);
                    stand_in.push(false);
                }
            },
        }
    }
    if forms.is_empty() {
        return Some(Syntax::default());
    }
    if !worth_tagging(&forms) {
        return None;
    }
    let m = models(lang);
    let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
    let mut analyses = m.analyzer.analyze(&refs);
    if lang == Lang::De {
        mistagged_de(&forms, &stand_in, &mut analyses, lex);
    }
    let lemmas: Vec<&str> = analyses.iter().map(|a| a.lemma.as_str()).collect();
    let upos: Vec<&str> = analyses.iter().map(|a| a.upos.as_str()).collect();
    if !wanted(&forms, &lemmas, &upos) {
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

/// German words the tagger mistook that are plainly common nouns or verbs, retagged
/// `NOUN`/`NN` or `VERB`/`VVFIN` before the parse.
///
/// The tagger, trained on little German, takes many an unseen capitalised noun for a name
/// ("Containerschiffe", "Zivilflugzeugsparte"), and the parser then hangs it on the nearest
/// name as part of it. A word no rule or model recognised as a name (`stand_in`) that the noun
/// list knows (or whose compound head it knows) is a common noun. So is such a word tagged as
/// an adjective inside the sentence, capitalised ("in seiner Zivilflugzeugsparte Stellen
/// streichen", parsed as one phrase with "Stellen" as its noun): German writes adjectives in
/// lower case there, nouns capitalised. And so is such a word tagged as a preposition with a
/// hyphen in it ("Ufo-Chef Nicoley Baublies machte …", which made the person an oblique): no
/// German preposition has one. An adjective with a present tense, or one that can only be a verb,
/// is a finite verb. So is a participle tagged as an adjective in a sentence without any finite
/// verb (`VerbForm=Fin`, a finite STTS tag or an auxiliary), when its form is also a verb's
/// third person singular ([`finite_participle`]).
fn mistagged_de(
    forms: &[String],
    stand_in: &[bool],
    analyses: &mut [tripel_analysis::TokenAnalysis],
    lex: &Lexicon,
) {
    for (k, a) in analyses.iter_mut().enumerate() {
        let capital = forms[k].chars().next().is_some_and(char::is_uppercase);
        let capital_adjective = a.upos == "ADJ" && k > 0 && capital;
        let hyphen_preposition = a.upos == "ADP" && capital && forms[k].contains('-');
        if (a.upos == "PROPN" || capital_adjective || hyphen_preposition)
            && !stand_in[k]
            && lex.is_noun_or_compound_de(&forms[k])
        {
            a.upos = "NOUN".to_owned();
            a.xpos = "NN".to_owned();
        }
        if a.upos != "ADJ" || stand_in[k] {
            continue;
        }
        // "Die Elbwerft AG konkurriert mit …" with "konkurriert" tagged as an adjective with
        // `Tense=Pres`: the feature heads decide on their own, and only a finite verb has a
        // present tense in the treebank (an adjective from a participle has a past one).
        let present = feature(&a.feats, "Tense") == Some("Pres");
        // "Zum einen lobte Mark Zuckerberg Deutschland" with "lobte" tagged as an adjective
        // (its "-te" looks like an adjective's ending): a lower-case word the verb list knows
        // and the morphology lexicon knows as no adjective or noun is a verb ("beliebte" stays).
        let only_verb = !present
            && !capital
            && tripel_analysis::morph::Morph::get()
                .reading(&forms[k], &forms[k].lower_case())
                .is_only_verb();
        if present || only_verb {
            a.upos = "VERB".to_owned();
            a.xpos = "VVFIN".to_owned();
        }
        if only_verb {
            // The adjective's features are the tagger's misreading too.
            a.feats = String::new();
        }
        // So is the adjective's lemma: "Die Elbwerft AG produziert Roboter" had "produziert"
        // as the lemma of the verb it became, and no frame of "produzieren" read it (session
        // 21). The verb list's lemma, unless the tagger's already is a verb's.
        if present || only_verb {
            if let Some(lemma) =
                tripel_analysis::features::Lexicons::get().verb_lemma(&forms[k], &a.lemma)
            {
                a.lemma = lemma.to_owned();
            }
        }
    }
    finite_participle(forms, stand_in, analyses, lex);
    relative_final_participle(forms, stand_in, analyses, lex);
}

/// "Das Unternehmen konkurriert mit der Siemens." with "konkurriert" tagged as an adjective
/// from a participle (`VerbForm=Part`), which the parser then hangs on "Unternehmen": a German
/// sentence has a finite verb, and where the tagger found none (no `VerbForm=Fin`, no
/// auxiliary), a lower-case participle inside it whose form is also the third person singular
/// is that verb. The two forms are one for verbs in "-ieren" and those with an unstressed
/// prefix ("konkurriert", "verkauft", "gehört"): a form of the verb list ending in "-t" that
/// has no unstressed prefix (`verbprefix` in grammar.tsv: "ge-") its lemma lacks. "gekauft"
/// and "gestiegen" stay participles.
fn finite_participle(
    forms: &[String],
    stand_in: &[bool],
    analyses: &mut [tripel_analysis::TokenAnalysis],
    lex: &Lexicon,
) {
    let finite = analyses.iter().any(|a| {
        a.upos == "AUX" || a.xpos.ends_with("FIN") || feature(&a.feats, "VerbForm") == Some("Fin")
    });
    if finite {
        return;
    }
    let verbs = tripel_analysis::features::Lexicons::get();
    for (k, a) in analyses.iter_mut().enumerate() {
        let form = &forms[k];
        let lower_case = form.chars().next().is_some_and(char::is_lowercase);
        if k == 0
            || stand_in[k]
            || !lower_case
            || a.upos != "ADJ"
            || feature(&a.feats, "VerbForm") != Some("Part")
            || !form.ends_with('t')
        {
            continue;
        }
        let Some(lemma) = verbs.verb_lemma(form, "") else {
            continue;
        };
        let participle = lex
            .verb_prefixes
            .of(Lang::De)
            .any(|p| form.starts_with(p) && !lemma.starts_with(p));
        if participle {
            continue;
        }
        "VERB".clone_into(&mut a.upos);
        "VVFIN".clone_into(&mut a.xpos);
        "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin".clone_into(&mut a.feats);
        lemma.clone_into(&mut a.lemma);
        // One finite verb per sentence is what was missing.
        break;
    }
}

/// "Die Nordlicht GmbH, die zur Elbwerft AG gehört, wächst." with "gehört" tagged as the
/// participle of "hören": a relative clause (a comma, perhaps a preposition, a relative pronoun)
/// that ends in a participle with no auxiliary in the clause has no other finite verb, so the
/// participle is that verb, in the third person singular. Its lemma is the verb list's, or,
/// where the form is also a participle of another verb ("gehört": "hören", "gehören"), the verb
/// that keeps the unstressed prefix (`verbprefix` in grammar.tsv) of the form ("gehören"). A
/// participle only ("gekauft": no verb "gekaufen") stays one, and so does one whose lemma the
/// tagger already has right.
fn relative_final_participle(
    forms: &[String],
    stand_in: &[bool],
    analyses: &mut [tripel_analysis::TokenAnalysis],
    lex: &Lexicon,
) {
    let verbs = tripel_analysis::features::Lexicons::get();
    for k in 1..forms.len() {
        let form = &forms[k];
        let a = &analyses[k];
        let clause_end = forms
            .get(k + 1)
            .is_none_or(|n| matches!(n.as_str(), "," | "." | ";" | ")" | "!" | "?"));
        if stand_in[k]
            || !clause_end
            || !form.chars().next().is_some_and(char::is_lowercase)
            || !form.ends_with('t')
            || feature(&a.feats, "VerbForm") != Some("Part")
        {
            continue;
        }
        // The clause: back to its comma, which a relative pronoun (perhaps after a
        // preposition) follows; no auxiliary and no finite verb inside.
        let Some(comma) = (0..k).rev().find(|&j| forms[j] == ",") else {
            continue;
        };
        let first = comma + 1;
        let relative = |j: usize| {
            forms
                .get(j)
                .is_some_and(|w| lex.relative_pronouns.has(Lang::De, &crate::text::lower(w)))
        };
        let opens = relative(first) || (analyses[first].upos == "ADP" && relative(first + 1));
        let finite = analyses[first..k].iter().any(|b| {
            b.upos == "AUX"
                || b.xpos.ends_with("FIN")
                || feature(&b.feats, "VerbForm") == Some("Fin")
        });
        if !opens || finite {
            continue;
        }
        let prefixed = |lemma: &str| {
            lex.verb_prefixes.of(Lang::De).find_map(|p| {
                let whole = format!("{p}{lemma}");
                (form.starts_with(p) && !lemma.starts_with(p) && verbs.is_verb_form(&whole))
                    .then_some(whole)
            })
        };
        let lemma = match verbs.verb_lemma(form, "") {
            Some(l) => {
                let participle = lex
                    .verb_prefixes
                    .of(Lang::De)
                    .any(|p| form.starts_with(p) && !l.starts_with(p));
                if participle {
                    continue;
                }
                l.to_owned()
            }
            None => {
                let predicted = analyses[k].lemma.clone();
                let keeps_prefix = lex
                    .verb_prefixes
                    .of(Lang::De)
                    .any(|p| form.starts_with(p) && predicted.starts_with(p));
                match prefixed(&predicted) {
                    Some(l) => l,
                    None if keeps_prefix && verbs.is_verb_form(&predicted) => predicted,
                    None => continue,
                }
            }
        };
        // Only where the tagger's lemma is another verb's: a participle with its own lemma
        // ("…, in dem das Unternehmen mit der Nordlicht GmbH konkurriert, …") is parsed well
        // as it is, and retagging it made that parse worse (measured on SmartData).
        if lemma == analyses[k].lemma {
            continue;
        }
        let a = &mut analyses[k];
        "VERB".clone_into(&mut a.upos);
        "VVFIN".clone_into(&mut a.xpos);
        "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin".clone_into(&mut a.feats);
        a.lemma = lemma;
    }
}

/// The value of one feature in a CoNLL-U feature string.
fn feature<'a>(feats: &'a str, key: &str) -> Option<&'a str> {
    feats
        .split('|')
        .find_map(|f| f.split_once('=').filter(|(k, _)| *k == key).map(|(_, v)| v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment::sentences;

    fn after_dateline(text: &str) -> String {
        let lex = Lexicon::load(None).unwrap();
        let s = &sentences(text, &lex)[0];
        let k = dateline_end(text, s, &lex);
        text[s.tokens[k].start..s.end].to_owned()
    }

    #[test]
    fn a_dateline_is_not_parsed_with_its_sentence() {
        assert_eq!(
            after_dateline(
                "LEIPZIG (dpa-AFX) - Im Versandzentrum der Nordlicht GmbH wird gestreikt."
            ),
            "Im Versandzentrum der Nordlicht GmbH wird gestreikt."
        );
        assert_eq!(
            after_dateline(
                "(Newsdesk) NEW YORK, NY and BERLIN, GERMANY -- (Wire) -- 12 / 09 / 15 -- Die Nordlicht GmbH wächst."
            ),
            "Die Nordlicht GmbH wächst."
        );
        assert_eq!(
            after_dateline(
                "KIEL, Deutschland, February 17, 2016 /Wire/ --\nNordlicht kündigt Stellen an"
            ),
            "Nordlicht kündigt Stellen an"
        );
        assert_eq!(
            after_dateline("Kiel (dpa) - Die Elbwerft AG baut Stellen ab."),
            "Die Elbwerft AG baut Stellen ab."
        );
    }

    #[test]
    fn a_dash_inside_the_sentence_is_no_dateline() {
        // A lower-case word before the dash: the sentence has begun.
        let text = "Die Elbwerft AG (Kiel) baut ab - und stellt ein.";
        assert_eq!(after_dateline(text), text);
        // No parenthesised agency.
        let text = "Kiel - Die Elbwerft AG baut Stellen ab.";
        assert_eq!(after_dateline(text), text);
    }

    /// A tagger's reading of one word, for the retagging tests.
    fn tagged(upos: &str, xpos: &str, feats: &str, lemma: &str) -> tripel_analysis::TokenAnalysis {
        tripel_analysis::TokenAnalysis {
            upos: upos.to_owned(),
            xpos: xpos.to_owned(),
            feats: feats.to_owned(),
            lemma: lemma.to_owned(),
            score: 1.0,
        }
    }

    /// "Ufo-Chef Berger machte …" with the compound tagged as a preposition: a common noun.
    /// A preposition without a hyphen, and a stand-in, keep their tags.
    #[test]
    fn a_hyphenated_noun_is_no_preposition() {
        let lex = Lexicon::load(None).unwrap();
        let tagged = |upos: &str| tagged(upos, "APPR", "_", "");
        let forms: Vec<String> = ["Ufo-Chef", "Laut", "Vorstands-Chef"]
            .map(str::to_owned)
            .to_vec();
        let mut analyses = vec![tagged("ADP"), tagged("ADP"), tagged("ADP")];
        mistagged_de(&forms, &[false, false, true], &mut analyses, &lex);
        let upos: Vec<&str> = analyses.iter().map(|a| a.upos.as_str()).collect();
        assert_eq!(upos, ["NOUN", "ADP", "ADP"]);
    }

    /// "…, die zur Elbwerft AG gehört, wächst" with "gehört" tagged as the participle of
    /// "hören": the relative clause has no other verb, so it is the finite "gehören". A
    /// participle with its auxiliary after it ("…, die sie gekauft hat") stays one.
    #[test]
    fn a_relative_clause_ends_in_its_finite_verb() {
        let lex = Lexicon::load(None).unwrap();
        let words = [
            "Die", "Firma", ",", "die", "zur", "AG", "gehört", ",", "wächst",
        ];
        let forms: Vec<String> = words.map(str::to_owned).to_vec();
        let mut analyses: Vec<_> = forms
            .iter()
            .map(|f| match f.as_str() {
                "," => tagged("PUNCT", "$,", "_", ","),
                "die" => tagged("PRON", "PRELS", "Case=Nom", "der"),
                "zur" => tagged("ADP", "APPRART", "_", "zu"),
                "gehört" => tagged("VERB", "VVPP", "VerbForm=Part", "hören"),
                "wächst" => tagged("VERB", "VVFIN", "VerbForm=Fin", "wachsen"),
                _ => tagged("NOUN", "NN", "_", f),
            })
            .collect();
        relative_final_participle(&forms, &[false; 9], &mut analyses, &lex);
        assert_eq!(
            (analyses[6].lemma.as_str(), analyses[6].xpos.as_str()),
            ("gehören", "VVFIN")
        );
        let words = [
            "Die", "Firma", ",", "die", "sie", "gekauft", "hat", ",", "wächst",
        ];
        let forms: Vec<String> = words.map(str::to_owned).to_vec();
        let mut analyses: Vec<_> = forms
            .iter()
            .map(|f| match f.as_str() {
                "gekauft" => tagged("VERB", "VVPP", "VerbForm=Part", "kaufen"),
                _ => tagged("NOUN", "NN", "_", f),
            })
            .collect();
        relative_final_participle(&forms, &[false; 9], &mut analyses, &lex);
        assert_eq!(analyses[5].xpos, "VVPP");
    }

    /// "Gestern lobte …" with "lobte" tagged as an adjective: the verb list knows it, the
    /// morphology lexicon knows no adjective "lobte", so it is a verb, with the list's lemma.
    /// "beliebte" is an adjective too and stays one.
    #[test]
    fn a_word_that_can_only_be_a_verb_is_no_adjective() {
        let lex = Lexicon::load(None).unwrap();
        let tagged = |lemma: &str| tagged("ADJ", "ADJA", "Case=Acc|Gender=Masc|Number=Sing", lemma);
        let forms: Vec<String> = ["lobte", "beliebte"].map(str::to_owned).to_vec();
        let mut analyses = vec![tagged("lobt"), tagged("beliebt")];
        mistagged_de(&forms, &[false, false], &mut analyses, &lex);
        let got: Vec<(&str, &str)> = analyses
            .iter()
            .map(|a| (a.upos.as_str(), a.lemma.as_str()))
            .collect();
        assert_eq!(got, [("VERB", "loben"), ("ADJ", "beliebt")]);
    }

    /// "Das Unternehmen konkurriert mit …" with no finite verb and "konkurriert" tagged as an
    /// adjective from a participle: the finite verb. "gekauft" is only a participle, and a
    /// sentence with a finite verb keeps its participles.
    #[test]
    fn a_sentence_without_a_finite_verb_has_one() {
        let lex = Lexicon::load(None).unwrap();
        let run = |words: [&str; 4], feats: &str| {
            let forms: Vec<String> = words.map(str::to_owned).to_vec();
            let mut analyses = vec![
                tagged("DET", "ART", "Case=Nom", "der"),
                tagged("NOUN", "NN", "Case=Nom|Number=Sing", "Unternehmen"),
                tagged("ADJ", "ADJD", "VerbForm=Part", ""),
                match feats {
                    "_" => tagged("PUNCT", "$.", "_", "."),
                    _ => tagged("VERB", "VVFIN", feats, "wachsen"),
                },
            ];
            finite_participle(&forms, &[false; 4], &mut analyses, &lex);
            analyses[2].upos.clone()
        };
        assert_eq!(run(["Das", "Unternehmen", "konkurriert", "."], "_"), "VERB");
        assert_eq!(run(["Das", "Unternehmen", "gekauft", "."], "_"), "ADJ");
        assert_eq!(
            run(
                ["Das", "Unternehmen", "konkurriert", "wächst"],
                "VerbForm=Fin"
            ),
            "ADJ"
        );
    }

    /// "Die Siemens konkurriert mit …" with the verb tagged as an adjective in the present
    /// tense: a verb. An adjective from a participle ("Tense=Past") stays one.
    #[test]
    fn an_adjective_in_the_present_tense_is_a_verb() {
        let lex = Lexicon::load(None).unwrap();
        let tagged = |feats: &str| tagged("ADJ", "ADJD", feats, "");
        let forms: Vec<String> = ["konkurriert", "kombiniert"].map(str::to_owned).to_vec();
        let mut analyses = vec![
            tagged("Tense=Pres|VerbForm=Part"),
            tagged("Tense=Past|VerbForm=Part"),
        ];
        mistagged_de(&forms, &[false, false], &mut analyses, &lex);
        let upos: Vec<&str> = analyses.iter().map(|a| a.upos.as_str()).collect();
        assert_eq!(upos, ["VERB", "ADJ"]);
    }
}
