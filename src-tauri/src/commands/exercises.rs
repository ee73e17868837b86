//! Exercises: the library, the runner's drafts, finishing an exercise, commitments and the
//! integration plan. Each is one call on the core session.

use attune::exercises::{Agenda, Answers, CommitmentView, Plan};
use attune::journal::Person;
use attune::session::{ExerciseResult, PackSummary, PackView, Shelf};
use attune::time;

use super::Ctx;
use crate::dialogs::{self, Ask};
use crate::dto::ReviewRequest;
use crate::error::IpcError;

/// The exercise library, shelf by shelf, with which packs have a draft waiting.
pub fn exercise_library(ctx: &Ctx) -> Result<Vec<Shelf>, IpcError> {
    ctx.session(|s| Ok(s.library()?))
}

/// One pack to run, with its draft (the answers that still fit) if there is one.
pub fn open_exercise(ctx: &Ctx, pack_id: String) -> Result<PackView, IpcError> {
    ctx.session(|s| Ok(s.open_exercise(&pack_id)?))
}

pub fn save_exercise_draft(ctx: &Ctx, pack_id: String, answers: Answers, step: u32) -> Result<(), IpcError> {
    ctx.session(|s| Ok(s.save_draft(&pack_id, &answers, step).map(drop)?))
}

pub fn discard_exercise_draft(ctx: &Ctx, pack_id: String) -> Result<(), IpcError> {
    ctx.session(|s| Ok(s.discard_draft(&pack_id).map(drop)?))
}

/// Whether to offer grounding before going deeper. An offer only; the person decides.
pub fn offer_grounding(ctx: &Ctx, pack_id: String, answers: Answers) -> Result<bool, IpcError> {
    ctx.session(|s| Ok(s.offer_grounding(&pack_id, &answers)?))
}

/// Stores the finished exercise as an entry (removing its draft) and says what was found.
pub fn finish_exercise(ctx: &Ctx, pack_id: String, answers: Answers) -> Result<ExerciseResult, IpcError> {
    ctx.session(|s| Ok(s.finish_exercise(&pack_id, &answers)?))
}

pub fn today_agenda(ctx: &Ctx) -> Result<Agenda, IpcError> {
    ctx.session(|s| Ok(s.agenda()?))
}

/// A plan for a retreat that ended on `retreat_end` (not saved until `save_plan`).
pub fn suggest_plan(ctx: &Ctx, retreat_end: String) -> Result<Plan, IpcError> {
    let retreat_end = time::parse_day("retreat end", &retreat_end)?;
    ctx.session(|s| Ok(s.suggest_plan(retreat_end)?))
}

pub fn save_plan(ctx: &Ctx, plan: Option<Plan>) -> Result<(), IpcError> {
    ctx.session(|s| Ok(s.save_plan(plan.as_ref())?))
}

pub fn review_commitment(ctx: &Ctx, request: ReviewRequest) -> Result<CommitmentView, IpcError> {
    let entry_id = request.entry_id.parse()?;
    ctx.session(|s| {
        Ok(s.review_commitment(entry_id, &request.step_id, request.outcome, request.intention, request.note)?)
    })
}

/// Every commitment, open ones first (for the people pages and the Today view's "all").
pub fn list_commitments(ctx: &Ctx) -> Result<Vec<CommitmentView>, IpcError> {
    ctx.session(|s| Ok(s.commitments()?))
}

/// Adds a person to the register or changes how they are described.
pub fn save_person(ctx: &Ctx, person: Person) -> Result<(), IpcError> {
    ctx.session(|s| Ok(s.save_person(&person)?))
}

/// Asks for a pack file (.toml) a facilitator handed out, validates it and keeps it in the
/// vault. Errors name the file, line and field. Null when the person cancels.
pub fn import_exercise_pack(ctx: &Ctx) -> Result<Option<PackSummary>, IpcError> {
    let title = ctx.say("dialog-import-pack");
    let ask = Ask::new(&title).extensions(&["toml"]);
    let Some(path) = dialogs::open_file(ctx.app, ask)? else { return Ok(None) };
    ctx.session(|s| Ok(Some(s.import_pack_file(&path)?)))
}
