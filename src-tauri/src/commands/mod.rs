//! The IPC commands: each reads its input, makes one core call under the app state, and maps
//! the result. Logic lives in the `attune` core, where tests reach it without a desktop.

pub mod data;
pub mod exercises;
pub mod insights;
pub mod journal;
pub mod vault;
