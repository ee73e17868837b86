//! The pack file format exactly as written: the serde and JSON Schema view of a pack.
//!
//! These types are what a TOML file deserializes into before any checking. They keep every
//! field as written (ids as strings, kind-specific step fields optional) so that validation can
//! name the precise field that is wrong; only [`super::validate`] turns them into a [`super::Pack`].
//! `exercises/schema.json` is generated from them, so their doc comments are the format's
//! reference: keep them true.

use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde::{Deserialize, Serialize};

/// What an id looks like (also checked by validation, which says what is wrong).
const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// An Attune exercise pack: one guided exercise, as data.
///
/// Every pack is shown with Attune's standard notice that it is a reflection aid, not therapy
/// or a crisis service; a pack does not repeat it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Attune exercise pack", rename = "Pack")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Pack"))]
pub struct PackDoc {
    /// Kebab-case id, e.g. `shadow-work`. Saved entries refer to it, so it never changes.
    #[schemars(pattern(ID_PATTERN), length(max = 64))]
    pub id: String,
    /// The pack's version, digits and dots, e.g. "1.0". Raise it when steps change; saved
    /// entries keep the version they answered.
    #[schemars(pattern(r"^[0-9]+(\.[0-9]+)*$"))]
    pub version: String,
    /// The title shown in the catalogue.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Language of the text, a short tag like "en" or "pt-BR".
    #[schemars(pattern(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))]
    pub language: String,
    /// The catalogue shelf the pack sits on.
    pub theme: Theme,
    /// One short paragraph: what the exercise asks about and why it may help.
    #[schemars(length(min = 1))]
    pub why: String,
    /// About how many minutes it takes, said at the start so a person can choose.
    #[schemars(range(min = 1, max = 240))]
    pub minutes: u16,
    /// `deep` packs start with a settledness check (a `checkin` step) and end with a grounding
    /// step; `light` packs need neither.
    pub depth: Depth,
    /// What the app uses the pack for besides the catalogue, e.g. `["daily-checkin"]`. Most
    /// packs have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Who wrote the pack, e.g. a facilitator's name; shown at its start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 120))]
    pub author: Option<String>,
    /// The organisation behind the pack, e.g. the retreat centre; shown at its start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 120))]
    pub organisation: Option<String>,
    /// Whom to contact for aftercare while doing this pack, as plain text (a name, a phone
    /// number, an address); shown at its start and in the help panel during the pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 300))]
    pub aftercare: Option<String>,
    /// `deep` packs (required there): when it is better not to do this exercise alone, and whom
    /// to turn to instead. Shown at the start, before the first step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 700))]
    pub not_alone: Option<String>,
    /// The steps, in order. Every step can be skipped.
    #[schemars(length(min = 1))]
    pub steps: Vec<StepDoc>,
    /// Numbers that describe an answer set (never a person): which items add up to what.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<ScoreDoc>,
    /// What to gently point out when a score stays low or high across sessions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<PatternDoc>,
}

/// The catalogue shelves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PackTheme"))]
pub enum Theme {
    Shadow,
    Boundaries,
    Reciprocity,
    NervousSystem,
    Relationships,
    Patterns,
    Gratitude,
    Integration,
}

impl Theme {
    /// Every theme, in the order the catalogue shows them.
    pub const ALL: [Theme; 8] = [
        Theme::NervousSystem,
        Theme::Boundaries,
        Theme::Reciprocity,
        Theme::Relationships,
        Theme::Patterns,
        Theme::Shadow,
        Theme::Gratitude,
        Theme::Integration,
    ];

    /// The name as written in a pack file.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Shadow => "shadow",
            Theme::Boundaries => "boundaries",
            Theme::Reciprocity => "reciprocity",
            Theme::NervousSystem => "nervous-system",
            Theme::Relationships => "relationships",
            Theme::Patterns => "patterns",
            Theme::Gratitude => "gratitude",
            Theme::Integration => "integration",
        }
    }

    /// A heading for the catalogue, in `words`' language.
    pub fn label(self, words: &crate::i18n::Words) -> String {
        words.get(&format!("theme-{}", self.as_str()))
    }
}

/// A place in the app where a pack is offered, so the app finds its packs by what they are for
/// rather than by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PackRole"))]
pub enum Role {
    /// The short daily check-in: offered on the Today view and the integration plan's daily
    /// exercise unless the plan names another.
    DailyCheckin,
    /// The short grounding offered when an opening check-in shows high distress.
    Grounding,
    /// An exercise about one relationship, offered on a person's page.
    Person,
    /// The exercise that makes an integration plan; its `exercises` answer seeds the plan.
    IntegrationPlan,
    /// The look-back the integration plan schedules.
    IntegrationReview,
}

/// How much an exercise may stir up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Depth {
    Light,
    Deep,
}

/// What a step asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "StepKind")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StepKind"))]
pub enum StepKindName {
    /// Free text.
    #[default]
    Text,
    /// One of `options`.
    Single,
    /// Any of `options`.
    Multiple,
    /// A whole number from `min` to `max`.
    Scale,
    /// Each of `items` answered yes / sometimes / no.
    Checklist,
    /// A person from the people register.
    Person,
    /// Nervous-system check-in: calm, relaxed, safe, anxious, tense, obsessive on 0–4, and
    /// where in the body.
    Checkin,
    /// An intention, with a number of days after which to look at it again.
    Commitment,
    /// A short guided grounding: `lines` shown one at a time; no answer.
    Grounding,
    /// A short explanation (`text`, a few sentences); no answer, not scored, skippable.
    Learn,
}

/// The fields every step has.
pub(crate) const COMMON_STEP_FIELDS: &[&str] =
    &["id", "kind", "prompt", "help", "offer_grounding", "recall", "recall_after_days"];

impl StepKindName {
    pub(crate) const ALL: [StepKindName; 10] = [
        StepKindName::Text,
        StepKindName::Single,
        StepKindName::Multiple,
        StepKindName::Scale,
        StepKindName::Checklist,
        StepKindName::Person,
        StepKindName::Checkin,
        StepKindName::Commitment,
        StepKindName::Grounding,
        StepKindName::Learn,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            StepKindName::Text => "text",
            StepKindName::Single => "single",
            StepKindName::Multiple => "multiple",
            StepKindName::Scale => "scale",
            StepKindName::Checklist => "checklist",
            StepKindName::Person => "person",
            StepKindName::Checkin => "checkin",
            StepKindName::Commitment => "commitment",
            StepKindName::Grounding => "grounding",
            StepKindName::Learn => "learn",
        }
    }

    /// The kind-specific fields this kind requires, and those it allows besides. Validation and
    /// the JSON Schema both read this table, so they cannot disagree.
    pub(crate) fn fields(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            StepKindName::Text => (&[], &["placeholder"]),
            StepKindName::Single | StepKindName::Multiple => (&["options"], &[]),
            StepKindName::Scale => (&["min", "max", "min_label", "max_label"], &["labels"]),
            StepKindName::Checklist => (&["items"], &[]),
            StepKindName::Person => (&[], &[]),
            StepKindName::Checkin => (&[], &["context"]),
            StepKindName::Commitment => (&[], &["placeholder", "review_after_days"]),
            StepKindName::Grounding => (&["lines"], &["seconds_per_line"]),
            StepKindName::Learn => (&["text"], &[]),
        }
    }
}

/// One step. `id`, `kind` and `prompt` always; the other fields depend on the kind.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Step", transform = step_kind_rules)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Step", optional_fields))]
pub struct StepDoc {
    /// Kebab-case, unique in the pack; the key of this step's answer.
    #[schemars(pattern(ID_PATTERN), length(max = 64))]
    pub id: String,
    /// What the step asks for.
    pub kind: StepKindName,
    /// One question, short, in plain words.
    #[schemars(length(min = 1))]
    pub prompt: String,
    /// One line with an ordinary example, shown under the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Keep a two-minute grounding one click away on this step (for steps that touch the past).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer_grounding: Option<bool>,
    /// Show the person their own latest answer to another step, written as `pack-id.step-id`
    /// (e.g. `integration-plan.intention`), above this step; a step whose recalled answer does
    /// not exist yet is passed over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub recall: Option<String>,
    /// With `recall`: only answers written at least this many days ago come back (0–365,
    /// default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 365))]
    pub recall_after_days: Option<u16>,
    /// `text`, `commitment`: greyed hint text inside the empty answer box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    /// `single`, `multiple`: the choices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 2))]
    pub options: Option<Vec<Choice>>,
    /// `scale`: the lowest value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
    /// `scale`: the highest value (above `min`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    /// `scale`: words for the lowest end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_label: Option<String>,
    /// `scale`: words for the highest end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_label: Option<String>,
    /// `scale`: optionally, words for every value from `min` to `max`, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// `checklist`: the statements, each answered yes / sometimes / no.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub items: Option<Vec<Choice>>,
    /// `checkin`: whether it is about contact with someone: "none" (default),
    /// "before-contact" or "after-contact".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ContactContext>,
    /// `commitment`: the suggested number of days before looking at it again (1–365,
    /// default 7); the person can change it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 365))]
    pub review_after_days: Option<u16>,
    /// `grounding`: the lines, shown one at a time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub lines: Option<Vec<String>>,
    /// `grounding`: seconds each line stays (3–30, default 10); all lines together stay under
    /// two minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 3, max = 30))]
    pub seconds_per_line: Option<u16>,
    /// `learn`: a few plain sentences (at most 700 characters), shown under the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 700))]
    pub text: Option<String>,
}

impl StepDoc {
    /// The kind-specific fields this step has, in declaration order.
    pub(crate) fn present_fields(&self) -> Vec<&'static str> {
        let candidates: [(&'static str, bool); 13] = [
            ("placeholder", self.placeholder.is_some()),
            ("options", self.options.is_some()),
            ("min", self.min.is_some()),
            ("max", self.max.is_some()),
            ("min_label", self.min_label.is_some()),
            ("max_label", self.max_label.is_some()),
            ("labels", self.labels.is_some()),
            ("items", self.items.is_some()),
            ("context", self.context.is_some()),
            ("review_after_days", self.review_after_days.is_some()),
            ("lines", self.lines.is_some()),
            ("seconds_per_line", self.seconds_per_line.is_some()),
            ("text", self.text.is_some()),
        ];
        candidates.into_iter().filter(|(_, present)| *present).map(|(name, _)| name).collect()
    }
}

/// Adds the per-kind rules of [`StepKindName::fields`] to the step schema: for each kind, which
/// fields are required and which are allowed at all.
fn step_kind_rules(schema: &mut Schema) {
    let rules: Vec<serde_json::Value> = StepKindName::ALL
        .iter()
        .map(|&kind| {
            let (required, optional) = kind.fields();
            let mut allowed: Vec<&str> = COMMON_STEP_FIELDS.to_vec();
            allowed.extend_from_slice(required);
            allowed.extend_from_slice(optional);
            serde_json::json!({
                "if": { "properties": { "kind": { "const": kind.as_str() } }, "required": ["kind"] },
                "then": { "required": required, "propertyNames": { "enum": allowed } }
            })
        })
        .collect();
    schema.insert("allOf".to_owned(), rules.into());
}

/// An option of a choice step, or an item of a checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Choice {
    /// Kebab-case, unique within its step.
    #[schemars(pattern(ID_PATTERN), length(max = 64))]
    pub id: String,
    /// What the person sees.
    pub label: String,
}

/// Whether a check-in is about contact with someone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ContactContext {
    /// Not tied to meeting anyone.
    #[default]
    #[serde(rename = "none")]
    NoContact,
    /// Just before time with someone.
    BeforeContact,
    /// Just after time with someone.
    AfterContact,
}

/// A score: answers added up into one number, shown with words, never as a grade.
///
/// Arithmetic, so anyone can check it:
/// - a checklist item counts yes = 2, sometimes = 1, no = 0 (out of 2);
/// - a scale step counts its value minus `min` (out of `max - min`);
/// - a check-in dimension counts its value 0–4 (out of 4);
/// - a reversed item counts (its maximum − that number) instead;
/// - the score is the sum over the items answered, out of the sum of their maximums, and is
///   also shown as that fraction (0–1). Skipped items count in neither.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Score")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Score"))]
pub struct ScoreDoc {
    /// Kebab-case, unique in the pack.
    #[schemars(pattern(ID_PATTERN), length(max = 64))]
    pub id: String,
    /// What the score describes, e.g. "Time boundaries".
    pub label: String,
    /// What adds up: `step` for a scale step or a whole checklist, `step.item` for one
    /// checklist item, `step.calm` (…`relaxed`, `safe`, `anxious`, `tense`, `obsessive`) for
    /// a check-in dimension.
    #[schemars(length(min = 1))]
    pub items: Vec<String>,
    /// Which of `items` count the other way round (written the same way).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reversed: Vec<String>,
    /// Words for ranges of the fraction, in order, together covering 0 to 1. A band covers
    /// `from` up to (not including) `to`; the last includes 1.
    #[schemars(length(min = 1))]
    pub bands: Vec<Band>,
}

/// A range of a score's fraction, with the words that describe it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Band {
    /// Start of the range, 0–1, where the previous band ended.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub from: f64,
    /// End of the range, 0–1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub to: f64,
    /// A description of an answer set in this range, e.g. "mostly steady"; never a grade.
    pub words: String,
}

/// Which side of the threshold a pattern looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Direction {
    /// The score's fraction is below the threshold.
    Below,
    /// The score's fraction is above the threshold.
    Above,
}

/// A pattern rule: when a score's fraction is below (or above) a threshold in at least N of
/// the last M sessions that answered it, show a tentative message linking to those sessions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Pattern")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PatternRule"))]
pub struct PatternDoc {
    /// Kebab-case, unique in the pack.
    #[schemars(pattern(ID_PATTERN), length(max = 64))]
    pub id: String,
    /// The id of a score in this pack.
    pub score: String,
    /// Look for the fraction below or above the threshold.
    pub when: Direction,
    /// A fraction from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub threshold: f64,
    /// How many sessions must show it (at most `of_last`)…
    #[schemars(range(min = 1, max = 100))]
    pub in_at_least: u16,
    /// …of how many of the most recent ones.
    #[schemars(range(min = 1, max = 100))]
    pub of_last: u16,
    /// Count each person's sessions separately (sessions that name a person); the message may
    /// then use `{person}`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_person: bool,
    /// Tentative, pointing back to the entries, inviting a next step; never a conclusion about
    /// anyone. May use `{count}`, `{of}` and, with `by_person`, `{person}`.
    #[schemars(length(min = 1))]
    pub message: String,
}

/// The JSON Schema of the pack format (draft 2020-12), generated from the types above.
pub fn pack_schema() -> Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .with_transform(RecursiveTransform(without_null))
        .into_generator()
        .into_root_schema_for::<PackDoc>();
    schema.insert(
        "$comment".to_owned(),
        "Generated from src/exercises/doc.rs; do not edit. Regenerate: ATTUNE_WRITE_SCHEMA=1 cargo test --test exercises schema".into(),
    );
    schema
}

/// TOML has no null: an optional field is simply left out. Drops the `null` alternative schemars
/// gives every `Option`.
fn without_null(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else { return };
    if let Some(serde_json::Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            object.insert("type".to_owned(), only);
        }
    }
    if let Some(serde_json::Value::Array(alternatives)) = object.get_mut("anyOf") {
        alternatives.retain(|a| a.get("type").is_none_or(|t| t != "null"));
        if let [serde_json::Value::Object(only)] = alternatives.as_slice() {
            let only = only.clone();
            object.remove("anyOf");
            object.extend(only);
        }
    }
}

/// [`pack_schema`] as pretty JSON with a final newline: the content of `exercises/schema.json`.
pub fn pack_schema_json() -> String {
    format!("{:#}\n", pack_schema().as_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_field_in_the_table_is_a_step_field() {
        let step_schema = serde_json::to_value(schemars::schema_for!(StepDoc)).unwrap();
        let properties = step_schema["properties"].as_object().unwrap();
        for kind in StepKindName::ALL {
            let (required, optional) = kind.fields();
            for field in required.iter().chain(optional).chain(COMMON_STEP_FIELDS) {
                assert!(properties.contains_key(*field), "{field} of {} is not a StepDoc field", kind.as_str());
            }
        }
    }
}
