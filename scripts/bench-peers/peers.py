"""The peer benchmark: Attune against jrnl 4.6 on one synthetic journal, whole processes, in
one run. Started by scripts/bench-peers.sh (which builds Attune, installs jrnl into a venv under
target/ and starts a private Secret Service); see the README's "Against jrnl".

For each run and each variant (jrnl plain, jrnl encrypted, Attune with the passphrase, Attune
through the keyring), in a fresh journal: import, list the newest, search a planted word, add
one entry, export JSON, export Markdown. Every step's answer is checked (entries in and out,
the newest title, the planted word's hit count); a wrong answer gets no time. Writes
target/bench/peers.json and prints a table.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

OPS = ["import", "newest", "search", "add", "export_json", "export_md"]
OP_LABELS = {
    "import": "import",
    "newest": "list/open the newest",
    "search": "search a rare word",
    "add": "add one entry",
    "export_json": "export JSON",
    "export_md": "export Markdown",
}
VARIANTS = ["jrnl-plain", "jrnl-encrypted", "attune-passphrase", "attune-keyring"]
WORD = "zephyrine"
PASSWORD = "correct horse battery staple bench"


class Wrong(Exception):
    """A tool gave a wrong answer."""


def timed(cmd, env):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read the pipes fully, then reap the child ourselves to get its own resource usage.
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise Wrong(f"{os.path.basename(cmd[0])} {cmd[1:4]} exited with {proc.returncode}: "
                    f"{err.decode(errors='replace')[-400:]}")
    return seconds, usage.ru_maxrss, out.decode(errors="replace"), err.decode(errors="replace")


def jrnl_steps(variant, work, data, truth, jrnl, env):
    encrypted = variant == "jrnl-encrypted"
    config = os.path.join(work, "jrnl.yaml")
    with open(config, "w", encoding="utf-8") as f:
        f.write(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\n"
            f"encrypt: {'true' if encrypted else 'false'}\nhighlight: false\nindent_character: '|'\n"
            f"journals:\n  default:\n    journal: {os.path.join(work, 'journal.txt')}\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n"
        )
    base = [jrnl, "--config-file", config]
    n = truth["entries"]

    def check_import(out, err):
        if f"{n} imported" not in err:
            raise Wrong(f"import did not report {n} entries: {err.strip()[-200:]}")

    def check_newest(out, err):
        entries = json.loads(out)["entries"]
        if len(entries) != 1 or entries[0]["title"] != truth["newest_title"]:
            raise Wrong(f"the newest entry is not {truth['newest_title']!r}")

    def check_search(out, err):
        hits = len(json.loads(out)["entries"])
        if hits != truth["planted"][WORD]:
            raise Wrong(f"search {WORD}: {hits} entries, expected {truth['planted'][WORD]}")

    def check_json(out, err):
        with open(os.path.join(work, "out.json"), encoding="utf-8") as f:
            count = len(json.load(f)["entries"])
        if count != n + 1:
            raise Wrong(f"export JSON: {count} entries, expected {n + 1}")

    def check_md(out, err):
        with open(os.path.join(work, "out.md"), encoding="utf-8") as f:
            count = sum(1 for line in f if line.startswith("### "))
        if count != n + 1:
            raise Wrong(f"export Markdown: {count} entries, expected {n + 1}")

    return [
        ("import", base + ["--import", "--file", os.path.join(data, "jrnl.txt")], check_import),
        ("newest", base + ["-n", "1", "--format", "json"], check_newest),
        ("search", base + ["-contains", WORD, "--format", "json"], check_search),
        ("add", base + ["Added by the benchmark. One more line of text @bench"], None),
        ("export_json", base + ["--format", "json", "--file", os.path.join(work, "out.json")], check_json),
        ("export_md", base + ["--format", "markdown", "--file", os.path.join(work, "out.md")], check_md),
    ], env


def attune_setup(variant, work, attune, env):
    vault = os.path.join(work, "vault")
    init = [attune, "--vault", vault, "init"] + (["--keyring"] if variant == "attune-keyring" else [])
    init_env = dict(env, ATTUNE_PASSPHRASE=PASSWORD)
    timed(init, init_env)
    step_env = dict(env) if variant == "attune-keyring" else init_env
    return vault, step_env


def attune_steps(variant, work, data, truth, attune, env):
    vault, env = attune_setup(variant, work, attune, env)
    base = [attune, "--vault", vault]
    n = truth["entries"]

    def check_import(out, err):
        report = json.loads(out)
        if report.get("added") != n:
            raise Wrong(f"import added {report.get('added')}, expected {n}")

    def check_newest(out, err):
        items = json.loads(out)
        if len(items) != 1 or items[0]["title"] != truth["newest_title"]:
            raise Wrong(f"the newest entry is not {truth['newest_title']!r}")

    def check_search(out, err):
        hits = len(json.loads(out))
        if hits != truth["planted"][WORD]:
            raise Wrong(f"search {WORD}: {hits} entries, expected {truth['planted'][WORD]}")

    def check_json(out, err):
        with open(os.path.join(work, "out.json"), encoding="utf-8") as f:
            count = len(json.load(f)["entries"])
        if count != n + 1:
            raise Wrong(f"export JSON: {count} entries, expected {n + 1}")

    def check_md(out, err):
        count = len([name for name in os.listdir(os.path.join(work, "out-md")) if name.endswith(".md")])
        if count != n + 1:
            raise Wrong(f"export Markdown: {count} files, expected {n + 1}")

    return [
        ("import", base + ["import", os.path.join(data, "markdown"), "--format", "markdown", "--tz", "UTC", "--json"],
         check_import),
        ("newest", base + ["list", "--limit", "1", "--json"], check_newest),
        ("search", base + ["search", WORD, "--limit", "10000", "--json"], check_search),
        ("add", base + ["add", "--title", "Added by the benchmark", "--tag", "bench", "One more line of text"], None),
        ("export_json", base + ["export", "--format", "json", "--out", os.path.join(work, "out.json")], check_json),
        ("export_md", base + ["export", "--format", "markdown", "--out", os.path.join(work, "out-md")], check_md),
    ], env


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--attune", required=True)
    parser.add_argument("--jrnl", required=True)
    parser.add_argument("--data", required=True, help="the folder gen.py wrote")
    parser.add_argument("--work", required=True, help="a scratch folder, emptied first")
    parser.add_argument("--out", required=True)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    with open(os.path.join(args.data, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)

    env = dict(os.environ)
    env.pop("ATTUNE_PASSPHRASE", None)
    env["JRNL_BENCH_PASSWORD"] = PASSWORD
    env["PYTHONPATH"] = os.path.dirname(os.path.abspath(__file__))
    env["PYTHON_KEYRING_BACKEND"] = "envkeyring.EnvKeyring"

    times = {v: {op: [] for op in OPS} for v in variants}
    rss = {v: {op: 0 for op in OPS} for v in variants}
    wrong = {v: {} for v in variants}
    for r in range(args.runs):
        for variant in variants:
            work = os.path.join(args.work, f"{variant}-{r}")
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            try:
                if variant.startswith("jrnl"):
                    steps, step_env = jrnl_steps(variant, work, args.data, truth, args.jrnl, env)
                else:
                    steps, step_env = attune_steps(variant, work, args.data, truth, args.attune, env)
            except Wrong as e:
                for op in OPS:
                    wrong[variant][op] = f"set-up failed: {e}"
                continue
            failed = None
            for op, cmd, check in steps:
                if failed:
                    wrong[variant].setdefault(op, f"not run: {failed}")
                    continue
                try:
                    seconds, peak, out, err = timed(cmd, step_env)
                    if check:
                        check(out, err)
                except (Wrong, ValueError, KeyError, OSError) as e:
                    wrong[variant][op] = str(e)
                    failed = f"{op} failed"
                    continue
                times[variant][op].append(seconds)
                rss[variant][op] = max(rss[variant][op], peak)
            # Work folders stay until the end (the caller removes them): on ext4 without a
            # journal, inodes freed in the last seconds are skipped one by one when files are
            # created, so deleting 10,000 files here would slow the next run's exports.
            print(f"run {r + 1}/{args.runs} {variant} done", file=sys.stderr, flush=True)

    results = {}
    for variant in variants:
        results[variant] = {}
        for op in OPS:
            if op in wrong[variant] or not times[variant][op]:
                results[variant][op] = {"time": None, "wrong": wrong[variant].get(op, "no runs")}
            else:
                results[variant][op] = dict(summary(times[variant][op]), peak_rss_mib=round(rss[variant][op] / 1024, 1))
    for variant in variants:
        if not variant.startswith("attune"):
            continue
        for op in OPS:
            mine = results[variant][op]
            if "median" not in mine:
                continue
            mine["ratio_to"] = {
                peer: round(mine["median"] / results[peer][op]["median"], 3)
                for peer in variants
                if peer.startswith("jrnl") and "median" in results[peer][op]
            }

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    report = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "entries": truth["entries"],
        "runs": args.runs,
        "word": WORD,
        "word_hits": truth["planted"][WORD],
        "ratio": "Attune's median time divided by the jrnl variant's (below 1: Attune is faster)",
        "results": results,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)

    def cell(variant, op):
        r = results[variant][op]
        if "median" not in r:
            return "not run (an earlier step failed)" if r["wrong"].startswith("not run") else "wrong answer: no time"
        return f"{r['median']:.2f} s ({r['min']:.2f}–{r['max']:.2f}), {r['peak_rss_mib']:.0f} MB"

    print(f"\n{truth['entries']:,} entries, whole process, median (min–max) of {args.runs} runs, peak RSS; "
          f"{report['date']}, {report['machine']}\n")
    print("| operation | " + " | ".join(variants) + " |")
    print("|---|" + "---|" * len(variants))
    for op in OPS:
        print(f"| {OP_LABELS[op]} | " + " | ".join(cell(v, op) for v in variants) + " |")
    jrnls = [v for v in variants if v.startswith("jrnl")]
    attunes = [v for v in variants if v.startswith("attune")]
    if jrnls and attunes:
        print("\nAttune's time ÷ jrnl's (below 1: Attune is faster)\n")
        print("| operation | " + " | ".join(f"{a} ÷ {j}" for a in attunes for j in jrnls) + " |")
        print("|---|" + "---|" * (len(attunes) * len(jrnls)))
        for op in OPS:
            cells = []
            for a in attunes:
                for j in jrnls:
                    ratio = results[a][op].get("ratio_to", {}).get(j)
                    cells.append("–" if ratio is None else f"{ratio:.2f}")
            print(f"| {OP_LABELS[op]} | " + " | ".join(cells) + " |")
    for variant in variants:
        for op, why in wrong[variant].items():
            print(f"WRONG {variant} {op}: {why}", file=sys.stderr)


if __name__ == "__main__":
    main()
