// Entry bodies are Markdown. This turns one into HTML that is safe to put in the page, and into
// plain text for short previews.
//
// Two well-kept libraries, one after the other, so a gap in either is not a hole:
// - markdown-it renders CommonMark with raw HTML switched off (a `<script>` in an entry is shown
//   as text) and refuses `javascript:`, `vbscript:`, `file:` and most `data:` link targets;
// - DOMPurify then keeps only a short allow-list of tags and attributes, and only `http(s):` and
//   `mailto:` addresses (and, for the entry's own photos only, the app's `attune-media:` scheme).
// Links stay links to read, but the reading view never follows them (see MarkdownView.svelte,
// and the shell refuses to leave the app's own pages anyway). Images are never fetched from
// anywhere else: an image whose source is not one of the entry's own photos becomes its
// description.
// Day One's escapes (`1\.`, `\-`, `\*`) are CommonMark backslash escapes and read as the plain
// character.
import DOMPurify from "dompurify";
import MarkdownIt from "markdown-it";

const md = new MarkdownIt("default", { html: false, linkify: false, typographer: false, breaks: false });

// An entry's own photos: the text refers to one as `attune:ID` (the core's reference scheme),
// and the window fetches it from the app's `attune-media:` scheme, which serves it from the
// vault without caching (on Windows the webview names that scheme `http://attune-media.localhost`).
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const OWN_REFERENCE = new RegExp(`^attune:(${UUID})$`, "i");
const OWN_ADDRESS = new RegExp(`^(?:attune-media://localhost|http://attune-media\\.localhost)/(?:thumbnail\\.)?${UUID}$`, "i");

/** The attachment id an `attune:ID` reference names, or null for any other address. */
export function ownReference(src: string): string | null {
  return OWN_REFERENCE.exec(src)?.[1]?.toLowerCase() ?? null;
}

/**
 * Whether `src` is one of the entry's own photos as the app serves it: the one kind of image
 * address the reading view admits (and DOMPurify's allow-list below lets its scheme through).
 */
export function isOwnImage(src: string): boolean {
  return OWN_ADDRESS.test(src);
}

/** Turns an attachment id into the address the window fetches it from (see ipc's `mediaUrl`). */
export type ImageSource = (id: string) => string;

// An image that is not the entry's own is shown as its description, never requested.
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token?.attrGet("src") ?? "");
  const id = ownReference(src);
  const imageSrc = (env as { imageSrc?: ImageSource } | undefined)?.imageSrc;
  const alt = self.renderInlineAsText(token?.children ?? [], options, env);
  if (token && id && imageSrc) {
    const address = imageSrc(id);
    if (isOwnImage(address)) {
      token.attrSet("src", address);
      token.attrSet("alt", alt);
      return self.renderToken(tokens, idx, options);
    }
  }
  return alt ? `<span class="image-missing">${md.utils.escapeHtml(String(alt))}</span>` : "";
};

const ALLOWED_TAGS = [
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code", "pre",
  "blockquote", "ul", "ol", "li", "a", "img", "span", "table", "thead", "tbody", "tr", "th", "td",
];
const ALLOWED_ATTR = ["href", "title", "alt", "src", "start", "class"];

let purifier: ReturnType<typeof DOMPurify> | null = null;

function purify(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook("afterSanitizeAttributes", (node) => {
    if (node.nodeName === "IMG" && !isOwnImage(node.getAttribute("src") ?? "")) {
      node.remove();
      return;
    }
    if (node.hasAttribute("class") && node.getAttribute("class") !== "image-missing") node.removeAttribute("class");
    if (node.nodeName === "A") {
      // The media scheme is for images only.
      if (/^attune-media:/i.test(node.getAttribute("href") ?? "")) node.removeAttribute("href");
      const href = node.getAttribute("href");
      // The address shows on hover, since clicking does not open it.
      if (href) node.setAttribute("title", href);
      node.setAttribute("rel", "noopener noreferrer");
    }
  });
  purifier = p;
  return p;
}

/**
 * An entry body (Markdown) as sanitised HTML for the reading view. Needs a DOM (`window`).
 * With `imageSrc`, the entry's own photos (`![name](attune:ID)`) are shown from that address;
 * without it, they show as their names like any other image.
 */
export function renderMarkdown(body: string, imageSrc?: ImageSource): string {
  const html = md.render(body, { imageSrc });
  return purify().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|attune-media:)/i,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ADD_ATTR: ["rel"],
    RETURN_TRUSTED_TYPE: false,
  });
}

/**
 * An entry body as one line of plain text: the words without Markdown's marks (`#`, `**`,
 * `>`, list markers, link addresses) and with escapes resolved, for previews. No DOM needed.
 */
export function markdownToPlain(body: string): string {
  const words: string[] = [];
  for (const token of md.parse(body, {})) {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") words.push(child.content);
        else if (child.type === "image") words.push(child.content);
        else if (child.type === "softbreak" || child.type === "hardbreak") words.push(" ");
      }
      words.push(" ");
    } else if (token.type === "code_block" || token.type === "fence") {
      words.push(token.content, " ");
    }
  }
  return words.join("").replace(/\s+/g, " ").trim();
}

/**
 * Markdown's marks in a passage cut from the middle of a body (a search snippet): backslash
 * escapes (kept as their character), a link or image's `[text](address)` (kept as its text, or
 * a dangling `](address)` dropped), a heading's `#`s, a quote's `>` or a list marker at a line's
 * start, emphasis runs (`*`, `**`, `__`) and code's backticks. A cut passage is no whole document
 * for a parser to read, so the marks are matched one by one; a single `_` stays (it is in
 * words such as snake_case far more often than it is emphasis).
 */
const PASSAGE_MARKS =
  /\\([!-/:-@[-`{-~])|!?\[([^\]\n]*)\]\([^)\n]*\)|\]\([^)\n]*\)|(^|\n)[ \t]*(?:#{1,6}|>|[-+]|\d{1,9}[.)])[ \t]+|\*{1,3}|_{2,3}|`+/g;

/** A passage of a body without Markdown's marks (see `PASSAGE_MARKS`). No DOM needed. */
export function passageWithoutMarks(text: string): string {
  return text.replace(PASSAGE_MARKS, (_match, escaped?: string, linkText?: string, lineStart?: string) =>
    escaped ?? linkText ?? lineStart ?? "",
  );
}
