// The i18n check (scripts/check-i18n.mjs, run by `npm run check`) must be able to fail: each
// kind of problem it looks for, on a small bad input, and a good input that passes.
import { describe, expect, it } from "vitest";
import { checkAll, checkCatalogues, checkPluralTernaries, checkTemplate } from "../../../scripts/check-i18n.mjs";

describe("the i18n check", () => {
  it("finds bare text in a template, with its line", () => {
    const problems = checkTemplate(`<script lang="ts">\n  const a = "not shown";\n</script>\n\n<p>Hello there</p>\n`, "Bad.svelte");
    expect(problems).toEqual([{ file: "Bad.svelte", line: 5, text: "Hello there" }]);
  });

  it("finds literal text in visible attributes and shown expressions", () => {
    const source = [
      `<button title="Close the panel" aria-label="Close">×</button>`,
      `<input placeholder="Type here" data-testid="some-id" class="wide" />`,
      `<img alt="A lake" src="x.png" />`,
      `<p>{busy ? "Saving…" : done}</p>`,
      `<Section title="Privacy" id="s-privacy" />`,
    ].join("\n");
    const texts = checkTemplate(source).map((p) => p.text);
    expect(texts).toEqual(["Close the panel", "Close", "Type here", "A lake", "Saving…", "Privacy"]);
  });

  it("lets through symbols, numbers, markup and catalogue calls", () => {
    const source = [
      `<script lang="ts">import { t } from "x"; const label = "Not in the template";</script>`,
      `<p class="small muted" data-testid="ok">{t("common.cancel")} · — × 42 {count}</p>`,
      `<span style:height={\`\${total}px\`}>{value === "a" ? t("a.b") : ""}</span>`,
      `<style>p { content: "Styles are not text"; }</style>`,
    ].join("\n");
    expect(checkTemplate(source)).toEqual([]);
  });

  it("finds a key missing in a locale, and one English does not have", () => {
    const problems = checkCatalogues({
      en: { "a.one": "One", "a.two": "Two" },
      es: { "a.one": "Uno", "a.three": "Tres" },
    });
    expect(problems.map((p) => p.text)).toEqual(["a.two: missing", "a.three: not in en.json"]);
  });

  it("finds arguments that differ from English's, and messages that do not parse", () => {
    const problems = checkCatalogues({
      en: { "a.count": "{count, plural, one {# day} other {# days}}", "a.name": "Hello {name}" },
      "pt-BR": { "a.count": "{total, plural, one {# dia} other {# dias}}", "a.name": "Olá {name" },
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]?.text).toMatch(/a\.count: arguments \{total\} differ from English \{count\}/);
    expect(problems[1]?.text).toMatch(/a\.name: not ICU MessageFormat/);
  });

  it("accepts matching catalogues", () => {
    expect(
      checkCatalogues({
        en: { "a.count": "{count, plural, one {# day} other {# days}}" },
        es: { "a.count": "{count, plural, one {# día} other {# días}}" },
      }),
    ).toEqual([]);
  });

  it("finds plural ternaries", () => {
    expect(checkPluralTernaries(`const s = n === 1 ? "entry" : "entries";`, "x.ts")).toHaveLength(1);
    expect(checkPluralTernaries(`const s = count !== 1 ? "s" : "";`, "x.ts")).toHaveLength(1);
    expect(checkPluralTernaries(`const s = t("a.count", { count: n });`, "x.ts")).toEqual([]);
  });

  it("passes on the app as it is", () => {
    expect(checkAll()).toEqual([]);
  });
});
