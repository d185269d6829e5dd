//! Loads the language data in `data/lexicon/`, `data/patterns/`, `data/frames/` and
//! `data/calibration.tsv` once.
//!
//! The files are embedded in the binary, so tripel works from any folder; a `--lexicon DIR`
//! override replaces any of them by a file of the same name, so a linguist can extend tripel
//! without touching Rust. Every file is plain UTF-8 text, `#` starts a comment line, columns are
//! tab-separated. Parsing errors name the file and line.
//!
//! The predicates of `roles.tsv` must be declared in the ontology (`data/ontology.ttl`, see
//! [`crate::ontology`]; it is embedded and not overridable). The pattern and frame files are
//! kept as text here and parsed and checked by [`crate::relations::patterns::load`] and
//! [`crate::relations::frames::Frames::parse`].

use crate::model::{EntityType, Lang};
use crate::ontology::{Ontology, ONTOLOGY_TTL};
use crate::text::LowerCase;
use crate::text::Needles;
// FxHash: the tables are consulted for every token, and their keys are not attacker-chosen.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Errors loading the language data.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A lexicon or pattern file could not be read.
    #[error("cannot read lexicon file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line of a lexicon or pattern file is malformed.
    #[error("{file}:{line}: {message}")]
    Syntax {
        /// The file name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A file is malformed as a whole (a pattern file that does not declare its language).
    #[error("{file}: {message}")]
    File {
        /// The file name.
        file: String,
        /// What is wrong.
        message: String,
    },
}

/// The embedded files, by name (the name is also the override file's name).
const EMBEDDED: &[(&str, &str)] = &[
    (
        "abbreviations.txt",
        include_str!("../../../data/lexicon/abbreviations.txt"),
    ),
    (
        "stopwords.tsv",
        include_str!("../../../data/lexicon/stopwords.tsv"),
    ),
    (
        "months.tsv",
        include_str!("../../../data/lexicon/months.tsv"),
    ),
    (
        "quantities.tsv",
        include_str!("../../../data/lexicon/quantities.tsv"),
    ),
    ("roles.tsv", include_str!("../../../data/lexicon/roles.tsv")),
    (
        "titles.tsv",
        include_str!("../../../data/lexicon/titles.tsv"),
    ),
    ("cues.tsv", include_str!("../../../data/lexicon/cues.tsv")),
    (
        "grammar.tsv",
        include_str!("../../../data/lexicon/grammar.tsv"),
    ),
    (
        "entities.tsv",
        include_str!("../../../data/lexicon/entities.tsv"),
    ),
    (
        "nouns.de.txt",
        include_str!("../../../data/lexicon/nouns.de.txt"),
    ),
    (
        "first_names.tsv",
        include_str!("../../../data/lexicon/first_names.tsv"),
    ),
    (
        "places.tsv",
        include_str!("../../../data/lexicon/places.tsv"),
    ),
    (
        "demonyms.tsv",
        include_str!("../../../data/lexicon/demonyms.tsv"),
    ),
    (
        "words.en.txt",
        include_str!("../../../data/lexicon/words.en.txt"),
    ),
    (
        "de.patterns",
        include_str!("../../../data/patterns/de.patterns"),
    ),
    (
        "en.patterns",
        include_str!("../../../data/patterns/en.patterns"),
    ),
    ("de.frames", include_str!("../../../data/frames/de.frames")),
    ("en.frames", include_str!("../../../data/frames/en.frames")),
    ("de.nouns", include_str!("../../../data/frames/de.nouns")),
    ("en.nouns", include_str!("../../../data/frames/en.nouns")),
    (
        "calibration.tsv",
        include_str!("../../../data/calibration.tsv"),
    ),
];

/// One entry of the gazetteer (`entities.tsv`, `places.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownEntity {
    /// Canonical label.
    pub label: String,
    /// schema.org class.
    pub kind: EntityType,
    /// Prominence: population for places, 0 for hand-listed entities.
    pub weight: u32,
}

impl KnownEntity {
    /// The population below which a place of the gazetteer is a small town: GeoNames lists
    /// towns named like people, companies and common words ("Obama", "Bowie", "Marin"), and
    /// what the sentence says of such a word weighs more than the town's listing.
    pub const SMALL_PLACE: u32 = 100_000;

    /// Whether this is a place of fewer than [`Self::SMALL_PLACE`] inhabitants.
    pub fn is_small_place(&self) -> bool {
        self.kind == EntityType::Place && self.weight < Self::SMALL_PLACE
    }

    /// Whether this is an organisation the gazetteer names without a cue: entities.tsv's `cue`
    /// flag (a name that is also a common word, "Shell") lists it with weight 0.
    pub fn is_org_without_cue(&self) -> bool {
        self.kind == EntityType::Organization && self.weight > 0
    }
}

/// The forms of one kind of `grammar.tsv` in file order, each with its language (`None`: both).
#[derive(Debug, Default, Clone)]
pub struct Forms(
    Vec<(Option<Lang>, String)>,
    /// The forms by text with the languages they are forms of (a bit each, [`lang_bit`]),
    /// made when first asked for a list longer than [`FORMS_SCANNED`]: [`Forms::has`] is
    /// asked about most words of every sentence (pronouns, articles, stop lists), and a scan
    /// of a long list compares the word with every form.
    OnceLock<HashMap<String, u8>>,
);

/// Lists of up to this many forms are scanned ([`Forms::has`]): comparing a few lengths costs
/// less than hashing the word.
const FORMS_SCANNED: usize = 8;

/// A language's bit in [`Forms`]' index; bit 0 is "both languages".
fn lang_bit(lang: Option<Lang>) -> u8 {
    match lang {
        None => 1,
        Some(Lang::De) => 2,
        Some(Lang::En) => 4,
    }
}

/// A post its holder does not hold as its chief ([`Lexicon::post_qualifier`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Post {
    /// Held it before: no present fact (the ontology has no time for roles).
    Former,
    /// Stands in for the chief: works for the organisation, does not lead it.
    Deputy,
}

impl Post {
    /// The predicate of a role held with this qualifier: a deputy works for the organisation,
    /// whatever the role says.
    pub fn predicate(post: Option<Post>, role: String) -> String {
        if post == Some(Post::Deputy) {
            "worksFor".to_owned()
        } else {
            role
        }
    }

    /// The fact's modality: a former post is marked `former`.
    pub fn modality(post: Option<Post>) -> Option<&'static str> {
        (post == Some(Post::Former)).then_some("former")
    }
}

impl Forms {
    /// The forms of `lang` (and of both languages), in file order.
    pub fn of(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(l, _)| l.is_none_or(|l| l == lang))
            .map(|(_, f)| f.as_str())
    }

    /// The forms of every language, in file order.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(_, f)| f.as_str())
    }

    /// Whether `w` is a form of `lang`.
    pub fn has(&self, lang: Lang, w: &str) -> bool {
        match self.index() {
            None => self.of(lang).any(|f| f == w),
            Some(index) => index
                .get(w)
                .is_some_and(|&bits| bits & (lang_bit(None) | lang_bit(Some(lang))) != 0),
        }
    }

    /// Whether `w` is a form of any language.
    pub fn has_any(&self, w: &str) -> bool {
        match self.index() {
            None => self.all().any(|f| f == w),
            Some(index) => index.contains_key(w),
        }
    }

    /// The index of a long list (made when first asked), `None` for a short one.
    fn index(&self) -> Option<&HashMap<String, u8>> {
        (self.0.len() > FORMS_SCANNED).then(|| {
            self.1.get_or_init(|| {
                let mut index: HashMap<String, u8> = HashMap::default();
                for (lang, f) in &self.0 {
                    *index.entry(f.clone()).or_default() |= lang_bit(*lang);
                }
                index
            })
        })
    }
}

/// All language data, parsed.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Abbreviations (without the period) after which a period does not end a sentence.
    pub abbreviations: HashSet<String>,
    /// Function words → the tags of the languages that have them (`de`, `en`, `fr`, ...), for
    /// language detection: "des" is German and French, "es" German and Spanish.
    pub stopwords: HashMap<String, Vec<String>>,
    /// Month names → 1..=12.
    pub months: HashMap<String, u32>,
    /// Scale words → multiplier.
    pub scales: HashMap<String, f64>,
    /// Currency words and symbols → ISO code.
    pub currencies: HashMap<String, String>,
    /// Words of number ranges and dates by role: "between", "to", "and", "deadline", "of"
    /// (lower case).
    pub range_words: HashMap<String, HashSet<String>>,
    /// Parts of a year ("ende") → (month, day).
    pub periods: HashMap<String, (u32, u32)>,
    /// Role nouns (lower case) → predicate.
    pub roles: HashMap<String, String>,
    /// Honorifics and titles that precede a name.
    pub titles: HashSet<String>,
    /// Legal-form suffixes (GmbH, AG, Inc.).
    pub legal_forms: HashSet<String>,
    /// Legal forms as the head of a compound ("Rechtsanwaltsaktiengesellschaft").
    pub legal_suffixes: Vec<String>,
    /// Final words of multi-word organisation names (Bank, Union).
    pub org_heads: HashSet<String>,
    /// German organisation heads before which a capitalised common noun standing alone is the
    /// organisation's name ("die Merkur Bank", "die Hanse Versicherung"): German writes a noun
    /// before a noun as one compound, so two separate words are a name (`orgnounhead`).
    pub org_noun_heads: HashSet<String>,
    /// Organisation heads whose name follows them ("Stadtwerke Kiel", "Sparkasse Vorderland"):
    /// a place or an unknown name after one is part of the organisation's name (`orgopener`;
    /// each is an organisation head too).
    pub org_openers: HashSet<String>,
    /// Organisation heads that end a name in English text only ("Labs", "Paper", "Energy":
    /// `orgheaden`; each is an organisation head too).
    pub org_heads_en: HashSet<String>,
    /// Nouns that precede an organisation name (lower case).
    pub org_nouns: HashSet<String>,
    /// Heads that make a compound an organisation noun ("konzern" in "Softwarekonzern"), lower case.
    pub org_suffixes: HashSet<String>,
    /// Nouns whose hyphen compound's first part names an organisation, known or not ("Moovel" in
    /// "Moovel-Tochter", "E-Plus" in "E-Plus-Übernahme"), lower case.
    pub org_part_heads: HashSet<String>,
    /// Role heads of at least four letters ("chef" in "Konzernchef"), lower case → predicate.
    pub role_heads: HashMap<String, String>,
    /// Nouns that mark a product (lower case).
    pub product_nouns: HashSet<String>,
    /// Prepositions that take a place (lower case).
    pub place_preps: HashSet<String>,
    /// Nouns that precede a place name.
    pub place_nouns: HashSet<String>,
    /// The place nouns that only say what kind of place follows and are no part of its name
    /// ("die Stadt Köln" names Köln; but "Kreuz Weinheim", "Landkreis Cuxhaven").
    pub place_classes: HashSet<String>,
    /// Words after a place name that name a site in it (Hbf, Nord).
    pub place_heads: HashSet<String>,
    /// Rivers that tell same-named towns apart after a slash ("Frankfurt/Main").
    pub place_rivers: HashSet<String>,
    /// Words after a place name that name its station (Hbf, Bahnhof).
    pub station_heads: HashSet<String>,
    /// Words after a company's name that name a unit of it ("Nordlicht Supply GmbH").
    pub unit_words: HashSet<String>,
    /// Labels before a securities identifier ("WKN: A12FBS").
    pub id_labels: HashSet<String>,
    /// Articles and possessives that open a noun phrase (lower case).
    pub determiners: HashSet<String>,
    /// Words that continue an organisation's name after its head ("Institut für …").
    pub org_links: HashSet<String>,
    /// Adjectives that open a noun phrase without naming anything ("sonstige", "weitere").
    pub quantifiers: HashSet<String>,
    /// Lower-case words inside personal names ("von", "de").
    pub name_particles: HashSet<String>,
    /// Particles that follow the given names only ("von", "zu"): after a surname they say
    /// where the person is from or works ("Olaf Kramm von Fanuc").
    pub first_particles: HashSet<String>,
    /// Words (and the comma) that join list items.
    pub list_separators: HashSet<String>,
    /// Verbs of saying (lower case).
    pub speech: HashSet<String>,
    /// All-caps words that are not organisations.
    pub not_org: HashSet<String>,
    /// Words that are never names (weekdays, time zones).
    pub not_name: HashSet<String>,
    /// Anaphoric noun phrases that refer to an organisation (lower case, space-separated).
    pub anaphors: HashSet<String>,
    /// Gazetteer: any surface form (label or alias) → entity.
    pub known: HashMap<String, KnownEntity>,
    /// Places whose English name differs from the canonical (German) one: canonical →
    /// (population, English name); the most populous place with that canonical wins.
    pub english_places: HashMap<String, (u32, String)>,
    /// Canonical labels of places that are no town (countries, states, regions, continents in
    /// `places.tsv`) and name no town either ("Singapur" is both): no organisation's seat.
    pub regions: HashSet<String>,
    /// Canonical labels of continents in `places.tsv` ("Europa", "Asien"): places with no
    /// government, so no post holder leads or works for them ("Europa-Präsident" of a carmaker
    /// heads its European business). The `Region` rows stay: many have a government
    /// ("Katalonien", "Schottland", "Quebec").
    pub no_polities: HashSet<String>,
    /// German capitalised common nouns (word forms).
    pub nouns_de: HashSet<String>,
    /// Given names → weight (how common).
    pub first_names: HashMap<String, u8>,
    /// Given names used for one sex only → whether male (for pronouns: "er", "she").
    pub first_name_male: HashMap<String, bool>,
    /// Demonym stems (lower case) → place label.
    pub demonyms: HashMap<String, String>,
    /// Common English words (lower case): a capitalised English word that is one is not a name by itself.
    pub words_en: HashSet<String>,
    /// German noun endings the noun list may lack ("des Konzernes"); `grammar.tsv` nounending.
    pub noun_endings: Forms,
    /// Endings of inflected organisation nouns ("des Autobauers"); orgnounending.
    pub org_noun_endings: Forms,
    /// Genitive and possessive endings of known names, tried in order ("NVIDIAs", "Apple's").
    pub genitive_endings: Forms,
    /// Genitive endings tried after `genitive_endings`, never for places (-es).
    pub genitive_endings_not_place: Forms,
    /// Adjective endings ("japanischen", "künstliche").
    pub adjective_endings: Forms,
    /// Endings of capitalised adjectives inside organisation names ("Deutsche Bank").
    pub name_adjective_endings: Forms,
    /// A weak adjective ending inside a name and the listed form's ending, space-separated ("en
    /// e": "Deutschen Bank" is "Deutsche Bank"), for stems in `weak_adjective_stems`.
    pub weak_adjective: Forms,
    /// Ends of adjective stems that take `weak_adjective` ("isch", "sch", "al").
    pub weak_adjective_stems: Forms,
    /// Endings of a town's adjective ("er": "Kieler").
    pub city_adjective_endings: Forms,
    /// The ending of a town's adjective before a noun, where it does not inflect ("er":
    /// "am Kieler Hafen").
    pub city_adjective_forms: Forms,
    /// Endings of a town's name that its adjective drops ("en": "Bremen" → "Bremer").
    pub city_endings: Forms,
    /// The infinitive marker that after a copula makes a passive ("sind zu sehen").
    pub zu_passive: Forms,
    /// Conjunctions of an adverbial infinitive clause whose subject is its governor's ("um …
    /// zu").
    pub control_marks: Forms,
    /// Verbs whose infinitive complement has a subject of its own ("lassen": "ließ X eine
    /// Stimme verkünden").
    pub causatives: Forms,
    /// Suffixes of an ordinal written in digits ("st", "nd", "rd", "th": "6th Fleet").
    pub ordinal_suffixes: Forms,
    /// Prepositions after which an unknown name is a place ("in", "near").
    pub place_intros: Forms,
    /// Direction words after an organisation's name that name its regional unit ("Aldi Nord").
    pub org_regions: Forms,
    /// Prepositions after which a noun phrase, so a name, begins ("bei", "für", "of").
    pub name_openers: Forms,
    /// Lower-case nouns of natural features that end an English place's name ("the Sahara
    /// desert", "the Najd plateau").
    pub geo_nouns: Forms,
    /// Articles dropped from the front of an organisation's name ("Die", "The").
    pub org_articles: Forms,
    /// Words that keep a run of capitalised English words one name ("of", "&").
    pub name_links: Forms,
    /// Forms of address before a person's name ("Mrs.", "Dr.", "Prince"): part of an English
    /// person's mention, not of the label.
    pub honorifics: Forms,
    /// Generation suffixes that end a person's name ("Jr", "Sr"): their period is the mention's.
    pub name_suffixes: Forms,
    /// Nouns only a person has ("wife", "assassin"): their possessive owner is a person.
    pub person_possessed: Forms,
    /// Words that open a noun phrase like a determiner before a name and role ("another").
    pub role_determiners: Forms,
    /// Words and punctuation that end an apposition (".", "dass", "that").
    pub apposition_stops: Forms,
    /// Contractions and the words they stand for, space-separated ("im in dem").
    pub contractions: Forms,
    /// Clitics written onto the word before them ("'s"): the parser sees them apart.
    pub clitics: Forms,
    /// The indices of `contractions` by their first word, in file order, made when first asked:
    /// [`Self::split_contraction`] is asked about every word of every parsed sentence.
    contraction_heads: OnceLock<HashMap<String, Vec<usize>>>,
    /// The first words (before the first space) of the `known` names with a space, made when
    /// first asked ([`Self::starts_known_name`]).
    known_heads: OnceLock<HashSet<String>>,
    /// The first words of the report cues read as word sequences (`reportprep`, `reportpostp`,
    /// `reportadv`), every language, made when first asked ([`Self::may_open_report_cue`]).
    report_heads: OnceLock<HashSet<String>>,
    /// The first two bytes of the `known` names that start with neither a capital nor a digit,
    /// as bits, made when first asked ([`Self::may_know_uncapitalised`]).
    known_uncapitalised: OnceLock<TwoByteStarts>,
    /// The first two bytes of the `demonyms`, made when first asked
    /// ([`Self::may_start_demonym`]).
    demonym_starts: OnceLock<TwoByteStarts>,
    /// The first two bytes of the `anaphors`, made when first asked
    /// ([`Self::may_start_anaphor`]).
    anaphor_starts: OnceLock<TwoByteStarts>,
    /// The length in bytes of the longest genitive ending (`genitive`, `genitivenoplace`), made
    /// when first asked ([`Self::longest_genitive_ending`]).
    longest_genitive: OnceLock<usize>,
    /// The lower cases of every word a number or date can start with besides a number
    /// (`range_words` "between" and "deadline", `periods`, `months`, `currencies`), made when
    /// first asked ([`Self::may_start_value`]).
    value_starts: OnceLock<HashSet<String>>,
    /// The last three bytes of every role head (`role_heads`) and the longest head's length in
    /// bytes, made when first asked ([`Self::role_head_in`]); `None` when a head is shorter
    /// than three bytes (then every ending is tried, as the filter could not be exact).
    role_head_ends: OnceLock<Option<(HashSet<[u8; 3]>, usize)>>,
    /// The same for the organisation suffixes (`org_suffixes`), for
    /// [`Self::has_org_suffix_after_three`].
    org_suffix_ends: OnceLock<Option<(HashSet<[u8; 3]>, usize)>>,
    /// The first words (before the first space) of the `roles` with a space ("vice" of "vice
    /// president"), made when first asked ([`Self::starts_multiword_role`]).
    multiword_role_heads: OnceLock<HashSet<String>>,
    /// The four pronoun lists of coreference's cues in one, and the definite articles with
    /// `both`, made when first asked ([`Self::is_cue_pronoun`], [`Self::is_cue_article`]).
    cue_lists: OnceLock<(Forms, Forms)>,
    /// `reference_nouns` of German and of English as [`Needles`], made when first asked
    /// ([`Self::reference_noun_in`]).
    reference_needles: OnceLock<(Needles, Needles)>,
    /// The last three bytes of every `reference_nouns` form (of both languages), made when first
    /// asked ([`Self::may_end_in_reference_noun`]); `None` when a form is shorter than that.
    reference_ends: OnceLock<Option<HashSet<[u8; 3]>>>,
    /// The `legal_forms` that end in a period, without it ("e.V", "Inc"), made when first asked
    /// ([`Self::is_legal_form_before_period`]).
    legal_forms_dotted: OnceLock<HashSet<String>>,
    /// Words that negate the verb they attach to ("nicht", "not").
    pub negations: Forms,
    /// The first word of a negated coordination ("weder X noch Y", "neither X nor Y"): it
    /// negates the verb of whose argument it is part: `negcoord` in grammar.tsv.
    pub negated_coordinations: Forms,
    /// Determiners that negate their noun ("keine", "no").
    pub negating_determiners: Forms,
    /// Negations written onto the word before ("n't" of "doesn't").
    pub negation_clitics: Forms,
    /// Words after a negation that make it a focus particle, not a denial ("nicht **nur**").
    pub negation_focus: Forms,
    /// Words that turn a negation before them round ("nicht X, **sondern** Y").
    pub contrasts: Forms,
    /// Nouns too vague to be a frame's object on their own ("Teil", "Jahr"): lemmas, lower case.
    pub vague_nouns: Forms,
    /// Prepositions of a phrase right after a vague object noun that says what it is of, where
    /// the parser hung the phrase on the verb ("kündigte Maßnahmen **zur** Kostensenkung an").
    pub vague_prepositions: Forms,
    /// Words before a preposition (`togetherprep`) that make its nominal a second doer of the
    /// verb ("**gemeinsam** mit", "**zusammen** mit"): lower case.
    pub together_words: Forms,
    /// The preposition after a `together` word ("gemeinsam **mit**").
    pub together_prepositions: Forms,
    /// Prepositions that say "more than" or "fewer than" right before a number ("betreibt
    /// **über** 3.000 Läden"): the counted noun is the verb's object (`relations::args`, rule 19).
    pub amount_prepositions: Forms,
    /// Prepositions of a phrase right after a product noun that says what it is for ("Chips
    /// **für** Rechenzentren"): part of the fact's text, not of the product's label.
    pub purpose_prepositions: Forms,
    /// Closed-class words (pronouns, conjunctions, particles) that are capitalised only at the
    /// start of a sentence, never names ("Man", "Ob"): lower case.
    pub function_words: Forms,
    /// Modal auxiliaries of intention ("wollen", "will").
    pub modals_of_intention: Forms,
    /// Modal auxiliaries of possibility ("können", "could").
    pub modals_of_possibility: Forms,
    /// Verbs of intention or attempt ("planen", "plan").
    pub intention_verbs: Forms,
    /// Verbs of talks, whose event noun is only talked of ("verhandeln", "negotiate").
    pub talk_verbs: Forms,
    /// Prepositions of source before a name ("von", "bei", "from"): a pattern's gap before a
    /// person or organisation slot does not end in one.
    pub source_prepositions: Forms,
    /// Verbs that deny, reject or end what they govern ("dementieren", "ablehnen", "scheitern"),
    /// lemmas with their separable particle.
    pub deny_verbs: Forms,
    /// Verbs of giving a holding away ("verkaufen", "abstoßen", "sell"): a share or a
    /// subsidiary that is their object was held and is no longer (`disposeverb`).
    pub dispose_verbs: Forms,
    /// Subordinating conjunctions of a condition ("falls", "if"): the clause's fact is possible
    /// only.
    pub condition_marks: Forms,
    /// Words that open a genitive attribute after a noun ("des", "der", "of").
    pub genitive_determiners: Forms,
    /// Determiners after which a name's leading adjective in "-en" is weak ("der Deutschen
    /// Bahn"; `weakdet`): labels in their base form (`entities::base_form`).
    pub weak_determiners: Forms,
    /// Of those, the ones only a genitive singular follows ("des", "eines"; `gensgdet`).
    pub genitive_singular_determiners: Forms,
    /// Definite articles, which make a company noun a reference back ("der Konzern").
    pub definite_articles: Forms,
    /// Company nouns that, with a definite article, refer back to an organisation ("Konzern").
    pub reference_nouns: Forms,
    /// Nouns for the kind of company that makes or runs something ("Hersteller", "Bauer"): the
    /// head of a compound that describes the company before its name.
    pub maker_nouns: Forms,
    /// Nouns that say how a company relates to another ("konkurrent", "rivale"): before a
    /// legal-form name they describe the company ("den Konkurrenten Nordlicht GmbH").
    pub relation_nouns: Forms,
    /// Nouns of organisations that are no company ("partei", "gewerkschaft", "ministerium"):
    /// their chief leads them, no chief executive (`noncompany` in grammar.tsv).
    pub noncompany_nouns: Forms,
    /// Role nouns that, bare before a name, say a profession rather than a post ("Ökonom"):
    /// `freerole` in grammar.tsv.
    pub free_roles: Forms,
    /// Role nouns of a polity's government ("Ministerpräsident", "Bürgermeister", "Minister";
    /// also as a compound's head: "Wirtschaftsminister"): the pattern element `POST` reads only
    /// these, with the country, state or town written at the role: `polityrole` in grammar.tsv.
    pub polity_roles: Forms,
    /// Words that, as the first part of a role compound, qualify the role rather than name an
    /// organisation ("Ex-Chef", "Vize-Präsident"): `roleprefix` in grammar.tsv.
    pub role_prefixes: Forms,
    /// Words before a role noun, or first parts of its compound, that say its holder held the
    /// post before ("der frühere Chef", "Ex-Chef"): `formerrole` in grammar.tsv.
    pub former_roles: Forms,
    /// The same for a deputy ("der stellvertretende Vorsitzende", "Vizechef"): `deputyrole`.
    pub deputy_roles: Forms,
    /// Past forms of the copula that, named by a role pattern, say the post is held no longer
    /// ("Jonas Pfeiffer war Chef der Elbwerft AG"): `pastcopula` in grammar.tsv.
    pub past_copulas: Forms,
    /// Words that open the phrase naming a report's source, before it ("laut", "nach
    /// Informationen", "according to"; several words separated by spaces): the sentence's facts
    /// are reported (`reportprep` in grammar.tsv, `relations::report`).
    pub report_prepositions: Forms,
    /// Words after the phrase naming a report's source ("Medienberichten zufolge"; `reportpostp`).
    pub report_postpositions: Forms,
    /// Verbs of reporting, by lemma ("berichten", "melden", "report"): "Wie das Handelsblatt
    /// berichtet, …", "…, berichtet das Handelsblatt" (`reportverb`).
    pub report_verbs: Forms,
    /// The word that opens a clause saying who reports ("wie", "as"; `reportas`).
    pub report_as: Forms,
    /// Words or word sequences that say the sentence is hearsay, no source named ("angeblich",
    /// "reportedly", "is said to"; `reportadv`).
    pub report_adverbs: Forms,
    /// Forms of the modal that, with a perfect infinitive or a modal of intention closing its
    /// clause, reports what others say ("Daimler soll Mahle übernommen haben"; `reportmodal`).
    pub report_modals: Forms,
    /// The infinitives that make `reportmodal` reportative at the end of its clause ("haben",
    /// "wollen"; `reportinf`): without one, "soll" is a plan or an order ("soll verkleinert
    /// werden").
    pub report_infinitives: Forms,
    /// Prepositions before a name at a verb pattern's start that put the name inside a
    /// prepositional phrase, so it is no subject ("Nach dem Verkauf von Osram will Siemens …";
    /// `phraseprep`).
    pub phrase_prepositions: Forms,
    /// Words before a verb of a post's frame that say it was held before ("die früher bei
    /// Bosch arbeitete"; `formeradverb`).
    pub former_adverbs: Forms,
    /// Heads of nouns for a unit of an organisation ("Sparte", "Abteilung"): a role noun with
    /// one after it heads the unit, not the organisation: `unitnoun` in grammar.tsv.
    pub unit_nouns: Forms,
    /// Prepositions of a verb's phrase whose action noun's doer is the clause subject ("mit der
    /// Übernahme der X hat Y …"): `agentprep` in grammar.tsv.
    pub agent_prepositions: Forms,
    /// Verbs whose object, an action noun, is the subject's own action ("Y hat die Übernahme der
    /// X abgeschlossen"), separable particle first: `agentverb` in grammar.tsv.
    pub agent_verbs: Forms,
    /// The word that opens a byline ("von", "by"; `byline` in grammar.tsv).
    pub byline_words: Forms,
    /// Word parts that make a word a strike ("streik" of "Warnstreik", "bestreikt"; `strikeword`
    /// in grammar.tsv): the sentence may name a struck company (noun frames' `struck` place).
    pub strike_words: Forms,
    /// Nouns for the workers who strike ("Piloten", "Flugbegleiter"; `striker` in grammar.tsv):
    /// their company is the struck one.
    pub strikers: Forms,
    /// The ends of street names ("straße", "weg", "allee"; `streetword` in grammar.tsv): a line
    /// of such a word and a house number belongs to an address block (`text::segment`).
    pub street_words: Forms,
    /// Labels of a seat or address line in a filing ("Registrierter Sitz und Staat", "Sitz";
    /// `addresslabel`, lower case): such a line runs on from the line before (`text::segment`).
    pub address_labels: Forms,
    /// Words that make a place a site ("Dreieck", "Kreuz", "Bahnhof"; `sitehead`, lower case):
    /// a town lies in no site (`pipeline.rs`).
    pub site_heads: Forms,
    /// Words that introduce examples of a noun ("wie", "such as"): "Konkurrenten wie Google"
    /// stands for Google (`example` in grammar.tsv).
    pub examples: Forms,
    /// Prepositions of the place where people work ("at American Express"): after one, a
    /// nationality before a name names a company (`employerprep` in grammar.tsv).
    pub employer_prepositions: Forms,
    /// Endings of abstract nouns, which surnames do not have ("-ity", "-tion"): such a word
    /// saying something names a body ("said Solidarity"; `abstractending` in grammar.tsv).
    pub abstract_endings: Forms,
    /// Known organisations that are no company (parties, unions, authorities: the `noncompany`
    /// flag of entities.tsv), labels and aliases in lower case.
    pub noncompany_names: HashSet<String>,
    /// News agencies (the `agency` flag of entities.tsv: "dpa", "Reuters"), labels and aliases in
    /// lower case: named in datelines and bylines, never what an article is about.
    pub news_agencies: HashSet<String>,
    /// Pronouns that refer back to a man ("er", "he").
    pub male_pronouns: Forms,
    /// Pronouns that refer back to a woman or a feminine organisation ("sie", "ihr", "she").
    pub female_pronouns: Forms,
    /// Pronouns that refer back to an organisation of neuter gender ("es", "sein", "it", "its").
    pub neuter_pronouns: Forms,
    /// Pronouns that refer back to several ("sie", "ihre", "they", "their").
    pub plural_pronouns: Forms,
    /// Relative pronouns ("der", "dem", "deren", "which", "who").
    pub relative_pronouns: Forms,
    /// Possessive relative pronouns ("dessen", "deren", "whose"): relatives even before a noun.
    pub possessive_relatives: Forms,
    /// Auxiliaries of the perfect ("haben", "have"): with one, a passive-looking subject is
    /// active ("die die Nordlicht GmbH übernommen hat").
    pub perfect_auxiliaries: Forms,
    /// Unstressed verb prefixes ("ge"): "gehört" may be "gehören", not "hören".
    pub verb_prefixes: Forms,
    /// Prepositions that name the organisation of a role noun ("Chef von", "Chefin bei").
    pub role_prepositions: Forms,
    /// Feminine endings of role nouns, longest first ("innen", "in": "Kundin").
    pub feminine_endings: Forms,
    /// "beide", "both": with a plural company noun, the last two organisations.
    pub both: Forms,
    /// Words that make a reflexive reciprocal ("gegenseitig", "einander"): "Die beiden Chefs
    /// lobten sich gegenseitig" is each about the other.
    pub reciprocals: Forms,
    /// Lemmas of copula verbs ("sein", "bleiben", "be"): "X ist Kunde von Y" reads like "X, Kunde
    /// von Y".
    pub copulas: Forms,
    /// Determiners that never open a nominative ("den", "dem", "des", "einen", "seinem"): a
    /// noun they open is no subject (`obliquedet` in grammar.tsv; relations/args.rs).
    pub oblique_determiners: Forms,
    /// Pronouns that are never nominative ("ihn", "mir", "dessen", "denen"): no subject
    /// (`obliquepron` in grammar.tsv; relations/args.rs).
    pub oblique_pronouns: Forms,
    /// Pronouns that are only nominative ("ich", "er", "wir"): a subject (`nominative` in
    /// grammar.tsv; relations/args.rs).
    pub nominative_pronouns: Forms,
    /// Legal forms and company nouns of feminine gender ("ag", "gmbh", "bank", "fluglinie").
    pub feminine_org_nouns: Forms,
    /// Company nouns of masculine gender ("konzern", "verein").
    pub masculine_org_nouns: Forms,
    /// Company nouns of neuter gender ("unternehmen", "institut").
    pub neuter_org_nouns: Forms,
    /// Adjectives of intention before a frame's noun ("geplant", "planned").
    pub intention_adjectives: Forms,
    /// Adjectives of possibility before a frame's noun ("möglich", "possible").
    pub possibility_adjectives: Forms,
    /// Prepositions that introduce a verb's argument ("mit", "gegen", "with").
    pub argument_prepositions: Forms,
    /// Verbs of saying ("sagen", "say").
    pub saying_verbs: Forms,
    /// Verbs too general to name an open relation ("haben", "have"; `noopenverb`).
    pub no_open_verbs: Forms,
    /// Per entity type, the word a recognised name is parsed as: "PER Müller".
    pub stand_ins: Forms,
    /// The relation pattern files: (file name, text), in load order. Each declares its language
    /// in an `@language` line; [`crate::relations::patterns::load`] parses and checks them.
    pub patterns: Vec<(String, String)>,
    /// The verb frame files: (file name, text), in load order; parsed and checked by
    /// [`crate::relations::frames::Frames::parse`].
    pub frames: Vec<(String, String)>,
    /// The noun frame files: (file name, text), in load order; parsed and checked by
    /// [`crate::relations::nouns::NounFrames::parse`].
    pub noun_frames: Vec<(String, String)>,
    /// The text of `calibration.tsv`, the observed precision of each family of facts; parsed
    /// and checked by [`crate::calibration::Calibration::parse`].
    pub calibration: String,
    /// The `tri:` properties the ontology declares; every predicate must be one of them.
    pub ontology: Ontology,
}

impl Lexicon {
    /// Loads the embedded data, with files in `dir` (if any) taking precedence.
    pub fn load(dir: Option<&Path>) -> Result<Self, LexiconError> {
        if let Some(d) = dir.filter(|d| !d.is_dir()) {
            return Err(LexiconError::Io {
                path: d.to_owned(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
            });
        }
        let mut lex = Lexicon {
            ontology: Ontology::parse(ONTOLOGY_TTL).map_err(|e| LexiconError::Syntax {
                file: "data/ontology.ttl".to_owned(),
                line: e.line,
                message: e.message,
            })?,
            ..Lexicon::default()
        };
        for (name, embedded) in EMBEDDED {
            let owned;
            let text = match dir.map(|d| d.join(name)).filter(|p| p.is_file()) {
                Some(path) => {
                    owned = std::fs::read_to_string(&path)
                        .map_err(|source| LexiconError::Io { path, source })?;
                    owned.as_str()
                }
                None => embedded,
            };
            lex.parse_file(name, text)?;
        }
        Ok(lex)
    }

    fn parse_file(&mut self, name: &str, text: &str) -> Result<(), LexiconError> {
        if name.ends_with(".patterns") {
            self.patterns.push((name.to_owned(), text.to_owned()));
            return Ok(());
        }
        if name.ends_with(".frames") {
            self.frames.push((name.to_owned(), text.to_owned()));
            return Ok(());
        }
        if name.ends_with(".nouns") {
            self.noun_frames.push((name.to_owned(), text.to_owned()));
            return Ok(());
        }
        if name == "calibration.tsv" {
            self.calibration = text.to_owned();
            return Ok(());
        }
        // places.tsv: canonical labels of towns, which no region of the same name hides.
        let mut towns: HashSet<String> = HashSet::default();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let err = |message: &str| LexiconError::Syntax {
                file: name.to_owned(),
                line: i + 1,
                message: message.to_owned(),
            };
            let col = |n: usize| {
                cols.get(n).map(|s| s.trim()).ok_or_else(|| {
                    err(&format!(
                        "expected at least {} tab-separated columns",
                        n + 1
                    ))
                })
            };
            match name {
                "abbreviations.txt" => {
                    self.abbreviations.insert(line.trim().to_owned());
                }
                "stopwords.tsv" => {
                    self.stopwords
                        .entry(col(1)?.to_owned())
                        .or_default()
                        .push(col(0)?.to_owned());
                }
                "months.tsv" => {
                    let m = col(1)?.parse().map_err(|_| err("month number expected"))?;
                    self.months.insert(col(0)?.to_owned(), m);
                }
                "quantities.tsv" => match col(0)? {
                    "scale" => {
                        let v = col(2)?.parse().map_err(|_| err("number expected"))?;
                        self.scales.insert(col(1)?.to_owned(), v);
                    }
                    "currency" => {
                        self.currencies
                            .insert(col(1)?.to_owned(), col(2)?.to_owned());
                    }
                    "period" => {
                        let (m, d) = col(2)?
                            .split_once('-')
                            .and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)))
                            .ok_or_else(|| err("period value must be MM-DD"))?;
                        self.periods.insert(col(1)?.lower_case(), (m, d));
                    }
                    kind @ ("between" | "to" | "and" | "deadline" | "of") => {
                        self.range_words
                            .entry(kind.to_owned())
                            .or_default()
                            .insert(col(1)?.lower_case());
                    }
                    other => return Err(err(&format!("unknown kind {other:?}"))),
                },
                "roles.tsv" => {
                    // `$role` in a pattern takes this predicate: it must be declared.
                    self.ontology.check(col(1)?).map_err(|m| err(&m))?;
                    let role = col(0)?.lower_case();
                    if role.chars().count() >= 4 && !role.contains(' ') {
                        self.role_heads.insert(role.clone(), col(1)?.to_owned());
                    }
                    self.roles.insert(role, col(1)?.to_owned());
                }
                "titles.tsv" => {
                    self.titles.insert(line.trim().to_owned());
                }
                "cues.tsv" => {
                    let word = col(1)?.to_owned();
                    match col(0)? {
                        "legal" => self.legal_forms.insert(word),
                        "orghead" => self.org_heads.insert(word),
                        "orgnounhead" => {
                            self.org_heads.insert(word.clone());
                            self.org_noun_heads.insert(word)
                        }
                        "orgheaden" => {
                            self.org_heads.insert(word.clone());
                            self.org_heads_en.insert(word)
                        }
                        "orgopener" => {
                            self.org_heads.insert(word.clone());
                            self.org_openers.insert(word)
                        }
                        "orgnoun" => {
                            let lower = word.lower_case();
                            if lower.chars().count() >= 5 {
                                self.org_suffixes.insert(lower.clone());
                            }
                            self.org_nouns.insert(lower)
                        }
                        "orgsuffix" => self.org_suffixes.insert(word.lower_case()),
                        "orgpart" => self.org_part_heads.insert(word.lower_case()),
                        "prodnoun" => self.product_nouns.insert(word.lower_case()),
                        "placeprep" => self.place_preps.insert(word.lower_case()),
                        "placenoun" => self.place_nouns.insert(word),
                        "placeclass" => self.place_classes.insert(word),
                        "anaphor" => self.anaphors.insert(word.lower_case()),
                        "placehead" => self.place_heads.insert(word),
                        "placeriver" => self.place_rivers.insert(word),
                        "determiner" => self.determiners.insert(word),
                        "quantifier" => self.quantifiers.insert(word),
                        "orglink" => self.org_links.insert(word),
                        "legalsuffix" => {
                            self.legal_suffixes.push(word.lower_case());
                            true
                        }
                        "particle" => self.name_particles.insert(word),
                        "firstparticle" => self.first_particles.insert(word),
                        "listsep" => self.list_separators.insert(word),
                        "stationhead" => self.station_heads.insert(word),
                        "unitword" => self.unit_words.insert(word),
                        "idlabel" => self.id_labels.insert(word),
                        "speech" => self.speech.insert(word.lower_case()),
                        "notorg" => self.not_org.insert(word),
                        "notname" => self.not_name.insert(word),
                        other => return Err(err(&format!("unknown cue kind {other:?}"))),
                    };
                }
                "grammar.tsv" => {
                    let lang = match col(1)? {
                        "de" => Some(Lang::De),
                        "en" => Some(Lang::En),
                        "*" => None,
                        other => return Err(err(&format!("unknown language {other:?}"))),
                    };
                    let forms = match col(0)? {
                        "nounending" => &mut self.noun_endings,
                        "orgnounending" => &mut self.org_noun_endings,
                        "genitive" => &mut self.genitive_endings,
                        "genitivenoplace" => &mut self.genitive_endings_not_place,
                        "adjending" => &mut self.adjective_endings,
                        "nameadjending" => &mut self.name_adjective_endings,
                        "weakadj" => &mut self.weak_adjective,
                        "weakadjstem" => &mut self.weak_adjective_stems,
                        "cityadjending" => &mut self.city_adjective_endings,
                        "cityadjform" => &mut self.city_adjective_forms,
                        "cityending" => &mut self.city_endings,
                        "zupassive" => &mut self.zu_passive,
                        "controlmark" => &mut self.control_marks,
                        "causative" => &mut self.causatives,
                        "ordinalsuffix" => &mut self.ordinal_suffixes,
                        "placeintro" => &mut self.place_intros,
                        "orgregion" => &mut self.org_regions,
                        "nameopen" => &mut self.name_openers,
                        "geonoun" => &mut self.geo_nouns,
                        "orgarticle" => &mut self.org_articles,
                        "namelink" => &mut self.name_links,
                        "honorific" => &mut self.honorifics,
                        "namesuffix" => &mut self.name_suffixes,
                        "personpossessed" => &mut self.person_possessed,
                        "roledet" => &mut self.role_determiners,
                        "appositionstop" => &mut self.apposition_stops,
                        "contraction" => &mut self.contractions,
                        "clitic" => &mut self.clitics,
                        "negation" => &mut self.negations,
                        "negdet" => &mut self.negating_determiners,
                        "negfocus" => &mut self.negation_focus,
                        "negclitic" => &mut self.negation_clitics,
                        "contrast" => &mut self.contrasts,
                        "vaguenoun" => &mut self.vague_nouns,
                        "vagueprep" => &mut self.vague_prepositions,
                        "together" => &mut self.together_words,
                        "togetherprep" => &mut self.together_prepositions,
                        "amountprep" => &mut self.amount_prepositions,
                        "purposeprep" => &mut self.purpose_prepositions,
                        "functionword" => &mut self.function_words,
                        "modalintent" => &mut self.modals_of_intention,
                        "modalpossible" => &mut self.modals_of_possibility,
                        "intentverb" => &mut self.intention_verbs,
                        "talkverb" => &mut self.talk_verbs,
                        "sourceprep" => &mut self.source_prepositions,
                        "denyverb" => &mut self.deny_verbs,
                        "disposeverb" => &mut self.dispose_verbs,
                        "condmark" => &mut self.condition_marks,
                        "intentadj" => &mut self.intention_adjectives,
                        "definite" => &mut self.definite_articles,
                        "genitivedet" => &mut self.genitive_determiners,
                        "weakdet" => &mut self.weak_determiners,
                        "gensgdet" => &mut self.genitive_singular_determiners,
                        "refnoun" => &mut self.reference_nouns,
                        "makernoun" => &mut self.maker_nouns,
                        "relnoun" => &mut self.relation_nouns,
                        "noncompany" => &mut self.noncompany_nouns,
                        "freerole" => &mut self.free_roles,
                        "polityrole" => &mut self.polity_roles,
                        "roleprefix" => &mut self.role_prefixes,
                        "formerrole" => &mut self.former_roles,
                        "deputyrole" => &mut self.deputy_roles,
                        "negcoord" => &mut self.negated_coordinations,
                        "pastcopula" => &mut self.past_copulas,
                        "reportprep" => &mut self.report_prepositions,
                        "reportpostp" => &mut self.report_postpositions,
                        "reportverb" => &mut self.report_verbs,
                        "reportas" => &mut self.report_as,
                        "reportadv" => &mut self.report_adverbs,
                        "reportmodal" => &mut self.report_modals,
                        "reportinf" => &mut self.report_infinitives,
                        "phraseprep" => &mut self.phrase_prepositions,
                        "formeradverb" => &mut self.former_adverbs,
                        "unitnoun" => &mut self.unit_nouns,
                        "agentprep" => &mut self.agent_prepositions,
                        "agentverb" => &mut self.agent_verbs,
                        "example" => &mut self.examples,
                        "byline" => &mut self.byline_words,
                        "strikeword" => &mut self.strike_words,
                        "striker" => &mut self.strikers,
                        "streetword" => &mut self.street_words,
                        "addresslabel" => &mut self.address_labels,
                        "sitehead" => &mut self.site_heads,
                        "employerprep" => &mut self.employer_prepositions,
                        "abstractending" => &mut self.abstract_endings,
                        "malepronoun" => &mut self.male_pronouns,
                        "femalepronoun" => &mut self.female_pronouns,
                        "neuterpronoun" => &mut self.neuter_pronouns,
                        "pluralpronoun" => &mut self.plural_pronouns,
                        "relative" => &mut self.relative_pronouns,
                        "relativeposs" => &mut self.possessive_relatives,
                        "perfectaux" => &mut self.perfect_auxiliaries,
                        "verbprefix" => &mut self.verb_prefixes,
                        "roleprep" => &mut self.role_prepositions,
                        "feminine" => &mut self.feminine_endings,
                        "both" => &mut self.both,
                        "reciprocal" => &mut self.reciprocals,
                        "copula" => &mut self.copulas,
                        "obliquedet" => &mut self.oblique_determiners,
                        "obliquepron" => &mut self.oblique_pronouns,
                        "nominative" => &mut self.nominative_pronouns,
                        "orgfem" => &mut self.feminine_org_nouns,
                        "orgmasc" => &mut self.masculine_org_nouns,
                        "orgneut" => &mut self.neuter_org_nouns,
                        "possibleadj" => &mut self.possibility_adjectives,
                        "argprep" => &mut self.argument_prepositions,
                        "sayverb" => &mut self.saying_verbs,
                        "noopenverb" => &mut self.no_open_verbs,
                        "standin" => &mut self.stand_ins,
                        other => return Err(err(&format!("unknown grammar kind {other:?}"))),
                    };
                    forms.0.push((lang, col(2)?.to_owned()));
                    // An index made before this form (by a `has` while loading) is stale.
                    forms.1 = OnceLock::new();
                }
                "entities.tsv" => {
                    let label = col(0)?.to_owned();
                    let kind = EntityType::from_schema_name(col(1)?)
                        .ok_or_else(|| err("unknown schema.org type"))?;
                    // Weight 1: accepted on sight; 0 ("cue" flag): also a common word, needs a cue.
                    let flags: Vec<&str> = cols
                        .get(3)
                        .map(|f| f.split(',').map(str::trim).collect())
                        .unwrap_or_default();
                    let needs_cue = flags.contains(&"cue");
                    let aliases: Vec<&str> = cols
                        .get(2)
                        .into_iter()
                        .flat_map(|a| a.split('|'))
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .collect();
                    // The label and its aliases, lower case, in the set of each flag that has one.
                    for (flag, set) in [
                        ("agency", &mut self.news_agencies),
                        ("noncompany", &mut self.noncompany_names),
                    ] {
                        if flags.contains(&flag) {
                            set.extend(aliases.iter().map(|a| a.lower_case()));
                            set.insert(label.lower_case());
                        }
                    }
                    let known = KnownEntity {
                        label: label.clone(),
                        kind,
                        weight: u32::from(!needs_cue),
                    };
                    for alias in aliases {
                        self.known.insert(alias.to_owned(), known.clone());
                    }
                    self.known.insert(label, known);
                }
                "places.tsv" => {
                    // name, type, canonical, country, population[, English name]: every place
                    // is a schema:Place.
                    let canonical = col(2)?.to_owned();
                    if col(1)? == "City" {
                        towns.insert(canonical.clone());
                    } else {
                        self.regions.insert(canonical.clone());
                    }
                    if col(1)? == "Continent" {
                        self.no_polities.insert(canonical.clone());
                    }
                    let entry = KnownEntity {
                        label: canonical,
                        kind: EntityType::Place,
                        weight: cols.get(4).and_then(|p| p.trim().parse().ok()).unwrap_or(0),
                    };
                    if let Some(en) = cols.get(5).map(|e| e.trim()).filter(|e| !e.is_empty()) {
                        let slot = self
                            .english_places
                            .entry(entry.label.clone())
                            .or_insert((entry.weight, en.to_owned()));
                        if slot.0 < entry.weight {
                            *slot = (entry.weight, en.to_owned());
                        }
                    }
                    // Organisations in the gazetteer win over a place of the same name; of two
                    // places, the larger ("Frankfurt" is Frankfurt am Main, not an der Oder).
                    match self.known.entry(col(0)?.to_owned()) {
                        std::collections::hash_map::Entry::Occupied(mut o) => {
                            if o.get().kind == EntityType::Place && o.get().weight < entry.weight {
                                o.insert(entry);
                            }
                        }
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(entry);
                        }
                    }
                }
                "nouns.de.txt" => {
                    self.nouns_de.insert(line.trim().to_owned());
                }
                "first_names.tsv" => {
                    let w = cols.get(2).and_then(|w| w.trim().parse().ok()).unwrap_or(1);
                    self.first_names.insert(col(0)?.to_owned(), w);
                    match cols.get(1).map(|g| g.trim()) {
                        Some("m") => {
                            self.first_name_male.insert(col(0)?.to_owned(), true);
                        }
                        Some("f") => {
                            self.first_name_male.insert(col(0)?.to_owned(), false);
                        }
                        _ => {}
                    }
                }
                "demonyms.tsv" => {
                    self.demonyms
                        .insert(col(0)?.lower_case(), col(1)?.to_owned());
                }
                "words.en.txt" => {
                    self.words_en.insert(line.trim().lower_case());
                }
                _ => {}
            }
        }
        self.regions.retain(|r| !towns.contains(r));
        Ok(())
    }

    /// Whether `word` (lower case) plays `role` in number ranges and dates ("to": "bis").
    pub fn is_range_word(&self, role: &str, word: &str) -> bool {
        self.range_words.get(role).is_some_and(|s| s.contains(word))
    }

    /// The English name of a place given by its canonical label, if it differs.
    pub fn english_place(&self, canonical: &str) -> Option<&str> {
        self.english_places
            .get(canonical)
            .map(|(_, en)| en.as_str())
    }

    /// The syntactic words a contraction stands for ("im" → "in", "dem"; "Im" → "In", "dem"),
    /// from `grammar.tsv` contraction; `None` for any other word.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert_eq!(lex.split_contraction("Im", tripel_extract::Lang::De), Some(vec!["In".to_owned(), "dem".to_owned()]));
    /// assert_eq!(lex.split_contraction("in", tripel_extract::Lang::De), None);
    /// ```
    pub fn split_contraction(&self, word: &str, lang: Lang) -> Option<Vec<String>> {
        let heads = self.contraction_heads.get_or_init(|| {
            let mut heads: HashMap<String, Vec<usize>> = HashMap::default();
            for (k, (_, f)) in self.contractions.0.iter().enumerate() {
                let head = f.split(' ').next().unwrap_or_default();
                heads.entry(head.to_owned()).or_default().push(k);
            }
            heads
        });
        let entry = heads
            .get(crate::text::lower(word).as_ref())?
            .iter()
            .map(|&k| &self.contractions.0[k])
            .find(|(l, _)| l.is_none_or(|l| l == lang))
            .map(|(_, f)| f.as_str())?;
        let mut words: Vec<String> = entry.split(' ').skip(1).map(str::to_owned).collect();
        // "Im" at the start of a sentence: its first word keeps the capital.
        if word.chars().next().is_some_and(char::is_uppercase) {
            if let Some(first) = words.first_mut() {
                let mut cs = first.chars();
                if let Some(c) = cs.next() {
                    *first = c.to_uppercase().chain(cs).collect();
                }
            }
        }
        Some(words)
    }

    /// A word with a clitic of `clitic` written onto it, split as Universal Dependencies
    /// counts words: "Google's" → ("Google", "'s"). `None` for a word that is only the clitic
    /// or has no clitic; the stem must end in a letter or digit ("'s" after a quote stays).
    ///
    /// ```
    /// use tripel_extract::{lexicon::Lexicon, model::Lang};
    /// let lex = Lexicon::load(None).unwrap();
    /// assert_eq!(lex.split_clitic("Google's", Lang::En), Some(("Google", "'s")));
    /// assert_eq!(lex.split_clitic("NVIDIA’s", Lang::En), Some(("NVIDIA", "’s")));
    /// assert_eq!(lex.split_clitic("'s", Lang::En), None);
    /// assert_eq!(lex.split_clitic("Google's", Lang::De), None);
    /// ```
    pub fn split_clitic<'w>(&self, word: &'w str, lang: Lang) -> Option<(&'w str, &'w str)> {
        self.clitics.of(lang).find_map(|c| {
            let at = word.len().checked_sub(c.len())?;
            let (stem, tail) = (word.get(..at)?, word.get(at..)?);
            (tail.eq_ignore_ascii_case(c)
                && stem.chars().next_back().is_some_and(char::is_alphanumeric))
            .then_some((stem, tail))
        })
    }

    /// Whether the lower-case word `lower` is the first word of some report cue read as a word
    /// sequence (`reportprep`, `reportpostp`, `reportadv`): the report reader asks it of every
    /// word of every sentence, and only such a word is tried against the cues themselves.
    pub fn may_open_report_cue(&self, lower: &str) -> bool {
        self.report_heads
            .get_or_init(|| {
                [
                    &self.report_prepositions,
                    &self.report_postpositions,
                    &self.report_adverbs,
                ]
                .into_iter()
                .flat_map(Forms::all)
                .map(|f| f.split(' ').next().unwrap_or_default().to_owned())
                .collect()
            })
            .contains(lower)
    }

    /// Whether a name of `known` with a space in it starts with the word `first` (its part
    /// before the first space): the name rules try every run of up to five words from each
    /// capitalised word against the gazetteer, and most runs start with no name's first word.
    pub fn starts_known_name(&self, first: &str) -> bool {
        self.known_heads
            .get_or_init(|| first_words(self.known.keys()))
            .contains(first)
    }

    /// False when `w` is no `known` name that starts with neither a capital nor a digit ("dpa",
    /// "adidas"), by its first two bytes: the gazetteer pass asks the gazetteer about every
    /// word in lower case, and few names are written so. True says nothing (`known` decides).
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// for k in lex.known.keys() {
    ///     if !k.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
    ///         assert!(lex.may_know_uncapitalised(k), "{k}");
    ///     }
    /// }
    /// assert!(!lex.may_know_uncapitalised("xq"));
    /// ```
    pub fn may_know_uncapitalised(&self, w: &str) -> bool {
        self.known_uncapitalised
            .get_or_init(|| {
                TwoByteStarts::new(
                    (self.known.keys()).filter(|k| {
                        !k.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    }),
                )
            })
            .may_be(w)
    }

    /// False when neither `lower` nor a start of it is one of the `demonyms`, by its first two
    /// bytes: the demonym pass looks up every word token (in both recognition passes) and its
    /// stems without each adjective ending, and few words start like a demonym. True says
    /// nothing.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// for k in lex.demonyms.keys() {
    ///     assert!(lex.may_start_demonym(k) && lex.may_start_demonym(&format!("{k}en")), "{k}");
    /// }
    /// assert!(!lex.may_start_demonym("xq"));
    /// ```
    pub fn may_start_demonym(&self, lower: &str) -> bool {
        self.demonym_starts
            .get_or_init(|| TwoByteStarts::new(self.demonyms.keys()))
            .may_start(lower)
    }

    /// False when no `anaphors` entry ("das unternehmen") starts with `lower` followed by a
    /// space, by its first two bytes, for a `lower` of at least two bytes (a shorter one: true).
    /// The relation units ask it of every word before building the pair with the next word and
    /// looking the pair up.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// for k in lex.anaphors.iter() {
    ///     let first = k.split(' ').next().unwrap();
    ///     assert!(lex.may_start_anaphor(first), "{k}");
    /// }
    /// assert!(!lex.may_start_anaphor("xq"));
    /// ```
    pub fn may_start_anaphor(&self, lower: &str) -> bool {
        lower.len() < 2
            || self
                .anaphor_starts
                .get_or_init(|| TwoByteStarts::new(self.anaphors.iter()))
                .may_start(lower)
    }

    /// The predicate of the role head that `w` (lower case) ends in after at least four
    /// characters, the longest such head first ("vorstandschef" → "chef"). Every role test of
    /// a compound asks this (the name rules for each capitalised word, the patterns' role
    /// slots), and most words end in no head: a word whose last three bytes end no head, or
    /// an ending longer than the longest head, is not looked up — the same answer as looking
    /// up every ending, as all heads are three bytes or longer.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert_eq!(lex.role_head_in("konzernchef").map(String::as_str), Some("ceoOf"));
    /// assert_eq!(lex.role_head_in("konzernhaus"), None);
    /// assert_eq!(lex.role_head_in("chef"), None);
    /// // The same as looking up every ending after the fourth character:
    /// for w in ["vorstandschefin", "werkssprecher", "ab", "", "übernahmeß", "konzernchefs"] {
    ///     let every = w.char_indices().skip(4).find_map(|(b, _)| lex.role_heads.get(&w[b..]));
    ///     assert_eq!(lex.role_head_in(w), every, "{w}");
    /// }
    /// ```
    pub fn role_head_in(&self, w: &str) -> Option<&String> {
        let filter = self
            .role_head_ends
            .get_or_init(|| ending_filter(self.role_heads.keys()));
        ending_starts(w, 4, filter)?.find_map(|b| self.role_heads.get(&w[b..]))
    }

    /// Whether `lower` ends in an organisation suffix (`orgsuffix`: "konzern", "hersteller")
    /// after at least three characters: the compound-noun test of the organisation cues
    /// ("softwarekonzern"), asked for every capitalised word. As [`Self::role_head_in`], a
    /// word whose last three bytes end no suffix, or an ending longer than the longest
    /// suffix, is not looked up: the same answer as looking up every ending, as all suffixes
    /// are three bytes or longer (else every ending is tried).
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert!(lex.has_org_suffix_after_three("softwarekonzern"));
    /// assert!(!lex.has_org_suffix_after_three("konzern"));
    /// // The same as looking up every ending after the third character:
    /// for w in ["chiphersteller", "autobauer", "ab", "", "übernahmeß", "konzernchefs", "werkskonzerne"] {
    ///     let every = w.char_indices().skip(3).any(|(b, _)| lex.org_suffixes.contains(&w[b..]));
    ///     assert_eq!(lex.has_org_suffix_after_three(w), every, "{w}");
    /// }
    /// ```
    pub fn has_org_suffix_after_three(&self, lower: &str) -> bool {
        let filter = self
            .org_suffix_ends
            .get_or_init(|| ending_filter(self.org_suffixes.iter()));
        ending_starts(lower, 3, filter)
            .is_some_and(|mut starts| starts.any(|b| self.org_suffixes.contains(&lower[b..])))
    }

    /// Whether `w` (lower case) is a male, female, neuter or plural pronoun of `lang`: one
    /// lookup where coreference's cues asked the four lists in turn for every word.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// use tripel_extract::Lang;
    /// for w in ["er", "sie", "es", "ihm", "they", "der", "konzern", ""] {
    ///     for lang in [Lang::De, Lang::En] {
    ///         let each = [&lex.male_pronouns, &lex.female_pronouns, &lex.neuter_pronouns, &lex.plural_pronouns]
    ///             .iter()
    ///             .any(|f| f.has(lang, w));
    ///         assert_eq!(lex.is_cue_pronoun(lang, w), each, "{w}");
    ///         let article = lex.definite_articles.has(lang, w) || lex.both.has(lang, w);
    ///         assert_eq!(lex.is_cue_article(lang, w), article, "{w}");
    ///     }
    /// }
    /// ```
    pub fn is_cue_pronoun(&self, lang: Lang, w: &str) -> bool {
        self.cue_lists().0.has(lang, w)
    }

    /// Whether `w` (lower case) is a definite article or in `both` of `lang`, in one lookup.
    pub fn is_cue_article(&self, lang: Lang, w: &str) -> bool {
        self.cue_lists().1.has(lang, w)
    }

    /// Whether a `reference_nouns` form of `lang` occurs in `w` (lower case), as
    /// `reference_nouns.of(lang).any(|n| w.contains(n))` says, in one walk over the word:
    /// coreference's cues ask it of every word after a definite article.
    pub fn reference_noun_in(&self, lang: Lang, w: &str) -> bool {
        let (de, en) = self.reference_needles.get_or_init(|| {
            (
                Needles::new(self.reference_nouns.of(Lang::De)),
                Needles::new(self.reference_nouns.of(Lang::En)),
            )
        });
        match lang {
            Lang::De => de,
            Lang::En => en,
        }
        .any_in(w, |_| true)
    }

    /// False when `w` ends in no `reference_nouns` form of any language, by its last three
    /// bytes: coreference's description test (a reference noun or a compound it heads) asks
    /// it of every noun before comparing the word's ending with each of the forms.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// for n in lex.reference_nouns.all() {
    ///     assert!(lex.may_end_in_reference_noun(n));
    ///     assert!(lex.may_end_in_reference_noun(&format!("auto{n}")));
    /// }
    /// assert!(!lex.may_end_in_reference_noun("xyzq"));
    /// ```
    pub fn may_end_in_reference_noun(&self, w: &str) -> bool {
        let ends = self.reference_ends.get_or_init(|| {
            let all = || self.reference_nouns.all();
            (!all().any(|n| n.len() < 3))
                .then(|| all().filter_map(crate::text::last_bytes::<3>).collect())
        });
        match ends {
            None => true,
            Some(ends) => crate::text::last_bytes::<3>(w).is_some_and(|e| ends.contains(&e)),
        }
    }

    /// Whether `w` followed by a period is one of the `legal_forms` ("e.V" "." → "e.V."), as
    /// `legal_forms.contains(&format!("{w}."))` says without making the string: the legal-form
    /// pass asks it of every word before a period, the last word of most sentences.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// for f in &lex.legal_forms {
    ///     if let Some(w) = f.strip_suffix('.') {
    ///         assert!(lex.is_legal_form_before_period(w));
    ///     }
    /// }
    /// assert!(!lex.is_legal_form_before_period("Haus"));
    /// ```
    pub fn is_legal_form_before_period(&self, w: &str) -> bool {
        self.legal_forms_dotted
            .get_or_init(|| {
                (self.legal_forms.iter())
                    .filter_map(|f| f.strip_suffix('.'))
                    .map(str::to_owned)
                    .collect()
            })
            .contains(w)
    }

    /// The merged lists of [`Self::is_cue_pronoun`] and [`Self::is_cue_article`]: a word is in
    /// a merged list for a language exactly when it is in one of its lists for it.
    fn cue_lists(&self) -> &(Forms, Forms) {
        self.cue_lists.get_or_init(|| {
            let merge = |lists: &[&Forms]| {
                Forms(
                    lists.iter().flat_map(|f| f.0.iter().cloned()).collect(),
                    OnceLock::new(),
                )
            };
            (
                merge(&[
                    &self.male_pronouns,
                    &self.female_pronouns,
                    &self.neuter_pronouns,
                    &self.plural_pronouns,
                ]),
                merge(&[&self.definite_articles, &self.both]),
            )
        })
    }

    /// Whether a role of `roles` with a space in it starts with the word `first` (its part
    /// before the first space): a pattern's role slot tries the next three and two words
    /// joined as a role at every word it is tried at, and most words begin no such role.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert!(lex.starts_multiword_role("vice"));
    /// assert!(!lex.starts_multiword_role("chef"));
    /// ```
    pub fn starts_multiword_role(&self, first: &str) -> bool {
        self.multiword_role_heads
            .get_or_init(|| first_words(self.roles.keys()))
            .contains(first)
    }

    /// Whether a value scan may start at a word token whose lower case is `lower` (not a
    /// number): whether it is a range or deadline word ("zwischen", "bis"), a period of a year
    /// ("Ende"), a month or a currency, in any case. The scan asks this of every token before
    /// looking it up in those five lists, where most words are in none.
    ///
    /// ```
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert!(lex.may_start_value("märz") && lex.may_start_value("bis") && lex.may_start_value("ende"));
    /// assert!(!lex.may_start_value("konzern"));
    /// // Every listed word, as written and in lower case:
    /// for w in lex.months.keys().chain(lex.currencies.keys()).chain(lex.periods.keys()) {
    ///     assert!(lex.may_start_value(&w.to_lowercase()), "{w}");
    /// }
    /// ```
    pub fn may_start_value(&self, lower: &str) -> bool {
        self.value_starts
            .get_or_init(|| {
                let roles = ["between", "deadline"];
                (roles.iter())
                    .filter_map(|r| self.range_words.get(*r))
                    .flatten()
                    .chain(self.periods.keys())
                    .chain(self.months.keys())
                    .chain(self.currencies.keys())
                    .map(|w| w.lower_case())
                    .collect()
            })
            .contains(lower)
    }

    /// The length in bytes of the longest genitive ending of any language, asked for every run
    /// of words the gazetteer pass tries.
    pub fn longest_genitive_ending(&self) -> usize {
        *self.longest_genitive.get_or_init(|| {
            (self.genitive_endings.all())
                .chain(self.genitive_endings_not_place.all())
                .map(str::len)
                .max()
                .unwrap_or(0)
        })
    }

    /// The word a recognised name of this type is parsed as (`standin` in grammar.tsv; the
    /// organisation's for a type without its own).
    pub fn stand_in(&self, kind: EntityType, lang: Lang) -> &str {
        let tag = match kind {
            EntityType::Person => "PER",
            EntityType::Place | EntityType::TrainStation => "LOC",
            EntityType::Product => "PROD",
            _ => "ORG",
        };
        let of = |tag: &str| {
            self.stand_ins
                .of(lang)
                .find_map(|f| f.strip_prefix(tag)?.strip_prefix(' '))
        };
        of(tag).or_else(|| of("ORG")).unwrap_or("X")
    }

    /// Whether a lower-case word negates: a `negation` of grammar.tsv, or a word that ends in a
    /// `negclitic` ("doesn't", "won’t": the patterns see words as written; the parser sees them
    /// split, [`Self::split_contraction`]).
    pub fn negates(&self, lang: Lang, lower: &str) -> bool {
        self.negations.has(lang, lower)
            || self
                .negation_clitics
                .of(lang)
                .any(|n| n.len() < lower.len() && lower.ends_with(n))
    }

    /// The word a city adjective ("Leipziger") is parsed as (`standin LOCADJ` in
    /// grammar.tsv), if the language has one.
    pub fn place_adjective_stand_in(&self, lang: Lang) -> Option<&str> {
        self.stand_ins
            .of(lang)
            .find_map(|f| f.strip_prefix("LOCADJ ").filter(|w| !w.is_empty()))
    }

    /// Whether `word` (as written) is a German common noun form.
    pub fn is_noun_de(&self, word: &str) -> bool {
        self.nouns_de.contains(word)
    }

    /// A German noun, also in a dative or genitive form the noun list may lack ("im Gange",
    /// "des Konzernes").
    pub fn is_noun_form_de(&self, w: &str) -> bool {
        self.is_noun_de(w)
            || self.noun_endings.of(Lang::De).any(|suffix| {
                w.len() > 4 && w.strip_suffix(suffix).is_some_and(|b| self.is_noun_de(b))
            })
    }

    /// Whether a German word is a compound whose head is a known noun form: a final part of at
    /// least four letters after a first part of at least three, capitalised ("Kundenvermögen"
    /// → "Vermögen", "Containerschiffe" → "Schiffe").
    pub fn is_compound_noun_de(&self, w: &str) -> bool {
        self.is_compound_with_head_de(w, 4)
    }

    /// [`Self::is_compound_noun_de`] with heads of at least `min_head` letters: a caller that
    /// must not take a name for a compound asks for longer heads ("Navistar" ends in "Star").
    pub fn is_compound_with_head_de(&self, w: &str, min_head: usize) -> bool {
        // Heads start at the 4th to the `min_head`-th-last character; one buffer for all of
        // them (the weak name rules ask this of many words).
        let heads = w.chars().count().saturating_sub(3 + min_head - 1);
        let mut head = String::with_capacity(w.len() + 2);
        w.char_indices().skip(3).take(heads).any(|(b, c)| {
            head.clear();
            head.extend(c.to_uppercase());
            head.push_str(&w[b + c.len_utf8()..]);
            self.is_noun_form_de(&head)
        })
    }

    /// Whether a capitalised German word is a common noun form or a compound of one.
    pub fn is_noun_or_compound_de(&self, word: &str) -> bool {
        self.is_noun_form_de(word) || self.is_compound_noun_de(word)
    }

    /// Whether a word names a strike: it holds one of the language's `strikeword` parts
    /// ("Warnstreik", "bestreikt", "Streiks"), in any case.
    pub fn is_strike_word(&self, lang: Lang, word: &str) -> bool {
        let word = crate::text::lower(word);
        self.strike_words.of(lang).any(|s| word.contains(s))
    }

    /// An organisation's name without the legal form it ends in ("Delticom AG" → "Delticom"),
    /// if it ends in one (`legal` in cues.tsv) after a name.
    pub fn name_without_legal_form<'a>(&self, label: &'a str) -> Option<&'a str> {
        let (base, form) = label.rsplit_once(' ')?;
        (self.legal_forms.contains(form) && !base.is_empty()).then_some(base)
    }

    /// Whether a word is a role noun of a polity's government (`polityrole` in grammar.tsv):
    /// the word itself, the rest of a hyphen compound ("nrw-ministerpräsidentin"), or, for an
    /// entry written as a head ("-minister"), a compound it heads with a first part of at least
    /// three letters ("wirtschaftsminister"). Other compounds are not the polity's post:
    /// "Zentralbankpräsident" heads the bank, "Verbandspräsident" the association.
    ///
    /// ```
    /// use tripel_extract::model::Lang;
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert!(lex.is_polity_role(Lang::De, "ministerpräsidentin"));
    /// assert!(lex.is_polity_role(Lang::De, "nrw-ministerpräsidentin"));
    /// assert!(lex.is_polity_role(Lang::De, "wirtschaftsminister"));
    /// assert!(!lex.is_polity_role(Lang::De, "zentralbankpräsident"));
    /// assert!(!lex.is_polity_role(Lang::De, "konzernchef"));
    /// ```
    pub fn is_polity_role(&self, lang: Lang, lower: &str) -> bool {
        self.polity_roles
            .of(lang)
            .any(|f| match f.strip_prefix('-') {
                Some(head) => lower
                    .strip_suffix(head)
                    .is_some_and(|rest| rest.is_empty() || rest.chars().count() >= 3),
                None => lower
                    .strip_suffix(f)
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with('-')),
            })
    }

    /// Whether the words `word` and `prep` open a phrase whose nominal is a second doer of the
    /// verb (`together`, `togetherprep`: "gemeinsam mit", "zusammen mit").
    ///
    /// ```
    /// use tripel_extract::model::Lang;
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert!(lex.opens_together(Lang::De, "gemeinsam", "mit"));
    /// assert!(lex.opens_together(Lang::De, "Zusammen", "mit"));
    /// assert!(!lex.opens_together(Lang::De, "gemeinsam", "für"));
    /// ```
    pub fn opens_together(&self, lang: Lang, word: &str, prep: &str) -> bool {
        self.together_words.has(lang, &crate::text::lower(word))
            && self
                .together_prepositions
                .has(lang, &crate::text::lower(prep))
    }

    /// Whether a role is a post its holder does not hold as its chief: a former one ("der
    /// frühere Chef", "die ehemalige Vorsitzende", "Ex-Chef") or a deputy's ("der
    /// stellvertretende Vorsitzende", "stv. Leiter", "Vizechef"). `before` is the word right
    /// before the role (or before the name its compound begins with: "der frühere Siemens-Chef"),
    /// `role` the role word itself, both lower case. A word of `formerrole` or `deputyrole`
    /// matches with an adjective ending (`adjending`: "frühere", "ehemaligen") or a period
    /// ("stv."); as the role's first part it needs a hyphen or a role after it ("Ex-Chef",
    /// "Vizepräsident"), so "Exportchef" is no former chief.
    ///
    /// ```
    /// use tripel_extract::lexicon::Post;
    /// use tripel_extract::model::Lang;
    /// let lex = tripel_extract::Lexicon::load(None).unwrap();
    /// assert_eq!(lex.post_qualifier(Lang::De, Some("frühere"), "chef"), Some(Post::Former));
    /// assert_eq!(lex.post_qualifier(Lang::De, None, "ex-chef"), Some(Post::Former));
    /// assert_eq!(lex.post_qualifier(Lang::De, Some("stellvertretende"), "vorsitzende"), Some(Post::Deputy));
    /// assert_eq!(lex.post_qualifier(Lang::De, Some("stv."), "leiter"), Some(Post::Deputy));
    /// assert_eq!(lex.post_qualifier(Lang::De, None, "vizepräsident"), Some(Post::Deputy));
    /// assert_eq!(lex.post_qualifier(Lang::De, None, "exportchef"), None);
    /// assert_eq!(lex.post_qualifier(Lang::De, Some("neue"), "chef"), None);
    /// ```
    pub fn post_qualifier(&self, lang: Lang, before: Option<&str>, role: &str) -> Option<Post> {
        let word = |stem: &str, w: &str| {
            let w = w.trim_end_matches('.');
            w.strip_prefix(stem).is_some_and(|rest| {
                rest.is_empty() || self.adjective_endings.of(lang).any(|e| e == rest)
            })
        };
        let part = |stem: &str| {
            role.strip_prefix(stem)
                .is_some_and(|rest| match rest.strip_prefix('-') {
                    Some(r) => !r.is_empty(),
                    None => {
                        stem.chars().count() >= 4
                            && rest.chars().count() >= 3
                            && (self.roles.contains_key(rest) || self.role_head_in(rest).is_some())
                    }
                })
        };
        let says = |forms: &Forms| {
            forms
                .of(lang)
                .any(|stem| before.is_some_and(|b| word(stem, b)) || part(stem))
        };
        if says(&self.former_roles) {
            Some(Post::Former)
        } else if says(&self.deputy_roles) {
            Some(Post::Deputy)
        } else {
            None
        }
    }

    /// Whether an organisation is no company (a party, union, authority, association,
    /// university …), by its name (a known one flagged `noncompany` in entities.tsv; a word of
    /// it, or the head of one, a `noncompany` noun: "Bundeskriminalamt", "Universität Bremen";
    /// an abbreviation of the list at its end: "e.V.") or the noun right before it ("die
    /// Flugbegleitergewerkschaft Ufo"). Its chief leads it: chief executives are for companies.
    pub fn is_noncompany(&self, name: &str, before: Option<&str>, lang: Lang) -> bool {
        let lower = name.lower_case();
        if self.noncompany_names.contains(&lower)
            || self
                .noncompany_nouns
                .of(lang)
                .any(|n| n.contains('.') && lower.ends_with(n))
        {
            return true;
        }
        let kind = |word: &str| {
            let w = word.lower_case();
            self.noncompany_nouns.of(lang).any(|n| {
                w.strip_suffix(n).is_some_and(|rest| {
                    rest.is_empty() || rest.ends_with('-') || rest.chars().count() >= 3
                })
            })
        };
        // The noun before the name may be inflected ("des Liga-Verbandes HBL": `nounending`).
        let kind_inflected = |word: &str| {
            kind(word)
                || self
                    .noun_endings
                    .of(lang)
                    .filter_map(|e| word.strip_suffix(e))
                    .any(|stem| stem.chars().count() >= 4 && kind(stem))
        };
        name.split_whitespace().any(kind)
            || before.is_some_and(|b| b.starts_with(char::is_uppercase) && kind_inflected(b))
    }
}

/// The first two bytes of a set of strings, as bits: a string of the set, or a string with a
/// start of at least two bytes in the set, begins with the bytes of one of them
/// ([`TwoByteStarts::may_be`], [`TwoByteStarts::may_start`]).
#[derive(Debug, Clone)]
struct TwoByteStarts {
    bits: Vec<u64>,
    /// Some string of the set is shorter than two bytes: every string may start with it.
    short: bool,
}

impl TwoByteStarts {
    fn new<'a>(keys: impl Iterator<Item = &'a String>) -> TwoByteStarts {
        let mut bits = vec![0u64; 1 << 10];
        let mut short = false;
        for k in keys {
            short |= k.len() < 2;
            let key = first_two_bytes(k);
            bits[key >> 6] |= 1 << (key & 63);
        }
        TwoByteStarts { bits, short }
    }

    /// False when `w` is no string of the set: each has its own first two bytes (a missing
    /// byte as 0).
    fn may_be(&self, w: &str) -> bool {
        let key = first_two_bytes(w);
        self.bits[key >> 6] >> (key & 63) & 1 == 1
    }

    /// False when no string of the set is `w` or a start of it: a start of two bytes or more
    /// has the first two bytes of `w`, and a shorter one sets `short`.
    fn may_start(&self, w: &str) -> bool {
        self.short || self.may_be(w)
    }
}

/// The first two bytes of `w` as one number, a missing byte as 0 ([`TwoByteStarts`]).
fn first_two_bytes(w: &str) -> usize {
    let b = w.as_bytes();
    usize::from(b.first().copied().unwrap_or(0)) << 8 | usize::from(b.get(1).copied().unwrap_or(0))
}

/// The first words of the keys that have more than one word ("vice" of "vice president").
fn first_words<'a>(keys: impl Iterator<Item = &'a String>) -> HashSet<String> {
    keys.filter_map(|k| k.split_once(' '))
        .map(|(head, _)| head.to_owned())
        .collect()
}

/// The last three bytes of every key and the longest key's length, to rule out most words'
/// endings before looking them up ([`Lexicon::role_head_in`],
/// [`Lexicon::has_org_suffix_after_three`]); `None` when a key is shorter than three bytes, as
/// every ending must then be tried.
fn ending_filter<'k>(
    keys: impl Iterator<Item = &'k String> + Clone,
) -> Option<(HashSet<[u8; 3]>, usize)> {
    if keys.clone().any(|k| k.len() < 3) {
        return None;
    }
    let ends = keys
        .clone()
        .filter_map(|k| crate::text::last_bytes::<3>(k))
        .collect();
    let longest = keys.map(String::len).max().unwrap_or(0);
    Some((ends, longest))
}

/// The byte offsets, after the first `skip` characters of `w`, where an ending of `w` may be a
/// key ([`ending_filter`]); `None` when the filter says no ending is.
fn ending_starts<'w>(
    w: &'w str,
    skip: usize,
    filter: &'w Option<(HashSet<[u8; 3]>, usize)>,
) -> Option<impl Iterator<Item = usize> + 'w> {
    let longest = match filter {
        None => usize::MAX,
        Some((ends, longest)) => {
            if !crate::text::last_bytes::<3>(w).is_some_and(|e| ends.contains(&e)) {
                return None;
            }
            *longest
        }
    };
    Some(
        w.char_indices()
            .skip(skip)
            .map(|(b, _)| b)
            .filter(move |&b| w.len() - b <= longest),
    )
}
