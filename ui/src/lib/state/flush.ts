// Views with unsaved text register a flush function here; locking, quitting and switching
// views call `flushAll()` first, so nothing typed is lost.
import { getContext, setContext } from "svelte";

export type Flushers = Set<() => Promise<void>>;
const KEY = Symbol("attune-flushers");

export function provideFlushers(): Flushers {
  const set: Flushers = new Set();
  setContext(KEY, set);
  return set;
}

export function flushers(): Flushers {
  return getContext<Flushers>(KEY);
}

export async function flushAll(set: Flushers): Promise<void> {
  await Promise.all([...set].map((f) => f().catch(() => {})));
}
