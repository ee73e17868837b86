//! The same word written in composed (NFC) or decomposed (NFD) Unicode is one word to search,
//! on real encrypted vaults in temp folders.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use attune::journal::{EntryEdit, EntryRecord, SaveMode, SearchQuery};
use attune::{EntryId, KdfChoice, KdfParams, NewEntry, Vault};
use common::fixtures::pass;
use unicode_normalization::UnicodeNormalization;

fn create(dir: &std::path::Path) -> Vault {
    Vault::create(dir, &pass(), KdfChoice::Fixed(KdfParams::MINIMUM)).expect("create vault").0
}

fn nfd(text: &str) -> String {
    text.nfd().collect()
}

/// Ids of the entries a search finds, sorted.
fn found(vault: &Vault, query: &str) -> Vec<EntryId> {
    let mut ids: Vec<EntryId> =
        vault.journal().search(&SearchQuery::new(query)).unwrap().hits.into_iter().map(|h| h.entry.id).collect();
    ids.sort();
    ids
}

fn sorted(mut ids: Vec<EntryId>) -> Vec<EntryId> {
    ids.sort();
    ids
}

/// Words with a mark in the middle (Portuguese, Spanish), a word whose decomposed form is
/// conjoining jamo (Korean), and how each is typed without accents.
const WORDS: &[(&str, Option<&str>)] = &[
    ("coração", Some("coracao")),
    ("niño", Some("nino")),
    ("mañana", Some("manana")),
    ("você", Some("voce")),
    ("한국어", None),
];

#[test]
fn decomposed_and_composed_words_find_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let journal = vault.journal();
    for (word, plain) in WORDS {
        let decomposed = nfd(word);
        assert_ne!(&decomposed, word, "the test word {word} has a decomposed form");
        let composed_entry =
            journal.create(NewEntry { body: format!("hoje o {word} falou"), ..NewEntry::default() }).unwrap();
        let decomposed_entry = journal
            .create(NewEntry { title: decomposed.clone(), body: "outra coisa".into(), ..NewEntry::default() })
            .unwrap();
        let both = sorted(vec![composed_entry.id, decomposed_entry.id]);
        assert_eq!(found(&vault, word), both, "composed query {word:?}");
        assert_eq!(found(&vault, &decomposed), both, "decomposed query for {word}");
        assert_eq!(found(&vault, &format!("\"{decomposed}\"")), both, "quoted decomposed query for {word}");
        assert_eq!(found(&vault, &word.to_uppercase()), both, "upper case {word}");
        if let Some(plain) = plain {
            assert_eq!(found(&vault, plain), both, "typed without accents: {plain}");
        }
        // Stored as NFC, whichever form was typed.
        assert_eq!(journal.get(decomposed_entry.id).unwrap().title, *word);
    }
    assert!(vault.check().healthy(), "the search index matches the entries: {:?}", vault.check());
}

#[test]
fn a_decomposed_prefix_finds_the_composed_word() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let entry = vault.journal().create(NewEntry { body: "a relação com a mãe".into(), ..NewEntry::default() }).unwrap();
    assert_eq!(found(&vault, &format!("{}*", nfd("relaç"))), vec![entry.id]);
    assert_eq!(found(&vault, "relac*"), vec![entry.id]);
}

#[test]
fn an_edit_in_the_other_form_is_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let journal = vault.journal();
    let entry = journal
        .create(NewEntry {
            title: "Mañana".into(),
            body: "o coração de você".into(),
            tags: vec!["coração".into()],
            people: vec!["Inês".into()],
            ..NewEntry::default()
        })
        .unwrap();
    let edit = EntryEdit {
        title: Some(nfd("Mañana")),
        body: Some(nfd("o coração de você")),
        tags: Some(vec![nfd("coração")]),
        people: Some(vec![nfd("Inês")]),
        ..EntryEdit::default()
    };
    let after = journal.update(entry.id, edit, SaveMode::Edit).unwrap();
    assert_eq!(after.updated_at, entry.updated_at, "nothing changed");
    assert!(journal.history(entry.id).unwrap().is_empty(), "no revision for the same words");
    assert_eq!(journal.tags().unwrap().len(), 1, "one tag, not two spellings of it");
    assert_eq!(journal.people().unwrap().len(), 1, "one person, not two spellings of her");

    // A real edit written decomposed is stored composed, and the index follows it.
    let edit = EntryEdit { body: Some(nfd("mañana será outro niño")), ..EntryEdit::default() };
    let after = journal.update(entry.id, edit, SaveMode::Edit).unwrap();
    assert_eq!(after.body, "mañana será outro niño");
    assert_eq!(journal.history(entry.id).unwrap().len(), 1);
    assert_eq!(found(&vault, "niño"), vec![entry.id]);
    assert!(found(&vault, "coração").is_empty(), "the words it replaced left the index");
    assert!(vault.check().healthy(), "{:?}", vault.check());
}

#[test]
fn tags_and_people_written_decomposed_are_found_by_their_composed_names() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let journal = vault.journal();
    let entry = journal
        .create(NewEntry {
            body: "uma tarde calma".into(),
            tags: vec![nfd("coração")],
            people: vec![nfd("Inês")],
            ..NewEntry::default()
        })
        .unwrap();
    let stored = journal.get(entry.id).unwrap();
    assert_eq!((stored.tags, stored.people), (vec!["coração".to_owned()], vec!["Inês".to_owned()]));
    let mut query = SearchQuery::new("calma");
    query.tag = Some("coração".into());
    query.person = Some(nfd("Inês"));
    let hits = journal.search(&query).unwrap().hits;
    assert_eq!(hits.len(), 1, "the tag and person filters match across forms");
}

#[test]
fn an_import_is_stored_composed() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let record: EntryRecord = serde_json::from_value(serde_json::json!({
        "id": "0190a0b0-0000-7000-8000-000000000001",
        "kind": "journal",
        "title": nfd("Niño"),
        "body": nfd("mañana, coração"),
        "created_at": "2026-05-01T20:00:00+02:00",
        "updated_at": "2026-05-01T20:00:00+02:00",
        "tags": [nfd("você")],
        "revisions": [{"title": "", "body": nfd("coração antes"), "saved_at": "2026-05-01T19:00:00+02:00",
                       "replaced_at": "2026-05-01T20:00:00+02:00"}],
    }))
    .unwrap();
    vault.journal().import(&[], vec![record.clone()]).unwrap();
    let entry = vault.journal().get(record.id).unwrap();
    assert_eq!((entry.title.as_str(), entry.body.as_str()), ("Niño", "mañana, coração"));
    assert_eq!(entry.tags, vec!["você".to_owned()]);
    assert_eq!(vault.journal().history(record.id).unwrap()[0].body, "coração antes");
    assert_eq!(found(&vault, "coração"), vec![record.id]);
}

/// Sentences in scripts written without spaces, and the words inside them a person would search.
const UNSPACED: &[(&str, &str, &str)] = &[
    ("我和朋友一起去了海边，心里很平静。", "朋友", "海边"),
    ("今日は友達とコーヒーを飲んで、少し安心した。", "友達", "コーヒー"),
    ("오늘 친구에게 마음을 털어놓았다.", "친구", "마음"),
];

#[test]
fn words_inside_unspaced_sentences_are_found_ranked_and_snippeted() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let journal = vault.journal();
    let latin =
        journal.create(NewEntry { body: "a calm morning with a friend".into(), ..NewEntry::default() }).unwrap();
    for (sentence, first, second) in UNSPACED {
        let entry = journal.create(NewEntry { body: (*sentence).into(), ..NewEntry::default() }).unwrap();
        for word in [first, second] {
            assert_eq!(found(&vault, word), vec![entry.id], "{word} inside {sentence}");
            let hits = journal.search(&SearchQuery::new(*word)).unwrap().hits;
            assert_eq!(hits[0].snippet.marked("[", "]"), sentence.replace(word, &format!("[{word}]")), "snippet");
            assert!(hits[0].score.is_some(), "ranked by relevance");
        }
        // Two words, both required; a quoted phrase spanning them; a prefix.
        assert_eq!(found(&vault, &format!("{first} {second}")), vec![entry.id]);
        let (head, _) = first.char_indices().nth(1).map(|(i, _)| first.split_at(i)).unwrap();
        assert!(found(&vault, &format!("{head}*")).contains(&entry.id), "prefix {head}*");
    }
    // Characters that are in the text, but not next to each other in that order, are no match.
    assert!(found(&vault, "友朋").is_empty());
    assert!(found(&vault, "海朋").is_empty());
    // Text in other scripts is found as before.
    assert_eq!(found(&vault, "friend"), vec![latin.id]);
    assert!(vault.check().healthy(), "the index matches the entries: {:?}", vault.check());
}

#[test]
fn the_more_often_a_word_appears_the_higher_it_ranks() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let journal = vault.journal();
    let once = journal.create(NewEntry { body: "今天见了朋友，然后回家。".repeat(3), ..NewEntry::default() }).unwrap();
    let often = journal.create(NewEntry { body: "朋友，朋友，还是朋友。".into(), ..NewEntry::default() }).unwrap();
    let hits = journal.search(&SearchQuery::new("朋友")).unwrap().hits;
    assert_eq!(hits.iter().map(|h| h.entry.id).collect::<Vec<_>>(), vec![often.id, once.id]);
}

#[test]
fn an_edited_or_purged_unspaced_word_leaves_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let vault = create(&dir.path().join("vault"));
    let journal = vault.journal();
    let entry = journal.create(NewEntry { body: "我和朋友去了海边".into(), ..NewEntry::default() }).unwrap();
    let edit = EntryEdit { body: Some("我一个人去了山上".into()), ..EntryEdit::default() };
    journal.update(entry.id, edit, SaveMode::Edit).unwrap();
    assert!(found(&vault, "朋友").is_empty(), "the replaced words left the index");
    assert_eq!(found(&vault, "山上"), vec![entry.id]);
    journal.trash(entry.id).unwrap();
    journal.purge(entry.id).unwrap();
    assert!(found(&vault, "山上").is_empty());
    assert!(vault.check().healthy(), "{:?}", vault.check());
}
