//! A validated pack: the only form the rest of Attune sees.
//!
//! A [`Pack`] can only be made by [`Pack::from_toml`], which parses and checks the whole file
//! once; after that every step id is unique, every score reference points at a real item,
//! bands cover 0 to 1, and so on, so scoring and the runner never re-check. Its fields are
//! private and handed out by shared reference, so a pack cannot drift out of that state.
//! Printing a pack back (`to_toml`, or serde for the UI) produces the same file format it was
//! read from.

use serde::Serialize;

use super::checkin::Dimension;
use super::de::{Doc, Path, Problem};
use super::doc::{
    Band, Choice, ContactContext, Depth, Direction, PackDoc, PatternDoc, Role, ScoreDoc, StepDoc, StepKindName, Theme,
};
use super::error::{Location, PackError};
use super::ids::{PackId, ScoreId, StepId};
use super::validate;
use crate::journal::ExerciseRef;

/// One guided exercise, checked and ready to run.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(into = "PackDoc")]
pub struct Pack {
    pub(crate) id: PackId,
    pub(crate) version: String,
    pub(crate) title: String,
    pub(crate) language: String,
    pub(crate) theme: Theme,
    pub(crate) why: String,
    pub(crate) minutes: u16,
    pub(crate) depth: Depth,
    pub(crate) roles: Vec<Role>,
    pub(crate) author: Option<String>,
    pub(crate) organisation: Option<String>,
    pub(crate) aftercare: Option<String>,
    pub(crate) not_alone: Option<String>,
    pub(crate) steps: Vec<Step>,
    pub(crate) scores: Vec<Score>,
    pub(crate) patterns: Vec<PatternRule>,
}

impl Pack {
    /// Parses and validates one pack file. `file` is only used to name the file in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Pack, PackError> {
        let doc = Doc::parse(text).map_err(|e| {
            let (line, column) = super::de::line_col(text, e.span().map_or(0, |s| s.start));
            let detail = e.message().trim().to_owned();
            PackError::Syntax { at: Location { file: file.to_owned(), line, column, field: String::new() }, detail }
        })?;
        let raw: PackDoc = doc.deserialize().map_err(|e| shape_error(file, &doc, e))?;
        validate::pack(file, &doc, raw)
    }

    /// The pack as TOML, in the format it is read from.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        toml::to_string(&PackDoc::from(self.clone()))
    }

    pub fn id(&self) -> &PackId {
        &self.id
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    /// What a saved exercise entry records about its pack.
    pub fn exercise_ref(&self) -> ExerciseRef {
        ExerciseRef { id: self.id.to_string(), version: self.version.clone() }
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    /// One short paragraph: what the exercise asks about and why.
    pub fn why(&self) -> &str {
        &self.why
    }

    /// About how long it takes.
    pub fn minutes(&self) -> u16 {
        self.minutes
    }

    pub fn depth(&self) -> Depth {
        self.depth
    }

    /// What the app offers the pack for besides the catalogue.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Who wrote the pack, if it says.
    pub fn author(&self) -> Option<&str> {
        self.author.as_deref()
    }

    /// The organisation behind the pack, if it says.
    pub fn organisation(&self) -> Option<&str> {
        self.organisation.as_deref()
    }

    /// Whom to contact for aftercare while doing this pack, as plain text, if it says.
    pub fn aftercare(&self) -> Option<&str> {
        self.aftercare.as_deref()
    }

    /// When it is better not to do this pack alone, and whom to turn to instead (every deep
    /// pack says).
    pub fn not_alone(&self) -> Option<&str> {
        self.not_alone.as_deref()
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn scores(&self) -> &[Score] {
        &self.scores
    }

    pub fn score(&self, id: &str) -> Option<&Score> {
        self.scores.iter().find(|s| s.id == id)
    }

    pub fn patterns(&self) -> &[PatternRule] {
        &self.patterns
    }
}

/// One step of a pack. Every step can be skipped.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub id: StepId,
    /// One question.
    pub prompt: String,
    /// One line with an ordinary example.
    pub help: Option<String>,
    /// Grounding stays one click away on this step.
    pub offer_grounding: bool,
    /// The person's own earlier answer to show above this step.
    pub recall: Option<Recall>,
    pub kind: StepKind,
}

/// A step that shows back what the person once wrote elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recall {
    pub pack: PackId,
    pub step: StepId,
    /// Only answers at least this many days old come back.
    pub after_days: u16,
}

/// What a step asks for, with what it needs to ask it.
#[derive(Clone, Debug, PartialEq)]
pub enum StepKind {
    Text {
        placeholder: Option<String>,
    },
    Single {
        options: Vec<Choice>,
    },
    Multiple {
        options: Vec<Choice>,
    },
    Scale(Scale),
    /// Each item answered yes / sometimes / no.
    Checklist {
        items: Vec<Choice>,
    },
    /// A person from the people register.
    Person,
    /// The nervous-system check-in: the six dimensions on 0–4 and, optionally, body areas.
    CheckIn {
        context: ContactContext,
    },
    /// An intention, looked at again after some days.
    Commitment {
        placeholder: Option<String>,
        review_after_days: u16,
    },
    /// Lines shown one at a time; no answer.
    Grounding {
        lines: Vec<String>,
        seconds_per_line: u16,
    },
    /// A few sentences that explain something; no answer, never scored.
    Learn {
        text: String,
    },
}

impl StepKind {
    /// The kind's name as written in a pack file.
    pub fn name(&self) -> &'static str {
        self.kind_name().as_str()
    }

    pub(crate) fn kind_name(&self) -> StepKindName {
        match self {
            StepKind::Text { .. } => StepKindName::Text,
            StepKind::Single { .. } => StepKindName::Single,
            StepKind::Multiple { .. } => StepKindName::Multiple,
            StepKind::Scale(_) => StepKindName::Scale,
            StepKind::Checklist { .. } => StepKindName::Checklist,
            StepKind::Person => StepKindName::Person,
            StepKind::CheckIn { .. } => StepKindName::Checkin,
            StepKind::Commitment { .. } => StepKindName::Commitment,
            StepKind::Grounding { .. } => StepKindName::Grounding,
            StepKind::Learn { .. } => StepKindName::Learn,
        }
    }
}

/// A scale from `min` to `max` (whole numbers, `min < max`).
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub min: i32,
    pub max: i32,
    pub min_label: String,
    pub max_label: String,
    /// Empty, or one label per value from `min` to `max`.
    pub labels: Vec<String>,
}

/// What a score item names: a step, or one item (or check-in dimension) of a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemRef {
    pub step: StepId,
    pub item: Option<String>,
}

impl std::fmt::Display for ItemRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.item {
            Some(item) => write!(f, "{}.{item}", self.step),
            None => write!(f, "{}", self.step),
        }
    }
}

/// A score: answers that add up to one number. See [`super::score`] for the arithmetic.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub id: ScoreId,
    pub label: String,
    /// As written in the pack.
    pub items: Vec<ItemRef>,
    /// As written in the pack.
    pub reversed: Vec<ItemRef>,
    pub bands: Vec<Band>,
    /// `items` expanded to single values (a whole checklist becomes its items).
    pub(crate) leaves: Vec<Leaf>,
}

impl Score {
    /// The words of the band a fraction (0–1) falls in. Bands cover `[from, to)`, the last one
    /// also its end, so a fraction exactly on a boundary belongs to the band above it.
    pub fn band_words(&self, fraction: f64) -> &str {
        self.bands.iter().find(|b| fraction < b.to).or(self.bands.last()).map_or("", |b| b.words.as_str())
    }
}

/// One value a score adds up.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Leaf {
    pub step: StepId,
    pub source: LeafSource,
    pub reversed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum LeafSource {
    Scale { min: i32, max: i32 },
    ChecklistItem(String),
    CheckIn(Dimension),
}

/// When to gently point something out across sessions.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternRule {
    pub id: String,
    pub score: ScoreId,
    pub when: Direction,
    /// A fraction from 0 to 1.
    pub threshold: f64,
    pub in_at_least: u16,
    pub of_last: u16,
    /// Count each person's sessions separately.
    pub by_person: bool,
    /// A template using `{count}`, `{of}` and (with `by_person`) `{person}`.
    pub message: String,
}

/// Turns a serde error from the spanned tree into a [`PackError`] naming file, line and field.
pub(crate) fn shape_error(file: &str, doc: &Doc<'_>, e: super::de::DeError) -> PackError {
    let path = e.path.unwrap_or_default();
    let location = |path: &Path, span: Option<std::ops::Range<usize>>| {
        let start = span.unwrap_or_else(|| doc.span_of(path)).start;
        let (line, column) = doc.line_col(start);
        Location { file: file.to_owned(), line, column, field: path.to_string() }
    };
    match e.problem {
        Problem::UnknownField { name, expected } => {
            PackError::UnknownField { at: location(&path, e.span), name, expected: expected.join(", ") }
        }
        // Serde notices a missing field once the table is read; point at the table.
        Problem::MissingField { name } => PackError::MissingField { at: location(&path.key(name), e.span) },
        Problem::UnknownVariant { value, expected } => {
            let expected = expected.join(", ");
            let is_step_kind = path.last_key() == Some("kind") && path.parent().parent().last_key() == Some("steps");
            if is_step_kind {
                PackError::UnknownStepKind { at: location(&path, e.span), kind: value, expected }
            } else {
                PackError::UnknownValue { at: location(&path, e.span), value, expected }
            }
        }
        Problem::Other(detail) => PackError::WrongType { at: location(&path, e.span), detail },
    }
}

impl From<Pack> for PackDoc {
    fn from(pack: Pack) -> Self {
        PackDoc {
            id: pack.id.into(),
            version: pack.version,
            title: pack.title,
            language: pack.language,
            theme: pack.theme,
            why: pack.why,
            minutes: pack.minutes,
            depth: pack.depth,
            roles: pack.roles,
            author: pack.author,
            organisation: pack.organisation,
            aftercare: pack.aftercare,
            not_alone: pack.not_alone,
            steps: pack.steps.into_iter().map(StepDoc::from).collect(),
            scores: pack.scores.into_iter().map(ScoreDoc::from).collect(),
            patterns: pack.patterns.into_iter().map(PatternDoc::from).collect(),
        }
    }
}

impl From<Step> for StepDoc {
    fn from(step: Step) -> Self {
        let mut doc = StepDoc {
            id: step.id.into(),
            kind: step.kind.kind_name(),
            prompt: step.prompt,
            help: step.help,
            offer_grounding: step.offer_grounding.then_some(true),
            recall: step.recall.as_ref().map(|r| format!("{}.{}", r.pack, r.step)),
            recall_after_days: step.recall.as_ref().map(|r| r.after_days).filter(|d| *d > 0),
            ..StepDoc::default()
        };
        match step.kind {
            StepKind::Text { placeholder } => doc.placeholder = placeholder,
            StepKind::Single { options } | StepKind::Multiple { options } => doc.options = Some(options),
            StepKind::Scale(scale) => {
                doc.min = Some(scale.min);
                doc.max = Some(scale.max);
                doc.min_label = Some(scale.min_label);
                doc.max_label = Some(scale.max_label);
                doc.labels = Some(scale.labels).filter(|l| !l.is_empty());
            }
            StepKind::Checklist { items } => doc.items = Some(items),
            StepKind::Person => {}
            StepKind::CheckIn { context } => doc.context = Some(context).filter(|c| *c != ContactContext::NoContact),
            StepKind::Commitment { placeholder, review_after_days } => {
                doc.placeholder = placeholder;
                doc.review_after_days = Some(review_after_days);
            }
            StepKind::Grounding { lines, seconds_per_line } => {
                doc.lines = Some(lines);
                doc.seconds_per_line = Some(seconds_per_line);
            }
            StepKind::Learn { text } => doc.text = Some(text),
        }
        doc
    }
}

impl From<Score> for ScoreDoc {
    fn from(score: Score) -> Self {
        ScoreDoc {
            id: score.id.into(),
            label: score.label,
            items: score.items.iter().map(ToString::to_string).collect(),
            reversed: score.reversed.iter().map(ToString::to_string).collect(),
            bands: score.bands,
        }
    }
}

impl From<PatternRule> for PatternDoc {
    fn from(rule: PatternRule) -> Self {
        PatternDoc {
            id: rule.id,
            score: rule.score.into(),
            when: rule.when,
            threshold: rule.threshold,
            in_at_least: rule.in_at_least,
            of_last: rule.of_last,
            by_person: rule.by_person,
            message: rule.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Non-blank text that may run over lines and holds characters TOML has to escape.
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 \"'\\\\#é…\t\n]{0,20}[a-zA-Z…]"
    }

    fn line() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 \"'\\\\#é…]{0,20}[a-zA-Z…]"
    }

    fn choices(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Choice>> {
        prop::collection::vec(line(), range).prop_map(|labels| {
            labels.into_iter().enumerate().map(|(i, label)| Choice { id: format!("o{i}"), label }).collect()
        })
    }

    /// A step of any kind, valid on its own; `id` is filled in later.
    fn step() -> impl Strategy<Value = StepDoc> {
        let base = (text(), prop::option::of(line()));
        let kind = prop_oneof![
            prop::option::of(line()).prop_map(|placeholder| StepDoc {
                kind: StepKindName::Text,
                placeholder,
                ..StepDoc::default()
            }),
            (any::<bool>(), choices(2..5)).prop_map(|(single, options)| StepDoc {
                kind: if single { StepKindName::Single } else { StepKindName::Multiple },
                options: Some(options),
                ..StepDoc::default()
            }),
            (-5i32..5, 1i32..8, line(), line(), any::<bool>()).prop_map(
                |(min, span, min_label, max_label, labelled)| {
                    let labels = labelled.then(|| (0..=span).map(|v| format!("value {v}")).collect());
                    StepDoc {
                        kind: StepKindName::Scale,
                        min: Some(min),
                        max: Some(min + span),
                        min_label: Some(min_label),
                        max_label: Some(max_label),
                        labels,
                        ..StepDoc::default()
                    }
                }
            ),
            choices(1..5).prop_map(|items| StepDoc {
                kind: StepKindName::Checklist,
                items: Some(items),
                ..StepDoc::default()
            }),
            Just(StepDoc { kind: StepKindName::Person, ..StepDoc::default() }),
            text().prop_map(|text| StepDoc { kind: StepKindName::Learn, text: Some(text), ..StepDoc::default() }),
            prop_oneof![
                Just(None),
                Just(Some(ContactContext::NoContact)),
                Just(Some(ContactContext::BeforeContact)),
                Just(Some(ContactContext::AfterContact)),
            ]
            .prop_map(|context| StepDoc { kind: StepKindName::Checkin, context, ..StepDoc::default() }),
            (prop::option::of(line()), prop::option::of(1u16..=365)).prop_map(|(placeholder, review_after_days)| {
                StepDoc { kind: StepKindName::Commitment, placeholder, review_after_days, ..StepDoc::default() }
            }),
            (prop::collection::vec(line(), 1..5), prop::option::of(3u16..=30)).prop_map(|(lines, seconds_per_line)| {
                StepDoc { kind: StepKindName::Grounding, lines: Some(lines), seconds_per_line, ..StepDoc::default() }
            }),
        ];
        (base, kind).prop_map(|((prompt, help), step)| StepDoc { prompt, help, ..step })
    }

    /// Bands from cut points inside (0, 1).
    fn bands() -> impl Strategy<Value = Vec<Band>> {
        (prop::collection::vec(0.001f64..0.999, 0..4), line()).prop_map(|(mut cuts, words)| {
            cuts.sort_by(f64::total_cmp);
            cuts.dedup();
            let mut edges = vec![0.0];
            edges.extend(cuts);
            edges.push(1.0);
            edges.windows(2).map(|w| Band { from: w[0], to: w[1], words: words.clone() }).collect()
        })
    }

    /// A valid pack document: steps of every kind, and a score and pattern when a step has a
    /// number to add up.
    fn pack_doc() -> impl Strategy<Value = PackDoc> {
        let steps = prop::collection::vec(step(), 1..8);
        let header = (text(), line(), 1u16..=240, any::<bool>(), prop::sample::select(Theme::ALL.to_vec()));
        let rule = (0.0f64..=1.0, 1u16..20, any::<bool>(), any::<bool>(), bands());
        (steps, header, rule).prop_map(|(mut steps, (why, title, minutes, deep, theme), rule)| {
            if deep {
                steps.insert(
                    0,
                    StepDoc { kind: StepKindName::Checkin, prompt: "Settled?".into(), ..StepDoc::default() },
                );
                steps.push(StepDoc {
                    kind: StepKindName::Grounding,
                    prompt: "Close".into(),
                    lines: Some(vec!["Breathe out slowly.".into()]),
                    ..StepDoc::default()
                });
            }
            for (i, step) in steps.iter_mut().enumerate() {
                step.id = format!("s{i}");
            }
            let items: Vec<String> = steps
                .iter()
                .filter_map(|s| match s.kind {
                    StepKindName::Scale | StepKindName::Checklist => Some(s.id.clone()),
                    StepKindName::Checkin => Some(format!("{}.tense", s.id)),
                    _ => None,
                })
                .collect();
            let (threshold, of_last, by_person, reverse_first, bands) = rule;
            let (scores, patterns) = if items.is_empty() {
                (vec![], vec![])
            } else {
                let reversed = if reverse_first { vec![items[0].clone()] } else { vec![] };
                let score = ScoreDoc { id: "total".into(), label: "Total".into(), items, reversed, bands };
                let message = if by_person { "{count} of {of} with {person}" } else { "{count} of {of}" };
                let pattern = PatternDoc {
                    id: "rule".into(),
                    score: "total".into(),
                    when: if reverse_first { Direction::Below } else { Direction::Above },
                    threshold,
                    in_at_least: of_last.div_ceil(2),
                    of_last,
                    by_person,
                    message: message.into(),
                };
                (vec![score], vec![pattern])
            };
            PackDoc {
                id: "generated".into(),
                version: "1.0".into(),
                title,
                language: "en".into(),
                theme,
                why,
                minutes,
                depth: if deep { Depth::Deep } else { Depth::Light },
                roles: if deep { vec![] } else { vec![Role::Person] },
                author: (!deep).then(|| "A facilitator".to_owned()),
                organisation: None,
                aftercare: (!deep).then(|| "Ana at the centre, +55 11 0000 0000".to_owned()),
                not_alone: deep.then(|| "Not while someone is hurting you; call a person you trust.".to_owned()),
                steps,
                scores,
                patterns,
            }
        })
    }

    proptest! {
        /// Any valid pack printed as TOML reads back as the same pack.
        #[test]
        fn a_pack_round_trips_through_toml(doc in pack_doc()) {
            let text = toml::to_string(&doc).unwrap();
            let pack = Pack::from_toml("generated.toml", &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let printed = pack.to_toml().unwrap();
            let again = Pack::from_toml("printed.toml", &printed).map_err(|e| TestCaseError::fail(format!("{e}\n{printed}")))?;
            prop_assert_eq!(again, pack);
        }
    }

    #[test]
    fn a_pack_serializes_to_json_in_its_file_shape() {
        let text = include_str!("../../exercises/gratitude.toml");
        let pack = Pack::from_toml("gratitude.toml", text).unwrap();
        let json = serde_json::to_value(&pack).unwrap();
        assert_eq!(json["steps"][3]["kind"], "single");
        assert_eq!(json["steps"][3]["options"][0]["id"], "today");
        assert_eq!(json["scores"][0]["items"][0], "connected");
    }
}
