import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app loads the built files from inside its binary; there is no dev server in the loop.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    sourcemap: false,
    // Two chunks: the first screen (setup and unlock), and the journal, loaded as a vault opens
    // (see features/shell-loader.ts). The journal's is about 1 MB since the entry editor
    // (CodeMirror with the Markdown grammar and the HTML, CSS and JavaScript grammars it nests).
    chunkSizeWarningLimit: 1200,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
