//! Hand-built extractions: store, mapping and export tests describe their input facts
//! directly, independent of what the extractor finds today.

use std::collections::BTreeMap;
use tripel_extract::*;

pub fn entity(label: &str, kind: EntityType) -> Entity {
    Entity {
        key: EntityKey::of_label(label),
        label: label.to_owned(),
        kind,
        aliases: Vec::new(),
    }
}

pub fn mention(doc: &str, e: &Entity, text: &str, start: usize) -> Mention {
    Mention {
        doc: doc.to_owned(),
        start,
        end: start + text.chars().count(),
        text: text.to_owned(),
        entity: e.clone(),
        nested: false,
        typed_by: None,
    }
}

pub fn arg(e: &Entity, text: &str, start: usize) -> Argument {
    Argument::Entity(EntityArg {
        key: e.key.clone(),
        label: e.label.clone(),
        kind: e.kind,
        aliases: e.aliases.clone(),
        text: text.to_owned(),
        start,
        end: start + text.chars().count(),
        antecedent: None,
    })
}

pub fn fact(doc: &str, evidence: &str, s: Argument, p: &str, o: Argument, rule: &str) -> Fact {
    Fact {
        doc: doc.to_owned(),
        evidence: evidence.to_owned(),
        start: 0,
        end: evidence.chars().count(),
        subject: s,
        predicate: p.to_owned(),
        object: o,
        qualifiers: BTreeMap::new(),
        confidence: 0.85,
        rule: rule.to_owned(),
        open: false,
    }
}

/// "Meta bestellt 350.000 B200-GPUs bei NVIDIA. Meta investiert 35 bis 40 Milliarden Dollar."
pub fn meta_doc(id: &str) -> (Document, Extraction) {
    let text =
        "Meta bestellt 350.000 B200-GPUs bei NVIDIA. Meta investiert 35 bis 40 Milliarden Dollar.";
    let meta = Entity {
        aliases: vec!["Metas".to_owned()],
        ..entity("Meta", EntityType::Organization)
    };
    let b200 = entity("B200", EntityType::Product);
    let nvidia = entity("NVIDIA", EntityType::Organization);
    let s1 = "Meta bestellt 350.000 B200-GPUs bei NVIDIA.";
    let mut buys = fact(
        id,
        s1,
        arg(&meta, "Meta", 0),
        "buys",
        arg(&b200, "B200-GPUs", 22),
        "de/buys/bestellung",
    );
    buys.qualifiers
        .insert("quantity".into(), serde_json::json!(350000));
    buys.qualifiers
        .insert("date".into(), serde_json::json!("2024-12-31"));
    buys.qualifiers
        .insert("share".into(), serde_json::json!(0.25));
    let mut supplies = fact(
        id,
        s1,
        arg(&nvidia, "NVIDIA", 36),
        "supplies",
        arg(&meta, "Meta", 0),
        "de/supplies/bei",
    );
    supplies.confidence = 0.6;
    let s2 = "Meta investiert 35 bis 40 Milliarden Dollar.";
    let mut invests = fact(
        id,
        s2,
        arg(&meta, "Meta", 44),
        "invests",
        Argument::Literal(LiteralArg {
            value: "35000000000..40000000000".into(),
            datatype: Datatype::MonetaryAmount,
            amount: Some(Amount {
                min: 35e9,
                max: 40e9,
                currency: Some("USD".into()),
            }),
            text: "35 bis 40 Milliarden Dollar".into(),
            start: 60,
            end: 87,
        }),
        "de/invests/investiert",
    );
    invests.start = 44;
    invests.end = 88;
    let ex = Extraction {
        lang: Some(Lang::De),
        sentences: vec![Span { start: 0, end: 43 }, Span { start: 44, end: 88 }],
        mentions: vec![
            mention(id, &meta, "Meta", 0),
            mention(id, &b200, "B200", 22),
            mention(id, &nvidia, "NVIDIA", 36),
            mention(id, &meta, "Meta", 44),
        ],
        facts: vec![buys, supplies, invests],
    };
    (
        Document {
            id: id.to_owned(),
            text: text.to_owned(),
        },
        ex,
    )
}
