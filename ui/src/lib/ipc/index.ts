// The only module the views import to talk to the Rust side: the commands as typed functions
// (generated into commands.ts from the Rust declaration) and the app's events. The page never
// opens a file dialog or names a file: commands that read or write files open the dialog on
// the Rust side.
import { convertFileSrc } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

import { commands } from "./commands";

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
export type { Starter } from "./bindings/Starter";
export type { Template } from "./bindings/Template";
export type { Attachment } from "./bindings/Attachment";
export type { TemplatesView } from "./bindings/TemplatesView";
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
export type { HelpView } from "./bindings/HelpView";
export type { HelpLine } from "./bindings/HelpLine";
export type { Letter } from "./bindings/Letter";
export type { SupportNote } from "./bindings/SupportNote";
export type { DeviceStatus } from "./bindings/DeviceStatus";
export type { JoinRequest } from "./bindings/JoinRequest";
export type { SyncReport } from "./bindings/SyncReport";
export type { SyncStatus } from "./bindings/SyncStatus";
export type { SyncView } from "./bindings/SyncView";

export { AttuneError, messageOf } from "./call";

/**
 * Where the window fetches an entry's photo (or, with `thumbnail`, its thumbnail): the app's
 * `attune-media:` scheme, which serves it from the vault with `Cache-Control: no-store`.
 */
export function mediaUrl(id: string, thumbnail = false): string {
  return convertFileSrc(thumbnail ? `thumbnail.${id}` : id, "attune-media");
}

export const api = {
  ...commands,
  /** Called when the window is asked to close; the handler saves, then calls `quit`. */
  onCloseRequested: (handler: () => void): Promise<UnlistenFn> => listen("attune://close-requested", handler),
  /** The computer is going to sleep or the session is locking: save, then lock. */
  onLockRequested: (handler: () => void): Promise<UnlistenFn> => listen("attune://lock-requested", handler),
  /** The app locked the vault itself (the UI did not in time). */
  onLocked: (handler: () => void): Promise<UnlistenFn> => listen("attune://locked", handler),
  /** An exchange with the sync folder, run on its own, brought changes from another computer. */
  onSynced: (handler: () => void): Promise<UnlistenFn> => listen("attune://synced", handler),
};
