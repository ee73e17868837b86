"""One synthetic journal of N entries, written in each tool's own input format.

    python3 gen.py N OUT_DIR

writes OUT_DIR/jrnl.txt (jrnl's plain-text journal), OUT_DIR/markdown/ (one note per entry
with YAML front matter, as Attune imports), OUT_DIR/attune.json (Attune's own export format)
and OUT_DIR/truth.json (what a correct tool must answer: entry count, the newest entry's title,
and each planted word's number of entries). Deterministic: the same N gives the same journal.
Entries are 40-320 words of everyday vocabulary, one a day-ish at distinct minutes in UTC,
0-3 tags each; a few rare words are planted in a known number of entries.
"""

import json
import os
import random
import shutil
import sys
import uuid
from datetime import datetime, timedelta, timezone

WORDS = (
    "the a and to of I in it was that my with for on but at we so this had be not felt about "
    "today when what me just like she he they her him morning evening walk work call talk friend "
    "mother father sister brother coffee rain sun window garden kitchen train bus office meeting "
    "tired calm anxious happy quiet loud long short small early late again still maybe really "
    "think thought wanted needed said asked told remember forget write read book music song "
    "dinner lunch breakfast sleep dream night week weekend plan hope worry safe boundary space "
    "listen noticed honest gentle angry sad relieved grateful patient careful slowly finally "
    "river park city street home room door light dark cold warm tea letter message phone"
).split()
TAGS = ["work", "family", "health", "friends", "gratitude", "sleep", "reading", "walks", "therapy", "travel"]
# Planted words: (word, entries holding it per 10,000).
PLANTED = [("zephyrine", 37), ("quillwort", 5), ("marrowfat", 120)]
START = datetime(2018, 1, 1, 7, 0, tzinfo=timezone.utc)


def sentence(rng, lo, hi):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20261201)
    planted = {}
    for word, per in PLANTED:
        count = max(1, per * n // 10_000)
        planted[word] = set(rng.sample(range(n), count))
    entries = []
    when = START
    for i in range(n):
        when += timedelta(minutes=rng.randint(600, 2200))
        title = sentence(rng, 3, 9)
        paras = []
        target = rng.randint(40, 320)
        words = 0
        while words < target:
            para = " ".join(sentence(rng, 6, 18) for _ in range(rng.randint(2, 5)))
            words += len(para.split())
            paras.append(para)
        for word, which in planted.items():
            if i in which:
                paras[-1] += f" The {word} was there again."
        tags = sorted(rng.sample(TAGS, rng.randint(0, 3)))
        entries.append({"when": when, "title": title, "body": "\n\n".join(paras), "tags": tags})

    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "markdown"))

    # jrnl: "[YYYY-MM-DD HH:MM] Title." then the body; tags as @tag in the text.
    with open(os.path.join(out, "jrnl.txt"), "w", encoding="utf-8") as f:
        for e in entries:
            tags = "".join(f" @{t}" for t in e["tags"])
            f.write(f"[{e['when']:%Y-%m-%d %H:%M}] {e['title']}\n{e['body']}{tags}\n\n")

    # Markdown notes with front matter.
    for i, e in enumerate(entries):
        name = f"{e['when']:%Y-%m-%d-%H%M}-{i:05d}.md"
        with open(os.path.join(out, "markdown", name), "w", encoding="utf-8") as f:
            f.write("---\n")
            f.write(f"date: {e['when']:%Y-%m-%dT%H:%M:00+00:00}\n")
            f.write(f"title: {json.dumps(e['title'])}\n")
            f.write(f"tags: {json.dumps(e['tags'])}\n")
            f.write("---\n\n")
            f.write(e["body"] + "\n")

    # Attune JSON: ids shaped as UUID v7 carrying the creation time.
    with open(os.path.join(out, "attune.json"), "w", encoding="utf-8") as f:
        f.write('{"format": "attune-export", "version": 1, "people": [], "entries": [\n')
        for i, e in enumerate(entries):
            ms = int(e["when"].timestamp() * 1000)
            rand = rng.getrandbits(74)
            value = (ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0b10 << 62) | (rand & ((1 << 62) - 1))
            stamp = e["when"].strftime("%Y-%m-%dT%H:%M:00.000+00:00")
            record = {"id": str(uuid.UUID(int=value)), "kind": "journal", "title": e["title"], "body": e["body"],
                      "created_at": stamp, "updated_at": stamp, "tags": e["tags"], "people": [], "revisions": []}
            f.write(("," if i else "") + json.dumps(record, ensure_ascii=False) + "\n")
        f.write("]}\n")

    truth = {"entries": n, "newest_title": entries[-1]["title"],
             "planted": {w: len(s) for w, s in planted.items()}}
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1)


if __name__ == "__main__":
    main()
