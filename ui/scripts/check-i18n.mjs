// Checks that the UI is translatable and its translations are whole:
// - no user-visible literal text in a `.svelte` template (text, the visible attributes, and
//   string literals an expression shows as they are), outside the catalogue;
// - every locale has exactly English's keys, every message parses as ICU MessageFormat, and a
//   translation uses the same argument names as English;
// - no plural ternaries (`n === 1 ? "entry" : "entries"`): plurals go through ICU.
// Run by `npm run check` (and `npm run check:i18n`); exits 1 naming file:line for each problem.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "svelte/compiler";
import { parse as parseIcu, TYPE } from "@formatjs/icu-messageformat-parser";

/** Attributes whose literal values people read or hear. */
const VISIBLE_ATTRIBUTES = new Set(["title", "aria-label", "aria-description", "aria-valuetext", "placeholder", "alt", "label"]);
/** A component's props that carry text to show (`title`, `doneLabel`, `hint` …). */
const VISIBLE_PROP = /(label|title|text|hint|message|placeholder|description)$/i;
/** Names that stay as they are in every language. */
const PROPER_NAMES = new Set(["Attune"]);

const hasLetters = (text) => /\p{L}/u.test(text);

function lineOf(source, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** String literals an expression can show as its value (not those it compares or passes on). */
function shownLiterals(expr) {
  if (!expr || typeof expr !== "object") return [];
  switch (expr.type) {
    case "Literal":
      return typeof expr.value === "string" ? [{ text: expr.value, start: expr.start }] : [];
    case "TemplateLiteral":
      return [
        ...expr.quasis.map((q) => ({ text: q.value.cooked ?? q.value.raw, start: q.start })),
        ...expr.expressions.flatMap(shownLiterals),
      ];
    case "ConditionalExpression":
      return [...shownLiterals(expr.consequent), ...shownLiterals(expr.alternate)];
    case "LogicalExpression":
      return expr.operator === "&&" ? shownLiterals(expr.right) : [...shownLiterals(expr.left), ...shownLiterals(expr.right)];
    case "BinaryExpression":
      return expr.operator === "+" ? [...shownLiterals(expr.left), ...shownLiterals(expr.right)] : [];
    default:
      return [];
  }
}

/** Problems in one `.svelte` file's template: `{ file, line, text }` for each literal text. */
export function checkTemplate(source, file = "component.svelte") {
  const problems = [];
  const report = (text, start) => {
    const trimmed = text.replace(/\s+/g, " ").trim();
    if (!hasLetters(trimmed) || PROPER_NAMES.has(trimmed.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ""))) return;
    problems.push({ file, line: lineOf(source, start), text: trimmed });
  };
  const attributeValue = (value) => {
    if (value === true || value == null) return;
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) {
      if (part.type === "Text") report(part.data, part.start);
      else if (part.type === "ExpressionTag") for (const l of shownLiterals(part.expression)) report(l.text, l.start);
    }
  };
  const walk = (node, isComponent = false) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    switch (node.type) {
      case "Script":
      case "StyleSheet":
      case "Comment":
        return;
      case "Text":
        report(node.data, node.start);
        return;
      case "ExpressionTag":
        for (const l of shownLiterals(node.expression)) report(l.text, l.start);
        return;
      case "StyleDirective":
      case "ClassDirective":
      case "BindDirective":
      case "OnDirective":
      case "UseDirective":
      case "TransitionDirective":
      case "AnimateDirective":
      case "LetDirective":
      case "SpreadAttribute":
        return;
      case "Attribute":
        if (VISIBLE_ATTRIBUTES.has(node.name) || (isComponent && VISIBLE_PROP.test(node.name))) attributeValue(node.value);
        return;
      case "RegularElement":
        if (node.name === "style" || node.name === "script") return;
        break;
      default:
        break;
    }
    const component = node.type === "Component" || node.type === "SvelteComponent";
    for (const [key, value] of Object.entries(node)) {
      if (key === "instance" || key === "module" || key === "css" || key === "expression" || key === "metadata") continue;
      if (key === "attributes" && Array.isArray(value)) {
        for (const attr of value) walk(attr, component);
        continue;
      }
      if (value && typeof value === "object") walk(value);
    }
  };
  const ast = parse(source, { modern: true, filename: file });
  walk(ast.fragment);
  return problems;
}

/** The names of a message's arguments (`{count}`, `{name, select, …}`), as a sorted list. */
export function argumentNames(message) {
  const names = new Set();
  const visit = (elements) => {
    for (const el of elements) {
      if ([TYPE.argument, TYPE.number, TYPE.date, TYPE.time, TYPE.select, TYPE.plural].includes(el.type)) names.add(el.value);
      if (el.options) for (const option of Object.values(el.options)) visit(option.value);
      if (el.children) visit(el.children);
    }
  };
  visit(parseIcu(message, { ignoreTag: true }));
  return [...names].sort();
}

/**
 * Problems across the catalogues (`{ en: {...}, "pt-BR": {...} }`; English is the reference):
 * missing or extra keys, messages that do not parse, and arguments that differ from English's.
 */
export function checkCatalogues(catalogues) {
  const problems = [];
  const en = catalogues.en;
  if (!en) return [{ file: "en.json", line: 0, text: "no English catalogue" }];
  const englishArgs = {};
  for (const [key, message] of Object.entries(en)) {
    try {
      englishArgs[key] = argumentNames(message).join(",");
    } catch (e) {
      problems.push({ file: "en.json", line: 0, text: `${key}: not ICU MessageFormat (${e.message})` });
    }
  }
  for (const [tag, catalogue] of Object.entries(catalogues)) {
    if (tag === "en") continue;
    const file = `${tag}.json`;
    for (const key of Object.keys(en)) if (!(key in catalogue)) problems.push({ file, line: 0, text: `${key}: missing` });
    for (const [key, message] of Object.entries(catalogue)) {
      if (!(key in en)) {
        problems.push({ file, line: 0, text: `${key}: not in en.json` });
        continue;
      }
      if (typeof message !== "string" || message.trim() === "") {
        problems.push({ file, line: 0, text: `${key}: empty` });
        continue;
      }
      let args;
      try {
        args = argumentNames(message).join(",");
      } catch (e) {
        problems.push({ file, line: 0, text: `${key}: not ICU MessageFormat (${e.message})` });
        continue;
      }
      if (key in englishArgs && args !== englishArgs[key]) {
        problems.push({ file, line: 0, text: `${key}: arguments {${args}} differ from English {${englishArgs[key]}}` });
      }
    }
  }
  return problems;
}

/** Plural ternaries (`n === 1 ? …`, `1 === n ? …`, `!== 1 ?`) in source text. */
export function checkPluralTernaries(source, file = "source.ts") {
  const problems = [];
  const pattern = /(?:[!=]==?\s*1\s*\?|\b1\s*[!=]==?\s*[\w.$[\]]+\s*\?)/g;
  for (const match of source.matchAll(pattern)) {
    problems.push({ file, line: lineOf(source, match.index), text: `plural ternary "${match[0].trim()}": use ICU plural in the catalogue` });
  }
  return problems;
}

function files(dir, test) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path, test));
    else if (test(path)) found.push(path);
  }
  return found;
}

/** Runs every check over `ui/`; returns the problems. */
export function checkAll(root = fileURLToPath(new URL("..", import.meta.url))) {
  const src = join(root, "src");
  const problems = [];
  for (const path of files(src, (p) => p.endsWith(".svelte"))) {
    problems.push(...checkTemplate(readFileSync(path, "utf8"), relative(root, path)));
  }
  const localeDir = join(src, "locales");
  const catalogues = {};
  for (const name of readdirSync(localeDir).filter((n) => n.endsWith(".json"))) {
    catalogues[name.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(localeDir, name), "utf8"));
  }
  problems.push(...checkCatalogues(catalogues).map((p) => ({ ...p, file: relative(root, join(localeDir, p.file)) })));
  // Tests may compare counts with 1; they show nothing to anyone.
  for (const path of files(src, (p) => /\.(ts|svelte)$/.test(p) && !/\.test\.ts$/.test(p))) {
    problems.push(...checkPluralTernaries(readFileSync(path, "utf8"), relative(root, path)));
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = checkAll();
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.text}`);
  if (problems.length) {
    console.error(`\ncheck-i18n: ${problems.length} problem(s). Move the text into src/locales/en.json and use t(…).`);
    process.exit(1);
  }
  console.log("check-i18n: templates, catalogues and plurals are in order.");
}
