//! A pack in another language: a file that holds only the words of a pack, keyed by the pack's
//! own ids, and the check that it says exactly what the pack it translates says, no more and no
//! less.
//!
//! A translation shares its pack's id and every step, item, option, score and pattern id, so a
//! person's history, scores, drafts, patterns and plan stay one series whatever language they
//! answered in. It carries no kinds, numbers, scoring or pattern rules: those are defined once,
//! in the pack, and a translation cannot change them. Its format:
//!
//! ```toml
//! translates = "boundaries"   # the pack's id
//! version = "1.1"             # the pack version it translates
//! language = "pt-BR"
//! title = "…"
//! why = "…"
//! [[steps]]                   # every step of the pack, in the same order
//! id = "time"
//! prompt = "…"
//! items = [{ id = "own-plans", label = "…" }]   # same ids, same order
//! [[scores]]
//! id = "time"
//! label = "…"
//! bands = ["…", "…"]          # the words of each band, in the pack's order
//! [[patterns]]
//! id = "…"
//! message = "…"               # the same {placeholders} as the pack's message
//! ```
//!
//! Every difference from the pack is a [`PackError::TranslationDiffers`] naming the
//! translation's file, line, field and the id concerned.

use serde::{Deserialize, Serialize};

use super::de::{Doc, Path};
use super::doc::Choice;
use super::error::{Location, PackError};
use super::pack::{Pack, Scale, Step, StepKind, shape_error};
use super::validate::{LEARN_MAX_CHARS, is_language, is_version, placeholders};

/// A translation file exactly as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationDoc {
    /// The id of the pack this translates.
    pub translates: String,
    /// The version of the pack this translates; a translation of another version is refused.
    pub version: String,
    /// The language of this text, a short tag like "pt-BR" or "es".
    pub language: String,
    pub title: String,
    pub why: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aftercare: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_alone: Option<String>,
    pub steps: Vec<StepText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<ScoreText>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patterns: Vec<PatternText>,
}

/// The words of one step. Which fields it has follows the pack's step exactly.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepText {
    pub id: String,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<Choice>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<Choice>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The words of one score: its label and each band's words, in the pack's order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreText {
    pub id: String,
    pub label: String,
    pub bands: Vec<String>,
}

/// The message of one pattern rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternText {
    pub id: String,
    pub message: String,
}

/// A translation file read but not yet checked against its pack: which pack and language it is
/// for, so a catalogue can find the pack.
#[derive(Debug)]
pub struct Translation {
    file: String,
    text: String,
    doc: TranslationDoc,
}

impl Translation {
    /// Reads a translation file. `file` only names the file in errors.
    ///
    /// # Errors
    /// A [`PackError`] for TOML syntax, an unknown or missing field, or a field of the wrong type.
    pub fn from_toml(file: &str, text: &str) -> Result<Translation, PackError> {
        let doc = parse(file, text)?;
        let raw: TranslationDoc = doc.deserialize().map_err(|e| shape_error(file, &doc, e))?;
        Ok(Translation { file: file.to_owned(), text: text.to_owned(), doc: raw })
    }

    /// Whether a file's text is a translation rather than a pack: it names the pack it
    /// `translates` at its top level. Text that is not TOML is not a translation (reading it as
    /// a pack then says where the syntax fails).
    pub fn is_translation(text: &str) -> bool {
        toml::from_str::<toml::Table>(text).is_ok_and(|table| table.contains_key("translates"))
    }

    /// The id of the pack it translates.
    pub fn translates(&self) -> &str {
        &self.doc.translates
    }

    pub fn language(&self) -> &str {
        &self.doc.language
    }

    pub fn version(&self) -> &str {
        &self.doc.version
    }

    /// The TOML text as read.
    pub fn source(&self) -> &str {
        &self.text
    }

    /// `pack` in this translation's words, after checking that the translation has exactly
    /// the pack's structure.
    ///
    /// # Errors
    /// [`PackError::TranslationDiffers`] at the first difference (in file order), or the text
    /// checks a pack's own words pass (empty, one line, length).
    pub fn apply(&self, pack: &Pack) -> Result<Pack, PackError> {
        let doc = parse(&self.file, &self.text)?;
        Apply { file: &self.file, doc: &doc, pack }.run(&self.doc)
    }
}

fn parse<'t>(file: &str, text: &'t str) -> Result<Doc<'t>, PackError> {
    Doc::parse(text).map_err(|e| {
        let (line, column) = super::de::line_col(text, e.span().map_or(0, |s| s.start));
        let detail = e.message().trim().to_owned();
        PackError::Syntax { at: Location { file: file.to_owned(), line, column, field: String::new() }, detail }
    })
}

struct Apply<'a> {
    file: &'a str,
    doc: &'a Doc<'a>,
    pack: &'a Pack,
}

impl Apply<'_> {
    fn at(&self, path: &Path) -> Location {
        let (line, column) = self.doc.line_col(self.doc.span_of(path).start);
        Location { file: self.file.to_owned(), line, column, field: path.to_string() }
    }

    fn differs(&self, path: &Path, id: &str, detail: String) -> PackError {
        PackError::TranslationDiffers { at: self.at(path), id: id.to_owned(), detail }
    }

    fn text(&self, path: &Path, text: &str) -> Result<String, PackError> {
        if text.trim().is_empty() {
            return Err(PackError::Empty { at: self.at(path) });
        }
        Ok(text.to_owned())
    }

    fn one_line(&self, path: &Path, text: &str) -> Result<String, PackError> {
        let text = self.text(path, text)?;
        if text.trim().contains('\n') {
            return Err(PackError::NotOneLine { at: self.at(path) });
        }
        Ok(text)
    }

    fn at_most(&self, path: &Path, text: &str, max: usize) -> Result<String, PackError> {
        let text = self.text(path, text)?;
        let chars = text.chars().count();
        if chars > max {
            return Err(PackError::TooLong { at: self.at(path), chars, max });
        }
        Ok(text)
    }

    /// A text the pack has exactly when the translation has it.
    fn optional(
        &self,
        path: &Path,
        id: &str,
        ours: Option<&str>,
        theirs: Option<&String>,
    ) -> Result<Option<String>, PackError> {
        match (ours, theirs) {
            (Some(_), Some(text)) => Ok(Some(self.text(path, text)?)),
            (None, None) => Ok(None),
            (Some(_), None) => Err(self.differs(
                &path.parent(),
                id,
                format!("the pack has `{}` here and the translation leaves it out", last(path)),
            )),
            (None, Some(_)) => Err(self.differs(path, id, "the pack has no such text to translate".to_owned())),
        }
    }

    fn run(&self, raw: &TranslationDoc) -> Result<Pack, PackError> {
        let root = Path::root();
        let id = self.pack.id().as_str();
        if raw.translates != id {
            let detail = format!("translates \"{}\", not this pack", raw.translates);
            return Err(self.differs(&root.key("translates"), id, detail));
        }
        if !is_version(&raw.version) {
            let reason = "write digits and dots, e.g. \"1.0\"";
            return Err(PackError::BadFormat { at: self.at(&root.key("version")), value: raw.version.clone(), reason });
        }
        if raw.version != self.pack.version() {
            let detail =
                format!("translates version {}, and the pack is at version {}", raw.version, self.pack.version());
            return Err(self.differs(&root.key("version"), id, detail));
        }
        if !is_language(&raw.language) {
            let reason = "write a short language tag, e.g. \"en\" or \"pt-BR\"";
            return Err(PackError::BadFormat {
                at: self.at(&root.key("language")),
                value: raw.language.clone(),
                reason,
            });
        }
        if raw.language == self.pack.language() {
            let detail = format!("is in {}, the pack's own language", raw.language);
            return Err(self.differs(&root.key("language"), id, detail));
        }
        let mut pack = self.pack.clone();
        pack.language = raw.language.clone();
        pack.title = self.one_line(&root.key("title"), &raw.title)?;
        pack.why = self.text(&root.key("why"), &raw.why)?;
        pack.aftercare = self.optional(&root.key("aftercare"), id, self.pack.aftercare(), raw.aftercare.as_ref())?;
        pack.not_alone = self.optional(&root.key("not_alone"), id, self.pack.not_alone(), raw.not_alone.as_ref())?;
        self.same_ids(&root.key("steps"), "step", self.pack.steps().iter().map(|s| s.id.as_str()), &raw.steps, |s| {
            &s.id
        })?;
        for (index, (step, text)) in pack.steps.iter_mut().zip(&raw.steps).enumerate() {
            self.step(&root.key("steps").index(index), step, text)?;
        }
        let score_ids = self.pack.scores().iter().map(|s| s.id.as_str());
        self.same_ids(&root.key("scores"), "score", score_ids, &raw.scores, |s| &s.id)?;
        for (index, (score, text)) in pack.scores.iter_mut().zip(&raw.scores).enumerate() {
            let path = root.key("scores").index(index);
            score.label = self.one_line(&path.key("label"), &text.label)?;
            if text.bands.len() != score.bands.len() {
                let detail = format!("{} band words where the pack has {} bands", text.bands.len(), score.bands.len());
                return Err(self.differs(&path.key("bands"), score.id.as_str(), detail));
            }
            for (band_index, (band, words)) in score.bands.iter_mut().zip(&text.bands).enumerate() {
                band.words = self.one_line(&path.key("bands").index(band_index), words)?;
            }
        }
        let pattern_ids = self.pack.patterns().iter().map(|p| p.id.as_str());
        self.same_ids(&root.key("patterns"), "pattern", pattern_ids, &raw.patterns, |p| &p.id)?;
        for (index, (rule, text)) in pack.patterns.iter_mut().zip(&raw.patterns).enumerate() {
            let path = root.key("patterns").index(index).key("message");
            let message = self.text(&path, &text.message)?;
            let mut ours: Vec<_> = placeholders(&rule.message).into_iter().collect();
            let mut theirs: Vec<_> = placeholders(&message).into_iter().collect();
            ours.sort_unstable();
            theirs.sort_unstable();
            ours.dedup();
            theirs.dedup();
            if ours != theirs {
                let name = |p: &[Result<&str, &str>]| {
                    p.iter().map(|r| format!("{{{}}}", r.unwrap_or("…"))).collect::<Vec<_>>().join(" ")
                };
                let detail = format!("uses {} where the pack's message uses {}", name(&theirs), name(&ours));
                return Err(self.differs(&path, &rule.id, detail));
            }
            rule.message = message;
        }
        Ok(pack)
    }

    /// The translation lists exactly `ours`, in the same order.
    fn same_ids<'i, T>(
        &self,
        path: &Path,
        what: &str,
        ours: impl Iterator<Item = &'i str>,
        theirs: &[T],
        id_of: impl Fn(&T) -> &String,
    ) -> Result<(), PackError> {
        let ours: Vec<&str> = ours.collect();
        for (index, (our, their)) in ours.iter().zip(theirs).enumerate() {
            if id_of(their) != our {
                let detail = format!("{what} \"{}\" is where the pack has {what} \"{our}\"", id_of(their));
                return Err(self.differs(&path.index(index).key("id"), our, detail));
            }
        }
        if let Some(missing) = ours.get(theirs.len()) {
            let detail = format!("the pack's {what} \"{missing}\" has no translation");
            return Err(self.differs(path, missing, detail));
        }
        if let Some(extra) = theirs.get(ours.len()) {
            let detail = format!("{what} \"{}\" is not in the pack", id_of(extra));
            return Err(self.differs(&path.index(ours.len()).key("id"), id_of(extra), detail));
        }
        Ok(())
    }

    fn choices(
        &self,
        path: &Path,
        step: &str,
        what: &str,
        ours: &mut [Choice],
        theirs: Option<&Vec<Choice>>,
    ) -> Result<(), PackError> {
        let Some(theirs) = theirs else {
            let detail = format!("the pack's step has `{}` and the translation leaves them out", last(path));
            return Err(self.differs(&path.parent(), step, detail));
        };
        self.same_ids(path, what, ours.iter().map(|c| c.id.as_str()), theirs, |c| &c.id)?;
        for (index, (choice, text)) in ours.iter_mut().zip(theirs).enumerate() {
            choice.label = self.one_line(&path.index(index).key("label"), &text.label)?;
        }
        Ok(())
    }

    fn step(&self, path: &Path, step: &mut Step, text: &StepText) -> Result<(), PackError> {
        let id = step.id.to_string();
        step.prompt = self.one_line(&path.key("prompt"), &text.prompt)?;
        step.help = self.optional(&path.key("help"), &id, step.help.as_deref(), text.help.as_ref())?;
        match &mut step.kind {
            StepKind::Text { placeholder } | StepKind::Commitment { placeholder, .. } => {
                *placeholder =
                    self.optional(&path.key("placeholder"), &id, placeholder.as_deref(), text.placeholder.as_ref())?;
            }
            StepKind::Single { options } | StepKind::Multiple { options } => {
                self.choices(&path.key("options"), &id, "option", options, text.options.as_ref())?;
            }
            StepKind::Checklist { items } => {
                self.choices(&path.key("items"), &id, "item", items, text.items.as_ref())?
            }
            StepKind::Scale(Scale { min_label, max_label, labels, .. }) => {
                *min_label = self
                    .optional(&path.key("min_label"), &id, Some(min_label.as_str()), text.min_label.as_ref())?
                    .unwrap_or_default();
                *max_label = self
                    .optional(&path.key("max_label"), &id, Some(max_label.as_str()), text.max_label.as_ref())?
                    .unwrap_or_default();
                match (labels.is_empty(), &text.labels) {
                    (true, None) => {}
                    (false, Some(theirs)) if theirs.len() == labels.len() => {
                        for (index, (label, their)) in labels.iter_mut().zip(theirs).enumerate() {
                            *label = self.one_line(&path.key("labels").index(index), their)?;
                        }
                    }
                    (ours, theirs) => {
                        let count = |n: usize| format!("{n} labels");
                        let detail = format!(
                            "{} where the pack has {}",
                            count(theirs.as_ref().map_or(0, Vec::len)),
                            count(if ours { 0 } else { labels.len() })
                        );
                        return Err(self.differs(&path.key("labels"), &id, detail));
                    }
                }
            }
            StepKind::Grounding { lines, .. } => match &text.lines {
                Some(theirs) if theirs.len() == lines.len() => {
                    for (index, (line, their)) in lines.iter_mut().zip(theirs).enumerate() {
                        *line = self.one_line(&path.key("lines").index(index), their)?;
                    }
                }
                theirs => {
                    let found = theirs.as_ref().map_or(0, Vec::len);
                    let detail = format!("{found} lines where the pack has {}", lines.len());
                    return Err(self.differs(&path.key("lines"), &id, detail));
                }
            },
            StepKind::Learn { text: ours } => {
                let Some(theirs) = &text.text else {
                    let detail = "the pack's learn step has `text` and the translation leaves it out".to_owned();
                    return Err(self.differs(path, &id, detail));
                };
                *ours = self.at_most(&path.key("text"), theirs, LEARN_MAX_CHARS)?;
            }
            StepKind::Person | StepKind::CheckIn { .. } => {}
        }
        let not_for_kind = |field: &str, present: bool| -> Result<(), PackError> {
            if present {
                let detail = format!("a {} step has no `{field}` to translate", step.kind.name());
                return Err(self.differs(&path.key(field), &id, detail));
            }
            Ok(())
        };
        let has = |field: &str| match field {
            "placeholder" => matches!(step.kind, StepKind::Text { .. } | StepKind::Commitment { .. }),
            "options" => matches!(step.kind, StepKind::Single { .. } | StepKind::Multiple { .. }),
            "items" => matches!(step.kind, StepKind::Checklist { .. }),
            "min_label" | "max_label" | "labels" => matches!(step.kind, StepKind::Scale(_)),
            "lines" => matches!(step.kind, StepKind::Grounding { .. }),
            "text" => matches!(step.kind, StepKind::Learn { .. }),
            _ => false,
        };
        let present = [
            ("placeholder", text.placeholder.is_some()),
            ("options", text.options.is_some()),
            ("items", text.items.is_some()),
            ("min_label", text.min_label.is_some()),
            ("max_label", text.max_label.is_some()),
            ("labels", text.labels.is_some()),
            ("lines", text.lines.is_some()),
            ("text", text.text.is_some()),
        ];
        for (field, is_present) in present {
            if !has(field) {
                not_for_kind(field, is_present)?;
            }
        }
        Ok(())
    }
}

fn last(path: &Path) -> String {
    path.last_key().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACK: &str = r#"
id = "tiny"
version = "1.0"
title = "Tiny"
language = "en"
theme = "boundaries"
why = "A small pack."
minutes = 2
depth = "light"

[[steps]]
id = "list"
kind = "checklist"
prompt = "Which were true?"
items = [{ id = "a", label = "A" }, { id = "b", label = "B" }]

[[steps]]
id = "note"
kind = "text"
prompt = "Anything else?"
placeholder = "A line"

[[scores]]
id = "total"
label = "Total"
items = ["list"]
bands = [{ from = 0.0, to = 0.5, words = "low" }, { from = 0.5, to = 1.0, words = "high" }]

[[patterns]]
id = "low"
score = "total"
when = "below"
threshold = 0.5
in_at_least = 2
of_last = 3
message = "Low in {count} of {of}."
"#;

    const PT: &str = r#"
translates = "tiny"
version = "1.0"
language = "pt-BR"
title = "Pequeno"
why = "Um pacote pequeno."

[[steps]]
id = "list"
prompt = "O que foi verdade?"
items = [{ id = "a", label = "Á" }, { id = "b", label = "Bê" }]

[[steps]]
id = "note"
prompt = "Algo mais?"
placeholder = "Uma linha"

[[scores]]
id = "total"
label = "Total"
bands = ["baixo", "alto"]

[[patterns]]
id = "low"
message = "Baixo em {count} de {of}."
"#;

    fn pack() -> Pack {
        Pack::from_toml("tiny.toml", PACK).unwrap()
    }

    fn apply(text: &str) -> Result<Pack, PackError> {
        Translation::from_toml("tiny.pt-BR.toml", text)?.apply(&pack())
    }

    #[test]
    fn a_translation_changes_the_words_and_nothing_else() {
        let translated = apply(PT).unwrap();
        let original = pack();
        assert_eq!(translated.language(), "pt-BR");
        assert_eq!(translated.title(), "Pequeno");
        assert_eq!(translated.steps()[1].prompt, "Algo mais?");
        let StepKind::Checklist { items } = &translated.steps()[0].kind else { panic!("checklist") };
        assert_eq!(items[0].label, "Á");
        assert_eq!(translated.scores()[0].band_words(0.9), "alto");
        assert_eq!(translated.patterns()[0].message, "Baixo em {count} de {of}.");
        assert_eq!(translated.scores()[0].leaves, original.scores()[0].leaves, "scoring is the pack's");
        assert_eq!(translated.patterns()[0].threshold, original.patterns()[0].threshold);
        assert_eq!(translated.id(), original.id());
    }

    fn differs(text: &str) -> (usize, String, String) {
        match apply(text).unwrap_err() {
            PackError::TranslationDiffers { at, id, detail } => (at.line, id, detail),
            other => panic!("expected a difference, got {other}"),
        }
    }

    #[test]
    fn every_difference_names_its_line_and_id() {
        let (line, id, detail) = differs(&PT.replace("id = \"note\"", "id = \"notes\""));
        assert_eq!((line, id.as_str()), (14, "note"));
        assert!(detail.contains("step \"notes\""), "{detail}");

        let (_, id, detail) = differs(&PT.replace(", { id = \"b\", label = \"Bê\" }", ""));
        assert_eq!(id, "b");
        assert!(detail.contains("has no translation"), "{detail}");

        let (line, id, _) = differs(&PT.replace("bands = [\"baixo\", \"alto\"]", "bands = [\"baixo\"]"));
        assert_eq!((line, id.as_str()), (21, "total"));

        let (_, id, detail) = differs(&PT.replace("{count} de {of}", "{count}"));
        assert_eq!(id, "low");
        assert!(detail.contains("{of}"), "{detail}");

        let (_, _, detail) = differs(&PT.replace("version = \"1.0\"", "version = \"0.9\""));
        assert!(detail.contains("version 0.9"), "{detail}");

        let (line, id, _) = differs(&PT.replace("placeholder = \"Uma linha\"\n", ""));
        assert_eq!(id, "note", "names the step that lacks it");
        assert!((13..=14).contains(&line), "points at the step: line {line}");

        let extra = PT.replace("prompt = \"Algo mais?\"", "prompt = \"Algo mais?\"\nhelp = \"Ajuda\"");
        let (line, id, _) = differs(&extra);
        assert_eq!((line, id.as_str()), (16, "note"));
    }

    #[test]
    fn a_translation_cannot_carry_rules() {
        let with_kind = PT.replace("id = \"note\"\n", "id = \"note\"\nkind = \"text\"\n");
        assert!(matches!(apply(&with_kind), Err(PackError::UnknownField { ref name, .. }) if name == "kind"));
        let with_threshold = PT.replace("message = \"Baixo", "threshold = 0.9\nmessage = \"Baixo");
        assert!(matches!(apply(&with_threshold), Err(PackError::UnknownField { .. })));
    }
}
