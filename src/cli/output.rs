//! How the CLI prints. `--json` output is the stable interface documented in the README; the
//! human output may change.

use std::io::Write;

use anyhow::Result;
use attune::RecoveryPhrase;
use attune::exchange::import::Outcome;
use attune::journal::{Entry, EntrySummary, Revision, SearchOrder, SearchResults};
use attune::vault::HealthReport;
use serde::Serialize;

pub fn json(out: &mut dyn Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn heading(title: &str, excerpt: &str) -> String {
    if title.trim().is_empty() { excerpt.to_owned() } else { title.to_owned() }
}

fn labels(tags: &[String], people: &[String]) -> String {
    let mut parts: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
    parts.extend(people.iter().map(|p| format!("@{p}")));
    if parts.is_empty() { String::new() } else { format!("  {}", parts.join(" ")) }
}

pub fn list(out: &mut dyn Write, items: &[EntrySummary]) -> Result<()> {
    if items.is_empty() {
        writeln!(out, "no entries")?;
    }
    for item in items {
        writeln!(
            out,
            "{}  {}  {}{}",
            item.created_at.format("%Y-%m-%d %H:%M"),
            item.id,
            heading(&item.title, &item.excerpt),
            labels(&item.tags, &item.people)
        )?;
    }
    Ok(())
}

pub fn entry(out: &mut dyn Write, entry: &Entry) -> Result<()> {
    if !entry.title.is_empty() {
        writeln!(out, "{}", entry.title)?;
    }
    let mut meta = vec![entry.created_at.format("%Y-%m-%d %H:%M %:z").to_string()];
    if let Some(mood) = entry.mood {
        meta.push(format!("mood: {} ({})", mood.label(), mood.value()));
    }
    if let Some(exercise) = &entry.exercise {
        meta.push(format!("exercise: {} v{}", exercise.id, exercise.version));
    }
    if entry.deleted_at.is_some() {
        meta.push("in the trash".to_owned());
    }
    writeln!(out, "{}{}", meta.join(" · "), labels(&entry.tags, &entry.people))?;
    writeln!(out, "id: {}", entry.id)?;
    match entry.sync_conflict.as_deref() {
        Some("edit_kept_over_delete") => {
            writeln!(out, "look: deleted on one computer and edited on another; the edit was kept")?
        }
        Some(_) => writeln!(
            out,
            "look: edited on two computers at once; the other text is in its history (attune history {})",
            entry.id
        )?,
        None => {}
    }
    writeln!(out, "\n{}", entry.body.trim_end())?;
    if let Some(answers) = &entry.answers {
        writeln!(out, "\n{}", serde_json::to_string_pretty(answers)?)?;
    }
    Ok(())
}

pub fn history(out: &mut dyn Write, revisions: &[Revision]) -> Result<()> {
    if revisions.is_empty() {
        writeln!(out, "no earlier versions")?;
    }
    for rev in revisions {
        let first_line = rev.body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        writeln!(
            out,
            "revision {:>4}  written {}  replaced {}  {}",
            rev.id,
            rev.saved_at.format("%Y-%m-%d %H:%M"),
            rev.replaced_at.format("%Y-%m-%d %H:%M"),
            heading(&rev.title, first_line)
        )?;
        if let Some(to) = &rev.moved_to {
            writeln!(
                out,
                "               date changed from {} to {}",
                rev.created_at.format("%Y-%m-%d %H:%M %:z"),
                to.format("%Y-%m-%d %H:%M %:z")
            )?;
        }
    }
    Ok(())
}

pub fn hits(out: &mut dyn Write, results: &SearchResults) -> Result<()> {
    if results.hits.is_empty() {
        writeln!(out, "nothing found")?;
    } else if results.order == SearchOrder::Recency {
        writeln!(out, "(a common word: newest first)")?;
    }
    for hit in &results.hits {
        let e = &hit.entry;
        writeln!(out, "{}  {}  {}", e.created_at.format("%Y-%m-%d %H:%M"), e.id, heading(&e.title, &e.excerpt))?;
        writeln!(out, "    {}", hit.snippet.marked("[", "]"))?;
    }
    Ok(())
}

pub fn health(out: &mut dyn Write, report: &HealthReport) -> Result<()> {
    for check in &report.checks {
        if check.problems.is_empty() {
            writeln!(out, "ok       {}", check.name)?;
        } else {
            writeln!(out, "PROBLEM  {}", check.name)?;
            for problem in &check.problems {
                writeln!(out, "         {problem}")?;
            }
        }
    }
    writeln!(out, "{}", if report.healthy() { "the vault is healthy" } else { "the vault has problems" })?;
    Ok(())
}

pub fn recovery_words(out: &mut dyn Write, phrase: &RecoveryPhrase) -> Result<()> {
    let words: Vec<&str> = phrase.words().collect();
    for row in words.chunks(4).enumerate() {
        let (index, chunk) = row;
        let cells: Vec<String> =
            chunk.iter().enumerate().map(|(i, w)| format!("{:>2}. {:<10}", index * 4 + i + 1, w)).collect();
        writeln!(out, "  {}", cells.join("  ").trim_end())?;
    }
    Ok(())
}

/// At most this many skipped items are listed by name; `--json` lists them all.
const SKIPS_SHOWN: usize = 50;

pub fn import(out: &mut dyn Write, o: &Outcome) -> Result<()> {
    let label = match o.format.as_str() {
        "attune" => "Attune JSON export",
        "dayone" => "Day One export",
        "jrnl" => "jrnl export",
        _ => "Markdown",
    };
    writeln!(out, "{label}: {}", o.source)?;
    writeln!(out, "  entries found         {:>7}", o.entries)?;
    writeln!(out, "  {}  {:>7}", if o.dry_run { "to import           " } else { "imported            " }, o.added)?;
    writeln!(out, "  already in the vault  {:>7}", o.already_present)?;
    writeln!(out, "  skipped               {:>7}", o.skipped.len())?;
    for skipped in o.skipped.iter().take(SKIPS_SHOWN) {
        writeln!(out, "    {skipped}")?;
    }
    if o.skipped.len() > SKIPS_SHOWN {
        writeln!(out, "    … and {} more (--json lists them all)", o.skipped.len() - SKIPS_SHOWN)?;
    }
    if o.attachments_added > 0 {
        let verb = if o.dry_run { "to add" } else { "added" };
        writeln!(out, "  photos and files {verb}  {:>7}", o.attachments_added)?;
    }
    for problem in o.media_problems.iter().take(SKIPS_SHOWN) {
        writeln!(out, "    {problem}")?;
    }
    if o.media_problems.len() > SKIPS_SHOWN {
        writeln!(out, "    … and {} more (--json lists them all)", o.media_problems.len() - SKIPS_SHOWN)?;
    }
    let m = &o.media_skipped;
    if m.total() > 0 {
        let parts: Vec<String> =
            [(m.photos, "photo"), (m.videos, "video"), (m.audios, "audio recording"), (m.pdfs, "PDF")]
                .iter()
                .filter(|(n, _)| *n > 0)
                .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
                .collect();
        writeln!(out, "  photos and files not imported: {}", parts.join(", "))?;
    }
    if let Some(d) = &o.date_sources {
        writeln!(
            out,
            "  dates from: front matter {}, file names {}, modification times {}",
            d.front_matter, d.file_name, d.modified_time
        )?;
    }
    if let Some(zone) = &o.zone {
        writeln!(out, "  times written without a zone were read in {zone} (change with --tz)")?;
    }
    if o.dry_run {
        writeln!(out, "dry run: nothing was written")?;
    }
    Ok(())
}

pub fn sync_report(out: &mut dyn Write, report: &attune::sync::SyncReport) -> Result<()> {
    let (sent, got) = (&report.sent, &report.received);
    writeln!(out, "sent {} change(s) in {} file(s), {} bytes", sent.changes, sent.files, sent.bytes)?;
    writeln!(
        out,
        "received {} change(s): {} entr{} added or changed, {} removed, {} earlier version(s) kept, {} other",
        got.changes,
        got.entries,
        if got.entries == 1 { "y" } else { "ies" },
        got.removed,
        got.revisions,
        got.other
    )?;
    match report.keys.as_deref() {
        Some("published") => {
            writeln!(out, "this computer's passphrase and recovery phrase now open the vault on the others")?
        }
        Some("taken") => writeln!(out, "the passphrase set on another computer now opens this vault here too")?,
        _ => {}
    }
    for c in &report.conflicts {
        let why = if c.kind == "edit_kept_over_delete" {
            "deleted on one computer and edited on another: the edit is kept"
        } else {
            "edited on two computers at once: the later text is current, the other is in its history"
        };
        let title = if c.title.is_empty() { String::new() } else { format!(" \"{}\"", c.title) };
        writeln!(out, "look at {}{title}: {why}", c.entry)?;
    }
    for w in &report.waiting {
        let from = if w.device_name.is_empty() { w.device.as_str() } else { w.device_name.as_str() };
        writeln!(out, "waiting for {} from {from}: {} (tried again next time)", w.file, w.reason)?;
    }
    Ok(())
}

pub fn sync_status(out: &mut dyn Write, status: &attune::sync::SyncStatus) -> Result<()> {
    writeln!(out, "folder: {}", status.folder)?;
    writeln!(out, "this computer: {} ({})", status.device_name, status.device_id)?;
    writeln!(out, "last exchange: {}", status.last_sync.as_deref().unwrap_or("never"))?;
    writeln!(out, "changes waiting to go out: {}", status.pending)?;
    if status.devices.is_empty() {
        writeln!(out, "no other computer has joined yet")?;
    }
    for d in &status.devices {
        let name = if d.name.is_empty() { d.id.as_str() } else { d.name.as_str() };
        writeln!(
            out,
            "{name}: last seen {}, {} file(s) waiting to be merged here",
            d.last_seen.as_deref().unwrap_or("never"),
            d.waiting_files
        )?;
    }
    Ok(())
}
