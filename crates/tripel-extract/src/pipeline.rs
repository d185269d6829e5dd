//! One document in, mentions and facts out. Pure: no I/O, no store.
//!
//! [`Extractor`] owns the loaded language data and runs the stages in order:
//! language detection → segmentation → entity recognition → resolution → relation patterns →
//! calibration (each fact's confidence becomes its family's observed precision).

use crate::calibration::{Calibration, Family};
use crate::entities::{base_form, recognize_with, Candidate, NameMap, Rule, SentenceMemo};
use crate::lexicon::{Lexicon, LexiconError};
use crate::model::{
    Amount, Antecedent, Argument, Datatype, Document, Entity, EntityArg, EntityKey, EntityType,
    Extraction, Fact, Lang, LiteralArg, Mention, Span,
};
use crate::relations::args;
use crate::relations::coref::{self, Discourse};
use crate::relations::frames::{self, Frames};
use crate::relations::nouns::{self, NounFrames};
use crate::relations::patterns::{self, Pattern};
use crate::relations::report;
use crate::relations::{self, unknown, Arg, Context, RawFact, ValueClass};
use crate::resolve::{group, Resolved};
use crate::text::lang::{detect, Detected};
use crate::text::numbers::{scan_with, Value, ValueKind};
use crate::text::segment::{sentences, CharIndex, Sentence};
use crate::text::syntax::{self, Syntax, Word};
use crate::text::tag_gate::TagGate;
use crate::text::{LowerCase, TokensLower};
use rayon::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Every qualifier key a fact can carry ([`Fact::qualifiers`]). The RDF mapping writes each as
/// the property `tri:<key>`, so each is declared in `data/ontology.ttl` (a test checks it); the
/// pipeline adds qualifiers only through this list.
///
/// * `min`, `max`: the bounds of an amount object (money or a range);
/// * `currency`: the ISO 4217 code of a money object;
/// * `quantity`, `quantity_max`: a quantity bound with `:q` (its upper bound, for a range);
/// * `date`, `until`: a date bound with `:d` (`until` after a deadline word: "bis Ende 2024");
/// * `modality`: `intention` or `possibility`, when a frame's verb is under a modal or a verb of
///   intention ("will … übernehmen", "plant, … zu übernehmen"); `former` for a post its holder
///   held before ("der frühere Chef der Nordlicht GmbH", `Lexicon::post_qualifier`);
/// * `reported`: `true` when the sentence reports what a source says rather than stating it
///   ("Laut einem Bericht des Handelsblatts …", "Medienberichten zufolge …", "Daimler soll
///   Mahle übernommen haben", "reportedly"; `relations::report`);
/// * `reportedBy`: the label of the organisation or person the sentence names as its source.
pub const QUALIFIERS: &[&str] = &[
    "modality",
    "reported",
    "reportedBy",
    "min",
    "max",
    "currency",
    "quantity",
    "quantity_max",
    "date",
    "until",
];

/// Settings for an [`Extractor`].
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// Facts below this confidence (the calibrated one the output shows) are dropped.
    pub min_confidence: f32,
    /// A folder whose lexicon/pattern files override the embedded ones (same file names).
    pub lexicon_dir: Option<PathBuf>,
    /// Whether verbs without a frame still relate two entities as open relations
    /// ([`crate::relations::frames::Frames::open_relations`]); on by default.
    pub open_relations: bool,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        ExtractConfig {
            min_confidence: 0.0,
            lexicon_dir: None,
            open_relations: true,
        }
    }
}

/// The confidence of an open relation: its observed precision, 24 of 46 judged by hand on
/// SmartData training documents (docs/frames.md, "Open relations"). No gold judges open
/// relations, so `data/calibration.tsv` has no family for them and this number stays.
pub const OPEN_CONFIDENCE: f32 = 0.5;

/// The confidence of a byline's author working for the dateline's news agency, before
/// calibration (`data/calibration.tsv` maps it to the worksFor family's observed precision),
/// as for a pattern across a gap (data/patterns/de.patterns).
const BYLINE_CONFIDENCE: f32 = 0.7;

/// The confidence of a place after a city adjective being in that city, before calibration, as
/// for a tight pattern with both names (data/patterns/de.patterns).
const CITY_ADJECTIVE_CONFIDENCE: f32 = 0.8;

/// The confidence of a company's unit named after it being part of it ("Nordlicht Supply GmbH"
/// beside "Nordlicht GmbH"), before calibration, as for a tight pattern with both names.
const UNIT_NAME_CONFIDENCE: f32 = 0.8;

/// The extraction pipeline with its language data loaded.
///
/// ```
/// use tripel_extract::{Argument, Document, ExtractConfig, Extractor};
/// let ex = Extractor::new(ExtractConfig::default()).unwrap();
/// let doc = Document { id: "a.txt".into(), text: "Mark Zuckerberg, CEO von Meta, traf sich mit Jensen Huang.".into() };
/// let out = ex.extract(&doc);
/// let ceo = out.facts.iter().find(|f| f.predicate == "ceoOf").unwrap();
/// match (&ceo.subject, &ceo.object) {
///     (Argument::Entity(s), Argument::Entity(o)) => assert_eq!((s.label.as_str(), o.label.as_str()), ("Mark Zuckerberg", "Meta")),
///     _ => unreachable!(),
/// }
/// ```
#[derive(Debug)]
pub struct Extractor {
    config: ExtractConfig,
    lex: Lexicon,
    patterns: Vec<(Lang, Vec<Pattern>)>,
    /// Per language, its patterns ([`patterns_of`]) by anchor word.
    anchor_index: Vec<(Lang, relations::AnchorIndex)>,
    frames: Vec<(Lang, Frames)>,
    nouns: Vec<(Lang, NounFrames)>,
    /// Per language (German, English), the words that can get a frame's lemma, made at the
    /// first sentence that would be tagged (it loads the tagger): [`TagGate`].
    tag_gates: [OnceLock<TagGate>; 2],
    calibration: Calibration,
}

/// The patterns of `lang`, in load order: the list [`relations::extract`] runs and its
/// [`relations::AnchorIndex`] is made from.
pub(crate) fn patterns_of(patterns: &[(Lang, Vec<Pattern>)], lang: Lang) -> Vec<&Pattern> {
    patterns
        .iter()
        .filter(|(l, _)| *l == lang)
        .flat_map(|(_, ps)| ps)
        .collect()
}

/// A document after segmentation and the first recognition pass.
struct Prepared<'a> {
    doc: &'a Document,
    lang: Option<Lang>,
    sentences: Vec<Sentence>,
    values: Vec<Vec<Value>>,
    /// Per sentence, what recognition found that does not depend on the names (the learned
    /// spans among it): computed in the first pass, used by both.
    memos: Vec<SentenceMemo>,
    names: NameMap,
}

impl Extractor {
    /// Loads the embedded language data (or the overrides in `config.lexicon_dir`).
    pub fn new(config: ExtractConfig) -> Result<Self, LexiconError> {
        let lex = Lexicon::load(config.lexicon_dir.as_deref())?;
        let pats = patterns::load(&lex.patterns, &lex.ontology)?;
        let mut frames = lex
            .frames
            .iter()
            .map(|(file, text)| Frames::parse(file, text, &lex.ontology))
            .collect::<Result<Vec<_>, _>>()?;
        let mut nouns = lex
            .noun_frames
            .iter()
            .map(|(file, text)| NounFrames::parse(file, text, &lex.ontology))
            .collect::<Result<Vec<_>, _>>()?;
        for (lang, frames) in &mut nouns {
            frames.add_roles(&lex, *lang);
        }
        for (lang, frames) in &mut frames {
            frames.set_verb_prefixes(lex.verb_prefixes.of(*lang));
        }
        let calibration = Calibration::parse("calibration.tsv", &lex.calibration)?;
        let anchor_index = [Lang::De, Lang::En]
            .into_iter()
            .map(|lang| (lang, relations::AnchorIndex::new(&patterns_of(&pats, lang))))
            .collect();
        Ok(Self {
            config,
            lex,
            patterns: pats,
            anchor_index,
            frames,
            nouns,
            tag_gates: Default::default(),
            calibration,
        })
    }

    /// This extractor with another calibration table; [`Calibration::none`] keeps every rule's
    /// own confidence (what `tripel-calibrate` judges and compares against).
    pub fn with_calibration(mut self, calibration: Calibration) -> Self {
        self.calibration = calibration;
        self
    }

    /// The configuration this extractor runs with.
    pub fn config(&self) -> &ExtractConfig {
        &self.config
    }

    /// The loaded language data.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Extracts one document. The result is a function of the document's text and the loaded
    /// language data alone: no other document changes it (issue 11, "the same document, the
    /// same facts"). Names cross documents only as identities, apart from the documents'
    /// graphs: see [`crate::identity`].
    pub fn extract(&self, doc: &Document) -> Extraction {
        self.finish(self.prepare(doc), None).0
    }

    /// [`Self::extract`], and for each fact (in the same order) its calibration family: how it
    /// was found, and the rule's own confidence. `tripel-calibrate` judges facts by family.
    pub fn extract_with_families(&self, doc: &Document) -> (Extraction, Vec<Family>) {
        self.finish(self.prepare(doc), None)
    }

    /// Extracts one document with only the rule `rule` active (a pattern's or frame's id,
    /// `de/buys/kauft`): the facts it reads on its own, none hidden behind the same fact from
    /// another rule. Each pattern's example is tested this way.
    pub fn extract_rule(&self, doc: &Document, rule: &str) -> Extraction {
        self.finish(self.prepare(doc), Some(rule)).0
    }

    /// Extracts several documents on every available core (rayon's pool; `RAYON_NUM_THREADS`
    /// or the caller's pool sets the thread count). Each document is extracted on its own, so
    /// the results, in input order, are the same for any thread count, batch size or order.
    pub fn extract_batch(&self, docs: &[Document]) -> Vec<Extraction> {
        docs.par_iter().map(|d| self.extract(d)).collect()
    }

    fn prepare<'a>(&self, doc: &'a Document) -> Prepared<'a> {
        let lang = match detect(&doc.text, &self.lex) {
            Detected::Supported(l) => Some(l),
            Detected::Other(_) => None,
        };
        let sents = sentences(&doc.text, &self.lex);
        let mut values = Vec::with_capacity(sents.len());
        let mut names = NameMap::default();
        let mut memos = Vec::with_capacity(sents.len());
        if let Some(lang) = lang {
            for s in &sents {
                // The tokens' lower case, made once for the value scan, both recognition
                // passes and the relation units.
                let lower = TokensLower::new(&doc.text, &s.tokens);
                let v = scan_with(&doc.text, &s.tokens, &lower, lang, &self.lex);
                let memo = SentenceMemo::with_lower(&doc.text, s, lang, lower);
                let cands = recognize_with(&doc.text, s, lang, &self.lex, &v, None, &memo);
                memos.push(memo);
                names.learn(&cands, &self.lex);
                values.push(v);
            }
        }
        Prepared {
            doc,
            lang,
            sentences: sents,
            values,
            memos,
            names,
        }
    }

    /// `only`: keep the facts of this rule alone ([`Self::extract_rule`]).
    fn finish(&self, p: Prepared<'_>, only: Option<&str>) -> (Extraction, Vec<Family>) {
        let text = &p.doc.text;
        let chars = CharIndex::new(text);
        let span = |s: usize, e: usize| Span {
            start: chars.chars(s),
            end: chars.chars(e),
        };
        let sentence_spans = p.sentences.iter().map(|s| span(s.start, s.end)).collect();
        let Some(lang) = p.lang else {
            let nothing = Extraction {
                lang: None,
                sentences: sentence_spans,
                ..Extraction::default()
            };
            return (nothing, Vec::new());
        };
        // Recognise with the learned names; collect every mention of the document.
        let per_sentence: Vec<Vec<Candidate>> = p
            .sentences
            .iter()
            .zip(&p.values)
            .zip(&p.memos)
            .map(|((s, v), memo)| recognize_with(text, s, lang, &self.lex, v, Some(&p.names), memo))
            .collect();
        let mut flat: Vec<(String, EntityType, String, usize)> = per_sentence
            .iter()
            .flatten()
            .map(|c| {
                // A name broken over a line or written with two spaces ("Zane  Holtz") is
                // labelled with one space between its words.
                (
                    one_space(c.known.as_ref().unwrap_or(&c.name)),
                    c.kind,
                    one_space(&text[c.start..c.end]),
                    c.strength(),
                )
            })
            .collect();
        // Labels in their base form ("der Deutschen Bahn" is "Deutsche Bahn", "Reals" is
        // "Real" when the document names Real): the word before each mention tells the case.
        let before: Vec<Option<&str>> = p
            .sentences
            .iter()
            .zip(&per_sentence)
            .flat_map(|(s, cands)| {
                cands
                    .iter()
                    .map(|c| base_form::word_before(text, &s.tokens, c.first, c.start))
            })
            .collect();
        base_form::base_forms(&mut flat, &before, lang, &self.lex);
        let (mut entities, mut entity_of) = group(&flat);
        // Mention records: (byte start, byte end, entity index), document order per sentence.
        let mut mention_spans: Vec<(usize, usize)> = Vec::with_capacity(flat.len());
        // Whether each is written as a mention record (`Candidate::record`); relations see
        // them all.
        let mut recorded: Vec<bool> = Vec::with_capacity(flat.len());
        for c in per_sentence.iter().flatten() {
            mention_spans.push((c.start, c.end));
            recorded.push(c.record);
        }

        // Relations, sentence by sentence, with a little discourse context.
        let pats = patterns_of(&self.patterns, lang);
        let anchor_index = self
            .anchor_index
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, i)| i)
            .expect("an anchor index per language");
        let frames = self
            .frames
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, f)| f)
            .filter(|f| !f.frames.is_empty());
        let nouns = self
            .nouns
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, f)| f)
            .filter(|f| !f.frames.is_empty());
        let mut ctx = Context::default();

        let mut raw: Vec<(usize, RawFact)> = Vec::new();
        // Per sentence, the report it is, if it is one (`relations::report`): its facts are
        // marked `reported`, and a name in the phrase of its source fills no slot beside a name
        // outside it.
        let mut reports: Vec<Option<report::Report>> = vec![None; p.sentences.len()];
        let mut role_holders: Vec<RoleHolder> = Vec::new();
        // Organisations that are no company (parties, unions, authorities): their chiefs lead.
        let mut noncompany: HashSet<usize> = HashSet::new();
        // The organisation the document is about: named at least twice, and at least twice as
        // often as any other (news agencies of datelines and bylines not counted). A bare role
        // ("Vorstandschefin Marissa Mayer") is its, and a description prefers it.
        // News agencies (`agency` in entities.tsv), named for their reports.
        let agency: Vec<bool> = entities
            .iter()
            .map(|e| self.lex.news_agencies.contains(&e.label.lower_case()))
            .collect();
        let main_org = {
            let mut counts: HashMap<usize, (usize, usize)> = HashMap::new();
            for (m, &e) in entity_of.iter().enumerate() {
                if entities[e].kind == EntityType::Organization && !agency[e] {
                    counts.entry(e).or_insert((0, m)).0 += 1;
                }
            }
            let mut ranked: Vec<(usize, usize)> = counts.into_values().collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            match ranked[..] {
                [(n, m)] | [(n, m), ..] if n >= 2 && ranked.get(1).is_none_or(|r| n >= 2 * r.0) => {
                    Some(m)
                }
                _ => None,
            }
        };
        // The organisation a bare role ("Konzernchef Stefan Brandl sagte …") belongs to: the
        // document's own, else the one organisation the document names at all ("Der
        // Chemiekonzern Halder will seine Sparte verkaufen. … Konzernchef …"). A second
        // organisation, named once, makes a bare role ambiguous: then none; so does a single
        // one that is no company (below, where the sentences say which are).
        let role_org = main_org.or_else(|| {
            let mut orgs = entity_of
                .iter()
                .enumerate()
                .filter(|&(_, &e)| entities[e].kind == EntityType::Organization && !agency[e]);
            let (m, &e) = orgs.next()?;
            orgs.all(|(_, &o)| o == e).then_some(m)
        });
        // What kind of organisation each one of the document is, by the words that name it:
        // the last word of its label ("Deutsche Bahn": "bahn") and the noun written right
        // before a mention ("die Gewerkschaft Verdi"), lower case. A role compound whose first
        // part is such a common noun ("Bahnchef", `kind_role`) names the one organisation of
        // its kind. With each organisation, its first mention.
        let org_kinds: Vec<(usize, usize, Vec<String>)> = {
            let mut kinds: BTreeMap<usize, (usize, Vec<String>)> = BTreeMap::new();
            let mut first = 0;
            for (s, cands) in p.sentences.iter().zip(&per_sentence) {
                for (k, c) in cands.iter().enumerate() {
                    let e = entity_of[first + k];
                    if entities[e].kind != EntityType::Organization || agency[e] {
                        continue;
                    }
                    let entry = kinds.entry(e).or_insert_with(|| {
                        let label = &entities[e].label;
                        let name = self.lex.name_without_legal_form(label).unwrap_or(label);
                        let last = name.rsplit(' ').next().unwrap_or_default().lower_case();
                        (first + k, vec![last])
                    });
                    let before = s.tokens.iter().rev().find(|t| t.end <= c.start);
                    if let Some(t) = before {
                        let word = &text[t.start..t.end];
                        if word.starts_with(char::is_uppercase) && word.chars().count() >= 4 {
                            entry.1.push(word.lower_case());
                        }
                    }
                }
                first += cands.len();
            }
            kinds.into_iter().map(|(e, (m, k))| (e, m, k)).collect()
        };
        let mut discourse = Discourse::new(&self.lex, lang);
        discourse.set_main(main_org.map(|m| entity_of[m]));
        let mut first_mention = 0;
        // The authors of a byline sentence, for the dateline of the sentence after it.
        let mut byline: Vec<usize> = Vec::new();
        // The company the last strike sentence named as struck ("Die Flugbegleiter der
        // Nordwind setzen ihren Streik fort"): a later strike sentence that names none and
        // gives sites is about it, as about the document's company.
        let mut last_struck: Option<usize> = None;
        // Provisional words so far (their indices), and those a frame typed: (index, byte
        // span, the typing frame's id).
        let mut provisional_count = 0usize;
        let mut typed_words: Vec<(usize, usize, usize, String)> = Vec::new();
        for (si, (s, cands)) in p.sentences.iter().zip(&per_sentence).enumerate() {
            let families: HashSet<usize> = cands.iter().filter_map(|c| c.family).collect();
            let ms: Vec<(usize, usize, usize, EntityType)> = cands
                .iter()
                .enumerate()
                .filter(|(k, _)| !families.contains(k))
                .map(|(k, c)| {
                    let m = first_mention + k;
                    // A model with its family ("Hopper H100") is one unit, the model.
                    let start = c.family.map_or(c.start, |f| cands[f].start);
                    (start, c.end, m, entities[entity_of[m]].kind)
                })
                .collect();
            let vals: Vec<(usize, usize, ValueClass)> = p.values[si]
                .iter()
                .map(|v| {
                    let class = match v.kind {
                        ValueKind::Money { .. } => ValueClass::Money,
                        ValueKind::Quantity { .. } => ValueClass::Quantity,
                        ValueKind::Date { .. } => ValueClass::Date,
                    };
                    (v.first, v.last, class)
                })
                .collect();
            // A byline above a dateline: "von Andreas Framke und Peter Maushagen" / "Frankfurt
            // (Reuters) - …": the authors work for the news agency of the dateline. The fact's
            // evidence is the byline; the agency is named in the next sentence.
            // Only after a byline: most sentences need not look for a dateline.
            let dateline = if byline.is_empty() {
                0
            } else {
                syntax::dateline_end(text, s, &self.lex)
            };
            let agency_of_dateline = (dateline > 0)
                .then(|| {
                    let before = s.tokens[dateline - 1].start;
                    ms.iter().find(|m| {
                        m.1 <= before && m.3 == EntityType::Organization && agency[entity_of[m.2]]
                    })
                })
                .flatten();
            if let (Some(a), Some(prev)) = (agency_of_dateline, si.checked_sub(1)) {
                for &author in &byline {
                    raw.push((
                        prev,
                        RawFact {
                            predicate: "worksFor".to_owned(),
                            subject: Arg::Mention(author),
                            object: Arg::Antecedent(a.2, None),
                            quantity: None,
                            date: None,
                            confidence: BYLINE_CONFIDENCE,
                            rule: format!("{lang}/worksFor/byline-dateline"),
                            modality: None,
                            open: false,
                        },
                    ));
                }
            }
            byline = byline_authors(text, s, &ms, &self.lex, lang);
            // A city adjective right before a place names the town it is in: "am Berliner
            // Alexanderplatz", "im Münchner Olympiapark". Only the adjective (`CityAdjective`),
            // not any two names side by side ("Syrien Deutschland" in a list of tags).
            for pair in ms.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                // Only in the form it has before a noun (`cityadjform` in grammar.tsv):
                // "Bayern München" is a club, not a place in a "Bay".
                let adjective = cands[a.2 - first_mention].rule == Rule::CityAdjective
                    && (self.lex.city_adjective_forms.of(lang))
                        .any(|e| text[a.0..a.1].ends_with(e));
                let adjacent = text[a.1..b.0].chars().all(|c| c == ' ');
                if adjective
                    && adjacent
                    && a.1 < b.0
                    && b.3 == EntityType::Place
                    && entity_of[a.2] != entity_of[b.2]
                {
                    raw.push((
                        si,
                        RawFact {
                            predicate: "locatedIn".to_owned(),
                            subject: Arg::Mention(b.2),
                            object: Arg::Mention(a.2),
                            quantity: None,
                            date: None,
                            confidence: CITY_ADJECTIVE_CONFIDENCE,
                            rule: format!("{lang}/locatedIn/city-adjective"),
                            modality: None,
                            open: false,
                        },
                    ));
                }
            }
            let low = p.memos[si].lower();
            let units = relations::units(text, &s.tokens, low, &ms, &vals, lang, &self.lex);
            reports[si] = report::read(&units, &self.lex, lang);
            for f in relations::extract(&units, &pats, anchor_index, ctx, &self.lex, lang) {
                // An elided first part ("auf Wohnungs- und Altbausanierung") is no thing of
                // its own: the list's other nouns stand.
                if matches!(&f.object, Arg::Phrase(_, _, label) if label.ends_with('-')) {
                    continue;
                }
                raw.push((si, f));
            }
            // "Bahnchef Rüdiger Grube", "Gewerkschaftschef Frank Bsirske": a role compound
            // right before a person whose first part is a common noun for an organisation's
            // kind names the one organisation of the document of that kind (`org_kinds`): the
            // "Deutsche Bahn", the union the text calls "die Gewerkschaft Verdi". None when
            // the document has two of the kind or none; a former post is marked `former`, a
            // deputy works for the organisation.
            for m in ms.iter().filter(|m| m.3 == EntityType::Person) {
                let Some(t) = s.tokens.iter().rev().find(|t| t.end <= m.0) else {
                    continue;
                };
                let word = &text[t.start..t.end];
                if text[t.end..m.0] != *" "
                    || !word.starts_with(char::is_uppercase)
                    || ms.iter().any(|x| x.0 < t.end && t.start < x.1)
                {
                    continue;
                }
                let lower = word.lower_case();
                let Some((kind, predicate)) = kind_role(&lower, &self.lex, lang) else {
                    continue;
                };
                let before = s
                    .tokens
                    .iter()
                    .rev()
                    .find(|b| b.end <= t.start)
                    .map(|b| text[b.start..b.end].lower_case());
                let post = self.lex.post_qualifier(lang, before.as_deref(), &lower);
                let predicate = crate::lexicon::Post::predicate(post, predicate);
                let of_kind: Vec<&(usize, usize, Vec<String>)> = org_kinds
                    .iter()
                    .filter(|(_, _, words)| words.iter().any(|w| is_of_kind(w, &kind)))
                    .collect();
                let [(e, first, _)] = of_kind[..] else {
                    continue;
                };
                let object = match ms.iter().find(|x| entity_of[x.2] == *e) {
                    Some(x) => Arg::Mention(x.2),
                    None => Arg::Antecedent(*first, Some((t.start, t.end))),
                };
                raw.push((
                    si,
                    RawFact {
                        predicate,
                        subject: Arg::Mention(m.2),
                        object,
                        quantity: None,
                        date: None,
                        confidence: nouns::ROLE_CONFIDENCE * coref::CONFIDENCE,
                        rule: format!("{lang}/role/kind-compound"),
                        modality: crate::lexicon::Post::modality(post),
                        open: false,
                    },
                ));
            }
            // Verb frames need two entities in the sentence that some frame could relate: only
            // then is it parsed.
            let types: Vec<EntityType> = ms.iter().map(|m| m.3).collect();
            // Words that may be unknown company names, offered to the frames as provisional
            // organisations (relations/unknown.rs); each gets an index of its own above the
            // document's mentions.
            let provisional: Vec<(unknown::Candidate, usize)> = {
                let spans: Vec<(usize, usize, EntityType)> =
                    ms.iter().map(|m| (m.0, m.1, m.3)).collect();
                unknown::candidates(text, s, &spans, &self.lex, lang)
                    .into_iter()
                    .map(|c| {
                        provisional_count += 1;
                        (c, unknown::PROVISIONAL + provisional_count - 1)
                    })
                    .collect()
            };
            // The types the frames may find: the mentions', and an organisation for each
            // provisional word.
            let mut types_all = types.clone();
            types_all.extend(std::iter::repeat_n(
                EntityType::Organization,
                provisional.len(),
            ));
            for m in &ms {
                let name = &text[m.0..m.1];
                let gender = match m.3 {
                    EntityType::Person => name
                        .split_whitespace()
                        .next()
                        .and_then(|first| self.lex.first_name_male.get(first))
                        .map(|&male| {
                            if male {
                                coref::Gender::Masc
                            } else {
                                coref::Gender::Fem
                            }
                        }),
                    EntityType::Organization => {
                        // The word before the name: "der Reisekonzern Alpina".
                        let before = s
                            .tokens
                            .iter()
                            .rev()
                            .find(|t| t.end <= m.0)
                            .map(|t| &text[t.start..t.end]);
                        if self.lex.is_noncompany(name, before, lang) {
                            noncompany.insert(entity_of[m.2]);
                        }
                        coref::org_gender(name, before, &self.lex, lang)
                    }
                    _ => None,
                };
                let topic = s
                    .tokens
                    .iter()
                    .position(|t| t.start >= m.0)
                    .is_some_and(|k| k <= 1);
                discourse.push(coref::Candidate {
                    mention: m.2,
                    entity: entity_of[m.2],
                    kind: m.3,
                    gender,
                    sentence: si,
                    start: m.0,
                    topic,
                });
            }
            // A sentence with one name and a word that may refer back to another ("Der Konzern
            // übernimmt die Nordlicht GmbH") can hold a frame's fact too.
            let mut with_refs = types.clone();
            let forms: Vec<&str> = if ms.is_empty() {
                Vec::new()
            } else {
                s.tokens.iter().map(|t| &text[t.start..t.end]).collect()
            };
            with_refs.extend(coref::cues(&forms, &self.lex, lang));
            let open = self.config.open_relations && Frames::could_relate_openly(&types);
            let mut typed_refs = with_refs.clone();
            typed_refs.extend(std::iter::repeat_n(
                EntityType::Organization,
                provisional.len(),
            ));
            let verbs_relate = frames.is_some_and(|f| f.could_relate(&typed_refs));
            let nouns_relate = nouns.is_some_and(|f| f.could_relate(&typed_refs));
            let enough = ms.len() >= 2 || (!ms.is_empty() && typed_refs.len() > types.len());
            // A single name can be a frame's subject with a common noun as object ("Airbus baut
            // Flugzeuge").
            // A place in a strike's sentence may be a site of the document's company ("An den
            // Flughäfen Köln und Bremen wird gestreikt": `NounFrames::strike` below).
            let strike_sentence = || forms.iter().any(|w| self.lex.is_strike_word(lang, w));
            let strike_site = (main_org.is_some() || last_struck.is_some())
                && types.contains(&EntityType::Place)
                && strike_sentence();
            let things_relate = frames.is_some_and(|f| f.could_take_thing(&with_refs))
                || nouns.is_some_and(|f| {
                    f.could_take_thing(&with_refs) || f.could_take_local(&with_refs, &forms)
                })
                || strike_site;
            let relate = (enough && ((open && ms.len() >= 2) || verbs_relate || nouns_relate))
                || (!ms.is_empty() && things_relate);
            // A strike sentence with an organisation may name the struck company for the next
            // (`last_struck`); its words are scanned only when nothing else sends it to the parser.
            if relate || (types.contains(&EntityType::Organization) && strike_sentence()) {
                // Whether a mention covers a token: all of it but a clitic the parser sees
                // apart ("Amazon" in "Amazon's", `clitic` in grammar.tsv). Each token's end
                // without its clitic, once per sentence and only in a language with clitics.
                let clitics = self.lex.clitics.of(lang).next().is_some();
                let core_end: Vec<usize> = (s.tokens.iter())
                    .map(|t| {
                        let clitic = clitics
                            .then(|| self.lex.split_clitic(&text[t.start..t.end], lang))
                            .flatten()
                            .map_or(0, |(_, c)| c.len());
                        t.end - clitic
                    })
                    .collect();
                let covers = |m: &(usize, usize, usize, EntityType), k: usize| {
                    m.0 <= s.tokens[k].start && core_end[k] <= m.1
                };
                // Each mention is one word for the parser (see `syntax::stand_in`).
                let mut groups: Vec<syntax::Group<'_>> = Vec::new();
                for m in &ms {
                    // A city adjective is parsed as one (`Rule::parsed_as`).
                    let rule = cands[m.2 - first_mention].rule;
                    let word = rule.parsed_as(m.3, &self.lex, lang);
                    let toks: Vec<usize> = s
                        .tokens
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| covers(m, k))
                        .map(|(k, _)| k)
                        .collect();
                    if let (Some(&first), Some(&last)) = (toks.first(), toks.last()) {
                        if groups.iter().all(|g| last < g.first || g.last < first) {
                            groups.push(syntax::Group { first, last, word });
                        }
                    }
                }
                // A provisional word inside the sentence is parsed as a name; one that opens it
                // is parsed as written (`unknown::Candidate::initial`).
                for (c, _) in provisional.iter().filter(|(c, _)| !c.initial) {
                    groups.push(syntax::Group {
                        first: c.token,
                        last: c.token,
                        word: self.lex.stand_in(EntityType::Organization, lang),
                    });
                }
                groups.sort_by_key(|g| g.first);
                // Tagging is cheaper than parsing: a sentence without a frame's verb or noun stops
                // there, and so does one without any verb for open relations (which start at a
                // word tagged VERB: `Frames::open_relations`), such as a headline or a list.
                // And a sentence none of whose words can get a frame's lemma (`TagGate`) is
                // not tagged when nothing else could make it wanted.
                let gate = || {
                    let k = usize::from(lang != Lang::De);
                    self.tag_gates[k].get_or_init(|| TagGate::new(lang, frames, nouns, &self.lex))
                };
                let syn = syntax::parse_if(
                    text,
                    s,
                    &groups,
                    lang,
                    &self.lex,
                    |forms| open || strike_site || gate().may_match(forms),
                    |forms, lemmas, upos| {
                        if (open && upos.contains(&"VERB")) || strike_site {
                            return true;
                        }
                        if !(frames.is_some_and(|f| f.has_verb(lemmas))
                            || nouns.is_some_and(|f| f.has_noun(lemmas)))
                        {
                            return false;
                        }
                        // A frame's word alone is not enough: some frame it may be read by must
                        // find its arguments among the sentence's names and the words that can
                        // refer back (`could_fill`). Not narrowed: a sentence where an open
                        // relation is possible (any parse may give one), or a strike's that may
                        // name the struck company (an organisation among its names: it is
                        // remembered for the next sentences) or a site of the company struck
                        // before or of the document (`NounFrames::strike`).
                        let strike = || {
                            forms.iter().any(|w| self.lex.is_strike_word(lang, w))
                                && (types.contains(&EntityType::Organization)
                                    || ((main_org.is_some() || last_struck.is_some())
                                        && nouns.is_some_and(|nf| nf.could_strike_site(&types))))
                        };
                        if open || strike() {
                            return true;
                        }
                        let lower: Vec<String> = forms.iter().map(|w| w.lower_case()).collect();
                        let tagged = frames::Tagged {
                            forms,
                            lemmas,
                            upos,
                            lower: &lower,
                        };
                        let fill = Fill {
                            tagged,
                            types: &types_all,
                            mentions: types.len(),
                            near: discourse.kinds_near(si),
                            document_org: role_org.is_some(),
                        };
                        could_fill(&fill, frames, nouns, &self.lex, lang).is_some()
                    },
                )
                .unwrap_or_default();
                // The sentence's mentions and its provisional words; one that opens the
                // sentence only when it is its clause's subject (`unknown::initial_subject`).
                let mut syn = syn;
                let ms_all: Vec<(usize, usize, usize, EntityType)> = ms
                    .iter()
                    .copied()
                    .chain(
                        provisional
                            .iter()
                            .filter(|(c, _)| {
                                !c.initial || unknown::initial_subject(&mut syn, c.token)
                            })
                            .map(|(c, m)| (c.start, c.end, *m, EntityType::Organization)),
                    )
                    .collect();
                let raw_before = raw.len();
                let mention_of = |syn: &Syntax, w: usize| {
                    let k = syn.words[w].token;
                    ms_all.iter().find(|m| covers(m, k)).map(|m| (m.2, m.3))
                };
                // Verb arguments the German parse plainly got wrong, mended by case and
                // agreement before anything reads them (relations/args.rs).
                let named: Vec<Option<EntityType>> = (0..syn.words.len())
                    .map(|w| mention_of(&syn, w).map(|m| m.1))
                    .collect();
                let syn = args::repair(syn, &self.lex, lang, &named);
                // A name's words as written, where the parse has its stand-in.
                let written = |word: &Word| {
                    let t = &s.tokens[word.token];
                    ms_all
                        .iter()
                        .find(|m| covers(m, word.token))
                        .map_or(&text[t.start..t.end], |m| &text[m.0..m.1])
                };
                let syn = args::abbreviations(syn, lang, &named, &written);
                let mention_of = |w: usize| mention_of(&syn, w);
                let words = frames::Words {
                    lex: &self.lex,
                    lang,
                };
                // Words that refer back ("der Konzern", "er") stand for their antecedents in the
                // frames (not in open relations, which have no frame to check the types); a
                // relative pronoun stands for the name its clause modifies ("Alpina, zu dem"),
                // in open relations too (the name is in the same sentence).
                let children = syn.child_lists();
                let mut relative: Vec<Option<(usize, EntityType)>> = vec![None; syn.words.len()];
                for (w, slot) in relative.iter_mut().enumerate() {
                    if mention_of(w).is_none() {
                        let named = |k: usize| mention_of(k).is_some();
                        *slot = coref::relative_antecedent(&syn, w, &named, &self.lex, lang)
                            .and_then(mention_of);
                    }
                }
                let with_relatives = |w: usize| mention_of(w).or(relative[w]);
                let mut referring: Vec<Option<(usize, EntityType)>> = relative.clone();
                let mut referring_span: HashMap<usize, (usize, usize)> = HashMap::new();
                // A plural reference's second organisation: facts about the first are about it too.
                let mut partner: HashMap<usize, usize> = HashMap::new();
                for w in 0..syn.words.len() {
                    let named = mention_of(w).is_some()
                        || (w + 1 < syn.words.len() && mention_of(w + 1).is_some());
                    if named || relative[w].is_some() {
                        continue;
                    }
                    let tok = &s.tokens[syn.words[w].token];
                    // A frame's noun relates names itself ("der Mutterkonzern der Nordlicht
                    // GmbH"): it does not refer back.
                    let referent = discourse
                        .antecedent(&syn, &children, w, si, tok.start)
                        .filter(|_| {
                            !nouns.is_some_and(|nf| {
                                nf.is_frame_noun(&syn.words[w].lemma, &syn.words[w].form)
                            })
                        });
                    let found = match referent {
                        Some(coref::Referent::One(m, kind)) => Some((m, kind)),
                        Some(coref::Referent::Two(a, b)) => {
                            partner.insert(a, b);
                            Some((a, EntityType::Organization))
                        }
                        None => None,
                    };
                    // A description is not the subject of its own clause: German says "sich"
                    // for that. "Die Deutsche Bank verkauft die Postbank an die Commerzbank"
                    // ("Postbank", a name no rule knew, headed by "Bank") is no sale of the
                    // Deutsche Bank (session 20).
                    let own_subject = |m: usize| {
                        syn.words[w].upos == "NOUN"
                            && !syn.words[w].deprel.starts_with("nsubj")
                            && syn.head(w).is_some_and(|h| {
                                children[h].iter().any(|&c| {
                                    syn.words[c].deprel.starts_with("nsubj")
                                        && mention_of(c).is_some_and(|x| x.0 == m)
                                })
                            })
                    };
                    let found = found.filter(|&(m, _)| !own_subject(m));
                    if let Some((m, _)) = found {
                        // The referring words: the noun with its article ("der Konzern").
                        let first = children[w]
                            .iter()
                            .filter(|&&c| syn.words[c].deprel == "det")
                            .map(|&c| s.tokens[syn.words[c].token].start)
                            .min()
                            .unwrap_or(tok.start);
                        referring_span
                            .entry(m)
                            .or_insert((first.min(tok.start), tok.end));
                        if let Some(&b) = partner.get(&m) {
                            referring_span
                                .entry(b)
                                .or_insert((first.min(tok.start), tok.end));
                        }
                    }
                    referring[w] = found;
                }
                let compound_of = |w: usize| {
                    let t = &s.tokens[syn.words[w].token];
                    ms.iter()
                        .find(|m| m.0 == t.start && m.1 < t.end && text[m.1..].starts_with('-'))
                        .map(|m| (m.2, m.3))
                };
                // A possessive pronoun before the noun ("ihr Mutterkonzern", "its CEO")
                // stands where a genitive name would.
                let genitive = |w: usize, referring: &[Option<(usize, EntityType)>]| {
                    if mention_of(w).is_none() && referring[w].is_some() {
                        return true;
                    }
                    let k = syn.words[w].token;
                    let t = &s.tokens[k];
                    ms.iter().find(|m| covers(m, k)).is_some_and(|m| {
                        // With a clitic the mention leaves out: "Amazon's".
                        let name = &text[m.0..m.1.max(t.end)];
                        self.lex
                            .genitive_endings
                            .of(lang)
                            .any(|e| name.ends_with(e))
                    })
                };
                // "der VW-Chef", "die CEOs von NVIDIA und Meta": a person the document names
                // before or after, as the holder of the post. Each organisation gets a
                // placeholder mention, replaced once the whole document is read.
                if let Some(nf) = nouns {
                    let found = {
                        let now = |w: usize| mention_of(w).or(referring[w]);
                        let gen = |w: usize| genitive(w, &referring);
                        let look = nouns::Lookup {
                            mention_of: &now,
                            compound_of: &compound_of,
                            genitive: &gen,
                        };
                        nf.role_descriptions(&syn, &words, &look)
                    };
                    for rd in found {
                        if referring[rd.word].is_some()
                            || rd.organisations.iter().any(|&o| unknown::is_provisional(o))
                        {
                            continue;
                        }
                        let tok = &s.tokens[syn.words[rd.word].token];
                        let first = children[rd.word]
                            .iter()
                            .filter(|&&c| syn.words[c].deprel == "det")
                            .map(|&c| s.tokens[syn.words[c].token].start)
                            .min()
                            .unwrap_or(tok.start)
                            .min(tok.start);
                        let holders: Vec<usize> = rd
                            .organisations
                            .iter()
                            .map(|&org| {
                                let m = ROLE_HOLDER + role_holders.len();
                                role_holders.push(RoleHolder {
                                    predicate: rd.predicate.clone(),
                                    organisation: org,
                                });
                                referring_span.insert(m, (first, tok.end));
                                m
                            })
                            .collect();
                        if let [a, b] = holders[..] {
                            partner.insert(a, b);
                        }
                        referring[rd.word] = Some((holders[0], EntityType::Person));
                    }
                }
                let resolved = |w: usize| mention_of(w).or(referring[w]);
                let in_sentence = |m: usize| ms.iter().any(|x| x.2 == m);
                // A handle ("RT @BILD: …") names who posted, not who acts.
                let handle = |m: usize| {
                    ms.iter()
                        .find(|x| x.2 == m)
                        .is_some_and(|x| text[x.0..x.1].starts_with('@'))
                };
                let mut compound_things: Vec<(usize, RawFact)> = Vec::new();
                let mut locals: Vec<nouns::LocalFact> = Vec::new();
                // Facts of verb frames, then of noun frames: (rule, predicate, confidence, fact).
                // With each, whether its subject's and its object's slot admit an organisation
                // and nothing else (a provisional word may fill only such a slot).
                let only_org = |types: &[EntityType]| types == [EntityType::Organization];
                #[allow(clippy::type_complexity)]
                let mut read: Vec<(
                    &str,
                    &str,
                    f32,
                    frames::FrameFact,
                    (bool, bool),
                )> = Vec::new();
                if let Some(fr) = frames {
                    for ff in fr.apply(&syn, &words, &resolved) {
                        let f = &fr.frames[ff.frame];
                        let org = (only_org(&f.subject.types), only_org(&f.object.types));
                        read.push((&f.id, &f.predicate, f.confidence, ff, org));
                    }
                }
                if let Some(nf) = nouns {
                    let genitive = |w: usize| genitive(w, &referring);
                    let look = nouns::Lookup {
                        mention_of: &resolved,
                        compound_of: &compound_of,
                        genitive: &genitive,
                    };
                    for ff in nf.apply(&syn, &words, &look) {
                        let f = &nf.frames[ff.frame];
                        let org = (only_org(&f.subject.types), only_org(&f.object.types));
                        read.push((&f.id, &f.predicate, f.confidence, ff, org));
                    }
                    // The document's company as an argument read at word `n`: its mention in
                    // this sentence, else its first one with the word as the antecedent's span.
                    let document_org = |org: usize, n: usize| {
                        if in_sentence(org) {
                            Arg::Mention(org)
                        } else {
                            let tok = &s.tokens[syn.words[n].token];
                            Arg::Antecedent(org, Some((tok.start, tok.end)))
                        }
                    };
                    // The one organisation named, when it is no company (a party, a union, an
                    // authority), is not taken for a bare role's: "Bahnchef Rüdiger Grube und
                    // Vorstand Volker Kefer" in a text that names only a minister's party.
                    let bare_org = role_org
                        .filter(|&o| main_org.is_some() || !noncompany.contains(&entity_of[o]));
                    if let Some(org) = bare_org {
                        for (fi, n, person) in nf.bare_roles(&syn, &words, &look) {
                            let f = &nf.frames[fi];
                            let object = document_org(org, n);
                            raw.push((
                                si,
                                RawFact {
                                    predicate: f.predicate.clone(),
                                    subject: Arg::Mention(person),
                                    object,
                                    quantity: None,
                                    date: None,
                                    confidence: f.confidence * coref::CONFIDENCE,
                                    rule: format!("{}-bare", f.id),
                                    modality: None,
                                    open: false,
                                },
                            ));
                        }
                    }
                    // "An den Flughäfen Köln und Bremen sollen nur Langstrecken bestreikt
                    // werden" in an article about one airline: the struck company's sites are
                    // the company's a strike sentence before named as struck, else the
                    // document's, when the sentence names no other company (a union may call
                    // the strike) and that company is no union. The names as written: a site
                    // noun that may refer back ("an den Flughäfen") is the site here.
                    let named = nouns::Lookup {
                        mention_of: &mention_of,
                        compound_of: &compound_of,
                        genitive: &genitive,
                    };
                    match nf.strike(&syn, &words, &named) {
                        nouns::Strike::None => {}
                        nouns::Strike::Company(m) => {
                            if !unknown::is_provisional(m) && !noncompany.contains(&entity_of[m]) {
                                last_struck = Some(m);
                            }
                        }
                        nouns::Strike::Sites(sites) => {
                            if let Some(org) = last_struck.or(main_org) {
                                let others = ms.iter().any(|m| {
                                    m.3 == EntityType::Organization
                                        && entity_of[m.2] != entity_of[org]
                                        && !noncompany.contains(&entity_of[m.2])
                                });
                                let sites = if others || noncompany.contains(&entity_of[org]) {
                                    Vec::new()
                                } else {
                                    sites
                                };
                                for (fi, n, place) in sites {
                                    let f = &nf.frames[fi];
                                    raw.push((
                                        si,
                                        RawFact {
                                            predicate: f.predicate.clone(),
                                            subject: document_org(org, n),
                                            object: Arg::Mention(place),
                                            quantity: None,
                                            date: None,
                                            confidence: f.confidence * coref::CONFIDENCE,
                                            rule: format!("{}-topic", f.id),
                                            modality: None,
                                            open: false,
                                        },
                                    ));
                                }
                            }
                        }
                    }
                    // "das Parlamentsgebäude in Athen", "seine Zivilflugzeugsparte": a site,
                    // body or division without a name, the document's own node.
                    locals = nf.apply_local(&syn, &words, &look);
                    // "der Kassenautomaten-Hersteller Wincor Nixdorf": what the compound says
                    // the company makes.
                    for ct in nf.apply_things(&syn, &words, &look) {
                        if !in_sentence(ct.subject) {
                            continue;
                        }
                        let f = &nf.frames[ct.frame];
                        let start = s.tokens[syn.words[ct.word].token].start;
                        let (len, label) = ct.first;
                        compound_things.push((
                            si,
                            RawFact {
                                predicate: f.predicate.clone(),
                                subject: Arg::Mention(ct.subject),
                                object: Arg::Phrase(start, start + len, label),
                                quantity: None,
                                date: None,
                                confidence: f.confidence,
                                rule: f.id.clone(),
                                modality: None,
                                open: false,
                            },
                        ));
                    }
                }
                // "Die beiden Unternehmen übernehmen X": what is read of the first is true of the
                // second.
                let mut both = Vec::new();
                for (rule, predicate, confidence, ff, org) in &read {
                    if let Some(&second) = partner.get(&ff.subject) {
                        let f = frames::FrameFact {
                            subject: second,
                            ..ff.clone()
                        };
                        both.push((*rule, *predicate, *confidence, f, *org));
                    }
                    if let Some(&second) = partner.get(&ff.object) {
                        let f = frames::FrameFact {
                            object: second,
                            ..ff.clone()
                        };
                        both.push((*rule, *predicate, *confidence, f, *org));
                    }
                }
                read.extend(both);
                // A reciprocal with a single subject ("die beiden Chefs lobten sich
                // gegenseitig") came as a fact about itself; the pair's two facts are above.
                read.retain(|r| r.3.subject != r.3.object);
                // An argument from an earlier sentence is named here by the words that refer to
                // it; such facts rest on the antecedent's choice as well as on the frame.
                let arg = |m: usize| {
                    if in_sentence(m) || unknown::is_provisional(m) {
                        Arg::Mention(m)
                    } else {
                        Arg::Antecedent(m, referring_span.get(&m).copied())
                    }
                };
                for (rule, predicate, confidence, ff, org) in read {
                    // A provisional word stands where it filled an organisation's slot and the
                    // other argument is a name of this sentence: the fact types it
                    // (relations/unknown.rs), under a rule and confidence of its own.
                    let (mut rule, mut confidence) = (rule.to_owned(), confidence);
                    let typed = if unknown::is_provisional(ff.subject) {
                        Some((ff.subject, org.0, ff.object))
                    } else if unknown::is_provisional(ff.object) {
                        Some((ff.object, org.1, ff.subject))
                    } else {
                        None
                    };
                    if let Some((word, only, other)) = typed {
                        if !unknown::accepts(only, in_sentence(other), other) {
                            continue;
                        }
                        if let Some((c, _)) = provisional.iter().find(|(_, m)| *m == word) {
                            typed_words.push((word, c.start, c.end, rule.clone()));
                        }
                        rule.push_str(unknown::RULE_SUFFIX);
                        confidence *= unknown::CONFIDENCE;
                    }
                    let via_reference = [ff.subject, ff.object]
                        .iter()
                        .any(|&m| !in_sentence(m) && !unknown::is_provisional(m));
                    raw.push((
                        si,
                        RawFact {
                            predicate: predicate.to_owned(),
                            subject: arg(ff.subject),
                            object: arg(ff.object),
                            quantity: None,
                            date: None,
                            confidence: if via_reference {
                                confidence * coref::CONFIDENCE
                            } else {
                                confidence
                            },
                            rule,
                            modality: ff.modality,
                            open: false,
                        },
                    ));
                }
                raw.extend(compound_things);
                // The noun's node: labelled by its dictionary form with the adjectives right
                // before it, as a `THING` object is ("Parlamentsgebäude", "griechische
                // Regierung"), its text what was written; typed as the frame's slot says.
                if let Some(nf) = nouns {
                    for lf in locals {
                        let f = &nf.frames[lf.frame];
                        let slot = if lf.noun_is_subject {
                            &f.subject
                        } else {
                            &f.object
                        };
                        let kind = slot.types.first().copied().unwrap_or(EntityType::Thing);
                        let (first, lemma) =
                            frames::thing(&syn, lf.word, &words, &|k| mention_of(k).is_some());
                        let token = &s.tokens[syn.words[lf.word].token];
                        let start = s.tokens[syn.words[first].token].start;
                        // Its adjectives in the nominative, as the noun's lemma is
                        // ("der kriselnden Stromerzeugungssparte": "kriselnde …").
                        let label = match lemma {
                            Some(lemma) => format!(
                                "{}{lemma}",
                                base_form::local_adjectives(
                                    &text[start..token.start],
                                    &lemma,
                                    lang
                                )
                            ),
                            None => text[start..token.end].to_owned(),
                        };
                        let noun = Arg::Local(start, token.end, label, kind);
                        let other = arg(lf.other);
                        let via_reference = !in_sentence(lf.other);
                        let (subject, object) = if lf.noun_is_subject {
                            (noun, other)
                        } else {
                            (other, noun)
                        };
                        raw.push((
                            si,
                            RawFact {
                                predicate: f.predicate.clone(),
                                subject,
                                object,
                                quantity: None,
                                date: None,
                                confidence: if via_reference {
                                    f.confidence * coref::CONFIDENCE
                                } else {
                                    f.confidence
                                },
                                rule: f.id.clone(),
                                modality: None,
                                open: false,
                            },
                        ));
                    }
                }
                // Frames with a common noun as object: the noun with the adjectives right before
                // it ("künstliche Intelligenz"), not its quantifiers, numbers or article.
                if let Some(fr) = frames {
                    let phrase = |w: usize, counted: bool, complements: bool| {
                        // A slot limited to nouns that are counted (jobs, workers) takes their
                        // number where the text gives one ("500 Stellen"), as the surface
                        // patterns do.
                        let token = syn.words[w].token;
                        if let Some(v) = p.values[si].iter().position(|v| {
                            counted
                                && matches!(v.kind, ValueKind::Quantity { .. })
                                && v.first <= token
                                && token <= v.last
                        }) {
                            return Arg::Value(v);
                        }
                        let (first, lemma) =
                            frames::thing(&syn, w, &words, &|k| mention_of(k).is_some());
                        let start = s.tokens[syn.words[first].token].start;
                        let (head_start, head_end) = (s.tokens[token].start, s.tokens[token].end);
                        // A product keeps the words after its noun that say what it is ("Chips
                        // für Rechenzentren"), as written.
                        let (label_end, end) = if complements {
                            let (label_last, last) =
                                frames::thing_end(&syn, &children, w, &words, &|k| {
                                    mention_of(k).is_some()
                                });
                            (
                                s.tokens[syn.words[label_last].token].end,
                                s.tokens[syn.words[last].token].end,
                            )
                        } else {
                            (head_end, head_end)
                        };
                        // The label names the thing in its dictionary form, so that "Stellen"
                        // and "Stelle" are one node; the text keeps what was written.
                        // Its adjectives in the nominative too ("plant einen größeren
                        // Stellenabbau": "größerer Stellenabbau").
                        let label = match lemma {
                            Some(lemma) => format!(
                                "{}{lemma}{}",
                                base_form::local_adjectives(&text[start..head_start], &lemma, lang),
                                &text[head_end..label_end]
                            ),
                            None => text[start..label_end].to_owned(),
                        };
                        Arg::Phrase(start, end, label)
                    };
                    // A company's chief, named at the person in this sentence by a role pattern
                    // ("Intel-Chef Brian Krzanich", "Brian Krzanich, Chef von Intel"): the head
                    // of the whole company (`ceoOf`), not of a union, party or authority, whose
                    // chief leads it; an analyst or a union's chief is no `ceoOf`.
                    let chiefs: Vec<(usize, usize)> = raw
                        .iter()
                        .rev()
                        .take_while(|(i, _)| *i == si)
                        .filter_map(|(_, f)| match (&f.subject, &f.object) {
                            (Arg::Mention(p), Arg::Mention(o))
                                if f.predicate == "ceoOf"
                                    && !f.open
                                    && entities[entity_of[*o]].kind == EntityType::Organization
                                    && !noncompany.contains(&entity_of[*o]) =>
                            {
                                Some((*p, *o))
                            }
                            _ => None,
                        })
                        .collect();
                    // Only a person who heads exactly one company here speaks for it.
                    let chief_of = |m: usize| {
                        let mut of = chiefs.iter().filter(|c| c.0 == m).map(|c| c.1);
                        let first = of.next()?;
                        of.all(|o| entity_of[o] == entity_of[first])
                            .then_some(first)
                    };
                    for tf in fr.apply_things(&syn, &words, &resolved, &chief_of) {
                        let f = &fr.frames[tf.frame];
                        // "RT @nutzer: Der Antrag liefert Hinweise …"
                        if handle(tf.subject) {
                            continue;
                        }
                        // A place acts by its name ("Bayern kündigt Klagen an"), not as the
                        // adjective of the actor's noun ("Französische Bank kündigt
                        // Stellenabbau an").
                        let adjective = ms.iter().any(|x| x.2 == tf.subject)
                            && matches!(
                                cands[tf.subject - first_mention].rule,
                                Rule::Demonym | Rule::CityAdjective
                            );
                        if adjective {
                            continue;
                        }
                        raw.push((
                            si,
                            RawFact {
                                predicate: f.predicate.clone(),
                                subject: arg(tf.subject),
                                object: phrase(
                                    tf.noun,
                                    !f.object.nouns.is_empty(),
                                    frames::PRODUCT_PREDICATES.contains(&f.predicate.as_str()),
                                ),
                                quantity: None,
                                date: None,
                                confidence: if in_sentence(tf.subject) {
                                    f.confidence
                                } else {
                                    f.confidence * coref::CONFIDENCE
                                },
                                rule: f.id.clone(),
                                modality: tf.modality,
                                open: false,
                            },
                        ));
                    }
                }
                if open {
                    let none = Frames::default();
                    let fr = frames.unwrap_or(&none);
                    // A name right before a colon labels what follows ("Siltronic AG:
                    // Siltronic blickt …", "DGAP-News: …"), and a news agency is named for its
                    // report ("sponsored by Reuters", "dpa"): neither acts in the clause.
                    let label = |m: usize| {
                        ms.iter()
                            .find(|x| x.2 == m)
                            .is_some_and(|x| text[x.1..].trim_start().starts_with(':'))
                    };
                    for of in fr.open_relations(&syn, &words, &with_relatives) {
                        if [of.subject, of.object].iter().any(|&m| {
                            unknown::is_provisional(m)
                                || handle(m)
                                || label(m)
                                || agency[entity_of[m]]
                        }) {
                            continue;
                        }
                        raw.push((
                            si,
                            RawFact {
                                predicate: of.predicate,
                                subject: Arg::Mention(of.subject),
                                object: Arg::Mention(of.object),
                                quantity: None,
                                date: None,
                                confidence: OPEN_CONFIDENCE,
                                rule: format!("{lang}/open"),
                                modality: of.modality,
                                open: true,
                            },
                        ));
                    }
                }
                // A provisional word stands only in the facts that typed it (above): no other
                // fact of the sentence may rest on it.
                let provisional_arg = |a: &Arg| matches!(a, Arg::Mention(m) | Arg::Antecedent(m, _) if unknown::is_provisional(*m));
                let tail: Vec<(usize, RawFact)> = raw
                    .drain(raw_before..)
                    .filter(|(_, f)| {
                        f.rule.ends_with(unknown::RULE_SUFFIX)
                            || !(provisional_arg(&f.subject) || provisional_arg(&f.object))
                    })
                    .collect();
                raw.extend(tail);
            }
            // Structure inside names: "Blackwell B200" → B200 partOf Blackwell.
            for (k, c) in cands.iter().enumerate() {
                if let Some(f) = c.family {
                    raw.push((
                        si,
                        RawFact {
                            predicate: "partOf".into(),
                            subject: Arg::Mention(first_mention + k),
                            object: Arg::Mention(first_mention + f),
                            quantity: None,
                            date: None,
                            confidence: 0.8,
                            rule: format!("{lang}/partOf/product-family"),
                            modality: None,
                            open: false,
                        },
                    ));
                }
            }
            // The topic of this sentence: a person or organisation that opens it.
            ctx.topic = cands
                .first()
                .filter(|c| {
                    c.first <= 1 && matches!(c.kind, EntityType::Organization | EntityType::Person)
                })
                .map(|_| first_mention);
            for k in 0..cands.len() {
                if entities[entity_of[first_mention + k]].kind == EntityType::Organization {
                    ctx.last_org = Some(first_mention + k);
                }
            }
            first_mention += cands.len();
        }
        resolve_role_holders(&mut raw, &role_holders, &entity_of, |e| entities[e].kind);
        let sentence_of: Vec<usize> = per_sentence
            .iter()
            .enumerate()
            .flat_map(|(si, cands)| std::iter::repeat_n(si, cands.len()))
            .collect();
        raw.extend(self.units_by_name(&entities, &entity_of, &sentence_of, lang));
        // Provisional words a frame typed become organisation mentions of their own
        // (relations/unknown.rs), each marked with the frame that typed it; the same word
        // elsewhere in the document is the same organisation. A word whose label the document
        // already gives to an entity of another type stays untyped, and its facts go.
        let mut typed_by: HashMap<(usize, usize), String> = HashMap::new();
        let mut renumber: HashMap<usize, usize> = HashMap::new();
        for (m, start, end, rule) in typed_words {
            if renumber.contains_key(&m) {
                continue;
            }
            let e = entity_for(
                &mut entities,
                &text[start..end],
                EntityType::Organization,
                false,
            );
            if entities[e].kind != EntityType::Organization {
                continue;
            }
            renumber.insert(m, mention_spans.len());
            mention_spans.push((start, end));
            entity_of.push(e);
            recorded.push(true);
            typed_by.entry((start, end)).or_insert(rule);
        }
        // The same word elsewhere in the document names the same organisation ("Volkswagen
        // hat Navistar übernommen. Navistar baut Lastwagen."): a mention record there too, as
        // written and alone (no fact rests on it: its sentence was read before).
        // In document order: the first typing frame names a repeated word's records.
        let mut typed_labels: Vec<((usize, usize), String, usize, String)> = typed_by
            .iter()
            .filter_map(|(&span, rule)| {
                let m = mention_spans.iter().position(|&x| x == span)?;
                Some((
                    span,
                    text[span.0..span.1].to_owned(),
                    entity_of[m],
                    rule.clone(),
                ))
            })
            .collect();
        typed_labels.sort();
        for (_, label, e, rule) in typed_labels {
            for t in p.sentences.iter().flat_map(|s| &s.tokens) {
                if text[t.start..t.end] != label
                    || mention_spans.iter().any(|&(a, b)| a < t.end && t.start < b)
                {
                    continue;
                }
                mention_spans.push((t.start, t.end));
                entity_of.push(e);
                recorded.push(true);
                typed_by
                    .entry((t.start, t.end))
                    .or_insert_with(|| rule.clone());
            }
        }
        for (_, f) in raw.iter_mut() {
            for a in [&mut f.subject, &mut f.object] {
                if let Arg::Mention(m) = a {
                    if let Some(&n) = renumber.get(m) {
                        *m = n;
                    }
                }
            }
        }
        raw.retain(|(_, f)| {
            ![&f.subject, &f.object]
                .iter()
                .any(|a| matches!(a, Arg::Mention(m) if unknown::is_provisional(*m)))
        });

        // Noun-phrase objects become Thing entities with mentions of their own.
        let mut facts = Vec::new();
        let mut families = Vec::new();
        let mut seen = HashSet::new();
        let mut thing_mentions: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(rule) = only {
            raw.retain(|(_, f)| f.rule == rule);
        }
        // Between two organisations, a subsidiary is part of its parent and the parent owns it,
        // and a supplier's customer is its customer:
        // the text says one, a reader asks either way ("what does Alphabet own?"). The inverse
        // keeps the evidence and confidence; its rule id says it was derived.
        let organisation = |a: &Arg| {
            self.entity_index(a, &entity_of)
                .is_some_and(|e| entities[e].kind == EntityType::Organization)
        };
        let inverses: Vec<(usize, RawFact)> = raw
            .iter()
            .filter_map(|(si, f)| {
                let predicate = match f.predicate.as_str() {
                    "partOf" => "owns",
                    "owns" => "partOf",
                    // A supplier's customer buys from it ("X liefert an Y": Y is X's customer).
                    "supplies" => "customerOf",
                    "customerOf" => "supplies",
                    _ => return None,
                };
                (!f.open && organisation(&f.subject) && organisation(&f.object)).then(|| {
                    (
                        *si,
                        RawFact {
                            predicate: predicate.to_owned(),
                            subject: f.object.clone(),
                            object: f.subject.clone(),
                            rule: format!("{}+inverse", f.rule),
                            ..f.clone()
                        },
                    )
                })
            })
            .collect();
        raw.extend(inverses);
        // A party's, union's or authority's chief leads it; chief executives are for companies
        // ("SPD-Chef", "Ufo-Chef", "Chef des Bundeskriminalamts").
        for (_, f) in raw.iter_mut() {
            if f.predicate == "ceoOf"
                && self
                    .entity_index(&f.object, &entity_of)
                    .is_some_and(|o| noncompany.contains(&o))
            {
                f.predicate = "leads".into();
            }
        }
        // A site whose owner is the clause's subject (`clause` in a noun frame: "Die Elbwerft AG
        // ist an den Standorten Bremen und Rostock vertreten") is no union's, party's or
        // authority's: "Verdi ruft an den Standorten Frankfurt und München zum Streik auf" says
        // where it strikes.
        // The same for the struck company (`struck`: "Streik bei der Nordwind"), which is no
        // union either; and a struck company's site is a town, not a country or state ("Streik
        // in Frankreich", "Warnstreiks in Bayern" name where a strike is, no site).
        raw.retain(|(_, f)| {
            let struck = nouns.is_some_and(|nf| nf.reads_struck(&f.rule));
            let union = |s: usize| noncompany.contains(&s);
            let region = |o: usize| self.lex.regions.contains(&entities[o].label);
            !(f.predicate == "locatedIn"
                && (struck || nouns.is_some_and(|nf| nf.reads_clause_subject(&f.rule)))
                && self.entity_index(&f.subject, &entity_of).is_some_and(union))
                && !(struck && self.entity_index(&f.object, &entity_of).is_some_and(region))
        });
        // A post holder leads or works for a place only as its government's (session 16,
        // government posts): a continent has none ("Europa-Präsident Jan Roth" of a
        // carmaker heads its European business, which is no organisation with a name).
        raw.retain(|(_, f)| {
            !(matches!(f.predicate.as_str(), "leads" | "worksFor")
                && self.entity_index(&f.object, &entity_of).is_some_and(|o| {
                    entities[o].kind == EntityType::Place
                        && self.lex.no_polities.contains(&entities[o].label)
                }))
        });
        // A region, state or country lies in no town: "mit Büros im Ruhrgebiet (Bottrop)" names
        // the town in the region, the other way round. Nor is a place in a place whose name
        // holds its own ("Hedelfingen in Stuttgart-Hedelfingen" is the same place; "Essen
        // Hauptbahnhof in Essen", a site named after its town, stays). Both go
        // before places in places, so that nothing is derived from them.
        // The subject's and object's entities of a `locatedIn` fact between two entities.
        let located = |f: &RawFact| {
            if f.open || f.predicate != "locatedIn" {
                return None;
            }
            Some((
                self.entity_index(&f.subject, &entity_of)?,
                self.entity_index(&f.object, &entity_of)?,
            ))
        };
        raw.retain(|(_, f)| {
            let Some((si, oi)) = located(f) else {
                return true;
            };
            let (subject, object) = (&entities[si].label, &entities[oi].label);
            let town = |label: &String| {
                !self.lex.regions.contains(label)
                    && self
                        .lex
                        .known
                        .get(label)
                        .is_some_and(|k| k.kind == EntityType::Place)
            };
            let holds = |whole: &str, part: &str| {
                whole != part && whole.split(['-', ' ']).any(|w| w == part)
            };
            !(holds(object, subject) || (self.lex.regions.contains(subject) && town(object)))
        });
        // A place in a place is in the bigger one too: "the NRC headquarters in Rockville, Md."
        // puts the NRC in Maryland. Only within a sentence, where both facts rest on the same
        // text; the derived fact keeps the first fact's evidence and the lower confidence.
        let entity = |a: &Arg| self.entity_index(a, &entity_of);
        let mut derived: Vec<(usize, RawFact)> = Vec::new();
        loop {
            let known: HashSet<(usize, &str, Option<usize>, Option<usize>)> = raw
                .iter()
                .chain(&derived)
                .map(|(si, f)| {
                    (
                        *si,
                        f.predicate.as_str(),
                        entity(&f.subject),
                        entity(&f.object),
                    )
                })
                .collect();
            let mut new: Vec<(usize, RawFact)> = Vec::new();
            for (si, a) in raw.iter().chain(&derived) {
                if a.open || !matches!(a.predicate.as_str(), "locatedIn" | "headquarteredIn") {
                    continue;
                }
                for (sj, b) in &raw {
                    let chained = sj == si
                        && b.predicate == "locatedIn"
                        && !b.open
                        && entity(&a.object).is_some()
                        && entity(&a.object) == entity(&b.subject)
                        && entity(&a.subject) != entity(&b.object);
                    let key = (
                        *si,
                        a.predicate.as_str(),
                        entity(&a.subject),
                        entity(&b.object),
                    );
                    if chained
                        && !known.contains(&key)
                        && !new.iter().any(|(sk, f)| {
                            (
                                *sk,
                                f.predicate.as_str(),
                                entity(&f.subject),
                                entity(&f.object),
                            ) == key
                        })
                    {
                        new.push((
                            *si,
                            RawFact {
                                object: b.object.clone(),
                                confidence: a.confidence.min(b.confidence),
                                rule: format!("{}+transitive", a.rule),
                                ..a.clone()
                            },
                        ));
                    }
                }
            }
            if new.is_empty() {
                break;
            }
            derived.extend(new);
        }
        raw.extend(derived);
        // A seat is a town: "der französische Konzern Alstom" says where it is from, not where
        // its head office is; nor is a seat derived through a town's country ("Elbwerft AG,
        // Hafenstraße 12, 24103 Kiel, Deutschland" is headquartered in Kiel, which is in
        // Germany), so this comes after the places in places above. (English keeps a country:
        // CoNLL04's OrgBased_In counts "the Iraqi News Agency" as based in Iraq.)
        raw.retain(|(_, f)| {
            lang != Lang::De
                || f.predicate != "headquarteredIn"
                || self
                    .entity_index(&f.object, &entity_of)
                    .is_none_or(|o| !self.lex.regions.contains(&entities[o].label))
        });
        // A town lies in no site: "Richtung Osnabrück im Dreieck Ahlhorner Heide", "nach
        // Detmold im Bielefelder Busbahnhof" say where a traffic jam or a bus is, and the town is
        // its destination. A `locatedIn` fact from a known town to a place whose name begins
        // with a site word or ends in one (`sitehead` in grammar.tsv: "Dreieck", "Kreuz",
        // "Busbahnhof") and that the gazetteer does not list is dropped; a site in a town
        // ("Atatürk Flughafen in Istanbul") stays.
        let site = |label: &str| {
            let lower = label.lower_case();
            let first = lower.split([' ', '-']).next().unwrap_or("");
            let last = lower.rsplit([' ', '-']).next().unwrap_or("");
            self.lex
                .site_heads
                .of(lang)
                .any(|h| first == h || last.ends_with(h))
        };
        raw.retain(|(_, f)| {
            let Some((si, oi)) = located(f) else {
                return true;
            };
            let (subject, object) = (&entities[si].label, &entities[oi].label);
            // A town the gazetteer lists ("Friedrichshafen" ends in "hafen" and is no site).
            let town = |label: &str| {
                self.lex
                    .known
                    .get(label)
                    .is_some_and(|k| k.kind == EntityType::Place)
                    && !site(label)
            };
            !(town(subject) && site(object) && !self.lex.known.contains_key(object))
        });
        let mut ceo_pairs = HashSet::new();
        for (_, f) in &raw {
            if f.predicate == "ceoOf" {
                if let (Some(s), Some(o)) = (
                    self.entity_index(&f.subject, &entity_of),
                    self.entity_index(&f.object, &entity_of),
                ) {
                    ceo_pairs.insert((s, o));
                }
            }
        }
        for (si, f) in raw {
            // The confidence a user sees, and filters on, is the family's observed precision.
            let via_reference = [&f.subject, &f.object]
                .iter()
                .any(|a| matches!(a, Arg::Antecedent(..)));
            let family = Family::of(&f.rule, &f.predicate, via_reference, f.open, f.confidence);
            let confidence = self.calibration.confidence(&family);
            if confidence < self.config.min_confidence {
                continue;
            }
            let s_ent = self.entity_index(&f.subject, &entity_of);
            let o_ent = self.entity_index(&f.object, &entity_of);
            if s_ent.is_some() && s_ent == o_ent {
                continue; // nothing relates to itself
            }
            // Nor does a company to its own name with or without its legal form ("Delticom AG
            // erwirbt … Delticom" from a press release's header run into its first line): the
            // document resolved the two names apart, but they are one.
            if let (Some(a), Some(b)) = (s_ent, o_ent) {
                if self.without_legal_form(&entities[a].label)
                    == self.without_legal_form(&entities[b].label)
                {
                    continue;
                }
            }
            if matches!(f.predicate.as_str(), "worksFor" | "leads") {
                if let (Some(s), Some(o)) = (s_ent, o_ent) {
                    if ceo_pairs.contains(&(s, o)) {
                        continue; // the stronger ceoOf says it already
                    }
                }
            }
            // A report's source is no argument of what it reports ("Laut einem Bericht des
            // Handelsblatts will Daimler …"); a fact about the source itself, both names in its
            // phrase ("Laut Siemens-Chef Joe Kaeser"), is the writer's, not reported.
            let report = match reports[si].as_ref() {
                None => None,
                Some(r) => {
                    let inside = |a: &Arg| match a {
                        Arg::Mention(m) => r.in_phrase(*m),
                        Arg::Local(s, e, ..) | Arg::Phrase(s, e, _) => r.spans(*s, *e),
                        Arg::Antecedent(..) | Arg::Value(_) => false,
                    };
                    match (inside(&f.subject), inside(&f.object)) {
                        (true, true) => None,
                        (false, false) => {
                            // A description beside the claim ("Vorstandschefin Anna Berger",
                            // "Lüdenscheid (Nordrhein-Westfalen)") is the writer's, not the source's.
                            self.reads_a_claim(&f, lang, frames, nouns).then_some(r)
                        }
                        _ => continue,
                    }
                }
            };
            let sent = &p.sentences[si];
            let mut arg = |a: &Arg,
                           entities: &mut Vec<Resolved>,
                           entity_of: &mut Vec<usize>|
             -> Option<Argument> {
                self.argument(
                    &p.doc.id,
                    a,
                    text,
                    &chars,
                    &p.values[si],
                    &mention_spans,
                    entities,
                    entity_of,
                    &mut thing_mentions,
                )
            };
            let (Some(subject), Some(object)) = (
                arg(&f.subject, &mut entities, &mut entity_of),
                arg(&f.object, &mut entities, &mut entity_of),
            ) else {
                continue;
            };
            let key = (si, f.predicate.clone(), arg_key(&subject), arg_key(&object));
            if !seen.insert(key) {
                continue;
            }
            let mut qualifiers = BTreeMap::new();
            // Only keys of QUALIFIERS: the ontology declares those (a test checks it).
            let mut qualify = |key: &str, value: serde_json::Value| {
                debug_assert!(QUALIFIERS.contains(&key), "{key:?} is not in QUALIFIERS");
                qualifiers.insert(key.to_owned(), value);
            };
            if let Argument::Literal(LiteralArg {
                amount: Some(a), ..
            }) = &object
            {
                qualify("min", json_num(a.min));
                qualify("max", json_num(a.max));
                if let Some(c) = &a.currency {
                    qualify("currency", json!(c));
                }
            }
            if let Some(q) = f.quantity.and_then(|q| p.values[si].get(q)) {
                if let ValueKind::Quantity { min, max } = q.kind {
                    qualify("quantity", json_num(min));
                    if max != min {
                        qualify("quantity_max", json_num(max));
                    }
                }
            }
            // "Daimler soll Mahle übernommen haben": the modal reports a deed, no intention.
            let perfect = report.is_some_and(|r| r.perfect);
            if let Some(m) = f.modality.filter(|&m| !(perfect && m == "intention")) {
                qualify("modality", json!(m));
            }
            if let Some(r) = report {
                qualify("reported", json!(true));
                if let Some(source) = r.source {
                    qualify("reportedBy", json!(entities[entity_of[source]].label));
                }
            }
            if let Some(d) = f.date.and_then(|d| p.values[si].get(d)) {
                if let ValueKind::Date { iso, until } = &d.kind {
                    qualify(if *until { "until" } else { "date" }, json!(iso));
                }
            }
            let sp = span(sent.start, sent.end);
            facts.push(Fact {
                doc: p.doc.id.clone(),
                evidence: text[sent.start..sent.end].to_owned(),
                start: sp.start,
                end: sp.end,
                subject,
                predicate: f.predicate.clone(),
                object,
                qualifiers,
                confidence,
                rule: f.rule,
                open: f.open,
            });
            families.push(family);
        }

        // Mentions, in document order, with their final entities.
        let mut all: Vec<(usize, usize, usize)> = mention_spans
            .iter()
            .zip(&entity_of)
            .zip(&recorded)
            .filter(|&(_, &r)| r)
            .map(|((&(s, e), &ent), _)| (s, e, ent))
            .collect();
        all.extend(thing_mentions);
        all.sort_by_key(|m| (m.0, m.1));
        all.dedup();
        let mut mentions = Vec::with_capacity(all.len());
        for (s, e, ent) in all {
            let entity = self.entity(&entities[ent]);
            let typed = typed_by.get(&(s, e)).cloned();
            let (s, e) = if lang == Lang::En && entity.kind == EntityType::Person {
                self.english_person_span(text, s, e)
            } else {
                (s, e)
            };
            // A hashtag is the name as written, "#" and all, as a handle keeps its "@" (the
            // SmartData annotation of dev and test, v3, marks "#Edeka" whole; its older training
            // annotation, v1, leaves the sign out). The entity is the same: only the record's
            // span and text take the sign.
            let s = hashtag_start(text, s);
            // English writes no name part as a mention of its own: an English genitive or
            // compound keeps the name apart already ("NVIDIA's", "NVIDIA chips"). German keeps
            // the name inside an inflected or compound form ("NVIDIAs", "B200-GPUs"), not the
            // surname inside a full name (`name_part`).
            let nested = (lang != Lang::En)
                .then(|| name_part(&text[s..e], &entity, &self.lex, lang))
                .flatten()
                .map(|(a, b)| (s + a, s + b));
            for (s, e, nested) in
                std::iter::once((s, e, false)).chain(nested.map(|(a, b)| (a, b, true)))
            {
                let sp = span(s, e);
                mentions.push(Mention {
                    doc: p.doc.id.clone(),
                    start: sp.start,
                    end: sp.end,
                    text: text[s..e].to_owned(),
                    entity: entity.clone(),
                    nested,
                    typed_by: if nested { None } else { typed.clone() },
                });
            }
        }
        // Facts refer to entities as they were when made; refresh aliases gathered later.
        let aliases: std::collections::HashMap<EntityKey, &Vec<String>> = entities
            .iter()
            .filter(|r| !r.local)
            .map(|r| (EntityKey::of_label(&r.label), &r.aliases))
            .collect();
        for f in &mut facts {
            for a in [&mut f.subject, &mut f.object] {
                if let Argument::Entity(e) = a {
                    if let Some(al) = aliases.get(&e.key) {
                        e.aliases = (*al).clone();
                    }
                }
            }
        }
        if lang == Lang::En {
            self.english_labels(&mut mentions, &mut facts);
        }
        let extraction = Extraction {
            lang: Some(lang),
            sentences: sentence_spans,
            mentions,
            facts,
        };
        (extraction, families)
    }

    /// Whether a fact is read off what a clause says happens or holds, which a report's source
    /// may claim (`relations::report`), rather than off a name's description, which is the
    /// writer's ("Vorstandschefin Anna Berger", "der Luxusauto-Hersteller Nordlicht Motors",
    /// "Lüdenscheid (Nordrhein-Westfalen)"): an open relation, a verb frame, a noun frame that reads an
    /// event with its clause, a German pattern with a verb among its words (a form of the verb
    /// list: "übernimmt", "will", "ist"), an English pattern with a form of an English verb
    /// frame's lemma among its words ("acquired" of "acquire": no English verb list to ask).
    fn reads_a_claim(
        &self,
        f: &RawFact,
        lang: Lang,
        frames: Option<&Frames>,
        nouns: Option<&NounFrames>,
    ) -> bool {
        let rule = f.rule.split('+').next().unwrap_or(&f.rule);
        if f.open || frames.is_some_and(|fr| fr.frames.iter().any(|x| x.id == rule)) {
            return true;
        }
        if nouns.is_some_and(|nf| nf.reads_clause_claim(rule)) {
            return true;
        }
        // A form of an English frame's verb: the lemma, or its stem with an ending.
        let english_verb = |w: &str| {
            frames.is_some_and(|fr| {
                fr.frames.iter().any(|x| {
                    let stem = x.lemma.trim_end_matches('e');
                    w == x.lemma || (w.starts_with(stem) && w.len() <= stem.len() + 3)
                })
            })
        };
        let verb = |w: &str| match lang {
            Lang::De => tripel_analysis::features::Lexicons::get().is_verb_form(w),
            Lang::En => english_verb(w),
        };
        patterns_of(&self.patterns, lang)
            .iter()
            .find(|p| p.id == rule)
            .is_some_and(|p| {
                p.elems.iter().any(|e| {
                    let e = match e {
                        patterns::Elem::Optional(inner) => inner.as_ref(),
                        e => e,
                    };
                    matches!(e, patterns::Elem::Word(alts) if alts.iter().any(|a| verb(a)))
                })
            })
    }

    /// An English person's mention (byte span `s..e`) with the forms of address written before
    /// the name ("Mrs. Higgins", "Dr. Lee DeForest", "Prince Norodom Sihanouk") and the period
    /// of a generation suffix after it ("Martin Luther King Jr., said"), unless that period
    /// also ends the sentence. The label stays the name: the mention says how the text names
    /// the person, and English news names people with their form of address. An office
    /// ("President", "Sen.") describes the person and stays outside.
    fn english_person_span(&self, text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
        while let Some(rest) = text[..s].strip_suffix(' ') {
            let w = rest
                .rsplit([' ', '\n', '\t', '(', '"'])
                .next()
                .unwrap_or(rest);
            if w.is_empty() || !self.lex.honorifics.has(Lang::En, w) {
                break;
            }
            s = rest.len() - w.len();
        }
        let last = text[s..e].rsplit(' ').next().unwrap_or_default();
        if self.lex.name_suffixes.has(Lang::En, last) && text[e..].starts_with('.') {
            let after = text[e + 1..].trim_start();
            if after.starts_with(|c: char| !c.is_uppercase()) {
                e += 1;
            }
        }
        (s, e)
    }

    /// Places are labelled by their English name in English documents ("Äthiopien" is
    /// "Ethiopia"); the IRI, minted from the canonical name, stays the same.
    fn english_labels(&self, mentions: &mut [Mention], facts: &mut [Fact]) {
        let relabel = |label: &mut String, aliases: &mut Vec<String>| {
            if let Some(en) = self.lex.english_place(label) {
                *label = en.to_owned();
                aliases.retain(|a| a != en);
            }
        };
        for m in mentions.iter_mut() {
            relabel(&mut m.entity.label, &mut m.entity.aliases);
        }
        for f in facts.iter_mut() {
            for a in [&mut f.subject, &mut f.object] {
                if let Argument::Entity(e) = a {
                    relabel(&mut e.label, &mut e.aliases);
                }
            }
        }
    }

    /// Units a document names after their company: "die German Pellets GmbH" … "die German
    /// Pellets Supply GmbH & Co. KG und die German Pellets Sachsen". A name that is another
    /// organisation's name of the same document (without legal forms) plus a region
    /// ("Sachsen", "Deutschland", "North America") or words that name a unit (`unitword` in
    /// cues.tsv: "Beteiligungs", "Supply") is part of it; the inverse step adds that the
    /// company owns it. A town after the name says nothing ("ZF Friedrichshafen", "Young Boys
    /// Bern" are the company and the club), nor do words that may end a company's own name
    /// ("Akamai Technologies"). Evidence: the sentence that names the unit first.
    fn units_by_name(
        &self,
        entities: &[Resolved],
        entity_of: &[usize],
        sentence_of: &[usize],
        lang: Lang,
    ) -> Vec<(usize, RawFact)> {
        let mut first: HashMap<usize, usize> = HashMap::new();
        for (m, &e) in entity_of.iter().enumerate() {
            first.entry(e).or_insert(m);
        }
        let orgs: Vec<usize> = (0..entities.len())
            .filter(|&e| {
                entities[e].kind == EntityType::Organization
                    && !entities[e].local
                    && first.contains_key(&e)
            })
            .collect();
        // Each name without its legal forms, all of them: "German Pellets Supply GmbH & Co. KG".
        let core: Vec<&str> = entities
            .iter()
            .map(|e| {
                let mut name = e.label.as_str();
                while let Some(base) =
                    (self.lex.name_without_legal_form(name)).or_else(|| name.strip_suffix(" &"))
                {
                    name = base;
                }
                name
            })
            .collect();
        let names_a_unit =
            |rest: &str| {
                self.lex.known.get(rest).is_some_and(|k| {
                    k.kind == EntityType::Place && self.lex.regions.contains(&k.label)
                }) || rest.split(' ').all(|w| self.lex.unit_words.contains(w))
            };
        let mut out = Vec::new();
        for &unit in &orgs {
            // The longest such company: "Würth Elektronik", not "Würth".
            let company = orgs
                .iter()
                .filter(|&&c| c != unit)
                .filter_map(|&c| {
                    let rest = core[unit].strip_prefix(core[c])?.strip_prefix(' ')?;
                    names_a_unit(rest).then_some((core[c].len(), c))
                })
                .max();
            if let Some((_, company)) = company {
                let m = first[&unit];
                out.push((
                    sentence_of[m],
                    RawFact {
                        predicate: "partOf".into(),
                        subject: Arg::Mention(m),
                        object: Arg::Antecedent(first[&company], None),
                        quantity: None,
                        date: None,
                        confidence: UNIT_NAME_CONFIDENCE,
                        rule: format!("{lang}/partOf/unit-name"),
                        modality: None,
                        open: false,
                    },
                ));
            }
        }
        out
    }

    /// A name in lower case without the legal form it ends in (`legal` in cues.tsv): "Delticom
    /// AG" → "delticom".
    fn without_legal_form(&self, label: &str) -> String {
        self.lex
            .name_without_legal_form(label)
            .unwrap_or(label)
            .lower_case()
    }

    fn entity_index(&self, a: &Arg, entity_of: &[usize]) -> Option<usize> {
        match a {
            Arg::Mention(m) | Arg::Antecedent(m, _) => entity_of.get(*m).copied(),
            _ => None,
        }
    }

    fn entity(&self, r: &Resolved) -> Entity {
        Entity {
            key: EntityKey::of_label(&r.label),
            label: r.label.clone(),
            kind: r.kind,
            aliases: r.aliases.clone(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn argument(
        &self,
        doc: &str,
        a: &Arg,
        text: &str,
        chars: &CharIndex,
        values: &[Value],
        mention_spans: &[(usize, usize)],
        entities: &mut Vec<Resolved>,
        entity_of: &mut [usize],
        things: &mut Vec<(usize, usize, usize)>,
    ) -> Option<Argument> {
        let entity_arg =
            |ent: &Resolved, s: usize, e: usize, antecedent: Option<(usize, usize)>| {
                Argument::Entity(EntityArg {
                    key: EntityKey::of_label(&ent.label),
                    label: ent.label.clone(),
                    kind: ent.kind,
                    aliases: ent.aliases.clone(),
                    text: text[s..e].to_owned(),
                    start: chars.chars(s),
                    end: chars.chars(e),
                    antecedent: antecedent.map(|(s, e)| Antecedent {
                        text: text[s..e].to_owned(),
                        start: chars.chars(s),
                        end: chars.chars(e),
                    }),
                })
            };
        Some(match a {
            Arg::Mention(m) => {
                let (s, e) = mention_spans[*m];
                entity_arg(&entities[entity_of[*m]], s, e, None)
            }
            Arg::Antecedent(m, referring) => {
                let named = mention_spans[*m];
                match referring {
                    Some((s, e)) => entity_arg(&entities[entity_of[*m]], *s, *e, Some(named)),
                    None => entity_arg(&entities[entity_of[*m]], named.0, named.1, None),
                }
            }
            Arg::Phrase(s, e, label) => {
                let idx = entity_for(entities, label, EntityType::Thing, false);
                things.push((*s, *e, idx));
                entity_arg(&entities[idx], *s, *e, None)
            }
            // A thing without a name is the document's own node: one per label and document,
            // never a name's ("die Regierung" is no entity "Regierung" shared by all articles).
            // It is a fact's argument, not a mention: the mentions list names.
            Arg::Local(s, e, label, kind) => {
                let idx = entity_for(entities, label, *kind, true);
                let mut arg = entity_arg(&entities[idx], *s, *e, None);
                if let Argument::Entity(ea) = &mut arg {
                    ea.key = EntityKey::local(doc, label);
                }
                arg
            }
            Arg::Value(v) => {
                return Some(self.literal(values.get(*v)?, text, chars));
            }
        })
    }

    fn literal(&self, v: &Value, text: &str, chars: &CharIndex) -> Argument {
        let (s, e) = (v.start, v.end);
        let surface = text[s..e].to_owned();
        let (value, datatype, amount) = match &v.kind {
            ValueKind::Money { min, max, currency } => (
                if min == max {
                    num(*min)
                } else {
                    format!("{}-{}", num(*min), num(*max))
                },
                Datatype::MonetaryAmount,
                Some(Amount {
                    min: *min,
                    max: *max,
                    currency: Some(currency.clone()),
                }),
            ),
            ValueKind::Quantity { min, max } if min != max => (
                format!("{}-{}", num(*min), num(*max)),
                Datatype::QuantitativeValue,
                Some(Amount {
                    min: *min,
                    max: *max,
                    currency: None,
                }),
            ),
            ValueKind::Quantity { min, .. } => (
                num(*min),
                if min.fract() == 0.0 {
                    Datatype::Integer
                } else {
                    Datatype::Decimal
                },
                None,
            ),
            ValueKind::Date { iso, .. } => (
                iso.clone(),
                match iso.len() {
                    4 => Datatype::GYear,
                    7 => Datatype::GYearMonth,
                    _ => Datatype::Date,
                },
                None,
            ),
        };
        Argument::Literal(LiteralArg {
            value,
            datatype,
            amount,
            text: surface,
            start: chars.chars(s),
            end: chars.chars(e),
        })
    }
}

/// A tagged sentence, as [`could_fill`] reads it.
struct Fill<'a> {
    tagged: frames::Tagged<'a>,
    /// The types of the sentence's mentions, one entry each.
    types: &'a [EntityType],
    /// How many mentions the sentence has (a company's chief speaks for it only where the
    /// sentence names both: `Frames::could_fill`).
    mentions: usize,
    /// Whether a word can refer back to a person, and to an organisation
    /// ([`Discourse::kinds_near`]).
    near: (bool, bool),
    /// Whether the document has an organisation a bare role belongs to (`role_org`).
    document_org: bool,
}

/// The id of a frame that a word of a tagged sentence could be read by (its lemma's or its
/// form's, `frames_of_word`) and that could find its arguments in it, if there is one, counting
/// one entry per argument the sentence can give: each mention's type, what each referring word
/// may stand for ([`coref::could_refer`], when the discourse has a person or organisation for
/// it to refer to), and a person for each chief-executive role noun ("der VW-Chef",
/// [`NounFrames::role_descriptions`]) when an organisation can fill its place. A relative
/// pronoun stands for a mention of the sentence and adds nothing. A sentence without such a
/// frame gives no frame's fact whatever its parse, so it is not parsed (session 18); the
/// pipeline still parses every sentence where an open relation or a strike is possible, whose
/// facts and struck company do not come from these frames alone.
fn could_fill<'f>(
    s: &Fill<'_>,
    frames: Option<&'f Frames>,
    nouns: Option<&'f NounFrames>,
    lex: &Lexicon,
    lang: Lang,
) -> Option<&'f str> {
    let t = &s.tagged;
    let mut types: Vec<EntityType> = s.types.to_vec();
    let mut refer: Vec<EntityType> = Vec::new();
    let mut verb_frames: Vec<usize> = Vec::new();
    let mut noun_frames: Vec<usize> = Vec::new();
    let mut chiefs = 0;
    let words = frames::Words { lex, lang };
    for (k, form) in t.forms.iter().enumerate() {
        let (lemma, upos) = (t.lemmas[k], t.upos[k]);
        coref::could_refer(form, lemma, upos, lex, lang, &mut refer);
        if let Some(fr) = frames {
            fr.frames_of_word(form, lemma, &words, &mut verb_frames);
        }
        if let Some(nf) = nouns {
            let before = noun_frames.len();
            nf.frames_of_word(lemma, form, &mut noun_frames);
            if noun_frames[before..]
                .iter()
                .any(|&fi| nf.describes_chief(fi))
            {
                chiefs += 1;
            }
        }
    }
    let (person, organisation) = s.near;
    types.extend(refer.into_iter().filter(|t| match t {
        EntityType::Person => person,
        _ => organisation,
    }));
    if types.contains(&EntityType::Organization) {
        types.extend(std::iter::repeat_n(EntityType::Person, chiefs));
    }
    verb_frames.sort_unstable();
    verb_frames.dedup();
    noun_frames.sort_unstable();
    noun_frames.dedup();
    let verb = frames.and_then(|fr| {
        verb_frames
            .iter()
            .find(|&&fi| fr.could_fill(fi, &types, s.mentions >= 2, t, &words))
            .map(|&fi| fr.frames[fi].id.as_str())
    });
    verb.or_else(|| {
        nouns.and_then(|nf| {
            noun_frames
                .iter()
                .find(|&&fi| nf.could_fill(fi, &types, s.document_org, t.lower))
                .map(|&fi| nf.frames[fi].id.as_str())
        })
    })
}

/// The byte range (relative to `surface`) of a shorter name inside a mention, if it has one:
/// a person's surname, the base of a genitive, the name in a product compound.
/// Where the placeholder mentions of role descriptions start ("der VW-Chef"): far above any
/// document's mentions, so that the sentence loop treats them as mentions of earlier sentences
/// (antecedents) until [`resolve_role_holders`] replaces them.
const ROLE_HOLDER: usize = usize::MAX / 2;

/// A role compound whose first part is a common noun for an organisation's kind, as (that
/// noun, the role's predicate): "bahnchef" → ("bahn", "ceoOf"), "gewerkschaftschefin" →
/// ("gewerkschaft", "ceoOf"), "zentralbankpräsident" → ("zentralbank", "leads"). The head is a
/// role noun of roles.tsv (the longest that leaves a first part of at least three letters),
/// not a profession (`freerole`: "Bankanalyst" says what the analyst studies); the first part
/// is no word that qualifies the role (`roleprefix`: "Ex", "Vize"), and the compound is no role
/// of its own ("Konzernchef", "Finanzchef", "Aufsichtsratschef" say which post, not which
/// organisation). A linking "s" is dropped ("Verbandschef" → "verband").
fn kind_role(lower: &str, lex: &Lexicon, lang: Lang) -> Option<(String, String)> {
    if lower.contains('-') || crate::entities::listed_role(lower, lex, lang).is_some() {
        return None;
    }
    let (b, predicate) = lower.char_indices().skip(3).find_map(|(b, _)| {
        let head = &lower[b..];
        (head.chars().count() >= 4)
            .then(|| crate::entities::listed_role(head, lex, lang))
            .flatten()
            .filter(|_| !lex.free_roles.has(lang, head))
            .map(|p| (b, p.clone()))
    })?;
    let first = &lower[..b];
    let first = match first.strip_suffix('s') {
        Some(f) if f.chars().count() >= 3 && !lex.is_noun_de(first) => f,
        _ => first,
    };
    if lex.role_prefixes.has(lang, first) || lex.role_head_in(first).is_some() {
        return None;
    }
    Some((first.to_owned(), predicate))
}

/// Whether a word that names an organisation (the last word of its label, the noun before
/// it) says it is of this kind: the word itself or a compound it heads ("Commerzbank" is a
/// bank; "Flugbegleitergewerkschaft" a union).
fn is_of_kind(word: &str, kind: &str) -> bool {
    word.strip_suffix(kind)
        .is_some_and(|rest| rest.is_empty() || rest.chars().count() >= 3)
}

/// A role description's placeholder: the holder of this post at this organisation.
struct RoleHolder {
    predicate: String,
    /// The organisation's mention.
    organisation: usize,
}

/// Replaces each role description's placeholder by the person the document says holds the post
/// (a fact of the role's predicate with that organisation, anywhere in the document: "Die CEOs
/// von NVIDIA und Meta …" comes before "Jensen Huang, CEO von NVIDIA"), when exactly one person
/// does; a fact with a placeholder no one fills is dropped, and so is one that would relate a
/// person to themselves ("die beiden Chefs lobten sich gegenseitig").
fn resolve_role_holders(
    raw: &mut Vec<(usize, RawFact)>,
    holders: &[RoleHolder],
    entity_of: &[usize],
    kind: impl Fn(usize) -> EntityType,
) {
    if holders.is_empty() {
        return;
    }
    let named = |a: &Arg| match a {
        Arg::Mention(m) | Arg::Antecedent(m, _) if *m < ROLE_HOLDER => Some(*m),
        _ => None,
    };
    let person: Vec<Option<usize>> = holders
        .iter()
        .map(|h| {
            let org = entity_of[h.organisation];
            let mut first = None;
            let mut people: Vec<usize> = Vec::new();
            for (_, f) in raw.iter() {
                if f.open || f.predicate != h.predicate {
                    continue;
                }
                let (Some(p), Some(o)) = (named(&f.subject), named(&f.object)) else {
                    continue;
                };
                if entity_of[o] == org && kind(entity_of[p]) == EntityType::Person {
                    if !people.contains(&entity_of[p]) {
                        people.push(entity_of[p]);
                    }
                    first.get_or_insert(p);
                }
            }
            first.filter(|_| people.len() == 1)
        })
        .collect();
    // A placeholder's post and the words that name it; `None` for any other argument.
    let placeholder = |a: &Arg| match *a {
        Arg::Antecedent(m, span) if m >= ROLE_HOLDER => Some((m - ROLE_HOLDER, span)),
        Arg::Mention(m) if m >= ROLE_HOLDER => Some((m - ROLE_HOLDER, None)),
        _ => None,
    };
    // The holder, named by the role's words; `None` when nobody holds the post.
    let replace = |a: &Arg| match placeholder(a) {
        Some((post, span)) => person[post].map(|p| Arg::Antecedent(p, span)),
        None => Some(a.clone()),
    };
    raw.retain_mut(|(_, f)| {
        if placeholder(&f.subject).is_none() && placeholder(&f.object).is_none() {
            return true;
        }
        let (Some(subject), Some(object)) = (replace(&f.subject), replace(&f.object)) else {
            return false;
        };
        let same = match (named(&subject), named(&object)) {
            (Some(a), Some(b)) => entity_of[a] == entity_of[b],
            _ => false,
        };
        f.subject = subject;
        f.object = object;
        !same
    });
}

/// The document's entity with this label (any case), local or not ([`Resolved::local`]), or a
/// new one of this kind: a common noun's thing, or a thing without a name of its own document.
/// `s` with every run of white space (a line break, two spaces) as one space.
fn one_space(s: &str) -> String {
    if !s.contains(|c: char| c.is_whitespace() && c != ' ') && !s.contains("  ") {
        return s.to_owned();
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn entity_for(entities: &mut Vec<Resolved>, label: &str, kind: EntityType, local: bool) -> usize {
    let lower = label.lower_case();
    if let Some(i) = entities
        .iter()
        .position(|r| r.local == local && r.label.lower_case() == lower)
    {
        return i;
    }
    entities.push(Resolved {
        label: label.to_owned(),
        kind,
        aliases: Vec::new(),
        local,
    });
    entities.len() - 1
}

/// The start of a mention at byte `s` with the "#" of its hashtag: the sign right before it,
/// opening a word (nothing before it, or no letter or digit: "(#Edeka", "„#Edeka"). "C#" is no
/// hashtag of what follows.
fn hashtag_start(text: &str, s: usize) -> usize {
    let Some(before) = text[..s].strip_suffix('#') else {
        return s;
    };
    let opens = before
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    if opens {
        s - 1
    } else {
        s
    }
}

/// The name inside a mention that names its entity in another form, recorded as a nested
/// mention so a reader finds the entity by it: the base "Zuck" of the German genitive "Zucks",
/// the name "B200" of the compound "B200-GPUs".
///
/// A surname inside a full name is deliberately no second mention ("Huang" in "Jensen Huang"):
/// the full name is the one mention there, and name-recognition scores count every mention
/// record, so a nested surname reads as a wrong span. The genitive endings are the language's
/// (`genitive` in grammar.tsv) made of letters: an apostrophe after a word is as often a
/// closing quote ("mit 'Buy'"). The base is a name, written with a capital ("chinesisches" is
/// no genitive).
fn name_part(surface: &str, entity: &Entity, lex: &Lexicon, lang: Lang) -> Option<(usize, usize)> {
    let known = |w: &str| {
        w == entity.label
            || entity.aliases.iter().any(|a| a == w)
            || lex.known.get(w).is_some_and(|k| k.label == entity.label)
    };
    let letters = |ending: &&str| ending.chars().all(char::is_alphabetic);
    let genitive_base = lex
        .genitive_endings
        .of(lang)
        .filter(letters)
        .find_map(|ending| {
            surface
                .strip_suffix(ending)
                .filter(|base| !base.contains(' ') && base.starts_with(char::is_uppercase))
                .filter(|base| known(base))
        });
    if let Some(base) = genitive_base {
        return Some((0, base.len()));
    }
    if let Some(h) = surface.find('-') {
        if surface[..h] == entity.label {
            return Some((0, h));
        }
    }
    None
}

fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e18 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn json_num(x: f64) -> serde_json::Value {
    if x.fract() == 0.0 && x.abs() < 1e18 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn arg_key(a: &Argument) -> String {
    match a {
        Argument::Entity(e) => e.key.to_string(),
        Argument::Literal(l) => format!("{}^^{:?}", l.value, l.datatype),
    }
}

/// The authors a byline sentence names ("- von Andreas Framke und Peter Maushagen", "By John
/// Smith"): a byline word (`byline` in grammar.tsv) after at most a dash, then only person
/// names and list separators. Empty for any other sentence.
fn byline_authors(
    text: &str,
    s: &Sentence,
    ms: &[(usize, usize, usize, EntityType)],
    lex: &Lexicon,
    lang: Lang,
) -> Vec<usize> {
    let form = |t: &crate::text::segment::Token| text[t.start..t.end].lower_case();
    let mut tokens = s
        .tokens
        .iter()
        .skip_while(|t| matches!(&text[t.start..t.end], "-" | "–" | "—"));
    if !tokens
        .next()
        .is_some_and(|t| lex.byline_words.has(lang, &form(t)))
    {
        return Vec::new();
    }
    let mut authors: Vec<usize> = Vec::new();
    for t in tokens {
        match ms.iter().find(|m| m.0 <= t.start && t.end <= m.1) {
            Some(m) if m.3 == EntityType::Person => {
                if !authors.contains(&m.2) {
                    authors.push(m.2);
                }
            }
            Some(_) => return Vec::new(),
            None if lex.list_separators.contains(&form(t)) => {}
            None => return Vec::new(),
        }
    }
    authors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;

    #[test]
    fn every_qualifier_is_a_declared_property_under_its_own_name() {
        let onto = Ontology::embedded().unwrap();
        for key in QUALIFIERS {
            assert!(
                onto.declares(key),
                "tri:{key} is not declared in data/ontology.ttl"
            );
            // The RDF mapping writes `tri:<key>` unchanged only for such names.
            assert!(
                key.starts_with(|c: char| c.is_ascii_alphabetic())
                    && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{key}"
            );
        }
    }

    #[test]
    fn a_name_without_its_legal_form_is_the_same_name() {
        let ex = Extractor::new(ExtractConfig::default()).unwrap();
        assert_eq!(ex.without_legal_form("Delticom AG"), "delticom");
        assert_eq!(ex.without_legal_form("Delticom"), "delticom");
        // A legal form alone stays a name.
        assert_eq!(ex.without_legal_form("AG"), "ag");
        assert_ne!(ex.without_legal_form("Delticom Logistik AG"), "delticom");
    }

    #[test]
    fn predicates_the_pipeline_makes_itself_are_declared() {
        let onto = Ontology::embedded().unwrap();
        // Product families ("Blackwell B200") and the ceoOf-over-worksFor/leads preference.
        for p in ["partOf", "ceoOf", "worksFor", "leads"] {
            assert!(onto.declares(p), "{p}");
        }
    }

    #[test]
    fn facts_carry_only_listed_qualifiers() {
        let ex = Extractor::new(ExtractConfig::default()).unwrap();
        let doc = Document {
            id: "q.txt".into(),
            text: "Mark Zuckerberg hat angekündigt, dass das Unternehmen Meta bis Ende 2024 \
                   350.000 Hopper H100 von NVIDIA erwerben wird. \
                   Meta investiert zwischen 35 und 40 Milliarden US-Dollar."
                .into(),
        };
        let keys: HashSet<String> = ex
            .extract(&doc)
            .facts
            .into_iter()
            .flat_map(|f| f.qualifiers.into_keys())
            .collect();
        for k in ["quantity", "until", "min", "max", "currency"] {
            assert!(keys.contains(k), "{k} not in {keys:?}");
        }
        assert!(keys.iter().all(|k| QUALIFIERS.contains(&k.as_str())));
    }
}
