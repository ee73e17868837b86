// Whether the help panel is open, and for which exercise (so it can add that pack's own
// aftercare contact). Any view may open it; the shell shows it over everything.

export const help = $state<{ open: boolean; packId: string | null }>({ open: false, packId: null });

/** Opens the help panel, for the exercise being done if there is one. */
export function openHelp(packId: string | null = null) {
  help.packId = packId;
  help.open = true;
}

export function closeHelp() {
  help.open = false;
}
