//! Insights on real encrypted vaults, each case worked out by hand in its comments.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use common::fixtures::{Note, day, note, record, vault_at};

use std::collections::BTreeMap;

use attune::exercises::{self, Answer, Catalogue, CheckIn, Mark};
use attune::insights::{self, BodyState, Drift, Insights, InsightsQuery, LabelKind, State};
use attune::journal::{Entry, EntryId, Journal, NewEntry};
use attune::time::parse_timestamp;
use chrono::NaiveDate;

fn checkin(values: [Option<u8>; 6]) -> Answer {
    let [calm, relaxed, safe, anxious, tense, obsessive] = values;
    Answer::Checkin(CheckIn { calm, relaxed, safe, anxious, tense, obsessive, ..CheckIn::default() })
}

fn all_insights(journal: &Journal<'_>) -> Insights {
    let catalogue = exercises::library(journal).unwrap();
    insights::insights(journal, &catalogue, &InsightsQuery::default(), &attune::i18n::Words::default()).unwrap()
}

fn ids(entries: &[&Entry]) -> Vec<EntryId> {
    entries.iter().map(|e| e.id).collect()
}

/// The vault's clock in every test here.
const NOW: &str = "2026-06-01T20:00:00+02:00";

/// Entries here are written at seven in the evening of their day.
fn at(day: &str) -> Option<attune::time::Timestamp> {
    common::fixtures::on(day, "19:00:00")
}

#[test]
fn score_trends_follow_each_score_over_time_and_leave_out_the_trash() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let s = |c, r, sa, a, t, o| [Some(c), Some(r), Some(sa), Some(a), Some(t), Some(o)];
    // ease = calm + relaxed + safe of 12; alarm = anxious + tense + obsessive of 12.
    let e1 = record(&journal, "nervous-system-checkin", at("2026-05-01"), &[("now", checkin(s(1, 1, 1, 3, 3, 3)))]); // 3, 9
    let e2 = record(&journal, "nervous-system-checkin", at("2026-05-02"), &[("now", checkin(s(2, 1, 1, 3, 2, 3)))]); // 4, 8
    note(&journal, at("2026-05-02"), Note { body: "A plain journal entry has no score.", ..Note::default() });
    let trashed =
        record(&journal, "nervous-system-checkin", at("2026-05-02"), &[("now", checkin(s(0, 0, 0, 4, 4, 4)))]);
    journal.trash(trashed.id).unwrap();
    let e3 = record(&journal, "nervous-system-checkin", at("2026-05-03"), &[("now", checkin(s(3, 3, 2, 1, 1, 0)))]); // 8, 2
    let e4 = record(&journal, "nervous-system-checkin", at("2026-05-04"), &[("now", checkin(s(4, 3, 3, 0, 1, 0)))]); // 10, 1

    let found = all_insights(&journal);
    assert_eq!(found.entries, 5, "four check-ins and the journal entry; the trash is not read");
    let ease = found.score_trends.iter().find(|t| t.score_id == "ease").expect("an ease trend");
    assert_eq!(ease.pack_id, "nervous-system-checkin");
    assert_eq!(ease.person, None);
    assert_eq!(ease.points.iter().map(|p| p.value).collect::<Vec<_>>(), [3, 4, 8, 10]);
    assert!(ease.points.iter().all(|p| p.max == 12));
    assert_eq!(ease.points[0].day, day("2026-05-01"));
    assert_eq!(ease.entries, ids(&[&e1, &e2, &e3, &e4]), "every point links to its entry, oldest first");
    let change = ease.change.as_ref().expect("four points are enough to compare halves");
    // Earlier (3 + 4) / 24 = 0.29, recent (8 + 10) / 24 = 0.75.
    assert!((change.earlier - 7.0 / 24.0).abs() < 1e-9 && (change.recent - 0.75).abs() < 1e-9, "{change:?}");
    assert_eq!(change.drift, Drift::Higher);
    assert_eq!(
        (change.earlier_words.as_str(), change.recent_words.as_str()),
        ("little ease right now", "mostly at ease")
    );

    let alarm = found.score_trends.iter().find(|t| t.score_id == "alarm").unwrap();
    assert_eq!(alarm.points.iter().map(|p| p.value).collect::<Vec<_>>(), [9, 8, 2, 1]);
    assert_eq!(alarm.change.as_ref().unwrap().drift, Drift::Lower);
    assert_eq!(alarm.points[0].band_words, "strongly stirred", "9 of 12 = 0.75");

    let only_may_3 = insights::insights(
        &journal,
        &Catalogue::builtin().unwrap(),
        &InsightsQuery { from: Some(day("2026-05-03")), to: None, exclude: vec![e4.id] },
        &attune::i18n::Words::default(),
    )
    .unwrap();
    let ease = only_may_3.score_trends.iter().find(|t| t.score_id == "ease").unwrap();
    assert_eq!(ease.entries, [e3.id], "a range and excluded entries narrow every insight");
    assert_eq!(ease.change, None);
}

#[test]
fn reciprocity_is_a_trend_per_person_in_the_packs_words() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let feel =
        |valued, burden| Answer::Checklist(BTreeMap::from([("valued".into(), valued), ("burden".into(), burden)]));
    let sam = || Answer::Person("Sam".into());
    // ease: valued (0–2) + burden reversed (2 − mark) + balance (0–4), of 8.
    let r1 = record(
        &journal,
        "reciprocity",
        at("2026-03-01"),
        &[("who", sam()), ("feel", feel(Mark::No, Mark::Yes)), ("balance", Answer::Scale(0))],
    ); // 0 + 0 + 0 = 0
    let r2 = record(
        &journal,
        "reciprocity",
        at("2026-03-08"),
        &[("who", sam()), ("feel", feel(Mark::Sometimes, Mark::Sometimes)), ("balance", Answer::Scale(1))],
    ); // 1 + 1 + 1 = 3
    let health = record(
        &journal,
        "relationship-health",
        at("2026-03-10"),
        &[
            ("who", sam()),
            (
                "exchange",
                Answer::Checklist(BTreeMap::from([("both-ways".into(), Mark::Yes), ("drained".into(), Mark::Yes)])),
            ),
        ],
    ); // give and take: 2 + (2 − 2) = 2 of 4
    let r3 = record(
        &journal,
        "reciprocity",
        at("2026-03-15"),
        &[("who", sam()), ("feel", feel(Mark::Yes, Mark::No)), ("balance", Answer::Scale(3))],
    ); // 2 + 2 + 3 = 7
    let r4 = record(
        &journal,
        "reciprocity",
        at("2026-03-22"),
        &[("who", sam()), ("feel", feel(Mark::Yes, Mark::Sometimes)), ("balance", Answer::Scale(4))],
    ); // 2 + 1 + 4 = 7
    let alex = record(
        &journal,
        "reciprocity",
        at("2026-03-23"),
        &[("who", Answer::Person("Alex".into())), ("balance", Answer::Scale(2))],
    );

    let found = all_insights(&journal);
    assert_eq!(found.reciprocity.iter().map(|r| r.person.as_str()).collect::<Vec<_>>(), ["Alex", "Sam"]);
    let sam = &found.reciprocity[1];
    assert_eq!(sam.entries, ids(&[&r1, &r2, &health, &r3, &r4]));
    let fractions: Vec<f64> = sam.points.iter().map(|p| p.fraction).collect();
    assert_eq!(fractions, [0.0, 3.0 / 8.0, 0.5, 7.0 / 8.0, 7.0 / 8.0]);
    assert_eq!(sam.points[2].pack_id, "relationship-health");
    assert_eq!(sam.points[2].band_words, "sometimes easy, sometimes strained");
    assert_eq!(sam.points[3].steadiness, Some(3));
    assert_eq!(sam.points[3].steadiness_words.as_deref(), Some("mostly steady"));
    assert_eq!(sam.points[2].steadiness, None, "the relationship-health pack has no steadiness scale");
    // Only the four reciprocity points are compared: (0 + 0.375) / 2 against (0.875 + 0.875) / 2.
    let change = sam.change.as_ref().unwrap();
    assert_eq!(change.drift, Drift::Higher);
    assert_eq!(change.earlier_words, "giving and receiving feel strained");
    assert_eq!(change.recent_words, "mostly easy and mutual");
    assert!(sam.message.contains("not who Sam is"), "never a verdict: {}", sam.message);
    assert!(sam.message.contains("5 reflections"), "{}", sam.message);

    let alex_trend = &found.reciprocity[0];
    assert_eq!(alex_trend.entries, [alex.id]);
    assert_eq!(alex_trend.change, None, "one reflection is no trend");
    assert!(alex_trend.message.starts_with("One reflection"), "{}", alex_trend.message);

    // The score trends keep the two relationships apart.
    let ease_series: Vec<_> = found.score_trends.iter().filter(|t| t.pack_id == "reciprocity").collect();
    assert_eq!(ease_series.len(), 2, "one series for Alex, one for Sam");
}

#[test]
fn contact_checkins_tell_calm_from_tense_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let sam = || ("who", Answer::Person("Sam".into()));
    let c = |calm, relaxed, safe, anxious, tense, obsessive| checkin([calm, relaxed, safe, anxious, tense, obsessive]);
    // Before: ease 1/4 = 0.25, alarm 3/4 = 0.75: tense. After: ease 0.75, alarm 0.25: calm.
    // Alarm minus ease went from +0.5 to −0.5: down by 1.0, so the meeting eased.
    let m1 = record(
        &journal,
        "contact-checkin",
        at("2026-04-01"),
        &[
            sam(),
            ("before", c(Some(1), None, None, Some(3), None, None)),
            ("after", c(Some(3), None, None, None, Some(1), None)),
        ],
    );
    // After only: ease 0.25 (safe 1), alarm 0.75 (tense 3): tense.
    let m2 = record(
        &journal,
        "contact-checkin",
        at("2026-04-08"),
        &[sam(), ("after", c(None, None, Some(1), None, Some(3), None))],
    );
    // Before: relaxed 2, obsessive 2: mixed. After: relaxed 2, obsessive 3: tense; +0.25: stirred.
    let m3 = record(
        &journal,
        "contact-checkin",
        at("2026-04-15"),
        &[
            sam(),
            ("before", c(None, Some(2), None, None, None, Some(2))),
            ("after", c(None, Some(2), None, None, None, Some(3))),
        ],
    );
    // Only alarm answered: no reading (ease against alarm needs both), so no point at all.
    record(
        &journal,
        "contact-checkin",
        at("2026-04-16"),
        &[sam(), ("after", c(None, None, None, Some(2), None, None))],
    );

    let found = all_insights(&journal);
    assert_eq!(found.contact.len(), 1);
    let signals = &found.contact[0];
    assert_eq!(signals.person, "Sam");
    assert_eq!(signals.entries, ids(&[&m1, &m2, &m3]));
    assert_eq!(signals.after.calm, [m1.id]);
    assert_eq!(signals.after.tense, [m2.id, m3.id]);
    assert_eq!(signals.before.tense, [m1.id]);
    assert_eq!(signals.before.mixed, [m3.id]);
    assert_eq!(signals.eased, [m1.id]);
    assert_eq!(signals.stirred, [m3.id]);
    let first = &signals.points[0];
    assert_eq!(first.before.as_ref().map(|r| (r.ease, r.alarm, r.state)), Some((0.25, 0.75, BodyState::Tense)));
    assert!(
        signals.message.starts_with(
            "After 3 meetings with Sam, your body noted more ease than alarm after 1 of them and more alarm than ease after 2."
        ),
        "{}",
        signals.message
    );
    assert!(signals.message.contains("not a judgement of Sam"), "{}", signals.message);
}

#[test]
fn tags_and_people_that_come_with_a_state_are_found_above_a_minimum() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let mut work_low = Vec::new();
    // #work: moods 2, 2, 1, 2 (low) and 4, 4 (good).
    for (i, mood) in [2, 2, 1, 2, 4, 4].into_iter().enumerate() {
        let entry = note(
            &journal,
            at(&format!("2026-02-{:02}", i + 1)),
            Note { body: "Long day at the office.", mood: Some(mood), tags: &["work"], ..Note::default() },
        );
        if mood <= 2 {
            work_low.push(entry.id);
        }
    }
    // #walk: 5, 5, 4, 5 (good) and 3.
    for (i, mood) in [5, 5, 4, 5, 3].into_iter().enumerate() {
        note(
            &journal,
            at(&format!("2026-02-{:02}", i + 10)),
            Note { body: "Walked by the river.", mood: Some(mood), tags: &["walk"], ..Note::default() },
        );
    }
    // Nine more: two low ones tagged #tiny (2 of 2 low, but too few entries to say anything).
    for (i, mood) in [3, 3, 3, 3, 3, 2, 2, 3, 3].into_iter().enumerate() {
        let tags: &[&str] = if mood == 2 { &["tiny"] } else { &[] };
        note(
            &journal,
            at(&format!("2026-02-{:02}", i + 16)),
            Note { body: "An ordinary day.", mood: Some(mood), tags, ..Note::default() },
        );
    }
    // No mood: not counted for moods at all.
    note(&journal, at("2026-02-27"), Note { body: "No mood given.", tags: &["work"], ..Note::default() });

    // Check-ins: five about Sam, four of them with high alarm (alarm average ≥ 3), and six
    // daily ones with low alarm. Overall 4 of 11 = 36%; about Sam 4 of 5 = 80%.
    let mut sam_high = Vec::new();
    for (i, tense) in [4, 3, 4, 3, 1].into_iter().enumerate() {
        let after = checkin([Some(1), None, None, None, Some(tense), None]);
        let e = record(
            &journal,
            "contact-checkin",
            at(&format!("2026-03-{:02}", i + 1)),
            &[("who", Answer::Person("Sam".into())), ("after", after)],
        );
        if tense >= 3 {
            sam_high.push(e.id);
        }
    }
    for i in 0..6 {
        record(
            &journal,
            "nervous-system-checkin",
            at(&format!("2026-03-{:02}", i + 10)),
            &[("now", checkin([Some(3), None, None, Some(1), None, None]))],
        );
    }

    let found = all_insights(&journal);
    let described: Vec<(LabelKind, &str, State, u32, u32, u32, u32)> = found
        .co_occurrences
        .iter()
        .map(|c| (c.kind, c.name.as_str(), c.state, c.count, c.of, c.overall_count, c.overall_of))
        .collect();
    // Low mood overall: 4 + 2 = 6 of 20 = 30%. #work: 4 of 6 = 67% (≥ 1.5 × 30% and ≥ 30% + 20%).
    // Good mood overall: 2 + 4 = 6 of 20. #walk: 4 of 5 = 80%. #work good: 2 of 6 = 33%: no.
    // #tiny: 2 of 2 low, but fewer than 5 entries: not reported.
    assert!(described.contains(&(LabelKind::Tag, "work", State::LowMood, 4, 6, 6, 20)), "{described:?}");
    assert!(described.contains(&(LabelKind::Tag, "walk", State::GoodMood, 4, 5, 6, 20)), "{described:?}");
    assert!(described.contains(&(LabelKind::Person, "Sam", State::HighAlarm, 4, 5, 4, 11)), "{described:?}");
    assert_eq!(described.len(), 3, "nothing else passes the minimums: {described:?}");
    let work = found.co_occurrences.iter().find(|c| c.name == "work").unwrap();
    assert_eq!(work.entries, work_low, "the entries are the ones in the state");
    assert_eq!(
        work.message,
        "In 4 of 6 entries tagged #work your mood was low, against 30% of all entries with a mood. They came together; that is not to say one caused the other."
    );
    let sam = found.co_occurrences.iter().find(|c| c.name == "Sam").unwrap();
    assert_eq!(sam.entries, sam_high);
    assert!(
        sam.message.starts_with("In 4 of 5 check-ins about Sam your body noted a lot of alarm, against 36%"),
        "{}",
        sam.message
    );
}

#[test]
fn recurring_words_and_themes_leave_out_stop_words_names_and_the_packs_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let e1 = note(
        &journal,
        at("2026-01-01"),
        Note { body: "A long phone call with Sam. Tired after.", people: &["Sam Rivera"], ..Note::default() },
    );
    let e2 = note(
        &journal,
        at("2026-01-02"),
        Note { body: "Another phone call; Sam's voice was kind. Tired.", ..Note::default() },
    );
    let e3 = note(
        &journal,
        at("2026-01-03"),
        Note { body: "Tired again, no phone call today. The garden.", ..Note::default() },
    );
    let e4 = note(
        &journal,
        at("2026-01-04"),
        Note { body: "Garden in the morning, and the garden again.", ..Note::default() },
    );
    // Written answers count; the pack's title and prompts do not.
    let e5 = record(
        &journal,
        "nervous-system-checkin",
        at("2026-01-05"),
        &[("need", Answer::Text("Time in the garden".into()))],
    );

    let found = all_insights(&journal);
    let words: Vec<(&str, usize, u32)> =
        found.words.iter().map(|w| (w.text.as_str(), w.entries.len(), w.occurrences)).collect();
    // garden: e3, e4 (twice), e5: 3 entries, 4 times. call, phone, tired: 3 entries, 3 times.
    // "sam" and "rivera" are a person's name; "after", "today", "again" are stop-words; "long",
    // "voice", "morning" and "time" are in fewer than 3 entries.
    assert_eq!(words, [("garden", 3, 4), ("call", 3, 3), ("phone", 3, 3), ("tired", 3, 3)]);
    assert_eq!(found.words[0].entries, ids(&[&e3, &e4, &e5]));
    assert_eq!((found.words[0].first_day, found.words[0].last_day), (day("2026-01-03"), day("2026-01-05")));
    let themes: Vec<(&str, Vec<EntryId>)> = found.themes.iter().map(|w| (w.text.as_str(), w.entries.clone())).collect();
    assert_eq!(themes, [("phone call", ids(&[&e1, &e2, &e3]))]);
    for word in found.words.iter().map(|w| w.text.as_str()) {
        assert!(
            !["daily", "check", "body", "nervous", "system"].contains(&word),
            "the pack title is not the person's words: {word}"
        );
    }
}

#[test]
fn fired_patterns_are_the_ones_the_exercise_view_shows_with_their_entries() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    // alarm-often: alarm above 0.6 in at least 4 of the last 7. Alarm 9 of 12 = 0.75 in four.
    let mut high = Vec::new();
    for (i, tense) in [3, 1, 3, 3, 1, 3].into_iter().enumerate() {
        let e = record(
            &journal,
            "nervous-system-checkin",
            at(&format!("2026-04-{:02}", i + 1)),
            &[("now", checkin([None, None, None, Some(3), Some(tense), Some(3)]))],
        );
        if tense == 3 {
            high.push(e.id);
        }
    }
    high.reverse(); // the rule lists its sessions newest first
    let found = all_insights(&journal);
    assert_eq!(found.patterns.len(), 1, "{:?}", found.patterns);
    let fired = &found.patterns[0];
    assert_eq!(
        (fired.pack_id.as_str(), fired.pattern.as_str(), fired.count, fired.of),
        ("nervous-system-checkin", "alarm-often", 4, 6)
    );
    assert_eq!(fired.entries, high);
    let catalogue = Catalogue::builtin().unwrap();
    let view = exercises::patterns(&journal, catalogue.get("nervous-system-checkin").unwrap()).unwrap();
    assert_eq!(view.len(), 1);
    assert_eq!(view[0].message, fired.message, "the same words as the exercise view");
    assert_eq!(view[0].sessions, high.iter().map(ToString::to_string).collect::<Vec<_>>());
}

#[test]
fn on_this_day_brings_back_the_same_day_of_earlier_years() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let two_years = note(&journal, at("2024-05-03"), Note { body: "Two years ago.", ..Note::default() });
    let last_year_a = note(&journal, at("2025-05-03"), Note { body: "Last year, morning.", ..Note::default() });
    let last_year_b = journal
        .create(NewEntry {
            body: "Last year, later.".into(),
            created_at: Some(parse_timestamp("t", "2025-05-03T22:00:00+02:00").unwrap()),
            ..NewEntry::default()
        })
        .unwrap();
    note(&journal, at("2026-05-03"), Note { body: "Today itself is not an earlier year.", ..Note::default() });
    note(&journal, at("2025-05-04"), Note { body: "The next day.", ..Note::default() });
    let trashed = note(&journal, at("2023-05-03"), Note { body: "In the trash.", ..Note::default() });
    journal.trash(trashed.id).unwrap();

    let found = insights::on_this_day(&journal, day("2026-05-03")).unwrap();
    let shape: Vec<(u32, NaiveDate, Vec<EntryId>)> =
        found.iter().map(|g| (g.years_ago, g.day, g.entries.iter().map(|e| e.id).collect())).collect();
    assert_eq!(
        shape,
        [(1, day("2025-05-03"), vec![last_year_b.id, last_year_a.id]), (2, day("2024-05-03"), vec![two_years.id]),]
    );
    assert!(insights::on_this_day(&journal, day("2026-05-05")).unwrap().is_empty());

    let leap = note(&journal, at("2024-02-29"), Note { body: "A leap day.", ..Note::default() });
    let on_28th = insights::on_this_day(&journal, day("2025-02-28")).unwrap();
    assert_eq!(on_28th.len(), 1, "29 February comes back on the 28th in a year without one");
    assert_eq!(on_28th[0].entries[0].id, leap.id);
    assert!(insights::on_this_day(&journal, day("2028-02-28")).unwrap().is_empty(), "2028 has its own 29th");
}

#[test]
fn insights_serialize_for_the_app_with_entry_ids_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let e = record(
        &journal,
        "nervous-system-checkin",
        at("2026-05-01"),
        &[("now", checkin([Some(2), None, None, Some(2), None, None]))],
    );
    let json = serde_json::to_value(all_insights(&journal)).unwrap();
    assert_eq!(json["score_trends"][0]["entries"][0], e.id.to_string());
    for key in ["score_trends", "reciprocity", "contact", "co_occurrences", "words", "themes", "patterns"] {
        assert!(json[key].is_array(), "{key} is a list");
    }
}

/// The words of `found`, as (word, entries, occurrences).
fn word_counts(found: &Insights) -> Vec<(&str, usize, u32)> {
    found.words.iter().map(|w| (w.text.as_str(), w.entries.len(), w.occurrences)).collect()
}

fn languages(found: &Insights) -> Vec<(&str, u32)> {
    found.languages.iter().map(|l| (l.language.code(), l.entries)).collect()
}

#[test]
fn a_portuguese_journal_gives_its_themes_not_its_stop_words_with_plurals_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let bodies = [
        "Hoje senti o coração apertado depois da conversa com a minha mãe sobre a nossa relação.",
        "A relação com o trabalho anda difícil; mais uma reunião longa e eu fiquei muito cansada.",
        "Caminhei na praia de manhã e pensei nas relações da família. Ainda estou cansada, mas melhor.",
        "As relações com os colegas do trabalho melhoraram, mas continuo cansada e com o coração pesado.",
    ];
    let entries: Vec<Entry> = bodies
        .iter()
        .enumerate()
        .map(|(i, body)| note(&journal, at(&format!("2026-02-0{}", i + 1)), Note { body, ..Note::default() }))
        .collect();
    // The default language is English: each entry is long enough to be read as Portuguese.
    let found = all_insights(&journal);
    assert_eq!(languages(&found), [("pt", 4)]);
    let words = word_counts(&found);
    // relação ×2 and relações ×2 are one word in all four entries; cansada in three; coração and
    // trabalho in two only. "com", "mas", "hoje", "sobre", "estou" are stop-words.
    assert_eq!(words, [("relação", 4, 4), ("cansada", 3, 3)], "{words:?}");
    assert_eq!(found.words[0].entries, entries.iter().map(|e| e.id).collect::<Vec<_>>());
    for stop in ["com", "mas", "hoje", "sobre", "estou", "muito", "ainda", "senti"] {
        assert!(!words.iter().any(|(w, ..)| *w == stop), "{stop} is a Portuguese stop-word");
    }
}

#[test]
fn a_spanish_journal_gives_its_themes_with_plurals_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let bodies = [
        "Hoy hablé con mi jefe sobre los límites en el trabajo y me sentí muy nervioso toda la tarde.",
        "Por la mañana caminé con mi hermana. Necesito poner un límite claro con el trabajo.",
        "Otra vez pensé en los límites con mi familia; estoy nervioso pero también tranquilo.",
        "La conversación con mi hermana fue tranquila; hablamos de nuestros límites sin miedo.",
    ];
    for (i, body) in bodies.iter().enumerate() {
        note(&journal, at(&format!("2026-03-0{}", i + 1)), Note { body, ..Note::default() });
    }
    let found = all_insights(&journal);
    assert_eq!(languages(&found), [("es", 4)]);
    let words = word_counts(&found);
    // límites ×3 and límite ×1: one word, in all four entries; the most written form is shown.
    assert_eq!(words.first(), Some(&("límites", 4, 4)), "{words:?}");
    for stop in ["hoy", "con", "por", "pero", "estoy", "sobre", "también", "sentí", "vez"] {
        assert!(!words.iter().any(|(w, ..)| *w == stop), "{stop} is a Spanish stop-word");
    }
}

#[test]
fn a_mixed_journal_reports_each_language_and_reads_unclear_entries_in_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_at(dir.path(), NOW);
    let journal = vault.journal();
    let bodies = [
        "A long walk by the river with my brother, and we talked about the garden again.",
        "The garden needs work, but the walk home by the river was quiet and calm.",
        "Hoje fui ao jardim com a minha irmã e conversamos sobre o trabalho e o rio.",
        "Hoje o jardim estava cheio de flores; a minha irmã ficou muito contente.",
        "garden",
    ];
    for (i, body) in bodies.iter().enumerate() {
        note(&journal, at(&format!("2026-04-0{}", i + 1)), Note { body, ..Note::default() });
    }
    let catalogue = exercises::library(&journal).unwrap();
    let english =
        insights::insights(&journal, &catalogue, &InsightsQuery::default(), &attune::i18n::Words::new("en")).unwrap();
    assert_eq!(languages(&english), [("en", 3), ("pt", 2)], "the one-word entry is read as English");
    assert_eq!(word_counts(&english).first(), Some(&("garden", 3, 3)));
    let portuguese =
        insights::insights(&journal, &catalogue, &InsightsQuery::default(), &attune::i18n::Words::new("pt-BR"))
            .unwrap();
    assert_eq!(languages(&portuguese), [("pt", 3), ("en", 2)]);
    assert_eq!(word_counts(&portuguese).first(), Some(&("garden", 3, 3)), "one word whatever its language");
    let json = serde_json::to_value(&portuguese).unwrap();
    assert_eq!(
        json["languages"],
        serde_json::json!([{"language": "pt", "entries": 3}, {"language": "en", "entries": 2}])
    );
}
