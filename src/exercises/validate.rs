//! Every check a pack passes before it becomes a [`Pack`], each failure naming its place.
//!
//! Runs once per file, on the raw [`PackDoc`] serde produced, with the spanned tree at hand to
//! turn a field path into a line. The first problem found is returned; checks run in file
//! order (header, steps, scores, patterns) so that is usually the first problem in the file.

use std::collections::HashMap;

use super::checkin::Dimension;
use super::de::{Doc, Path};
use super::doc::{Band, Choice, Depth, PackDoc, PatternDoc, ScoreDoc, StepDoc, StepKindName};
use super::error::{Location, PackError};
use super::ids::{PackId, ScoreId, StepId, id_problem};
use super::pack::{ItemRef, Leaf, LeafSource, Pack, PatternRule, Recall, Scale, Score, Step, StepKind};

/// A grounding step stays under two minutes, lines times seconds per line.
pub(crate) const GROUNDING_MAX_SECONDS: u32 = 120;
const DEFAULT_SECONDS_PER_LINE: u16 = 10;
const DEFAULT_REVIEW_AFTER_DAYS: u16 = 7;
/// A learn step explains in a few sentences, not a page.
pub(crate) const LEARN_MAX_CHARS: usize = 700;
/// Who wrote a pack, and for whom, fit on a line.
const NAME_MAX_CHARS: usize = 120;
/// An aftercare contact is a name and a way to reach them.
const AFTERCARE_MAX_CHARS: usize = 300;
/// A scale has at most this many steps between its ends.
const MAX_SCALE_SPAN: i64 = 100;

struct Check<'a> {
    file: &'a str,
    doc: &'a Doc<'a>,
}

pub(crate) fn pack(file: &str, doc: &Doc<'_>, raw: PackDoc) -> Result<Pack, PackError> {
    Check { file, doc }.pack(raw)
}

impl Check<'_> {
    fn at(&self, path: &Path) -> Location {
        let (line, column) = self.doc.line_col(self.doc.span_of(path).start);
        Location { file: self.file.to_owned(), line, column, field: path.to_string() }
    }

    fn line_of(&self, path: &Path) -> usize {
        self.at(path).line
    }

    fn pack(&self, raw: PackDoc) -> Result<Pack, PackError> {
        let root = Path::root();
        let id: PackId = self.id(&root.key("id"), &raw.id)?;
        if !is_version(&raw.version) {
            let reason = "write digits and dots, e.g. \"1.0\"";
            return Err(PackError::BadFormat { at: self.at(&root.key("version")), value: raw.version, reason });
        }
        self.one_line(&root.key("title"), &raw.title)?;
        if !is_language(&raw.language) {
            let reason = "write a short language tag, e.g. \"en\" or \"pt-BR\"";
            return Err(PackError::BadFormat { at: self.at(&root.key("language")), value: raw.language, reason });
        }
        self.text(&root.key("why"), &raw.why)?;
        if !(1..=240).contains(&raw.minutes) {
            let at = self.at(&root.key("minutes"));
            return Err(PackError::OutOfRange { at, value: raw.minutes.to_string(), allowed: "1 to 240 minutes" });
        }

        let steps_path = root.key("steps");
        if raw.steps.is_empty() {
            return Err(PackError::TooFew { at: self.at(&steps_path), at_least: 1, found: 0 });
        }
        let mut seen = HashMap::new();
        let mut steps = Vec::with_capacity(raw.steps.len());
        for (i, step) in raw.steps.into_iter().enumerate() {
            let path = steps_path.index(i);
            self.unique(&mut seen, "step", &step.id, &path.key("id"))?;
            steps.push(self.step(&path, step)?);
        }
        if raw.depth == Depth::Deep {
            self.deep_shape(&steps_path, &steps)?;
        }
        for (field, value, max) in [
            ("author", &raw.author, NAME_MAX_CHARS),
            ("organisation", &raw.organisation, NAME_MAX_CHARS),
            ("aftercare", &raw.aftercare, AFTERCARE_MAX_CHARS),
            ("not_alone", &raw.not_alone, LEARN_MAX_CHARS),
        ] {
            if let Some(text) = value {
                self.bounded_text(&root.key(field), text, max)?;
            }
        }
        if raw.depth == Depth::Deep && raw.not_alone.is_none() {
            return Err(PackError::DeepPackWithoutNotAlone { at: self.at(&root.key("depth")) });
        }

        let mut seen = HashMap::new();
        let mut scores = Vec::with_capacity(raw.scores.len());
        for (i, score) in raw.scores.into_iter().enumerate() {
            let path = root.key("scores").index(i);
            self.unique(&mut seen, "score", &score.id, &path.key("id"))?;
            scores.push(self.score(&path, score, &steps)?);
        }

        let mut seen = HashMap::new();
        let mut patterns = Vec::with_capacity(raw.patterns.len());
        for (i, pattern) in raw.patterns.into_iter().enumerate() {
            let path = root.key("patterns").index(i);
            self.unique(&mut seen, "pattern", &pattern.id, &path.key("id"))?;
            patterns.push(self.pattern(&path, pattern, &scores)?);
        }

        Ok(Pack {
            id,
            version: raw.version,
            title: raw.title,
            language: raw.language,
            theme: raw.theme,
            why: raw.why,
            minutes: raw.minutes,
            depth: raw.depth,
            roles: raw.roles,
            author: raw.author,
            organisation: raw.organisation,
            aftercare: raw.aftercare,
            not_alone: raw.not_alone,
            steps,
            scores,
            patterns,
        })
    }

    fn step(&self, path: &Path, raw: StepDoc) -> Result<Step, PackError> {
        let id: StepId = self.id(&path.key("id"), &raw.id)?;
        self.text(&path.key("prompt"), &raw.prompt)?;
        if let Some(help) = &raw.help {
            self.one_line(&path.key("help"), help)?;
        }
        let (required, optional) = raw.kind.fields();
        for field in raw.present_fields() {
            if !required.contains(&field) && !optional.contains(&field) {
                return Err(PackError::FieldNotForKind { at: self.at(&path.key(field)), kind: raw.kind.as_str() });
            }
        }
        let missing = |field: &str| PackError::MissingField { at: self.at(&path.key(field)) };
        if let Some(field) = required.iter().find(|f| !raw.present_fields().contains(f)) {
            return Err(missing(field));
        }
        let kind = match raw.kind {
            StepKindName::Text => StepKind::Text { placeholder: self.placeholder(path, raw.placeholder)? },
            StepKindName::Single => StepKind::Single { options: self.choices(path, "options", raw.options, 2)? },
            StepKindName::Multiple => StepKind::Multiple { options: self.choices(path, "options", raw.options, 2)? },
            StepKindName::Scale => StepKind::Scale(self.scale(path, &raw)?),
            StepKindName::Checklist => StepKind::Checklist { items: self.choices(path, "items", raw.items, 1)? },
            StepKindName::Person => StepKind::Person,
            StepKindName::Checkin => StepKind::CheckIn { context: raw.context.unwrap_or_default() },
            StepKindName::Commitment => {
                let review_after_days = raw.review_after_days.unwrap_or(DEFAULT_REVIEW_AFTER_DAYS);
                if !(1..=365).contains(&review_after_days) {
                    let at = self.at(&path.key("review_after_days"));
                    return Err(PackError::OutOfRange {
                        at,
                        value: review_after_days.to_string(),
                        allowed: "1 to 365 days",
                    });
                }
                StepKind::Commitment { placeholder: self.placeholder(path, raw.placeholder)?, review_after_days }
            }
            StepKindName::Grounding => {
                let lines = raw.lines.ok_or_else(|| missing("lines"))?;
                self.grounding(path, lines, raw.seconds_per_line)?
            }
            StepKindName::Learn => {
                let text = raw.text.ok_or_else(|| missing("text"))?;
                self.bounded_text(&path.key("text"), &text, LEARN_MAX_CHARS)?;
                StepKind::Learn { text }
            }
        };
        let recall = match &raw.recall {
            Some(reference) => {
                let at = path.key("recall");
                let (pack, step) = reference.split_once('.').ok_or_else(|| PackError::BadFormat {
                    at: self.at(&at),
                    value: reference.clone(),
                    reason: "write the pack id and the step id with a dot, e.g. \"integration-plan.intention\"",
                })?;
                let after_days = raw.recall_after_days.unwrap_or(0);
                if after_days > 365 {
                    let at = self.at(&path.key("recall_after_days"));
                    return Err(PackError::OutOfRange { at, value: after_days.to_string(), allowed: "0 to 365 days" });
                }
                Some(Recall { pack: self.id(&at, pack)?, step: self.id(&at, step)?, after_days })
            }
            None if raw.recall_after_days.is_some() => {
                return Err(PackError::MissingField { at: self.at(&path.key("recall")) });
            }
            None => None,
        };
        Ok(Step {
            id,
            prompt: raw.prompt,
            help: raw.help,
            offer_grounding: raw.offer_grounding.unwrap_or(false),
            recall,
            kind,
        })
    }

    /// Non-blank text of at most `max` characters.
    fn bounded_text(&self, path: &Path, text: &str, max: usize) -> Result<(), PackError> {
        self.text(path, text)?;
        let chars = text.chars().count();
        if chars > max {
            return Err(PackError::TooLong { at: self.at(path), chars, max });
        }
        Ok(())
    }

    fn placeholder(&self, path: &Path, placeholder: Option<String>) -> Result<Option<String>, PackError> {
        if let Some(text) = &placeholder {
            self.one_line(&path.key("placeholder"), text)?;
        }
        Ok(placeholder)
    }

    fn choices(
        &self,
        path: &Path,
        field: &str,
        raw: Option<Vec<Choice>>,
        at_least: usize,
    ) -> Result<Vec<Choice>, PackError> {
        let list_path = path.key(field);
        let choices = raw.unwrap_or_default();
        if choices.len() < at_least {
            return Err(PackError::TooFew { at: self.at(&list_path), at_least, found: choices.len() });
        }
        let what = if field == "items" { "item" } else { "option" };
        let mut seen = HashMap::new();
        for (i, choice) in choices.iter().enumerate() {
            let path = list_path.index(i);
            self.id::<StepId>(&path.key("id"), &choice.id)?;
            self.unique(&mut seen, what, &choice.id, &path.key("id"))?;
            self.one_line(&path.key("label"), &choice.label)?;
        }
        Ok(choices)
    }

    fn scale(&self, path: &Path, raw: &StepDoc) -> Result<Scale, PackError> {
        let (Some(min), Some(max), Some(min_label), Some(max_label)) =
            (raw.min, raw.max, &raw.min_label, &raw.max_label)
        else {
            // `step` checked the required fields already; this only keeps the compiler honest.
            return Err(PackError::MissingField { at: self.at(&path.key("min")) });
        };
        if min >= max {
            return Err(PackError::ScaleRange { at: self.at(&path.key("min")), min, max });
        }
        if i64::from(max) - i64::from(min) > MAX_SCALE_SPAN {
            let at = self.at(&path.key("max"));
            return Err(PackError::OutOfRange { at, value: max.to_string(), allowed: "at most 100 above min" });
        }
        self.one_line(&path.key("min_label"), min_label)?;
        self.one_line(&path.key("max_label"), max_label)?;
        let labels = raw.labels.clone().unwrap_or_default();
        let expected = (i64::from(max) - i64::from(min) + 1) as usize;
        if !labels.is_empty() && labels.len() != expected {
            let at = self.at(&path.key("labels"));
            return Err(PackError::ScaleLabels { at, min, max, expected, found: labels.len() });
        }
        for (i, label) in labels.iter().enumerate() {
            self.one_line(&path.key("labels").index(i), label)?;
        }
        Ok(Scale { min, max, min_label: min_label.clone(), max_label: max_label.clone(), labels })
    }

    fn grounding(&self, path: &Path, lines: Vec<String>, seconds: Option<u16>) -> Result<StepKind, PackError> {
        if lines.is_empty() {
            return Err(PackError::TooFew { at: self.at(&path.key("lines")), at_least: 1, found: 0 });
        }
        for (i, line) in lines.iter().enumerate() {
            self.one_line(&path.key("lines").index(i), line)?;
        }
        let seconds_per_line = seconds.unwrap_or(DEFAULT_SECONDS_PER_LINE);
        if !(3..=30).contains(&seconds_per_line) {
            let at = self.at(&path.key("seconds_per_line"));
            return Err(PackError::OutOfRange { at, value: seconds_per_line.to_string(), allowed: "3 to 30 seconds" });
        }
        let total = u32::from(seconds_per_line).saturating_mul(u32::try_from(lines.len()).unwrap_or(u32::MAX));
        if total > GROUNDING_MAX_SECONDS {
            return Err(PackError::GroundingTooLong { at: self.at(&path.key("lines")), seconds: total });
        }
        Ok(StepKind::Grounding { lines, seconds_per_line })
    }

    fn deep_shape(&self, steps_path: &Path, steps: &[Step]) -> Result<(), PackError> {
        if !matches!(steps.first().map(|s| &s.kind), Some(StepKind::CheckIn { .. })) {
            return Err(PackError::DeepPackWithoutSettleCheck { at: self.at(&steps_path.index(0).key("kind")) });
        }
        let last = steps.len().saturating_sub(1);
        if !matches!(steps.last().map(|s| &s.kind), Some(StepKind::Grounding { .. })) {
            return Err(PackError::DeepPackWithoutClose { at: self.at(&steps_path.index(last).key("kind")) });
        }
        Ok(())
    }

    fn score(&self, path: &Path, raw: ScoreDoc, steps: &[Step]) -> Result<Score, PackError> {
        let id: ScoreId = self.id(&path.key("id"), &raw.id)?;
        self.one_line(&path.key("label"), &raw.label)?;
        if raw.items.is_empty() {
            return Err(PackError::TooFew { at: self.at(&path.key("items")), at_least: 1, found: 0 });
        }
        let mut items = Vec::with_capacity(raw.items.len());
        let mut leaves: Vec<Leaf> = Vec::new();
        for (i, text) in raw.items.iter().enumerate() {
            let at = path.key("items").index(i);
            let (reference, expanded) = self.resolve(&at, text, steps)?;
            for leaf in expanded {
                if leaves.iter().any(|l| l.step == leaf.step && l.source == leaf.source) {
                    return Err(PackError::DuplicateReference { at: self.at(&at), reference: text.clone() });
                }
                leaves.push(leaf);
            }
            items.push(reference);
        }
        let mut reversed = Vec::with_capacity(raw.reversed.len());
        for (i, text) in raw.reversed.iter().enumerate() {
            let at = path.key("reversed").index(i);
            let (reference, expanded) = self.resolve(&at, text, steps)?;
            if reversed.contains(&reference) {
                return Err(PackError::DuplicateReference { at: self.at(&at), reference: text.clone() });
            }
            for leaf in expanded {
                let Some(target) = leaves.iter_mut().find(|l| l.step == leaf.step && l.source == leaf.source) else {
                    return Err(PackError::ReversedNotInItems { at: self.at(&at), reference: text.clone() });
                };
                target.reversed = true;
            }
            reversed.push(reference);
        }
        let bands = self.bands(&path.key("bands"), raw.bands)?;
        Ok(Score { id, label: raw.label, items, reversed, bands, leaves })
    }

    /// Reads `step` or `step.item` and expands it to the values it stands for.
    fn resolve(&self, at: &Path, text: &str, steps: &[Step]) -> Result<(ItemRef, Vec<Leaf>), PackError> {
        let (step_text, item) = match text.split_once('.') {
            Some((step, item)) => (step, Some(item)),
            None => (text, None),
        };
        let bad = |reason| PackError::BadFormat { at: self.at(at), value: text.to_owned(), reason };
        let step_id = StepId::try_from(step_text).map_err(|e| bad(e.reason))?;
        if let Some(problem) = item.and_then(id_problem) {
            return Err(bad(problem));
        }
        let missing = |what| PackError::MissingItem { at: self.at(at), reference: text.to_owned(), what };
        let not_scorable = |reason| PackError::NotScorable { at: self.at(at), reference: text.to_owned(), reason };
        let step = steps.iter().find(|s| s.id == step_id).ok_or_else(|| missing("step"))?;
        let leaf = |source| Leaf { step: step_id.clone(), source, reversed: false };
        let leaves = match (&step.kind, item) {
            (StepKind::Scale(scale), None) => vec![leaf(LeafSource::Scale { min: scale.min, max: scale.max })],
            (StepKind::Scale(_), Some(_)) => {
                return Err(not_scorable("a scale step has no items; name the step alone"));
            }
            (StepKind::Checklist { items }, None) => {
                items.iter().map(|i| leaf(LeafSource::ChecklistItem(i.id.clone()))).collect()
            }
            (StepKind::Checklist { items }, Some(item)) => {
                if !items.iter().any(|i| i.id == item) {
                    return Err(missing("checklist item"));
                }
                vec![leaf(LeafSource::ChecklistItem(item.to_owned()))]
            }
            (StepKind::CheckIn { .. }, Some(item)) => {
                let dimension = Dimension::parse(item).ok_or_else(|| missing("check-in dimension"))?;
                vec![leaf(LeafSource::CheckIn(dimension))]
            }
            (StepKind::CheckIn { .. }, None) => {
                return Err(not_scorable("name the check-in dimensions, e.g. \"step.tense\""));
            }
            _ => return Err(not_scorable("only scale, checklist and checkin steps have numbers")),
        };
        Ok((ItemRef { step: step_id, item: item.map(str::to_owned) }, leaves))
    }

    fn bands(&self, path: &Path, bands: Vec<Band>) -> Result<Vec<Band>, PackError> {
        if bands.is_empty() {
            return Err(PackError::TooFew { at: self.at(path), at_least: 1, found: 0 });
        }
        let mut expected = 0.0;
        for (i, band) in bands.iter().enumerate() {
            let at = path.index(i);
            // Exact comparison is intended: the same decimal in the file gives the same f64.
            if band.from != expected {
                return Err(PackError::BandGap { at: self.at(&at.key("from")), expected, found: band.from });
            }
            if band.to.is_nan() || band.to <= band.from {
                return Err(PackError::EmptyBand { at: self.at(&at.key("to")), from: band.from, to: band.to });
            }
            self.one_line(&at.key("words"), &band.words)?;
            expected = band.to;
        }
        if expected != 1.0 {
            let at = path.index(bands.len() - 1).key("to");
            return Err(PackError::BandGap { at: self.at(&at), expected: 1.0, found: expected });
        }
        Ok(bands)
    }

    fn pattern(&self, path: &Path, raw: PatternDoc, scores: &[Score]) -> Result<PatternRule, PackError> {
        self.id::<ScoreId>(&path.key("id"), &raw.id)?;
        let score = scores
            .iter()
            .find(|s| s.id == raw.score.as_str())
            .map(|s| s.id.clone())
            .ok_or_else(|| PackError::UnknownScore { at: self.at(&path.key("score")), score: raw.score.clone() })?;
        if !(0.0..=1.0).contains(&raw.threshold) {
            let at = self.at(&path.key("threshold"));
            return Err(PackError::OutOfRange {
                at,
                value: raw.threshold.to_string(),
                allowed: "a fraction from 0 to 1",
            });
        }
        if !(1..=100).contains(&raw.of_last) {
            let at = self.at(&path.key("of_last"));
            return Err(PackError::OutOfRange { at, value: raw.of_last.to_string(), allowed: "1 to 100 sessions" });
        }
        if raw.in_at_least == 0 {
            let at = self.at(&path.key("in_at_least"));
            return Err(PackError::OutOfRange { at, value: "0".to_owned(), allowed: "1 or more sessions" });
        }
        if raw.in_at_least > raw.of_last {
            let at = self.at(&path.key("in_at_least"));
            return Err(PackError::MoreThanOfLast { at, in_at_least: raw.in_at_least, of_last: raw.of_last });
        }
        self.text(&path.key("message"), &raw.message)?;
        for placeholder in placeholders(&raw.message) {
            let reason = match placeholder {
                Ok("count" | "of") => continue,
                Ok("person") if raw.by_person => continue,
                Ok("person") => "{person} needs by_person = true",
                Ok(_) => "use {count}, {of} or {person}",
                Err(_) => "a { without its }",
            };
            let placeholder = placeholder.unwrap_or_else(|rest| rest).to_owned();
            return Err(PackError::BadPlaceholder { at: self.at(&path.key("message")), placeholder, reason });
        }
        Ok(PatternRule {
            id: raw.id,
            score,
            when: raw.when,
            threshold: raw.threshold,
            in_at_least: raw.in_at_least,
            of_last: raw.of_last,
            by_person: raw.by_person,
            message: raw.message,
        })
    }

    fn id<T: TryFrom<String, Error = super::ids::BadId>>(&self, path: &Path, text: &str) -> Result<T, PackError> {
        T::try_from(text.to_owned()).map_err(|e| PackError::BadFormat {
            at: self.at(path),
            value: text.to_owned(),
            reason: e.reason,
        })
    }

    fn unique(
        &self,
        seen: &mut HashMap<String, Path>,
        what: &'static str,
        id: &str,
        path: &Path,
    ) -> Result<(), PackError> {
        if let Some(first) = seen.get(id) {
            let first_line = self.line_of(first);
            return Err(PackError::DuplicateId { at: self.at(path), what, id: id.to_owned(), first_line });
        }
        seen.insert(id.to_owned(), path.clone());
        Ok(())
    }

    fn text(&self, path: &Path, text: &str) -> Result<(), PackError> {
        if text.trim().is_empty() {
            return Err(PackError::Empty { at: self.at(path) });
        }
        Ok(())
    }

    fn one_line(&self, path: &Path, text: &str) -> Result<(), PackError> {
        self.text(path, text)?;
        if text.trim().contains('\n') {
            return Err(PackError::NotOneLine { at: self.at(path) });
        }
        Ok(())
    }
}

/// The `{name}` placeholders of a message template; `Err(rest)` for a `{` never closed.
pub(crate) fn placeholders(message: &str) -> Vec<Result<&str, &str>> {
    let mut found = Vec::new();
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                found.push(Ok(&after[..close]));
                rest = &after[close + 1..];
            }
            None => {
                found.push(Err(after));
                break;
            }
        }
    }
    found
}

pub(crate) fn is_version(text: &str) -> bool {
    !text.is_empty() && text.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

pub(crate) fn is_language(text: &str) -> bool {
    let mut parts = text.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("1.0", true)]
    #[case("2", true)]
    #[case("1.10.3", true)]
    #[case("", false)]
    #[case("1.", false)]
    #[case("v1", false)]
    fn versions_are_digits_and_dots(#[case] text: &str, #[case] ok: bool) {
        assert_eq!(is_version(text), ok, "{text:?}");
    }

    #[rstest]
    #[case("en", true)]
    #[case("pt-BR", true)]
    #[case("deu", true)]
    #[case("EN", false)]
    #[case("e", false)]
    #[case("en_GB", false)]
    fn languages_are_short_tags(#[case] text: &str, #[case] ok: bool) {
        assert_eq!(is_language(text), ok, "{text:?}");
    }

    #[test]
    fn placeholders_are_found_and_unclosed_braces_reported() {
        assert_eq!(placeholders("In {count} of {of} with {person}."), vec![Ok("count"), Ok("of"), Ok("person")]);
        assert_eq!(placeholders("no braces"), Vec::<Result<&str, &str>>::new());
        assert_eq!(placeholders("open {count"), vec![Err("count")]);
    }
}

#[cfg(test)]
mod kind_table_tests {
    use super::*;

    fn header() -> String {
        "id = \"t\"\nversion = \"1\"\ntitle = \"T\"\nlanguage = \"en\"\ntheme = \"patterns\"\nwhy = \"W\"\n\
         minutes = 1\ndepth = \"light\"\n\n[[steps]]\nid = \"s\"\nprompt = \"P\"\n"
            .to_owned()
    }

    fn value_for(field: &str) -> &'static str {
        match field {
            "options" => "[{ id = \"a\", label = \"A\" }, { id = \"b\", label = \"B\" }]",
            "items" => "[{ id = \"a\", label = \"A\" }]",
            "lines" => "[\"Breathe.\"]",
            "labels" => "[\"zero\", \"one\"]",
            "min" => "0",
            "max" => "1",
            "context" => "\"after-contact\"",
            "review_after_days" | "seconds_per_line" => "10",
            _ => "\"words\"",
        }
    }

    /// The table in `StepKindName::fields` and the conversion agree: a step with exactly the
    /// required fields is valid, one with all allowed fields is too, and each required field
    /// left out is reported as missing.
    #[test]
    fn the_kind_field_table_matches_the_conversion() {
        for kind in StepKindName::ALL {
            let (required, optional) = kind.fields();
            let with = |fields: &[&str]| {
                let mut text = header() + &format!("kind = \"{}\"\n", kind.as_str());
                for field in fields {
                    text += &format!("{field} = {}\n", value_for(field));
                }
                Pack::from_toml("t.toml", &text)
            };
            with(required).unwrap_or_else(|e| panic!("{}: {e}", kind.as_str()));
            let all: Vec<&str> = required.iter().chain(optional).copied().collect();
            with(&all).unwrap_or_else(|e| panic!("{} with every field: {e}", kind.as_str()));
            for left_out in required {
                let fields: Vec<&str> = required.iter().filter(|f| *f != left_out).copied().collect();
                let err = with(&fields).unwrap_err();
                assert!(matches!(err, PackError::MissingField { .. }), "{}: {err}", kind.as_str());
                assert_eq!(err.location().field, format!("steps[0].{left_out}"));
            }
        }
    }
}
