"""The `drug-guide` command: the window by default, and lookups for scripts.

    drug-guide [--db PATH]                     open the window
    drug-guide triage TEXT [--json]            sort complaints into tiers
                                               ("-": one per line from stdin, JSON out)
    drug-guide interactions NAMES [--json]     what the guide says about taking NAMES too
    drug-guide search QUERY [--json]           full-text search over the guide
    drug-guide self-test                       check this installation

Exit status: 0 for any query, 1 when a self-test fails, 2 for a usage, database or
output error (with one line on stderr), 130 after Ctrl-C. A refused content pack is
named on stderr (`note: pack PATH refused: REASON`) and the next valid one is used.
"""

import argparse
import contextlib
import errno
import gc
import io
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn, TextIO

from desktop.content.database import ContentDatabase, ContentError
from desktop.content.packs import open_content

# Each command imports what it needs, so that the window, the default, starts without
# the triage engine, the interaction index and their libraries.

USAGE_ERROR = 2
INTERRUPTED = 130  # 128 + SIGINT, as shells report it
# Writing stdout failed: the reader left, or the disk or device is full or broken.
OUTPUT_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


class _Parser(argparse.ArgumentParser):
    """Reports a usage error as one line, as scripts and support staff expect."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message} (see --help)\n")


def _database_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file path, not an empty one")
    return Path(text)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=_database_path, default=argparse.SUPPRESS,
                        help="content database to use instead of the installed one")
    common.add_argument("--drug", default=argparse.SUPPRESS,
                        help="drug to look up (default: the first in the database)")
    parser = _Parser(prog="drug-guide", description="Offline drug reference and symptom checker.",
                     parents=[common])
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    triage = commands.add_parser("triage", parents=[common], help="sort complaints into tiers")
    triage.add_argument("text", help='what the patient reports; "-" reads one complaint per line')
    interactions = commands.add_parser("interactions", parents=[common],
                                       help="interactions with another drug")
    interactions.add_argument("name", help="generic, brand or class names; a list such as "
                              "\"valium 5mg, oxycodone\" gives one answer per drug")
    search = commands.add_parser("search", parents=[common], help="full-text search")
    search.add_argument("query")
    for command in (triage, interactions, search):
        command.add_argument("--json", action="store_true", help="print JSON")
    commands.add_parser("self-test", parents=[common], help="check this installation")
    return parser


def _print_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def _stdin_lines() -> Iterable[str]:
    if sys.stdin is None:  # started with stdin closed: no complaints to read
        return
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    for line in stream:
        yield line.rstrip("\r\n")


def _run_triage(db: ContentDatabase, drug_id: str, args: argparse.Namespace) -> None:
    from desktop.triage.engine import Triage
    from desktop.triage.report import ReportContext, summary_lines

    monograph = db.monograph(drug_id)
    engine = Triage(monograph.triage)
    if args.text == "-":
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(line_buffering=True)  # one answer per line, as it comes
        for line in _stdin_lines():
            _print_json(engine.assess(line).to_json(), sys.stdout)
        return
    result = engine.assess(args.text)
    if args.json:
        _print_json(result.to_json(), sys.stdout)
    else:
        context = ReportContext(monograph.name, db.info.content_version,
                                db.info.emergency_message, db.info.unlisted_advice)
        print("\n".join(summary_lines(result, context)))


def _run_interactions(db: ContentDatabase, drug_id: str, args: argparse.Namespace) -> None:
    """One answer per drug named; `matches` in the JSON is their union, as it always was."""
    from desktop.content.interactions import InteractionIndex

    answers = InteractionIndex(db.monograph(drug_id).interactions).check(args.name)
    if args.json:
        union = dict.fromkeys(m for answer in answers for m in answer.matches)
        _print_json({"query": args.name, "drugs": [a.to_json() for a in answers],
                     "matches": [m.to_json() for m in union]}, sys.stdout)
        return
    if not answers:
        print(db.info.no_interaction_message)
    for answer in answers:
        if not answer.matches:
            print(f"{answer.text}: {db.info.no_interaction_message}")
        for match in answer.matches:
            listed_as = f" ({match.drug_class})" if match.drug_class else ""
            print(f"{answer.text}: {match.name}{listed_as}: {match.severity.upper()}. "
                  f"{match.advice} Source: {match.source}.")


def _run_search(db: ContentDatabase, _drug_id: str, args: argparse.Namespace) -> None:
    from desktop.content.search import marked_snippet

    hits = db.search(args.query)
    if args.json:
        results = [{"section": h.page, "title": h.title, "snippet": marked_snippet(h)}
                   for h in hits]
        _print_json({"query": args.query, "results": results}, sys.stdout)
        return
    if not hits:
        print("No results.")
    for hit in hits:
        print(f"{hit.page_title} > {hit.title}: {marked_snippet(hit)}")


def _run_self_test(db: ContentDatabase, drug_id: str, _args: argparse.Namespace) -> int:
    from desktop.ui.selftest import run_self_test  # Qt is loaded only for the window

    return run_self_test(db, drug_id)


COMMANDS: dict[str, Callable[[ContentDatabase, str, argparse.Namespace], int | None]] = {
    "triage": _run_triage,
    "interactions": _run_interactions,
    "search": _run_search,
    "self-test": _run_self_test,
}


def _say(line: str) -> None:
    """One line on stderr, if stderr is still there to take it."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(line, file=sys.stderr, flush=True)


def _discard_stdout() -> None:
    """After an output error, point stdout at nothing so the exit flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _run(args: argparse.Namespace) -> int:
    from desktop.locations import content_folders

    content = open_content(getattr(args, "db", None), content_folders())
    for path, reason in content.refused:
        _say(f"note: pack {path} refused: {reason}")
    with content.database as db:
        drug_id = db.drug_id(getattr(args, "drug", None))
        code = COMMANDS[args.command](db, drug_id, args) or 0
        if sys.stdout is not None:
            sys.stdout.flush()  # an output error surfaces here, not at exit
        return code


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        if args.command is None:
            gc.disable()  # until the first paint: see desktop.ui.app.resume_garbage_collection
            from desktop.ui.app import run_app  # Qt is loaded only for the window

            return run_app(getattr(args, "db", None), getattr(args, "drug", None))
        return _run(args)
    except ContentError as error:
        _say(f"drug-guide: error: {error}")
        return USAGE_ERROR
    except KeyboardInterrupt:
        _say("drug-guide: interrupted")
        return INTERRUPTED
    except OSError as error:
        if error.errno not in OUTPUT_ERRORS:
            raise
        _discard_stdout()
        _say(f"drug-guide: error: cannot write the output ({error.strerror or error})")
        return USAGE_ERROR
