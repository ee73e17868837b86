//! The IPC commands. Each is declared once in `list.rs`; this module turns that list into the
//! `#[tauri::command]` handlers (in [`handlers`]), the handler list ([`invoke_handler`]), the
//! command names ([`COMMANDS`], which the window's grants come from) and the page's typed call
//! functions ([`typescript_calls`]).
//!
//! A command body is a plain function `fn name(ctx: &Ctx, arguments…) -> Result<T, IpcError>`
//! in its module: it reads its input, makes one call on the core [`attune::Session`] and maps
//! the result. The generated handler calls it with exactly the declared argument and result
//! types, so the declaration cannot drift from the function.

pub mod data;
pub mod exercises;
pub mod help;
pub mod insights;
pub mod journal;
pub mod sync;
pub mod vault;

use tauri::{AppHandle, Manager};

use crate::error::IpcError;
use crate::state::AppState;

include!("list.rs");

/// What every command body gets: the app (for its window and events) and the app's state.
pub struct Ctx<'a> {
    pub app: &'a AppHandle,
    pub state: &'a AppState,
}

impl Ctx<'_> {
    /// Runs `f` on the unlocked session, or says the vault is locked.
    pub fn session<T>(&self, f: impl FnOnce(&mut attune::Session) -> Result<T, IpcError>) -> Result<T, IpcError> {
        self.state.with_session(f)
    }

    /// One of the core's messages (`locales/*/attune.ftl`) in the language Attune speaks now.
    pub fn say(&self, id: &str) -> String {
        let locale = self.state.locale().unwrap_or(attune::i18n::DEFAULT_LOCALE);
        attune::i18n::Words::new(locale).get(id)
    }
}

macro_rules! define_handlers {
    ($( $(#[doc = $doc:literal])* $module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )*) => {
        /// The `#[tauri::command]` handlers, one per declared command.
        pub mod handlers {
            #[allow(unused_imports)]
            use super::types::*;
            $(
                #[tauri::command]
                pub async fn $name(app: tauri::AppHandle, $($arg: $ty),*) -> Result<$ret, crate::error::IpcError> {
                    use tauri::Manager;
                    let state = app.state::<crate::state::AppState>();
                    super::$module::$name(&super::Ctx { app: &app, state: &state }, $($arg),*)
                }
            )*
        }

        /// Every command's name, in declaration order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// The handler for `tauri::Builder::invoke_handler`.
        pub fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(handlers::$name),*]
        }

        /// The page's typed call functions, as the TypeScript module `ui/src/lib/ipc/commands.ts`.
        pub fn typescript_calls(cfg: &ts_rs::Config) -> String {
            #[allow(unused_imports)]
            use types::*;
            let mut imports = std::collections::BTreeSet::new();
            let mut calls = String::new();
            $(
                let docs: &[&str] = &[$($doc),*];
                let args: &[(&str, String)] = &[$((stringify!($arg), typescript::name::<$ty>(cfg, &mut imports))),*];
                let ret = typescript::name::<$ret>(cfg, &mut imports);
                typescript::call(&mut calls, docs, stringify!($name), args, &ret);
            )*
            typescript::module(&imports, &calls)
        }
    };
}

/// The types the declarations name, under those names.
pub mod types {
    pub use attune::attachments::Attachment;
    pub use attune::exchange::import::{Format as ImportFormat, Outcome as ImportOutcome};
    pub use attune::exercises::{Agenda, Answers, CommitmentView, Plan};
    pub use attune::help::HelpView;
    pub use attune::insights::{Insights, OnThisDay};
    pub use attune::journal::{Entry, NameCount, Page, Person, Revision};
    pub use attune::session::{EntryTitle, ExerciseResult, ExportedFolder, PackSummary, PackView, Shelf};
    pub use attune::summary::{Summary, SummaryRequest};
    pub use attune::sync::SyncReport;
    pub use attune::templates::Template;

    pub use crate::dto::*;
    pub use crate::preferences::Preferences;
}

for_each_command!(define_handlers);

/// Writing the TypeScript call functions.
mod typescript {
    use std::collections::BTreeSet;
    use std::fmt::Write;

    use ts_rs::{Config, TS, TypeVisitor};

    /// The TypeScript name of `T` (`void` for `()`), noting the generated bindings it needs.
    pub fn name<T: TS + 'static>(cfg: &Config, imports: &mut BTreeSet<String>) -> String {
        struct Bindings<'a> {
            cfg: &'a Config,
            found: &'a mut BTreeSet<String>,
        }
        impl TypeVisitor for Bindings<'_> {
            fn visit<U: TS + 'static + ?Sized>(&mut self) {
                if U::output_path().is_some() {
                    self.found.insert(U::ident(self.cfg));
                } else {
                    U::visit_generics(self);
                }
            }
        }
        Bindings { cfg, found: imports }.visit::<T>();
        match T::name(cfg).as_str() {
            "null" => "void".to_owned(),
            other => other.to_owned(),
        }
    }

    fn camel(snake: &str) -> String {
        let mut out = String::with_capacity(snake.len());
        let mut upper = false;
        for c in snake.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    }

    /// One entry of the `commands` object.
    pub fn call(out: &mut String, docs: &[&str], command: &str, args: &[(&str, String)], ret: &str) {
        if !docs.is_empty() {
            let text: Vec<&str> = docs.iter().map(|d| d.trim()).collect();
            let _ = writeln!(out, "  /** {} */", text.join(" "));
        }
        let params: Vec<String> = args.iter().map(|(n, t)| format!("{}: {t}", camel(n))).collect();
        let names: Vec<String> = args.iter().map(|(n, _)| camel(n)).collect();
        let payload = if names.is_empty() { String::new() } else { format!(", {{ {} }}", names.join(", ")) };
        let _ = writeln!(out, "  {}: ({}) => call<{ret}>(\"{command}\"{payload}),", camel(command), params.join(", "));
    }

    /// The whole module.
    pub fn module(imports: &BTreeSet<String>, calls: &str) -> String {
        let mut out = String::from(
            "// Generated from src-tauri/src/commands/list.rs by the contract test; do not edit.\n\
             // Regenerate: ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract\n\
             import { call } from \"./call\";\n",
        );
        for name in imports {
            let _ = writeln!(out, "import type {{ {name} }} from \"./bindings/{name}\";");
        }
        out.push_str("\n/** Every command of the app, as a typed function. */\nexport const commands = {\n");
        out.push_str(calls);
        out.push_str("};\n");
        out
    }
}

/// The app state behind a handle; for code outside a command (timers, window events).
pub fn state(app: &AppHandle) -> tauri::State<'_, AppState> {
    app.state::<AppState>()
}
