//! Real Syncthing instances on loopback, for the sync tests and the sync benchmark: each one a
//! separate `syncthing serve` process with its own home (keys, config, index database) and its
//! own copy of one shared folder, as on separate computers.
//!
//! Nothing leaves the machine: every instance listens on 127.0.0.1 only, with global and local
//! discovery, relays, NAT traversal, usage and crash reporting and upgrades turned off; devices
//! know each other by explicit `tcp://127.0.0.1:PORT` addresses. The REST API (same loopback,
//! random port, random API key) is how the harness waits for connections and for the folder to
//! settle. Each instance's own log goes to `NAME.log` in the temp folder and is printed when a
//! wait times out. Processes are killed when the [`Syncthing`] is dropped.
//!
//! This file stands alone (no `super::`), so benches can include it with `#[path]`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failed step should stop the test

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The id of the one shared folder.
pub const FOLDER_ID: &str = "attune";

/// How the shared folder notices changes.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The watcher's delay before it asks for a scan of what changed (Syncthing's
    /// `fsWatcherDelayS`, whole seconds, at least 1).
    pub watcher_delay: Duration,
    /// Full rescans of the folder (Syncthing's `rescanIntervalS`, whole seconds). A long one
    /// leaves the watcher as the only way a change is noticed.
    pub rescan_interval: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self { watcher_delay: Duration::from_secs(1), rescan_interval: Duration::from_secs(10) }
    }
}

impl Settings {
    /// The watcher only: full rescans once an hour, longer than any test.
    pub fn watcher_only() -> Self {
        Self { rescan_interval: Duration::from_secs(3600), ..Self::default() }
    }
}

/// One Syncthing instance: a "computer" of the test.
#[derive(Debug)]
pub struct Instance {
    pub name: String,
    pub device_id: String,
    /// This computer's copy of the shared folder.
    pub folder: PathBuf,
    home: PathBuf,
    log: PathBuf,
    gui_port: u16,
    listen_port: u16,
    api_key: String,
    child: Option<Child>,
}

/// Several Syncthing instances sharing one folder, all running once [`Syncthing::start`]
/// returns, and connected to each other once [`Syncthing::wait_connected`] does.
#[derive(Debug)]
pub struct Syncthing {
    instances: Vec<Instance>,
    binary: PathBuf,
    root: tempfile::TempDir,
}

/// The `syncthing` binary: `ATTUNE_SYNCTHING`, else `syncthing` on the PATH.
pub fn binary() -> PathBuf {
    if let Some(path) = std::env::var_os("ATTUNE_SYNCTHING") {
        return PathBuf::from(path);
    }
    let found = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("syncthing"))
        .find(|path| path.is_file());
    found.unwrap_or_else(|| {
        panic!(
            "syncthing is not installed: apt-get install --no-install-recommends syncthing (or set ATTUNE_SYNCTHING)"
        )
    })
}

impl Syncthing {
    /// Starts one instance per name with [`Settings::default`]. See [`Syncthing::start_with`].
    pub fn start(names: &[&str]) -> Self {
        Self::start_with(names, Settings::default())
    }

    /// Generates a home per name (keys and a config written here), starts every instance and
    /// waits until each answers on its REST API (30 s at most). Every instance shares
    /// [`FOLDER_ID`] with every other; its folder is `TEMP/NAME/folder`, made empty.
    pub fn start_with(names: &[&str], settings: Settings) -> Self {
        let binary = binary();
        let root = tempfile::Builder::new().prefix("attune-syncthing-").tempdir().expect("temp dir");
        let ports = free_ports(names.len() * 2);
        let mut instances = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let home = root.path().join(name).join("home");
            let folder = root.path().join(name).join("folder");
            // The folder with Syncthing's marker in it (.stfolder), as Syncthing makes them for a
            // new folder: it stops a folder whose marker is missing.
            std::fs::create_dir_all(folder.join(".stfolder")).expect("make the shared folder");
            let out = Command::new(&binary)
                .args(["generate", "--no-default-folder", "--skip-port-probing"])
                .arg(format!("--home={}", home.display()))
                .env("HOME", &home)
                .output()
                .expect("run syncthing generate");
            assert!(out.status.success(), "syncthing generate failed: {}", String::from_utf8_lossy(&out.stderr));
            let out = Command::new(&binary)
                .args(["serve", "--device-id"])
                .arg(format!("--home={}", home.display()))
                .env("HOME", &home)
                .output()
                .expect("run syncthing serve --device-id");
            let device_id = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            assert!(out.status.success() && device_id.len() > 50, "no device id from syncthing: {out:?}");
            let mut key = [0u8; 16];
            getrandom::fill(&mut key).expect("random API key");
            instances.push(Instance {
                name: (*name).to_owned(),
                device_id,
                log: root.path().join(format!("{name}.log")),
                folder,
                home,
                gui_port: ports[2 * i],
                listen_port: ports[2 * i + 1],
                api_key: key.iter().map(|b| format!("{b:02x}")).collect(),
                child: None,
            });
        }
        for instance in &instances {
            std::fs::write(instance.home.join("config.xml"), config_xml(instance, &instances, settings))
                .expect("write config.xml");
        }
        let mut syncthing = Self { instances, binary, root };
        // All at once: each spends a second or two measuring its hashing speed at start.
        syncthing.resume_all();
        syncthing
    }

    pub fn instance(&self, i: usize) -> &Instance {
        &self.instances[i]
    }

    /// Instance `i`'s copy of the shared folder.
    pub fn folder(&self, i: usize) -> &Path {
        &self.instances[i].folder
    }

    /// The temp folder holding every home, folder and log.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    pub fn is_running(&self, i: usize) -> bool {
        self.instances[i].child.is_some()
    }

    /// Stops instance `i` (this computer goes offline): asks it to shut down over REST, and
    /// kills it if it has not exited 10 s later. Its folder stays, and may be written to.
    pub fn stop(&mut self, i: usize) {
        let instance = &mut self.instances[i];
        let Some(mut child) = instance.child.take() else { return };
        let _ = instance.request("POST", "/rest/system/shutdown");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Starts instance `i` again (or the first time) and waits until its REST API answers.
    /// It rescans its folder as it starts, so what was written while it was stopped goes out.
    pub fn resume(&mut self, i: usize) {
        self.spawn(i);
        self.wait_started(i);
    }

    /// Stops every instance (every computer goes offline). See [`Syncthing::stop`].
    pub fn stop_all(&mut self) {
        for i in 0..self.instances.len() {
            self.stop(i);
        }
    }

    /// Starts every stopped instance, all at once, and waits until each answers.
    pub fn resume_all(&mut self) {
        for i in 0..self.instances.len() {
            self.spawn(i);
        }
        for i in 0..self.instances.len() {
            self.wait_started(i);
        }
    }

    fn spawn(&mut self, i: usize) {
        let instance = &mut self.instances[i];
        if instance.child.is_some() {
            return;
        }
        let mut log = OpenOptions::new().create(true).append(true).open(&instance.log).expect("open the log");
        writeln!(log, "==== attune test harness: starting {} ====", instance.name).expect("write the log");
        let child = Command::new(&self.binary)
            .args(["serve", "--no-browser", "--no-restart", "--no-upgrade", "--no-default-folder"])
            .arg(format!("--home={}", instance.home.display()))
            .env("HOME", &instance.home)
            .env("STNORESTART", "1")
            .env("STNOUPGRADE", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .spawn()
            .expect("start syncthing serve");
        instance.child = Some(child);
    }

    /// Waits (30 s at most) until instance `i` answers a ping on its REST API.
    fn wait_started(&mut self, i: usize) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let failure = loop {
            let instance = &mut self.instances[i];
            if let Ok(pong) = instance.get("/rest/system/ping")
                && pong["ping"] == "pong"
            {
                return;
            }
            match instance.child.as_mut().map(|c| c.try_wait()) {
                None => break format!("syncthing {} is not running", instance.name),
                Some(Ok(Some(status))) => {
                    instance.child = None;
                    break format!("syncthing {} exited at start ({status})", instance.name);
                }
                Some(_) => {}
            }
            if Instant::now() > deadline {
                break format!("syncthing {} did not answer on its REST API within 30 s", instance.name);
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        panic!("{failure}{}", self.logs_of(&[i]));
    }

    /// Waits until every running instance is connected to every other running one.
    pub fn wait_connected(&self, timeout: Duration) {
        self.wait("the devices to connect", timeout, || {
            let mut missing = String::new();
            for a in self.running() {
                let connections = a.get("/rest/system/connections")?;
                for b in self.running().filter(|b| b.name != a.name) {
                    if connections["connections"][&b.device_id]["connected"] != true {
                        let _ = write!(missing, "{} is not connected to {}; ", a.name, b.name);
                    }
                }
            }
            if missing.is_empty() { Ok(()) } else { Err(missing) }
        });
    }

    /// Waits until `relative` (a path inside the shared folder) exists in instance `i`'s copy.
    pub fn wait_for_path(&self, i: usize, relative: &Path, timeout: Duration) {
        let path = self.instances[i].folder.join(relative);
        self.wait(&format!("{} to appear on {}", relative.display(), self.instances[i].name), timeout, || {
            if path.exists() { Ok(()) } else { Err(format!("{} does not exist yet", path.display())) }
        });
    }

    /// Waits until every file now in instance `from`'s folder is in instance `to`'s folder with
    /// the same bytes, without asking either to scan: what carries them is Syncthing's own
    /// watcher (or its periodic rescan). Files and folders whose names start with '.' (the
    /// folder marker, temporary files) are left out. Returns how many files were compared.
    pub fn wait_for_files_of(&self, from: usize, to: usize, timeout: Duration) -> usize {
        let source = &self.instances[from].folder;
        let target = &self.instances[to].folder;
        let wanted: Vec<(PathBuf, Vec<u8>)> = visible_files(source)
            .into_iter()
            .map(|path| {
                let bytes = std::fs::read(&path).expect("read a file of the shared folder");
                (path.strip_prefix(source).expect("inside the folder").to_owned(), bytes)
            })
            .collect();
        let what =
            format!("{}'s {} files to reach {}", self.instances[from].name, wanted.len(), self.instances[to].name);
        self.wait(&what, timeout, || {
            match wanted
                .iter()
                .find(|(relative, bytes)| std::fs::read(target.join(relative)).ok().as_ref() != Some(bytes))
            {
                Some((relative, _)) => Err(format!("{} is missing or differs", relative.display())),
                None => Ok(()),
            }
        });
        wanted.len()
    }

    /// Asks every instance to scan its folder now (each scan is finished when its request
    /// returns), then waits until all of them are idle with nothing left to pull, agree on the
    /// folder's global state, and know every other one to be complete. Every instance must be
    /// running; they should be connected (see [`Syncthing::wait_connected`]).
    pub fn wait_in_sync(&self, timeout: Duration) {
        for instance in &self.instances {
            assert!(instance.child.is_some(), "wait_in_sync: syncthing {} is stopped", instance.name);
            let scanned = instance.request("POST", &format!("/rest/db/scan?folder={FOLDER_ID}"));
            if let Err(e) = scanned {
                panic!("syncthing {} did not scan: {e}{}", instance.name, self.logs());
            }
        }
        self.wait("the folder to be in sync everywhere", timeout, || self.in_sync());
    }

    /// `Ok` when every instance is idle, needs nothing, holds the same global state as the
    /// others, and sees every other device's copy complete; else what is still pending.
    pub fn in_sync(&self) -> Result<(), String> {
        let mut pending = String::new();
        let mut globals = Vec::new();
        for a in &self.instances {
            let status = a.get(&format!("/rest/db/status?folder={FOLDER_ID}"))?;
            let need = status["needTotalItems"].as_u64().unwrap_or(u64::MAX);
            if status["state"] != "idle" || need != 0 || status["pullErrors"].as_u64().unwrap_or(0) != 0 {
                let _ = write!(
                    pending,
                    "{}: state {}, needs {} items, {} pull errors; ",
                    a.name, status["state"], status["needTotalItems"], status["pullErrors"]
                );
            }
            globals.push((
                a.name.as_str(),
                status["globalFiles"].clone(),
                status["globalBytes"].clone(),
                status["globalDeleted"].clone(),
            ));
            for b in self.instances.iter().filter(|b| b.name != a.name) {
                let completion = a.get(&format!("/rest/db/completion?folder={FOLDER_ID}&device={}", b.device_id))?;
                let complete = completion["completion"].as_f64() == Some(100.0)
                    && completion["needItems"] == 0
                    && completion["needDeletes"] == 0
                    && completion.get("remoteState").is_none_or(|s| s == "valid");
                if !complete {
                    let _ = write!(pending, "{} sees {} at {}; ", a.name, b.name, completion);
                }
            }
        }
        if globals.windows(2).any(|w| (&w[0].1, &w[0].2, &w[0].3) != (&w[1].1, &w[1].2, &w[1].3)) {
            let _ = write!(pending, "global states differ (name, files, bytes, deleted): {globals:?}; ");
        }
        if pending.is_empty() { Ok(()) } else { Err(pending) }
    }

    /// Every instance's log so far, each under a heading.
    pub fn logs(&self) -> String {
        self.logs_of(&(0..self.instances.len()).collect::<Vec<_>>())
    }

    fn logs_of(&self, which: &[usize]) -> String {
        let mut out = String::new();
        for &i in which {
            let instance = &self.instances[i];
            let text = std::fs::read_to_string(&instance.log).unwrap_or_default();
            let _ = write!(out, "\n---- syncthing {} log ({}) ----\n{text}", instance.name, instance.log.display());
        }
        out
    }

    fn running(&self) -> impl Iterator<Item = &Instance> {
        self.instances.iter().filter(|i| i.child.is_some())
    }

    /// Polls `check` every 100 ms until it is `Ok`; past `timeout`, panics with its last
    /// complaint and every log.
    fn wait(&self, what: &str, timeout: Duration, mut check: impl FnMut() -> Result<(), String>) {
        let deadline = Instant::now() + timeout;
        loop {
            let last = match check() {
                Ok(()) => return,
                Err(e) => e,
            };
            if Instant::now() > deadline {
                panic!("timed out after {timeout:?} waiting for {what}: {last}{}", self.logs());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        for instance in &mut self.instances {
            if let Some(mut child) = instance.child.take() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

impl Instance {
    /// GET `path` on the REST API, parsed as JSON.
    pub fn get(&self, path: &str) -> Result<serde_json::Value, String> {
        let body = self.request("GET", path)?;
        serde_json::from_str(&body).map_err(|e| format!("GET {path}: not JSON ({e}): {body}"))
    }

    /// One HTTP/1.0 request to the REST API (so the answer is never chunked and ends when the
    /// connection closes); the body of a 200 answer, else an error naming the status.
    pub fn request(&self, method: &str, path: &str) -> Result<String, String> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.gui_port));
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))
            .map_err(|e| format!("{}: connect to {address}: {e}", self.name))?;
        // A scan request returns when the scan is done.
        stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
        write!(
            stream,
            "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nX-API-Key: {}\r\nContent-Length: 0\r\n\r\n",
            self.gui_port, self.api_key
        )
        .map_err(|e| format!("{}: send {method} {path}: {e}", self.name))?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).map_err(|e| format!("{}: read {method} {path}: {e}", self.name))?;
        let answer = String::from_utf8_lossy(&answer);
        let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
        let status = head.split_whitespace().nth(1).unwrap_or("none");
        if status == "200" {
            Ok(body.to_owned())
        } else {
            Err(format!("{}: {method} {path} answered {status}: {body}", self.name))
        }
    }
}

/// `count` distinct free TCP ports on 127.0.0.1 (held together while chosen, then released).
fn free_ports(count: usize) -> Vec<u16> {
    let listeners: Vec<TcpListener> =
        (0..count).map(|_| TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind a free port")).collect();
    listeners.iter().map(|l| l.local_addr().expect("local address").port()).collect()
}

/// A whole config.xml for `me`: the shared folder with every device, the GUI/REST on loopback
/// with an API key, and nothing that reaches out. Elements left out take Syncthing's defaults.
///
/// Only the earlier of two instances dials the other (it knows the later one's loopback address;
/// the later one knows none and waits to be called). When both dial at once, Syncthing 1.19 can
/// end with two connections whose Hello exchanges wait on each other until its 20 s Hello
/// deadline, and then not redial for a while: seen as a rare failure to connect in 30 s.
fn config_xml(me: &Instance, all: &[Instance], settings: Settings) -> String {
    let folder_devices: String =
        all.iter().map(|d| format!("        <device id=\"{}\" introducedBy=\"\"></device>\n", d.device_id)).collect();
    let my_index = all.iter().position(|d| d.device_id == me.device_id).expect("me among all");
    let devices: String = all
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let address =
                if i > my_index { format!("tcp://127.0.0.1:{}", d.listen_port) } else { "dynamic".to_owned() };
            format!(
                "    <device id=\"{}\" name=\"{}\" compression=\"metadata\" introducer=\"false\">\n        <address>{address}</address>\n        <paused>false</paused>\n    </device>\n",
                d.device_id, d.name
            )
        })
        .collect();
    format!(
        r#"<configuration version="36">
    <folder id="{FOLDER_ID}" label="Attune" path="{folder}" type="sendreceive" rescanIntervalS="{rescan}" fsWatcherEnabled="true" fsWatcherDelayS="{delay}" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
{folder_devices}        <markerName>.stfolder</markerName>
        <paused>false</paused>
    </folder>
{devices}    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:{gui}</address>
        <apikey>{key}</apikey>
        <theme>default</theme>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <startBrowser>false</startBrowser>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <restartOnWakeup>false</restartOnWakeup>
    </options>
</configuration>
"#,
        folder = xml_escape(&me.folder.display().to_string()),
        rescan = settings.rescan_interval.as_secs().max(1),
        delay = settings.watcher_delay.as_secs().max(1),
        gui = me.gui_port,
        key = me.api_key,
        listen = me.listen_port,
    )
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Every file under `dir` whose path has no part starting with '.', sorted.
pub fn visible_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            if path.is_dir() { stack.push(path) } else { out.push(path) }
        }
    }
    out.sort();
    out
}
