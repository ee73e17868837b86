//! Guided exercises: packs as data. (Being written.)
