//! PDF summaries and the recovery sheet, made from real encrypted vaults and checked with
//! poppler (`pdftotext`, `pdffonts`, `pdftoppm`) and `qpdf --check`, as a reader's tools see
//! them. Page 1 of each is also written as a PNG to `target/summary-preview/` to look at.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use common::fixtures::{Note, day, note, record, vault_at};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use attune::Vault;
use attune::exercises::{self, Answer, Catalogue, CheckIn, Commitment, Mark, Plan, Rhythm};
use attune::journal::Entry;
use attune::summary::{self, Scope, Section, SummaryError, SummaryRequest};

/// The vault's clock in every test here.
const NOW: &str = "2026-06-02T09:00:00+02:00";

/// Entries here are written at a quarter past eight in the evening of their day.
fn at(day: &str) -> Option<attune::time::Timestamp> {
    common::fixtures::on(day, "20:15:00")
}

fn checkin(calm: u8, tense: u8) -> Answer {
    Answer::Checkin(CheckIn {
        calm: Some(calm),
        relaxed: Some(calm),
        tense: Some(tense),
        anxious: Some(tense),
        ..CheckIn::default()
    })
}

/// A month of March 2026: notes in three scripts, daily check-ins, reflections on Zoë, a
/// boundaries checklist with a commitment.
struct March {
    dir: tempfile::TempDir,
    vault: Vault,
    hard_talk: Entry,
    private_note: Entry,
    zoe_reflection: Entry,
}

fn march() -> March {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(&dir.path().join("vault"), NOW);
    let journal = vault.journal();
    note(
        &journal,
        at("2026-03-01"),
        Note {
            title: "Home again",
            body: "Walked by the river and felt steady.\n\nThe café was warm; crème brûlée with Zoë.",
            mood: Some(4),
            tags: &["retreat"],
            people: &["Zoë"],
        },
    );
    note(
        &journal,
        at("2026-03-03"),
        Note {
            title: "Ελένη",
            body: "Μια ήσυχη μέρα με την Ελένη. Дмитрий позвонил вечером.",
            mood: Some(3),
            ..Note::default()
        },
    );
    let private_note = note(
        &journal,
        at("2026-03-09"),
        Note {
            title: "Not for the summary",
            body: "A private matter about the landlord.",
            mood: Some(2),
            tags: &["home"],
            ..Note::default()
        },
    );
    for (i, (calm, tense)) in [(1, 3), (2, 3), (2, 2), (3, 1), (3, 2), (4, 1), (4, 0)].into_iter().enumerate() {
        let on = format!("2026-03-{:02}", 2 + i * 4);
        record(
            &journal,
            "nervous-system-checkin",
            at(&on),
            &[("now", checkin(calm, tense)), ("need", Answer::Text("A slow walk after lunch.".into()))],
        );
    }
    let feel = |a, b| Answer::Checklist(BTreeMap::from([("valued".into(), a), ("can-ask".into(), b)]));
    for (on, a, b, balance) in [
        ("2026-03-05", Mark::No, Mark::Sometimes, 1),
        ("2026-03-12", Mark::Sometimes, Mark::Sometimes, 2),
        ("2026-03-19", Mark::Yes, Mark::Sometimes, 3),
    ] {
        record(
            &journal,
            "reciprocity",
            at(on),
            &[("who", Answer::Person("Zoë".into())), ("feel", feel(a, b)), ("balance", Answer::Scale(balance))],
        );
    }
    let zoe_reflection = record(
        &journal,
        "reciprocity",
        at("2026-03-26"),
        &[
            ("who", Answer::Person("Zoë".into())),
            ("feel", feel(Mark::Yes, Mark::Yes)),
            ("balance", Answer::Scale(4)),
            ("after-time", Answer::Text("Lighter, and a little tired in a good way.".into())),
        ],
    );
    let hard_talk = record(
        &journal,
        "boundaries",
        at("2026-03-20"),
        &[
            (
                "time",
                Answer::Checklist(BTreeMap::from([("overcommit".into(), Mark::Yes), ("rest".into(), Mark::Sometimes)])),
            ),
            ("moment", Answer::Text("The hard talk with my sister about the weekend.".into())),
            (
                "practice",
                Answer::Commitment(Commitment {
                    intention: "Ask for help before I am exhausted.".into(),
                    review_after_days: 7,
                    reviews: vec![],
                }),
            ),
        ],
    );
    note(
        &journal,
        at("2026-04-02"),
        Note { title: "April", body: "Outside the month.", mood: Some(3), ..Note::default() },
    );
    March { dir, vault, hard_talk, private_note, zoe_reflection }
}

fn march_request() -> SummaryRequest {
    SummaryRequest::new(Scope::Range { from: Some(day("2026-03-01")), to: Some(day("2026-03-31")) })
}

fn render(vault: &Vault, request: &SummaryRequest) -> Vec<u8> {
    render_in(vault, request, "en")
}

/// The summary in `locale`: the packs in that language too, as a session in it reads them.
fn render_in(vault: &Vault, request: &SummaryRequest, locale: &str) -> Vec<u8> {
    let journal = vault.journal();
    let catalogue = exercises::library(&journal).unwrap().localized(locale);
    let words = attune::i18n::Words::new(locale);
    let made = summary::summary(&journal, &catalogue, request, day("2026-06-02"), &words).unwrap();
    summary::render_pdf(&made).unwrap()
}

/// The document language a PDF declares (its catalogue's /Lang).
fn document_language(pdf: &Path) -> String {
    let dir = pdf.parent().unwrap();
    let plain = dir.join("plain.pdf");
    tool("qpdf", &["--qdf", "--object-streams=disable", pdf.to_str().unwrap(), plain.to_str().unwrap()]);
    let bytes = std::fs::read(&plain).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let at = text.find("/Lang (").expect("the PDF declares its language") + "/Lang (".len();
    text[at..].split(')').next().unwrap().to_owned()
}

fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| {
        panic!("{program} is needed for this test ({e}): scripts/setup.sh --test installs poppler-utils and qpdf")
    });
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn save(dir: &Path, name: &str, pdf: &[u8]) -> PathBuf {
    let path = dir.join(name);
    summary::write_private(&path, pdf).unwrap();
    path
}

/// The PDF's text with runs of white space folded to one space.
fn text_of(pdf: &Path) -> String {
    let raw = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn preview(pdf: &Path, name: &str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("summary-preview");
    std::fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join(name);
    std::fs::copy(pdf, dir.join(format!("{name}.pdf"))).unwrap();
    tool(
        "pdftoppm",
        &["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    assert!(dir.join(format!("{name}.png")).is_file());
}

#[test]
fn a_months_summary_has_its_headings_dates_words_and_embedded_fonts() {
    let m = march();
    let pdf = save(m.dir.path(), "march.pdf", &render(&m.vault, &march_request()));
    preview(&pdf, "march");
    let text = text_of(&pdf);
    for expected in [
        "My reflections",
        "1 March – 31 March 2026",
        "Made with Attune on 2 June 2026.",
        "What was practised",
        "Daily check-in: body and nervous system",
        "Scores",
        "Sense of ease",
        "Over time",
        "What the entries suggest",
        "From the exercises",
        "The hard talk with my sister about the weekend.",
        "Ask for help before I am exhausted.",
        "Journal",
        "Walked by the river and felt steady.",
        "crème brûlée with Zoë",
        "Μια ήσυχη μέρα με την Ελένη.",
        "Дмитрий позвонил вечером.",
        "not therapy",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "the PDF should contain {expected:?}; it reads:\n{text}");
    }
    assert!(!text.contains("Outside the month"), "April is outside the range");
    assert!(text.contains("☑") || text.contains("☐"), "the checklist marks come from the fallback font");

    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "Inter, Libertinus Serif and DejaVu Sans at least:\n{fonts}");
    for row in &rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns.len() - 5; // name type encoding emb sub uni object ID: read from the right
        assert_eq!(columns[emb], "yes", "every font is embedded:\n{fonts}");
    }
    for family in ["Inter", "LibertinusSerif", "DejaVuSans"] {
        assert!(fonts.contains(family), "{family} should be embedded:\n{fonts}");
    }
}

#[test]
fn hostile_text_is_printed_literally_and_never_run() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(&dir.path().join("vault"), NOW);
    let journal = vault.journal();
    let hostile = r#"#panic("boom") ] [ $x^2$ \ "quoted" #set page(fill: red) *not bold* <label> @ref // not a comment /* nor this */ #{1 + 1} `raw`"#;
    note(
        &journal,
        at("2026-03-02"),
        Note { title: "#import \"evil.typ\": * ]", body: hostile, tags: &["#tag]"], ..Note::default() },
    );
    record(
        &journal,
        "nervous-system-checkin",
        at("2026-03-03"),
        &[("need", Answer::Text(format!("{hostile} #read(\"/etc/passwd\")")))],
    );
    let pdf = save(dir.path(), "hostile.pdf", &render(&vault, &march_request()));
    let text = text_of(&pdf);
    for literal in [
        "#panic(\"boom\") ] [ $x^2$ \\ \"quoted\" #set page(fill: red) *not bold* <label> @ref // not a comment /* nor this */ #{1 + 1} `raw`",
        "#import \"evil.typ\": * ]",
        "#read(\"/etc/passwd\")",
        "#tag]",
    ] {
        assert!(text.contains(literal), "{literal:?} should appear as written; the PDF reads:\n{text}");
    }
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
}

#[test]
fn excluded_entries_and_switched_off_sections_are_left_out() {
    let m = march();
    let mut request = march_request();
    request.exclude = vec![m.private_note.id, m.hard_talk.id];
    request.without = vec![Section::Charts, Section::Patterns];
    let journal = m.vault.journal();
    let made = summary::summary(
        &journal,
        &exercises::library(&journal).unwrap(),
        &request,
        day("2026-06-02"),
        &attune::i18n::Words::default(),
    )
    .unwrap();
    assert!(!made.entry_ids.contains(&m.private_note.id) && !made.entry_ids.contains(&m.hard_talk.id));
    assert!(made.charts.is_empty() && made.patterns.is_empty());
    let pdf = save(m.dir.path(), "excluded.pdf", &render(&m.vault, &request));
    let text = text_of(&pdf);
    for absent in [
        "Not for the summary",
        "landlord",
        "hard talk with my sister",
        "Ask for help",
        "Over time",
        "What the entries suggest",
        "left out",
        "excluded",
    ] {
        assert!(!text.contains(absent), "{absent:?} should not be in the PDF:\n{text}");
    }
    assert!(
        !text.contains("Boundaries") && !text.contains("boundaries"),
        "the excluded exercise is not even counted:\n{text}"
    );
    assert!(text.contains("Walked by the river"), "the other notes stay");
}

#[test]
fn a_summary_of_one_person_holds_only_the_entries_about_them() {
    let m = march();
    let request = SummaryRequest::new(Scope::Person { name: "zoë".into(), from: None, to: None });
    let journal = m.vault.journal();
    let made = summary::summary(
        &journal,
        &exercises::library(&journal).unwrap(),
        &request,
        day("2026-06-02"),
        &attune::i18n::Words::default(),
    )
    .unwrap();
    assert_eq!(made.title, "My relationship with Zoë", "the name as the register spells it");
    assert_eq!(made.entries, 5, "the note naming Zoë and four reflections on her");
    assert!(made.entry_ids.contains(&m.zoe_reflection.id));
    assert!(made.notes.iter().all(|n| n.title == "Home again"));
    let unknown = summary::summary(
        &journal,
        &Catalogue::builtin().unwrap(),
        &SummaryRequest::new(Scope::Person { name: "Nobody".into(), from: None, to: None }),
        day("2026-06-02"),
        &attune::i18n::Words::default(),
    );
    assert!(matches!(unknown, Err(SummaryError::UnknownPerson { ref name }) if name == "Nobody"), "{unknown:?}");
    let pdf = save(m.dir.path(), "zoe.pdf", &render(&m.vault, &request));
    preview(&pdf, "person");
    let text = text_of(&pdf);
    assert!(
        text.contains("My relationship with Zoë") && text.contains("Lighter, and a little tired in a good way."),
        "{text}"
    );
    assert!(text.contains("not who Zoë is"), "the reciprocity trend, never a verdict:\n{text}");
    assert!(!text.contains("Ελένη") && !text.contains("sister"), "entries about others are not in it:\n{text}");
}

#[test]
fn the_integration_period_runs_from_the_retreats_last_day_to_ninety_days_after() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(&dir.path().join("vault"), NOW);
    let journal = vault.journal();
    let catalogue = Catalogue::builtin().unwrap();
    let request = SummaryRequest::new(Scope::Integration);
    let none = summary::summary(&journal, &catalogue, &request, day("2026-06-02"), &attune::i18n::Words::default());
    assert!(matches!(none, Err(SummaryError::NoPlan)), "{none:?}");

    let plan = Plan {
        retreat_end: day("2026-02-28"),
        daily: "nervous-system-checkin".into(),
        weekly: vec!["boundaries".into()],
        rhythm: Rhythm::Daily,
    };
    exercises::set_plan(&journal, &catalogue, &plan).unwrap();
    note(&journal, at("2026-02-27"), Note { body: "During the retreat.", ..Note::default() });
    let last_day = note(&journal, at("2026-02-28"), Note { body: "The last day of the retreat.", ..Note::default() });
    let day_90 = note(&journal, at("2026-05-29"), Note { body: "Ninety days after.", ..Note::default() });
    note(&journal, at("2026-05-30"), Note { body: "Ninety-one days after.", ..Note::default() });
    let made =
        summary::summary(&journal, &catalogue, &request, day("2026-06-02"), &attune::i18n::Words::default()).unwrap();
    assert_eq!((made.from, made.to), (Some(day("2026-02-28")), Some(day("2026-05-29"))));
    assert_eq!(made.entry_ids, [last_day.id, day_90.id]);
    assert!(made.dates.starts_with("28 February – 29 May 2026"), "{}", made.dates);
}

#[test]
fn text_no_shipped_font_has_comes_from_a_system_font_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(&dir.path().join("vault"), NOW);
    note(&vault.journal(), at("2026-03-02"), Note { body: "静かな夜。Quiet night.", ..Note::default() });
    let pdf = save(dir.path(), "cjk.pdf", &render(&vault, &march_request()));
    let text = text_of(&pdf);
    assert!(text.contains("Quiet night."));
    let has_cjk_font = Command::new("fc-list").arg(":lang=ja").output().is_ok_and(|o| !o.stdout.is_empty());
    if has_cjk_font {
        assert!(text.contains("静かな夜"), "a system CJK font should have been used:\n{text}");
    } else {
        eprintln!("no CJK font on this system: the characters cannot be shown, as documented");
    }
}

#[test]
fn a_summary_in_portuguese_or_spanish_speaks_it_throughout_and_declares_it() {
    let m = march();
    for (locale, expected) in [
        (
            "pt-BR",
            [
                "Minhas reflexões",
                "1 de março – 31 de março de 2026",
                "Feito com o Attune em 2 de junho de 2026.",
                "O que foi praticado",
                "Check-in diário",
                "Não são terapia",
                "Página 1 de",
            ],
        ),
        (
            "es",
            [
                "Mis reflexiones",
                "1 de marzo – 31 de marzo de 2026",
                "Hecho con Attune el 2 de junio de 2026.",
                "Lo que se practicó",
                "Chequeo diario",
                "No son terapia",
                "Página 1 de",
            ],
        ),
    ] {
        let pdf = save(m.dir.path(), &format!("march-{locale}.pdf"), &render_in(&m.vault, &march_request(), locale));
        preview(&pdf, &format!("march-{locale}"));
        let text = text_of(&pdf);
        for words in expected {
            assert!(text.contains(words), "{locale}: {words:?} missing from the summary:\n{text}");
        }
        for english in ["What was practised", "My reflections", "Made with Attune", "Page 1", "Sense of ease"] {
            assert!(!text.contains(english), "{locale}: {english:?} is still English:\n{text}");
        }
        assert_eq!(document_language(&pdf), locale, "the PDF declares its language");
    }
    let sheet = save(
        m.dir.path(),
        "recovery-pt.pdf",
        &summary::recovery_sheet(&["abandon"; 24], day("2026-06-02"), &attune::i18n::Words::new("pt-BR")).unwrap(),
    );
    let text = text_of(&sheet);
    assert!(text.contains("Sua frase de recuperação") && text.contains("2 de junho de 2026"), "{text}");
    assert_eq!(document_language(&sheet), "pt-BR");
}

#[test]
fn the_recovery_sheet_numbers_the_24_words_and_says_how_to_keep_them() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (1..=24).map(|i| format!("word{i:02}")).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let pdf = save(
        dir.path(),
        "recovery.pdf",
        &summary::recovery_sheet(&refs, day("2026-06-02"), &attune::i18n::Words::default()).unwrap(),
    );
    preview(&pdf, "recovery");
    let text = text_of(&pdf);
    for expected in [
        "Your recovery phrase",
        "1. word01",
        "12. word12",
        "24. word24",
        "What it is for",
        "Keep it safe",
        "only into Attune",
        "2 June 2026",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the recovery sheet:\n{text}");
    }
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let short = summary::recovery_sheet(&refs[..12], day("2026-06-02"), &attune::i18n::Words::default());
    assert!(matches!(short, Err(SummaryError::RecoveryWords { count: 12 })), "{short:?}");
}

#[test]
fn a_long_daily_series_is_drawn_with_weekly_means() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(&dir.path().join("vault"), NOW);
    let journal = vault.journal();
    let start = day("2026-01-05"); // a Monday
    for i in 0..84u64 {
        let on = start.checked_add_days(chrono::Days::new(i)).unwrap().to_string();
        // Calm rises by one step each fortnight; tense falls.
        let calm = u8::try_from((i / 14).min(4)).unwrap();
        record(&journal, "nervous-system-checkin", at(&on), &[("now", checkin(calm, 4 - calm))]);
    }
    let request = SummaryRequest::new(Scope::Range { from: Some(start), to: Some(day("2026-03-29")) });
    let made = summary::summary(
        &journal,
        &Catalogue::builtin().unwrap(),
        &request,
        day("2026-06-02"),
        &attune::i18n::Words::default(),
    )
    .unwrap();
    let ease = made.charts.iter().find(|c| c.title == "Sense of ease").unwrap();
    assert_eq!(ease.points.len(), 84);
    assert_eq!(ease.weekly.len(), 12, "twelve weeks of means");
    // Week 1: calm 0 and relaxed 0 of 8: 0. Week 3 (days 14-20): calm 1, relaxed 1: 2 of 8.
    assert_eq!((ease.weekly[0].y, ease.weekly[2].y), (0.0, 0.25));
    assert!(ease.subtitle.ends_with("the mean of each week"), "{}", ease.subtitle);
    let pdf = save(dir.path(), "long.pdf", &summary::render_pdf(&made).unwrap());
    preview(&pdf, "long-series");
}
