//! Exercise packs from the outside: the built-in catalogue, broken pack files that must be
//! refused with the right file, line and field, scoring and pattern rules on hand-computed
//! cases, answers documents, and the checked-in JSON Schema.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

use std::collections::BTreeMap;
use std::path::Path;

use attune::exercises::{
    Answer, Answers, AnswersError, Catalogue, CheckIn, Commitment, Depth, Mark, Origin, Pack, PackError, Role,
    ScoreResult, Session, StepId, StepKind, Theme, evaluate_patterns, pack_schema_json, score,
};
use proptest::prelude::*;
use rstest::rstest;

const FIXTURES: &str = "tests/fixtures/packs";

fn builtin() -> Catalogue {
    Catalogue::builtin().expect("every built-in pack should validate")
}

fn step(id: &str) -> StepId {
    StepId::try_from(id).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The built-in catalogue

#[test]
fn every_built_in_pack_validates_with_5_to_20_steps() {
    let catalogue = builtin();
    let ids: Vec<&str> = catalogue.packs().map(|p| p.id().as_str()).collect();
    assert_eq!(
        ids,
        [
            "nervous-system-checkin",
            "contact-checkin",
            "grounding",
            "boundaries",
            "reciprocity",
            "relationship-health",
            "patterns",
            "shadow-work",
            "gratitude",
            "community",
            "integration-plan",
            "integration-review",
        ]
    );
    for pack in catalogue.packs() {
        let steps = pack.steps().len();
        assert!((5..=20).contains(&steps), "{} has {steps} steps; built-in packs have 5 to 20", pack.id());
        assert!(!pack.why().trim().is_empty(), "{} needs a why", pack.id());
        assert!(
            attune::exercises::disclaimer(&attune::i18n::Words::default()).contains("findahelpline.com"),
            "the notice names where to find a crisis line"
        );
        assert_eq!(catalogue.origin(pack.id().as_str()), Some(Origin::BuiltIn));
    }
}

#[test]
fn every_deep_pack_says_when_not_to_do_it_alone_and_whom_to_turn_to() {
    for pack in builtin().packs().filter(|p| p.depth() == Depth::Deep) {
        let words = pack.not_alone().unwrap_or_else(|| panic!("{} says when not to do it alone", pack.id()));
        assert!(words.contains("hurting you"), "{}: names being hurt by someone as a reason", pack.id());
        assert!(words.contains("ceremony"), "{}: names the first days after a ceremony", pack.id());
        assert!(words.contains("person you trust"), "{}: says whom to contact instead", pack.id());
    }
}

#[test]
fn the_offered_grounding_lasts_about_two_minutes() {
    let catalogue = builtin();
    let grounding = catalogue.packs().find(|p| p.has_role(Role::Grounding)).unwrap();
    let seconds: u32 = grounding
        .steps()
        .iter()
        .map(|s| match &s.kind {
            StepKind::Grounding { lines, seconds_per_line } => u32::from(*seconds_per_line) * lines.len() as u32,
            _ => 0,
        })
        .sum();
    assert!(
        (90..=120).contains(&seconds),
        "the grounding offered before deep work runs {seconds} s; about two minutes"
    );
}

#[test]
fn every_step_that_asks_about_the_past_keeps_grounding_near_and_asks_for_few_words() {
    for pack in builtin().packs() {
        for step in pack.steps() {
            let prompt = step.prompt.to_lowercase();
            let about_the_past =
                prompt.contains("earlier time") || prompt.contains("as a child") || prompt.contains("first learned");
            if about_the_past {
                assert!(step.offer_grounding, "{}.{} keeps grounding one click away", pack.id(), step.id);
                assert!(
                    prompt.contains("a few words are enough"),
                    "{}.{} asks for a few words only",
                    pack.id(),
                    step.id
                );
            }
        }
    }
}

#[test]
fn a_prompt_turning_to_ones_own_part_says_when_to_skip_it() {
    let catalogue = builtin();
    let own_view = catalogue.get("shadow-work").unwrap().step("own-view").unwrap();
    let help = own_view.help.as_deref().unwrap_or_default();
    assert!(help.starts_with("Skip this if this person treats you harshly"), "{help}");
}

#[test]
fn hinting_is_asking_directly_not_guilt() {
    let catalogue = builtin();
    let pack = catalogue.get("patterns").unwrap();
    let items = |id: &str| match &pack.step(id).unwrap().kind {
        StepKind::Checklist { items } => items.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
        _ => panic!("{id} is a checklist"),
    };
    assert!(items("asking").contains(&"hinted".to_owned()), "hinting sits under asking directly");
    assert!(!items("guilt").contains(&"hinted".to_owned()), "hinting is not scored as guilt");
    assert!(pack.score("asking").is_some() && pack.score("hot-cold").is_some());
}

#[test]
fn learn_steps_take_no_answer_and_are_never_scored() {
    let catalogue = builtin();
    for pack in catalogue.packs() {
        for step in pack.steps().iter().filter(|s| matches!(s.kind, StepKind::Learn { .. })) {
            let mut answers = Answers::new();
            answers.insert(step.id.clone(), Answer::Text("x".into()));
            assert!(answers.validate(pack).is_err(), "{}.{} takes no answer", pack.id(), step.id);
            for score in pack.scores() {
                assert!(score.items.iter().all(|i| i.step != step.id), "{}.{} is not scored", pack.id(), step.id);
            }
        }
    }
    let learn: usize =
        catalogue.packs().flat_map(|p| p.steps()).filter(|s| matches!(s.kind, StepKind::Learn { .. })).count();
    assert!(learn >= 4, "consistency, co-regulation, fading and hot-and-cold are explained");
}

#[test]
fn the_look_back_scores_how_supported_and_recalls_the_intention() {
    let catalogue = builtin();
    let review = catalogue.get("integration-review").unwrap();
    assert!(review.score("supported").is_some(), "feeling supported is scored");
    let recall = review.step("since-intention").unwrap().recall.as_ref().unwrap();
    assert_eq!((recall.pack.as_str(), recall.step.as_str(), recall.after_days), ("integration-plan", "intention", 28));
}

#[test]
fn every_pack_file_in_exercises_is_embedded_under_its_own_name() {
    let catalogue = builtin();
    let mut files = 0;
    for entry in std::fs::read_dir("exercises").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let pack = Pack::from_toml(&path.display().to_string(), &text).unwrap();
        let stem = path.file_stem().unwrap().to_str().unwrap();
        assert_eq!(pack.id().as_str(), stem, "a pack file is named after its id");
        assert_eq!(
            catalogue.get(stem),
            Some(&pack),
            "{} is on disk but not embedded (see catalogue.rs)",
            path.display()
        );
    }
    assert_eq!(files, catalogue.len(), "every embedded pack has its file in exercises/");
}

/// Every built-in pack reads in every language Attune speaks, with its own words: same ids and
/// rules, another title, no step left in English.
#[test]
fn every_built_in_pack_is_translated_into_every_language() {
    let catalogue = builtin();
    for locale in attune::i18n::LOCALES.iter().filter(|l| **l != "en") {
        let localized = catalogue.localized(locale);
        for (english, translated) in catalogue.packs().zip(localized.packs()) {
            let id = english.id().as_str();
            assert_eq!(translated.id(), english.id());
            assert_eq!(translated.language(), *locale, "{id} has a {locale} translation");
            assert_ne!(translated.title(), english.title(), "{id}: the {locale} title is translated");
            assert_eq!(translated.scores().len(), english.scores().len());
            for (ours, theirs) in english.steps().iter().zip(translated.steps()) {
                assert_eq!(ours.id, theirs.id);
                assert_eq!(ours.kind.name(), theirs.kind.name());
                assert_ne!(ours.prompt, theirs.prompt, "{id}.{}: the {locale} prompt is translated", ours.id);
            }
            assert!(catalogue.languages(id).contains(locale), "{id} lists {locale}");
        }
        // The file on disk is the one embedded.
        for entry in std::fs::read_dir(Path::new("exercises").join(locale)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let translation = attune::exercises::Translation::from_toml(&path.display().to_string(), &text).unwrap();
            let pack = catalogue.get(translation.translates()).expect("translates a built-in pack");
            let applied = translation.apply(pack).unwrap();
            let embedded = localized.get(translation.translates()).unwrap();
            assert_eq!(&applied, embedded, "{} is on disk but not embedded (see catalogue.rs)", path.display());
        }
    }
    let regional = catalogue.localized("pt-PT");
    assert_eq!(regional.get("grounding").unwrap().language(), "pt-BR", "Portugal reads the Brazilian text");
    let unknown = catalogue.localized("de");
    assert_eq!(unknown.get("grounding").unwrap().language(), "en", "a language without a translation reads English");
}

#[test]
fn deep_packs_are_the_shadow_and_patterns_packs() {
    let catalogue = builtin();
    let deep: Vec<&str> = catalogue.packs().filter(|p| p.depth() == Depth::Deep).map(|p| p.id().as_str()).collect();
    assert_eq!(deep, ["patterns", "shadow-work"]);
    for id in deep {
        let pack = catalogue.get(id).unwrap();
        assert!(matches!(pack.steps()[0].kind, StepKind::CheckIn { .. }), "{id} starts with a settledness check");
        assert!(matches!(pack.steps().last().unwrap().kind, StepKind::Grounding { .. }), "{id} ends gently");
    }
}

#[test]
fn the_grounding_pack_is_light_short_and_needs_no_answers() {
    let catalogue = builtin();
    let pack = catalogue.get("grounding").unwrap();
    assert_eq!(pack.depth(), Depth::Light);
    let mut seconds = 0;
    for step in pack.steps() {
        let StepKind::Grounding { lines, seconds_per_line } = &step.kind else {
            panic!("every grounding step is a grounding step, {} is not", step.id);
        };
        seconds += lines.len() * usize::from(*seconds_per_line);
    }
    assert!(seconds < 120, "the grounding pack stays under two minutes, takes {seconds} s");
}

#[test]
fn the_catalogue_groups_packs_by_theme_in_a_fixed_order() {
    let catalogue = builtin();
    let groups: Vec<(Theme, Vec<&str>)> = catalogue
        .by_theme()
        .into_iter()
        .map(|g| (g.theme, g.packs.iter().map(|p| p.id().as_str()).collect()))
        .collect();
    assert_eq!(groups[0], (Theme::NervousSystem, vec!["nervous-system-checkin", "contact-checkin", "grounding"]));
    assert_eq!(groups.len(), 8, "every theme has a built-in pack");
}

/// The guide's rules on words, checked where a machine can check them.
#[test]
fn built_in_words_follow_the_exercise_guide() {
    let catalogue = builtin();
    for pack in catalogue.packs() {
        let mut texts = vec![pack.title().to_owned(), pack.why().to_owned()];
        for step in pack.steps() {
            texts.push(step.prompt.clone());
            texts.extend(step.help.clone());
            match &step.kind {
                StepKind::Single { options } | StepKind::Multiple { options } => {
                    texts.extend(options.iter().map(|o| o.label.clone()))
                }
                StepKind::Checklist { items } => texts.extend(items.iter().map(|i| i.label.clone())),
                StepKind::Grounding { lines, .. } => texts.extend(lines.iter().cloned()),
                _ => {}
            }
        }
        texts.extend(pack.scores().iter().flat_map(|s| s.bands.iter().map(|b| b.words.clone())));
        texts.extend(pack.patterns().iter().map(|p| p.message.clone()));
        for text in texts {
            let lower = text.to_lowercase();
            let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
            assert!(!words.contains(&"should"), "{}: never \"should\", in {text:?}", pack.id());
            for label in ["why do you always", "narcissis", "toxic", "diagnos", "disorder"] {
                assert!(!lower.contains(label), "{}: no \"{label}\", in {text:?}", pack.id());
            }
        }
        for rule in pack.patterns() {
            assert!(
                rule.message.contains("{count}") && rule.message.contains("{of}"),
                "messages point back to entries"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Broken packs: one fixture per failure kind, each naming file, line and field.

#[rstest]
#[case("syntax-error.toml", "Syntax", 4, "")]
#[case("unknown-step-kind.toml", "UnknownStepKind", 22, "steps[1].kind")]
#[case("unknown-step-field.toml", "UnknownField", 32, "steps[2].promt")]
#[case("unknown-pack-field.toml", "UnknownField", 9, "minuets")]
#[case("missing-field.toml", "MissingField", 20, "steps[1].prompt")]
#[case("missing-kind-field.toml", "MissingField", 20, "steps[1].max_label")]
#[case("wrong-type.toml", "WrongType", 8, "minutes")]
#[case("unknown-theme.toml", "UnknownValue", 6, "theme")]
#[case("bad-pack-id.toml", "BadFormat", 2, "id")]
#[case("duplicate-step-id.toml", "DuplicateId", 30, "steps[2].id")]
#[case("duplicate-item-id.toml", "DuplicateId", 17, "steps[0].items[1].id")]
#[case("duplicate-option-id.toml", "DuplicateId", 36, "steps[2].options[2].id")]
#[case("duplicate-score-id.toml", "DuplicateId", 45, "scores[1].id")]
#[case("empty-prompt.toml", "Empty", 32, "steps[2].prompt")]
#[case("help-on-two-lines.toml", "NotOneLine", 33, "steps[2].help")]
#[case("field-not-for-kind.toml", "FieldNotForKind", 33, "steps[2].options")]
#[case("scale-min-not-below-max.toml", "ScaleRange", 24, "steps[1].min")]
#[case("scale-labels-count.toml", "ScaleLabels", 28, "steps[1].labels")]
#[case("grounding-too-long.toml", "GroundingTooLong", 34, "steps[2].lines")]
#[case("score-missing-item.toml", "MissingItem", 37, "scores[0].items[1]")]
#[case("score-missing-step.toml", "MissingItem", 37, "scores[0].items[1]")]
#[case("score-not-scorable.toml", "NotScorable", 37, "scores[0].items[1]")]
#[case("score-duplicate-reference.toml", "DuplicateReference", 37, "scores[0].items[1]")]
#[case("reversed-not-in-items.toml", "ReversedNotInItems", 38, "scores[0].reversed[0]")]
#[case("bands-gap.toml", "BandGap", 41, "scores[0].bands[1].from")]
#[case("bands-short-of-one.toml", "BandGap", 41, "scores[0].bands[1].to")]
#[case("bands-out-of-order.toml", "EmptyBand", 41, "scores[0].bands[1].to")]
#[case("pattern-unknown-score.toml", "UnknownScore", 46, "patterns[0].score")]
#[case("pattern-more-than-of-last.toml", "MoreThanOfLast", 49, "patterns[0].in_at_least")]
#[case("pattern-bad-placeholder.toml", "BadPlaceholder", 51, "patterns[0].message")]
#[case("deep-without-settle-check.toml", "DeepPackWithoutSettleCheck", 13, "steps[0].kind")]
#[case("deep-without-close.toml", "DeepPackWithoutClose", 36, "steps[3].kind")]
#[case("deep-without-not-alone.toml", "DeepPackWithoutNotAlone", 9, "depth")]
#[case("learn-too-long.toml", "TooLong", 15, "steps[0].text")]
fn a_broken_pack_is_refused_naming_file_line_and_field(
    #[case] name: &str,
    #[case] variant: &str,
    #[case] line: usize,
    #[case] field: &str,
) {
    let file = format!("{FIXTURES}/{name}");
    let text = std::fs::read_to_string(&file).unwrap();
    let err = Pack::from_toml(&file, &text).expect_err("a broken fixture must be refused");
    let debug = format!("{err:?}");
    assert!(debug.starts_with(&format!("{variant} ")), "{name}: expected a {variant} error, got {err}");
    let at = err.location();
    assert_eq!((at.file.as_str(), at.line, at.field.as_str()), (file.as_str(), line, field), "{name}: {err}");
    assert!(err.to_string().starts_with(&format!("{file}:{line}:")), "the message starts with file:line, got {err}");
}

/// A fixture without a case above would silently test nothing.
#[test]
fn every_broken_fixture_has_a_case() {
    let this_file = include_str!("exercises.rs");
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "valid.toml" {
            continue;
        }
        assert!(this_file.contains(&format!("#[case(\"{name}\"")), "{name} has no case in the table");
    }
}

#[test]
fn the_valid_fixture_is_valid() {
    let text = std::fs::read_to_string(format!("{FIXTURES}/valid.toml")).unwrap();
    Pack::from_toml("valid.toml", &text).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Imported packs

#[test]
fn an_imported_pack_joins_the_catalogue_once() {
    let mut catalogue = builtin();
    let text = std::fs::read_to_string(format!("{FIXTURES}/valid.toml")).unwrap();
    let pack = catalogue.add_from_toml("from-facilitator.toml", &text).unwrap();
    assert_eq!(pack.id().as_str(), "fixture");
    assert_eq!(catalogue.origin("fixture"), Some(Origin::Imported));

    let err = catalogue.add_from_toml("again.toml", &text).unwrap_err();
    assert!(matches!(err, PackError::AlreadyInCatalogue { .. }), "{err}");
    assert_eq!((err.location().file.as_str(), err.location().line), ("again.toml", 2), "points at the id");
}

#[test]
fn an_imported_pack_cannot_take_a_built_in_id() {
    let mut catalogue = builtin();
    let text =
        std::fs::read_to_string(format!("{FIXTURES}/valid.toml")).unwrap().replace("\"fixture\"", "\"grounding\"");
    let err = catalogue.add_from_toml("mine.toml", &text).unwrap_err();
    assert!(matches!(err, PackError::AlreadyInCatalogue { ref id, .. } if id == "grounding"), "{err}");
    assert_eq!(catalogue.origin("grounding"), Some(Origin::BuiltIn));
}

#[test]
fn a_broken_import_names_the_name_it_was_given() {
    let mut catalogue = Catalogue::default();
    let err = catalogue.add_from_toml("Downloads/circle.toml", "id = \"x\"\nversion = 1\n").unwrap_err();
    assert_eq!(err.location().file, "Downloads/circle.toml");
    assert_eq!(err.location().line, 2);
    assert!(catalogue.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Scoring on a built-in pack

fn checklist(marks: &[(&str, Mark)]) -> Answer {
    Answer::Checklist(marks.iter().map(|(id, m)| ((*id).to_owned(), *m)).collect::<BTreeMap<_, _>>())
}

#[test]
fn boundaries_scores_match_the_hand_computed_arithmetic() {
    let catalogue = builtin();
    let pack = catalogue.get("boundaries").unwrap();
    let mut answers = Answers::new();
    answers.insert(
        step("time"),
        checklist(&[
            ("own-plans", Mark::Yes),        // 2
            ("overcommit", Mark::Sometimes), // reversed: 2 - 1 = 1
            ("rest", Mark::No),              // 0
            ("gave-away", Mark::Yes),        // reversed: 2 - 2 = 0
        ]),
    );
    answers.insert(
        step("saying-no"),
        checklist(&[
            ("meant-no", Mark::Sometimes), // 1
            ("yes-but-no", Mark::No),      // reversed: 2 - 0 = 2
            ("short-no", Mark::Yes),       // 2
                                           // guilt-after skipped: counts in neither sum
        ]),
    );
    answers.insert(step("moment"), Answer::Text("Stayed on a call far too long.".into()));
    answers.validate(pack).unwrap();

    let results = score(pack, &answers);
    let summary: Vec<(&str, u32, u32, &str, usize, usize)> =
        results.iter().map(|r| (r.id.as_str(), r.value, r.max, r.band_words.as_str(), r.answered, r.items)).collect();
    assert_eq!(
        summary,
        [
            // 2 + 1 + 0 + 0 = 3 of 8 = 0.375 < 0.4
            ("time", 3, 8, "often stretched thin", 4, 4),
            // 1 + 2 + 2 = 5 of 6 = 0.83
            ("saying-no", 5, 6, "mostly steady", 3, 4),
            // 3 + 5 = 8 of 8 + 6 = 14 = 0.57; 7 of the 23 statements answered
            ("all-areas", 8, 14, "sometimes held, sometimes stretched", 7, 23),
        ],
        "areas with nothing answered (body, emotions, money, digital) are left out"
    );
    assert!((results[0].fraction - 0.375).abs() < 1e-12);
}

// ---------------------------------------------------------------------------------------------
// Pattern rules on a built-in pack

/// A contact check-in session with only the "after" half answered (anxious, tense, obsessive).
fn after_contact(pack: &Pack, id: &str, person: &str, alarm: (u8, u8, u8)) -> Session {
    let mut answers = Answers::new();
    answers.insert(step("who"), Answer::Person(person.into()));
    let (anxious, tense, obsessive) = alarm;
    let checkin =
        CheckIn { anxious: Some(anxious), tense: Some(tense), obsessive: Some(obsessive), ..CheckIn::default() };
    answers.insert(step("after"), Answer::Checkin(checkin));
    answers.validate(pack).unwrap();
    Session { id: id.into(), person: answers.person(pack).map(str::to_owned), scores: score(pack, &answers) }
}

/// A session where only the "before" half was filled in: it has no after-contact score.
fn before_only(pack: &Pack, id: &str, person: &str) -> Session {
    let mut answers = Answers::new();
    answers.insert(step("who"), Answer::Person(person.into()));
    answers.insert(step("before"), Answer::Checkin(CheckIn { calm: Some(3), ..CheckIn::default() }));
    Session { id: id.into(), person: Some(person.into()), scores: score(pack, &answers) }
}

#[test]
fn tension_after_contact_with_the_same_person_in_5_of_7_fires_for_that_person_only() {
    let catalogue = builtin();
    let pack = catalogue.get("contact-checkin").unwrap();
    // Rule `tense-after`: after-alarm fraction above 0.5 in at least 5 of the last 7 sessions
    // (per person) that have it. after-alarm = anxious + tense + obsessive, out of 12.
    let sessions = vec![
        after_contact(pack, "r1", "R.", (3, 3, 2)),  // 8/12 = 0.67: yes
        after_contact(pack, "s1", "Sam", (4, 4, 4)), // Sam's
        after_contact(pack, "r2", "R.", (2, 3, 1)),  // 6/12 = 0.50: no (strictly above)
        before_only(pack, "r-half", "R."),           // no after score: not one of the 7
        after_contact(pack, "r3", "R.", (4, 3, 3)),  // 10/12: yes
        after_contact(pack, "r4", "R.", (1, 1, 0)),  // 2/12: no
        after_contact(pack, "s2", "Sam", (4, 3, 4)), // Sam's
        after_contact(pack, "r5", "R.", (3, 2, 2)),  // 7/12 = 0.58: yes
        after_contact(pack, "r6", "R.", (3, 4, 2)),  // 9/12: yes
        after_contact(pack, "r7", "R.", (2, 3, 2)),  // 7/12: yes -> 5 of r1..r7
        after_contact(pack, "r8", "R.", (4, 4, 4)),  // beyond R.'s last 7
        after_contact(pack, "s3", "Sam", (4, 4, 3)), // Sam: 3 of 3, fewer than 5
    ];
    let fired = evaluate_patterns(pack, &sessions);
    assert_eq!(fired.len(), 1, "only R.'s rule fires: {fired:#?}");
    let hit = &fired[0];
    assert_eq!(hit.pattern, "tense-after");
    assert_eq!(hit.person.as_deref(), Some("R."));
    assert_eq!((hit.count, hit.of), (5, 7));
    assert_eq!(hit.sessions, ["r1", "r3", "r5", "r6", "r7"], "links back to the sessions, newest first");
    assert!(
        hit.message.starts_with("In 5 of your last 7 check-ins after time with R., you noted tension"),
        "{}",
        hit.message
    );
    assert!(!hit.message.contains('{'), "every placeholder is filled: {}", hit.message);
}

#[test]
fn no_pattern_fires_on_too_few_sessions() {
    let catalogue = builtin();
    let pack = catalogue.get("contact-checkin").unwrap();
    let sessions: Vec<Session> =
        (0..4).map(|i| after_contact(pack, &format!("r{i}"), "R.", (4, 4, 4))).collect::<Vec<_>>();
    assert_eq!(evaluate_patterns(pack, &sessions), [], "4 sessions cannot make 5 of 7");
}

// ---------------------------------------------------------------------------------------------
// Answers

#[test]
fn a_high_distress_checkin_in_a_deep_pack_can_be_noticed_before_going_on() {
    let catalogue = builtin();
    let pack = catalogue.get("shadow-work").unwrap();
    let settle = &pack.steps()[0];
    let mut answers = Answers::new();
    // anxious 4, tense 3, obsessive 2: (4 + 3 + 2) / 3 = 3.0, high distress.
    let checkin = CheckIn { anxious: Some(4), tense: Some(3), obsessive: Some(2), ..CheckIn::default() };
    answers.insert(settle.id.clone(), Answer::Checkin(checkin.clone()));
    answers.validate(pack).unwrap();
    assert!(answers.offer_grounding_first(pack), "a deep pack offers grounding after a high-distress check-in");

    // (1 + 1 + 0) / 3 = 0.67 and safe 3: not high; the exercise simply goes on.
    let calmer = CheckIn { anxious: Some(1), tense: Some(1), obsessive: Some(0), safe: Some(3), ..CheckIn::default() };
    answers.insert(settle.id.clone(), Answer::Checkin(calmer));
    assert!(!answers.offer_grounding_first(pack));

    // A light pack never holds a person back, whatever the check-in says.
    let light = catalogue.get("nervous-system-checkin").unwrap();
    let mut answers = Answers::new();
    answers.insert(step("now"), Answer::Checkin(checkin));
    assert!(!answers.offer_grounding_first(light));
}

#[rstest]
#[case("nope", Answer::Text("x".into()), "UnknownStep")]
#[case("shift", Answer::Scale(2), "WrongKind")]
#[case("rested", Answer::Scale(5), "OutOfRange")]
#[case("today", Answer::Multiple(vec!["work".into(), "gardening".into()]), "UnknownOption")]
#[case("today", Answer::Multiple(vec!["work".into(), "work".into()]), "DuplicateOption")]
#[case("now", Answer::Checkin(CheckIn { tense: Some(7), ..CheckIn::default() }), "OutOfRange")]
fn answers_that_do_not_fit_name_the_step(#[case] id: &str, #[case] answer: Answer, #[case] variant: &str) {
    let catalogue = builtin();
    let pack = catalogue.get("nervous-system-checkin").unwrap();
    let mut answers = Answers::new();
    answers.insert(step(id), answer);
    let err = answers.validate(pack).unwrap_err();
    assert!(format!("{err:?}").starts_with(variant), "expected {variant}, got {err:?}");
    assert!(err.to_string().contains(&format!("\"{id}\"")), "the message names the step: {err}");
}

#[test]
fn grounding_steps_take_no_answer_and_commitments_need_an_intention() {
    let catalogue = builtin();
    let pack = catalogue.get("integration-plan").unwrap();
    let mut answers = Answers::new();
    answers.insert(
        step("daily-practice"),
        Answer::Commitment(Commitment { intention: " ".into(), review_after_days: 7, reviews: vec![] }),
    );
    assert_eq!(answers.validate(pack), Err(AnswersError::Empty { step: "daily-practice".into(), field: "intention" }));

    let grounding = catalogue.get("grounding").unwrap();
    let mut answers = Answers::new();
    answers.insert(step("breath"), Answer::Text("done".into()));
    assert_eq!(answers.validate(grounding), Err(AnswersError::NoAnswerExpected { step: "breath".into() }));
}

fn answer_strategy() -> impl Strategy<Value = Answer> {
    let text = "\\PC{0,40}";
    let id = "[a-z]{1,8}";
    prop_oneof![
        text.prop_map(Answer::Text),
        id.prop_map(Answer::Single),
        prop::collection::vec(id, 0..4).prop_map(Answer::Multiple),
        any::<i32>().prop_map(Answer::Scale),
        prop::collection::btree_map(id, prop_oneof![Just(Mark::Yes), Just(Mark::Sometimes), Just(Mark::No)], 0..5)
            .prop_map(Answer::Checklist),
        text.prop_map(Answer::Person),
        (prop::option::of(0u8..=4), prop::option::of(0u8..=4), prop::option::of(0u8..=4))
            .prop_map(|(calm, safe, tense)| { Answer::Checkin(CheckIn { calm, safe, tense, ..CheckIn::default() }) }),
        (text, 1u16..=365).prop_map(|(intention, review_after_days)| Answer::Commitment(Commitment {
            intention,
            review_after_days,
            reviews: vec![]
        })),
    ]
}

proptest! {
    /// What an entry stores is exactly what comes back.
    #[test]
    fn answers_round_trip_through_json(entries in prop::collection::btree_map("[a-z]{1,6}(-[a-z]{1,6})?", answer_strategy(), 0..8)) {
        let mut answers = Answers::new();
        for (id, answer) in entries {
            answers.insert(step(&id), answer);
        }
        let json = answers.to_json().unwrap();
        let text = serde_json::to_string(&json).unwrap();
        let back = Answers::from_json(&serde_json::from_str(&text).unwrap()).unwrap();
        prop_assert_eq!(back, answers);
    }
}

#[test]
fn score_results_serialize_for_the_app() {
    let result = ScoreResult {
        id: "time".try_into().unwrap(),
        label: "Time".into(),
        value: 3,
        max: 8,
        fraction: 0.375,
        band_words: "often stretched thin".into(),
        answered: 4,
        items: 4,
    };
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["fraction"], 0.375);
    assert_eq!(serde_json::from_value::<ScoreResult>(json).unwrap(), result);
}

// ---------------------------------------------------------------------------------------------
// The JSON Schema

#[test]
fn the_checked_in_schema_matches_the_rust_types() {
    let path = Path::new("exercises/schema.json");
    let generated = pack_schema_json();
    if std::env::var_os("ATTUNE_WRITE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "exercises/schema.json differs from the pack types in src/exercises/doc.rs. Regenerate it with\n    \
         ATTUNE_WRITE_SCHEMA=1 cargo test --test exercises schema\nand commit the result."
    );
}
