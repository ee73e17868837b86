// @vitest-environment jsdom
// Entry bodies come from the person, but also from imports (Day One, jrnl, Markdown folders):
// a hostile file must not run anything or fetch anything when an entry is read.
import { describe, expect, it } from "vitest";
import { markdownToPlain, passageWithoutMarks, renderMarkdown } from "./markdown";

const HOSTILE = [
  "<script>window.__pwned = 1</script>",
  '<img src="http://127.0.0.1:9/x.png" onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><script>window.__pwned = 4</script></svg>',
  '<iframe src="http://127.0.0.1:9/frame"></iframe>',
  "<style>body { background: url(http://127.0.0.1:9/bg.png) }</style>",
  '<a href="javascript:window.__pwned = 5">raw link</a>',
  "[js link](javascript:window.__pwned=6)",
  "[JS link, upper case](JAVASCRIPT:window.__pwned=7)",
  "[entity link](jav&#x61;script:alert(1))",
  "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[vbscript link](vbscript:msgbox(1))",
  "[file link](file:///etc/passwd)",
  "![remote photo](http://127.0.0.1:9/remote.png)",
  "![data image](data:image/png;base64,iVBORw0KGgo=)",
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=8">',
  '<form action="http://127.0.0.1:9/"><input name="x"></form>',
  '<object data="http://127.0.0.1:9/o"></object><embed src="http://127.0.0.1:9/e">',
  "<link rel=stylesheet href=http://127.0.0.1:9/s.css>",
].join("\n\n");

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
}

describe("renderMarkdown", () => {
  it("formats headings, emphasis, lists, quotes and links", () => {
    const doc = parse(renderMarkdown("# A day\n\nSome **bold** and *soft* words.\n\n- one\n- two\n\n> quoted\n\n[a site](https://example.org)"));
    expect(doc.querySelector("h1")?.textContent, "a # line should become a heading").toBe("A day");
    expect(doc.querySelector("strong")?.textContent, "**…** should become bold").toBe("bold");
    expect(doc.querySelector("em")?.textContent).toBe("soft");
    expect(doc.querySelectorAll("ul > li").length, "a list should have its two items").toBe(2);
    expect(doc.querySelector("blockquote")?.textContent?.trim()).toBe("quoted");
    const link = doc.querySelector("a");
    expect(link?.getAttribute("href"), "an https link should keep its address, to read").toBe("https://example.org");
    expect(link?.getAttribute("title"), "the address should show on hover").toBe("https://example.org");
  });

  it("reads Day One's escapes as the plain characters", () => {
    const doc = parse(renderMarkdown("1\\. first\n\n\\- a dash \\*not bold\\*"));
    expect(doc.body.textContent).toContain("1. first");
    expect(doc.body.textContent).toContain("- a dash *not bold*");
    expect(doc.querySelector("ol, ul, em"), "escaped marks should not make lists or emphasis").toBeNull();
  });

  it("leaves nothing that could run or fetch in hostile Markdown", () => {
    const html = renderMarkdown(HOSTILE);
    const doc = parse(html);
    const active = doc.querySelectorAll("script, style, iframe, object, embed, link, form, input, svg, math, img, meta, base");
    expect([...active].map((e) => e.outerHTML), "no element that runs, styles or fetches should survive").toEqual([]);
    for (const el of doc.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        expect(attr.name, `no event handler on <${el.tagName.toLowerCase()}>`).not.toMatch(/^on/i);
        expect(attr.name, "no inline style").not.toBe("style");
        if (attr.name === "href" || attr.name === "src") {
          expect(attr.value, `only http(s) or mailto addresses, not ${attr.value}`).toMatch(/^(https?:|mailto:)/i);
        }
      }
    }
    // Refused addresses may show as text (the checks above read the parsed tree), never as a target.
    expect(doc.querySelectorAll("a[href]").length, "none of the hostile links should stay a link").toBe(0);
    // Raw HTML is shown as text, so a person sees what the file held.
    expect(doc.body.textContent).toContain("<script>window.__pwned = 1</script>");
  });

  it("shows the entry's own photos from the app's media scheme, and nothing else", () => {
    const id = "01900000-0000-7000-8000-00000000000a";
    const served = (i: string) => `attune-media://localhost/${i}`;
    const doc = parse(renderMarkdown(`![sea.jpg](attune:${id})\n\n[notes.pdf](attune:${id})`, served));
    const img = doc.querySelector("img");
    expect(img?.getAttribute("src"), "the photo should come from the media scheme").toBe(served(id));
    expect(img?.getAttribute("alt")).toBe("sea.jpg");
    expect(doc.querySelector("a")?.hasAttribute("href"), "a file's link should not be followable").toBe(false);
    const windows = parse(renderMarkdown(`![sea](attune:${id})`, (i) => `http://attune-media.localhost/${i}`));
    expect(windows.querySelector("img")?.getAttribute("src")).toBe(`http://attune-media.localhost/${id}`);
    // Without a way to show them, or with an address the scheme does not serve, a photo is its name.
    expect(parse(renderMarkdown(`![sea](attune:${id})`)).querySelector("img")).toBeNull();
    const escaping = parse(renderMarkdown(`![sea](attune:${id})`, () => "attune-media://localhost/../vault.keys"));
    expect(escaping.querySelector("img"), "only an id may follow the scheme").toBeNull();
    for (const written of [`![x](attune-media://localhost/${id})`, `![x](http://attune-media.localhost/${id})`, "![x](attune:not-an-id)"]) {
      expect(parse(renderMarkdown(written, served)).querySelector("img"), `${written} is not a reference`).toBeNull();
    }
    const linked = parse(renderMarkdown(`[open](attune-media://localhost/${id})`, served)).querySelector("a");
    expect(linked?.hasAttribute("href"), "the media scheme is for images only").toBe(false);
  });

  it("shows an image that is not the entry's own as its description", () => {
    const doc = parse(renderMarkdown("![the lake at dawn](https://example.org/lake.jpg)"));
    expect(doc.querySelector("img")).toBeNull();
    expect(doc.querySelector(".image-missing")?.textContent).toBe("the lake at dawn");
  });
});

describe("markdownToPlain", () => {
  it("keeps the words and drops the marks", () => {
    expect(markdownToPlain("# Title\n\nSome **bold** and [a link](https://x.org).\n\n1\\. not a list\n\n> quoted")).toBe(
      "Title Some bold and a link. 1. not a list quoted",
    );
  });
});

describe("passageWithoutMarks", () => {
  it.each([
    ["I felt **so** calm", "I felt so calm"],
    ["cut here** and __there__", "cut here and there"],
    ["# The day\n> she said\n- one\n2. two", "The day\nshe said\none\ntwo"],
    ["see [the river](https://example.org) again", "see the river again"],
    ["a cut link](https://example.org) then", "a cut link then"],
    ["1\\. Day One\\'s \\*stars\\*", "1. Day One's *stars*"],
    ["use `code` and snake_case", "use code and snake_case"],
    ["2024-05-01 - a dash mid-line stays", "2024-05-01 - a dash mid-line stays"],
  ])("%j reads %j", (input, expected) => {
    expect(passageWithoutMarks(input)).toBe(expected);
  });
});
