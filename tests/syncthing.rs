//! Sync between computers through real Syncthing: two `syncthing serve` processes on loopback
//! (tests/common/syncthing.rs), each carrying one computer's copy of the sync folder.
//!
//! Ignored in a plain `cargo test` because they need the `syncthing` binary and take seconds
//! each; `scripts/test-sync.sh` runs them with `--ignored` (and `npm test` runs that script).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step should stop the test

mod common;

use std::path::Path;
use std::time::Duration;

use common::syncthing::Syncthing;

const CONNECT: Duration = Duration::from_secs(30);
const SETTLE: Duration = Duration::from_secs(30);

#[test]
#[ignore = "needs syncthing; run by scripts/test-sync.sh"]
fn the_harness_carries_a_file_both_ways_and_after_going_offline() {
    let mut st = Syncthing::start(&["a", "b"]);
    st.wait_connected(CONNECT);

    std::fs::write(st.folder(0).join("from-a.txt"), b"written on a").unwrap();
    st.wait_for_path(1, Path::new("from-a.txt"), SETTLE);
    assert_eq!(std::fs::read(st.folder(1).join("from-a.txt")).unwrap(), b"written on a", "b holds a's file whole");

    // b goes offline; both sides write; b comes back and both end with both files.
    st.stop(1);
    std::fs::create_dir_all(st.folder(0).join("devices/a")).unwrap();
    std::fs::write(st.folder(0).join("devices/a/while-b-was-away"), b"a, offline").unwrap();
    std::fs::write(st.folder(1).join("written-offline-on-b"), b"b, offline").unwrap();
    st.resume(1);
    st.wait_connected(CONNECT);
    st.wait_in_sync(SETTLE);
    for i in 0..2 {
        let folder = st.folder(i);
        assert_eq!(std::fs::read(folder.join("devices/a/while-b-was-away")).unwrap(), b"a, offline", "copy {i}");
        assert_eq!(std::fs::read(folder.join("written-offline-on-b")).unwrap(), b"b, offline", "copy {i}");
    }
}
