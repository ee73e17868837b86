//! Full-text search over titles, bodies and exercise answers, ranked with snippets.
//!
//! What a person types is never passed to FTS5 as query syntax: it is split into words, quoted
//! phrases and `word*` prefixes, each quoted, so no input can be a syntax error or an operator.
//!
//! Order: FTS5's bm25 weighs each term by reading the term's whole index entry, which takes
//! about 160 ms at 100,000 entries for a word found in nearly all of them, whatever the LIMIT.
//! So results are ranked by relevance only while every term is in at most [`RELEVANCE_LIMIT`]
//! entries (counted with an early stop); a search with a common word lists the newest matches
//! first, reading the index forwards from just below the newest entry (see `newest_matches`). A word that common says
//! little about relevance anyway, and the recent entries are where a person looks first.
//! Prefixes of four letters or more are expanded to the terms they stand for, so they too can
//! stop early instead of merging every matching entry first.
//!
//! A word in Chinese, Japanese or Korean is searched as the phrase of its characters, which the
//! index keeps one token each (see `super::unspaced`), so it is found inside a sentence.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::error::JournalError;
use super::model::EntrySummary;
use super::rows::{RawEntry, SUMMARY_SELECT};

/// Results are ranked by relevance while every term is in at most this many entries.
pub const RELEVANCE_LIMIT: i64 = 2_000;
/// A prefix that stands for more terms than this is searched as a prefix.
const MAX_PREFIX_TERMS: i64 = 64;
/// A search ordered by recency first reads this many of the newest entries per hit wanted.
const RECENCY_WINDOW: i64 = 4;
const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 200;
const MARK_OPEN: char = '\u{2}';
const MARK_CLOSE: char = '\u{3}';
const SNIPPET_TOKENS: i64 = 24;

#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub text: String,
    pub limit: Option<u32>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub tag: Option<String>,
    pub person: Option<String>,
}

impl SearchQuery {
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into(), ..Self::default() }
    }
}

/// How the hits are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum SearchOrder {
    /// Best match first (bm25).
    Relevance,
    /// Newest first: a term is too common for relevance to mean much.
    Recency,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    pub order: SearchOrder,
    pub hits: Vec<SearchHit>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub entry: EntrySummary,
    pub snippet: Snippet,
    /// 1 for the first hit.
    pub rank: u32,
    /// bm25 relevance, higher is better; `None` when ordered by recency.
    pub score: Option<f64>,
}

/// A passage of an entry with the matched words marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub parts: Vec<SnippetPart>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

impl Snippet {
    fn parse(marked: &str) -> Self {
        let mut parts = Vec::new();
        let mut hit = false;
        let mut text = String::new();
        for c in marked.chars() {
            if c == MARK_OPEN && text.is_empty() && parts.last().is_some_and(|p: &SnippetPart| p.hit) {
                // A hit right after a hit, nothing between: the characters of one word in an
                // unspaced script, marked one by one. They read as one hit.
                text = parts.pop().map(|p| p.text).unwrap_or_default();
                hit = true;
                continue;
            }
            if c == MARK_OPEN || c == MARK_CLOSE {
                if !text.is_empty() {
                    parts.push(SnippetPart { text: std::mem::take(&mut text), hit });
                }
                hit = c == MARK_OPEN;
            } else if c != super::unspaced::SEPARATOR {
                text.push(if c == '\n' || c == '\r' { ' ' } else { c });
            }
        }
        if !text.is_empty() {
            parts.push(SnippetPart { text, hit });
        }
        Snippet { parts }
    }

    /// The passage with each hit between `open` and `close`, such as `[` and `]`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        self.parts.iter().map(|p| if p.hit { format!("{open}{}{close}", p.text) } else { p.text.clone() }).collect()
    }
}

/// Serialised for the CLI's JSON as the passage with hits in square brackets.
impl Serialize for Snippet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.marked("[", "]"))
    }
}

pub(crate) fn run(conn: &Connection, query: &SearchQuery) -> Result<SearchResults, JournalError> {
    // The index holds NFC text; a query typed decomposed (NFD) must be brought to the same form,
    // or its combining marks would split its words (see `super::nfc`).
    let terms = parse_terms(&super::nfc::nfc(&query.text));
    if terms.is_empty() {
        return Err(JournalError::EmptyQuery { query: query.text.clone() });
    }
    let parts = render(&terms, |prefix| expand_prefix(conn, prefix))?;
    let fts = parts.join(" ");
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);

    // bm25 reads the whole index entry of every term to weigh it: fine for terms in a few
    // thousand entries, too slow for common ones. Count each term's entries, stopping early.
    let mut order = SearchOrder::Relevance;
    for part in &parts {
        let count: i64 = conn
            .prepare_cached("SELECT count(*) FROM (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1 LIMIT ?2)")?
            .query_row(params![part, RELEVANCE_LIMIT + 1], |row| row.get(0))?;
        if count > RELEVANCE_LIMIT {
            order = SearchOrder::Recency;
            break;
        }
    }

    let ranked = match order {
        SearchOrder::Relevance => ranked_by_relevance(conn, &fts, query, limit)?,
        SearchOrder::Recency => newest_matches(conn, &fts, query, limit)?,
    };
    if ranked.is_empty() {
        return Ok(SearchResults { order, hits: Vec::new() });
    }

    // Snippets and summaries of just these rows, one query each.
    let seqs: Vec<i64> = ranked.iter().map(|(seq, _)| *seq).collect();
    let marks = (2..seqs.len() + 2).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let mut snippet_values: Vec<rusqlite::types::Value> = vec![fts.into()];
    snippet_values.extend(seqs.iter().map(|&s| rusqlite::types::Value::from(s)));
    let snippet_sql = format!(
        "SELECT rowid, snippet(entries_fts, -1, char({}), char({}), '…', {SNIPPET_TOKENS})
         FROM entries_fts WHERE entries_fts MATCH ?1 AND rowid IN ({marks})",
        u32::from(MARK_OPEN),
        u32::from(MARK_CLOSE),
    );
    let mut snippets: std::collections::HashMap<i64, String> = conn
        .prepare_cached(&snippet_sql)?
        .query_map(rusqlite::params_from_iter(snippet_values), |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let summary_marks = (1..=seqs.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let mut summaries = std::collections::HashMap::with_capacity(seqs.len());
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY_SELECT} WHERE e.seq IN ({summary_marks})"))?;
    for raw in stmt.query_map(rusqlite::params_from_iter(seqs.iter()), RawEntry::from_row)? {
        let raw = raw?;
        summaries.insert(raw.seq, raw);
    }

    let mut hits = Vec::with_capacity(ranked.len());
    for (position, (seq, bm25)) in ranked.into_iter().enumerate() {
        let Some(raw) = summaries.remove(&seq) else { continue };
        hits.push(SearchHit {
            entry: raw.into_summary()?,
            snippet: Snippet::parse(&snippets.remove(&seq).unwrap_or_default()),
            rank: u32::try_from(position + 1).unwrap_or(u32::MAX),
            score: bm25.map(|b| -b),
        });
    }
    Ok(SearchResults { order, hits })
}

/// The matches in bm25 order, best first: `(seq, bm25)`.
fn ranked_by_relevance(
    conn: &Connection,
    fts: &str,
    query: &SearchQuery,
    limit: u32,
) -> Result<Vec<(i64, Option<f64>)>, JournalError> {
    let mut values: Vec<rusqlite::types::Value> = vec![fts.to_owned().into()];
    let mut sql = String::from(
        "SELECT entries_fts.rowid, entries_fts.rank
         FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid
         WHERE entries_fts MATCH ?1 AND e.deleted_at IS NULL",
    );
    super::push_filters(&mut sql, &mut values, query.from, query.to, query.tag.as_deref(), query.person.as_deref());
    values.push(i64::from(limit).into());
    sql.push_str(&format!(" ORDER BY entries_fts.rank LIMIT ?{}", values.len()));
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(values), |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// The newest `limit` matches, newest first: `(seq, None)`.
///
/// FTS5 walks a term's index entry backwards (`ORDER BY rowid DESC`) only after loading all of
/// it: 20–35 ms at 100,000 entries for a word in nearly all of them, however small the page.
/// Forwards it streams, and it seeks to a rowid bound. So the newest are found by reading
/// forwards from a floor just below the newest entry, a window of [`RECENCY_WINDOW`] entries per
/// hit wanted, four times wider each time it holds too few, until it holds a page or reaches the
/// first entry. A common word (the only kind searched this way) fills the first window.
fn newest_matches(
    conn: &Connection,
    fts: &str,
    query: &SearchQuery,
    limit: u32,
) -> Result<Vec<(i64, Option<f64>)>, JournalError> {
    let newest: i64 = conn.prepare_cached("SELECT coalesce(max(seq), 0) FROM entries")?.query_row([], |r| r.get(0))?;
    let mut values: Vec<rusqlite::types::Value> = vec![fts.to_owned().into(), 0_i64.into()];
    let mut sql = String::from(
        "SELECT entries_fts.rowid
         FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid
         WHERE entries_fts MATCH ?1 AND entries_fts.rowid > ?2 AND e.deleted_at IS NULL",
    );
    super::push_filters(&mut sql, &mut values, query.from, query.to, query.tag.as_deref(), query.person.as_deref());
    sql.push_str(" ORDER BY entries_fts.rowid");
    let mut stmt = conn.prepare_cached(&sql)?;
    let wanted = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut span = i64::from(limit).saturating_mul(RECENCY_WINDOW);
    loop {
        let floor = newest.saturating_sub(span);
        values[1] = floor.into();
        let seqs: Vec<i64> =
            stmt.query_map(rusqlite::params_from_iter(values.iter()), |row| row.get(0))?.collect::<Result<_, _>>()?;
        if seqs.len() >= wanted || floor <= 0 {
            return Ok(seqs.into_iter().rev().take(wanted).map(|seq| (seq, None)).collect());
        }
        span = span.saturating_mul(4);
    }
}

/// One thing to find: a word or a phrase, optionally a prefix (`word*`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    words: Vec<String>,
    prefix: bool,
}

/// Checks the search index against the entries it indexes (FTS5's integrity check, comparing
/// with the content table). Returns the problems found; empty when the index matches.
pub(crate) fn check_index(conn: &Connection) -> Vec<String> {
    match conn.execute("INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)", []) {
        Ok(_) => Vec::new(),
        Err(e) => vec![format!("the search index does not match the entries: {e}")],
    }
}

/// Splits what a person typed into words, quoted phrases and `word*` prefixes. Anything that is
/// not a letter or digit separates words, as the index's tokenizer does, and each character of
/// an unspaced script is a word of its own, so `朋友` is the phrase of 朋 and 友.
pub(crate) fn parse_terms(text: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let (raw, prefix, tail) = if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            let tail = inner.get(end + 1..).unwrap_or("");
            let prefix = tail.starts_with('*');
            (&inner[..end], prefix, if prefix { &tail[1..] } else { tail })
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            let token = &rest[..end];
            (token.trim_end_matches('*'), token.ends_with('*'), &rest[end..])
        };
        let words: Vec<String> = super::unspaced::split(raw)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        if !words.is_empty() {
            terms.push(Term { words, prefix });
        }
        rest = tail;
    }
    terms
}

/// The FTS5 query for `terms`: each one quoted, all required. A one-word prefix of four or more
/// letters becomes the real terms it stands for when `expand` finds a few.
pub(crate) fn render(
    terms: &[Term],
    mut expand: impl FnMut(&str) -> Result<Option<Vec<String>>, JournalError>,
) -> Result<Vec<String>, JournalError> {
    let quote = |w: &str| format!("\"{}\"", w.replace('"', "\"\""));
    let mut parts = Vec::with_capacity(terms.len());
    for term in terms {
        let phrase = quote(&term.words.join(" "));
        let part = match (term.prefix, term.words.as_slice()) {
            (true, [word]) if word.chars().count() >= 4 => match expand(word)? {
                Some(found) if !found.is_empty() => {
                    format!("({})", found.iter().map(|t| quote(t)).collect::<Vec<_>>().join(" OR "))
                }
                _ => format!("{phrase}*"),
            },
            (true, _) => format!("{phrase}*"),
            (false, _) => phrase,
        };
        parts.push(part);
    }
    Ok(parts)
}

/// The indexed terms that start with `prefix`, when there are few enough to list.
fn expand_prefix(conn: &Connection, prefix: &str) -> Result<Option<Vec<String>>, JournalError> {
    let low = prefix.to_lowercase();
    let high = format!("{low}\u{10ffff}");
    let terms: Vec<String> = conn
        .prepare_cached("SELECT term FROM entries_vocab WHERE term >= ?1 AND term < ?2 LIMIT ?3")?
        .query_map(params![low, high, MAX_PREFIX_TERMS + 1], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok((terms.len() <= MAX_PREFIX_TERMS as usize).then_some(terms))
}

/// Turns what a person typed into a safe FTS5 query, without prefix expansion.
#[cfg(test)]
fn to_fts_query(text: &str) -> Result<String, JournalError> {
    let terms = parse_terms(text);
    if terms.is_empty() {
        return Err(JournalError::EmptyQuery { query: text.to_owned() });
    }
    Ok(render(&terms, |_| Ok(None))?.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::words("calm morning", r#""calm" "morning""#)]
    #[case::phrase(r#""felt seen" today"#, r#""felt seen" "today""#)]
    #[case::prefix("bound*", r#""bound"*"#)]
    #[case::operators_are_words("NOT OR AND", r#""NOT" "OR" "AND""#)]
    #[case::punctuation("don't (really) -tense", r#""don t" "really" "tense""#)]
    #[case::unclosed_quote(r#""open phrase"#, r#""open phrase""#)]
    #[case::quoted_prefix(r#""self wor"*"#, r#""self wor"*"#)]
    #[case::accents("Über café", r#""Über" "café""#)]
    #[case::chinese_word_is_a_phrase("朋友 海边", r#""朋 友" "海 边""#)]
    #[case::korean_with_latin("AI친구", r#""AI 친 구""#)]
    #[case::chinese_prefix("朋友*", r#""朋 友"*"#)]
    fn user_text_becomes_a_safe_query(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(to_fts_query(input).unwrap(), expected);
    }

    #[rstest]
    #[case("")]
    #[case("   ")]
    #[case("*** \"\" -")]
    fn nothing_searchable_is_an_error(#[case] input: &str) {
        assert!(matches!(to_fts_query(input), Err(JournalError::EmptyQuery { .. })));
    }

    #[test]
    fn snippet_marks_become_parts() {
        let s = Snippet::parse("a \u{2}calm\u{3} day\nafter");
        assert_eq!(s.marked("[", "]"), "a [calm] day after");
        let s = Snippet::parse("我\u{200b}和\u{200b}\u{2}朋\u{3}\u{200b}\u{2}友\u{3}");
        assert_eq!(s.marked("[", "]"), "我和[朋友]");
        assert_eq!(s.parts.iter().filter(|p| p.hit).count(), 1);
        assert_eq!(s.parts.iter().filter(|p| p.hit).count(), 1);
    }
}
