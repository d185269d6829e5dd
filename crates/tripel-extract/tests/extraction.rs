//! Extraction behaviour on the phenomena German and English news throw at it: inflection,
//! compounds, number formats, verb-final clauses, separable verbs, passives, nominalisations,
//! and the rule that co-occurrence alone never makes a fact.

use std::sync::OnceLock;
use tripel_extract::calibration::Calibration;
use tripel_extract::{
    Argument, Document, EntityKey, EntityType, ExtractConfig, Extraction, Extractor, Fact, Lang,
};

/// One extractor for all tests: loading the lexicons is the expensive part.
fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(ExtractConfig::default()).expect("embedded lexicons load"))
}

fn run(text: &str) -> Extraction {
    extractor().extract(&Document {
        id: "t.txt".into(),
        text: text.into(),
    })
}

fn label(a: &Argument) -> String {
    match a {
        Argument::Entity(e) => e.label.clone(),
        Argument::Literal(l) => l.value.clone(),
    }
}

fn triples(x: &Extraction) -> Vec<(String, String, String)> {
    x.facts
        .iter()
        .map(|f| (label(&f.subject), f.predicate.clone(), label(&f.object)))
        .collect()
}

fn has(x: &Extraction, s: &str, p: &str, o: &str) -> bool {
    triples(x).iter().any(|t| t.0 == s && t.1 == p && t.2 == o)
}

/// The texts of the mentions of one entity type, in document order.
fn texts_of(x: &Extraction, kind: EntityType) -> Vec<&str> {
    x.mentions
        .iter()
        .filter(|m| m.entity.kind == kind)
        .map(|m| m.text.as_str())
        .collect()
}

fn fact<'a>(x: &'a Extraction, p: &str) -> &'a Fact {
    x.facts
        .iter()
        .find(|f| f.predicate == p)
        .unwrap_or_else(|| panic!("no {p} fact in {:?}", triples(x)))
}

#[test]
fn apposition_gives_ceo_with_provenance() {
    let text = "Mark Zuckerberg, CEO von Meta, traf sich mit Jensen Huang von NVIDIA.";
    let x = run(text);
    assert!(
        has(&x, "Mark Zuckerberg", "ceoOf", "Meta"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Mark Zuckerberg", "meets", "Jensen Huang"),
        "{:?}",
        triples(&x)
    );
    let f = fact(&x, "ceoOf");
    assert_eq!(f.evidence, text);
    assert_eq!((f.start, f.end), (0, text.chars().count()));
    assert_eq!(f.rule, "de/role/apposition");
    assert!(f.confidence > 0.8);
    if let Argument::Entity(s) = &f.subject {
        assert_eq!(s.text, "Mark Zuckerberg");
        assert_eq!((s.start, s.end), (0, 15));
        assert_eq!(s.kind, EntityType::Person);
    }
}

#[test]
fn genitive_and_compounds_resolve_to_the_base_entity() {
    let x = run("Mark Zuckerberg trifft sich mit NVIDIAs CEO Jensen Huang. Metas Bestellung für die NVIDIA Blackwell B200-GPUs ist groß.");
    let find = |t: &str| {
        x.mentions
            .iter()
            .find(|m| m.text == t)
            .unwrap_or_else(|| panic!("no mention {t:?}"))
    };
    assert_eq!(find("NVIDIAs").entity.label, "NVIDIA");
    assert_eq!(find("Metas").entity.label, "Meta");
    assert_eq!(find("B200-GPUs").entity.label, "B200");
    assert_eq!(find("B200-GPUs").entity.kind, EntityType::Product);
    assert!(
        has(&x, "Jensen Huang", "ceoOf", "NVIDIA"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "NVIDIA", "manufactures", "B200"),
        "{:?}",
        triples(&x)
    );
    assert!(has(&x, "B200", "partOf", "Blackwell"), "{:?}", triples(&x));
}

#[test]
fn an_um_zu_clause_has_the_subject_of_the_verb_it_modifies() {
    let x = run("Die Elbwerft AG sammelt Geld ein, um die Nordlicht GmbH zu übernehmen.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// "gehört zu" with a bare name after "zu": the tagger took "zu" for the infinitive marker and
/// the frame's `obl:zu` was missing; with the article ("zur Elbwerft AG") it was always read.
#[test]
fn belongs_to_a_bare_name() {
    let x = run("Die Nordlicht GmbH gehört zu Siemens.");
    assert!(
        has(&x, "Nordlicht GmbH", "partOf", "Siemens"),
        "{:?}",
        triples(&x)
    );
}

/// A one-sentence German text whose only listed function word is shared with English ("an")
/// is read as German: it was read with the English rules, and "Jonas Pfeiffer kündigte
/// Kostensenkungen" became a person.
#[test]
fn a_short_german_text_is_read_as_german() {
    let x = run("Siemens-Chef Jonas Pfeiffer kündigte am Dienstag Kostensenkungen an.");
    assert!(
        has(&x, "Jonas Pfeiffer", "ceoOf", "Siemens"),
        "{:?}",
        triples(&x)
    );
    assert!(
        texts_of(&x, EntityType::Person)
            .iter()
            .all(|t| *t == "Jonas Pfeiffer"),
        "{:?}",
        texts_of(&x, EntityType::Person)
    );
}

/// An infinitive with "zu" has no subject of its own: a name the parser made its subject
/// ("erwägt, Osram zu übernehmen") is its object, and the subject is the governing verb's.
#[test]
fn a_zu_infinitive_takes_its_governors_subject() {
    for text in [
        "Die Elbwerft AG erwägt, die Nordlicht GmbH zu übernehmen.",
        "Siemens prüft, Osram zu übernehmen.",
    ] {
        let x = run(text);
        let f = fact(&x, "acquires");
        assert_eq!(
            f.qualifiers.get("modality").and_then(|v| v.as_str()),
            Some("intention"),
            "{text}"
        );
        assert!(
            !triples(&x)
                .iter()
                .any(|t| t.1 == "acquires" && t.0 != "Elbwerft AG" && t.0 != "Siemens"),
            "{text}: {:?}",
            triples(&x)
        );
    }
}

/// The head of a unit heads the unit, not its organisation: "Chef der Windkraftsparte der
/// Elbwerft AG" is no chief of the Elbwerft AG (`unitnoun` in grammar.tsv).
#[test]
fn the_head_of_a_division_does_not_lead_the_company() {
    for text in [
        "Anna Berger, Chefin der Windkraftsparte der Elbwerft AG, sprach in Kiel.",
        "Jan Roth, Leiter der Zivilflugzeugsparte von Brunnwerk, sprach in Kiel.",
    ] {
        let x = run(text);
        assert!(
            !triples(&x).iter().any(|t| t.1 == "ceoOf" || t.1 == "leads"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    let x = run("Anna Berger, Chefin der Elbwerft AG, sprach in Kiel.");
    assert!(
        has(&x, "Anna Berger", "ceoOf", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
}

/// An indirect question asserts nothing: "ob" and "whether" mark the clause's fact
/// `possibility`, as a condition does.
#[test]
fn an_indirect_question_is_a_possibility() {
    for text in [
        "Es ist unklar, ob die Elbwerft AG die Nordlicht GmbH übernimmt.",
        "It is unclear whether Harbor Corp. will acquire Kelmore Inc.",
    ] {
        let x = run(text);
        assert_eq!(
            fact(&x, "acquires")
                .qualifiers
                .get("modality")
                .and_then(|v| v.as_str()),
            Some("possibility"),
            "{text}"
        );
    }
}

/// "Weder X noch Y" and "neither X nor Y" negate the verb of whose clause they are part, on
/// either side of it; in a clause of their own below the verb they do not.
#[test]
fn a_negated_coordination_denies_the_verb() {
    for text in [
        "Weder die Elbwerft AG noch die Nordlicht GmbH wollen die Brunnwerk AG kaufen.",
        "Die Elbwerft AG will weder die Nordlicht GmbH noch die Brunnwerk AG kaufen.",
        "Neither Harbor Corp. nor Kelmore Inc. will acquire Dunmore Ltd.",
    ] {
        let x = run(text);
        assert!(
            !triples(&x).iter().any(|t| t.1 == "acquires"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    let x = run("Die Elbwerft AG kauft die Nordlicht GmbH, obwohl weder Anna Berger noch Jan Roth zustimmen.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// "Nicht X, sondern Y" and "Y, nicht X": the denied conjunct fills no slot, the other does;
/// "nicht nur X, sondern auch Y" denies neither.
#[test]
fn a_denied_conjunct_fills_no_slot() {
    for text in [
        "Nicht Siemens, sondern Bosch übernimmt die Brunnwerk AG.",
        "Nicht die Elbwerft AG, sondern die Nordlicht GmbH übernimmt die Brunnwerk AG.",
        "Die Nordlicht GmbH, nicht die Elbwerft AG, übernimmt die Brunnwerk AG.",
    ] {
        let x = run(text);
        let (no, yes) = if text.contains("Bosch") {
            ("Siemens", "Bosch")
        } else {
            ("Elbwerft AG", "Nordlicht GmbH")
        };
        assert!(
            !has(&x, no, "acquires", "Brunnwerk AG"),
            "{text}: {:?}",
            triples(&x)
        );
        assert!(
            has(&x, yes, "acquires", "Brunnwerk AG"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    let x = run("Nicht nur die Elbwerft AG, sondern auch die Nordlicht GmbH liefert Motoren an die Brunnwerk AG.");
    assert!(
        has(&x, "Elbwerft AG", "supplies", "Motor"),
        "{:?}",
        triples(&x)
    );
}

/// A share or a subsidiary given away was held and is no longer: `former`; one that is to be
/// sold, or is only reduced, is still held.
#[test]
fn a_holding_given_away_is_former() {
    let modality = |text: &str, p: &str| {
        let x = run(text);
        let f = x.facts.iter().find(|f| f.predicate == p);
        assert!(f.is_some(), "{text}: {:?}", triples(&x));
        f.and_then(|f| f.qualifiers.get("modality").cloned())
    };
    let former = Some(serde_json::json!("former"));
    for text in [
        "Die Elbwerft AG hat ihre Anteile an der Nordlicht GmbH verkauft.",
        "Die Elbwerft AG trennt sich von ihren Anteilen an der Nordlicht GmbH.",
        "Harbor Corp. sold its stake in Kelmore Inc.",
    ] {
        assert_eq!(modality(text, "investsIn"), former, "{text}");
    }
    assert_eq!(
        modality(
            "Die Elbwerft AG verkauft ihre Tochter Nordlicht GmbH.",
            "partOf"
        ),
        former
    );
    for text in [
        "Die Elbwerft AG will ihre Anteile an der Nordlicht GmbH verkaufen.",
        "Die Elbwerft AG reduziert ihren Anteil an der Nordlicht GmbH.",
    ] {
        assert_eq!(modality(text, "investsIn"), None, "{text}");
    }
}

/// A coordinated verb shares its governor's subject: after "und" when the tagger read the
/// governor as an auxiliary ("wuchs"), and after a comma, where the only noun after the verb
/// stays its object.
#[test]
fn a_conjunct_verb_shares_the_subject() {
    let x = run("Die Elbwerft AG wuchs kräftig und kündigte einen Stellenabbau an.");
    assert!(
        has(&x, "Elbwerft AG", "announces", "Stellenabbau"),
        "{:?}",
        triples(&x)
    );
    let x = run(
        "Jonas Pfeiffer sah sich in der Poleposition, verkündete stolz die Eröffnung im August.",
    );
    assert!(
        has(&x, "Jonas Pfeiffer", "announces", "Eröffnung"),
        "{:?}",
        triples(&x)
    );
}

/// A noun that says what kind of organisation a name is stands between a takeover and its
/// genitive name, and between "durch" and the buyer's name.
#[test]
fn a_takeovers_parties_behind_their_kind_nouns() {
    let x = run("Die Übernahme der Supermarktkette Nordlicht GmbH durch den Handelsriesen Elbwerft AG ist genehmigt.");
    assert!(
        triples(&x)
            .iter()
            .any(|t| t.0.ends_with("Elbwerft AG") && t.1 == "acquires" && t.2 == "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// A hashtag's mention is the name as written, "#" and all, as a handle keeps its "@"; the
/// entity is the same. "C#" is no hashtag of what follows.
#[test]
fn a_hashtag_is_mentioned_with_its_sign() {
    let x = run("Die Übernahme durch #Edeka ist genehmigt. Edeka meldet Zahlen.");
    let texts = texts_of(&x, EntityType::Organization);
    assert!(texts.contains(&"#Edeka"), "{texts:?}");
    assert!(texts.contains(&"Edeka"), "{texts:?}");
    let labels: Vec<&str> = x.mentions.iter().map(|m| m.entity.label.as_str()).collect();
    assert!(labels.iter().all(|l| *l == "Edeka"), "{labels:?}");
}

/// The infinitive of "lassen" has its own subject: "ließ X verkünden" is not about the one
/// who lets; without "lassen" it is.
#[test]
fn a_causatives_infinitive_has_its_own_subject() {
    let x = run("Die Elbwerft AG ließ am Montag einen Stellenabbau verkünden.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "announces"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Elbwerft AG will am Montag einen Stellenabbau verkünden.");
    assert!(
        has(&x, "Elbwerft AG", "announces", "Stellenabbau"),
        "{:?}",
        triples(&x)
    );
}

/// A first part written with a hyphen for what it shares with the next compound
/// ("Ergänzungsstrich") is a thing of its own: the shared last part when it is a known noun
/// of five letters or more, else the compound's head.
#[test]
fn a_truncated_first_part_shares_the_next_compounds_rest() {
    let x = run("Der Geld- und Kassenautomaten-Hersteller Nordlicht GmbH wächst.");
    for thing in ["Kassenautomaten", "Geldautomaten"] {
        assert!(
            has(&x, "Nordlicht GmbH", "manufactures", thing),
            "{thing}: {:?}",
            triples(&x)
        );
    }
    let x = run("Der Bahn- und Flugzeughersteller Nordlicht GmbH wächst.");
    assert!(
        has(&x, "Nordlicht GmbH", "manufactures", "Bahn"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_surname_inside_a_full_name_is_no_second_mention() {
    let x = run("Jensen Huang lobte die Elbwerft AG. Huang sprach in Hamburg.");
    let huang: Vec<_> = x.mentions.iter().filter(|m| m.text == "Huang").collect();
    assert_eq!(
        huang.len(),
        1,
        "only the standalone surname: {:?}",
        x.mentions
    );
    assert!(!huang[0].nested && huang[0].entity.label == "Jensen Huang");
    // The base of a German genitive and the name of a compound stay findable as nested parts.
    let x = run("Die Elbwerft AG kauft NVIDIAs B200-GPUs.");
    let nested: Vec<_> = x
        .mentions
        .iter()
        .filter(|m| m.nested)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(nested, ["NVIDIA", "B200"], "{:?}", x.mentions);
    // English has no genitive "s" without an apostrophe: "Brussels" is the name itself.
    let x = run("The summit in Brussels ended on Friday, officials said.");
    assert!(x.mentions.iter().all(|m| !m.nested), "{:?}", x.mentions);
}

#[test]
fn surname_resolves_to_full_name_within_the_document() {
    let x = run("Joe Kaeser, Chef von Siemens, sprach in München. Kaeser lobte die Mitarbeiter.");
    let k = x
        .mentions
        .iter()
        .find(|m| m.text == "Kaeser")
        .expect("surname mention");
    assert_eq!(k.entity.label, "Joe Kaeser");
    assert!(
        has(&x, "Joe Kaeser", "ceoOf", "Siemens"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_company_without_its_legal_form_is_the_company() {
    // The learned model reads the second "Holzwerk Pellets" as a name of its own; the name
    // the document gave with its legal form wins, in either order.
    for text in [
        "Die Insolvenz der Holzwerk Pellets GmbH zieht Kreise. Wie es bei Holzwerk Pellets aussieht, weiß keiner.",
        "Wie es bei Holzwerk Pellets aussieht, weiß keiner. Die Insolvenz der Holzwerk Pellets GmbH zieht Kreise.",
    ] {
        let x = run(text);
        let labels: Vec<&str> = x.mentions.iter().map(|m| m.entity.label.as_str()).collect();
        assert_eq!(labels, ["Holzwerk Pellets GmbH"; 2], "{text}");
    }
}

#[test]
fn a_unit_named_after_its_company_is_part_of_it() {
    let x = run(
        "Die Insolvenz der Holzwerk Pellets GmbH zieht Kreise. Betroffen sind die Holzwerk \
         Pellets Supply GmbH & Co. KG und die Holzwerk Pellets Sachsen.",
    );
    for unit in [
        "Holzwerk Pellets Supply GmbH & Co. KG",
        "Holzwerk Pellets Sachsen",
    ] {
        assert!(
            has(&x, unit, "partOf", "Holzwerk Pellets GmbH")
                && has(&x, "Holzwerk Pellets GmbH", "owns", unit),
            "{unit}: {:?}",
            triples(&x)
        );
    }
    let f = fact(&x, "partOf");
    assert_eq!(f.rule, "de/partOf/unit-name");
    assert!(f.evidence.starts_with("Betroffen sind"), "{}", f.evidence);
    // A town after the name is the company's own name; so are words a company's name ends in.
    for text in [
        "Der Zulieferer ZF hat zugekauft. ZF Friedrichshafen wächst.",
        "Die Nordlicht AG wächst. Nordlicht Technologies hat zugekauft.",
    ] {
        let x = run(text);
        assert!(
            !triples(&x).iter().any(|t| t.1 == "partOf" || t.1 == "owns"),
            "{text}: {:?}",
            triples(&x)
        );
    }
}

#[test]
fn a_person_after_a_roles_genitive_is_the_roles_apposition() {
    // The parser hangs the person on "Angaben", two nouns above the role.
    let x = run(
        "Nach Angaben des Geschäftsführers der Nordduft GmbH, Ulrich Schwarze, wächst der Umsatz.",
    );
    assert!(
        has(&x, "Ulrich Schwarze", "ceoOf", "Nordduft GmbH"),
        "{:?}",
        triples(&x)
    );
    // A name after a comma is no item of the cue's list unless a conjunction closes it.
    let x = run("Der Chef des Paketdiensts Nordpaket, Boris Winkelmann, sprach von Rekorden.");
    assert_eq!(texts_of(&x, EntityType::Person), ["Boris Winkelmann"]);
    assert!(
        has(&x, "Boris Winkelmann", "ceoOf", "Nordpaket"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_name_after_an_amount_is_the_verbs_object() {
    // The parser hangs the bought company on "Milliarden"; the identifier is no product.
    let x = run(
        "Die Nordlicht AG (WKN: 857069) übernimmt für etwa 14 Milliarden \
         Elbwerft International (WKN: A12FBS) mit Sitz in Irland.",
    );
    assert!(
        has(&x, "Nordlicht AG", "acquires", "Elbwerft International"),
        "{:?}",
        triples(&x)
    );
    assert!(
        texts_of(&x, EntityType::Product).is_empty(),
        "{:?}",
        x.mentions
    );
}

#[test]
fn verb_final_perfect_tense_and_quantities() {
    let x = run("Darüber hinaus hat Mark Zuckerberg angekündigt, dass das Unternehmen Meta bis Ende 2024 350.000 Hopper H100 von NVIDIA erwerben wird.");
    let f = x
        .facts
        .iter()
        .find(|f| f.predicate == "buys")
        .unwrap_or_else(|| panic!("{:?}", triples(&x)));
    assert_eq!(label(&f.object), "H100");
    assert_eq!(f.qualifiers["quantity"], 350000);
    assert_eq!(f.qualifiers["until"], "2024-12-31");
    assert!(has(&x, "NVIDIA", "manufactures", "H100"));
}

#[test]
fn separable_verb_order_perfect_with_bestellung() {
    let x = run("Meta hat erste Bestellungen für die NVIDIA Blackwell B200-GPUs aufgegeben.");
    assert!(has(&x, "Meta", "buys", "B200"), "{:?}", triples(&x));
}

#[test]
fn passive_and_nominalised_takeovers() {
    let x = run("Die Seerene GmbH wurde von der Softwarefirma Alphabet übernommen.");
    assert!(
        has(&x, "Alphabet", "acquires", "Seerene GmbH"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Übernahme von Conrad Caine GmbH durch WPP ist abgeschlossen.");
    assert!(
        has(&x, "WPP", "acquires", "Conrad Caine GmbH"),
        "{:?}",
        triples(&x)
    );
    let x = run("Siemens übernimmt den Softwarehersteller Mentor Graphics.");
    assert!(
        has(&x, "Siemens", "acquires", "Mentor Graphics"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn money_ranges_are_structured() {
    let x = run("Meta plant umfassende Investitionen in KI-Forschung. Statt 30 bis 37 Milliarden US-Dollar sollen zwischen 35 und 40 Milliarden US-Dollar investiert werden.");
    let f = fact(&x, "invests");
    assert_eq!(label(&f.subject), "Meta");
    assert_eq!(f.qualifiers["min"], 35_000_000_000i64);
    assert_eq!(f.qualifiers["max"], 40_000_000_000i64);
    assert_eq!(f.qualifiers["currency"], "USD");
    let Argument::Literal(l) = &f.object else {
        panic!("literal object expected")
    };
    assert_eq!(l.text, "zwischen 35 und 40 Milliarden US-Dollar");
    assert!(
        has(&x, "Meta", "investsIn", "KI-Forschung"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn co_occurrence_alone_makes_no_fact() {
    let x = run(
        "Meta und NVIDIA sind zwei Unternehmen. Mark Zuckerberg und Jensen Huang waren in Berlin.",
    );
    assert!(x.facts.is_empty(), "{:?}", triples(&x));
    assert!(x
        .mentions
        .iter()
        .any(|m| m.entity.label == "Berlin" && m.entity.kind == EntityType::Place));
}

/// `--min-confidence` filters on the confidence the output shows (the calibrated one).
#[test]
fn min_confidence_filters() {
    let doc = Document {
        id: "t".into(),
        text: "Mark Zuckerberg, CEO von Meta, traf sich mit Jensen Huang.".into(),
    };
    let shown = fact(&extractor().extract(&doc), "ceoOf").confidence;
    let with = |min_confidence: f32| {
        Extractor::new(ExtractConfig {
            min_confidence,
            ..ExtractConfig::default()
        })
        .unwrap()
        .extract(&doc)
    };
    assert!(has(&with(shown), "Mark Zuckerberg", "ceoOf", "Meta"));
    let x = with(shown + 0.001);
    assert!(x.facts.is_empty());
    assert!(!x.mentions.is_empty(), "mentions are not filtered");
}

/// A fact's confidence is its family's observed precision (`data/calibration.tsv`); without a
/// table it is the rule's own number, and a family nobody judged keeps that number too.
#[test]
fn confidence_is_the_familys_observed_precision() {
    let doc = Document {
        id: "c.txt".into(),
        text: "Jonas Pfeiffer, Chef der Elbwerft AG, lobte Anna Berger. Die Elbwerft AG übernimmt \
               die Nordlicht GmbH. Jensen Huang lobte Mark Zuckerberg."
            .into(),
    };
    let ex = extractor();
    let table = Calibration::parse("calibration.tsv", &ex.lexicon().calibration).unwrap();
    let (x, families) = ex.extract_with_families(&doc);
    assert_eq!(x.facts.len(), families.len());
    assert!(x.facts.len() >= 3, "{:?}", triples(&x));
    let raw = Extractor::new(ExtractConfig::default())
        .unwrap()
        .with_calibration(Calibration::none())
        .extract(&doc);
    assert_eq!(
        triples(&raw),
        triples(&x),
        "calibration only changes confidences"
    );
    for ((f, family), r) in x.facts.iter().zip(&families).zip(&raw.facts) {
        assert_eq!(f.confidence, table.confidence(family), "{}", f.rule);
        assert_eq!(r.confidence, family.own, "{}", f.rule);
        match table.find(family) {
            Some((_, row)) => assert_eq!(f.confidence, row.precision),
            None => assert_eq!(f.confidence, family.own),
        }
    }
}

#[test]
fn english_roles_and_locations() {
    let x = run("Bill Gates, chairman of Microsoft, said on Monday that the company based in Redmond will grow.");
    assert!(
        has(&x, "Bill Gates", "leads", "Microsoft"),
        "{:?}",
        triples(&x)
    );
    let x = run("IBM spokesman John Smith said the results were strong.");
    assert!(
        has(&x, "John Smith", "worksFor", "IBM"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn english_documents_label_places_in_english_with_stable_iris() {
    let en = run("The embassy said the talks took place in Addis Ababa, Ethiopia, on Monday.");
    assert!(
        has(&en, "Addis Ababa", "locatedIn", "Ethiopia"),
        "{:?}",
        triples(&en)
    );
    let de = run("Die Gespräche fanden in Addis Abeba in Äthiopien statt, sagte die Botschaft.");
    let iri = |x: &Extraction, label: &str| {
        x.mentions
            .iter()
            .find(|m| m.entity.label == label)
            .map(|m| m.entity.key.clone())
            .unwrap_or_else(|| panic!("no mention of {label}: {:?}", x.mentions))
    };
    assert_eq!(iri(&en, "Ethiopia"), iri(&de, "Äthiopien"));
    // An all-caps dateline is looked up whole, not by its last word.
    let x = run("EAST LANSING, Mich. (AP) The university said it will cut fees.");
    assert!(
        has(&x, "East Lansing", "locatedIn", "Michigan"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn english_initials_and_possessives() {
    let x = run("The results were strong, said John A. Georges, International Paper's chairman.");
    assert!(
        has(&x, "John A. Georges", "leads", "International Paper"),
        "{:?}",
        triples(&x)
    );
    let x = run("Students gathered in Beijing's Tiananmen Square on Sunday.");
    assert!(
        x.mentions.iter().any(|m| m.text == "Beijing"),
        "{:?}",
        x.mentions
    );
}

#[test]
fn english_name_parts_are_no_mentions_of_their_own() {
    // A surname inside a full name is not a second mention (issue 10).
    let x = run("The statement was read by Margaret Ellwood Dunmore at the meeting on Friday.");
    let spans: Vec<&str> = x.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(spans, ["Margaret Ellwood Dunmore"], "{:?}", x.mentions);
    assert!(x.mentions.iter().all(|m| !m.nested));
}

#[test]
fn english_persons_are_mentioned_with_their_form_of_address() {
    let x = run(
        "The award went to Mrs. Ellwood, said Rev. Thomas Harwick Jr., the pastor, \
         and President Dunmore agreed.",
    );
    let persons: Vec<(&str, &str)> = x
        .mentions
        .iter()
        .filter(|m| m.entity.kind == EntityType::Person)
        .map(|m| (m.text.as_str(), m.entity.label.as_str()))
        .collect();
    assert_eq!(
        persons,
        [
            ("Mrs. Ellwood", "Ellwood"),
            ("Rev. Thomas Harwick Jr.", "Thomas Harwick Jr"),
            ("Dunmore", "Dunmore")
        ],
        "{:?}",
        x.mentions
    );
}

#[test]
fn english_lone_surname_from_a_middling_learned_score() {
    // One unknown capitalised word the model reads as a person, at a score below the bar of
    // other learned names; a month's abbreviation is none.
    let x = run("Okonkwo was convicted of the killing and is serving a life sentence.");
    assert!(
        x.mentions
            .iter()
            .any(|m| m.text == "Okonkwo" && m.entity.kind == EntityType::Person),
        "{:?}",
        x.mentions
    );
    let x = run("The minister will leave for Taipei on Jan. 20, the agency said.");
    assert!(
        x.mentions.iter().all(|m| m.text != "Jan"),
        "{:?}",
        x.mentions
    );
}

#[test]
fn english_owner_of_what_only_a_person_has_is_a_person() {
    // "Lincoln" and "Richardson" are towns of the gazetteer, but towns have no assassin and
    // no wife.
    let x = run("The police questioned Lincoln's assassin and Richardson's wife on Monday.");
    let persons = texts_of(&x, EntityType::Person);
    assert_eq!(persons, ["Lincoln", "Richardson"], "{:?}", x.mentions);
}

#[test]
fn a_place_of_several_words_ending_in_an_organisation_word_is_the_place() {
    let x = run("Waste was dumped by the former Soviet Union near the coast of Yugoslavia.");
    let places = texts_of(&x, EntityType::Place);
    assert_eq!(places, ["Soviet Union", "Yugoslavia"], "{:?}", x.mentions);
}

#[test]
fn english_large_place_that_is_a_common_word_stays_in_the_second_pass() {
    // "japan" and "turkey" are English words; both countries are large enough to need no
    // preposition, in the second pass (with the document's names) as in the first.
    let x = run("The minister said that Japan welcomed the step. Officials in Turkey agreed.");
    let places = texts_of(&x, EntityType::Place);
    assert_eq!(places, ["Japan", "Turkey"], "{:?}", x.mentions);
}

#[test]
fn english_appositions_name_the_employer() {
    let x = run("Gary Hess, an Emery employee, saw the plane go down at the airport.");
    assert!(
        has(&x, "Gary Hess", "worksFor", "Emery"),
        "{:?}",
        triples(&x)
    );
    let x =
        run("Kovar, a senior Defense Ministry official, has not repeated these views in public.");
    assert!(
        has(&x, "Kovar", "worksFor", "Defense Ministry"),
        "{:?}",
        triples(&x)
    );
    let x = run("Harrington, a professor of political science at Queens College, died on Monday.");
    assert!(
        has(&x, "Harrington", "worksFor", "Queens College"),
        "{:?}",
        triples(&x)
    );
    // "X of Y" organisation names stay whole.
    let x =
        run("Joseph Cicippio, 58, was acting comptroller at the American University of Beirut.");
    assert!(
        has(
            &x,
            "Joseph Cicippio",
            "worksFor",
            "American University of Beirut"
        ),
        "{:?}",
        triples(&x)
    );
    // A possessive place is no employer: "at Ford's Theater".
    let x = run("He shot Abraham Lincoln at Ford's Theater in the evening.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "worksFor"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn english_places_and_source_lines() {
    let x =
        run("The agency said in a report from Yerevan, the capital of Armenia, that six men died.");
    assert!(
        has(&x, "Yerevan", "locatedIn", "Armenia"),
        "{:?}",
        triples(&x)
    );
    let x = run("The quake leveled much of Gyumri, Armenia's second-largest city, and left thousands homeless.");
    assert!(
        has(&x, "Gyumri", "locatedIn", "Armenia"),
        "{:?}",
        triples(&x)
    );
    let x = run("NC1404123794 Cairo AL-AHALI in Arabic 6 Apr 94 p 6");
    assert!(
        has(&x, "AL-AHALI", "headquarteredIn", "Cairo"),
        "{:?}",
        triples(&x)
    );
    let x = run("Moscow March 5 (ITAR-TASS) -- Leading newspapers concentrate on the speeches by the president.");
    assert!(
        has(&x, "ITAR-TASS", "headquarteredIn", "Moscow"),
        "{:?}",
        triples(&x)
    );
    // "Richardson's hometown" is no place that Texas lies in.
    let x =
        run("The historical society in Beaumont, Texas, Richardson's hometown, plans two statues.");
    assert!(
        !triples(&x).iter().any(|t| t.2 == "Richardson"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn other_languages_are_skipped() {
    let x = run("Le groupe a annoncé une hausse des ventes pour le trimestre et les analystes sont contents.");
    assert_eq!(x.lang, None);
    assert!(x.mentions.is_empty() && x.facts.is_empty());
}

#[test]
fn offsets_are_code_points() {
    let text = "Größere Käufe: Die Übernahme von Straßenbau Müller GmbH durch Siemens ist fix.";
    let x = run(text);
    for m in &x.mentions {
        let s: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(s, m.text);
    }
    assert!(!x.mentions.is_empty());
}

#[test]
fn short_german_headlines_are_read_as_german() {
    let x = run("Meta kauft 350.000 H100.");
    assert_eq!(x.lang, Some(tripel_extract::Lang::De));
    assert!(has(&x, "Meta", "buys", "H100"), "{:?}", triples(&x));
}

#[test]
fn goods_bought_from_a_maker_are_no_takeover_of_the_maker() {
    let x = run("Meta kauft 350.000 H100 von NVIDIA.");
    assert!(has(&x, "Meta", "buys", "H100"), "{:?}", triples(&x));
    assert!(
        !triples(&x).iter().any(|t| t.1 == "acquires"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn surnames_that_are_also_nouns() {
    let x = run("Siemens-Chef Roland Busch lobte die Mitarbeiter.");
    assert!(
        has(&x, "Roland Busch", "ceoOf", "Siemens"),
        "{:?}",
        triples(&x)
    );
    // "Mark" is a noun too, so after it a noun is no surname.
    let x = run("Die Mark Brandenburg liegt im Osten.");
    assert!(
        !x.mentions
            .iter()
            .any(|m| m.entity.kind == EntityType::Person),
        "{:?}",
        x.mentions
    );
}

#[test]
fn noun_phrase_or_entity_objects() {
    let x = run("Siemens unterstützt die Forschung.");
    assert!(
        has(&x, "Siemens", "supports", "Forschung"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn organisation_names_go_on_after_their_head() {
    let x = run(
        "Anna Berg ist Direktor des Fraunhofer-Instituts für Solarforschung, ein Spin-off \
                 der Universität Freiburg und Vorstandsmitglied der Deutschen Gesellschaft für \
                 Sonnenenergie e.V. (DGS).",
    );
    assert!(
        has(
            &x,
            "Anna Berg",
            "leads",
            "Fraunhofer-Institut für Solarforschung"
        ),
        "{:?}",
        triples(&x)
    );
    assert!(
        triples(&x).iter().any(|t| t.0 == "Anna Berg"
            && t.1 == "leads"
            && t.2.ends_with("Gesellschaft für Sonnenenergie e.V.")),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(
            &x,
            "Universität Freiburg",
            "spinsOff",
            "Fraunhofer-Institut für Solarforschung"
        ),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_cue_noun_types_a_coordinated_name_and_mergers_are_nominalised() {
    let x = run("Die Börse feierte die Fusion der Chemiekonzerne Halverstedt und Brunnmark.");
    assert!(
        has(&x, "Halverstedt", "mergesWith", "Brunnmark"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn stronger_type_evidence_wins_over_the_first_mention() {
    // The headline reads like a person's name; the text twice calls it an agency.
    let x = run("Aus Peter Lindgren wird Nova\n\
                 Der Werbekonzern WPP kauft die Digitalagentur Peter Lindgren. Die Agentur \
                 Peter Lindgren hat 200 Mitarbeiter.");
    let kinds: Vec<EntityType> = x
        .mentions
        .iter()
        .filter(|m| m.entity.label == "Peter Lindgren")
        .map(|m| m.entity.kind)
        .collect();
    assert!(!kinds.is_empty());
    assert!(
        kinds.iter().all(|k| *k == EntityType::Organization),
        "{kinds:?}"
    );
    assert!(
        has(&x, "WPP", "acquires", "Peter Lindgren"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn noun_phrases_keep_their_adjectives_but_not_quantifiers() {
    let x = run(
        "Meta plant Investitionen in die künstliche Intelligenz und sonstige Rechenzentren. \
                 Beide sind führend, wobei NVIDIA die KI-Märkte dominiert.",
    );
    assert!(
        has(&x, "Meta", "investsIn", "künstliche Intelligenz"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Meta", "investsIn", "Rechenzentren"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "NVIDIA", "dominates", "KI-Märkte"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn dotted_titles_license_noun_surnames_and_given_names_beat_small_towns() {
    // "Stefan" and "Sommer" are also in the noun list, "Anna" is also a town.
    let x = run(
        "Dr. Stefan Sommer, Vorstandsvorsitzender von ZF, und Anna Berg, Chefin der \
                 Lindgren AG, trafen sich in Berlin.",
    );
    assert!(
        has(&x, "Stefan Sommer", "ceoOf", "ZF") || has(&x, "Stefan Sommer", "leads", "ZF"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Anna Berg", "ceoOf", "Lindgren AG"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn subsidiaries_are_parts_and_compound_roles_need_a_role_of_their_own() {
    let x = run(
        "Yahoo verlor den Anschluss an die Alphabet-Tochter Google. \
                 EU-Parlamentschef Martin Schulz schreibt hier. Intel-Chef Brian Krzanich spart.",
    );
    assert!(has(&x, "Google", "partOf", "Alphabet"), "{:?}", triples(&x));
    // A parliament's chief works for the EU; he does not lead it.
    assert!(
        triples(&x)
            .iter()
            .filter(|t| t.0 == "Martin Schulz" && t.2 == "Europäische Union")
            .all(|t| t.1 == "worksFor"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Martin Schulz", "worksFor", "Europäische Union"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Brian Krzanich", "ceoOf", "Intel"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn an_unknown_name_joined_to_an_organisation_is_one() {
    let x =
        run("Die Fusion von Daimler und Brunnwerk ist abgeschlossen. Siemens, Kaeser sagte es.");
    assert!(
        has(&x, "Daimler", "mergesWith", "Brunnwerk"),
        "{:?}",
        triples(&x)
    );
    // A comma is not a coordination.
    assert!(
        !x.mentions
            .iter()
            .any(|m| m.text == "Kaeser" && m.entity.kind == EntityType::Organization),
        "{:?}",
        x.mentions
    );
}

#[test]
fn inflected_organisation_nouns_cue_names_and_roles() {
    // "Monsanto" is also a town: the cue noun before it says it is a company here.
    let x = run(
        "Der Chemiekonzern Bayer hat den Saatgutkonzern Monsanto übernommen. Der \
                 Softwarekonzern SAP übernimmt den US-Spezialisten Qualtrics. Der Chef des \
                 Autobauers Daimler, Ola Källenius, sprach.",
    );
    assert!(
        has(&x, "Bayer", "acquires", "Monsanto"),
        "{:?}",
        triples(&x)
    );
    assert!(has(&x, "SAP", "acquires", "Qualtrics"), "{:?}", triples(&x));
    assert!(
        has(&x, "Ola Källenius", "ceoOf", "Daimler"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn leadership_verbs() {
    let x = run(
        "Ola Källenius steht an der Spitze von Daimler. Hans Berg leitet seit 2019 die \
                 Lindgren AG. Anna Weber übernahm die Leitung des Autobauers BMW. Der Minister \
                 leitet ein Treffen mit Siemens.",
    );
    for (s, o) in [
        ("Ola Källenius", "Daimler"),
        ("Hans Berg", "Lindgren AG"),
        ("Anna Weber", "BMW"),
    ] {
        assert!(has(&x, s, "leads", o), "{s} {o}: {:?}", triples(&x));
    }
    assert!(
        !triples(&x).iter().any(|t| t.2 == "Siemens"),
        "{:?}",
        triples(&x)
    );
}

/// Nothing of one document changes another's result (issue 11): a surname that one article
/// introduces with the full name stays a bare surname in another article, however they are
/// batched; the identity of the two is a separate, order-independent link
/// ([`tripel_extract::identity`]). See "Per-document extraction" in docs/architecture.md.
#[test]
fn documents_are_extracted_on_their_own_and_linked_apart() {
    let doc = |id: &str, text: &str| Document {
        id: id.into(),
        text: text.into(),
    };
    let introduces = doc(
        "a.txt",
        "Der Vorstandschef der Elbwerft AG, Jonas Pfeiffer, stellte die Zahlen vor.",
    );
    let mentions = doc(
        "b.txt",
        "Vorstandschef Pfeiffer lobte die Belegschaft der Elbwerft AG.",
    );
    let ex = extractor();
    let alone = ex.extract(&mentions);
    let batch = ex.extract_batch(&[introduces.clone(), mentions.clone()]);
    let reversed = ex.extract_batch(&[mentions, introduces.clone()]);
    assert_eq!(format!("{alone:?}"), format!("{:?}", batch[1]));
    assert_eq!(format!("{alone:?}"), format!("{:?}", reversed[0]));
    assert_eq!(
        format!("{:?}", ex.extract(&introduces)),
        format!("{:?}", reversed[1])
    );
    let entities: Vec<(&str, EntityType)> = batch
        .iter()
        .flat_map(|x| x.mentions.iter())
        .map(|m| (m.entity.label.as_str(), m.entity.kind))
        .collect();
    assert!(
        entities.contains(&("Pfeiffer", EntityType::Person)),
        "{entities:?}"
    );
    let links = tripel_extract::identity::same_as(entities.iter().copied(), ex.lexicon());
    assert!(
        links
            .iter()
            .any(|l| l.alias.as_str() == "pfeiffer" && l.canonical.as_str() == "jonas-pfeiffer"),
        "{links:?}"
    );
}

// ---------------------------------------------------------------- checks when the data is loaded

/// Loads the language data with `files` (name, text) in an override folder (`--lexicon DIR`);
/// the error message if it does not load.
fn load_error(files: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    match Extractor::new(ExtractConfig {
        lexicon_dir: Some(dir.path().to_owned()),
        ..ExtractConfig::default()
    }) {
        Ok(_) => panic!("{files:?} loaded"),
        Err(e) => e.to_string(),
    }
}

const DE_HEADER: &str = "# test patterns\n@language de\n";
/// An example sentence for the test patterns (the fifth column).
const KAUFT: &str = "Die Elbwerft AG kauft die Velora V300.";

#[test]
fn the_built_in_data_loads_and_each_file_says_its_language() {
    let lex = tripel_extract::Lexicon::load(None).unwrap();
    let files = tripel_extract::relations::patterns::load(&lex.patterns, &lex.ontology).unwrap();
    let langs: Vec<Lang> = files.iter().map(|(l, _)| *l).collect();
    assert_eq!(langs, [Lang::De, Lang::En]);
    assert!(files.iter().all(|(_, ps)| ps.len() > 20));
    // Every role's predicate is a declared property.
    assert!(lex.roles.values().all(|p| lex.ontology.declares(p)));
}

#[test]
fn the_language_comes_from_the_file_not_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("de.patterns"),
        "@language en\nen/praises/lauds\tpraises\t0.8\tPER:s lauds ENT:o\tAnna Berger lauds Kiel.\n",
    )
    .unwrap();
    let lex = tripel_extract::Lexicon::load(Some(dir.path())).unwrap();
    let files = tripel_extract::relations::patterns::load(&lex.patterns, &lex.ontology).unwrap();
    assert_eq!(files[0].0, Lang::En);
    assert_eq!(files[0].1[0].id, "en/praises/lauds");
    assert_eq!(files[1].0, Lang::En);
}

#[test]
fn an_unknown_predicate_is_a_load_error_with_file_and_line() {
    let de = format!("{DE_HEADER}de/buys/x\tbuyz\t0.8\tORG:s kauft PROD:o\t{KAUFT}\n");
    assert_eq!(
        load_error(&[("de.patterns", &de)]),
        r#"de.patterns:3: unknown predicate "buyz" (not declared in data/ontology.ttl)"#
    );
}

#[test]
fn a_class_is_no_predicate() {
    let de = format!("{DE_HEADER}de/x/y\tFact\t0.8\tORG:s kauft PROD:o\t{KAUFT}\n");
    assert_eq!(
        load_error(&[("de.patterns", &de)]),
        r#"de.patterns:3: unknown predicate "Fact" (not declared in data/ontology.ttl)"#
    );
}

#[test]
fn a_duplicate_rule_id_is_a_load_error_naming_the_first() {
    let de = format!(
        "{DE_HEADER}de/buys/x\tbuys\t0.8\tORG:s kauft PROD:o\t{KAUFT}\n\n\
         de/buys/x\tbuys\t0.8\tORG:s erwirbt PROD:o\t{KAUFT}\n"
    );
    assert_eq!(
        load_error(&[("de.patterns", &de)]),
        r#"de.patterns:5: duplicate rule id "de/buys/x" (first at de.patterns:3)"#
    );
    // Across files: a second German file repeats a built-in German rule.
    let builtin = include_str!("../../../data/patterns/de.patterns");
    let line = builtin
        .lines()
        .position(|l| l.starts_with("de/role/apposition\t"))
        .unwrap()
        + 1;
    let en = "@language de\nde/role/apposition\t$role\t0.9\tPER:s , ROLE von ORG:o\tx\n";
    assert_eq!(
        load_error(&[("en.patterns", en)]),
        format!(
            r#"en.patterns:2: duplicate rule id "de/role/apposition" (first at de.patterns:{line})"#
        )
    );
}

#[test]
fn a_rule_of_the_other_language_is_a_load_error() {
    let de = format!("{DE_HEADER}en/buys/x\tbuys\t0.8\tORG:s kauft PROD:o\t{KAUFT}\n");
    assert_eq!(
        load_error(&[("de.patterns", &de)]),
        r#"de.patterns:3: rule id "en/buys/x" does not start with "de/" (the file says "@language de")"#
    );
    let en = "@language en\nenglish/buys\tbuys\t0.8\tORG:s bought PROD:o\tx\n";
    assert_eq!(
        load_error(&[("en.patterns", en)]),
        r#"en.patterns:2: rule id "english/buys" does not start with "en/" (the file says "@language en")"#
    );
}

#[test]
fn a_missing_or_unknown_language_line_is_a_load_error() {
    let missing =
        r#"de.patterns: missing "@language de" or "@language en" line before the first pattern"#;
    assert_eq!(
        load_error(&[(
            "de.patterns",
            "# no language\nde/buys/x\tbuys\t0.8\tORG:s kauft PROD:o\tx\n"
        )]),
        missing
    );
    // A file without patterns must say its language all the same.
    assert_eq!(load_error(&[("de.patterns", "# nothing\n")]), missing);
    assert_eq!(
        load_error(&[("de.patterns", "@language fr\n")]),
        r#"de.patterns:1: unknown language "fr" (expected "@language de" or "@language en")"#
    );
    assert_eq!(
        load_error(&[("en.patterns", "@lang en\n")]),
        r#"en.patterns:1: unknown directive "@lang" (expected "@language de" or "@language en")"#
    );
    assert_eq!(
        load_error(&[("en.patterns", "@language en\n# again\n@language en\n")]),
        r#"en.patterns:3: second @language line (the first is line 1)"#
    );
}

#[test]
fn a_role_predicate_not_in_the_ontology_is_a_load_error() {
    let roles = "# roles\nCEO\tceoOf\nBoss\tbossOf\n";
    assert_eq!(
        load_error(&[("roles.tsv", roles)]),
        r#"roles.tsv:3: unknown predicate "bossOf" (not declared in data/ontology.ttl)"#
    );
}

// ---------------------------------------------------------------- pattern examples

/// Every surface pattern in `data/patterns/` reads its fact off its own example sentence (the
/// fifth column), with only that pattern active: no frame and no other pattern can make the
/// fact for it, and none hides it behind the same fact. The examples use invented companies,
/// people and products, so the test proves the pattern, not memorised names. A `$role` pattern
/// may state any role's predicate; every other pattern must state its own.
#[test]
fn every_pattern_reads_its_example() {
    let ex = extractor();
    let lex = ex.lexicon();
    let files = tripel_extract::relations::patterns::load(&lex.patterns, &lex.ontology).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for (lang, patterns) in &files {
        for p in patterns {
            count += 1;
            let doc = Document {
                id: "example.txt".into(),
                text: p.example.clone(),
            };
            let out = ex.extract_rule(&doc, &p.id);
            let reads =
                |f: &Fact| f.rule == p.id && (p.predicate == "$role" || f.predicate == p.predicate);
            if out.lang == Some(*lang) && out.facts.iter().any(reads) {
                continue;
            }
            // What the full extractor reads there, and what it recognised: the usual causes are
            // an unrecognised name or another rule's reading.
            let all = ex.extract(&doc);
            let found: Vec<String> = all
                .facts
                .iter()
                .map(|f| {
                    let (s, o) = (label(&f.subject), label(&f.object));
                    format!("{s} {} {o} [{}]", f.predicate, f.rule)
                })
                .collect();
            let names: Vec<String> = all
                .mentions
                .iter()
                .map(|m| format!("{}:{:?}", m.text, m.entity.kind))
                .collect();
            failures.push(format!(
                "{} ({:?}, read as {:?}): found {found:?}, mentions {names:?}",
                p.id, p.example, out.lang
            ));
        }
    }
    assert!(count > 100, "{count} patterns");
    assert!(
        failures.is_empty(),
        "{} of {count} patterns do not read their example:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Only the named rule's facts come out of [`Extractor::extract_rule`], and a fact that another
/// rule also reads is not lost to it: the test above cannot pass on another rule's reading, nor
/// fail because another rule read the same fact first.
#[test]
fn extract_rule_keeps_that_rule_alone() {
    let doc = Document {
        id: "r.txt".into(),
        text: "Die Elbwerft AG übernimmt die Nordlicht GmbH.".into(),
    };
    // A pattern and a verb frame read the same fact here; the full extraction keeps it once.
    let all = extractor().extract(&doc);
    assert_eq!(triples(&all).len(), 1, "{:?}", triples(&all));
    for rule in ["de/acquires/uebernimmt", "de/frame/übernehmen"] {
        let one = extractor().extract_rule(&doc, rule);
        let read: Vec<(&str, &str)> = one
            .facts
            .iter()
            .map(|f| (f.rule.as_str(), f.predicate.as_str()))
            .collect();
        assert_eq!(read, [(rule, "acquires")]);
        assert_eq!(triples(&one), triples(&all));
    }
    assert!(extractor()
        .extract_rule(&doc, "de/no/such-rule")
        .facts
        .is_empty());
}

// ---------------------------------------------------------------- verb frames

/// An extractor with the surface patterns switched off (empty pattern files in an override
/// folder), so that every fact comes from a frame.
fn frames_only() -> Extractor {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("de.patterns"), "@language de\n").unwrap();
    std::fs::write(dir.path().join("en.patterns"), "@language en\n").unwrap();
    Extractor::new(ExtractConfig {
        lexicon_dir: Some(dir.path().to_owned()),
        ..ExtractConfig::default()
    })
    .unwrap()
}

/// Every verb and noun frame in `data/frames/` reads its fact off its own example sentence (nlprule's habit:
/// each rule carries its example, and the example is a test). The surface patterns are switched
/// off (empty pattern files in an override folder), so the fact comes from the frame.
#[test]
fn every_frame_reads_its_example() {
    let ex = frames_only();
    let ex = &ex;
    let lex = ex.lexicon();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut examples: Vec<(String, String, String)> = Vec::new();
    for (file, text) in &lex.frames {
        let (_, frames) =
            tripel_extract::relations::frames::Frames::parse(file, text, &lex.ontology).unwrap();
        for f in frames.frames {
            examples.push((f.id, f.predicate, f.example));
        }
    }
    for (file, text) in &lex.noun_frames {
        let (_, frames) =
            tripel_extract::relations::nouns::NounFrames::parse(file, text, &lex.ontology).unwrap();
        for f in frames.frames {
            examples.push((f.id, f.predicate, f.example));
        }
    }
    for (id, predicate, example) in &examples {
        {
            count += 1;
            let doc = Document {
                id: "example.txt".into(),
                text: example.clone(),
            };
            let out = ex.extract(&doc);
            // A strike frame's example may name the struck company a sentence before: the
            // fact is then the frame's, read for the company of the strike before ("-topic").
            let topic = format!("{id}-topic");
            if !out
                .facts
                .iter()
                .any(|x| (x.rule == *id || x.rule == topic) && x.predicate == *predicate)
            {
                let found: Vec<String> = out
                    .facts
                    .iter()
                    .map(|x| format!("{} {:?}", x.rule, x.predicate))
                    .collect();
                let names: Vec<String> = out
                    .mentions
                    .iter()
                    .map(|m| format!("{}:{:?}", m.text, m.entity.kind))
                    .collect();
                failures.push(format!(
                    "{id} ({example:?}): found {found:?}, mentions {names:?}"
                ));
            }
        }
    }
    assert!(count > 100, "{count} frames");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The German parse of this sentence takes the genitive "dessen" for the subject and the company
/// for an object, and the capitalised compound "Schiffbausparte", tagged as an adjective, for
/// the adjective of "Stellen": the argument repair (relations/args.rs) and the noun retagging
/// (text/syntax.rs) give the coordinated verb its subject and object back.
#[test]
fn frames_survive_a_genitive_taken_for_the_subject() {
    let x = frames_only().extract(&Document {
        id: "args.txt".into(),
        text: "Nun will die Elbwerft AG im Zuge dessen den Rotstift rausholen und in ihrer \
               Schiffbausparte Stellen streichen."
            .into(),
    });
    assert!(
        has(&x, "Elbwerft AG", "laysOff", "Stelle"),
        "{:?}",
        triples(&x)
    );
    // "will … rausholen und … streichen": the conjunct is under the modal too.
    assert_eq!(
        fact(&x, "laysOff").qualifiers.get("modality"),
        Some(&serde_json::json!("intention"))
    );
}

/// Frames whose object is a common noun (`THING`): the noun's dictionary form is the label and
/// the written words its text; a noun that only measures ("ein Drittel der Arbeitsplätze")
/// gives way to the noun it measures; counted jobs keep their number; a negated noun, a vague
/// one and a name are no such object. Facts of the frames alone (the surface patterns off).
#[test]
fn frames_take_common_nouns_as_objects() {
    let ex = frames_only();
    let run = |text: &str| {
        ex.extract(&Document {
            id: "thing.txt".into(),
            text: text.into(),
        })
    };
    let objects = |x: &Extraction, p: &str| -> Vec<(String, String)> {
        x.facts
            .iter()
            .filter(|f| f.predicate == p)
            .map(|f| match &f.object {
                Argument::Entity(e) => {
                    assert_eq!(e.kind, EntityType::Thing, "{f:?}");
                    (e.label.clone(), e.text.clone())
                }
                Argument::Literal(l) => (l.value.clone(), l.text.clone()),
            })
            .collect()
    };
    let x = run("Die Elbwerft AG betreibt seit Jahren drei Werften an der Ostsee.");
    assert_eq!(
        objects(&x, "operates"),
        [("Werft".to_owned(), "Werften".to_owned())]
    );
    // The adjectives in the nominative, as the noun's dictionary form is.
    let x = run("Die Elbwerft AG betreibt seit Jahren einen großen Frachthafen.");
    assert_eq!(
        objects(&x, "operates"),
        [(
            "großer Frachthafen".to_owned(),
            "großen Frachthafen".to_owned()
        )]
    );
    let x = run("Die Elbwerft AG streicht ein Drittel der Arbeitsplätze.");
    assert_eq!(
        objects(&x, "laysOff"),
        [("Arbeitsplatz".to_owned(), "Arbeitsplätze".to_owned())]
    );
    let x = run("Die Elbwerft AG will in Kiel 500 Stellen streichen.");
    let laid = objects(&x, "laysOff");
    assert_eq!(laid.len(), 1, "{:?}", x.facts);
    assert_eq!(laid[0].0, "500", "{laid:?}");
    assert!(objects(&run("Die Elbwerft AG streicht keine Stellen."), "laysOff").is_empty());
    // A vague noun stands for what it measures, not for whom it is meant.
    let x = run("Die Elbwerft AG kündigte umfangreiche Informationen für die Werftarbeiter an.");
    assert!(objects(&x, "announces").is_empty(), "{:?}", x.facts);
    assert!(objects(&run("Die Elbwerft AG streicht die Dividende."), "laysOff").is_empty());
    assert!(objects(
        &run("Die Elbwerft AG setzt auf innovative Technologien."),
        "focusesOn"
    )
    .is_empty());
    // A compound that names the kind of company: its first part is what it makes, and it is
    // no part of the company's name.
    let x = run("Der Flugzeugbauer Nordlicht GmbH wächst.");
    assert!(
        has(&x, "Nordlicht GmbH", "manufactures", "Flugzeug"),
        "{:?}",
        x.facts
    );
    // A plural the lemmatizer leaves as it is ("Panzerschmieden") is read without its ending.
    let x = run("Die Fusion der Panzerschmieden Rheinmetall und Airbus ist geplatzt.");
    for maker in ["Rheinmetall", "Airbus"] {
        assert!(has(&x, maker, "manufactures", "Panzer"), "{:?}", x.facts);
    }
    let x = run("Der Kraftwerks-Betreiber Nordlicht GmbH wächst.");
    assert!(
        has(&x, "Nordlicht GmbH", "operates", "Kraftwerk"),
        "{:?}",
        x.facts
    );
    let x = run("Die Elbwerft AG betreibt die Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "operates", "Nordlicht GmbH"),
        "{:?}",
        x.facts
    );
    assert_eq!(
        x.facts.iter().filter(|f| f.predicate == "operates").count(),
        1
    );
}

/// Mentions on real news (issue 10): a closed-class word at the start of a sentence is no
/// place even where a place is so called ("Man", "Ob"), nor is an inflected common noun
/// ("Waren"); a German club's name is whole, with its ordinal ("1. FC Köln", which no longer
/// ends a sentence after "Der 1.") and its home named twice ("FC Bayern München").
#[test]
fn common_words_are_no_places_and_club_names_are_whole() {
    let x = run(
        "Die Elbwerft AG hat am Montag in Hamburg ihre Zahlen vorgelegt. Man sagt, das sei \
         teuer. Die Händler sagen, Waren seien teurer geworden. Ob das stimmt, weiß keiner. Der \
         1. FC Köln hat gegen den FC Bayern München verloren.",
    );
    let names: Vec<(&str, EntityType)> = x
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.entity.kind))
        .collect();
    for word in ["Man", "Waren", "Ob", "FC", "Köln"] {
        assert!(names.iter().all(|(t, _)| *t != word), "{word}: {names:?}");
    }
    assert!(
        names.contains(&("1. FC Köln", EntityType::Organization)),
        "{names:?}"
    );
    assert!(
        names.contains(&("FC Bayern München", EntityType::Organization)),
        "{names:?}"
    );
    // A place so called still is one after a preposition.
    let x = run("Die Elbwerft AG hat am Montag ihre Zahlen vorgelegt. Das Werk steht in Waren.");
    assert!(
        x.mentions
            .iter()
            .any(|m| m.text == "Waren" && m.entity.kind == EntityType::Place),
        "{:?}",
        x.mentions
    );
    // Not where a month is meant, nor as a hall with its number: "im Mai", "in Halle 6".
    let x = run("Die Elbwerft AG stellt im Mai in Hannover aus, in Halle 6 am Stand 12.");
    for word in ["Mai", "Halle"] {
        assert!(
            x.mentions.iter().all(|m| m.text != word),
            "{word}: {:?}",
            x.mentions
        );
    }
}

/// A name written with two spaces (or broken over a line) has one space in its label; its
/// mention's text stays as written.
#[test]
fn labels_have_one_space_between_words() {
    let x = run("Die Elbwerft AG lobt Jonas  Pfeiffer.");
    let labels: Vec<&str> = x.mentions.iter().map(|m| m.entity.label.as_str()).collect();
    assert!(labels.contains(&"Jonas Pfeiffer"), "{labels:?}");
    assert!(x.mentions.iter().any(|m| m.text == "Jonas  Pfeiffer"));
}

/// A subsidiary is part of its parent and the parent owns it: either fact between two
/// organisations brings the other, derived (its rule id says so); not between a product and
/// its family.
#[test]
fn part_of_and_owns_between_organisations_come_together() {
    let x = run("Die Siemens-Tochter Nordlicht GmbH wächst.");
    assert!(
        has(&x, "Nordlicht GmbH", "partOf", "Siemens"),
        "{:?}",
        x.facts
    );
    let owns: Vec<&Fact> = x.facts.iter().filter(|f| f.predicate == "owns").collect();
    assert_eq!(owns.len(), 1, "{:?}", x.facts);
    assert_eq!(
        (label(&owns[0].subject), label(&owns[0].object)),
        ("Siemens".into(), "Nordlicht GmbH".into())
    );
    assert!(owns[0].rule.ends_with("+inverse"), "{}", owns[0].rule);
    let x = run("NVIDIA liefert die Blackwell B200 aus.");
    assert!(
        x.facts.iter().any(|f| f.predicate == "partOf"),
        "{:?}",
        x.facts
    );
    assert!(
        x.facts.iter().all(|f| f.predicate != "owns"),
        "{:?}",
        x.facts
    );
}

/// A verb without a frame still relates two recognised entities, as an open relation outside
/// the ontology (lemma plus preposition), unless `open_relations` is off. (A light verb's frame
/// speaks only with its noun: `a_light_verb_without_its_noun_is_an_open_relation`.)
#[test]
fn open_relations_name_the_verb_and_can_be_turned_off() {
    let doc = Document {
        id: "open.txt".into(),
        text: "Die Elbwerft AG streitet mit der Nordlicht GmbH.".into(),
    };
    let out = extractor().extract(&doc);
    let open: Vec<&Fact> = out.facts.iter().filter(|f| f.open).collect();
    assert_eq!(open.len(), 1, "{:?}", out.facts);
    assert_eq!(open[0].predicate, "streiten-mit");
    assert_eq!(open[0].rule, "de/open");
    let off = Extractor::new(ExtractConfig {
        open_relations: false,
        ..ExtractConfig::default()
    })
    .unwrap()
    .extract(&doc);
    assert!(off.facts.iter().all(|f| !f.open), "{:?}", off.facts);
    // Negated: no fact at all.
    let negated = Document {
        id: "neg.txt".into(),
        text: "Die Elbwerft AG streitet nicht mit der Nordlicht GmbH.".into(),
    };
    assert!(extractor().extract(&negated).facts.is_empty());
    // "sein" with a zu-infinitive is passive: the names are seen, they see nobody.
    let seen = extractor().extract(&Document {
        id: "seen.txt".into(),
        text: "In den Hauptrollen sind Jonas Pfeiffer, Anna Berger und Lukas Becker zu sehen."
            .into(),
    });
    assert!(seen.facts.iter().all(|f| !f.open), "{:?}", seen.facts);
    // A verb too general to name a relation (`noopenverb`): the parser hangs the name of the
    // infinitive on "has".
    let general = extractor().extract(&Document {
        id: "general.txt".into(),
        text: "Harbor Corp. has no plans to acquire Kelmore Inc.".into(),
    });
    assert!(general.facts.iter().all(|f| !f.open), "{:?}", general.facts);
    // A name that labels the sentence (before a colon) or a news agency acts in no clause.
    for text in [
        "Elbwerft AG: Die Nordlicht GmbH streitet mit der Wagner Holding AG.",
        "Die Elbwerft AG streitet mit Reuters.",
    ] {
        let out = extractor().extract(&Document {
            id: "label.txt".into(),
            text: text.into(),
        });
        let open: Vec<(String, String)> = out
            .facts
            .iter()
            .filter(|f| f.open)
            .map(|f| (label(&f.subject), label(&f.object)))
            .collect();
        assert!(
            open.iter()
                .all(|(s, o)| s != "Elbwerft AG" && o != "Thomson Reuters"),
            "{open:?}"
        );
    }
}

/// A place with its region in parentheses (issue 11's "Lüdenscheid (Nordrhein-Westfalen)"):
/// each place of a coordination gets its own fact.
#[test]
fn a_region_in_parentheses_locates_the_place() {
    let doc = Document {
        id: "p.txt".into(),
        text:
            "Auch in Lüdenscheid (Nordrhein-Westfalen) und Bad Hersfeld (Hessen) wurde gestreikt."
                .into(),
    };
    let out = extractor().extract(&doc);
    let located: Vec<(String, String)> = out
        .facts
        .iter()
        .filter(|f| f.predicate == "locatedIn")
        .map(|f| match (&f.subject, &f.object) {
            (Argument::Entity(s), Argument::Entity(o)) => (s.label.clone(), o.label.clone()),
            _ => unreachable!(),
        })
        .collect();
    assert!(
        located.contains(&("Lüdenscheid".into(), "Nordrhein-Westfalen".into())),
        "{located:?}"
    );
    assert!(
        located.contains(&("Bad Hersfeld".into(), "Hessen".into())),
        "{located:?}"
    );
}

/// A byline names the writer's employer: "Von Christoph Dernbach, dpa".
#[test]
fn a_byline_names_the_employer() {
    let doc = Document {
        id: "b.txt".into(),
        text: "Von Jonas Pfeiffer, dpa Die Elbwerft AG meldet Rekordzahlen.".into(),
    };
    let out = extractor().extract(&doc);
    let f = fact(&out, "worksFor");
    assert_eq!(f.rule, "de/worksFor/byline");
}

// ---------------------------------------------------------------- coreference

/// "Der Konzern" and "er" stand for the nearest compatible name before them, within two
/// sentences; the fact names the antecedent's entity and the referring words' span.
#[test]
fn descriptions_and_pronouns_refer_back() {
    // "das Unternehmen" refers back, though a noun frame reads "ihr Unternehmen X".
    let x =
        run("Die Elbwerft AG wächst seit Jahren. Das Unternehmen übernimmt die Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    // A compound of a company noun news uses for its subject ("der Internetriese").
    let x = run("Die Elbwerft AG wächst seit Jahren. Der Werftriese übernimmt die Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    // A compound whose first part is a name no rule knows is another company: no fact; one
    // whose first part is a word refers back.
    let x = run("Die Elbwerft AG wächst. Der Hansenberg-Konzern übernimmt die Nordlicht GmbH.");
    assert!(!has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"));
    let x = run("Die Elbwerft AG wächst. Der Software-Konzern übernimmt die Nordlicht GmbH.");
    assert!(has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"));
    let x = run("Die Elbwerft AG wächst seit Jahren. Der Konzern übernimmt die Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    let f = fact(&x, "acquires");
    let Argument::Entity(s) = &f.subject else {
        panic!("entity subject")
    };
    assert_eq!(s.text, "Der Konzern");
    let a = s.antecedent.as_ref().expect("the antecedent's span");
    assert_eq!((a.text.as_str(), a.start), ("Elbwerft AG", 4));
    // Its confidence is that of facts found through an antecedent, not of the frame alone.
    let (y, families) = extractor().extract_with_families(&Document {
        id: "t.txt".into(),
        text: "Die Elbwerft AG wächst seit Jahren. Der Konzern übernimmt die Nordlicht GmbH."
            .into(),
    });
    let k = y
        .facts
        .iter()
        .position(|f| f.predicate == "acquires")
        .unwrap();
    assert_eq!(families[k].mechanism, "de/coref");
    assert!(
        families[k].own < 0.8,
        "an antecedent lowers the rule's own number"
    );

    let x = run("Jonas Pfeiffer ist Ingenieur in Kiel. Er gründete die Nordlicht GmbH.");
    assert!(
        has(&x, "Jonas Pfeiffer", "founded", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );

    // "er" is not a woman; a description is not a person.
    let x = run("Anna Berger ist Ingenieurin in Kiel. Er gründete die Nordlicht GmbH.");
    assert!(
        !has(&x, "Anna Berger", "founded", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    // Too far back: three sentences.
    let x = run(
        "Die Elbwerft AG wächst. Das Wetter ist gut. Die Sonne scheint. Der Konzern übernimmt die Nordlicht GmbH.",
    );
    assert!(
        !has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// A bare surname after the full name is the same person, whichever rule found it: "sagte
/// Euler" does not make a second "Euler" beside "Klaus Euler".
#[test]
fn a_bare_surname_resolves_to_the_full_name() {
    let x = run(
        "Der Vorstandschef der Elbwerft AG, Klaus Euler, hat zum Streik aufgerufen. \
         Die Politik sei schuld, sagte Euler am Mittwoch in Erfurt. \
         Euler ist Chef der Nordlicht GmbH.",
    );
    let labels: Vec<&str> = x
        .mentions
        .iter()
        .filter(|m| m.text == "Euler")
        .map(|m| m.entity.label.as_str())
        .collect();
    assert!(!labels.is_empty());
    assert!(labels.iter().all(|l| *l == "Klaus Euler"), "{labels:?}");
    assert!(
        has(&x, "Klaus Euler", "ceoOf", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// A relative pronoun stands for the name its clause modifies, in any role (subject, object,
/// with a preposition), but not for a name that is a genitive attribute of another noun.
#[test]
fn relative_pronouns_stand_for_the_name_they_modify() {
    for (text, s, p, o) in [
        (
            "Der Reisekonzern Alpina, zu dem die Fluglinie Nordwind gehört, wächst.",
            "Nordwind",
            "partOf",
            "Alpina",
        ),
        (
            "Die Elbwerft AG, die die Nordlicht GmbH übernommen hat, wächst.",
            "Elbwerft AG",
            "acquires",
            "Nordlicht GmbH",
        ),
        (
            "Die Nordlicht GmbH, an der sich die Elbwerft AG beteiligt hat, wächst.",
            "Elbwerft AG",
            "investsIn",
            "Nordlicht GmbH",
        ),
        // A relative clause moved behind the verbs that end its clause.
        (
            "Die Elbwerft AG ist an der Nordlicht GmbH beteiligt, an der die Wagner Holding AG die Mehrheit hält.",
            "Wagner Holding AG",
            "owns",
            "Nordlicht GmbH",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, s, p, o), "{text}: {:?}", triples(&x));
    }
    // A relative clause the parser took for a conjunct of the verb before it is not about
    // that verb's subject.
    let x = run("Die Elbwerft AG hat die Nordlicht GmbH übernommen, die Software für Reedereien entwickelt.");
    assert!(
        !has(&x, "Elbwerft AG", "develops", "Software"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Tochter der Elbwerft AG, die die Nordlicht GmbH übernommen hat, wächst.");
    assert!(
        !has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// A copula says what an apposition says, with a feminine role noun too: "Anna Berger ist
/// Kundin der Elbwerft AG"; a negated copula says nothing.
#[test]
fn a_copula_with_a_role_noun_relates_its_subject() {
    let x = run("Anna Berger ist Kundin der Elbwerft AG.");
    assert!(
        has(&x, "Anna Berger", "customerOf", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Elbwerft AG ist seit Jahren Großkunde bei der Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "customerOf", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    for text in [
        "Anna Berger ist nicht Kundin der Elbwerft AG.",
        "Die Elbwerft AG ist kein Kunde der Nordlicht GmbH.",
    ] {
        let x = run(text);
        assert!(x.facts.is_empty(), "{text}: {:?}", triples(&x));
    }
}

/// Pronouns agree with their antecedent in gender and number: "sie" with a feminine company
/// ("die AG"), "es" with a neuter one ("das Unternehmen"), not "er"; a plural ("die beiden
/// Unternehmen", "sie" with a plural verb) stands for the last two companies, and each gets the
/// fact; a possessive fills a noun frame's possessor ("ihr Mutterkonzern", "its CEO").
#[test]
fn pronouns_agree_with_their_antecedents() {
    for (text, s, p, o) in [
        (
            "Die Elbwerft AG wächst. Sie übernimmt die Nordlicht GmbH.",
            "Elbwerft AG",
            "acquires",
            "Nordlicht GmbH",
        ),
        (
            "Das Unternehmen Nordwerk wächst. Es übernimmt die Nordlicht GmbH.",
            "Nordwerk",
            "acquires",
            "Nordlicht GmbH",
        ),
        (
            "Die Nordlicht GmbH wächst. Ihr Mutterkonzern ist die Elbwerft AG.",
            "Elbwerft AG",
            "owns",
            "Nordlicht GmbH",
        ),
        (
            "Harbor Corp. is growing. Its CEO John Miller is retiring.",
            "John Miller",
            "ceoOf",
            "Harbor Corp.",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, s, p, o), "{text}: {:?}", triples(&x));
    }
    let x = run("Die Elbwerft AG wächst. Er übernimmt die Nordlicht GmbH.");
    assert!(x.facts.is_empty(), "{:?}", triples(&x));
    for text in [
        "Die Elbwerft AG und die Nordlicht GmbH wachsen. Die beiden Unternehmen übernehmen die Wagner Holding AG.",
        "Die Elbwerft AG und die Nordlicht GmbH wachsen. Sie übernehmen die Wagner Holding AG.",
    ] {
        let x = run(text);
        for s in ["Elbwerft AG", "Nordlicht GmbH"] {
            assert!(
                has(&x, s, "acquires", "Wagner Holding AG"),
                "{text}: {:?}",
                triples(&x)
            );
        }
    }
    // Two companies, neither the topic: no antecedent for "sie".
    let x = run(
        "Am Montag trafen sich die Elbwerft AG und die Nordlicht GmbH. Sie übernimmt die Wagner Holding AG.",
    );
    assert!(
        !x.facts.iter().any(|f| f.predicate == "acquires"),
        "{:?}",
        triples(&x)
    );
}

/// Role nouns read like noun frames: with a possessive that refers back ("ihr
/// Vorstandsvorsitzender"), after a copula with words in between, as an apposition; a compound
/// is not its head's role ("Vertriebschef" is no "Chef").
#[test]
fn role_nouns_read_like_noun_frames() {
    for (text, s, p, o) in [
        (
            "Die Nordlicht GmbH wächst. Ihr Chef Jonas Pfeiffer lobt die Elbwerft AG.",
            "Jonas Pfeiffer",
            "ceoOf",
            "Nordlicht GmbH",
        ),
        (
            "Jonas Pfeiffer ist seit 2019 Chef der Nordlicht GmbH.",
            "Jonas Pfeiffer",
            "ceoOf",
            "Nordlicht GmbH",
        ),
        (
            "Harbor Corp. is growing. Its spokesman John Miller praised Kelmore Systems.",
            "John Miller",
            "worksFor",
            "Harbor Corp.",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, s, p, o), "{text}: {:?}", triples(&x));
    }
}

/// A chief-executive role with an article and no name stands for the person the document names
/// in that post, before or after ("der VW-Chef" … "Oliver Blume, Chef von VW"); a plural role of
/// two companies stands for both chiefs, and "sich gegenseitig" makes each the other's object.
#[test]
fn role_descriptions_stand_for_the_post_holder() {
    let ex = frames_only();
    let run = |text: &str| {
        ex.extract(&Document {
            id: "t.txt".into(),
            text: text.into(),
        })
    };
    for (text, s, p, o) in [
        (
            "Der Nordlicht-Chef lobte die Elbwerft AG. Jonas Pfeiffer, Chef der Nordlicht GmbH, kam nach Hamburg.",
            "Jonas Pfeiffer",
            "praises",
            "Elbwerft AG",
        ),
        (
            "Jonas Pfeiffer, Chef der Nordlicht GmbH, kam nach Hamburg. Der Chef der Nordlicht GmbH lobte die Elbwerft AG.",
            "Jonas Pfeiffer",
            "praises",
            "Elbwerft AG",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, s, p, o), "{text}: {:?}", triples(&x));
        let f = x.facts.iter().find(|f| f.predicate == p).unwrap();
        let Argument::Entity(e) = &f.subject else {
            panic!("{text}: a literal subject")
        };
        // The evidence names the chief by the role; the antecedent is the name.
        assert!(e.text.contains("Chef"), "{text}: {e:?}");
        assert_eq!(e.antecedent.as_ref().unwrap().text, "Jonas Pfeiffer");
    }
    let text = "Die CEOs von der Elbwerft AG und der Nordlicht GmbH haben sich gegenseitig ihre Anerkennung ausgesprochen. \
                Jonas Pfeiffer, CEO der Elbwerft AG, lobte Hamburg. Anna Berger, CEO der Nordlicht GmbH, kam auch.";
    let x = run(text);
    assert!(
        has(&x, "Jonas Pfeiffer", "praises", "Anna Berger"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Anna Berger", "praises", "Jonas Pfeiffer"),
        "{:?}",
        triples(&x)
    );
    // No one named in the post, or two people: no fact.
    for text in [
        "Der Chef der Nordlicht GmbH lobte die Elbwerft AG.",
        "Der Chef der Nordlicht GmbH lobte die Elbwerft AG. Jonas Pfeiffer, Chef der Nordlicht GmbH, \
         und Anna Berger, Chefin der Nordlicht GmbH, kamen.",
    ] {
        let x = run(text);
        assert!(
            !x.facts.iter().any(|f| f.predicate == "praises"),
            "{text}: {:?}",
            triples(&x)
        );
    }
}

/// A rival without an owner is the clause subject's; a plural apposition names every rival
/// ("der Konkurrenten Nordlicht GmbH und Wagner Holding AG"), a singular one only the first.
#[test]
fn rivals_of_the_clause_subject() {
    let ex = frames_only();
    let run = |text: &str| {
        ex.extract(&Document {
            id: "t.txt".into(),
            text: text.into(),
        })
    };
    let x = run("Die Elbwerft AG zeigt sich angesichts der Fusion der Konkurrenten Siemens und Bosch gelassen.");
    for o in ["Siemens", "Bosch"] {
        assert!(
            has(&x, o, "competesWith", "Elbwerft AG"),
            "{o}: {:?}",
            triples(&x)
        );
    }
    // The rival of a named owner is that owner's, not the subject's.
    let x = run("Die Elbwerft AG lobt den Konkurrenten der Nordlicht GmbH, die Wagner Holding AG.");
    assert!(
        !has(&x, "Wagner Holding AG", "competesWith", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
}

/// A party's, union's or authority's chief leads it; a company's chief executive is `ceoOf`.
#[test]
fn chiefs_of_parties_and_unions_lead() {
    for (text, s, p, o) in [
        ("SPD-Chef Jonas Pfeiffer lobte die Elbwerft AG.", "Jonas Pfeiffer", "leads", "SPD"),
        (
            "Die Flugbegleitergewerkschaft Nordwind streikt. Nordwind-Chef Jonas Pfeiffer lobte die Elbwerft AG.",
            "Jonas Pfeiffer",
            "leads",
            "Nordwind",
        ),
        (
            "Jonas Pfeiffer, Chef der Nordlicht GmbH, lobte die Elbwerft AG.",
            "Jonas Pfeiffer",
            "ceoOf",
            "Nordlicht GmbH",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, s, p, o), "{text}: {:?}", triples(&x));
        let other = if p == "leads" { "ceoOf" } else { "leads" };
        assert!(!has(&x, s, other, o), "{text}: {:?}", triples(&x));
    }
}

/// A bare role before a name ("Vorstandschef Jonas Pfeiffer") is a post in the organisation the
/// document is about (named at least twice, twice as often as any other) or in the one
/// organisation it names; not a profession ("Ökonom"), not a place's post, not when no
/// organisation stands out, not a party's when that is the only one named.
#[test]
fn bare_roles_belong_to_the_documents_organisation() {
    for text in [
        "Die Elbwerft AG wächst. Vorstandschef Jonas Pfeiffer lobte die Mitarbeiter. \
         Die Elbwerft AG baut Schiffe.",
        "Die Elbwerft AG will ihre Motorensparte verkaufen. Wie das Unternehmen mitteilte, \
         prüft der Vorstand mehrere Angebote. Konzernchef Jonas Pfeiffer sagte, man wolle \
         sich auf den Schiffbau konzentrieren.",
    ] {
        let x = run(text);
        assert!(
            has(&x, "Jonas Pfeiffer", "ceoOf", "Elbwerft AG"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    let x = run(
        "Verkehrsminister Jonas Pfeiffer (SPD) hat seinen Plan Bahnchef Tim Roth und \
         Vorstand Lena Kurz vorgelegt.",
    );
    assert!(
        !x.facts.iter().any(|f| f.rule.ends_with("-bare")),
        "{:?}",
        triples(&x)
    );
    for text in [
        "Die Elbwerft AG wächst. Ökonom Jonas Pfeiffer lobte die Mitarbeiter. Die Elbwerft AG baut Schiffe.",
        "Die Elbwerft AG wächst. Hamburgs Bürgermeister Jonas Pfeiffer lobte die Mitarbeiter. Die Elbwerft AG baut Schiffe.",
        "Die Elbwerft AG wächst. Vorstandschef Jonas Pfeiffer lobte die Nordlicht GmbH. Die Elbwerft AG und die Nordlicht GmbH bauen Schiffe.",
        // A genitive before the role says whose post it is, recognised or not.
        "Die Elbwerft AG wächst. Für Nordholms Manager Jonas Pfeiffer ist das eine Hürde. Die Elbwerft AG baut Schiffe.",
    ] {
        let x = run(text);
        assert!(
            !x.facts
                .iter()
                .any(|f| f.rule.ends_with("-bare") && label(&f.object) == "Elbwerft AG"),
            "{text}: {:?}",
            triples(&x)
        );
    }
}

/// Examples stand for their noun ("mit Branchengrößen wie Siemens und Bosch"), and a
/// description prefers the organisation the document is about when the nearest sentence names it.
#[test]
fn examples_and_the_documents_organisation() {
    let x = run("Die Elbwerft AG konkurriert mit Branchengrößen wie Siemens und Bosch.");
    for o in ["Siemens", "Bosch"] {
        assert!(
            has(&x, "Elbwerft AG", "competesWith", o),
            "{o}: {:?}",
            triples(&x)
        );
    }
    let x = run("Die Elbwerft AG wächst. Die Elbwerft AG baut Schiffe. \
                 Der Gewinn kam von der Nordlicht GmbH, an der die Elbwerft AG die Mehrheit hält. \
                 Das Unternehmen konkurriert mit der Wagner Holding AG.");
    assert!(
        has(&x, "Elbwerft AG", "competesWith", "Wagner Holding AG"),
        "{:?}",
        triples(&x)
    );
    assert!(
        !has(&x, "Nordlicht GmbH", "competesWith", "Wagner Holding AG"),
        "{:?}",
        triples(&x)
    );
}

/// A light verb relates only with its noun: "Anerkennung aussprechen" praises, other things
/// said ("Misstrauen aussprechen") do not.
#[test]
fn light_verbs_need_their_noun() {
    let ex = frames_only();
    let x = ex.extract(&Document {
        id: "t.txt".into(),
        text: "Anna Berger hat dem Konzern Siemens ihr Misstrauen ausgesprochen.".into(),
    });
    assert!(
        !x.facts.iter().any(|f| f.predicate == "praises"),
        "{:?}",
        triples(&x)
    );
}

/// A place in a place is in the bigger one too, within a sentence: the derived fact says so in
/// its rule id.
#[test]
fn a_place_in_a_place_is_in_the_bigger_one() {
    let x = run("Northwind Corporation, based in Boulder, Colorado, said the plant would close.");
    assert!(
        has(&x, "Northwind Corporation", "headquarteredIn", "Boulder"),
        "{:?}",
        triples(&x)
    );
    let derived = x
        .facts
        .iter()
        .find(|f| label(&f.object) == "Colorado" && f.predicate == "headquarteredIn")
        .unwrap_or_else(|| panic!("{:?}", triples(&x)));
    assert!(derived.rule.ends_with("+transitive"), "{}", derived.rule);
    // Two sentences are two statements: nothing is derived across them.
    let x = run("Northwind Corporation is based in Boulder. Boulder, Colorado, is growing.");
    assert!(
        !has(&x, "Northwind Corporation", "headquarteredIn", "Colorado"),
        "{:?}",
        triples(&x)
    );
}

/// English descriptions of one person, coordinated ("director of X and a member of Y"), and a
/// relative clause past another name's phrase ("a Republican from Chicago who served …").
#[test]
fn coordinated_descriptions_and_relative_clauses_name_their_person() {
    for (text, s, p, o) in [
        (
            "John Carver, director of the Northwind Foundation and a member of the Bluefield Network, said the plant would close.",
            "John Carver",
            "worksFor",
            "Bluefield Network",
        ),
        (
            "Mary Dalton, a professor at Queens College and honorary president of the Northwind Society, died Monday.",
            "Mary Dalton",
            "leads",
            "Northwind Society",
        ),
        (
            "John Carver, a Republican from Chicago who served 24 years in the Northwind Council, denied the allegations.",
            "John Carver",
            "worksFor",
            "Northwind Council",
        ),
        // A conjunct of a copular predicate shares its subject, here a relative pronoun.
        (
            "\"It was hard,\" said Mary Dalton, who is a major in the Northwind Guard and works at Bluefield Corporation.",
            "Mary Dalton",
            "worksFor",
            "Bluefield Corporation",
        ),
        // An age between commas stands between the name and its relative clause.
        (
            "\"It was hard,\" said Mary Dalton, 37, who works at Northwind Corporation.",
            "Mary Dalton",
            "worksFor",
            "Northwind Corporation",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, s, p, o), "{text}: {:?}", triples(&x));
    }
    // An English compound names the employer only when no phrase does ("a White House
    // correspondent for National Review" writes for the review).
    let x = run("John Carver is a Northwind Corporation correspondent for Bluefield Herald Inc.");
    assert!(
        has(&x, "John Carver", "worksFor", "Bluefield Herald Inc."),
        "{:?}",
        triples(&x)
    );
    assert!(
        !has(&x, "John Carver", "worksFor", "Northwind Corporation"),
        "{:?}",
        triples(&x)
    );
    let x = run("Reporters met John Carver, a Northwind Corporation correspondent.");
    assert!(
        has(&x, "John Carver", "worksFor", "Northwind Corporation"),
        "{:?}",
        triples(&x)
    );
    // Two people coordinated are two people: the second is no member of the first's network.
    let x = run("John Carver and a member of the Bluefield Network met on Monday.");
    assert!(
        !has(&x, "John Carver", "worksFor", "Bluefield Network"),
        "{:?}",
        triples(&x)
    );
}

/// An address block gives the seat and the town's country, never a seat in the country; a
/// town lies in no site (session 13).
#[test]
fn an_address_block_gives_the_seat_and_a_town_lies_in_no_site() {
    let x = run("Kontakt\nElbwerft AG\nHafenstraße 12\n23552 Lübeck\nDeutschland\n");
    assert!(
        has(&x, "Elbwerft AG", "headquarteredIn", "Lübeck")
            && has(&x, "Lübeck", "locatedIn", "Deutschland")
            && !has(&x, "Elbwerft AG", "headquarteredIn", "Deutschland"),
        "{:?}",
        triples(&x)
    );
    let x = run("Auf der A1 Richtung Osnabrück im Dreieck Ahlhorner Heide steht ein Lkw.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "locatedIn"),
        "{:?}",
        triples(&x)
    );
}

/// A seat is a town: a country's adjective before a company says where it is from ("der
/// französische Konzern"), a town's says where it sits ("der Kieler Werftkonzern").
#[test]
fn a_country_adjective_is_no_seat() {
    let x = run("Der französische Industriekonzern Elbwerft AG baut Züge.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "headquarteredIn"),
        "{:?}",
        triples(&x)
    );
    let x = run("Der Kieler Industriekonzern Elbwerft AG baut Züge.");
    assert!(
        has(&x, "Elbwerft AG", "headquarteredIn", "Kiel"),
        "{:?}",
        triples(&x)
    );
    // A law firm or agency is an organisation noun, also heading a compound.
    let x = run("Die Kieler Anwaltskanzlei Nordlicht mahnt ab.");
    assert!(
        has(&x, "Nordlicht", "headquarteredIn", "Kiel"),
        "{:?}",
        triples(&x)
    );
    // A city in "-en" drops it in its adjective: "Bremer" is Bremen's, "Dresdner" Dresden's.
    for (text, town) in [
        (
            "Der Bremer Industriekonzern Elbwerft AG baut Züge.",
            "Bremen",
        ),
        (
            "Der Dresdner Industriekonzern Elbwerft AG baut Züge.",
            "Dresden",
        ),
    ] {
        let x = run(text);
        assert!(
            has(&x, "Elbwerft AG", "headquarteredIn", town),
            "{:?}",
            triples(&x)
        );
    }
}

/// A country or town can be praised, criticised or supported as a person or company can.
#[test]
fn places_can_be_praised_and_criticised() {
    let x = run("Jonas Pfeiffer kritisierte Frankreich.");
    assert!(
        has(&x, "Jonas Pfeiffer", "criticizes", "Frankreich"),
        "{:?}",
        triples(&x)
    );
    let x = run("Anna Berger lobte Hamburg.");
    assert!(
        has(&x, "Anna Berger", "praises", "Hamburg"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_chiefs_compound_names_the_organisation() {
    // Session 9: the compound's first part is the organisation, known to the gazetteer or not.
    let x = run("Das sagte Kelmora-Geschäftsführer Jonas Pfeiffer am Montag in Kiel.");
    assert!(
        has(&x, "Jonas Pfeiffer", "ceoOf", "Kelmora"),
        "{:?}",
        triples(&x)
    );
    // A word that only qualifies the role names no organisation.
    let x = run("Das sagte Ex-Chef Jonas Pfeiffer am Montag in Kiel.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "ceoOf"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_modal_alone_is_no_merger() {
    let x = run("Die Elbwerft AG und die Nordlicht GmbH wollen ihre Zusammenarbeit vertiefen.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "mergesWith"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_name_before_a_hyphen_compound_is_not_what_is_bought() {
    let x = run("Die Elbwerft AG kaufte vor der Insolvenz ein Nordlicht-Kraftwerk in Kiel.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "acquires"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_merger_with_a_company_is_the_clause_subjects_within_its_clause() {
    let x = run("Die Elbwerft AG besiegelt den Zusammenschluss mit der Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "mergesWith", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    // A colon between them: the headline's noun is no part of the subject's clause.
    let x = run("Zusammenschluss mit der Nordlicht GmbH: Die Elbwerft AG zieht nach Kiel.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "mergesWith"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_light_verbs_phrase_may_hang_on_its_noun() {
    let x = run("Nun übernimmt die Elbwerft AG die Mehrheit an der Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_takeover_noun_is_the_subjects_only_when_the_subject_does_it() {
    let x = run("Nach der Übernahme der Nordlicht GmbH hat die Elbwerft AG den Umsatz gesteigert.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    // An authority that approves a takeover does not make it.
    let x = run("Die Wagner Holding AG hat die Übernahme der Nordlicht GmbH genehmigt.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "acquires"),
        "{:?}",
        triples(&x)
    );
    // The noun's own doer wins.
    let x = run(
        "Die Wagner Holding AG hat die Übernahme der Nordlicht GmbH durch die Elbwerft AG angekündigt.",
    );
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH")
            && !has(&x, "Wagner Holding AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn two_subjects_talking_about_a_merger_merge_with_each_other() {
    let x = run("Die Elbwerft AG und die Nordlicht GmbH verhandeln über eine Fusion.");
    assert!(
        has(&x, "Elbwerft AG", "mergesWith", "Nordlicht GmbH")
            || has(&x, "Nordlicht GmbH", "mergesWith", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    // One subject alone merges with nobody.
    let x = run("Die Elbwerft AG verhandelt über eine Fusion.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "mergesWith"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn an_apposition_is_not_past_a_nearer_name_of_its_type() {
    let x = run(
        "Der neue Vorstand der Nordlicht GmbH mit dem Vorsitzenden Jonas Pfeiffer (3.v.r.), seiner Stellvertreterin Anna Berger (4.v.r.), Lukas Weber (r.) und Paul Krüger (2.v.r.).",
    );
    assert!(
        !x.facts
            .iter()
            .any(|f| label(&f.subject) == "Lukas Weber" || label(&f.subject) == "Paul Krüger"),
        "{:?}",
        triples(&x)
    );
}

/// A byline above a dateline: its authors work for the dateline's news agency; a byline with no
/// agency dateline after it says nothing.
#[test]
fn a_byline_above_an_agency_dateline_names_the_authors_employer() {
    let x = run(
        "- von Anna Berger und Jonas Pfeiffer\nKiel (Reuters) - Die Elbwerft AG baut 200 Stellen ab.",
    );
    assert!(
        has(&x, "Anna Berger", "worksFor", "Reuters"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Jonas Pfeiffer", "worksFor", "Reuters"),
        "{:?}",
        triples(&x)
    );
    let x = run("- von Anna Berger\nDie Elbwerft AG baut in Kiel 200 Stellen ab.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "worksFor"),
        "{:?}",
        triples(&x)
    );
}

/// "alle Süßigkeiten der Marken Twitter und Uber": the names are the brands, not one the
/// other's owner, however the parser hangs them on "Marken".
#[test]
fn coordinated_brands_do_not_own_each_other() {
    let x = run(
        "Betroffen sind nach Angaben eines Sprechers alle Süßigkeiten der Marken Twitter und Uber.",
    );
    assert!(
        !triples(&x).iter().any(|t| t.1 == "owns" || t.1 == "partOf"),
        "{:?}",
        triples(&x)
    );
}

/// A noun's examples after "wie" are its apposition ("Marken wie Twitter und Uber"); a brand
/// belongs to the company whose brand the text says it is, not to whoever sells it.
#[test]
fn examples_after_wie_fill_a_noun_frame() {
    let x = run("Die Elbwerft AG stärkt ihre Marken wie Twitter und Uber.");
    assert!(has(&x, "Elbwerft AG", "owns", "Uber"), "{:?}", triples(&x));
    let x = run("Der Händler Nordlicht GmbH verkauft Marken wie Twitter und Uber.");
    assert!(
        !has(&x, "Nordlicht GmbH", "owns", "Uber"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_role_compound_after_a_name_without_a_role_of_its_own_is_work_for_it() {
    // "Produktionschef" heads production, not the company; the feminine of a role listed in
    // the masculine is that role.
    let x = run(
        "Die Elbwerft AG wächst. Elbwerft-Produktionschef Jonas Pfeiffer spricht. Die Nordlicht GmbH \
         schrumpft. Nordlicht-Generalsekretärin Anna Berger schweigt.",
    );
    assert!(
        has(&x, "Jonas Pfeiffer", "worksFor", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    assert!(
        !has(&x, "Jonas Pfeiffer", "ceoOf", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Anna Berger", "leads", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_name_after_an_organisation_noun_is_what_the_noun_names() {
    // The parser makes "Lindgren" the genitive of "Handelsriesen": it is its apposition, and
    // the company the document named with its legal form.
    let x = run(
        "Die Lindgren AG wächst. Das Kartellamt prüft die Übernahme der Supermarktkette \
         Nordlicht GmbH durch den Handelsriesen Lindgren.",
    );
    assert!(
        has(&x, "Lindgren AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_place_after_a_city_adjective_is_in_that_city() {
    let x = run("Die Demo am Berliner Kurfürstendamm blieb friedlich.");
    assert!(
        has(&x, "Kurfürstendamm", "locatedIn", "Berlin"),
        "{:?}",
        triples(&x)
    );
    // A club's name is no city adjective.
    let x = run("Fünf Mal Bayern München, fünf Mal Borussia Dortmund.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "locatedIn"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_delivery_service_is_an_organisation_noun_before_its_name() {
    // "Paketdienst" says what kind of organisation the name after it is (cues.tsv `orgnoun`).
    let x = run("Das sagte Anna Berger, Geschäftsführerin des Paketdiensts Nordlicht.");
    assert!(
        has(&x, "Anna Berger", "ceoOf", "Nordlicht"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_name_after_a_demonym_and_an_organisation_noun_is_what_the_noun_names() {
    // The demonym is a place mention the parser hangs on the noun before the name; the name
    // (the noun's `flat` part) is what the noun names.
    let x = run(
        "Mit der Übernahme des amerikanischen Unternehmens Nordlicht hat die Elbwerft AG ihren \
         Umsatz verdoppelt.",
    );
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht"),
        "{:?}",
        triples(&x)
    );
}

/// A site, body or division without a name is a node of its own document (issue 11, session 14):
/// "das Parlamentsgebäude in Kiel" of one article is not that of another, so its key is the
/// document's and the label's; it is typed as its noun says, labelled by its dictionary form, and
/// it is no mention (the mentions list names). A noun with a name is the name's ("das Hotel
/// Seeblick … Nordlicht GmbH": no local node), and so is a noun that is a name's apposition.
#[test]
fn things_without_a_name_belong_to_their_document() {
    let text = "Demonstranten versammelten sich vor dem Parlamentsgebäude in Kiel.";
    let a = extractor().extract(&Document {
        id: "a.txt".into(),
        text: text.into(),
    });
    let b = extractor().extract(&Document {
        id: "b.txt".into(),
        text: text.into(),
    });
    let site = |x: &Extraction| {
        let f = x
            .facts
            .iter()
            .find(|f| f.predicate == "locatedIn")
            .expect("the building's place");
        match &f.subject {
            Argument::Entity(e) => e.clone(),
            other => panic!("{other:?}"),
        }
    };
    let (sa, sb) = (site(&a), site(&b));
    assert_eq!(sa.label, "Parlamentsgebäude");
    assert_eq!(sa.kind, EntityType::Place);
    assert!(sa.key.is_local());
    assert_ne!(sa.key, sb.key, "one building per document");
    assert_eq!(sa.key, EntityKey::local("a.txt", "Parlamentsgebäude"));
    assert!(a.mentions.iter().all(|m| !m.entity.key.is_local()));

    let x = run("Die Elbwerft AG will in ihrer Zivilflugzeugsparte Stellen streichen.");
    let part = x
        .facts
        .iter()
        .find(|f| f.predicate == "partOf")
        .expect("the division is part of the company");
    match (&part.subject, &part.object) {
        (Argument::Entity(s), Argument::Entity(o)) => {
            assert_eq!(s.label, "Zivilflugzeugsparte");
            assert_eq!(s.kind, EntityType::Organization);
            assert_eq!(o.label, "Elbwerft AG");
        }
        other => panic!("{other:?}"),
    }
    // The subsidiary has a name: the frames for names read it, no local node.
    let x = run("Die Nordlicht GmbH, eine Tochter der Elbwerft AG, wächst.");
    assert!(x.facts.iter().all(|f| match &f.subject {
        Argument::Entity(e) => !e.key.is_local(),
        _ => true,
    }));
}

/// Session 14: "zu 51 Prozent an …" hangs the stake's phrase on the measure; the frame still
/// reads it as the verb's.
#[test]
fn a_measure_phrase_carries_the_verbs_phrase() {
    let x = run("Bisher war die Elbwerft AG zu 51 Prozent an der Nordlicht GmbH beteiligt.");
    assert!(
        has(&x, "Elbwerft AG", "investsIn", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    // A measure coordinated with it carries its own phrase.
    let x = run("Die Elbwerft AG ist zu 29 Prozent an der Nordlicht GmbH und zu 49 Prozent an der Wagner Holding AG beteiligt.");
    assert!(
        has(&x, "Elbwerft AG", "investsIn", "Nordlicht GmbH")
            && has(&x, "Elbwerft AG", "investsIn", "Wagner Holding AG"),
        "{:?}",
        triples(&x)
    );
}

/// Session 14: no name begins with "und" ("die Töchter Nordlicht GmbH und Wagner AG").
#[test]
fn no_name_begins_with_und() {
    let x = run("Die Zorblax-Töchter Nordlicht GmbH und Wagner AG wachsen.");
    let orgs = texts_of(&x, EntityType::Organization);
    assert!(orgs.contains(&"Wagner AG"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.starts_with("und ")), "{orgs:?}");
}

/// Session 14: a relative clause ending in "gehört" is "gehören", not "hören".
#[test]
fn a_relative_clause_with_gehoert_says_part_of() {
    let x = run("Die Nordlicht GmbH, die zur Elbwerft AG gehört, wächst.");
    assert!(
        has(&x, "Nordlicht GmbH", "partOf", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    assert!(
        has(&x, "Elbwerft AG", "owns", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// Session 15: a company's chief, named at the person in the sentence, speaks for the company in
/// a frame whose subject is an organisation; a union's chief or a person without a post does not.
#[test]
fn a_companys_chief_speaks_for_it() {
    let x =
        run("Die Nordlicht GmbH wächst. Nordlicht-Chef Anna Berg will stärker auf Chips setzen.");
    assert!(
        has(&x, "Nordlicht GmbH", "focusesOn", "Chip"),
        "{:?}",
        triples(&x)
    );
    let x =
        run("Die Gewerkschaft Verdi wächst. Verdi-Chef Anna Berg will stärker auf Chips setzen.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "focusesOn"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht GmbH wächst. Anna Berg will stärker auf Chips setzen.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "focusesOn"),
        "{:?}",
        triples(&x)
    );
}

/// Session 15: a participle before the company ("die auf X spezialisierte Y") is read by the
/// frame of its verb; supplier and customer come both ways.
#[test]
fn a_participle_before_a_company_and_suppliers_both_ways() {
    let doc = Document {
        id: "t.txt".into(),
        text: "Die auf Logistiksoftware spezialisierte Nordlicht GmbH wächst.".into(),
    };
    assert!(
        ["de/frame/sich-spezialisieren", "de/frame/spezialisiert"]
            .iter()
            .any(|r| has(
                &extractor().extract_rule(&doc, r),
                "Nordlicht GmbH",
                "focusesOn",
                "Logistiksoftware"
            )),
        "{:?}",
        triples(&run(&doc.text))
    );
    let x = run("Die Nordlicht GmbH beliefert die Elbwerft AG.");
    assert!(
        has(&x, "Elbwerft AG", "customerOf", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// Session 17: a product keeps the words after its noun that say what it is; two companies
/// that develop something "gemeinsam" both develop it; an apposition without an article.
#[test]
fn products_keep_their_complement_and_partners_develop_together() {
    let t = "Die Nordlicht AG will stärker auf Chips für Rechenzentren, Cloud-Computing und das Internet der Dinge setzen.";
    let x = run(t);
    // The "für" phrase is in the text, not the label (often a customer); a genitive in both.
    for o in ["Chip", "Internet der Dinge"] {
        assert!(
            has(&x, "Nordlicht AG", "focusesOn", o),
            "{o}: {:?}",
            triples(&x)
        );
    }
    assert!(
        x.facts.iter().any(
            |f| matches!(&f.object, Argument::Entity(e) if e.text == "Chips für Rechenzentren")
        ),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht AG ist auf Asset Management spezialisiert.");
    assert!(
        has(&x, "Nordlicht AG", "focusesOn", "Asset Management"),
        "{:?}",
        triples(&x)
    );
    // Jobs keep the bare noun.
    let x = run("Die Nordlicht AG streicht Stellen der Verwaltung.");
    assert!(
        !triples(&x).iter().any(|t| t.2.contains("Verwaltung")),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht AG entwickelt gemeinsam mit der Elbwerft AG ein Spiel.");
    for s in ["Nordlicht AG", "Elbwerft AG"] {
        assert!(has(&x, s, "develops", "Spiel"), "{s}: {:?}", triples(&x));
    }
    assert!(
        has(&x, "Nordlicht AG", "partnerOf", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    // "die" after a comma opens a relative clause: no apposition.
    let x = run("Die Nordlicht AG, die mit dem Hersteller von Autos streitet, wächst.");
    assert!(
        !x.facts.iter().any(|f| f.predicate == "manufactures"),
        "{:?}",
        triples(&x)
    );
}

/// Labour news (session 15): the struck company's sites, and the traps — a country, a union, a
/// dateline — give none.
#[test]
fn the_struck_company_operates_at_its_sites() {
    let ex = frames_only();
    let run = |text: &str| {
        ex.extract(&Document {
            id: "t.txt".into(),
            text: text.into(),
        })
    };
    let located = |x: &Extraction| {
        triples(x)
            .into_iter()
            .filter(|t| t.1 == "locatedIn")
            .collect::<Vec<_>>()
    };
    let x = run("Die Gewerkschaft Verdi ruft an den Standorten Köln und Bremen zum Streik bei der Elbwerft AG auf.");
    for o in ["Köln", "Bremen"] {
        assert!(
            has(&x, "Elbwerft AG", "locatedIn", o),
            "{o}: {:?}",
            triples(&x)
        );
    }
    // A country names where a strike is, no site.
    let x = run("Streik bei der Elbwerft AG in Frankreich.");
    assert!(located(&x).is_empty(), "{:?}", triples(&x));
    // A union's strike names no struck company.
    let x = run("Der Verdi-Streik an den Standorten Köln und Bremen geht weiter.");
    assert!(located(&x).is_empty(), "{:?}", triples(&x));
    // A dateline is no site.
    let x = run("FRANKFURT (dpa) - Die Piloten der Elbwerft AG streiken am Flughafen.");
    assert!(located(&x).is_empty(), "{:?}", triples(&x));
    // In an article about one airline, a strike's airports without a company are its.
    let x = run("Die Elbwerft AG streicht Flüge. Die Elbwerft AG spart. An den Flughäfen Köln und Bremen wird gestreikt.");
    for o in ["Köln", "Bremen"] {
        assert!(
            has(&x, "Elbwerft AG", "locatedIn", o),
            "{o}: {:?}",
            triples(&x)
        );
    }
}

#[test]
fn a_strikes_company_carries_over_to_the_next_strike_sentence() {
    // No company the document is about (the union is named as often), but the sentence before
    // named the struck company.
    let x = run(
        "Die Gewerkschaft Verdi droht. Die Flugbegleiter der Elbwerft AG setzen ihren Streik \
         fort. An den Flughäfen Köln und Bremen sollen nur Langstrecken bestreikt werden, wie \
         die Gewerkschaft Verdi mitteilte.",
    );
    for o in ["Köln", "Bremen"] {
        assert!(
            has(&x, "Elbwerft AG", "locatedIn", o),
            "{o}: {:?}",
            triples(&x)
        );
    }
    // Without a strike sentence naming it before, nothing.
    let x = run(
        "Die Gewerkschaft Verdi droht. Die Elbwerft AG wächst. An den Flughäfen Köln und \
         Bremen sollen nur Langstrecken bestreikt werden, wie die Gewerkschaft Verdi mitteilte.",
    );
    assert!(
        !triples(&x).iter().any(|t| t.1 == "locatedIn"),
        "{:?}",
        triples(&x)
    );
}

// --- Session 16: who leads and works for whom ---

#[test]
fn a_role_compound_of_a_kind_names_the_documents_one_organisation_of_that_kind() {
    // "Bahnchef": the document's one railway; "Gewerkschaftschefin": the one it calls a union,
    // whose chief leads it.
    let x = run("Die Nordbahn AG streicht Stellen. Bahnchef Jan Roth kündigte den Abbau an.");
    assert!(
        has(&x, "Jan Roth", "ceoOf", "Nordbahn AG"),
        "{:?}",
        triples(&x)
    );
    let x = run(
        "Die Gewerkschaft Nordverdi ruft zum Streik auf. Gewerkschaftschefin Eva Kern \
         verteidigte die Warnstreiks.",
    );
    assert!(
        has(&x, "Eva Kern", "leads", "Nordverdi"),
        "{:?}",
        triples(&x)
    );
    // Two banks: which one is "Bankchef" Jan Roth's? None.
    let x = run("Die Nordbank AG und die Südbank AG fusionieren. Bankchef Jan Roth ist zufrieden.");
    assert!(
        !triples(&x).iter().any(|t| t.0 == "Jan Roth"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_former_post_is_marked_and_a_deputy_works_for_the_organisation() {
    for text in [
        "Der frühere Chef der Elbwerft AG, Jonas Pfeiffer, kritisierte das.",
        "Jonas Pfeiffer, Ex-Chef der Elbwerft AG, kritisierte das.",
        "Die Nordbahn AG streicht Stellen. Der frühere Bahnchef Jonas Pfeiffer kritisierte das.",
        "Jonas Pfeiffer, ehemals Chef der Elbwerft AG, kritisierte das.",
        // A past copula says so too, whether the parse hangs it at the role or not.
        "Jonas Pfeiffer war Chef der Elbwerft AG.",
        "Jonas Pfeiffer war bis 2021 Chef der Elbwerft AG.",
        "Jonas Pfeiffer was chief executive of Elbwerft AG.",
    ] {
        let x = run(text);
        let f = fact(&x, "ceoOf");
        assert_eq!(
            f.qualifiers.get("modality").and_then(|v| v.as_str()),
            Some("former"),
            "{text}"
        );
    }
    let x = run("Der stellvertretende Chef der Elbwerft AG, Jonas Pfeiffer, kritisierte das.");
    assert!(
        has(&x, "Jonas Pfeiffer", "worksFor", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    assert!(!has(&x, "Jonas Pfeiffer", "ceoOf", "Elbwerft AG"));
    // A present post has no modality, nor does one whose apposition a past verb follows.
    for text in [
        "Der Chef der Elbwerft AG, Jonas Pfeiffer, kritisierte das.",
        "Jonas Pfeiffer ist seit 2013 Chef der Elbwerft AG.",
        "Jonas Pfeiffer, Chef der Elbwerft AG, war gestern in Kiel.",
    ] {
        let x = run(text);
        assert!(
            !fact(&x, "ceoOf").qualifiers.contains_key("modality"),
            "{text}"
        );
    }
}

#[test]
fn a_clubs_player_works_for_it() {
    let x = run("Der Stürmer des FC Nordlicht, Jan Roth, verletzte sich.");
    assert!(
        has(&x, "Jan Roth", "worksFor", "FC Nordlicht"),
        "{:?}",
        triples(&x)
    );
}

// --- Session 17: journalists work for their paper; a player sold to a club works for it.

#[test]
fn a_journalist_works_for_the_paper_or_agency() {
    for (text, person) in [
        (
            "Die Zahlen seien schwach, sagte Jan Roth, Redakteur bei der Nordlicht GmbH.",
            "Jan Roth",
        ),
        (
            "Die Nordlicht GmbH wächst. Nordlicht-Korrespondentin Anna Berger berichtet aus Kiel.",
            "Anna Berger",
        ),
    ] {
        let x = run(text);
        assert!(
            has(&x, person, "worksFor", "Nordlicht GmbH"),
            "{text}: {:?}",
            triples(&x)
        );
    }
}

// --- Session 16, government posts: a polity's head leads it, a minister works for it.

#[test]
fn a_government_post_with_its_polity_written_leads_or_works_for_it() {
    for (text, p, person, polity) in [
        // A country adjective before the post (a demonym names the country).
        (
            "Der türkische Regierungschef Jonas Pfeiffer verteidigte das Vorgehen.",
            "leads",
            "Jonas Pfeiffer",
            "Türkei",
        ),
        // A hyphen compound.
        (
            "Die NRW-Ministerpräsidentin Anna Berger sprach am Montag in Kiel.",
            "leads",
            "Anna Berger",
            "Nordrhein-Westfalen",
        ),
        // A genitive before a minister's compound: the minister works for the state (labelled
        // in its base form, `entities/base_form.rs`).
        (
            "Heute sagte Bayerns Innenminister Jonas Pfeiffer in Kiel ab.",
            "worksFor",
            "Jonas Pfeiffer",
            "Bayern",
        ),
        // A state's attorney general works for it.
        (
            "Der Generalstaatsanwalt von New York, Jonas Pfeiffer, kündigte am Dienstag eine Klage an.",
            "worksFor",
            "Jonas Pfeiffer",
            "New York",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, person, p, polity), "{text}: {:?}", triples(&x));
    }
}

#[test]
fn a_former_government_post_is_marked_former() {
    for text in [
        "Der frühere bayerische Ministerpräsident Jonas Pfeiffer sprach in Kiel.",
        "Der ehemalige US-Präsident Jonas Pfeiffer warnte am Sonntag vor einer Pleite.",
    ] {
        let x = run(text);
        let f = fact(&x, "leads");
        assert_eq!(
            f.qualifiers.get("modality").and_then(|v| v.as_str()),
            Some("former"),
            "{text}"
        );
    }
}

#[test]
fn a_government_post_needs_its_polity_written() {
    // Bare, the post is no post in the article's company.
    let x = run(
        "Die Nordlicht GmbH wächst stark. Ministerpräsident Jonas Pfeiffer lobte am Sonntag \
         die Mitarbeiter der Nordlicht GmbH in Kiel.",
    );
    assert!(
        !triples(&x).iter().any(|t| t.0 == "Jonas Pfeiffer"),
        "{:?}",
        triples(&x)
    );
    // A company's country head is no post of the country's ("Chef" is no government post).
    let x = run(
        "Die Nordlicht GmbH wächst stark. Deutschland-Chef Jonas Pfeiffer lobte am Sonntag \
         die Mitarbeiter.",
    );
    assert!(
        !has(&x, "Jonas Pfeiffer", "ceoOf", "Deutschland")
            && !has(&x, "Jonas Pfeiffer", "leads", "Deutschland"),
        "{:?}",
        triples(&x)
    );
    // A central bank's president heads the bank, not the country; a continent has no government.
    for text in [
        "Griechenlands Zentralbankpräsident Jonas Pfeiffer warnte am Sonntag vor einer Pleite.",
        "Heute sagte Europa-Präsident Jonas Pfeiffer in Kiel ab.",
    ] {
        let x = run(text);
        assert!(
            !triples(&x)
                .iter()
                .any(|t| t.0 == "Jonas Pfeiffer" && (t.2 == "Griechenland" || t.2 == "Europa")),
            "{text}: {:?}",
            triples(&x)
        );
    }
}

/// The modality a fact gets, or `None` without one.
fn modality_of<'a>(x: &'a Extraction, p: &str) -> Option<&'a str> {
    fact(x, p)
        .qualifiers
        .get("modality")
        .and_then(|v| v.as_str())
}

#[test]
fn a_denied_pattern_match_is_no_fact_and_an_intended_one_is_marked() {
    // The patterns read words, not a parse: a negation among the match's words, or among the
    // last words of a clause that ends after the object, denies the fact.
    for text in [
        "Die Elbwerft AG will die Nordlicht GmbH doch nicht kaufen.",
        "Die Elbwerft AG übernimmt die Nordlicht GmbH nicht.",
        "Die Elbwerft AG fusioniert nicht mit der Nordlicht GmbH.",
        "Die Elbwerft AG und die Nordlicht GmbH wollen nicht fusionieren.",
        "Die Elbwerft AG und die Nordlicht GmbH verhandeln nicht über eine Fusion.",
    ] {
        let x = run(text);
        assert!(x.facts.is_empty(), "{text}: {:?}", triples(&x));
    }
    // "nicht nur" focuses; "nicht X, sondern Y" affirms Y.
    let x = run("Die Elbwerft AG übernimmt nicht nur die Nordlicht GmbH, sondern wächst auch.");
    assert!(has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"));
    let x = run("Er sagt, dass die Elbwerft AG sich nicht dem Schiffbau, sondern der Windkraft verschrieben hat.");
    assert!(
        has(&x, "Elbwerft AG", "focusesOn", "Windkraft"),
        "{:?}",
        triples(&x)
    );
    // A negation later in the sentence denies nothing of a post.
    let x = run("Siemens-Chef Joe Kaeser wollte sich dazu nicht äußern.");
    assert!(
        has(&x, "Joe Kaeser", "ceoOf", "Siemens"),
        "{:?}",
        triples(&x)
    );
    // Modals and verbs of intention among a pattern's words mark the fact, as the frames do.
    for text in [
        "Die Elbwerft AG will die Nordlicht GmbH übernehmen.",
        "Die Elbwerft AG plant, die Nordlicht GmbH zu übernehmen.",
        "Die Nordlicht GmbH soll von der Elbwerft AG übernommen werden.",
    ] {
        let x = run(text);
        assert_eq!(modality_of(&x, "acquires"), Some("intention"), "{text}");
    }
    let x = run("Die Elbwerft AG übernimmt die Nordlicht GmbH.");
    assert_eq!(modality_of(&x, "acquires"), None);
    // An event noun read with its clause's subject is as real as the clause: talks or an aim
    // are an intention; a rival is a rival whatever the clause says.
    for text in [
        "Die Elbwerft AG und die Nordlicht GmbH verhandeln über eine Fusion.",
        "Die Elbwerft AG strebt eine Fusion mit der Nordlicht GmbH an.",
    ] {
        let x = run(text);
        assert_eq!(modality_of(&x, "mergesWith"), Some("intention"), "{text}");
    }
    let x = run("Die Elbwerft AG will Kunden an den Konkurrenten Nordlicht GmbH verlieren.");
    assert!(
        x.facts
            .iter()
            .filter(|f| f.predicate == "competesWith")
            .all(|f| !f.qualifiers.contains_key("modality")),
        "{:?}",
        x.facts
    );
}

#[test]
fn a_denied_rejected_or_failed_event_is_no_fact_and_a_condition_only_possible() {
    for text in [
        "Die Elbwerft AG dementiert, die Nordlicht GmbH zu übernehmen.",
        "Die Elbwerft AG lehnt es ab, die Nordlicht GmbH zu übernehmen.",
        "Die Elbwerft AG plant nicht, die Nordlicht GmbH zu übernehmen.",
        "Die Elbwerft AG lehnt eine Fusion mit der Nordlicht GmbH ab.",
        "Die Elbwerft AG hat die Fusion mit der Nordlicht GmbH abgesagt.",
        "Die Übernahme der Nordlicht GmbH durch die Elbwerft AG scheiterte.",
        "Die geplante Übernahme der Nordlicht GmbH durch die Elbwerft AG ist gescheitert.",
        "Das Kartellamt lehnt die Übernahme der Nordlicht GmbH durch die Elbwerft AG ab.",
    ] {
        let x = run(text);
        assert!(
            !x.facts
                .iter()
                .any(|f| matches!(f.predicate.as_str(), "acquires" | "mergesWith")),
            "{text}: {:?}",
            triples(&x)
        );
    }
    let x = run("Falls die Elbwerft AG die Nordlicht GmbH übernimmt, drohen Entlassungen.");
    assert_eq!(modality_of(&x, "acquires"), Some("possibility"));
    // English: a verb written with its negation is split for the parser as UD English-EWT
    // writes it ("does n't"); the patterns see the word whole.
    for text in [
        "Harbor Corp. doesn't own Kelmore Inc.",
        "Harbor Corp. won’t buy Kelmore Inc.",
        "Harbor Corp. didn't acquire Kelmore Inc.",
    ] {
        let x = run(text);
        assert!(x.facts.is_empty(), "{text}: {:?}", triples(&x));
    }
    let x = run("If Harbor Corp. acquires Kelmore Inc., jobs will go.");
    assert_eq!(modality_of(&x, "acquires"), Some("possibility"));
    // The conjunction opening the sentence is no part of the company's name.
    assert_eq!(
        texts_of(&x, EntityType::Organization),
        ["Harbor Corp.", "Kelmore Inc."]
    );
    let x = run("Die geplante Übernahme der Nordlicht GmbH durch die Elbwerft AG wurde genehmigt.");
    assert_eq!(modality_of(&x, "acquires"), Some("intention"));
    let x = run("Die Übernahme der Nordlicht GmbH durch die Elbwerft AG ist perfekt.");
    assert_eq!(modality_of(&x, "acquires"), None);
}

/// English writes the possessive onto the name ("NVIDIA's"): the parser, which learned from
/// UD English-EWT, sees it apart ("NVIDIA 's"), and the name still stands for its word.
#[test]
fn an_english_possessive_is_a_word_of_its_own() {
    for text in [
        "NVIDIA's headquarters in Boston are growing.",
        "NVIDIA’s headquarters in Boston are growing.",
    ] {
        let x = run(text);
        assert!(
            has(&x, "NVIDIA", "headquarteredIn", "Boston"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    // A quote before an "s" is no possessive of a name.
    let x = run("Analysts call it 's' growth: Harbor Corp. is based in Boston.");
    assert!(
        has(&x, "Harbor Corp.", "headquarteredIn", "Boston"),
        "{:?}",
        triples(&x)
    );
}

/// The English business frames of session 20 read only what they say: a sale needs a company
/// sold, a launch no investigation, and an infinitive under a noun of intention ("plans",
/// which the tagger may take for a noun) is an intention.
#[test]
fn english_business_frames_read_only_what_they_say() {
    for text in [
        "Harbor Corp. sold its shares to Northlight Inc.",
        "Harbor Corp. launched an investigation into Northlight Inc.",
        "Harbor Corp. opened an investigation into its accounts.",
        "Harbor Corp. did not sue Northlight Inc.",
        "Harbor Corp. appointed a new auditor.",
    ] {
        let x = run(text);
        assert!(x.facts.is_empty(), "{text}: {:?}", triples(&x));
    }
    let x = run("Harbor Corp. sold Kelmore Inc. to Northlight Inc.");
    assert!(
        has(&x, "Northlight Inc.", "acquires", "Kelmore Inc."),
        "{:?}",
        triples(&x)
    );
    let x = run("John Miller was hired by Harbor Corp. in 2019.");
    assert!(
        has(&x, "John Miller", "worksFor", "Harbor Corp."),
        "{:?}",
        triples(&x)
    );
    let x = run("Harbor Corp. grew last year.\nHarbor Corp. plans to eliminate 500 jobs.");
    assert_eq!(
        modality_of(&x, "laysOff"),
        Some("intention"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_question_asserts_nothing() {
    let x = run("Übernimmt die Elbwerft AG die Nordlicht GmbH?");
    assert_eq!(modality_of(&x, "acquires"), Some("possibility"));
    let x = run("Will Harbor Corp. acquire Kelmore Inc.?");
    assert!(
        x.facts
            .iter()
            .all(|f| f.qualifiers.get("modality").and_then(|v| v.as_str()) == Some("possibility")),
        "{:?}",
        triples(&x)
    );
}

/// A pattern's noun phrase is no word the noun list does not know right before another
/// capitalised word: that is the first word of a name the recognizer missed ("Anbieter von
/// Quorx Candy Fitness" supplies no "Quorx"); a known noun stays a phrase.
#[test]
fn a_noun_phrase_is_not_the_first_word_of_a_missed_name() {
    let x =
        run("Die Nordlicht GmbH, ein Anbieter von Quorx Candy Fitness, hat Insolvenz angemeldet.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "supplies"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht GmbH, ein Anbieter von Logistiksoftware, wächst.");
    assert!(
        has(&x, "Nordlicht GmbH", "supplies", "Logistiksoftware"),
        "{:?}",
        triples(&x)
    );
}

// --- Session 18: announcements, criticism, posts — the long tail.

#[test]
fn a_separable_particle_the_parser_mislabelled_still_makes_the_verb() {
    // "bekannt" parsed as the verb's `xcomp` when an indefinite object stands before it.
    let x = run("Die Elbwerft AG gab am Montag eine Kapitalerhöhung bekannt.");
    assert!(
        has(&x, "Elbwerft AG", "announces", "Kapitalerhöhung"),
        "{:?}",
        triples(&x)
    );
    // Nothing of the verb's may follow its particle: the infinitive clause's object was not
    // announced.
    let x = run(
        "Die Elbwerft AG gab heute bekannt, im Mai die Aufnahme eines Kredits realisiert zu haben.",
    );
    assert!(
        !triples(&x).iter().any(|t| t.1 == "announces"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_decision_is_announced_and_a_lawsuit_criticises() {
    let x = run("Die Elbwerft AG hat auf ihrer Hauptversammlung eine Kapitalerhöhung beschlossen.");
    assert!(
        has(&x, "Elbwerft AG", "announces", "Kapitalerhöhung"),
        "{:?}",
        triples(&x)
    );
    // A law a parliament passes is no company's announcement.
    let x = run("Der Bundestag hat das neue Gesetz zur Rente beschlossen.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "announces"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht GmbH klagt gegen die Elbwerft AG.");
    assert!(
        has(&x, "Nordlicht GmbH", "criticizes", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    // A complaint about a thing is no lawsuit against anyone.
    let x = run("Die Nordlicht GmbH klagt über hohe Kosten bei der Elbwerft AG.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "criticizes"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_clubs_talent_plays_for_it_and_a_premier_leads_his_country() {
    let x = run("Das Talent des FC Nordlicht, Jonas Pfeiffer, spielt gut.");
    assert!(
        has(&x, "Jonas Pfeiffer", "worksFor", "FC Nordlicht"),
        "{:?}",
        triples(&x)
    );
    // Bare, "Talent" names no post in the article's company.
    let x = run("Die Elbwerft AG wächst. Talent Jonas Pfeiffer malt gern.");
    assert!(
        !triples(&x).iter().any(|t| t.0 == "Jonas Pfeiffer"),
        "{:?}",
        triples(&x)
    );
    let x = run("Der griechische Premier Jonas Pfeiffer traf in Athen Vertreter der Gläubiger.");
    assert!(
        has(&x, "Jonas Pfeiffer", "leads", "Griechenland"),
        "{:?}",
        triples(&x)
    );
    // The English league's "Premier" is no post, its "League" no person.
    let x = run("In der englischen Premier League spielt Jonas Pfeiffer für den FC Nordlicht.");
    assert!(
        !triples(&x).iter().any(|t| t.1 == "leads")
            && !has(&x, "League", "worksFor", "FC Nordlicht"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn two_posts_of_two_polities_pair_their_holders_in_order() {
    let x = run(
        "Das steht in einer Mitteilung der Generalstaatsanwälte von Bayern und Hessen, \
         Jonas Pfeiffer und Anna Berger.",
    );
    assert!(
        has(&x, "Jonas Pfeiffer", "worksFor", "Bayern")
            && has(&x, "Anna Berger", "worksFor", "Hessen")
            && !has(&x, "Jonas Pfeiffer", "worksFor", "Hessen")
            && !has(&x, "Anna Berger", "worksFor", "Bayern"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Ministerpräsidenten von Bayern und Hessen, Jonas Pfeiffer und Anna Berger, trafen sich in Kiel.");
    assert!(
        has(&x, "Jonas Pfeiffer", "leads", "Bayern") && has(&x, "Anna Berger", "leads", "Hessen"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_person_from_an_organisation_of_a_kind_works_for_it() {
    let x = run("Analyst Jonas Pfeiffer vom Autobauer Elbwerft AG erwartet mehr.");
    assert!(
        has(&x, "Jonas Pfeiffer", "worksFor", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_name_after_a_preposition_of_source_is_not_what_is_bought() {
    for text in [
        "Meta kauft B200 von NVIDIA.",
        "Die Elbwerft AG kauft ihre Motoren bei der Nordlicht GmbH ein.",
    ] {
        let x = run(text);
        assert!(
            !triples(&x).iter().any(|t| t.1 == "acquires"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    let x = run("Siemens übernimmt den Softwarehersteller Mentor Graphics.");
    assert!(has(&x, "Siemens", "acquires", "Mentor Graphics"));
}

/// Session 20: the kinds of sentence business news is made of. Each sentence gives its fact
/// (with the modality the clause says), and the near misses give none of the kind.
#[test]
fn business_news_events_read_their_facts() {
    let modality = |x: &Extraction, p: &str| -> Vec<Option<String>> {
        x.facts
            .iter()
            .filter(|f| f.predicate == p)
            .map(|f| {
                f.qualifiers
                    .get("modality")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            })
            .collect()
    };
    // A plant built somewhere: the company runs it and has a site there.
    let x = run("Die Elbwerft AG baut in Kiel eine neue Chipfabrik.");
    assert!(
        has(&x, "Elbwerft AG", "locatedIn", "Kiel"),
        "{:?}",
        triples(&x)
    );
    assert!(
        x.facts.iter().any(|f| f.predicate == "operates"),
        "{:?}",
        triples(&x)
    );
    // A bridge is no site of the company.
    let x = run("Die Elbwerft AG baut in Kiel eine Brücke.");
    assert!(
        !has(&x, "Elbwerft AG", "locatedIn", "Kiel"),
        "{:?}",
        triples(&x)
    );
    // Talks with a company about a merger: a merger meant; talks about anything else: none.
    let x = run("Die Elbwerft AG verhandelt mit der Nordlicht GmbH über eine Fusion.");
    assert!(
        has(&x, "Elbwerft AG", "mergesWith", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    assert_eq!(
        modality(&x, "mergesWith"),
        vec![Some("intention".to_owned())]
    );
    let x = run("Die Elbwerft AG verhandelt mit der Nordlicht GmbH über Lieferungen.");
    assert!(modality(&x, "mergesWith").is_empty(), "{:?}", triples(&x));
    // After a subject that follows its verb, the parser hangs the verb's phrase on the
    // subject: the frame still reads it.
    let x = run("Nach Informationen der SZ verhandelt Bosch mit Continental über eine Fusion.");
    assert!(
        has(&x, "Bosch", "mergesWith", "Continental"),
        "{:?}",
        triples(&x)
    );
    // Two companies that join merge with each other, once.
    let x = run("Die Elbwerft AG und die Nordlicht GmbH schließen sich zusammen.");
    assert_eq!(modality(&x, "mergesWith").len(), 1, "{:?}", triples(&x));
    // A planned purchase is an intention; a bought product is no takeover.
    let x = run("Die Elbwerft AG plant den Kauf der Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    assert_eq!(modality(&x, "acquires"), vec![Some("intention".to_owned())]);
    let x = run("Die Elbwerft AG plant keinen Kauf der Nordlicht GmbH.");
    assert!(modality(&x, "acquires").is_empty(), "{:?}", triples(&x));
    // An order from a company makes it the customer.
    let x = run("Die Nordlicht GmbH erhält einen Großauftrag von der Elbwerft AG.");
    assert!(
        has(&x, "Elbwerft AG", "customerOf", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht GmbH erhält einen Preis von der Elbwerft AG.");
    assert!(modality(&x, "customerOf").is_empty(), "{:?}", triples(&x));
    // Parting with a person is no divestment.
    let x = run("Die Elbwerft AG trennt sich von Jonas Pfeiffer.");
    assert!(modality(&x, "spinsOff").is_empty(), "{:?}", triples(&x));
}

/// A description is not the subject of its own clause: "die Postbank" (a name no rule knows,
/// headed by the reference noun "Bank") is not the Deutsche Bank that sells it.
#[test]
fn a_description_is_not_its_own_clauses_subject() {
    let x = run("Die Deutsche Bank verkauft die Postbank an die Commerzbank.");
    assert!(
        !has(&x, "Commerzbank", "acquires", "Deutsche Bank"),
        "{:?}",
        triples(&x)
    );
    // A description in the next sentence still refers back.
    let x = run("Die Elbwerft AG wächst. Der Konzern übernimmt die Nordlicht GmbH.");
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
}

/// The reported value of a fact's qualifiers: (`reported`, `reportedBy`).
fn reported(f: &Fact) -> (bool, Option<&str>) {
    (
        f.qualifiers.get("reported").and_then(|v| v.as_bool()) == Some(true),
        f.qualifiers.get("reportedBy").and_then(|v| v.as_str()),
    )
}

#[test]
fn a_report_marks_its_facts_and_names_its_source() {
    // (sentence, its source, the modality the takeover keeps)
    for (text, source, modality) in [
        (
            "Laut einem Bericht der Nordpresse GmbH will die Elbwerft AG die Nordlicht GmbH kaufen.",
            Some("Nordpresse GmbH"),
            Some("intention"),
        ),
        (
            "Medienberichten zufolge will die Elbwerft AG die Nordlicht GmbH übernehmen.",
            None,
            Some("intention"),
        ),
        (
            "Wie das Handelsblatt berichtet, übernimmt die Elbwerft AG die Nordlicht GmbH.",
            Some("Handelsblatt"),
            None,
        ),
        (
            "Nach Informationen der Süddeutschen Zeitung übernimmt die Elbwerft AG die Nordlicht GmbH.",
            Some("Süddeutsche Zeitung"),
            None,
        ),
        (
            "Die Elbwerft AG übernimmt die Nordlicht GmbH, berichtet das Handelsblatt.",
            Some("Handelsblatt"),
            None,
        ),
        // The modal of report: with a perfect infinitive a deed, no intention.
        (
            "Die Elbwerft AG soll die Nordlicht GmbH übernommen haben.",
            None,
            None,
        ),
        (
            "Die Elbwerft AG soll die Nordlicht GmbH übernehmen wollen.",
            None,
            Some("intention"),
        ),
        (
            "According to Reuters, Harbor Corp. acquired Kelmore Inc.",
            Some("Reuters"),
            None,
        ),
    ] {
        let x = run(text);
        assert_eq!(x.facts.len(), 1, "{text}: {:?}", triples(&x));
        let f = fact(&x, "acquires");
        assert_eq!(reported(f), (true, source), "{text}");
        assert_eq!(
            f.qualifiers.get("modality").and_then(|v| v.as_str()),
            modality,
            "{text}"
        );
    }
    // Stated, not reported: "soll" without a perfect or a modal of intention is a plan or an
    // order, and a plain statement is the writer's.
    for text in [
        "Die Elbwerft AG soll die Nordlicht GmbH übernehmen.",
        "Die Elbwerft AG übernimmt die Nordlicht GmbH.",
    ] {
        let x = run(text);
        assert_eq!(reported(fact(&x, "acquires")), (false, None), "{text}");
    }
}

#[test]
fn a_source_or_a_genitive_attribute_is_no_subject() {
    // The newspaper reports; it takes no one over (it was the pattern's subject before).
    let x = run(
        "Laut einem Bericht der Nordpresse GmbH will die Elbwerft AG die Nordlicht GmbH kaufen.",
    );
    assert!(
        !x.facts
            .iter()
            .any(|f| matches!(&f.subject, Argument::Entity(e) if e.label == "Nordpresse GmbH")),
        "{:?}",
        triples(&x)
    );
    for text in [
        "Der Chef der Nordpresse GmbH will die Elbwerft AG kaufen.",
        "Nach dem Verkauf der Nordlicht GmbH will die Elbwerft AG die Seewind GmbH übernehmen.",
    ] {
        let x = run(text);
        assert!(
            !has(&x, "Nordpresse GmbH", "acquires", "Elbwerft AG")
                && !has(&x, "Nordlicht GmbH", "acquires", "Elbwerft AG"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    let x = run(
        "Nach dem Verkauf der Nordlicht GmbH will die Elbwerft AG die Seewind GmbH übernehmen.",
    );
    assert!(
        has(&x, "Elbwerft AG", "acquires", "Seewind GmbH"),
        "{:?}",
        triples(&x)
    );
    // A name's phrase without a verb stands anywhere, after a preposition too.
    let x = run("Der erste Flug startete nach Faro in Portugal.");
    assert!(
        has(&x, "Faro", "locatedIn", "Portugal"),
        "{:?}",
        triples(&x)
    );
}

#[test]
fn a_past_post_in_a_relative_clause_is_former() {
    let x =
        run("Jonas Pfeiffer, der bis 2021 Chef der Elbwerft AG war, wechselt zur Nordlicht GmbH.");
    let f = fact(&x, "ceoOf");
    assert_eq!(
        f.qualifiers.get("modality").and_then(|v| v.as_str()),
        Some("former")
    );
    let x = run("Jonas Pfeiffer, der seit 2021 Chef der Elbwerft AG ist, lobt die Nordlicht GmbH.");
    assert!(!fact(&x, "ceoOf").qualifiers.contains_key("modality"));
    let x =
        run("Anna Berger, die früher bei der Elbwerft AG arbeitete, wechselt zur Nordlicht GmbH.");
    let f = x
        .facts
        .iter()
        .find(|f| {
            f.predicate == "worksFor"
                && matches!(&f.object, Argument::Entity(e) if e.label == "Elbwerft AG")
        })
        .expect("worksFor Elbwerft AG");
    assert_eq!(
        f.qualifiers.get("modality").and_then(|v| v.as_str()),
        Some("former")
    );
    let x = run("Anna Berger arbeitet bei der Elbwerft AG.");
    assert!(!fact(&x, "worksFor").qualifiers.contains_key("modality"));
}

/// Session 20: a word no recogniser knows, filling a frame's slot that admits only an
/// organisation while the other slot is a recognised name, is an organisation typed by the
/// frame (relations/unknown.rs); its mention says which frame typed it.
#[test]
fn an_unknown_name_is_typed_by_the_frame_it_fills() {
    for (text, s, p, o, frame) in [
        (
            "Volkswagen hat Navistar übernommen.",
            "Volkswagen",
            "acquires",
            "Navistar",
            "de/frame/übernehmen",
        ),
        (
            "Navistar wurde von Volkswagen übernommen.",
            "Volkswagen",
            "acquires",
            "Navistar",
            "de/frame/übernehmen",
        ),
        (
            "Der frühere SAP-Chef Bill McDermott leitet heute ServiceNow.",
            "Bill McDermott",
            "leads",
            "ServiceNow",
            "de/frame/leiten",
        ),
        (
            "Bosch kooperiert mit Mobileye.",
            "Bosch",
            "partnerOf",
            "Mobileye",
            "de/frame/kooperieren",
        ),
    ] {
        let x = run(text);
        assert!(has(&x, s, p, o), "{text}: {:?}", triples(&x));
        let f = x.facts.iter().find(|f| f.predicate == p).unwrap();
        assert_eq!(f.rule, format!("{frame}+typed"), "{text}");
        let m = x.mentions.iter().find(|m| m.text == o).unwrap();
        assert_eq!(m.entity.kind, EntityType::Organization, "{text}");
        assert_eq!(m.typed_by.as_deref(), Some(frame), "{text}");
    }
    // The same word elsewhere in its document names the same organisation, before or after.
    let x = run("Navistar baut Lastwagen. Volkswagen hat Navistar übernommen.");
    let navistar: Vec<_> = x.mentions.iter().filter(|m| m.text == "Navistar").collect();
    assert_eq!(navistar.len(), 2, "{:?}", x.mentions);
    assert!(navistar
        .iter()
        .all(|m| m.entity.kind == EntityType::Organization && m.typed_by.is_some()));
}

/// Session 20: no company from a common word, a known place, an adverb opening the sentence,
/// a part of an address, or a frame whose slot also admits persons or places; and no fact
/// between two words no recogniser knows.
#[test]
fn no_company_is_invented_from_other_words() {
    for text in [
        "BMW plant den Kauf von Aktien.",
        "Volkswagen hat Berlin übernommen.",
        "Dennoch übernimmt Volkswagen die Verantwortung.",
        "Zuerst wurde Volkswagen für den Skandal kritisiert.",
        "Siemens kauft Aktien von Bosch.",
        "Volkswagen übernimmt Kosten.",
        "Siemens investiert in Produktion.",
        "Navistar übernimmt Telxius.",
        "Siemens sagte, https://t.co/GmCWmPUC übernimmt Bosch.",
    ] {
        let x = run(text);
        assert!(
            x.mentions.iter().all(|m| m.typed_by.is_none()),
            "{text}: {:?}",
            x.mentions
        );
        assert!(
            x.facts.iter().all(|f| !f.rule.ends_with("+typed")),
            "{text}: {:?}",
            triples(&x)
        );
    }
}

/// A light verb's frame speaks only with its noun: without it the verb stays an open relation
/// (issue 11: "what did Amazon negotiate, with whom" before anyone writes a frame for it).
#[test]
fn a_light_verb_without_its_noun_is_an_open_relation() {
    let x = run("Die Elbwerft AG verhandelt mit der Nordlicht GmbH.");
    assert!(
        x.facts
            .iter()
            .any(|f| f.open && f.predicate == "verhandeln-mit"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Elbwerft AG verhandelt mit der Nordlicht GmbH über eine Fusion.");
    assert!(
        has(&x, "Elbwerft AG", "mergesWith", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    assert!(x.facts.iter().all(|f| !f.open), "{:?}", triples(&x));
}

/// Session 21 (recall22): the kinds of fact the analyst gold still missed, in invented
/// sentences; each gives its fact, and the near misses (negation, a person where a company is
/// needed, another noun) give none of the kind.
#[test]
fn business_news_kinds_still_missed_read_their_facts() {
    let none = |x: &Extraction, p: &str| !x.facts.iter().any(|f| f.predicate == p);
    // A verb the tagger read as an adjective takes the verb's lemma, and its frame reads it.
    let x = run("Die Elbwerft AG produziert Roboter.");
    assert!(
        has(&x, "Elbwerft AG", "manufactures", "Roboter"),
        "{:?}",
        triples(&x)
    );
    // Money received from a company is its investment; a financing received is announced.
    let x = run("Die Nordlicht GmbH erhält eine Seed-Finanzierung von der Elbwerft AG.");
    assert!(
        has(&x, "Elbwerft AG", "investsIn", "Nordlicht GmbH"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht GmbH erhält eine Finanzierung über fünf Millionen Euro.");
    assert!(
        has(&x, "Nordlicht GmbH", "announces", "Finanzierung"),
        "{:?}",
        triples(&x)
    );
    for s in [
        "Die Nordlicht GmbH erhält eine Auszeichnung.",
        "Die Nordlicht GmbH erhält keine Finanzierung.",
    ] {
        let x = run(s);
        assert!(none(&x, "announces"), "{s}: {:?}", triples(&x));
    }
    let x = run("Jonas Pfeiffer erhält eine Finanzierung von der Elbwerft AG.");
    assert!(none(&x, "investsIn"), "{:?}", triples(&x));
    // A unit split off.
    let x = run("Die Elbwerft AG spaltet ihre Kunststoffsparte ab.");
    assert!(
        has(&x, "Elbwerft AG", "spinsOff", "Kunststoffsparte"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Elbwerft AG spaltet ihre Kunststoffsparte nicht ab.");
    assert!(none(&x, "spinsOff"), "{:?}", triples(&x));
    // Sports: a signing, a squad, a team of the club, a player sold on.
    for s in [
        "Borussia Nordstadt hat Jonas Pfeiffer verpflichtet.",
        "Jonas Pfeiffer rückt in den Profikader von Borussia Nordstadt auf.",
        "Jonas Pfeiffer spielt in der ersten Mannschaft von Borussia Nordstadt.",
        "Vor wenigen Tagen hatte der FC Nordlicht Jonas Pfeiffer für rund acht Millionen Euro Ablöse an Borussia Nordstadt verkauft.",
    ] {
        let x = run(s);
        assert!(has(&x, "Jonas Pfeiffer", "worksFor", "Borussia Nordstadt"), "{s}: {:?}", triples(&x));
    }
    let x = run("Jonas Pfeiffer spielt ab sofort bei den Profis des FC Nordlicht mit.");
    assert!(
        has(&x, "Jonas Pfeiffer", "worksFor", "FC Nordlicht"),
        "{:?}",
        triples(&x)
    );
    for s in [
        "Der FC Nordlicht hat Jonas Pfeiffer nicht verpflichtet.",
        "Borussia Nordstadt will Jonas Pfeiffer nicht holen.",
        "Das Gericht verpflichtete die Elbwerft AG zur Zahlung.",
    ] {
        let x = run(s);
        assert!(none(&x, "worksFor"), "{s}: {:?}", triples(&x));
    }
    // Working on something together with a company is a partnership; working with it alone
    // says nothing.
    let x = run("Die Nordlicht GmbH arbeitet zusammen mit der Elbwerft AG an einem VR-Spiel.");
    assert!(
        has(&x, "Nordlicht GmbH", "partnerOf", "Elbwerft AG"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Nordlicht GmbH arbeitet mit der Elbwerft AG.");
    assert!(none(&x, "partnerOf"), "{:?}", triples(&x));
    // A strike's possessive is its strikers': the struck company's sites are still read.
    let x = run(
        "Die Flugbegleiter der Elbwerft AG setzen ihren Streik am Samstag in Frankfurt und in Düsseldorf fort.",
    );
    assert!(
        has(&x, "Elbwerft AG", "locatedIn", "Düsseldorf"),
        "{:?}",
        triples(&x)
    );
    let x = run("Die Gewerkschaft Verdi setzt ihren Streik in Leipzig fort.");
    assert!(none(&x, "locatedIn"), "{:?}", triples(&x));
    // A list of places the parser hung on the verb gives each place.
    let x = run("Die Nordlicht GmbH eröffnet neue Filialen in Spanien und Portugal.");
    for place in ["Spanien", "Portugal"] {
        assert!(
            has(&x, "Nordlicht GmbH", "locatedIn", place),
            "{:?}",
            triples(&x)
        );
    }
}

/// Session 21 (english22): English business news. Irregular and unseen verb forms take their
/// lemma from `verbs.en.tsv` ("unveiled", "shed"); an agreement, offer or plan to buy is an
/// intention, a refusal none; a stake is an investment, not a takeover; a possessive role with
/// its person between commas is the company's; a role after an unrecognised name's possessive
/// is no role of the document's company.
#[test]
fn english_business_news_reads_its_facts() {
    let modality = |x: &Extraction, p: &str| -> Vec<Option<String>> {
        x.facts
            .iter()
            .filter(|f| f.predicate == p)
            .map(|f| {
                f.qualifiers
                    .get("modality")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            })
            .collect()
    };
    let x = run("Harbor Corp. unveiled a new electric truck on Tuesday.");
    assert!(
        x.facts.iter().any(|f| f.predicate == "announces"),
        "{:?}",
        triples(&x)
    );
    // "spun", tagged a verb with a noun's XPOS, is the past tense.
    let x = run("Harbor Corp. spun off Kelmore Inc. in 2018.");
    assert!(
        has(&x, "Harbor Corp.", "spinsOff", "Kelmore Inc."),
        "{:?}",
        triples(&x)
    );
    let x = run("Harbor Corp. shed 500 jobs in 2020.");
    assert!(
        x.facts.iter().any(|f| f.predicate == "laysOff"),
        "{:?}",
        triples(&x)
    );
    for text in [
        "Harbor Corp. agreed to buy Kelmore Inc. for $2 billion.",
        "Harbor Corp. offered to buy Kelmore Inc.",
        "Harbor Corp. plans to acquire Kelmore Inc.",
    ] {
        let x = run(text);
        assert!(
            has(&x, "Harbor Corp.", "acquires", "Kelmore Inc."),
            "{text}: {:?}",
            triples(&x)
        );
        assert_eq!(
            modality(&x, "acquires"),
            vec![Some("intention".to_owned())],
            "{text}"
        );
    }
    for text in [
        "Harbor Corp. took part in talks with Kelmore Inc.",
        "Harbor Corp. took legal action against Kelmore Inc.",
        "Harbor Corp. refused to buy Kelmore Inc.",
        "Harbor Corp. declined to acquire Kelmore Inc.",
        "Harbor Corp. has no plans to acquire Kelmore Inc.",
    ] {
        let x = run(text);
        assert!(
            !x.facts.iter().any(|f| f.predicate == "acquires"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    for text in [
        "Harbor Corp. acquired a stake in Kelmore Inc.",
        "Harbor Corp. took a stake in Kelmore Inc.",
    ] {
        let x = run(text);
        assert!(
            has(&x, "Harbor Corp.", "investsIn", "Kelmore Inc."),
            "{text}: {:?}",
            triples(&x)
        );
        assert!(
            !x.facts.iter().any(|f| f.predicate == "acquires"),
            "{text}: {:?}",
            triples(&x)
        );
    }
    // The possessive after an abbreviation's stop is one word "'s".
    let x = run("Harbor Corp.'s chief executive, John Carver, spoke in Berlin.");
    assert!(
        has(&x, "John Carver", "ceoOf", "Harbor Corp."),
        "{:?}",
        triples(&x)
    );
    let x = run("Microsoft's chief executive, John Carver, spoke in Berlin.");
    assert!(
        has(&x, "John Carver", "ceoOf", "Microsoft"),
        "{:?}",
        triples(&x)
    );
    let x = run(
        "Calder Inc. reported a loss on Monday. Jane Porter, chief executive officer of Calder \
         Inc., resigned. Gentrix's chairman Jeffrey Immelt visited Boston.",
    );
    assert!(
        has(&x, "Jane Porter", "ceoOf", "Calder Inc."),
        "{:?}",
        triples(&x)
    );
    assert!(
        !x.facts
            .iter()
            .any(|f| label(&f.subject) == "Jeffrey Immelt"),
        "{:?}",
        triples(&x)
    );
}
