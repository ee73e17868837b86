// Generated from src-tauri/src/commands/list.rs by the contract test; do not edit.
// Regenerate: ATTUNE_WRITE_BINDINGS=1 cargo test -p attune-app --test contract
import { call } from "./call";
import type { Agenda } from "./bindings/Agenda";
import type { Answers } from "./bindings/Answers";
import type { AppStatus } from "./bindings/AppStatus";
import type { Attachment } from "./bindings/Attachment";
import type { BackupStatus } from "./bindings/BackupStatus";
import type { BackupView } from "./bindings/BackupView";
import type { ChangePassphraseRequest } from "./bindings/ChangePassphraseRequest";
import type { CommitmentView } from "./bindings/CommitmentView";
import type { CreateVaultRequest } from "./bindings/CreateVaultRequest";
import type { CreatedVault } from "./bindings/CreatedVault";
import type { DayCount } from "./bindings/DayCount";
import type { Entry } from "./bindings/Entry";
import type { EntryContent } from "./bindings/EntryContent";
import type { EntryTitle } from "./bindings/EntryTitle";
import type { ExerciseResult } from "./bindings/ExerciseResult";
import type { ExportedFolder } from "./bindings/ExportedFolder";
import type { HealthView } from "./bindings/HealthView";
import type { HelpView } from "./bindings/HelpView";
import type { ImportFormat } from "./bindings/ImportFormat";
import type { ImportOutcome } from "./bindings/ImportOutcome";
import type { ImportSource } from "./bindings/ImportSource";
import type { Insights } from "./bindings/Insights";
import type { JoinRequest } from "./bindings/JoinRequest";
import type { ListRequest } from "./bindings/ListRequest";
import type { NameCount } from "./bindings/NameCount";
import type { NewRecoveryPhrase } from "./bindings/NewRecoveryPhrase";
import type { OnThisDay } from "./bindings/OnThisDay";
import type { PackSummary } from "./bindings/PackSummary";
import type { PackView } from "./bindings/PackView";
import type { Page } from "./bindings/Page";
import type { Person } from "./bindings/Person";
import type { PersonView } from "./bindings/PersonView";
import type { Plan } from "./bindings/Plan";
import type { Preferences } from "./bindings/Preferences";
import type { RestoreRequest } from "./bindings/RestoreRequest";
import type { ReviewRequest } from "./bindings/ReviewRequest";
import type { Revision } from "./bindings/Revision";
import type { SearchRequest } from "./bindings/SearchRequest";
import type { SearchView } from "./bindings/SearchView";
import type { Shelf } from "./bindings/Shelf";
import type { Summary } from "./bindings/Summary";
import type { SummaryRequest } from "./bindings/SummaryRequest";
import type { SyncReport } from "./bindings/SyncReport";
import type { SyncView } from "./bindings/SyncView";
import type { Template } from "./bindings/Template";
import type { TemplatesView } from "./bindings/TemplatesView";

/** Every command of the app, as a typed function. */
export const commands = {
  appStatus: () => call<AppStatus>("app_status"),
  /** A folder for a new vault, chosen in a dialog the app opens; the name to show, or null. */
  chooseVaultFolder: () => call<string | null>("choose_vault_folder"),
  createVault: (request: CreateVaultRequest) => call<CreatedVault>("create_vault", { request }),
  unlock: (passphrase: string) => call<void>("unlock", { passphrase }),
  unlockWithKeyring: () => call<void>("unlock_with_keyring"),
  recover: (phrase: string, newPassphrase: string) => call<void>("recover", { phrase, newPassphrase }),
  /** `backup`: write today's automatic backup first, if one is due (not when going to sleep). */
  lock: (backup: boolean) => call<void>("lock", { backup }),
  quit: () => call<void>("quit"),
  getPreferences: () => call<Preferences>("get_preferences"),
  savePreferences: (preferences: Preferences) => call<Preferences>("save_preferences", { preferences }),
  /** Where automatic backups go, chosen in a dialog; the preferences as saved, or null. */
  chooseBackupFolder: () => call<Preferences | null>("choose_backup_folder"),
  changePassphrase: (request: ChangePassphraseRequest) => call<void>("change_passphrase", { request }),
  /** Turning it on needs the current passphrase; turning it off does not. */
  setKeyring: (enabled: boolean, current: string | null) => call<boolean>("set_keyring", { enabled, current }),
  /** Re-encrypts the vault with a new key; returns the new recovery phrase, shown once. */
  rekeyVault: (current: string) => call<NewRecoveryPhrase>("rekey_vault", { current }),
  /** A new recovery phrase (the old one stops working); the key stays. */
  replaceRecoveryPhrase: (current: string) => call<NewRecoveryPhrase>("replace_recovery_phrase", { current }),
  listEntries: (request: ListRequest) => call<Page>("list_entries", { request }),
  dayCounts: (from: string, to: string) => call<Array<DayCount>>("day_counts", { from, to }),
  getEntry: (entryId: string) => call<Entry>("get_entry", { entryId }),
  createEntry: (content: EntryContent) => call<Entry>("create_entry", { content }),
  /** Saves the editor's whole content; `autosave` is true while the person types. */
  saveEntry: (entryId: string, content: EntryContent, autosave: boolean) => call<Entry>("save_entry", { entryId, content, autosave }),
  trashEntry: (entryId: string) => call<void>("trash_entry", { entryId }),
  restoreEntry: (entryId: string) => call<void>("restore_entry", { entryId }),
  purgeEntry: (entryId: string) => call<void>("purge_entry", { entryId }),
  entryHistory: (entryId: string) => call<Array<Revision>>("entry_history", { entryId }),
  restoreRevision: (entryId: string, revision: number) => call<Entry>("restore_revision", { entryId, revision }),
  search: (request: SearchRequest) => call<SearchView>("search", { request }),
  listTags: () => call<Array<NameCount>>("list_tags"),
  listPeople: () => call<Array<PersonView>>("list_people"),
  /** Moves an entry to `local` ("YYYY-MM-DDTHH:MM", this computer's local time); the earlier date stays in its history. */
  setEntryDate: (entryId: string, local: string) => call<Entry>("set_entry_date", { entryId, local }),
  listTemplates: () => call<TemplatesView>("list_templates"),
  /** Keeps a template; `replace` changes the text of one already kept. */
  saveTemplate: (name: string, body: string, replace: boolean) => call<Template>("save_template", { name, body, replace }),
  removeTemplate: (name: string) => call<void>("remove_template", { name }),
  /** Adds a photo or file chosen in a dialog to the entry, with a link at the end of its text; the entry as saved, or null when the person cancelled. */
  attachFile: (entryId: string) => call<Entry | null>("attach_file", { entryId }),
  listAttachments: (entryId: string) => call<Array<Attachment>>("list_attachments", { entryId }),
  /** Deletes an attachment for good (its link in the text shows its name). */
  removeAttachment: (attachmentId: string) => call<void>("remove_attachment", { attachmentId }),
  exerciseLibrary: () => call<Array<Shelf>>("exercise_library"),
  openExercise: (packId: string) => call<PackView>("open_exercise", { packId }),
  saveExerciseDraft: (packId: string, answers: Answers, step: number) => call<void>("save_exercise_draft", { packId, answers, step }),
  discardExerciseDraft: (packId: string) => call<void>("discard_exercise_draft", { packId }),
  offerGrounding: (packId: string, answers: Answers) => call<boolean>("offer_grounding", { packId, answers }),
  finishExercise: (packId: string, answers: Answers) => call<ExerciseResult>("finish_exercise", { packId, answers }),
  todayAgenda: () => call<Agenda>("today_agenda"),
  suggestPlan: (retreatEnd: string) => call<Plan>("suggest_plan", { retreatEnd }),
  savePlan: (plan: Plan | null) => call<void>("save_plan", { plan }),
  reviewCommitment: (request: ReviewRequest) => call<CommitmentView>("review_commitment", { request }),
  listCommitments: () => call<Array<CommitmentView>>("list_commitments"),
  savePerson: (person: Person) => call<void>("save_person", { person }),
  importExercisePack: () => call<PackSummary | null>("import_exercise_pack"),
  /** Crisis lines for `country` (the Settings choice when null), and the aftercare contact of the pack being done; works while locked too. */
  helpPanel: (country: string | null, packId: string | null) => call<HelpView>("help_panel", { country, packId }),
  backupVault: () => call<BackupView | null>("backup_vault"),
  checkVault: () => call<HealthView>("check_vault"),
  chooseRestoreFile: () => call<string | null>("choose_restore_file"),
  chooseRestoreFolder: () => call<string | null>("choose_restore_folder"),
  restoreBackup: (request: RestoreRequest) => call<void>("restore_backup", { request }),
  backupStatus: () => call<BackupStatus>("backup_status"),
  exportJson: () => call<number | null>("export_json"),
  exportMarkdown: () => call<ExportedFolder | null>("export_markdown"),
  importPreview: (source: ImportSource, format: ImportFormat | null) => call<ImportOutcome | null>("import_preview", { source, format }),
  importApply: () => call<ImportOutcome>("import_apply"),
  importCancel: () => call<void>("import_cancel"),
  insights: (from: string | null, to: string | null) => call<Insights>("insights", { from, to }),
  onThisDay: () => call<Array<OnThisDay>>("on_this_day"),
  entryTitles: (ids: Array<string>) => call<Array<EntryTitle>>("entry_titles", { ids }),
  summaryPreview: (request: SummaryRequest) => call<Summary>("summary_preview", { request }),
  /** Renders the summary to PDF and writes it where the person chooses; returns its size. */
  saveSummaryPdf: (request: SummaryRequest) => call<number | null>("save_summary_pdf", { request }),
  /** Whether the sheet was saved (false when the person cancelled). */
  saveRecoverySheet: (words: Array<string>) => call<boolean>("save_recovery_sheet", { words }),
  /** Everything, or a period, as one PDF; returns how many entries it holds. */
  exportPdf: (from: string | null, to: string | null) => call<number | null>("export_pdf", { from, to }),
  /** Where sync between computers stands (status null when not linked), its last problem, and whether the vault's folder is inside a folder a sync tool manages. */
  syncStatus: () => call<SyncView>("sync_status"),
  syncNow: () => call<SyncReport>("sync_now"),
  /** Links the vault to a sync folder chosen in a dialog; the first exchange, or null. */
  syncLink: () => call<SyncReport | null>("sync_link"),
  /** Stops syncing; the folder and the other computers are left as they are. */
  syncUnlink: () => call<void>("sync_unlink"),
  /** The sync folder of a journal to join, chosen in a dialog; its name, or null. */
  chooseJoinFolder: () => call<string | null>("choose_join_folder"),
  /** Makes this computer's vault from the chosen sync folder's journal and opens it. */
  joinVault: (request: JoinRequest) => call<void>("join_vault", { request }),
};
