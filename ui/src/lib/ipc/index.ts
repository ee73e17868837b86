// The only module that talks to the Rust side. Every command is a typed function; every
// failure is an AttuneError carrying the closed `ErrorCode` list generated from Rust, so views
// act on codes, never on message text.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { open, save } from "@tauri-apps/plugin-dialog";

import type { AppStatus } from "./bindings/AppStatus";
import type { ChangePassphraseRequest } from "./bindings/ChangePassphraseRequest";
import type { CreateVaultRequest } from "./bindings/CreateVaultRequest";
import type { CreatedVault } from "./bindings/CreatedVault";
import type { DayCount } from "./bindings/DayCount";
import type { Entry } from "./bindings/Entry";
import type { EntryContent } from "./bindings/EntryContent";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ListRequest } from "./bindings/ListRequest";
import type { NameCount } from "./bindings/NameCount";
import type { Page } from "./bindings/Page";
import type { PersonView } from "./bindings/PersonView";
import type { Preferences } from "./bindings/Preferences";
import type { Revision } from "./bindings/Revision";
import type { SearchRequest } from "./bindings/SearchRequest";
import type { SearchView } from "./bindings/SearchView";
import type { Agenda } from "./bindings/Agenda";
import type { Answers } from "./bindings/Answers";
import type { CommitmentView } from "./bindings/CommitmentView";
import type { ExerciseResult } from "./bindings/ExerciseResult";
import type { PackView } from "./bindings/PackView";
import type { Person } from "./bindings/Person";
import type { Plan } from "./bindings/Plan";
import type { ReviewRequest } from "./bindings/ReviewRequest";
import type { Shelf } from "./bindings/Shelf";
import type { PackSummary } from "./bindings/PackSummary";
import type { BackupView } from "./bindings/BackupView";
import type { HealthView } from "./bindings/HealthView";
import type { RestoreRequest } from "./bindings/RestoreRequest";
import type { BackupStatus } from "./bindings/BackupStatus";
import type { ExportedFolder } from "./bindings/ExportedFolder";
import type { ImportFormat } from "./bindings/ImportFormat";
import type { ImportOutcome } from "./bindings/ImportOutcome";
import type { Insights } from "./bindings/Insights";
import type { EntryTitle } from "./bindings/EntryTitle";
import type { Summary } from "./bindings/Summary";
import type { SummaryRequest } from "./bindings/SummaryRequest";
import type { OnThisDay } from "./bindings/OnThisDay";

export type {
  AppStatus,
  CreatedVault,
  DayCount,
  Entry,
  EntryContent,
  ErrorCode,
  ListRequest,
  NameCount,
  Page,
  PersonView,
  Preferences,
  Revision,
  SearchRequest,
  SearchView,
};
export type { EntryTitle, Insights, OnThisDay, Summary, SummaryRequest };
export type { Section } from "./bindings/Section";
export type { BackupStatus, BackupView, ExportedFolder, HealthView, ImportFormat, ImportOutcome, RestoreRequest };
export type { Agenda, Answers, CommitmentView, ExerciseResult, PackSummary, PackView, Person, Plan, ReviewRequest, Shelf };
export type { Answer } from "./bindings/Answer";
export type { BodyArea } from "./bindings/BodyArea";
export type { CheckIn } from "./bindings/CheckIn";
export type { Choice } from "./bindings/Choice";
export type { Dimension } from "./bindings/Dimension";
export type { Mark } from "./bindings/Mark";
export type { Outcome } from "./bindings/Outcome";
export type { Pack } from "./bindings/Pack";
export type { ScoreResult } from "./bindings/ScoreResult";
export type { Slot } from "./bindings/Slot";
export type { Step } from "./bindings/Step";
export type { EntrySummary } from "./bindings/EntrySummary";
export type { Cursor } from "./bindings/Cursor";
export type { HitView } from "./bindings/HitView";
export type { SnippetPart } from "./bindings/SnippetPart";
export type { Theme } from "./bindings/Theme";
export type { TextSize } from "./bindings/TextSize";

export class AttuneError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** What to tell the person about a failed call: Attune's own message, or the error's. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function toError(e: unknown): AttuneError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    const { code, message } = e as { code: ErrorCode; message: string };
    return new AttuneError(code, message);
  }
  return new AttuneError("internal", typeof e === "string" ? e : "Something went wrong inside Attune.");
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toError(e);
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  createVault: (request: CreateVaultRequest) => call<CreatedVault>("create_vault", { request }),
  unlock: (passphrase: string) => call<void>("unlock", { passphrase }),
  unlockWithKeyring: () => call<void>("unlock_with_keyring"),
  recover: (phrase: string, newPassphrase: string) => call<void>("recover", { phrase, newPassphrase }),
  /** `backup`: write today's automatic backup first, if one is due (not when going to sleep). */
  lock: (backup: boolean) => call<void>("lock", { backup }),
  quit: () => call<void>("quit"),

  listEntries: (request: ListRequest) => call<Page>("list_entries", { request }),
  dayCounts: (from: string, to: string) => call<DayCount[]>("day_counts", { from, to }),
  getEntry: (entryId: string) => call<Entry>("get_entry", { entryId }),
  createEntry: (content: EntryContent) => call<Entry>("create_entry", { content }),
  saveEntry: (entryId: string, content: EntryContent, autosave: boolean) =>
    call<Entry>("save_entry", { entryId, content, autosave }),
  trashEntry: (entryId: string) => call<void>("trash_entry", { entryId }),
  restoreEntry: (entryId: string) => call<void>("restore_entry", { entryId }),
  purgeEntry: (entryId: string) => call<void>("purge_entry", { entryId }),
  entryHistory: (entryId: string) => call<Revision[]>("entry_history", { entryId }),
  restoreRevision: (entryId: string, revision: number) => call<Entry>("restore_revision", { entryId, revision }),
  search: (request: SearchRequest) => call<SearchView>("search", { request }),
  listTags: () => call<NameCount[]>("list_tags"),
  listPeople: () => call<PersonView[]>("list_people"),

  exerciseLibrary: () => call<Shelf[]>("exercise_library"),
  openExercise: (packId: string) => call<PackView>("open_exercise", { packId }),
  saveExerciseDraft: (packId: string, answers: Answers, step: number) =>
    call<void>("save_exercise_draft", { packId, answers, step }),
  discardExerciseDraft: (packId: string) => call<void>("discard_exercise_draft", { packId }),
  offerGrounding: (packId: string, answers: Answers) => call<boolean>("offer_grounding", { packId, answers }),
  finishExercise: (packId: string, answers: Answers) => call<ExerciseResult>("finish_exercise", { packId, answers }),
  todayAgenda: () => call<Agenda>("today_agenda"),
  suggestPlan: (retreatEnd: string) => call<Plan>("suggest_plan", { retreatEnd }),
  savePlan: (plan: Plan | null) => call<void>("save_plan", { plan }),
  reviewCommitment: (request: ReviewRequest) => call<CommitmentView>("review_commitment", { request }),
  listCommitments: () => call<CommitmentView[]>("list_commitments"),
  savePerson: (person: Person) => call<void>("save_person", { person }),
  importExercisePack: (path: string) => call<PackSummary>("import_exercise_pack", { path }),
  /** A file picker for an exercise pack (.toml) a facilitator handed out. */
  pickPackFile: async (): Promise<string | null> => {
    const chosen = await open({ multiple: false, title: "Import an exercise pack", filters: [{ name: "Exercise pack", extensions: ["toml"] }] });
    return typeof chosen === "string" ? chosen : null;
  },

  backupVault: (path: string) => call<BackupView>("backup_vault", { path }),
  checkVault: () => call<HealthView>("check_vault"),
  restoreBackup: (request: RestoreRequest) => call<void>("restore_backup", { request }),
  backupStatus: () => call<BackupStatus>("backup_status"),
  exportJson: (path: string) => call<number>("export_json", { path }),
  exportMarkdown: (dir: string) => call<ExportedFolder>("export_markdown", { dir }),
  importPreview: (path: string, format: ImportFormat | null) => call<ImportOutcome>("import_preview", { path, format }),
  importApply: () => call<ImportOutcome>("import_apply"),
  importCancel: () => call<void>("import_cancel"),

  insights: (from: string | null, to: string | null) => call<Insights>("insights", { from, to }),
  onThisDay: () => call<OnThisDay[]>("on_this_day"),
  entryTitles: (ids: string[]) => call<EntryTitle[]>("entry_titles", { ids }),
  summaryPreview: (request: SummaryRequest) => call<Summary>("summary_preview", { request }),
  /** Renders the summary to PDF and writes it where the person chose; returns its size. */
  saveSummaryPdf: (request: SummaryRequest, path: string) => call<number>("save_summary_pdf", { request, path }),
  saveRecoverySheet: (words: string[], path: string) => call<void>("save_recovery_sheet", { words, path }),
  /** Everything, or a period, as one PDF; returns how many entries it holds. */
  exportPdf: (from: string | null, to: string | null, path: string) => call<number>("export_pdf", { from, to, path }),
  /** A save dialog; the chosen path goes to one of Attune's own commands. */
  pickSavePath: async (title: string, defaultPath: string, extension: string): Promise<string | null> => {
    const chosen = await save({ title, defaultPath, filters: [{ name: title, extensions: [extension] }] });
    return typeof chosen === "string" ? chosen : null;
  },
  /** An open dialog for one file. */
  pickFile: async (title: string, extensions: string[]): Promise<string | null> => {
    const chosen = await open({ multiple: false, title, filters: [{ name: title, extensions }] });
    return typeof chosen === "string" ? chosen : null;
  },

  getPreferences: () => call<Preferences>("get_preferences"),
  savePreferences: (preferences: Preferences) => call<Preferences>("save_preferences", { preferences }),
  changePassphrase: (request: ChangePassphraseRequest) => call<void>("change_passphrase", { request }),
  setKeyring: (enabled: boolean) => call<boolean>("set_keyring", { enabled }),

  /** A folder picker for where to keep a new vault. */
  pickFolder: async (): Promise<string | null> => {
    const chosen = await open({ directory: true, multiple: false, title: "Where should Attune keep your vault?" });
    return typeof chosen === "string" ? chosen : null;
  },

  /** Called when the window is asked to close; the handler saves, then calls `quit`. */
  onCloseRequested: (handler: () => void): Promise<UnlistenFn> => listen("attune://close-requested", handler),
  /** The computer is going to sleep or the session is locking: save, then lock. */
  onLockRequested: (handler: () => void): Promise<UnlistenFn> => listen("attune://lock-requested", handler),
  /** The app locked the vault itself (the UI did not in time). */
  onLocked: (handler: () => void): Promise<UnlistenFn> => listen("attune://locked", handler),
};
