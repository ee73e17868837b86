//! Gathering a summary from the journal: which entries, then each section from them and from
//! the insights over them (so entries left out are left out of the patterns too).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::model::{
    Chart, ChartBand, ChartPoint, ChecklistRow, Count, Excerpt, ExcerptItem, Note, Noticed, Place, Practised, Scope,
    ScoreRow, ScoreTable, Section, Summary, SummaryRequest,
};
use super::{MAX_CHARTS, MAX_EXCERPTS, SummaryError};
use crate::exercises::{self, Answer, Catalogue, Mark, PLAN_DAYS, StepKind};
use crate::insights::{self, Insights, ScorePoint};
use crate::journal::{Entry, EntryKind, Journal, Scanned};

/// What a summary covers once its scope is resolved.
struct Resolved {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    person: Option<String>,
    kicker: &'static str,
    title: String,
    after_dates: String,
}

fn resolve(journal: &Journal<'_>, scope: &Scope) -> Result<Resolved, SummaryError> {
    let resolved = match scope {
        Scope::Range { from, to } => Resolved {
            from: *from,
            to: *to,
            person: None,
            kicker: "Attune · summary",
            title: "My reflections".into(),
            after_dates: String::new(),
        },
        Scope::Person { name, from, to } => {
            let wanted = name.trim().to_lowercase();
            let person = journal
                .people()?
                .into_iter()
                .map(|(p, _)| p.name)
                .find(|p| p.to_lowercase() == wanted)
                .ok_or_else(|| SummaryError::UnknownPerson { name: name.trim().to_owned() })?;
            Resolved {
                from: *from,
                to: *to,
                kicker: "Attune · one relationship",
                title: format!("My relationship with {person}"),
                person: Some(person),
                after_dates: String::new(),
            }
        }
        Scope::Integration => {
            let plan = exercises::plan(journal)?.ok_or(SummaryError::NoPlan)?;
            let end = plan.retreat_end.checked_add_days(Days::new(PLAN_DAYS)).unwrap_or(plan.retreat_end);
            Resolved {
                from: Some(plan.retreat_end),
                to: Some(end),
                person: None,
                kicker: "Attune · integration",
                title: "My integration period".into(),
                after_dates: format!(", from the last day of the retreat to {PLAN_DAYS} days after it"),
            }
        }
    };
    if let (Some(from), Some(to)) = (resolved.from, resolved.to)
        && to < from
    {
        return Err(SummaryError::BadRange { from, to });
    }
    Ok(resolved)
}

/// Builds the summary `request` asks for; `today` is the day it is made.
pub fn summary(
    journal: &Journal<'_>,
    catalogue: &Catalogue,
    request: &SummaryRequest,
    today: NaiveDate,
) -> Result<Summary, SummaryError> {
    let scope = resolve(journal, &request.scope)?;
    let mut entries = journal.entries_between(scope.from, scope.to)?;
    entries.retain(|e| !request.exclude.contains(&e.entry.id));
    if let Some(person) = &scope.person {
        entries.retain(|e| e.entry.people.iter().any(|p| p == person));
    }
    let names: Vec<String> = journal.people()?.into_iter().map(|(p, _)| p.name).collect();
    // The summary is written in English, so English is the language of unclear entries.
    let found = insights::compute(&entries, catalogue, &names, insights::Language::English);

    let first = scope.from.or(entries.first().map(|e| e.entry.local_day));
    let last = scope.to.or(entries.last().map(|e| e.entry.local_day));
    let dates = match (first, last) {
        (Some(first), Some(last)) => period(first, last),
        _ => "Nothing written yet".to_owned(),
    };
    let on = |section| request.includes(section);
    Ok(Summary {
        kicker: scope.kicker.to_owned(),
        title: scope.title,
        dates: format!("{dates}{}", scope.after_dates),
        from: first,
        to: last,
        made: format!("Made with Attune on {}.", long_date(today)),
        footer: format!("Attune · {dates}"),
        made_on: today,
        entries: count(entries.len()),
        counts: counts(&entries),
        practised: if on(Section::Practised) { practised(&entries, catalogue) } else { Vec::new() },
        scores: if on(Section::Scores) { score_tables(&found) } else { Vec::new() },
        charts: match (on(Section::Charts), first, last) {
            (true, Some(first), Some(last)) => charts(&found, catalogue, first, last),
            _ => Vec::new(),
        },
        patterns: if on(Section::Patterns) { noticed(&found) } else { Vec::new() },
        excerpts: if on(Section::Excerpts) { excerpts(&entries, catalogue, request) } else { Vec::new() },
        notes: if on(Section::Notes) { notes(&entries) } else { Vec::new() },
        disclaimer: format!(
            "{} This summary was made by the person who wrote these entries, who chose what it includes.",
            exercises::DISCLAIMER
        ),
        entry_ids: entries.iter().map(|e| e.entry.id).collect(),
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// "1 March 2026".
pub(crate) fn long_date(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}

/// "1 March – 31 May 2026", "30 December 2025 – 2 January 2026", "1 March 2026".
fn period(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        long_date(first)
    } else if first.year() == last.year() {
        format!("{} – {}", first.format("%-d %B"), long_date(last))
    } else {
        format!("{} – {}", long_date(first), long_date(last))
    }
}

fn counts(entries: &[Scanned]) -> Vec<Count> {
    let journal = entries.iter().filter(|e| e.entry.kind == EntryKind::Journal).count();
    let mut days: Vec<NaiveDate> = entries.iter().map(|e| e.entry.local_day).collect();
    days.dedup();
    let count_of = |value: usize, label: &str| Count { value: count(value), label: label.to_owned() };
    vec![
        count_of(entries.len(), "entries"),
        count_of(journal, "journal entries"),
        count_of(entries.len() - journal, "exercises"),
        count_of(days.len(), "days with an entry"),
    ]
}

fn pack_title(entry: &Entry, catalogue: &Catalogue) -> String {
    let pack = entry.exercise.as_ref().and_then(|x| catalogue.get(&x.id));
    pack.map_or_else(|| entry.title.clone(), |p| p.title().to_owned())
}

fn practised(entries: &[Scanned], catalogue: &Catalogue) -> Vec<Practised> {
    let mut by_pack: BTreeMap<&str, Practised> = BTreeMap::new();
    for entry in entries.iter().map(|s| &s.entry) {
        let Some(exercise) = &entry.exercise else { continue };
        let day = long_date(entry.local_day);
        let row = by_pack.entry(exercise.id.as_str()).or_insert_with(|| Practised {
            pack_id: exercise.id.clone(),
            title: pack_title(entry, catalogue),
            count: 0,
            first: day.clone(),
            last: String::new(),
        });
        row.count += 1;
        row.last = day;
    }
    let mut rows: Vec<Practised> = by_pack.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.title.cmp(&b.title)));
    rows
}

fn place(fraction: f64, words: &str) -> Place {
    Place { fraction: fraction.clamp(0.0, 1.0), words: words.to_owned() }
}

fn series_title(pack_title: &str, person: Option<&str>) -> String {
    match person {
        Some(person) => format!("{pack_title} · {person}"),
        None => pack_title.to_owned(),
    }
}

fn score_tables(found: &Insights) -> Vec<ScoreTable> {
    let mut tables: Vec<ScoreTable> = Vec::new();
    for trend in &found.score_trends {
        let (Some(first), Some(last)) = (trend.points.first(), trend.points.last()) else { continue };
        // One table per exercise; for exercises about a person, each row names whom.
        let title = trend.pack_title.clone();
        let row = ScoreRow {
            label: match &trend.person {
                Some(person) => format!("{person}: {}", trend.label),
                None => trend.label.clone(),
            },
            sessions: count(trend.points.len()),
            earliest: place(first.fraction, &first.band_words),
            latest: place(last.fraction, &last.band_words),
        };
        match tables.last_mut() {
            Some(table) if table.title == title => table.rows.push(row),
            _ => tables.push(ScoreTable { title, rows: vec![row] }),
        }
    }
    tables
}

fn charts(found: &Insights, catalogue: &Catalogue, first: NaiveDate, last: NaiveDate) -> Vec<Chart> {
    let span = (last - first).num_days().max(1) as f64;
    let mut trends: Vec<_> = found.score_trends.iter().filter(|t| t.points.len() >= 2).collect();
    // The longest series first: they say the most about a period.
    trends.sort_by_key(|t| std::cmp::Reverse(t.points.len()));
    trends
        .into_iter()
        .take(MAX_CHARTS)
        .map(|trend| {
            let score = catalogue.get(&trend.pack_id).and_then(|p| p.score(&trend.score_id));
            let bands = score.map_or_else(
                || vec![ChartBand { from: 0.0, to: 1.0, words: String::new() }],
                |s| s.bands.iter().map(|b| ChartBand { from: b.from, to: b.to, words: b.words.clone() }).collect(),
            );
            let at = |day: NaiveDate| ((day - first).num_days() as f64 / span).clamp(0.0, 1.0);
            let points: Vec<ChartPoint> =
                trend.points.iter().map(|p| ChartPoint { x: at(p.day), y: p.fraction.clamp(0.0, 1.0) }).collect();
            // A long daily series reads better as weekly means over the faint daily line.
            let weekly = if points.len() > WEEKLY_AFTER { weekly_means(&trend.points, first, &at) } else { Vec::new() };
            let mut subtitle = series_title(&trend.pack_title, trend.person.as_deref());
            if !weekly.is_empty() {
                subtitle.push_str(" · the line is the mean of each week");
            }
            Chart {
                title: trend.label.clone(),
                subtitle,
                bands,
                points,
                weekly,
                start: first.format("%-d %b %Y").to_string(),
                end: last.format("%-d %b %Y").to_string(),
            }
        })
        .collect()
}

/// A chart with more points than this also gets weekly means.
const WEEKLY_AFTER: usize = 60;

/// The mean fraction of each seven days from `first`, placed at the week's middle.
fn weekly_means(points: &[ScorePoint], first: NaiveDate, at: &dyn Fn(NaiveDate) -> f64) -> Vec<ChartPoint> {
    let mut weeks: BTreeMap<i64, (f64, u32)> = BTreeMap::new();
    for p in points {
        let week = weeks.entry((p.day - first).num_days().div_euclid(7)).or_default();
        week.0 += p.fraction;
        week.1 += 1;
    }
    weeks
        .into_iter()
        .map(|(week, (sum, n))| {
            let middle = first.checked_add_days(Days::new(u64::try_from(week * 7 + 3).unwrap_or(0))).unwrap_or(first);
            ChartPoint { x: at(middle), y: (sum / f64::from(n)).clamp(0.0, 1.0) }
        })
        .collect()
}

fn noticed(found: &Insights) -> Vec<Noticed> {
    let basis = |n: usize| if n == 1 { "from 1 entry".to_owned() } else { format!("from {n} entries") };
    let pattern = found.patterns.iter().map(|p| (p.message.clone(), p.entries.clone()));
    let contact = found.contact.iter().map(|c| (c.message.clone(), c.entries.clone()));
    let reciprocity = found.reciprocity.iter().map(|r| (r.message.clone(), r.entries.clone()));
    pattern
        .chain(contact)
        .chain(reciprocity)
        .filter(|(text, _)| !text.is_empty())
        .map(|(text, entries)| Noticed { basis: basis(entries.len()), text, entries })
        .collect()
}

fn excerpts(entries: &[Scanned], catalogue: &Catalogue, request: &SummaryRequest) -> Vec<Excerpt> {
    let chosen: Vec<Excerpt> = entries
        .iter()
        .rev()
        .filter(|e| request.excerpts.as_ref().is_none_or(|ids| ids.contains(&e.entry.id)))
        .filter_map(|e| excerpt(e, catalogue))
        .take(if request.excerpts.is_some() { usize::MAX } else { MAX_EXCERPTS })
        .collect();
    chosen.into_iter().rev().collect()
}

fn excerpt(scanned: &Scanned, catalogue: &Catalogue) -> Option<Excerpt> {
    let entry = &scanned.entry;
    let pack = catalogue.get(&entry.exercise.as_ref()?.id)?;
    let (answers, _) = insights::stored_answers(scanned.answers.as_deref());
    let mut items = Vec::new();
    for step in pack.steps() {
        let item = match (&step.kind, answers.get(step.id.as_str())) {
            (_, Some(Answer::Text(text))) if !text.trim().is_empty() => Some(text.trim().to_owned()),
            (_, Some(Answer::Commitment(c))) => Some(c.current_intention().to_owned()),
            _ => None,
        };
        let checklist = match (&step.kind, answers.get(step.id.as_str())) {
            (StepKind::Checklist { items }, Some(Answer::Checklist(marks))) => items
                .iter()
                .filter_map(|item| {
                    let mark = match marks.get(&item.id)? {
                        Mark::Yes => "yes",
                        Mark::Sometimes => "sometimes",
                        Mark::No => "no",
                    };
                    Some(ChecklistRow { label: item.label.clone(), mark: mark.to_owned() })
                })
                .collect(),
            _ => Vec::new(),
        };
        if item.is_some() || !checklist.is_empty() {
            items.push(ExcerptItem { prompt: step.prompt.clone(), text: item, checklist });
        }
    }
    if items.is_empty() {
        return None;
    }
    let mut title = pack.title().to_owned();
    if let Some(person) = answers.person(pack) {
        title = format!("{title} · {person}");
    }
    Some(Excerpt { entry_id: entry.id, date: long_date(entry.local_day), title, items })
}

fn notes(entries: &[Scanned]) -> Vec<Note> {
    entries
        .iter()
        .map(|s| &s.entry)
        .filter(|e| e.kind == EntryKind::Journal)
        .map(|e| {
            let mut meta: Vec<String> = Vec::new();
            if let Some(mood) = e.mood {
                meta.push(format!("mood: {}", mood.label()));
            }
            meta.extend(e.tags.iter().map(|t| format!("#{t}")));
            meta.extend(e.people.iter().cloned());
            Note {
                entry_id: e.id,
                date: format!("{}, {}", e.created_at.format("%A %-d %B %Y"), e.created_at.format("%H:%M")),
                title: e.title.trim().to_owned(),
                meta: meta.join(" · "),
                paragraphs: e.body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect(),
            }
        })
        .collect()
}
