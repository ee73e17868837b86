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
use crate::i18n::{DateStyle, Words};
use crate::insights::{self, Insights, ScorePoint};
use crate::journal::{Entry, EntryKind, Journal, Scanned};

/// What a summary covers once its scope is resolved.
struct Resolved {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    person: Option<String>,
    kicker: String,
    title: String,
    after_dates: String,
}

fn resolve(journal: &Journal<'_>, scope: &Scope, w: &Words) -> Result<Resolved, SummaryError> {
    let resolved = match scope {
        Scope::Range { from, to } => Resolved {
            from: *from,
            to: *to,
            person: None,
            kicker: w.get("summary-kicker-range"),
            title: w.get("summary-title-range"),
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
                kicker: w.get("summary-kicker-person"),
                title: w.with("summary-title-person", &[("person", person.as_str().into())]),
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
                kicker: w.get("summary-kicker-integration"),
                title: w.get("summary-title-integration"),
                after_dates: w.with("summary-after-dates-integration", &[("days", PLAN_DAYS.into())]),
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

/// Builds the summary `request` asks for, in `w`'s language; `today` is the day it is made.
pub fn summary(
    journal: &Journal<'_>,
    catalogue: &Catalogue,
    request: &SummaryRequest,
    today: NaiveDate,
    w: &Words,
) -> Result<Summary, SummaryError> {
    let scope = resolve(journal, &request.scope, w)?;
    let mut entries = journal.entries_between(scope.from, scope.to)?;
    entries.retain(|e| !request.exclude.contains(&e.entry.id));
    if let Some(person) = &scope.person {
        entries.retain(|e| e.entry.people.iter().any(|p| p == person));
    }
    let names: Vec<String> = journal.people()?.into_iter().map(|(p, _)| p.name).collect();
    let found = insights::compute(&entries, catalogue, &names, w);

    let first = scope.from.or(entries.first().map(|e| e.entry.local_day));
    let last = scope.to.or(entries.last().map(|e| e.entry.local_day));
    let dates = match (first, last) {
        (Some(first), Some(last)) => period(first, last, w),
        _ => w.get("summary-nothing-yet"),
    };
    let on = |section| request.includes(section);
    Ok(Summary {
        lang: w.locale().to_owned(),
        words: template_words(w),
        kicker: scope.kicker,
        title: scope.title,
        dates: format!("{dates}{}", scope.after_dates),
        from: first,
        to: last,
        made: w.with("summary-made", &[("date", w.date(today, DateStyle::Long).into())]),
        footer: w.with("summary-footer", &[("dates", dates.as_str().into())]),
        made_on: today,
        entries: count(entries.len()),
        counts: counts(&entries, w),
        practised: if on(Section::Practised) { practised(&entries, catalogue, w) } else { Vec::new() },
        scores: if on(Section::Scores) { score_tables(&found) } else { Vec::new() },
        charts: match (on(Section::Charts), first, last) {
            (true, Some(first), Some(last)) => charts(&found, catalogue, first, last, w),
            _ => Vec::new(),
        },
        patterns: if on(Section::Patterns) { noticed(&found, w) } else { Vec::new() },
        excerpts: if on(Section::Excerpts) { excerpts(&entries, catalogue, request, w) } else { Vec::new() },
        notes: if on(Section::Notes) { notes(&entries, w) } else { Vec::new() },
        disclaimer: format!("{} {}", exercises::disclaimer(w), w.get("summary-made-by-writer")),
        entry_ids: entries.iter().map(|e| e.entry.id).collect(),
    })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The fixed words of the summary template (section titles, table headings, notes), by the
/// name the template reads them under: `summary-<name>` in the catalogue.
const TEMPLATE_WORDS: [&str; 18] = [
    "page",
    "of",
    "no-entries",
    "practised",
    "exercise",
    "times",
    "first",
    "latest",
    "scores",
    "scores-note",
    "score",
    "sessions",
    "earliest",
    "over-time",
    "suggest",
    "suggest-note",
    "from-exercises",
    "journal",
];

fn template_words(w: &Words) -> BTreeMap<String, String> {
    TEMPLATE_WORDS.iter().map(|name| ((*name).to_owned(), w.get(&format!("summary-{name}")))).collect()
}

/// "1 March – 31 May 2026", "30 December 2025 – 2 January 2026", "1 March 2026" (each
/// language its own way).
fn period(first: NaiveDate, last: NaiveDate, w: &Words) -> String {
    if first == last {
        w.date(first, DateStyle::Long)
    } else if first.year() == last.year() {
        format!("{} – {}", w.date(first, DateStyle::DayMonth), w.date(last, DateStyle::Long))
    } else {
        format!("{} – {}", w.date(first, DateStyle::Long), w.date(last, DateStyle::Long))
    }
}

fn counts(entries: &[Scanned], w: &Words) -> Vec<Count> {
    let journal = entries.iter().filter(|e| e.entry.kind == EntryKind::Journal).count();
    let mut days: Vec<NaiveDate> = entries.iter().map(|e| e.entry.local_day).collect();
    days.dedup();
    let count_of =
        |value: usize, id: &str| Count { value: count(value), label: w.with(id, &[("count", value.into())]) };
    vec![
        count_of(entries.len(), "summary-count-entries"),
        count_of(journal, "summary-count-journal"),
        count_of(entries.len() - journal, "summary-count-exercises"),
        count_of(days.len(), "summary-count-days"),
    ]
}

fn pack_title(entry: &Entry, catalogue: &Catalogue) -> String {
    let pack = entry.exercise.as_ref().and_then(|x| catalogue.get(&x.id));
    pack.map_or_else(|| entry.title.clone(), |p| p.title().to_owned())
}

fn practised(entries: &[Scanned], catalogue: &Catalogue, w: &Words) -> Vec<Practised> {
    let mut by_pack: BTreeMap<&str, Practised> = BTreeMap::new();
    for entry in entries.iter().map(|s| &s.entry) {
        let Some(exercise) = &entry.exercise else { continue };
        let day = w.date(entry.local_day, DateStyle::Long);
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

fn charts(found: &Insights, catalogue: &Catalogue, first: NaiveDate, last: NaiveDate, w: &Words) -> Vec<Chart> {
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
                subtitle = format!("{subtitle} · {}", w.get("summary-weekly-line"));
            }
            Chart {
                title: trend.label.clone(),
                subtitle,
                bands,
                points,
                weekly,
                start: w.date(first, DateStyle::Short),
                end: w.date(last, DateStyle::Short),
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

fn noticed(found: &Insights, w: &Words) -> Vec<Noticed> {
    let basis = |n: usize| w.with("summary-basis", &[("count", n.into())]);
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

fn excerpts(entries: &[Scanned], catalogue: &Catalogue, request: &SummaryRequest, w: &Words) -> Vec<Excerpt> {
    let chosen: Vec<Excerpt> = entries
        .iter()
        .rev()
        .filter(|e| request.excerpts.as_ref().is_none_or(|ids| ids.contains(&e.entry.id)))
        .filter_map(|e| excerpt(e, catalogue, w))
        .take(if request.excerpts.is_some() { usize::MAX } else { MAX_EXCERPTS })
        .collect();
    chosen.into_iter().rev().collect()
}

fn excerpt(scanned: &Scanned, catalogue: &Catalogue, w: &Words) -> Option<Excerpt> {
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
                    let (mark, id) = match marks.get(&item.id)? {
                        Mark::Yes => ("yes", "mark-yes"),
                        Mark::Sometimes => ("sometimes", "mark-sometimes"),
                        Mark::No => ("no", "mark-no"),
                    };
                    Some(ChecklistRow { label: item.label.clone(), mark: mark.to_owned(), mark_words: w.get(id) })
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
    Some(Excerpt { entry_id: entry.id, date: w.date(entry.local_day, DateStyle::Long), title, items })
}

fn notes(entries: &[Scanned], w: &Words) -> Vec<Note> {
    entries
        .iter()
        .map(|s| &s.entry)
        .filter(|e| e.kind == EntryKind::Journal)
        .map(|e| {
            let mut meta: Vec<String> = Vec::new();
            if let Some(mood) = e.mood {
                let mood_words = w.get(&format!("mood-{}", mood.value()));
                meta.push(w.with("summary-mood", &[("mood", mood_words.into())]));
            }
            meta.extend(e.tags.iter().map(|t| format!("#{t}")));
            meta.extend(e.people.iter().cloned());
            Note {
                entry_id: e.id,
                date: format!(
                    "{}, {}",
                    w.date(e.created_at.date_naive(), DateStyle::Weekday),
                    e.created_at.format("%H:%M")
                ),
                title: e.title.trim().to_owned(),
                meta: meta.join(" · "),
                paragraphs: crate::attachments::links::without_references(&e.body)
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_owned)
                    .collect(),
                photos: Vec::new(),
            }
        })
        .collect()
}
