// Types for check-i18n.mjs, so its unit test (src/lib/i18n/check.test.ts) type-checks.
export type Problem = { file: string; line: number; text: string };
export function checkTemplate(source: string, file?: string): Problem[];
export function argumentNames(message: string): string[];
export function checkCatalogues(catalogues: Record<string, Record<string, string>>): Problem[];
export function checkPluralTernaries(source: string, file?: string): Problem[];
export function checkAll(root?: string): Problem[];
