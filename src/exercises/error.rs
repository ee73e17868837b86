//! What can be wrong with a pack file or with an answers document.
//!
//! A pack error always says where: the file (its name as given to the loader), the 1-based line
//! and column, and the field as a path like `steps[3].options[1].id` (indexes from 0, in file
//! order). A facilitator writing a pack in a text editor should be able to go straight to it.

use std::fmt;

/// Where in a pack file something is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file name the pack was loaded under, e.g. `exercises/boundaries.toml`.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The field's path, e.g. `steps[2].prompt`; empty for a syntax error.
    pub field: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)?;
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        Ok(())
    }
}

/// A pack that cannot be used, and where the problem is.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PackError {
    #[error("{at}: TOML syntax error: {detail}")]
    Syntax { at: Location, detail: String },
    #[error("{at}: unknown field \"{name}\" (expected one of: {expected})")]
    UnknownField { at: Location, name: String, expected: String },
    #[error("{at}: this field is required and missing")]
    MissingField { at: Location },
    #[error("{at}: {detail}")]
    WrongType { at: Location, detail: String },
    #[error("{at}: unknown step kind \"{kind}\" (expected one of: {expected})")]
    UnknownStepKind { at: Location, kind: String, expected: String },
    #[error("{at}: \"{value}\" is not allowed here (expected one of: {expected})")]
    UnknownValue { at: Location, value: String, expected: String },
    #[error("{at}: \"{value}\" is not usable: {reason}")]
    BadFormat { at: Location, value: String, reason: &'static str },
    #[error("{at}: this must not be empty")]
    Empty { at: Location },
    #[error("{at}: this must fit on one line")]
    NotOneLine { at: Location },
    #[error("{at}: {what} id \"{id}\" is used twice (first on line {first_line})")]
    DuplicateId { at: Location, what: &'static str, id: String, first_line: usize },
    #[error("{at}: a {kind} step does not take this field")]
    FieldNotForKind { at: Location, kind: &'static str },
    #[error("{at}: {value} is out of range; allowed: {allowed}")]
    OutOfRange { at: Location, value: String, allowed: &'static str },
    #[error("{at}: needs at least {at_least}, found {found}")]
    TooFew { at: Location, at_least: usize, found: usize },
    #[error("{at}: scale min ({min}) must be below max ({max})")]
    ScaleRange { at: Location, min: i32, max: i32 },
    #[error("{at}: a scale from {min} to {max} needs {expected} labels, one per value; found {found}")]
    ScaleLabels { at: Location, min: i32, max: i32, expected: usize, found: usize },
    #[error("{at}: these lines take about {seconds} seconds; a grounding step stays under 120")]
    GroundingTooLong { at: Location, seconds: u32 },
    #[error("{at}: \"{reference}\" names no {what} in this pack")]
    MissingItem { at: Location, reference: String, what: &'static str },
    #[error("{at}: \"{reference}\" has no value to add up: {reason}")]
    NotScorable { at: Location, reference: String, reason: &'static str },
    #[error("{at}: \"{reference}\" is listed twice")]
    DuplicateReference { at: Location, reference: String },
    #[error("{at}: \"{reference}\" is reversed but is not one of this score's items")]
    ReversedNotInItems { at: Location, reference: String },
    #[error("{at}: bands must run from 0 to 1 without gaps; expected {expected} here, found {found}")]
    BandGap { at: Location, expected: f64, found: f64 },
    #[error("{at}: a band must end after it starts ({from} to {to})")]
    EmptyBand { at: Location, from: f64, to: f64 },
    #[error("{at}: no score \"{score}\" in this pack")]
    UnknownScore { at: Location, score: String },
    #[error("{at}: in_at_least ({in_at_least}) cannot be more than of_last ({of_last})")]
    MoreThanOfLast { at: Location, in_at_least: u16, of_last: u16 },
    #[error("{at}: the message uses \"{{{placeholder}}}\", which is not available here ({reason})")]
    BadPlaceholder { at: Location, placeholder: String, reason: &'static str },
    #[error("{at}: a deep pack starts with a settledness check (a checkin step)")]
    DeepPackWithoutSettleCheck { at: Location },
    #[error("{at}: a deep pack ends gently, with a grounding step last")]
    DeepPackWithoutClose { at: Location },
    #[error("{at}: {chars} characters; at most {max} fit here")]
    TooLong { at: Location, chars: usize, max: usize },
    #[error("{at}: a deep pack says when it is better not to do it alone (not_alone)")]
    DeepPackWithoutNotAlone { at: Location },
    #[error("{at}: a pack with id \"{id}\" is already in the catalogue")]
    AlreadyInCatalogue { at: Location, id: String },
    #[error("{at}: {detail} (id \"{id}\")")]
    TranslationDiffers { at: Location, id: String, detail: String },
    #[error("{at}: there is no pack \"{id}\" to translate")]
    NothingToTranslate { at: Location, id: String },
    #[error("{at}: \"{id}\" already has a {language} translation")]
    TranslationTaken { at: Location, id: String, language: String },
}

impl PackError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        use PackError::*;
        match self {
            Syntax { at, .. }
            | UnknownField { at, .. }
            | MissingField { at }
            | WrongType { at, .. }
            | UnknownStepKind { at, .. }
            | UnknownValue { at, .. }
            | BadFormat { at, .. }
            | Empty { at }
            | NotOneLine { at }
            | DuplicateId { at, .. }
            | FieldNotForKind { at, .. }
            | OutOfRange { at, .. }
            | TooFew { at, .. }
            | ScaleRange { at, .. }
            | ScaleLabels { at, .. }
            | GroundingTooLong { at, .. }
            | MissingItem { at, .. }
            | NotScorable { at, .. }
            | DuplicateReference { at, .. }
            | ReversedNotInItems { at, .. }
            | BandGap { at, .. }
            | EmptyBand { at, .. }
            | UnknownScore { at, .. }
            | MoreThanOfLast { at, .. }
            | BadPlaceholder { at, .. }
            | DeepPackWithoutSettleCheck { at }
            | DeepPackWithoutClose { at }
            | TooLong { at, .. }
            | DeepPackWithoutNotAlone { at }
            | AlreadyInCatalogue { at, .. }
            | TranslationDiffers { at, .. }
            | NothingToTranslate { at, .. }
            | TranslationTaken { at, .. } => at,
        }
    }
}

/// An answers document that does not fit its pack. Names the step (and item) concerned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswersError {
    #[error("the answers are not readable at {path}: {detail}")]
    Malformed { path: String, detail: String },
    #[error("there is no step \"{step}\" in this exercise")]
    UnknownStep { step: String },
    #[error("step \"{step}\" is a {expected} step, but the answer is a {found} answer")]
    WrongKind { step: String, expected: &'static str, found: &'static str },
    #[error("step \"{step}\" is there to be read and takes no answer")]
    NoAnswerExpected { step: String },
    #[error("step \"{step}\" has no option \"{option}\"")]
    UnknownOption { step: String, option: String },
    #[error("step \"{step}\" has option \"{option}\" chosen twice")]
    DuplicateOption { step: String, option: String },
    #[error("step \"{step}\" has no item \"{item}\"")]
    UnknownItem { step: String, item: String },
    #[error("step \"{step}\": {field} is {value}, outside {min}..={max}")]
    OutOfRange { step: String, field: String, value: i64, min: i64, max: i64 },
    #[error("step \"{step}\": {field} is empty; leave the step out to skip it")]
    Empty { step: String, field: &'static str },
}
