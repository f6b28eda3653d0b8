#!/usr/bin/env python3
"""Per-class mutation scores from PIT's mutations.xml, as the Markdown table of docs/mutation-testing.md.

    python3 docs/mutation-score.py                       # print the table
    python3 docs/mutation-score.py --survivors           # and every mutant no test noticed
    python3 docs/mutation-score.py --update docs/mutation-testing.md   # rewrite the table in place

The table sits between the markers <!-- mutation-score:begin --> and <!-- mutation-score:end -->,
so it is regenerated from the reports, never typed. A mutant counts as detected when PIT marks it
so (killed by a failing test, a timeout, a memory or run error); one that no test runs is not.
Two modules mutate the monitors (their tests live in both); a mutant both made counts once, as
detected if either module's tests detected it.
"""
import argparse
import collections
import os
import sys
import tempfile
import xml.etree.ElementTree as ET

# raft-model's profile mutates the node, the log and the monitors; harness's the linearizability checker.
DEFAULT_REPORTS = ["raft-model/target/pit-reports/mutations.xml", "harness/target/pit-reports/mutations.xml"]
BEGIN = "<!-- mutation-score:begin -->"
END = "<!-- mutation-score:end -->"


def fail(message):
    """Bad input: one line naming the file, exit code 2, as the raftsim command does."""
    print(message, file=sys.stderr)
    sys.exit(2)


def read_mutants(path):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        fail(f"{path}: cannot read PIT's report ({error}); run the mutation profile first")
    mutants = []
    for m in root.iter("mutation"):
        mutants.append({
            "key": (m.findtext("mutatedClass"), m.findtext("mutatedMethod"), m.findtext("methodDescription"),
                    m.findtext("lineNumber"), m.findtext("mutator"), tuple(i.text for i in m.iter("index")),
                    m.findtext("description")),
            "class": m.findtext("mutatedClass").split("$")[0],
            "method": m.findtext("mutatedMethod"),
            "line": int(m.findtext("lineNumber")),
            "mutator": m.findtext("mutator").rsplit(".", 1)[-1],
            "description": m.findtext("description"),
            "status": m.get("status"),
            "detected": m.get("detected") == "true",
        })
    if not mutants:
        fail(f"{path}: no mutants in the report")
    return mutants


# When two modules' runs made the same mutant, the more telling status stands: detected beats
# survived, and survived (some test ran the line) beats no coverage.
RANK = {"KILLED": 3, "TIMED_OUT": 2, "MEMORY_ERROR": 2, "RUN_ERROR": 2, "SURVIVED": 1, "NO_COVERAGE": 0}


def merge(reports):
    """One mutant per distinct mutation over all reports, detected when any module's tests detected it."""
    merged = {}
    for mutants in reports:
        for m in mutants:
            held = merged.get(m["key"])
            if held is None or RANK.get(m["status"], 2) > RANK.get(held["status"], 2):
                merged[m["key"]] = m
    return list(merged.values())


def short(name):
    """A class name without the module's package root: node.RaftNode, check.SafetyMonitor."""
    for root in ("io.raftsim.raft.", "io.raftsim.harness."):
        if name.startswith(root):
            return name[len(root):]
    return name


def percent(detected, total):
    return f"{100 * detected / total:.0f}%" if total else "n/a"


def counts(ms):
    status = collections.Counter(m["status"] for m in ms)
    detected = sum(m["detected"] for m in ms)
    return (f"{len(ms)} | {status['KILLED']} | {detected - status['KILLED']} | {status['SURVIVED']} | "
            f"{status['NO_COVERAGE']} | {percent(detected, len(ms))}")


def table(mutants):
    by_class = collections.OrderedDict()
    for m in sorted(mutants, key=lambda m: m["class"]):
        by_class.setdefault(m["class"], []).append(m)
    lines = ["| class | mutants | killed | timed out or crashed | survived | no coverage | score |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, ms in by_class.items():
        lines.append(f"| `{short(name)}` | {counts(ms)} |")
    lines.append(f"| **all** | {counts(mutants)} |")
    return "\n".join(lines)


def survivors(mutants):
    rows = [m for m in mutants if not m["detected"]]
    rows.sort(key=lambda m: (m["class"], m["line"], m["mutator"]))
    return "\n".join(f'{short(m["class"])}:{m["line"]} {m["method"]} '
                     f'{m["status"]} {m["mutator"]}: {m["description"]}' for m in rows)


def update(doc, text):
    with open(doc, encoding="utf-8") as f:
        content = f.read()
    if BEGIN not in content or END not in content:
        fail(f"{doc}: markers {BEGIN} and {END} not found")
    head, rest = content.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n{text}\n{END}{tail}"
    # Atomic: a temporary file next to the document, then a rename.
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(doc)), suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(tmp, doc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="append", help="a mutations.xml (repeatable; default: both modules' reports)")
    parser.add_argument("--survivors", action="store_true", help="also list every mutant not detected")
    parser.add_argument("--update", metavar="DOC", help="rewrite the table between the markers of DOC")
    args = parser.parse_args()
    mutants = merge(read_mutants(report) for report in (args.report or DEFAULT_REPORTS))
    text = table(mutants)
    if args.update:
        update(args.update, text)
    else:
        print(text)
    if args.survivors:
        print()
        print(survivors(mutants))


if __name__ == "__main__":
    main()
