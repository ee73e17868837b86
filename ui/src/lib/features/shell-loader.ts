// The journal (the shell and everything it opens: the editor, charts, summaries) is most of the
// app's code, and the first screen needs none of it. It starts loading when a vault starts to
// open (a passphrase sent, the keyring tried, a vault being made), so the web process parses it
// while the core derives the key, and a window left at the unlock screen holds none of it.

type ShellModule = typeof import("./Shell.svelte");
let shell: Promise<ShellModule> | null = null;

/** The journal's code, loaded once. */
export function loadShell(): Promise<ShellModule> {
  shell ??= import("./Shell.svelte");
  return shell;
}
