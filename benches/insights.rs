//! The insights and summaries benchmark: five years of daily use (2,000 journal entries and
//! 2,000 exercises) for the insights, and a year of daily entries set as a PDF summary. Writes
//! `target/bench/insights.json` and prints a table.
//!
//! `npm run bench` (or `cargo bench --bench insights`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // bench code: a failed step should stop the run

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attune::exercises::{Answer, Answers, Catalogue, CheckIn, Mark, Pack, StepKind, score};
use attune::insights::{self, InsightsQuery};
use attune::journal::{EntryRecord, Person};
use attune::summary::{self, Scope, Section, SummaryRequest};
use attune::time::{FixedClock, Timestamp};
use attune::{KdfChoice, KdfParams, Passphrase, Vault};

mod common;
use common::figure;

const PASS: &str = "benchmark passphrase, long enough";
const PEOPLE: &[&str] = &["Sam", "Noor", "Alex", "Mira", "Jonas", "Ines"];
const TAGS: &[&str] = &["work", "family", "walk", "retreat", "sleep", "friends"];
const WORDS: &[&str] = &[
    "the",
    "I",
    "and",
    "to",
    "a",
    "of",
    "it",
    "was",
    "in",
    "that",
    "my",
    "me",
    "felt",
    "with",
    "for",
    "about",
    "but",
    "not",
    "so",
    "when",
    "today",
    "this",
    "after",
    "again",
    "still",
    "time",
    "more",
    "because",
    "day",
    "work",
    "home",
    "call",
    "talked",
    "morning",
    "evening",
    "night",
    "tired",
    "calm",
    "tense",
    "safe",
    "anxious",
    "relaxed",
    "heavy",
    "light",
    "chest",
    "shoulders",
    "breath",
    "walk",
    "river",
    "garden",
    "kitchen",
    "phone",
    "message",
    "boundary",
    "asked",
    "listened",
    "quiet",
    "rest",
    "sleep",
    "coffee",
    "train",
    "office",
    "meeting",
    "laughed",
    "cried",
    "hug",
    "letter",
    "mother",
    "father",
    "sister",
    "brother",
    "friend",
    "partner",
    "colleague",
    "noticed",
    "grateful",
    "patient",
    "angry",
    "hurt",
    "enough",
    "space",
    "slowly",
    "softly",
    "honest",
    "careful",
    "needed",
];

/// xorshift64*: deterministic, so every run builds the same vaults.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    /// 150 to 350 words of everyday writing, in paragraphs.
    fn body(&mut self) -> String {
        let words = 150 + self.below(200);
        let mut out = String::with_capacity(words * 7);
        for i in 0..words {
            if i > 0 {
                out.push_str(match self.below(60) {
                    0 => ".\n\n",
                    1..=6 => ". ",
                    7..=9 => ", ",
                    _ => " ",
                });
            }
            out.push_str(self.pick(WORDS));
        }
        out.push('.');
        out
    }
}

/// Random answers to every step of `pack` that takes one.
fn answers(pack: &Pack, rng: &mut Rng) -> Answers {
    let mut answers = Answers::new();
    for step in pack.steps() {
        let level = |rng: &mut Rng| Some(rng.below(5) as u8);
        let answer = match &step.kind {
            StepKind::Text { .. } => {
                Answer::Text(format!("{} {} {}", rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS)))
            }
            StepKind::Scale(scale) => Answer::Scale(scale.min + rng.below((scale.max - scale.min + 1) as usize) as i32),
            StepKind::Checklist { items } => Answer::Checklist(
                items.iter().map(|i| (i.id.clone(), [Mark::Yes, Mark::Sometimes, Mark::No][rng.below(3)])).collect(),
            ),
            StepKind::Person => Answer::Person(rng.pick(PEOPLE).to_owned()),
            StepKind::CheckIn { .. } => Answer::Checkin(CheckIn {
                calm: level(rng),
                relaxed: level(rng),
                safe: level(rng),
                anxious: level(rng),
                tense: level(rng),
                obsessive: level(rng),
                ..CheckIn::default()
            }),
            _ => continue,
        };
        answers.insert(step.id.clone(), answer);
    }
    answers
}

fn record(kind: &str, at: Timestamp, body: serde_json::Value) -> EntryRecord {
    let mut value = serde_json::json!({
        "id": uuid::Uuid::now_v7(),
        "kind": kind,
        "created_at": at.to_rfc3339(),
        "updated_at": at.to_rfc3339(),
    });
    if let (Some(map), serde_json::Value::Object(extra)) = (value.as_object_mut(), body) {
        map.extend(extra);
    }
    serde_json::from_value(value).expect("synthetic record")
}

fn journal_record(rng: &mut Rng, at: Timestamp) -> EntryRecord {
    let tags: Vec<&str> =
        (0..rng.below(3)).map(|_| rng.pick(TAGS)).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let people: Vec<&str> = if rng.below(3) == 0 { vec![rng.pick(PEOPLE)] } else { vec![] };
    record(
        "journal",
        at,
        serde_json::json!({"title": "", "body": rng.body(), "mood": 1 + rng.below(5), "tags": tags, "people": people}),
    )
}

fn exercise_record(rng: &mut Rng, pack: &Pack, at: Timestamp) -> EntryRecord {
    let answers = answers(pack, rng);
    let scores = score(pack, &answers);
    let person = answers.person(pack).map(|p| vec![p.to_owned()]).unwrap_or_default();
    record(
        "exercise",
        at,
        serde_json::json!({
            "exercise": pack.exercise_ref(),
            "title": pack.title(),
            "answers": {"answers": answers.to_json().unwrap(), "scores": scores},
            "people": person,
        }),
    )
}

fn fresh_vault(dir: &Path, now: Timestamp) -> Vault {
    let _ = std::fs::remove_dir_all(dir);
    let pass = Passphrase::new(PASS.to_owned());
    Vault::create_with_clock(dir, &pass, KdfChoice::Fixed(KdfParams::MINIMUM), Box::new(FixedClock(now))).unwrap().0
}

fn people() -> Vec<Person> {
    PEOPLE.iter().map(|p| Person { name: (*p).to_owned(), relationship: String::new(), archived: false }).collect()
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new("target").to_owned())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = target_dir().join("bench");
    std::fs::create_dir_all(&out_dir)?;
    let now: Timestamp = "2026-06-01T21:00:00+02:00".parse()?;
    let catalogue = Catalogue::builtin()?;
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut figures = Vec::new();

    // Five years: 2,000 journal entries and 2,000 exercises, spread over 1,826 days.
    let mix: [(&str, usize); 5] = [
        ("nervous-system-checkin", 1200),
        ("contact-checkin", 350),
        ("reciprocity", 200),
        ("boundaries", 125),
        ("relationship-health", 125),
    ];
    let mut records = Vec::new();
    let minutes_in_five_years = 5 * 365 * 24 * 60;
    for i in 0..2000usize {
        let at = now - chrono::Duration::minutes((minutes_in_five_years * (2000 - i) / 2000) as i64);
        records.push(journal_record(&mut rng, at));
    }
    let total: usize = mix.iter().map(|(_, n)| n).sum();
    let mut k = 0;
    for (pack_id, n) in mix {
        let pack = catalogue.get(pack_id).expect("built-in pack");
        for _ in 0..n {
            // Spread each pack's sessions over the years, interleaved with the others.
            let at = now - chrono::Duration::minutes((minutes_in_five_years * (total - k) / total) as i64 + 7);
            records.push(exercise_record(&mut rng, pack, at));
            k += 1;
        }
    }
    let vault = fresh_vault(&out_dir.join("vault-insights"), now);
    let (report, fill) = timed(|| vault.journal().import(&people(), records));
    eprintln!("filled {} entries in {fill:?}", report?.added);

    let journal = vault.journal();
    let query = InsightsQuery::default();
    let (found, first) = timed(|| insights::insights(&journal, &catalogue, &query, &attune::i18n::Words::default()));
    let found = found?;
    eprintln!(
        "insights: {} entries, {} score series, {} people with reciprocity, {} with check-ins, {} co-occurrences, {} words, {} themes, {} patterns",
        found.entries,
        found.score_trends.len(),
        found.reciprocity.len(),
        found.contact.len(),
        found.co_occurrences.len(),
        found.words.len(),
        found.themes.len(),
        found.patterns.len()
    );
    let json_bytes = serde_json::to_vec(&found)?.len();
    let mut samples = vec![first];
    for _ in 0..19 {
        samples.push(timed(|| insights::insights(&journal, &catalogue, &query, &attune::i18n::Words::default())).1);
    }
    let measured = figure("insights, 4,000 entries over 5 years", &mut samples, Some("< 200 ms"));
    // Printed at once, so a quick look at the insights need not wait for the summaries.
    eprintln!(
        "insights, 4,000 entries: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        measured.p50, measured.p95, measured.max
    );
    figures.push(measured);
    let mut samples: Vec<Duration> =
        (0..20).map(|_| timed(|| insights::on_this_day(&journal, now.date_naive())).1).collect();
    figures.push(figure("on this day, 4,000 entries", &mut samples, None));

    // A year of daily entries: a note and a check-in every day, a reflection on someone weekly.
    let mut records = Vec::new();
    let checkin = catalogue.get("nervous-system-checkin").expect("built-in pack");
    let reciprocity = catalogue.get("reciprocity").expect("built-in pack");
    for day in 0..365i64 {
        let evening = now - chrono::Duration::days(365 - day);
        records.push(journal_record(&mut rng, evening));
        records.push(exercise_record(&mut rng, checkin, evening - chrono::Duration::hours(12)));
        if day % 7 == 0 {
            records.push(exercise_record(&mut rng, reciprocity, evening - chrono::Duration::hours(2)));
        }
    }
    let year = fresh_vault(&out_dir.join("vault-year"), now);
    year.journal().import(&people(), records)?;
    let journal = year.journal();
    let from = (now - chrono::Duration::days(366)).date_naive();
    let request = SummaryRequest::new(Scope::Range { from: Some(from), to: Some(now.date_naive()) });
    let mut without_notes = request.clone();
    without_notes.without = vec![Section::Notes];
    let mut pages = 0;
    for (name, request) in [
        ("summary of a year, 365 days (notes included)", &request),
        ("summary of a year, without the notes", &without_notes),
    ] {
        let mut samples = Vec::new();
        let mut bytes = 0;
        for _ in 0..5 {
            // Typst memoises layout: empty its cache so every run is a first render.
            typst::comemo::evict(0);
            let (pdf, took) = timed(|| -> Result<Vec<u8>, summary::SummaryError> {
                let made =
                    summary::summary(&journal, &catalogue, request, now.date_naive(), &attune::i18n::Words::default())?;
                summary::render_pdf(&made)
            });
            let pdf = pdf?;
            bytes = pdf.len();
            if pages == 0 {
                let path = out_dir.join("summary-year.pdf");
                summary::write_private(&path, &pdf)?;
                pages = count_pages(&path);
            }
            samples.push(took);
        }
        eprintln!("{name}: {} KB", bytes / 1024);
        let target = request.includes(Section::Notes).then_some("< 1.5 s");
        figures.push(figure(name, &mut samples, target));
    }
    let (_, took) =
        timed(|| summary::recovery_sheet(&["abandon"; 24], now.date_naive(), &attune::i18n::Words::default()));
    figures.push(figure("recovery sheet", &mut [took], None));

    let json = serde_json::json!({
        "benchmark": "insights",
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "insights_json_bytes": json_bytes,
        "year_summary_pages": pages,
        "figures": figures,
    });
    std::fs::write(out_dir.join("insights.json"), serde_json::to_string_pretty(&json)?)?;
    println!("\n{:<48} {:>9} {:>9} {:>9}  target", "operation", "p50 ms", "p95 ms", "max ms");
    for f in &figures {
        println!("{:<48} {:>9.2} {:>9.2} {:>9.2}  {}", f.name, f.p50, f.p95, f.max, f.target.as_deref().unwrap_or(""));
    }
    println!(
        "\ninsights as JSON: {} KB; the year's summary: {pages} pages; written to {}",
        json_bytes / 1024,
        out_dir.join("insights.json").display()
    );
    Ok(())
}

/// Pages in a PDF, from poppler's `pdfinfo` when it is installed (0 otherwise).
fn count_pages(path: &Path) -> usize {
    let Ok(out) = std::process::Command::new("pdfinfo").arg(path).output() else { return 0 };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
        .unwrap_or(0)
}
