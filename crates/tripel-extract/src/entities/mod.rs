//! Entity recognition: people, organisations, products and places in one sentence.
//!
//! Rules first: a gazetteer (`entities.tsv`, `places.tsv`), a given-name lexicon, cue words
//! (legal forms, "der Chiphersteller X", "B200-GPUs", "in X") and German morphology; then the
//! learned recognizer of `tripel-analysis` (`learned`), which corrects a rule's name where it
//! is confident of a longer name or another type, and adds the names no rule found.
//! German capitalises every noun, so "capitalised" says little; the noun lexicon tells a
//! capitalised common noun ("Bestellungen") from a name ("Zuckerberg"). Each candidate records
//! the [`Rule`] that made it, whose strength weighs its type against other mentions of the name.
//!
//! [`recognize`] runs the passes in a fixed order, stronger evidence first; each pass claims its
//! tokens. The passes live in one file per family: `organisations` (legal forms, organisation
//! heads, compounds, coordinated names, cue words), `gazetteer`, `products`, `persons`, `places`
//! (site words, demonyms), `english` (capitalised runs, source lines), `handles` (handles,
//! acronyms). This file keeps what they share; `names` keeps what a first pass learned.

pub mod base_form;
mod english;
mod gazetteer;
mod handles;
pub mod learned;
mod names;
mod organisations;
mod persons;
mod places;
mod products;

pub use names::NameMap;
pub use organisations::org_cue_word;

use crate::lexicon::KnownEntity;
use crate::lexicon::Lexicon;
use crate::model::{EntityType, Lang};
use crate::text::numbers::Value;
use crate::text::segment::{Sentence, Token, TokenKind};
use crate::text::{LowerCase, TokensLower};
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use tripel_analysis::NerTags;

/// The recognition rule that made a candidate; [`Rule::as_str`] is its name in debugging output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A social-media handle: "@faznet".
    Handle,
    /// The source of an English monitoring report's source line: "Tokyo NIHON KEIZAI SHIMBUN".
    SourceLine,
    /// Names before a legal form: "Brenner Logistik GmbH".
    LegalForm,
    /// Names before an organisation head: "Deutsche Bank", "Institut für Krisenforschung".
    OrgHead,
    /// An organisation's name with a direction word, country or continent after it: its
    /// regional unit ("Aldi Nord", "Telefónica Deutschland").
    OrgRegion,
    /// A hyphen compound of names with an organisation head: "Max-Planck-Gesellschaft".
    OrgCompound,
    /// A model code: "B200", "A380".
    ModelCode,
    /// The family name before a model code: "Blackwell" in "Blackwell B200".
    ProductFamily,
    /// A name glued to a product noun: "Blackwell-Plattform".
    ProductNounCompound,
    /// A quoted name before a product compound: „Llama“-LLM-Modell.
    QuotedProduct,
    /// A name the gazetteer or the document's learned names know.
    Gazetteer,
    /// A known name as the first part of a compound: "NVIDIA-Chef".
    GazetteerCompound,
    /// The first part of a chief's role compound before a name: "Hermes" in "Hermes-Chef Frank Rausch".
    OrgRoleCompound,
    /// A name after an organisation noun: "der Chiphersteller Quantra".
    OrgCue,
    /// A name after a place noun, which it includes: "Kreuz Weinheim".
    PlaceCue,
    /// An unknown German name after a place preposition: "in Wörnitzstein".
    PlacePreposition,
    /// A place name with a site word: "Berchtesgaden Hbf", "Leonberg-West".
    PlaceHead,
    /// A given name and surname: "Anna Berger".
    GivenName,
    /// A name after a title or role: "Dr. Berger".
    Title,
    /// A lone name next to a verb of saying: "sagte Erdogan".
    Speech,
    /// An English lone name that owns what only a person has: "Kennedy's assassin".
    Possessor,
    /// Two adjacent unknown capitalised German words: "Jensen Huang".
    TwoNames,
    /// An all-caps word: "BVB".
    Acronym,
    /// A German city adjective: "Kölner".
    CityAdjective,
    /// A German demonym adjective: "japanische".
    Demonym,
    /// An unknown name joined to an organisation by "und"/"and": "Daimler und Chrysler".
    OrgCoordinated,
    /// An English run of capitalised words mid-sentence.
    EnglishCapitalised,
    /// A name the learned recognizer found where no rule fired ([`learned`]), or a confident
    /// one that corrects a rule's.
    Learned,
    /// A name the learned recognizer found where no rule fired, with a score below the bar at
    /// which it overrides rules ([`learned::PREFER_SCORE`]): the document's names never take
    /// it over a rule's.
    LearnedTentative,
}

impl Rule {
    /// Whether the learned recognizer made the candidate, confident or tentative.
    pub fn is_learned(self) -> bool {
        matches!(self, Rule::Learned | Rule::LearnedTentative)
    }

    /// The word the parser sees for a name this rule found, of type `kind` (the stand-ins of
    /// `text::syntax::Group`). A city adjective is parsed as an adjective: "Im Leipziger
    /// Versandzentrum" with a city's name in its place reads "im Berlin Versandzentrum", a name
    /// the noun hangs on, so it stands in as the treebank's city adjective (`standin LOCADJ` in
    /// grammar.tsv). A demonym keeps its place's stand-in: parsed as written ("die
    /// amerikanische Firma"), it changed 5 facts on the SmartData training documents, 3 of them
    /// to wrong ones.
    pub fn parsed_as(self, kind: EntityType, lex: &Lexicon, lang: Lang) -> &str {
        match self {
            Rule::CityAdjective => lex
                .place_adjective_stand_in(lang)
                .unwrap_or_else(|| lex.stand_in(kind, lang)),
            _ => lex.stand_in(kind, lang),
        }
    }

    /// The rule's name: "legal-form", "given-name", ...
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Handle => "handle",
            Rule::SourceLine => "source-line",
            Rule::LegalForm => "legal-form",
            Rule::OrgHead => "org-head",
            Rule::OrgCompound => "org-compound",
            Rule::ModelCode => "model-code",
            Rule::ProductFamily => "product-family",
            Rule::ProductNounCompound => "product-noun-compound",
            Rule::QuotedProduct => "quoted-product",
            Rule::Gazetteer => "gazetteer",
            Rule::GazetteerCompound => "gazetteer-compound",
            Rule::OrgRoleCompound => "org-role-compound",
            Rule::OrgCue => "org-cue",
            Rule::OrgRegion => "org-region",
            Rule::PlaceCue => "place-cue",
            Rule::PlacePreposition => "place-preposition",
            Rule::PlaceHead => "place-head",
            Rule::GivenName => "given-name",
            Rule::Title => "title",
            Rule::Speech => "speech",
            Rule::Possessor => "possessor",
            Rule::TwoNames => "two-names",
            Rule::Acronym => "acronym",
            Rule::CityAdjective => "city-adjective",
            Rule::Demonym => "demonym",
            Rule::OrgCoordinated => "org-coordinated",
            Rule::EnglishCapitalised => "english-capitalised",
            Rule::Learned => "learned",
            Rule::LearnedTentative => "learned-tentative",
        }
    }
}

/// A recognised name in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// First token index (within the sentence).
    pub first: usize,
    /// One past the last token index.
    pub last: usize,
    /// Byte span in the document (may be part of a compound token).
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Type.
    pub kind: EntityType,
    /// The name in base form (genitive -s removed where the base is known).
    pub name: String,
    /// Canonical label from the gazetteer, when the name is known.
    pub known: Option<String>,
    /// Which recognition rule fired.
    pub rule: Rule,
    /// For products named after a family ("Blackwell B200"): the family's candidate index.
    pub family: Option<usize>,
    /// Whether the candidate is written as a mention record. A German demonym or city
    /// adjective the name model reads no name on ("die griechischen Inseln") is not: the two
    /// gold standards disagree on such words (`places::demonyms`), but facts may still need
    /// the place ("die Kieler Elbwerft" is headquartered in Kiel).
    pub record: bool,
}

impl Candidate {
    /// How much this candidate's type counts when mentions of one name disagree: explicit
    /// evidence (a legal form, a cue noun, the gazetteer) over guesses from name shape.
    pub fn strength(&self) -> usize {
        match self.rule {
            Rule::LegalForm
            | Rule::OrgHead
            | Rule::OrgCue
            | Rule::OrgCompound
            | Rule::Gazetteer
            | Rule::Handle => 3,
            Rule::GivenName
            | Rule::TwoNames
            | Rule::EnglishCapitalised
            | Rule::Learned
            | Rule::LearnedTentative
            | Rule::Acronym
            | Rule::OrgCoordinated => 1,
            Rule::SourceLine
            | Rule::ModelCode
            | Rule::ProductFamily
            | Rule::ProductNounCompound
            | Rule::QuotedProduct
            | Rule::GazetteerCompound
            | Rule::OrgRoleCompound
            | Rule::OrgRegion
            | Rule::PlaceCue
            | Rule::PlacePreposition
            | Rule::PlaceHead
            | Rule::Title
            | Rule::Speech
            | Rule::Possessor
            | Rule::CityAdjective
            | Rule::Demonym => 2,
        }
    }
}

/// Recognises the entities of one sentence. `values` are the sentence's numbers and dates
/// (their tokens are never names).
pub fn recognize(
    text: &str,
    sent: &Sentence,
    lang: Lang,
    lex: &Lexicon,
    values: &[Value],
    names: Option<&NameMap>,
) -> Vec<Candidate> {
    let memo = SentenceMemo::new(text, sent, lang);
    recognize_with(text, sent, lang, lex, values, names, &memo)
}

/// What recognition finds in a sentence that does not depend on the document's learned names,
/// so both passes over a sentence (without and with the names) can share it: the learned
/// recognizer's spans, and the rules' answers about its tokens. Per sentence rather than per
/// thread and word: `is_common` also depends on the token's position and on the document's
/// text, and a sentence's answers are exact for that sentence.
#[derive(Debug, Clone)]
pub struct SentenceMemo {
    /// The learned recognizer's spans ([`learned::spans`]).
    model: NerTags,
    /// Per token: [`Recognizer::is_common`] not yet asked (0), false (1) or true (2).
    common: Vec<Cell<u8>>,
    /// Per token: the answers to the other questions about the word alone that the rules ask
    /// many times per token and in both passes ([`Asked`]), two bits per question as in
    /// `common`.
    asked: Vec<Cell<u16>>,
    /// The tokens' lower case ([`Recognizer::lower`]), made once per sentence for the value
    /// scan, both passes and the relation units ([`SentenceMemo::lower`]).
    lower: TokensLower,
    /// The gazetteer's answer for a surface string of the sentence's text (the document's
    /// names aside), by where the surface is in the text ([`Recognizer::text_key`]): the same
    /// text in both passes, so the same place is the same string, and the key is made without
    /// copying the string.
    known: RefCell<FxHashMap<u64, KnownHit>>,
    /// Per token: what its text alone says ([`CAP`], [`HYPHEN`]), found once: the passes ask
    /// every token whether it is capitalised or has a hyphen, in both passes.
    shape: Vec<u8>,
    /// Per token: where the first space at or after its start is, as an offset from the start
    /// plus one (0: not asked yet; [`NO_SPACE`]: none before the sentence's end). The gazetteer
    /// pass looks for the first space of every run of words it tries from a token.
    space: Vec<Cell<u32>>,
    /// Per token: whether a legal form starts there and where it ends, and whether it is an
    /// organisation head, for the legal-form pass of both passes ([`LEGAL_ASKED`] and the
    /// rest: `organisations::legal_forms`).
    legal: Vec<Cell<u8>>,
}

/// [`SentenceMemo::legal`]: the token has been asked.
const LEGAL_ASKED: u8 = 1;

/// [`SentenceMemo::shape`]: a word token whose first character is upper case.
const CAP: u8 = 1;
/// [`SentenceMemo::shape`]: the token's text has a hyphen.
const HYPHEN: u8 = 2;
/// [`SentenceMemo::space`]: no space from the token to the sentence's end.
const NO_SPACE: u32 = u32::MAX;

/// The gazetteer's part of a lookup: how it matched, the entry and the base name.
type KnownHit = Option<(GazetteerHit, KnownEntity, String)>;

/// How a surface string matched the gazetteer: as written or in capitals ([`Exact`]), which is
/// tried before the document's names with a possessive ending, or with a genitive ending or
/// adjective inflection ([`Inflected`]), tried after them.
///
/// [`Exact`]: GazetteerHit::Exact
/// [`Inflected`]: GazetteerHit::Inflected
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GazetteerHit {
    Exact,
    Inflected,
}

impl SentenceMemo {
    /// The memo of sentence `sent` of `text`: its learned spans now, the rest as asked.
    pub fn new(text: &str, sent: &Sentence, lang: Lang) -> SentenceMemo {
        SentenceMemo::with_lower(text, sent, lang, TokensLower::new(text, &sent.tokens))
    }

    /// [`Self::new`] with the tokens' lower case made before (for the value scan).
    pub fn with_lower(text: &str, sent: &Sentence, lang: Lang, lower: TokensLower) -> SentenceMemo {
        SentenceMemo {
            model: learned::spans(text, sent, lang),
            common: vec![Cell::new(0); sent.tokens.len()],
            asked: vec![Cell::new(0); sent.tokens.len()],
            lower,
            known: RefCell::default(),
            shape: sent
                .tokens
                .iter()
                .map(|t| {
                    let w = t.text(text);
                    let cap = t.kind == TokenKind::Word
                        && w.chars().next().is_some_and(char::is_uppercase);
                    u8::from(cap) * CAP + u8::from(w.bytes().any(|b| b == b'-')) * HYPHEN
                })
                .collect(),
            space: vec![Cell::new(0); sent.tokens.len()],
            legal: vec![Cell::new(0); sent.tokens.len()],
        }
    }

    /// The sentence's tokens in lower case.
    pub fn lower(&self) -> &TokensLower {
        &self.lower
    }
}

/// A question about a token's word alone whose answer [`SentenceMemo::asked`] keeps: the
/// value is the question's bit offset.
#[derive(Debug, Clone, Copy)]
enum Asked {
    /// [`Recognizer::is_org_cue`].
    OrgCue = 0,
    /// [`Recognizer::is_role_word`].
    RoleWord = 2,
    /// `Recognizer::is_unknown_name` (persons).
    UnknownName = 4,
    /// Whether a gazetteer name of several words may start with the token's word as the
    /// gazetteer pass's runs from the token have it (`Recognizer::may_be_known`): the same for
    /// every run of words from the token and in both passes.
    KnownStart = 6,
    /// [`Recognizer::is_stop_at`]: most passes ask it of most capitalised tokens.
    Stop = 8,
}

/// [`recognize`] with a [`SentenceMemo`] of the sentence (its learned spans among it): the
/// pipeline's two passes share it.
pub fn recognize_with(
    text: &str,
    sent: &Sentence,
    lang: Lang,
    lex: &Lexicon,
    values: &[Value],
    names: Option<&NameMap>,
    memo: &SentenceMemo,
) -> Vec<Candidate> {
    let r = Recognizer {
        text,
        toks: &sent.tokens,
        lang,
        lex,
        names,
        memo,
    };
    let mut taken = vec![false; sent.tokens.len()];
    for v in values {
        for t in taken
            .iter_mut()
            .take(v.last.min(sent.tokens.len()))
            .skip(v.first)
        {
            *t = true;
        }
    }
    let mut out: Vec<Candidate> = Vec::new();
    // Order matters: stronger evidence claims tokens first.
    r.handles(&mut taken, &mut out);
    r.hyphenated_streets(&mut taken, &mut out);
    r.slash_places(&mut taken, &mut out);
    if lang == Lang::En {
        r.source_lines(&mut taken, &mut out);
    }
    r.legal_forms(&mut taken, &mut out);
    r.compound_orgs(&mut taken, &mut out);
    r.products(&mut taken, &mut out);
    r.gazetteer(&mut taken, &mut out);
    r.role_compound_orgs(&mut taken, &mut out);
    r.cued(&mut taken, &mut out, true);
    r.persons(&mut taken, &mut out);
    r.cued(&mut taken, &mut out, false);
    r.acronyms(&mut taken, &mut out);
    r.demonyms(&mut taken, &mut out);
    r.coordinated_orgs(&mut taken, &mut out);
    if lang == Lang::En {
        r.english_names(&mut taken, &mut out);
    }
    r.regional_units(&mut taken, &mut out);
    // Where a confident learned name and a rule's name disagree on extent or type, the
    // better of the two stays (`learned::prefer_learned`); the rules keep everything else.
    let dropped = r.prefer_learned(&memo.model, &mut taken, &mut out);
    // Last: the learned recognizer only claims what no rule took (measured: run after the
    // strong rules instead, it lowers seeds and SmartData relation scores; see evaluation.md).
    r.learned(&memo.model, &mut taken, &mut out);
    // Document order without the dropped candidates; `family` indices are remapped to the
    // sorted positions.
    let mut order: Vec<usize> = (0..out.len())
        .filter(|&i| !dropped.get(i).is_some_and(|&d| d))
        .collect();
    order.sort_by_key(|&i| (out[i].start, out[i].end));
    let mut new_pos = vec![None; out.len()];
    for (pos, &old) in order.iter().enumerate() {
        new_pos[old] = Some(pos);
    }
    let mut sorted: Vec<Candidate> = order.iter().map(|&i| out[i].clone()).collect();
    for c in &mut sorted {
        c.family = c.family.and_then(|f| new_pos[f]);
    }
    sorted
}

/// Removes the candidates marked in `gone` from `out`, keeping the order of the rest and their
/// `family` indices (a family that goes is forgotten).
fn remove_candidates(out: &mut Vec<Candidate>, gone: &[bool]) {
    let mut new_pos = vec![None; out.len()];
    let mut n = 0;
    for (i, pos) in new_pos.iter_mut().enumerate() {
        if !gone[i] {
            *pos = Some(n);
            n += 1;
        }
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    for c in out.iter_mut() {
        c.family = c.family.and_then(|f| new_pos[f]);
    }
}

/// One sentence under recognition: every family file adds its passes in an `impl Recognizer`
/// block.
struct Recognizer<'a> {
    text: &'a str,
    toks: &'a [Token],
    lang: Lang,
    lex: &'a Lexicon,
    names: Option<&'a NameMap>,
    memo: &'a SentenceMemo,
}

/// Helpers that every family of passes shares: token text and case, common words, pushing a
/// candidate, possessives.
impl Recognizer<'_> {
    fn t(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// Whether token `i` is a word that begins with a capital (from the sentence's memo).
    fn is_cap(&self, i: usize) -> bool {
        self.memo.shape.get(i).is_some_and(|s| s & CAP != 0)
    }

    /// Token `i`'s text split at its last hyphen (`str::rsplit_once`), asked of the memo
    /// first: most tokens have none.
    fn split_last_hyphen(&self, i: usize) -> Option<(&str, &str)> {
        self.has_hyphen(i)
            .then(|| self.t(i).rsplit_once('-'))
            .flatten()
    }

    /// Whether token `i`'s text has a hyphen.
    fn has_hyphen(&self, i: usize) -> bool {
        self.memo.shape.get(i).is_some_and(|s| s & HYPHEN != 0)
    }

    /// The offset of the first space in the `len` bytes of the text from token `i`'s start,
    /// as `str::find(' ')` of that text gives it, from the sentence's memo.
    fn space_within(&self, i: usize, len: usize) -> Option<usize> {
        let (tok, cell) = (self.toks.get(i)?, self.memo.space.get(i)?);
        let at = match cell.get() {
            0 => {
                let end = self.toks.last().map_or(tok.start, |t| t.end);
                let found = self.text.as_bytes()[tok.start..end]
                    .iter()
                    .position(|&b| b == b' ')
                    .map_or(NO_SPACE, |p| p as u32 + 1);
                cell.set(found);
                found
            }
            at => at,
        };
        (at != NO_SPACE && ((at - 1) as usize) < len).then(|| (at - 1) as usize)
    }

    /// A function word of any language (der, the, und, ...).
    fn is_stop(&self, w: &str) -> bool {
        if w.chars().any(char::is_uppercase) {
            self.lex.stopwords.contains_key(&w.lower_case())
        } else {
            self.lex.stopwords.contains_key(w)
        }
    }

    /// [`Self::is_stop`] of token `i`, with its lower case from the sentence's memo
    /// ([`Self::lower`]) instead of a new one each time, the answer kept there for both passes.
    fn is_stop_at(&self, i: usize) -> bool {
        self.remember(Asked::Stop, i, || {
            let w = self.t(i);
            if w.chars().any(char::is_uppercase) {
                self.lex.stopwords.contains_key(self.lower(i))
            } else {
                self.lex.stopwords.contains_key(w)
            }
        })
    }

    /// Whether a capitalised word is a common word rather than a name. The rules ask this many
    /// times per token and in both passes, so the answer is kept in the sentence's memo (it
    /// depends only on the sentence, its position and the document's text).
    fn is_common(&self, i: usize) -> bool {
        let Some(cell) = self.memo.common.get(i) else {
            return self.is_common_uncached(i);
        };
        match cell.get() {
            1 => false,
            2 => true,
            _ => {
                let c = self.is_common_uncached(i);
                cell.set(1 + u8::from(c));
                c
            }
        }
    }

    /// The answer to `question` about token `i`, from the sentence's memo or from `answer`
    /// (then kept): like [`Self::is_common`], for questions that depend on the word alone.
    fn remember(&self, question: Asked, i: usize, answer: impl FnOnce() -> bool) -> bool {
        let Some(cell) = self.memo.asked.get(i) else {
            return answer();
        };
        let shift = question as u16;
        match (cell.get() >> shift) & 3 {
            1 => false,
            2 => true,
            _ => {
                let a = answer();
                cell.set(cell.get() | ((1 + u16::from(a)) << shift));
                a
            }
        }
    }

    /// Token `i` in lower case ("" past the sentence's end), lower-cased once per sentence:
    /// the rules ask for it many times per token and in both passes.
    fn lower(&self, i: usize) -> &str {
        self.memo.lower.get(i)
    }

    fn is_common_uncached(&self, i: usize) -> bool {
        let w = self.t(i);
        if self.is_stop_at(i) {
            return true;
        }
        // Every test here is a lookup and the answer is the same in any order: after the stop
        // words (the capitalised articles at a sentence's start), the common nouns, which most
        // capitalised German words are, before the six lists, which few of them are in.
        // An all-caps word is an acronym, never a German noun ("NVIDIA", "BASF").
        let noun = self.lang == Lang::De && {
            let all_caps = w
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            !all_caps && self.is_noun_form(w)
        };
        if noun
            || self.lex.months.contains_key(w)
            || self.lex.titles.contains(w)
            || self.lex.not_name.contains(w)
        {
            return true;
        }
        let lower = self.lower(i);
        // An article or possessive, capitalised as the polite "Ihren" or at a sentence's
        // start, is no name: "bei Ihrer Anmeldung" names no place.
        if self.lex.roles.contains_key(lower)
            || self.lex.org_nouns.contains(lower)
            || self.lex.determiners.contains(lower)
        {
            return true;
        }
        match self.lang {
            Lang::De => {
                // (A noun returned above.) "S-Bahn", "KI-Forschung": a hyphen compound is as
                // common as its head.
                w.rsplit_once('-')
                    .is_some_and(|(_, head)| self.is_noun_form(head))
                    || (i == 0 && self.lex.words_en.contains(lower) && w.len() < 4)
                    || (i == 0 && self.is_sentence_initial_common_de(w))
            }
            Lang::En => {
                // Mid-sentence capitals are names; at the start, a dictionary word is not.
                (i == 0
                    || self.toks[i - 1].kind == TokenKind::Punct
                        && matches!(self.t(i - 1), "\"" | "“" | "(" | ":"))
                    && self.lex.words_en.contains(lower)
            }
        }
    }

    /// A German noun, also in a dative or genitive form the noun list may lack.
    fn is_noun_form(&self, w: &str) -> bool {
        self.lex.is_noun_form_de(w)
    }

    /// German sentence-initial capitalisation of adverbs, pronouns and verbs ("Darüber", "Wir").
    fn is_sentence_initial_common_de(&self, w: &str) -> bool {
        let lower = w.lower_case();
        // Lower-case German words are not in the noun list; the stopword list covers the most
        // frequent. Others: a word that also occurs in lower case elsewhere in the text, or
        // that the name model's training text writes in lower case ("Am", "Alle", "Hierzu").
        self.text.contains(&format!(" {lower} ")) || learned::writes_lower(Lang::De, &lower)
    }

    /// Whether the learned recognizer reads token `i` as part of a name, of any type and
    /// score: where it reads none, a rule that knows a name only by its shape (an acronym,
    /// two unknown capitalised words) is mostly wrong.
    fn read_as_name(&self, i: usize) -> bool {
        self.read_as_one_name(i, i + 1)
    }

    /// Whether the learned recognizer reads tokens `first..last` as parts of one name, of any
    /// type and score.
    fn read_as_one_name(&self, first: usize, last: usize) -> bool {
        (0..self.memo.model.len()).any(|k| {
            let (a, b, _) = self.memo.model.span(k);
            a <= first && last <= b
        })
    }

    /// Whether token `i` may be part of a name.
    fn is_name_word(&self, i: usize) -> bool {
        self.is_cap(i) && !self.is_common(i)
    }

    /// Pushes token `i` whole, named by its own text.
    fn push_token(
        &self,
        out: &mut Vec<Candidate>,
        taken: &mut [bool],
        i: usize,
        kind: EntityType,
        rule: Rule,
    ) -> usize {
        let (start, end) = (self.toks[i].start, self.toks[i].end);
        let name = self.t(i).to_owned();
        self.push(out, taken, (i, i + 1, start, end), kind, name, None, rule)
    }

    // Every argument is a distinct property of the candidate; a builder would only add noise.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Candidate>,
        taken: &mut [bool],
        span: (usize, usize, usize, usize),
        kind: EntityType,
        name: String,
        known: Option<String>,
        rule: Rule,
    ) -> usize {
        let (first, last, start, end) = span;
        for t in taken.iter_mut().take(last).skip(first) {
            *t = true;
        }
        // Whatever rule found it, a name the document established resolves to its entity
        // ("Euler" after "Klaus Euler").
        let known = known.or_else(|| {
            self.names
                .and_then(|n| n.get(&name))
                .filter(|k| k.kind == kind && k.label != name)
                .map(|k| k.label.clone())
        });
        out.push(Candidate {
            first,
            last,
            start,
            end,
            kind,
            name,
            known,
            rule,
            family: None,
            record: true,
        });
        out.len() - 1
    }

    fn free(&self, taken: &[bool], a: usize, b: usize) -> bool {
        b <= self.toks.len() && (a..b).all(|i| !taken[i])
    }

    /// English: the length of the possessive ending ("'s") that `surface` adds to `name`. It
    /// stays outside the mention, so patterns see it as a word ("Beijing" "'s" "Tiananmen Square").
    fn possessive_len(&self, surface: &str, name: &str) -> usize {
        if self.lang != Lang::En {
            return 0;
        }
        ["'s", "’s", "'", "’"]
            .iter()
            .find(|p| surface.strip_suffix(*p) == Some(name))
            .map_or(0, |p| p.len())
    }

    /// English: token `i` is a possessive ("Mulroney's").
    fn ends_possessive(&self, i: usize) -> bool {
        self.possessive_bytes(i) > 0
    }

    /// English: token `i` is a possessive before a noun only a person has ("Kennedy's
    /// assassin", "Dole's wife"; grammar.tsv `personpossessed`).
    fn owns_personal_noun(&self, i: usize) -> bool {
        self.ends_possessive(i) && self.lex.person_possessed.has(Lang::En, self.lower(i + 1))
    }

    /// English: the byte length of token `i`'s possessive ending, 0 if it has none.
    fn possessive_bytes(&self, i: usize) -> usize {
        let w = self.t(i);
        if self.lang != Lang::En || w.chars().count() <= 2 {
            return 0;
        }
        ["'s", "’s"]
            .iter()
            .find(|p| w.ends_with(*p))
            .map_or(0, |p| p.len())
    }

    /// The type the gazetteer or the document's learned names give a word, if any.
    fn known_kind(&self, w: &str) -> Option<EntityType> {
        let base = w.strip_suffix('s').unwrap_or(w);
        [w, base].iter().find_map(|x| {
            self.lex
                .known
                .get(*x)
                .or_else(|| self.names.and_then(|n| n.get(x)))
                .map(|k| k.kind)
        })
    }

    /// A German compound whose head is a known noun ("Kundenvermögen" → "Vermögen"). Only the
    /// weak rules ask this: many surnames are noun compounds too ("Zuckerberg").
    fn is_compound_noun(&self, w: &str) -> bool {
        self.lang == Lang::De && self.lex.is_compound_noun_de(w)
    }

    fn is_role_word(&self, i: usize) -> bool {
        self.remember(Asked::RoleWord, i, || {
            let lower = self.lower(i);
            role_compound(lower, self.lex, self.lang).is_some()
        })
    }
}

/// The predicate of a role compound: "Konzernchef" → ceoOf via "chef", "NVIDIA-Chef" → ceoOf.
pub fn role_compound(lower: &str, lex: &Lexicon, lang: Lang) -> Option<String> {
    if let Some(p) = listed_role(lower, lex, lang) {
        return Some(p.clone());
    }
    // After the last hyphen ("nvidia-chef"); a word without one was asked just now.
    if let Some(h) = lower.bytes().rposition(|b| b == b'-') {
        if let Some(p) = listed_role(&lower[h + 1..], lex, lang) {
            return Some(p.clone());
        }
    }
    // Heads of at least four letters ("chef", "gründer", "sprecher") after a noun of at least
    // four: the longest head wins ("Vorstandschef" is a "chef", not a "hef"); a feminine head
    // as its masculine ("Generalsekretärin").
    let head = |w: &str| lex.role_head_in(w).cloned();
    head(lower).or_else(|| masculine(lower, lex, lang).find_map(head))
}

/// A role noun of `roles.tsv`, or a feminine (`feminine` in grammar.tsv) of one that is listed
/// only in the masculine ("Generalsekretärin", "Geschäftsführerin").
pub fn listed_role<'a>(lower: &str, lex: &'a Lexicon, lang: Lang) -> Option<&'a String> {
    lex.roles.get(lower).or_else(|| {
        masculine(lower, lex, lang)
            .filter(|stem| stem.chars().count() >= 4)
            .find_map(|stem| lex.roles.get(stem))
    })
}

/// The word without each of the language's feminine endings it has.
fn masculine<'w>(
    lower: &'w str,
    lex: &'w Lexicon,
    lang: Lang,
) -> impl Iterator<Item = &'w str> + 'w {
    lex.feminine_endings
        .of(lang)
        .filter_map(move |e| lower.strip_suffix(e))
}

/// Test support for the family files: recognise invented sentences with the embedded lexicon.
#[cfg(test)]
mod testing {
    use super::{recognize, Rule};
    use crate::lexicon::Lexicon;
    use crate::model::{EntityType, Lang};
    use std::sync::OnceLock;

    /// One candidate as a test sees it.
    #[derive(Debug, Clone, PartialEq)]
    pub(super) struct Found {
        /// The text the candidate spans.
        pub span: String,
        /// Its name in base form.
        pub name: String,
        pub kind: EntityType,
        pub rule: Rule,
    }

    /// The embedded lexicon, loaded once for all tests.
    pub(super) fn lexicon() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::load(None).expect("embedded lexicon"))
    }

    /// The candidates themselves, of every sentence of `text`, in document order.
    pub(super) fn candidates_full(text: &str, lang: Lang) -> Vec<super::Candidate> {
        let lex = lexicon();
        let mut found = Vec::new();
        for s in crate::text::segment::sentences(text, lex) {
            let values = crate::text::numbers::scan(text, &s.tokens, lang, lex);
            found.extend(recognize(text, &s, lang, lex, &values, None));
        }
        found
    }

    /// The candidates of every sentence of `text`, in document order.
    pub(super) fn candidates(text: &str, lang: Lang) -> Vec<Found> {
        let lex = lexicon();
        let mut found = Vec::new();
        for s in crate::text::segment::sentences(text, lex) {
            let values = crate::text::numbers::scan(text, &s.tokens, lang, lex);
            for c in recognize(text, &s, lang, lex, &values, None) {
                found.push(Found {
                    span: text[c.start..c.end].to_owned(),
                    name: c.name,
                    kind: c.kind,
                    rule: c.rule,
                });
            }
        }
        found
    }

    /// The candidate spanning exactly `span`; panics with all candidates if there is none.
    pub(super) fn find(text: &str, lang: Lang, span: &str) -> Found {
        let all = candidates(text, lang);
        all.iter()
            .find(|f| f.span == span)
            .cloned()
            .unwrap_or_else(|| panic!("no candidate {span:?} in {text:?}: {all:#?}"))
    }

    /// Asserts a candidate spanning `span` with type `kind` made by `rule`.
    pub(super) fn expect(text: &str, lang: Lang, span: &str, kind: EntityType, rule: Rule) {
        let f = find(text, lang, span);
        assert_eq!((f.kind, f.rule), (kind, rule), "{span:?} in {text:?}");
    }

    /// Asserts that the candidate spanning exactly `span`, if there is one, is not of type
    /// `kind`.
    pub(super) fn expect_not(text: &str, lang: Lang, span: &str, kind: EntityType) {
        let found = candidates(text, lang)
            .into_iter()
            .find(|f| f.span == span)
            .map(|f| f.kind);
        assert_ne!(found, Some(kind), "{span:?} in {text:?}");
    }

    /// Asserts that no rule's candidate covers `word` (these tests are about the rules; what
    /// the learned recognizer adds is tested in `learned`).
    pub(super) fn expect_none(text: &str, lang: Lang, word: &str) {
        let all = candidates(text, lang);
        assert!(
            all.iter()
                .all(|f| f.rule.is_learned() || !f.span.contains(word)),
            "unexpected candidate for {word:?} in {text:?}: {all:#?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{Candidate, Rule};
    use crate::model::EntityType;

    fn candidate(rule: Rule) -> Candidate {
        Candidate {
            first: 0,
            last: 1,
            start: 0,
            end: 4,
            kind: EntityType::Organization,
            name: "Name".to_owned(),
            known: None,
            rule,
            family: None,
            record: true,
        }
    }

    #[test]
    fn rule_names_and_strengths() {
        assert_eq!(Rule::LegalForm.as_str(), "legal-form");
        assert_eq!(Rule::EnglishCapitalised.as_str(), "english-capitalised");
        assert_eq!(candidate(Rule::Gazetteer).strength(), 3);
        assert_eq!(candidate(Rule::PlaceCue).strength(), 2);
        assert_eq!(candidate(Rule::Acronym).strength(), 1);
    }
}
