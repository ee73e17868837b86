//! The fonts summaries are set in: shipped inside the binary (see `assets/fonts/README.md`),
//! and the system's fonts only as a fallback for characters none of them has (Chinese,
//! Japanese, Korean, and scripts like Thai or Devanagari). Scanning the system's fonts takes a
//! moment, so it happens only when a summary needs it, and once per process.

use std::path::PathBuf;
use std::sync::LazyLock;

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontPath, FontStore};

static FILES: [&[u8]; 7] = [
    include_bytes!("../../assets/fonts/Inter-Regular.otf"),
    include_bytes!("../../assets/fonts/Inter-Italic.otf"),
    include_bytes!("../../assets/fonts/Inter-SemiBold.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../../assets/fonts/LibertinusSerif-Semibold.otf"),
    include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
];

/// The shipped fonts, parsed once.
static SHIPPED: LazyLock<Vec<Font>> =
    LazyLock::new(|| FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect());

/// The system's fonts (path, index in the file, what it covers), scanned once when needed.
static SYSTEM: LazyLock<Vec<(PathBuf, u32, FontInfo)>> =
    LazyLock::new(|| typst_kit::fonts::system().map(|(path, info)| (path.path, path.index, info)).collect());

/// The families the templates name; a test checks they are all shipped.
#[cfg(test)]
pub(crate) const FAMILIES: [&str; 3] = ["Inter", "Libertinus Serif", "DejaVu Sans"];

/// Whether some shipped font has every character of `text` that is not white space.
pub(crate) fn shipped_fonts_cover(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .all(|c| SHIPPED.iter().any(|f| f.info().coverage.contains(u32::from(c))))
}

/// A font store with the shipped fonts first and, if `text` needs them, the system's after.
pub(crate) fn store_for(text: &str) -> FontStore {
    let mut store = FontStore::new();
    for font in SHIPPED.iter() {
        store.push((font.clone(), font.info().clone()));
    }
    if !shipped_fonts_cover(text) {
        for (path, index, info) in SYSTEM.iter() {
            store.push((FontPath { path: path.clone(), index: *index }, info.clone()));
        }
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_the_templates_name_is_shipped_and_covers_the_scripts_we_promise() {
        for family in FAMILIES {
            assert!(SHIPPED.iter().any(|f| f.info().family == family), "{family} is not among the shipped fonts");
        }
        assert!(shipped_fonts_cover("Zoë, Ελένη, Дмитрий, Çağla, Łódź: ≥ → ☐ ☑ ◐ “quoted” – 10 €"));
        assert!(!shipped_fonts_cover("静かな夜"), "CJK is left to the system's fonts");
    }
}
