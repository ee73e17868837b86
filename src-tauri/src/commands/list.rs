// Every IPC command the app exposes, declared once: `module::name(arguments) -> result;`, with
// the arguments as the page sends them. No argument is ever a path: a command that reads or
// writes a file opens the dialog itself (dialogs.rs). From this one list come the `#[tauri::command]`
// handlers and the handler list (commands/mod.rs), the `allow-<command>` permissions and the
// window's grants (build.rs and lib.rs), and the page's typed call functions
// (ui/src/lib/ipc/commands.ts, written by the contract test). Adding a command: write
// `fn name(ctx: &Ctx, arguments…) -> Result<T, IpcError>` in its module, declare it here,
// and run `ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract`.
//
// Pure tokens: build.rs includes this file too, where none of the types resolve.
macro_rules! for_each_command {
    ($then:ident) => {
        $then! {
            vault::app_status() -> AppStatus;
            /// A folder for a new vault, chosen in a dialog the app opens; the name to show, or null.
            vault::choose_vault_folder() -> Option<String>;
            vault::create_vault(request: CreateVaultRequest) -> CreatedVault;
            vault::unlock(passphrase: String) -> ();
            vault::unlock_with_keyring() -> ();
            vault::recover(phrase: String, new_passphrase: String) -> ();
            /// `backup`: write today's automatic backup first, if one is due (not when going to sleep).
            vault::lock(backup: bool) -> ();
            vault::quit() -> ();
            vault::get_preferences() -> Preferences;
            vault::save_preferences(preferences: Preferences) -> Preferences;
            /// Where automatic backups go, chosen in a dialog; the preferences as saved, or null.
            vault::choose_backup_folder() -> Option<Preferences>;
            vault::change_passphrase(request: ChangePassphraseRequest) -> ();
            /// Turning it on needs the current passphrase; turning it off does not.
            vault::set_keyring(enabled: bool, current: Option<String>) -> bool;
            /// Re-encrypts the vault with a new key; returns the new recovery phrase, shown once.
            vault::rekey_vault(current: String) -> NewRecoveryPhrase;
            /// A new recovery phrase (the old one stops working); the key stays.
            vault::replace_recovery_phrase(current: String) -> NewRecoveryPhrase;

            journal::list_entries(request: ListRequest) -> Page;
            journal::day_counts(from: String, to: String) -> Vec<DayCount>;
            journal::get_entry(entry_id: String) -> Entry;
            journal::create_entry(content: EntryContent) -> Entry;
            /// Saves the editor's whole content; `autosave` is true while the person types.
            journal::save_entry(entry_id: String, content: EntryContent, autosave: bool) -> Entry;
            journal::trash_entry(entry_id: String) -> ();
            journal::restore_entry(entry_id: String) -> ();
            journal::purge_entry(entry_id: String) -> ();
            journal::entry_history(entry_id: String) -> Vec<Revision>;
            journal::restore_revision(entry_id: String, revision: i64) -> Entry;
            journal::search(request: SearchRequest) -> SearchView;
            journal::list_tags() -> Vec<NameCount>;
            journal::list_people() -> Vec<PersonView>;
            /// Moves an entry to `local` ("YYYY-MM-DDTHH:MM", this computer's local time); the
            /// earlier date stays in its history.
            journal::set_entry_date(entry_id: String, local: String) -> Entry;
            journal::list_templates() -> TemplatesView;
            /// Keeps a template; `replace` changes the text of one already kept.
            journal::save_template(name: String, body: String, replace: bool) -> Template;
            journal::remove_template(name: String) -> ();
            /// Adds a photo or file chosen in a dialog to the entry, with a link at the end of its
            /// text; the entry as saved, or null when the person cancelled.
            journal::attach_file(entry_id: String) -> Option<Entry>;
            journal::list_attachments(entry_id: String) -> Vec<Attachment>;
            /// Deletes an attachment for good (its link in the text shows its name).
            journal::remove_attachment(attachment_id: String) -> ();

            exercises::exercise_library() -> Vec<Shelf>;
            exercises::open_exercise(pack_id: String) -> PackView;
            exercises::save_exercise_draft(pack_id: String, answers: Answers, step: u32) -> ();
            exercises::discard_exercise_draft(pack_id: String) -> ();
            exercises::offer_grounding(pack_id: String, answers: Answers) -> bool;
            exercises::finish_exercise(pack_id: String, answers: Answers) -> ExerciseResult;
            exercises::today_agenda() -> Agenda;
            exercises::suggest_plan(retreat_end: String) -> Plan;
            exercises::save_plan(plan: Option<Plan>) -> ();
            exercises::review_commitment(request: ReviewRequest) -> CommitmentView;
            exercises::list_commitments() -> Vec<CommitmentView>;
            exercises::save_person(person: Person) -> ();
            exercises::import_exercise_pack() -> Option<PackSummary>;

            /// Crisis lines for `country` (the Settings choice when null), and the aftercare
            /// contact of the pack being done; works while locked too.
            help::help_panel(country: Option<String>, pack_id: Option<String>) -> HelpView;

            data::backup_vault() -> Option<BackupView>;
            data::check_vault() -> HealthView;
            data::choose_restore_file() -> Option<String>;
            data::choose_restore_folder() -> Option<String>;
            data::restore_backup(request: RestoreRequest) -> ();
            data::backup_status() -> BackupStatus;
            data::export_json() -> Option<u64>;
            data::export_markdown() -> Option<ExportedFolder>;
            data::import_preview(source: ImportSource, format: Option<ImportFormat>) -> Option<ImportOutcome>;
            data::import_apply() -> ImportOutcome;
            data::import_cancel() -> ();

            insights::insights(from: Option<String>, to: Option<String>) -> Insights;
            insights::on_this_day() -> Vec<OnThisDay>;
            insights::entry_titles(ids: Vec<String>) -> Vec<EntryTitle>;
            insights::summary_preview(request: SummaryRequest) -> Summary;
            /// Renders the summary to PDF and writes it where the person chooses; returns its size.
            insights::save_summary_pdf(request: SummaryRequest) -> Option<u64>;
            /// Whether the sheet was saved (false when the person cancelled).
            insights::save_recovery_sheet(words: Vec<String>) -> bool;
            /// Everything, or a period, as one PDF; returns how many entries it holds.
            insights::export_pdf(from: Option<String>, to: Option<String>) -> Option<u32>;

            /// Where sync between computers stands (status null when not linked), its last
            /// problem, and whether the vault's folder is inside a folder a sync tool manages.
            sync::sync_status() -> SyncView;
            sync::sync_now() -> SyncReport;
            /// Links the vault to a sync folder chosen in a dialog; the first exchange, or null.
            sync::sync_link() -> Option<SyncReport>;
            /// Stops syncing; the folder and the other computers are left as they are.
            sync::sync_unlink() -> ();
            /// The sync folder of a journal to join, chosen in a dialog; its name, or null.
            sync::choose_join_folder() -> Option<String>;
            /// Makes this computer's vault from the chosen sync folder's journal and opens it.
            sync::join_vault(request: JoinRequest) -> ();
        }
    };
}
