// Screens render in every language without a missing argument or a stray English label.
import { render } from "svelte/server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import Settings from "../features/settings/Settings.svelte";
import Setup from "../features/setup/Setup.svelte";
import Unlock from "../features/unlock/Unlock.svelte";
import type { AppStatus, Preferences } from "../ipc";
import { loadLocale, setLocale } from "./index.svelte";

const status = { vault: "locked", vault_dir: "/home/a/.local/share/attune", vault_dir_fixed: false, keyring_enabled: false, keyring_unlock: false, exposed: [], recovery_phrase_unseen: false } as unknown as AppStatus;
const preferences: Preferences = {
  theme: "system",
  text_size: "medium",
  auto_lock_minutes: 10,
  protect_screen: true,
  reminder_time: null,
  open_at_login: false,
  backup_folder: "/backups",
  backup_keep: 10,
  help_country: "BR",
  language: "pt-BR",
  spell_check: true,
};

beforeAll(() => Promise.all([loadLocale("pt-BR"), loadLocale("es")]));
afterEach(() => setLocale("en", []));

describe("screens in each language", () => {
  it("shows the unlock screen in English, Portuguese and Spanish", () => {
    expect(render(Unlock, { props: { status, onUnlocked: () => {} } }).body).toContain("Welcome back");
    setLocale("pt-BR", []);
    expect(render(Unlock, { props: { status, onUnlocked: () => {} } }).body).toContain("Que bom ter você de volta");
    setLocale("es", []);
    expect(render(Unlock, { props: { status, onUnlocked: () => {} } }).body).toContain("Qué bueno verte de nuevo");
  });

  it("shows the first-run screen in Portuguese", () => {
    setLocale("pt-BR", []);
    const body = render(Setup, { props: { status, onDone: () => {} } }).body;
    expect(body).toContain("Boas-vindas ao Attune");
    expect(body).not.toContain("Welcome");
  });

  it("shows Settings with the language row, each language named in itself", () => {
    setLocale("es", []);
    const body = render(Settings, {
      props: { preferences, keyringEnabled: false, folderFixed: false, onPreferences: () => {}, onRestored: () => {} },
    }).body;
    expect(body).toContain("Idioma");
    expect(body).toContain("Seguir el sistema");
    for (const name of ["English", "Português (Brasil)", "Español"]) expect(body).toContain(name);
    expect(body).toContain("Después de 5 minutos");
    expect(body).toContain("/backups");
  });
});
