// The app's own commands are denied unless a capability grants them: the manifest below makes
// tauri-build generate one `allow-<command>` permission per command, and
// capabilities/main.json grants them one by one. tests/contract.rs checks that this list, the
// handler list in src/lib.rs and the grants agree.
include!("src/command_names.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e:#}"));
}
