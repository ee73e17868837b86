//! `attune summary` and `attune insights`: what the journal shows over time, as a PDF or as
//! text.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use attune::insights::{Drift, Insights};
use attune::journal::EntryId;
use attune::summary::{Scope, Section, SummaryRequest};
use attune::{Session, time};

/// The summary's scope from the command line.
pub fn scope(from: Option<&str>, to: Option<&str>, person: Option<String>, integration: bool) -> Result<Scope> {
    let from = from.map(|d| time::parse_day("--from", d)).transpose()?;
    let to = to.map(|d| time::parse_day("--to", d)).transpose()?;
    Ok(match (integration, person) {
        (true, _) => Scope::Integration,
        (false, Some(name)) => Scope::Person { name, from, to },
        (false, None) => Scope::Range { from, to },
    })
}

/// Makes the summary, sets it as a PDF and writes it privately to `path`; returns how many
/// entries it holds. Entries to leave out may be given by the start of their id.
pub fn summary(session: &Session, scope: Scope, without: Vec<Section>, exclude: &[String], path: &Path) -> Result<u32> {
    let journal = session.journal();
    let mut request = SummaryRequest::new(scope);
    request.without = without;
    request.exclude = exclude
        .iter()
        .map(|id| journal.resolve(id).with_context(|| format!("--exclude {id}")))
        .collect::<Result<_>>()?;
    Ok(session.save_summary_pdf(&request, path)?)
}

/// The first few ids in full (v7 ids written close together share long prefixes), then how
/// many more; `--json` lists them all.
fn ids(entries: &[EntryId]) -> String {
    const SHOWN: usize = 4;
    let mut shown: Vec<String> = entries.iter().take(SHOWN).map(ToString::to_string).collect();
    if entries.len() > SHOWN {
        shown.push(format!("and {} more", entries.len() - SHOWN));
    }
    shown.join(" ")
}

fn heading(out: &mut dyn Write, title: &str, empty: bool) -> Result<bool> {
    if !empty {
        writeln!(out, "\n{title}")?;
    }
    Ok(!empty)
}

pub fn insights(out: &mut dyn Write, found: &Insights) -> Result<()> {
    writeln!(out, "{} entries looked at", found.entries)?;
    if heading(out, "Patterns the exercises noticed", found.patterns.is_empty())? {
        for p in &found.patterns {
            writeln!(out, "  - {}\n    entries: {}", p.message, ids(&p.entries))?;
        }
    }
    if heading(out, "Scores over time", found.score_trends.is_empty())? {
        for t in &found.score_trends {
            let who = t.person.as_deref().map(|p| format!(" · {p}")).unwrap_or_default();
            let (Some(first), Some(last)) = (t.points.first(), t.points.last()) else { continue };
            let span =
                if first.day == last.day { first.day.to_string() } else { format!("{} to {}", first.day, last.day) };
            writeln!(out, "  {} · {}{who}: {} sessions, {span}", t.pack_title, t.label, t.points.len())?;
            match &t.change {
                Some(c) => {
                    let drift = match c.drift {
                        Drift::Higher => "higher lately",
                        Drift::Lower => "lower lately",
                        Drift::Similar => "about the same",
                    };
                    writeln!(out, "    earlier \"{}\", recently \"{}\" ({drift})", c.earlier_words, c.recent_words)?;
                }
                None => writeln!(out, "    latest: \"{}\"", last.band_words)?,
            }
            writeln!(out, "    entries: {}", ids(&t.entries))?;
        }
    }
    if heading(out, "Giving and receiving", found.reciprocity.is_empty())? {
        for r in &found.reciprocity {
            writeln!(out, "  {}: {}\n    entries: {}", r.person, r.message, ids(&r.entries))?;
        }
    }
    if heading(out, "Calm and tense around people", found.contact.is_empty())? {
        for c in &found.contact {
            writeln!(out, "  {}: {}\n    entries: {}", c.person, c.message, ids(&c.entries))?;
        }
    }
    if heading(out, "What came together with moods and check-ins", found.co_occurrences.is_empty())? {
        for c in &found.co_occurrences {
            writeln!(out, "  - {}\n    entries: {}", c.message, ids(&c.entries))?;
        }
    }
    for (title, list) in [("Recurring words", &found.words), ("Recurring themes", &found.themes)] {
        if heading(out, title, list.is_empty())? {
            let words: Vec<String> = list.iter().map(|w| format!("{} ({})", w.text, w.entries.len())).collect();
            writeln!(out, "  {}", words.join(", "))?;
        }
    }
    Ok(())
}
