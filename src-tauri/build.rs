// The app's own commands are denied unless granted: the manifest below makes tauri-build
// generate one `allow-<command>` permission per command, and the app grants them to the main
// window at start (src/lib.rs). The names come from the one declaration in
// src/commands/list.rs, which src/commands/mod.rs also turns into the handlers.
include!("src/commands/list.rs");

macro_rules! command_names {
    ($( $(#[doc = $doc:literal])* $module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
for_each_command!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}
