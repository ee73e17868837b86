// The one door to the Rust side: every command goes through `call`, and every failure becomes
// an AttuneError carrying the closed `ErrorCode` list generated from Rust, so views act on
// codes, never on message text.
import { invoke } from "@tauri-apps/api/core";
import { t } from "../i18n/index.svelte";

import type { ErrorCode } from "./bindings/ErrorCode";

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
  return new AttuneError("internal", typeof e === "string" ? e : t("common.internalError"));
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toError(e);
  }
}

