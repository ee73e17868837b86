//! `attune exercises …`: the pack library from the command line.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use attune::exercises::{self, Answers, Pack, StepKind};
use attune::{Session, time};

use super::args::ExercisesCommand;

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Checks a pack file, or a translation file against the pack it translates: a built-in one,
/// or the pack file given with `--pack`.
pub fn validate(file: &Path, pack_file: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    let (_, text) = attune::session::read_pack_file(file)?;
    let name = file.display().to_string();
    let pack = if exercises::Translation::is_translation(&text) {
        let translation = exercises::Translation::from_toml(&name, &text)?;
        let pack = match pack_file {
            Some(pack_file) => {
                let (_, pack_text) = attune::session::read_pack_file(pack_file)?;
                Pack::from_toml(&pack_file.display().to_string(), &pack_text)?
            }
            None => exercises::Catalogue::builtin()?.get(translation.translates()).cloned().ok_or_else(|| {
                anyhow::anyhow!(
                    "{name}: \"{}\" is not a built-in pack; give the pack it translates with --pack",
                    translation.translates()
                )
            })?,
        };
        translation.apply(&pack)?
    } else {
        Pack::from_toml(&name, &text)?
    };
    writeln!(
        out,
        "ok: {} {} {} \"{}\" ({} steps)",
        pack.id().as_str(),
        pack.version(),
        pack.language(),
        pack.title(),
        pack.steps().len()
    )?;
    Ok(())
}

pub fn run(session: &mut Session, command: ExercisesCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        ExercisesCommand::List { json } => {
            let catalogue = session.catalogue()?;
            if json {
                let list: Vec<serde_json::Value> = catalogue
                    .packs()
                    .map(|p| {
                        serde_json::json!({
                            "id": p.id().as_str(), "version": p.version(), "title": p.title(),
                            "theme": p.theme(), "minutes": p.minutes(), "steps": p.steps().len(),
                            "imported": catalogue.origin(p.id().as_str()) == Some(exercises::Origin::Imported),
                        })
                    })
                    .collect();
                super::output::json(out, &list)?;
            } else {
                for group in catalogue.by_theme() {
                    writeln!(out, "{}", group.theme.label(&session.words()))?;
                    for pack in group.packs {
                        writeln!(out, "  {:<24} {:>3} min  {}", pack.id().as_str(), pack.minutes(), pack.title())?;
                    }
                }
            }
        }
        ExercisesCommand::Show { id } => show(session.pack(&id)?, out)?,
        ExercisesCommand::Validate { file, pack } => validate(&file, pack.as_deref(), out)?,
        ExercisesCommand::Import { file } => {
            let pack = session.import_pack_file(&file)?;
            eprintln!("imported {} {} \"{}\" into the vault", pack.id, pack.version, pack.title);
        }
        ExercisesCommand::Record { id, answers, at } => {
            let pack = session.pack(&id)?;
            let text = read(&answers)?;
            let value: serde_json::Value =
                serde_json::from_str(&text).with_context(|| format!("{} is not JSON", answers.display()))?;
            let parsed = Answers::from_json(&value).with_context(|| format!("in {}", answers.display()))?;
            let created_at = at.map(|t| time::parse_timestamp("--at", &t)).transpose()?;
            let (entry, scores) = exercises::record(&session.journal(), pack, &parsed, created_at)?;
            writeln!(out, "{}", entry.id)?;
            for s in scores {
                eprintln!("{}: {} of {} ({})", s.label, s.value, s.max, s.band_words);
            }
        }
    }
    Ok(())
}

fn show(pack: &Pack, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "{} ({} {}, about {} minutes)\n", pack.title(), pack.id().as_str(), pack.version(), pack.minutes())?;
    writeln!(out, "{}\n", pack.why().trim())?;
    for line in [pack.author(), pack.organisation()].into_iter().flatten() {
        writeln!(out, "By {line}")?;
    }
    if let Some(not_alone) = pack.not_alone() {
        writeln!(out, "When not to do this alone: {}\n", not_alone.trim())?;
    }
    if let Some(aftercare) = pack.aftercare() {
        writeln!(out, "Aftercare: {}\n", aftercare.trim())?;
    }
    for (n, step) in pack.steps().iter().enumerate() {
        let kind = match &step.kind {
            StepKind::Text { .. } => "write",
            StepKind::Single { .. } => "choose one",
            StepKind::Multiple { .. } => "choose any",
            StepKind::Scale(_) => "scale",
            StepKind::Checklist { .. } => "checklist",
            StepKind::Person => "a person",
            StepKind::CheckIn { .. } => "check-in",
            StepKind::Commitment { .. } => "intention",
            StepKind::Grounding { .. } => "grounding",
            StepKind::Learn { .. } => "to read",
        };
        writeln!(out, "{:>2}. [{kind}] {}", n + 1, step.prompt)?;
        if let StepKind::Learn { text } = &step.kind {
            writeln!(out, "    {}", text.trim())?;
        }
    }
    writeln!(out, "\n{}", exercises::disclaimer(&attune::i18n::Words::new(attune::i18n::system_locale())))?;
    Ok(())
}
