// "Try a call, show what happened": every view that calls the core and tells the person how it
// went does it through `attempt`, so a failure always reads the same way (Attune's own message
// for the failed call) and a view keeps one `Notice` per section instead of its own shapes.
import { messageOf } from "../ipc";
import type { Notice } from "./notice";

export type { Notice };

/**
 * Runs `call` and says what happened. A call that returns text (or a notice) has something to
 * say on success; one that returns nothing (done, or cancelled in a picker) leaves no notice.
 * A failure becomes an error notice with the failed call's message, which `failed` may reword
 * (e.g. for an error code the view explains in its own words).
 */
export async function attempt(
  call: () => Promise<string | Notice | void>,
  failed?: (message: string, error: unknown) => string,
): Promise<Notice | null> {
  try {
    const said = await call();
    if (said === undefined) return null;
    return typeof said === "string" ? { kind: "ok", text: said } : said;
  } catch (e) {
    const message = messageOf(e);
    return { kind: "error", text: failed ? failed(message, e) : message };
  }
}
