//! The exercise pipelines: the library, runs and their drafts, finishing a run, the integration
//! plan and commitments, and importing a facilitator's pack.

use std::path::Path;

use chrono::NaiveDate;

use super::views::{DraftView, ExerciseResult, PackSummary, PackView, Shelf};
use super::{MAX_PACK_BYTES, Session, SessionError};
use crate::exercises::{
    self, Agenda, Answer, Answers, Catalogue, CommitmentView, Origin, Outcome, Pack, PackDoc, Plan,
};
use crate::exercises::{Draft, Drafts};
use crate::help::{Aftercare, Contacts, HelpView};
use crate::journal::{EntryId, Person};

impl Session {
    /// Looks a pack up in the catalogue, or says which id is unknown.
    pub fn pack(&self, pack_id: &str) -> Result<&Pack, SessionError> {
        Ok(exercises::find(self.catalogue()?, pack_id)?)
    }

    /// The exercise library, shelf by shelf, with which packs have a draft waiting.
    pub fn library(&self) -> Result<Vec<Shelf>, SessionError> {
        let catalogue = self.catalogue()?;
        let drafts = Drafts::new(&self.journal()).list()?;
        Ok(catalogue
            .by_theme()
            .into_iter()
            .map(|group| Shelf {
                theme: group.theme,
                label: group.theme.label(&self.words()),
                packs: group.packs.into_iter().map(|p| pack_summary(catalogue, p, &drafts)).collect(),
            })
            .collect())
    }

    /// One pack to run, with its draft (the answers that still fit) if there is one.
    pub fn open_exercise(&self, pack_id: &str) -> Result<PackView, SessionError> {
        let pack = self.pack(pack_id)?;
        let draft = Drafts::new(&self.journal()).get(pack_id)?.map(|d| DraftView {
            answers: exercises::draft_answers(pack, &d),
            step: d.step,
            updated_at: d.updated_at,
        });
        let recalled = exercises::recalled(&self.journal(), pack, self.today())?;
        Ok(PackView {
            pack: PackDoc::from(pack.clone()),
            disclaimer: exercises::disclaimer(&self.words()),
            draft,
            recalled,
        })
    }

    /// Keeps the progress of a run: the answers so far (checked against the pack) and the step.
    pub fn save_draft(&self, pack_id: &str, answers: &Answers, step: u32) -> Result<Draft, SessionError> {
        Ok(exercises::save_draft(&self.journal(), self.pack(pack_id)?, answers, step)?)
    }

    /// Throws a pack's draft away. Returns whether there was one.
    pub fn discard_draft(&self, pack_id: &str) -> Result<bool, SessionError> {
        Ok(Drafts::new(&self.journal()).discard(pack_id)?)
    }

    /// Whether to offer grounding before going deeper: a deep pack whose opening check-in
    /// shows high distress. An offer only; the person decides.
    pub fn offer_grounding(&self, pack_id: &str, answers: &Answers) -> Result<bool, SessionError> {
        Ok(answers.offer_grounding_first(self.pack(pack_id)?))
    }

    /// Stores a finished run as an entry (removing its draft in the same transaction) and says
    /// what it found: scores, pattern rules that fired with it, intentions set, distress.
    pub fn finish_exercise(&self, pack_id: &str, answers: &Answers) -> Result<ExerciseResult, SessionError> {
        let pack = self.pack(pack_id)?;
        let journal = self.journal();
        let (entry, scores) = exercises::record(&journal, pack, answers, None)?;
        let this_run = entry.id.to_string();
        let patterns =
            exercises::patterns(&journal, pack)?.into_iter().filter(|p| p.sessions.contains(&this_run)).collect();
        let high_distress = answers.iter().any(|(_, a)| matches!(a, Answer::Checkin(c) if c.is_high_distress()));
        let commitments = exercises::commitments(&journal)?.into_iter().filter(|c| c.entry_id == entry.id).collect();
        let mut support = exercises::support_note(&journal, self.catalogue()?, &self.words())?;
        if support.is_none() && high_distress && pack.depth() == exercises::Depth::Light {
            // A light pack that ends with the body still stirred: offer the same gentle note
            // at once, without waiting for a pattern.
            support = Some(exercises::support_note_now(&journal, entry.id, &self.words())?);
        }
        Ok(ExerciseResult { entry, scores, patterns, commitments, high_distress, support })
    }

    /// What the help panel shows: crisis lines for `country` (a two-letter code, any case; an
    /// unknown one falls back to the international directory), and the aftercare contact of
    /// the pack being done, if `pack_id` names one that has it.
    pub fn help(&self, country: Option<&str>, pack_id: Option<&str>) -> Result<HelpView, SessionError> {
        let mut view = Contacts::builtin()?.for_country(country, &self.words());
        if let Some(pack) = pack_id.and_then(|id| self.catalogue().ok()?.get(id)) {
            view.aftercare = pack.aftercare().map(|contact| Aftercare {
                pack_title: pack.title().to_owned(),
                organisation: pack.organisation().map(str::to_owned),
                contact: contact.to_owned(),
            });
        }
        Ok(view)
    }

    /// The gentle note when alarm has stayed high across the latest check-ins, if it has.
    pub fn support_note(&self) -> Result<Option<exercises::SupportNote>, SessionError> {
        Ok(exercises::support_note(&self.journal(), self.catalogue()?, &self.words())?)
    }

    /// Today's agenda: the plan's slots, look-backs, commitments due, drafts, what was done.
    pub fn agenda(&self) -> Result<Agenda, SessionError> {
        Ok(exercises::agenda(&self.journal(), self.catalogue()?, self.today(), &self.words())?)
    }

    /// The integration plan kept in the vault, if there is one.
    pub fn plan(&self) -> Result<Option<Plan>, SessionError> {
        Ok(exercises::plan(&self.journal())?)
    }

    /// A plan for a retreat that ended on `retreat_end`, from what the person chose in their
    /// integration-plan exercise. Not saved until [`Session::save_plan`].
    pub fn suggest_plan(&self, retreat_end: NaiveDate) -> Result<Plan, SessionError> {
        Ok(exercises::suggested_plan(&self.journal(), self.catalogue()?, retreat_end)?)
    }

    /// Keeps `plan` (checked against the catalogue), or removes the plan with `None`.
    pub fn save_plan(&self, plan: Option<&Plan>) -> Result<(), SessionError> {
        match plan {
            Some(plan) => exercises::set_plan(&self.journal(), self.catalogue()?, plan)?,
            None => exercises::clear_plan(&self.journal())?,
        }
        Ok(())
    }

    /// Records how a commitment went, today.
    pub fn review_commitment(
        &self,
        entry_id: EntryId,
        step_id: &str,
        outcome: Outcome,
        intention: Option<String>,
        note: String,
    ) -> Result<CommitmentView, SessionError> {
        Ok(exercises::review_commitment(&self.journal(), entry_id, step_id, outcome, intention, note, self.today())?)
    }

    /// Every commitment, open ones first.
    pub fn commitments(&self) -> Result<Vec<CommitmentView>, SessionError> {
        Ok(exercises::commitments(&self.journal())?)
    }

    /// Adds a person to the register or changes how they are described.
    pub fn save_person(&self, person: &Person) -> Result<(), SessionError> {
        Ok(self.journal().save_person(person)?)
    }

    /// Reads a pack file a person chose (at most [`MAX_PACK_BYTES`], UTF-8), validates it and
    /// keeps it in the vault. Errors name the file, and for a bad pack its line and field.
    pub fn import_pack_file(&mut self, path: &Path) -> Result<PackSummary, SessionError> {
        let (name, text) = read_pack_file(path)?;
        self.import_pack(&name, &text)
    }

    /// Validates a pack's text and keeps it in the vault; `name` names it in errors.
    pub fn import_pack(&mut self, name: &str, text: &str) -> Result<PackSummary, SessionError> {
        let pack = exercises::import_pack(&self.journal(), name, text)?;
        self.catalogue.take();
        let drafts = Drafts::new(&self.journal()).list()?;
        Ok(pack_summary(self.catalogue()?, &pack, &drafts))
    }
}

/// Reads a pack file with the session's limits, before anything is parsed: its file name (for
/// messages) and its text.
pub fn read_pack_file(path: &Path) -> Result<(String, String), SessionError> {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let unreadable = |source| SessionError::PackFileUnreadable { name: name.clone(), source };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_PACK_BYTES {
        return Err(SessionError::PackFileTooLarge { name, size });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| SessionError::PackFileNotText { name: name.clone(), offset: e.utf8_error().valid_up_to() })?;
    Ok((name, text))
}

fn pack_summary(catalogue: &Catalogue, pack: &Pack, drafts: &[Draft]) -> PackSummary {
    PackSummary {
        id: pack.id().to_string(),
        version: pack.version().to_owned(),
        title: pack.title().to_owned(),
        why: pack.why().to_owned(),
        minutes: pack.minutes(),
        depth: pack.depth(),
        theme: pack.theme(),
        roles: pack.roles().to_vec(),
        steps: u32::try_from(pack.steps().len()).unwrap_or(u32::MAX),
        imported: catalogue.origin(pack.id().as_str()) == Some(Origin::Imported),
        has_draft: drafts.iter().any(|d| d.pack_id == pack.id().as_str()),
    }
}
