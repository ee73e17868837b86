//! Exercises: the library, the runner's drafts, finishing an exercise, commitments and the
//! integration plan. Thin: the rules live in `attune::exercises`.

use attune::exercises::{self, Agenda, Answers, Catalogue, CommitmentView, DISCLAIMER, Outcome, Pack, PackDoc, Plan};
use attune::journal::Person;
use attune::time;
use chrono::NaiveDate;
use tauri::State;

use crate::dto::{DraftView, ExerciseResult, PackSummary, PackView, ReviewRequest, Shelf};
use crate::error::IpcError;
use crate::state::AppState;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn with_pack<T>(
    state: &AppState,
    pack_id: &str,
    f: impl FnOnce(&attune::journal::Journal<'_>, &Pack) -> Result<T, IpcError>,
) -> Result<T, IpcError> {
    state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        let pack = exercises::find(&catalogue, pack_id)?;
        f(&journal, pack)
    })
}

/// The exercise library, shelf by shelf, with which packs have a draft waiting.
#[tauri::command]
pub async fn exercise_library(state: State<'_, AppState>) -> Result<Vec<Shelf>, IpcError> {
    state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        let drafts = exercises::Drafts::new(&journal).list()?;
        Ok(catalogue
            .by_theme()
            .into_iter()
            .map(|group| Shelf {
                theme: group.theme,
                label: group.theme.label().to_owned(),
                packs: group.packs.into_iter().map(|p| summary(&catalogue, p, &drafts)).collect(),
            })
            .collect())
    })
}

fn summary(catalogue: &Catalogue, pack: &Pack, drafts: &[exercises::Draft]) -> PackSummary {
    PackSummary {
        id: pack.id().to_string(),
        title: pack.title().to_owned(),
        why: pack.why().to_owned(),
        minutes: pack.minutes(),
        depth: pack.depth(),
        theme: pack.theme(),
        steps: u32::try_from(pack.steps().len()).unwrap_or(u32::MAX),
        imported: catalogue.origin(pack.id().as_str()) == Some(exercises::Origin::Imported),
        has_draft: drafts.iter().any(|d| d.pack_id == pack.id().as_str()),
    }
}

/// One pack to run, with its draft (the answers that still fit) if there is one.
#[tauri::command]
pub async fn open_exercise(state: State<'_, AppState>, pack_id: String) -> Result<PackView, IpcError> {
    with_pack(&state, &pack_id, |journal, pack| {
        let draft = exercises::Drafts::new(journal).get(&pack_id)?.map(|d| DraftView {
            answers: exercises::draft_answers(pack, &d),
            step: d.step,
            updated_at: d.updated_at,
        });
        Ok(PackView { pack: PackDoc::from(pack.clone()), disclaimer: DISCLAIMER.to_owned(), draft })
    })
}

#[tauri::command]
pub async fn save_exercise_draft(
    state: State<'_, AppState>,
    pack_id: String,
    answers: Answers,
    step: u32,
) -> Result<(), IpcError> {
    with_pack(&state, &pack_id, |journal, pack| {
        exercises::save_draft(journal, pack, &answers, step)?;
        Ok(())
    })
}

#[tauri::command]
pub async fn discard_exercise_draft(state: State<'_, AppState>, pack_id: String) -> Result<(), IpcError> {
    state.with_vault(|v| {
        exercises::Drafts::new(&v.journal()).discard(&pack_id)?;
        Ok(())
    })
}

/// Whether to offer grounding before going deeper: a deep pack whose opening check-in shows
/// high distress. An offer only; the person decides.
#[tauri::command]
pub async fn offer_grounding(state: State<'_, AppState>, pack_id: String, answers: Answers) -> Result<bool, IpcError> {
    with_pack(&state, &pack_id, |_, pack| Ok(answers.offer_grounding_first(pack)))
}

/// Stores the finished exercise as an entry (removing its draft) and says what was found.
#[tauri::command]
pub async fn finish_exercise(
    state: State<'_, AppState>,
    pack_id: String,
    answers: Answers,
) -> Result<ExerciseResult, IpcError> {
    with_pack(&state, &pack_id, |journal, pack| {
        let (entry, scores) = exercises::record(journal, pack, &answers, None)?;
        let patterns = exercises::patterns(journal, pack)?
            .into_iter()
            .filter(|p| p.sessions.iter().any(|s| *s == entry.id.to_string()))
            .collect();
        let high_distress =
            answers.iter().any(|(_, a)| matches!(a, exercises::Answer::Checkin(c) if c.is_high_distress()));
        let commitments = exercises::commitments(journal)?.into_iter().filter(|c| c.entry_id == entry.id).collect();
        Ok(ExerciseResult { entry, scores, patterns, commitments, high_distress })
    })
}

#[tauri::command]
pub async fn today_agenda(state: State<'_, AppState>) -> Result<Agenda, IpcError> {
    state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        Ok(exercises::agenda(&journal, &catalogue, today())?)
    })
}

/// A plan for a retreat that ended on `retreat_end`, from what the person chose in their
/// integration plan (not saved until `save_plan`).
#[tauri::command]
pub async fn suggest_plan(state: State<'_, AppState>, retreat_end: String) -> Result<Plan, IpcError> {
    let retreat_end = time::parse_day("retreat end", &retreat_end)?;
    state.with_vault(|v| {
        let journal = v.journal();
        let catalogue = exercises::library(&journal)?;
        Ok(exercises::suggested_plan(&journal, &catalogue, retreat_end)?)
    })
}

#[tauri::command]
pub async fn save_plan(state: State<'_, AppState>, plan: Option<Plan>) -> Result<(), IpcError> {
    state.with_vault(|v| {
        let journal = v.journal();
        match plan {
            Some(plan) => {
                let catalogue = exercises::library(&journal)?;
                exercises::set_plan(&journal, &catalogue, &plan)?;
            }
            None => exercises::clear_plan(&journal)?,
        }
        Ok(())
    })
}

#[tauri::command]
pub async fn review_commitment(state: State<'_, AppState>, request: ReviewRequest) -> Result<CommitmentView, IpcError> {
    let entry_id = request.entry_id.parse()?;
    let outcome: Outcome = request.outcome;
    state.with_vault(|v| {
        Ok(exercises::review_commitment(
            &v.journal(),
            entry_id,
            &request.step_id,
            outcome,
            request.intention,
            request.note,
            today(),
        )?)
    })
}

/// Every commitment, open ones first (for the people pages and the Today view's "all").
#[tauri::command]
pub async fn list_commitments(state: State<'_, AppState>) -> Result<Vec<CommitmentView>, IpcError> {
    state.with_vault(|v| Ok(exercises::commitments(&v.journal())?))
}

/// Adds a person to the register or changes how they are described.
#[tauri::command]
pub async fn save_person(state: State<'_, AppState>, person: Person) -> Result<(), IpcError> {
    state.with_vault(|v| Ok(v.journal().save_person(&person)?))
}

/// The largest pack file the app reads; real packs are a few kilobytes.
const MAX_PACK_BYTES: u64 = 1024 * 1024;

/// Validates a pack file the person chose and keeps it in the vault. Errors name the file,
/// line and field.
#[tauri::command]
pub async fn import_exercise_pack(state: State<'_, AppState>, path: String) -> Result<PackSummary, IpcError> {
    let path = std::path::PathBuf::from(path);
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let size = std::fs::metadata(&path).map_err(|e| IpcError::invalid(format!("cannot read {name}: {e}")))?.len();
    if size > MAX_PACK_BYTES {
        return Err(IpcError::invalid(format!("{name} is {size} bytes; an exercise pack is at most 1 MiB")));
    }
    let bytes = std::fs::read(&path).map_err(|e| IpcError::invalid(format!("cannot read {name}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        IpcError::invalid(format!(
            "{name} is not UTF-8 text (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    state.with_vault(|v| {
        let journal = v.journal();
        let pack = exercises::import_pack(&journal, &name, &text)?;
        let catalogue = exercises::library(&journal)?;
        Ok(summary(&catalogue, &pack, &exercises::Drafts::new(&journal).list()?))
    })
}
