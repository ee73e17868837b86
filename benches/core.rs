//! The core benchmark: a synthetic vault of 100,000 entries of realistic length, and the
//! operations a person waits on. Writes `target/bench/core.json` and prints a table.
//!
//! `npm run bench` (or `cargo bench --bench core`). `ATTUNE_BENCH_ENTRIES` changes the size.
//!
//! `ATTUNE_BENCH_PHOTOS=1 cargo bench --bench core` runs the photo figures instead (opt-in: it
//! writes a gigabyte): adding a 5 MB photo, opening an entry with 10 photos (the list and the
//! thumbnails), and the vault's and a backup's size and time with 1 GB of photos. Writes
//! `target/bench/photos.json`. `ATTUNE_BENCH_PHOTO_MB` changes the total (default 1000).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attune::exchange;
use attune::journal::{EntryRecord, ListFilter, SearchQuery};
use attune::time::{FixedClock, Timestamp};
use attune::{Credential, KdfChoice, NewEntry, Passphrase, Vault};

mod common;
use common::{Figure, figure};

const PASS: &str = "benchmark passphrase, long enough";

/// Words of everyday reflective writing, most common first: their Zipf weights make the first
/// few appear in nearly every entry, as "the" and "I" do in a real journal.
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
    "feel",
    "about",
    "but",
    "not",
    "so",
    "when",
    "today",
    "this",
    "at",
    "what",
    "on",
    "he",
    "she",
    "they",
    "after",
    "again",
    "still",
    "want",
    "think",
    "know",
    "time",
    "more",
    "like",
    "because",
    "really",
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
    "breathing",
    "stomach",
    "walk",
    "river",
    "garden",
    "kitchen",
    "phone",
    "message",
    "dinner",
    "coffee",
    "rain",
    "sun",
    "friend",
    "family",
    "mother",
    "father",
    "sister",
    "brother",
    "partner",
    "colleague",
    "boundary",
    "boundaries",
    "resentment",
    "resentful",
    "guilt",
    "guilty",
    "gratitude",
    "grateful",
    "support",
    "asked",
    "help",
    "listen",
    "listened",
    "heard",
    "seen",
    "valued",
    "ignored",
    "pleasing",
    "control",
    "trust",
    "honest",
    "open",
    "closed",
    "angry",
    "sad",
    "glad",
    "afraid",
    "hope",
    "hopeful",
    "retreat",
    "circle",
    "practice",
    "noticed",
    "pattern",
    "patterns",
    "old",
    "new",
    "child",
    "childhood",
    "learned",
    "hide",
    "hidden",
    "judge",
    "judged",
    "trigger",
    "triggered",
    "project",
    "shadow",
    "give",
    "gave",
    "receive",
    "received",
    "balance",
    "space",
    "needed",
    "need",
    "rest",
    "slept",
    "sleep",
    "dream",
    "woke",
    "quiet",
    "loud",
    "small",
    "big",
    "long",
    "short",
    "week",
    "weekend",
    "plan",
    "intention",
    "kept",
    "forgot",
    "remembered",
    "laughed",
    "cried",
    "hug",
    "held",
    "distance",
    "close",
    "closer",
    "choice",
    "chose",
    "said",
    "no",
    "yes",
    "maybe",
    "enough",
    "much",
    "little",
];
const NAMES: &[&str] = &[
    "Marisol", "Tobias", "Ana", "Sam", "Priya", "Jonas", "Leila", "Mateo", "Ingrid", "Kwame", "Noor", "Elias", "Hana",
    "Oskar", "Rosa", "Dev", "Mira", "Felix", "Amara", "Luca",
];
/// Sentences in unspaced scripts (Chinese, Japanese, Korean), one in every ten entries, so the
/// search mix has words to find inside them.
const UNSPACED: [&str; 4] = [
    "我和朋友一起去了海边，心里很平静。",
    "今天和妈妈通了电话，有点紧张。",
    "今日は友達とコーヒーを飲んで、少し安心した。",
    "오늘 친구에게 마음을 털어놓았다.",
];

const RARE: &[&str] = &["zephyrine", "quillwort", "marzipanic", "holloway"];

/// xorshift64*: deterministic, so every run builds the same vault.
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
    /// An index with Zipf-like weights 1/(i+1).
    fn zipf(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative[cumulative.len() - 1];
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        cumulative.partition_point(|&c| c < x).min(cumulative.len() - 1)
    }
}

struct TextMaker {
    rng: Rng,
    cumulative: Vec<f64>,
}

impl TextMaker {
    fn new(seed: u64) -> Self {
        let mut sum = 0.0;
        let cumulative = (0..WORDS.len())
            .map(|i| {
                sum += 1.0 / (i as f64 + 1.0);
                sum
            })
            .collect();
        Self { rng: Rng(seed), cumulative }
    }

    /// About 150 to 350 words in sentences, with a name, a phrase and now and then a rare word.
    fn body(&mut self, n: usize) -> String {
        let words = 150 + self.rng.below(200);
        let mut out = String::with_capacity(words * 7);
        let mut in_sentence = 0;
        for i in 0..words {
            if in_sentence == 0 {
                if i > 0 {
                    out.push_str(". ");
                }
            } else {
                out.push(' ');
            }
            let word = match self.rng.below(40) {
                0 => NAMES[self.rng.below(NAMES.len())],
                1 => "felt safe",
                2 => "after the call",
                _ => WORDS[self.rng.zipf(&self.cumulative)],
            };
            out.push_str(word);
            in_sentence = (in_sentence + 1) % (8 + self.rng.below(12));
        }
        if n % 20_000 == 7 {
            out.push_str(&format!(". {}", RARE[(n / 20_000) % RARE.len()]));
        }
        out.push('.');
        if n % 10 == 3 {
            out.push(' ');
            out.push_str(UNSPACED[(n / 10) % UNSPACED.len()]);
        }
        out
    }
}

fn records(count: usize, seed: u64, start: Timestamp) -> Vec<EntryRecord> {
    let mut maker = TextMaker::new(seed);
    (0..count)
        .map(|n| {
            // About three entries a day going back from `start`.
            let at = start - chrono::Duration::minutes(((count - n) * 480) as i64);
            let tags: Vec<&str> = match n % 7 {
                0 => vec!["morning"],
                3 => vec!["retreat", "integration"],
                _ => vec![],
            };
            let person = (n % 5 == 0).then(|| NAMES[n % NAMES.len()]);
            serde_json::from_value(serde_json::json!({
                "id": uuid::Uuid::now_v7(),
                "kind": "journal",
                "title": format!("Evening {n}"),
                "body": maker.body(n),
                "mood": 1 + n % 5,
                "created_at": at.to_rfc3339(),
                "updated_at": at.to_rfc3339(),
                "tags": tags,
                "people": person.map(|p| vec![p]).unwrap_or_default(),
            }))
            .expect("synthetic record")
        })
        .collect()
}

/// A Day One export of `count` entries, zipped as the app does, from the same synthetic text.
fn dayone_zip(path: &Path, count: usize, now: Timestamp) -> Result<(), Box<dyn std::error::Error>> {
    let entries: Vec<serde_json::Value> = records(count, 13, now)
        .into_iter()
        .enumerate()
        .map(|(n, r)| {
            serde_json::json!({
                "uuid": format!("{:032X}", 0xD1_0000_0000u64 + n as u64),
                "creationDate": r.created_at.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "modifiedDate": r.updated_at.with_timezone(&chrono::Utc).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "timeZone": "Europe/Paris",
                "starred": n % 10 == 0,
                "tags": r.tags,
                "text": format!("# {}\n\n{}", r.title, r.body.replace('.', "\\.")),
                "location": {"placeName": "Jardim da Estrela", "localityName": "Lisboa", "country": "Portugal"},
                "photos": if n % 4 == 0 { serde_json::json!([{"identifier": "A", "md5": "0", "type": "jpeg"}]) } else { serde_json::json!([]) },
            })
        })
        .collect();
    let json = serde_json::to_vec(&serde_json::json!({"metadata": {"version": "1.0"}, "entries": entries}))?;
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("Journal.json", options)?;
    zip.write_all(&json)?;
    zip.finish()?;
    Ok(())
}

fn once(name: &str, took: Duration, target: Option<&str>) -> Figure {
    figure(name, &mut [took], target)
}

/// The figures as a table on stdout, names in a column `width` characters wide.
fn print_table(figures: &[Figure], width: usize) {
    println!("\n{:<width$} {:>9} {:>9} {:>9} {:>9}  target", "operation", "p50 ms", "p95 ms", "p99 ms", "max ms");
    for f in figures {
        println!(
            "{:<width$} {:>9.2} {:>9.2} {:>9.2} {:>9.2}  {}",
            f.name,
            f.p50,
            f.p95,
            f.p99,
            f.max,
            f.target.as_deref().unwrap_or("")
        );
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new("target").to_owned())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `cargo test --benches` runs this with --bench absent; only a real bench run does the work.
    if !std::env::args().any(|a| a == "--bench") {
        return Ok(());
    }
    if std::env::var_os("ATTUNE_BENCH_PHOTOS").is_some() {
        return photos();
    }
    let entries: usize = std::env::var("ATTUNE_BENCH_ENTRIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let out_dir = target_dir().join("bench");
    std::fs::create_dir_all(&out_dir)?;
    let vault_dir = out_dir.join("vault-core");
    // ATTUNE_BENCH_REUSE=1 keeps the vault of the last run (for quick iterations on queries).
    let reuse = std::env::var_os("ATTUNE_BENCH_REUSE").is_some() && vault_dir.join("vault.keys").exists();
    if !reuse {
        let _ = std::fs::remove_dir_all(&vault_dir);
    }
    let now: Timestamp = chrono::DateTime::parse_from_rfc3339("2026-11-01T21:00:00+01:00")?;
    let pass = Passphrase::new(PASS.to_owned());
    let mut figures = Vec::new();

    // Unlock, with this machine's calibrated Argon2id.
    let kdf = if reuse {
        Vault::open(&vault_dir, Credential::Passphrase(&pass))?.kdf_params()
    } else {
        Vault::create_with_clock(&vault_dir, &pass, KdfChoice::default(), Box::new(FixedClock(now)))?.0.kdf_params()
    };
    let mut unlocks = Vec::new();
    for _ in 0..5 {
        let (vault, took) = time(|| Vault::open(&vault_dir, Credential::Passphrase(&pass)));
        unlocks.push(took);
        vault?.lock();
    }
    figures.push(figure(
        &format!("unlock (Argon2id m={} MiB t={} p={})", kdf.m_kib / 1024, kdf.t, kdf.p),
        &mut unlocks,
        None,
    ));

    // Fill the vault in chunks of 10,000 (each one import transaction).
    eprintln!("building a vault of {entries} entries…");
    let mut vault = Vault::open_with_clock(&vault_dir, Credential::Passphrase(&pass), Box::new(FixedClock(now)))?;
    let (filled, fill) = time(|| -> Result<(), Box<dyn std::error::Error>> {
        if !reuse {
            for chunk in records(entries, 7, now).chunks(10_000) {
                vault.journal().import(&[], chunk.to_vec())?;
            }
        }
        Ok(())
    });
    filled?;
    eprintln!("filled in {:.1} s", fill.as_secs_f64());

    // Import of 10,000 entries from an Attune JSON file into a fresh vault: parse + one transaction.
    let file = out_dir.join("import-10k.json");
    {
        let src_dir = out_dir.join("vault-export-src");
        let _ = std::fs::remove_dir_all(&src_dir);
        let (small, _) = Vault::create(&src_dir, &pass, KdfChoice::default())?;
        small.journal().import(&[], records(10_000, 11, now))?;
        let mut w = BufWriter::new(std::fs::File::create(&file)?);
        exchange::write_attune_json(&small.journal(), &now, &mut w)?;
    }
    let import_dir = out_dir.join("vault-import");
    let _ = std::fs::remove_dir_all(&import_dir);
    let (target, _) = Vault::create(&import_dir, &pass, KdfChoice::default())?;
    let (report, took) = time(|| -> Result<_, Box<dyn std::error::Error>> {
        let parsed = exchange::read_attune_json(BufReader::new(std::fs::File::open(&file)?), &file)?;
        Ok(target.journal().import(&parsed.people, parsed.entries)?)
    });
    assert_eq!(report?.added, 10_000);
    figures.push(once("import 10,000 entries (Attune JSON)", took, Some("< 5000 ms")));
    target.lock();

    // Import of 10,000 Day One entries from its zip into a fresh vault: unzip, parse, plan, one
    // transaction.
    let dayone = out_dir.join("dayone-10k.zip");
    dayone_zip(&dayone, 10_000, now)?;
    let import_dir = out_dir.join("vault-import-dayone");
    let _ = std::fs::remove_dir_all(&import_dir);
    let (target, _) = Vault::create(&import_dir, &pass, KdfChoice::default())?;
    let (outcome, took) = time(|| -> Result<_, Box<dyn std::error::Error>> {
        let options = exchange::import::Options::in_zone("Europe/Paris")?;
        let plan = exchange::import::plan(&dayone, None, &options)?;
        Ok(exchange::import::apply(&target.journal(), plan)?)
    });
    assert_eq!(outcome?.added, 10_000);
    figures.push(once("import 10,000 entries (Day One zip)", took, Some("< 5000 ms")));
    target.lock();
    let _ = std::fs::remove_dir_all(&import_dir);

    // Save one entry, synchronous = FULL.
    let mut maker = TextMaker::new(99);
    let mut saves = Vec::new();
    for n in 0..500 {
        let body = maker.body(n);
        let (saved, took) = time(|| vault.journal().create(NewEntry { body, ..NewEntry::default() }));
        saved?;
        saves.push(took);
    }
    figures.push(figure("save one entry", &mut saves, Some("p99 < 10 ms")));

    // First page: the newest 50.
    let mut pages = Vec::new();
    for _ in 0..200 {
        let (page, took) = time(|| vault.journal().list(&ListFilter { limit: Some(50), ..ListFilter::default() }));
        assert_eq!(page?.items.len(), 50);
        pages.push(took);
    }
    figures.push(figure("newest 50 entries", &mut pages, Some("p95 < 10 ms")));

    // Search: a mix of what people type.
    let mix: &[(&str, &str)] = &[
        ("rare word", "zephyrine"),
        ("rare word", "quillwort"),
        ("name", "Marisol"),
        ("name", "Tobias"),
        ("phrase", "\"felt safe\""),
        ("phrase", "\"after the call\""),
        ("prefix", "bound*"),
        ("prefix", "resent*"),
        ("near-universal word", "the"),
        ("near-universal word", "felt"),
        ("two words", "tense morning"),
        ("two words", "calm river"),
        ("word in Chinese or Japanese", "朋友"),
        ("word in Chinese or Japanese", "コーヒー"),
    ];
    let mut all_searches = Vec::new();
    let mut by_kind: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    for round in 0..20 {
        for (kind, query) in mix {
            let (hits, took) = time(|| vault.journal().search(&SearchQuery::new(*query)));
            let hits = hits?;
            if round == 0 {
                eprintln!("  {query:<20} {} hits, {:?}", hits.hits.len(), hits.order);
            }
            all_searches.push(took);
            by_kind.entry(kind).or_default().push(took);
        }
    }
    figures.push(figure("search with snippets, whole mix", &mut all_searches, Some("p95 < 50 ms, p50 < 5 ms")));
    for (kind, mut samples) in by_kind {
        figures.push(figure(&format!("search: {kind}"), &mut samples, None));
    }

    // What SQLCipher's memory security would cost (off in every vault): the same saves and the
    // same search mix again, in the same run, on the same vault reopened with it on. Last, as
    // once on it stays on for the process.
    let memory_security = |vault_dir: &std::path::Path| -> Result<Vec<Figure>, Box<dyn std::error::Error>> {
        let measure = |vault: &Vault| -> Result<(Vec<Duration>, Vec<Duration>), Box<dyn std::error::Error>> {
            let mut maker = TextMaker::new(123);
            let mut saves = Vec::new();
            for n in 0..300 {
                let body = maker.body(n);
                let (saved, took) = time(|| vault.journal().create(NewEntry { body, ..NewEntry::default() }));
                saved?;
                saves.push(took);
            }
            let mut searches = Vec::new();
            for _ in 0..10 {
                for query in ["zephyrine", "Marisol", "\"felt safe\"", "bound*", "the", "tense morning"] {
                    let (hits, took) = time(|| vault.journal().search(&SearchQuery::new(query)));
                    hits?;
                    searches.push(took);
                }
            }
            Ok((saves, searches))
        };
        let off = Vault::open_with_clock(vault_dir, Credential::Passphrase(&pass), Box::new(FixedClock(now)))?;
        let (mut saves_off, mut searches_off) = measure(&off)?;
        off.lock();
        attune::vault::set_memory_security(true);
        let on = Vault::open_with_clock(vault_dir, Credential::Passphrase(&pass), Box::new(FixedClock(now)))?;
        let (mut saves_on, mut searches_on) = measure(&on)?;
        on.lock();
        Ok(vec![
            figure("save one entry, memory security off (as shipped)", &mut saves_off, None),
            figure("save one entry, memory security on (peer)", &mut saves_on, None),
            figure("search mix, memory security off (as shipped)", &mut searches_off, None),
            figure("search mix, memory security on (peer)", &mut searches_on, None),
        ])
    };

    // Export of the whole vault to Attune JSON.
    let export_path = out_dir.join("export-all.json");
    let (summary, took) = time(|| -> Result<_, Box<dyn std::error::Error>> {
        let mut w = BufWriter::new(std::fs::File::create(&export_path)?);
        Ok(exchange::write_attune_json(&vault.journal(), &now, &mut w)?)
    });
    let summary = summary?;
    figures.push(once(&format!("export {} entries (Attune JSON)", summary.entries), took, None));
    let _ = std::fs::remove_file(&export_path);

    // Export of the whole vault to Markdown: one file per entry.
    let md_dir = out_dir.join("export-markdown");
    let _ = std::fs::remove_dir_all(&md_dir);
    let (written, took) =
        time(|| exchange::markdown::export_folder(&vault.journal(), &attune::i18n::Words::default(), &md_dir));
    let written = written?;
    figures.push(once(&format!("export {written} entries (Markdown files)"), took, Some("< 10000 ms")));
    let _ = std::fs::remove_dir_all(&md_dir);

    // Encrypted backup of the whole vault, verified.
    let backup_path = out_dir.join("vault-core.attune-backup");
    let (backed_up, took) = time(|| vault.backup(&backup_path));
    let backed_up = backed_up?;
    figures.push(once(
        &format!("backup {} entries ({} MB, verified)", backed_up.entries, backed_up.bytes / 1_000_000),
        took,
        Some("< 5000 ms"),
    ));
    let _ = std::fs::remove_file(&backup_path);

    // Replacing the key: every page re-encrypted (PRAGMA rekey), the key file written twice.
    let (rekeyed, took) = time(|| vault.rekey(&pass, &attune::OsKeyring));
    drop(rekeyed?);
    figures.push(once(&format!("replace the key (rekey), {} entries", backed_up.entries), took, Some("report")));
    vault.lock();
    let vault = Vault::open(&vault_dir, Credential::Passphrase(&pass))?;
    assert_eq!(vault.journal().list(&ListFilter { limit: Some(50), ..ListFilter::default() })?.items.len(), 50);
    if !reuse {
        figures.push(once(&format!("fill {entries} entries (10 import transactions)"), fill, None));
    }

    vault.lock();
    figures.extend(memory_security(&vault_dir)?);
    let vault_bytes: u64 =
        std::fs::read_dir(&vault_dir)?.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
    let json = serde_json::json!({
        "benchmark": "core",
        "entries": entries,
        "vault_megabytes": (vault_bytes as f64 / 1e6).round(),
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "figures": figures,
    });
    std::fs::write(out_dir.join("core.json"), serde_json::to_string_pretty(&json)?)?;

    print_table(&figures, 48);
    println!("\nvault size: {:.0} MB; written to {}", vault_bytes as f64 / 1e6, out_dir.join("core.json").display());
    Ok(())
}

/// A JPEG of about `megabytes` MB: a phone photo's 4032×3024 pixels of gradient and grain (grain
/// is what makes real photos large).
fn photo_jpeg(megabytes: f64) -> Vec<u8> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut quality = 92u8;
    loop {
        let img = image::RgbImage::from_fn(4032, 3024, |x, y| {
            let grain = (rng.next() % 48) as u8;
            image::Rgb([(x / 16) as u8 ^ grain, (y / 12) as u8 ^ (grain / 2), 128u8.wrapping_add(grain)])
        });
        let mut out = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
        image::DynamicImage::ImageRgb8(img).write_with_encoder(encoder).unwrap();
        let mb = out.len() as f64 / 1e6;
        if mb <= megabytes * 1.15 || quality < 40 {
            return out;
        }
        quality -= 8;
    }
}

fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |items| items.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum())
}

/// The photo figures (see the module docs).
fn photos() -> Result<(), Box<dyn std::error::Error>> {
    use attune::Session;
    let out_dir = target_dir().join("bench");
    std::fs::create_dir_all(&out_dir)?;
    let vault_dir = out_dir.join("vault-photos");
    let _ = std::fs::remove_dir_all(&vault_dir);
    let now: Timestamp = chrono::DateTime::parse_from_rfc3339("2026-11-01T21:00:00+01:00")?;
    let pass = Passphrase::new(PASS.to_owned());
    let total_mb: u64 = std::env::var("ATTUNE_BENCH_PHOTO_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let started = Instant::now();
    let (session, _, _) =
        Session::create_with_clock(&vault_dir, &pass, KdfChoice::default(), None, Box::new(FixedClock(now)))?;
    let photo = photo_jpeg(5.0);
    let photo_mb = photo.len() as f64 / 1e6;
    eprintln!("a {photo_mb:.1} MB photo of 4032×3024; filling {total_mb} MB of photos…");
    // Each copy differs by its last bytes (after the JPEG's end, which decoders ignore), so none
    // is taken for one already kept.
    let copy = |n: u64| {
        let mut bytes = photo.clone();
        bytes.extend_from_slice(&n.to_le_bytes());
        bytes
    };
    let mut figures = Vec::new();
    let mut adds = Vec::new();
    let count = (total_mb as f64 / photo_mb).ceil() as u64;
    let mut with_ten = None;
    let mut entry = None;
    for n in 0..count {
        if n % 10 == 0 {
            let created = session
                .journal()
                .create(NewEntry { body: format!("A walk by the sea, day {n}"), ..NewEntry::default() })?;
            entry = Some(created.id);
        }
        let Some(id) = entry else { continue };
        let (added, took) =
            time(|| session.attach(id, vec![(format!("IMG_{n:04}.jpg"), copy(n))]).map_err(|e| e.to_string()));
        added?;
        adds.push(took);
        if n == 9 {
            with_ten = Some(id);
        }
    }
    let mut first: Vec<Duration> = adds.iter().take(10).copied().collect();
    figures.push(figure(
        &format!("add a {photo_mb:.1} MB photo (12 MP JPEG: thumbnail, encrypt, store)"),
        &mut first,
        Some("report"),
    ));
    figures.push(figure(&format!("add a {photo_mb:.1} MB photo, all {count}"), &mut adds, None));

    let ten = with_ten.ok_or("fewer than 10 photos")?;
    let mut opens = Vec::new();
    for _ in 0..30 {
        let (thumbs, took) = time(|| -> Result<usize, Box<dyn std::error::Error>> {
            let store = session.attachments();
            let listed = store.list(ten)?;
            let mut bytes = 0;
            for a in &listed {
                bytes += store.thumbnail(a.id)?.map_or(0, |t| t.len());
            }
            Ok(bytes)
        });
        thumbs?;
        opens.push(took);
    }
    figures.push(figure("open an entry with 10 photos (list + 10 thumbnails)", &mut opens, Some("p95 < 50 ms")));
    let thumb_kb = session
        .attachments()
        .list(ten)?
        .first()
        .and_then(|a| session.attachments().thumbnail(a.id).ok().flatten())
        .map_or(0, |t| t.len() / 1000);

    let used = session.attachments().used_bytes()?;
    let vault_bytes = folder_bytes(&vault_dir);
    let backup_path = out_dir.join("vault-photos.attune-backup");
    let (backed_up, took) = time(|| session.backup(&backup_path).map_err(|e| e.to_string()));
    let backed_up = backed_up?;
    figures.push(once(&format!("backup with {} MB of photos (verified)", used / 1_000_000), took, Some("report")));
    let backup_bytes = std::fs::metadata(&backup_path)?.len();
    let _ = std::fs::remove_file(&backup_path);
    session.lock();
    let closed_bytes = folder_bytes(&vault_dir);
    let minutes = started.elapsed().as_secs_f64() / 60.0;

    let json = serde_json::json!({
        "benchmark": "photos",
        "photo_megabytes": (photo_mb * 10.0).round() / 10.0,
        "photos": count,
        "thumbnail_kilobytes": thumb_kb,
        "attachments_megabytes": used / 1_000_000,
        "vault_megabytes_open": vault_bytes / 1_000_000,
        "vault_megabytes_closed": closed_bytes / 1_000_000,
        "backup_megabytes": backup_bytes / 1_000_000,
        "backup_entries": backed_up.entries,
        "minutes": (minutes * 10.0).round() / 10.0,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "figures": figures,
    });
    std::fs::write(out_dir.join("photos.json"), serde_json::to_string_pretty(&json)?)?;
    print_table(&figures, 64);
    println!(
        "\n{} MB of photos: vault {} MB open, {} MB closed; backup {} MB; {minutes:.1} minutes in all; written to {}",
        used / 1_000_000,
        vault_bytes / 1_000_000,
        closed_bytes / 1_000_000,
        backup_bytes / 1_000_000,
        out_dir.join("photos.json").display()
    );
    let _ = std::fs::remove_dir_all(&vault_dir);
    Ok(())
}
