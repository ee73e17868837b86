//! Recurring words and two-word themes in what the person wrote: journal titles and bodies,
//! and the written answers of exercises (never the packs' own prompts or titles).
//!
//! Plain local text statistics, so anyone can follow them: text is split into words (letters
//! and digits, with inner apostrophes), lower-cased, and a trailing possessive `'s` dropped.
//! Left out are words shorter than three letters, numbers, the English stop-words below (the
//! packs are written in English) and the names of the people in the register. A *theme* is two
//! kept words written side by side with nothing left out between them ("phone call", "deep
//! breath"). Both are ranked by how many entries they appear in, and need at least
//! [`MIN_ENTRIES`].
//!
//! Why names are left out: people have their own insights (co-occurrence, reciprocity,
//! check-ins), and in a journal about relationships names are the most frequent words of all;
//! counted again here they would fill the list and hide the themes.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::journal::{Entry, EntryId, EntryKind, written_answers};

/// A word or theme needs to appear in at least this many entries.
pub const MIN_ENTRIES: usize = 3;
const MAX_WORDS: usize = 20;
const MAX_THEMES: usize = 10;
const MIN_CHARS: usize = 3;
const MAX_CHARS: usize = 40;

/// Common English words that carry no theme, and a few that every journal of feelings is full
/// of ("feel", "today"). Sorted, for a binary search; a test keeps it so.
pub const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "also",
    "although",
    "always",
    "among",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "are",
    "aren't",
    "around",
    "back",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "bit",
    "both",
    "but",
    "came",
    "can",
    "can't",
    "cannot",
    "come",
    "could",
    "couldn't",
    "did",
    "didn't",
    "does",
    "doesn't",
    "doing",
    "don't",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "enough",
    "even",
    "ever",
    "every",
    "everything",
    "feel",
    "feeling",
    "feels",
    "felt",
    "few",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "going",
    "gone",
    "got",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i'd",
    "i'll",
    "i'm",
    "i've",
    "into",
    "isn't",
    "it's",
    "its",
    "itself",
    "just",
    "kind",
    "know",
    "last",
    "less",
    "let",
    "like",
    "little",
    "lot",
    "made",
    "make",
    "many",
    "may",
    "maybe",
    "might",
    "more",
    "most",
    "much",
    "must",
    "myself",
    "need",
    "never",
    "next",
    "nor",
    "not",
    "nothing",
    "now",
    "off",
    "often",
    "once",
    "one",
    "only",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "perhaps",
    "quite",
    "rather",
    "really",
    "said",
    "same",
    "say",
    "see",
    "seemed",
    "shall",
    "she",
    "should",
    "shouldn't",
    "since",
    "some",
    "someone",
    "something",
    "sometimes",
    "still",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "they're",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "though",
    "through",
    "today",
    "told",
    "too",
    "took",
    "under",
    "until",
    "upon",
    "very",
    "want",
    "was",
    "wasn't",
    "way",
    "well",
    "went",
    "were",
    "weren't",
    "what",
    "what's",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yes",
    "yet",
    "you",
    "you're",
    "your",
    "yours",
    "yourself",
];

/// A word or two-word theme that recurs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecurringWord {
    pub text: String,
    /// How many times it was written in all…
    pub occurrences: u32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// …and the entries it was written in, oldest first.
    pub entries: Vec<EntryId>,
}

#[derive(Default)]
struct Tally {
    occurrences: u32,
    /// Indexes into the entries, each once.
    entries: Vec<usize>,
}

impl Tally {
    fn add(&mut self, index: usize) {
        self.occurrences += 1;
        if self.entries.last() != Some(&index) {
            self.entries.push(index);
        }
    }
}

/// The recurring words and themes of `entries` (oldest first), leaving out `names`.
pub(crate) fn recurring(entries: &[Entry], names: &[String]) -> (Vec<RecurringWord>, Vec<RecurringWord>) {
    let mut skip: HashSet<String> = HashSet::new();
    for name in names.iter().map(String::as_str).chain(entries.iter().flat_map(|e| e.people.iter().map(String::as_str)))
    {
        for part in name.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
            skip.insert(part.to_lowercase());
        }
    }
    let mut words: HashMap<String, Tally> = HashMap::new();
    let mut themes: HashMap<String, Tally> = HashMap::new();
    let mut pair = String::new();
    for (index, entry) in entries.iter().enumerate() {
        let written = (entry.kind == EntryKind::Exercise).then(|| written_answers(entry));
        let title = if entry.kind == EntryKind::Journal { entry.title.as_str() } else { "" };
        let texts = [title, entry.body.as_str(), written.as_deref().unwrap_or("")];
        for text in texts {
            let mut previous: Option<String> = None;
            for token in tokens(text) {
                let Some(word) = token.filter(|w| keep(w, &skip)) else {
                    previous = None;
                    continue;
                };
                tally(&mut words, &word, index);
                if let Some(before) = &previous {
                    pair.clear();
                    pair.push_str(before);
                    pair.push(' ');
                    pair.push_str(&word);
                    tally(&mut themes, &pair, index);
                }
                previous = Some(word);
            }
        }
    }
    (ranked(words, entries, MAX_WORDS), ranked(themes, entries, MAX_THEMES))
}

fn tally(map: &mut HashMap<String, Tally>, key: &str, index: usize) {
    if let Some(t) = map.get_mut(key) {
        t.add(index);
    } else {
        map.entry(key.to_owned()).or_default().add(index);
    }
}

fn keep(word: &str, skip: &HashSet<String>) -> bool {
    let chars = word.chars().count();
    (MIN_CHARS..=MAX_CHARS).contains(&chars)
        && !word.chars().all(|c| c.is_numeric())
        && STOP_WORDS.binary_search(&word).is_err()
        && !skip.contains(word)
}

/// The words of `text`, lower-cased; `None` marks punctuation between words, which ends a
/// theme.
fn tokens(text: &str) -> impl Iterator<Item = Option<String>> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
                chars.next();
            } else if (c == '\'' || c == '\u{2019}') && !word.is_empty() {
                chars.next();
                if chars.peek().is_some_and(|n| n.is_alphanumeric()) {
                    word.push('\'');
                } else {
                    break;
                }
            } else if word.is_empty() {
                chars.next();
                if !c.is_whitespace() {
                    return Some(None);
                }
            } else {
                break;
            }
        }
        if word.is_empty() {
            return None;
        }
        if let Some(stem) = word.strip_suffix("'s") {
            word.truncate(stem.len());
        }
        Some(Some(word))
    })
}

fn ranked(map: HashMap<String, Tally>, entries: &[Entry], max: usize) -> Vec<RecurringWord> {
    let mut kept: Vec<(String, Tally)> = map.into_iter().filter(|(_, t)| t.entries.len() >= MIN_ENTRIES).collect();
    kept.sort_by(|(a, x), (b, y)| {
        y.entries.len().cmp(&x.entries.len()).then(y.occurrences.cmp(&x.occurrences)).then_with(|| a.cmp(b))
    });
    kept.truncate(max);
    kept.into_iter()
        .filter_map(|(text, tally)| {
            let first = entries.get(*tally.entries.first()?)?.local_day;
            let last = entries.get(*tally.entries.last()?)?.local_day;
            Some(RecurringWord {
                text,
                occurrences: tally.occurrences,
                first_day: first,
                last_day: last,
                entries: tally.entries.iter().filter_map(|&i| entries.get(i).map(|e| e.id)).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_words_are_sorted_and_lower_case() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "sorted without repeats, for the binary search");
        assert!(STOP_WORDS.iter().all(|w| *w == w.to_lowercase()));
    }

    #[test]
    fn words_are_split_lowered_and_punctuation_breaks_a_theme() {
        let got: Vec<Option<String>> = tokens("Sam’s phone-call, DON'T  stop… Ελένη").collect();
        let words = |xs: &[Option<&str>]| xs.iter().map(|x| x.map(str::to_owned)).collect::<Vec<_>>();
        assert_eq!(
            got,
            words(&[
                Some("sam"),
                Some("phone"),
                None,
                Some("call"),
                None,
                Some("don't"),
                Some("stop"),
                None,
                Some("ελένη")
            ])
        );
    }
}
