"""The `drug-guide` command: the window by default, and lookups for scripts.

    drug-guide [--db PATH]                     open the window
    drug-guide triage TEXT [--json]            sort complaints into tiers (4,000 characters
                                               at most per complaint, or exit 2)
               [--answer ID=ANSWER ...]        with answers to the guided questions
                                               ("-": one per line from stdin, JSON out;
                                               a line may be {"text": .., "answers": {..}})
    drug-guide interactions NAMES [--json]     what the guide says about taking NAMES too
    drug-guide search QUERY [--json]           full-text search over the guide
    drug-guide self-test                       check this installation
    drug-guide pack build --out DIR [--version V]      build a content pack from db/content/
    drug-guide pack sign PACK --key SECRET             sign it (a minisign secret-key file)
    drug-guide pack verify PACK [--trusted-key PUB] [--json]
    drug-guide pack install PACK [--machine]           verify, then copy into a content folder
    drug-guide pack import-label FILE.xml... [--out DIR]  draft content from SPL labels

Every database but the bundled one must be signed by a trusted publisher key
(desktop/content/trust.py); --trusted-key PUB adds one, and --allow-unsigned lets an
unsigned database be used, with a warning.

Exit status: 0 for any query, 1 when a self-test fails, 2 for a usage, database or
output error or a refused pack (with one line on stderr), 130 after Ctrl-C. A refused
content pack is named on stderr (`note: pack PATH refused: REASON`) and the next valid
one is used.
"""

import argparse
import contextlib
import errno
import gc
import io
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn, TextIO

from desktop.content.database import ContentDatabase, ContentError
from desktop.content.errors import reason
from desktop.content.packs import Content, install_pack, open_content
from desktop.content.trust import Trust
from desktop.printable import printable
from desktop.triage.limits import ComplaintTooLongError
from desktop.triage.questions import AnswerError

# Each command imports what it needs, so that the window, the default, starts without
# the triage engine, the interaction index and their libraries.

USAGE_ERROR = 2
INTERRUPTED = 130  # 128 + SIGINT, as shells report it
# Writing stdout failed: the reader left, or the disk or device is full or broken.
OUTPUT_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
# A pack's file name holds its version: a date-like version with room to spare.
MAX_VERSION_CHARS = 32


class _Parser(argparse.ArgumentParser):
    """Reports a usage error as one line, as scripts and support staff expect."""

    def _print_message(self, message: str, file: TextIO | None = None) -> None:
        """Help and usage text, flushed, so a write that fails (`--help > /dev/full`)
        fails the command as any output error does; argparse would ignore it."""
        stream = file or sys.stderr
        if message and stream is not None:  # None: started with the stream closed
            stream.write(message)
            stream.flush()

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_ERROR, f"{printable(self.prog)}: error: {printable(message)} "
                               f"(see --help)\n")


def _database_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file path, not an empty one")
    return Path(text)


def _content_version(text: str) -> str:
    if not (re.fullmatch(r"\d+(\.\d+)*", text) and len(text) <= MAX_VERSION_CHARS):
        raise argparse.ArgumentTypeError(
            f"must be numbers joined by dots, such as 2026.11.27, at most "
            f"{MAX_VERSION_CHARS} characters")
    return text


def _trusted_key_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--trusted-key", type=_database_path, action="append",
                        default=argparse.SUPPRESS, metavar="PUB",
                        help="also trust this minisign public-key file (for tests and IT checks)")


def _pack_parser(commands: argparse._SubParsersAction) -> None:
    pack = commands.add_parser("pack", help="build, sign, verify and install content packs")
    actions = pack.add_subparsers(dest="pack_command", required=True, parser_class=_Parser)
    build = actions.add_parser("build", help="build a pack from db/content/")
    build.add_argument("--out", type=_database_path, required=True, metavar="DIR")
    build.add_argument("--version", type=_content_version,
                       help="content version to write (default: the sources' own)")
    sign = actions.add_parser("sign", help="sign a pack with a minisign secret key")
    sign.add_argument("pack", type=_database_path)
    sign.add_argument("--key", type=_database_path, required=True, metavar="SECRET",
                      help="minisign secret-key file, unencrypted (minisign -G -W)")
    verify = actions.add_parser("verify", help="check a pack's signature and content")
    verify.add_argument("pack", type=_database_path)
    verify.add_argument("--json", action="store_true", help="print JSON")
    labels = actions.add_parser("import-label", help="draft content from SPL label XML files")
    labels.add_argument("files", nargs="+", type=Path, metavar="FILE.xml")
    labels.add_argument("--out", type=Path, default=Path("drafts"),
                        help="folder that receives one draft folder per drug (default drafts)")
    install = actions.add_parser("install", help="verify a pack, then copy it into place")
    install.add_argument("pack", type=_database_path)
    install.add_argument("--machine", action="store_true",
                         help="for every user of this computer (needs an administrator)")
    for command in (verify, install):
        _trusted_key_option(command)


def _answer(text: str) -> tuple[str, str]:
    question, equals, answer = text.partition("=")
    if not (equals and question.strip() and answer.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not QUESTION=ANSWER (e.g. pump=yes)")
    return question.strip(), answer.strip()


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=_database_path, default=argparse.SUPPRESS,
                        help="content database to use instead of the installed one")
    common.add_argument("--drug", default=argparse.SUPPRESS,
                        help="drug to look up (default: the first in the database)")
    _trusted_key_option(common)
    common.add_argument("--allow-unsigned", action="store_true", default=argparse.SUPPRESS,
                        help="use a database with no signature (for authors and tests)")
    parser = _Parser(prog="drug-guide", description="Offline drug reference and symptom checker.",
                     parents=[common])
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    triage = commands.add_parser("triage", parents=[common], help="sort complaints into tiers")
    triage.add_argument("text", help='what the patient reports; "-" reads one complaint per line')
    triage.add_argument("--answer", type=_answer, action="append", default=[],
                        metavar="ID=ANSWER", help="an answer to a guided question (repeatable)")
    interactions = commands.add_parser("interactions", parents=[common],
                                       help="interactions with another drug")
    interactions.add_argument("name", help="generic, brand or class names; a list such as "
                              "\"valium 5mg, oxycodone\" gives one answer per drug")
    search = commands.add_parser("search", parents=[common], help="full-text search")
    search.add_argument("query")
    for command in (triage, interactions, search):
        command.add_argument("--json", action="store_true", help="print JSON")
    commands.add_parser("self-test", parents=[common], help="check this installation")
    _pack_parser(commands)
    return parser


def trust_from(args: argparse.Namespace) -> Trust:
    return Trust(tuple(getattr(args, "trusted_key", ())),
                 getattr(args, "allow_unsigned", False))


def content_notes(content: Content) -> list[str]:
    """What the user must be told about the content in use, one line each."""
    notes = [f"note: pack {path} refused: {why}" for path, why in content.refused]
    if content.unverified:
        notes.append(f"warning: unverified content: {content.database.path} is not signed "
                     f"(allowed by --allow-unsigned); do not use it with patients")
    return notes


def _print_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def _stdin_lines() -> Iterable[str]:
    if sys.stdin is None:  # started with stdin closed: no complaints to read
        return
    stream = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    for line in stream:
        yield line.rstrip("\r\n")


def _request(line: str, answers: dict[str, str]) -> tuple[str, dict[str, str]]:
    """A stdin line: plain text, or {"text": str, "answers": {id: answer}} whose answers
    add to those given with --answer."""
    try:
        data = json.loads(line) if line.lstrip().startswith("{") else None
    except ValueError:
        data = None  # plain text that starts with a brace
    if not isinstance(data, dict):
        return line, answers
    text, given = data.get("text"), data.get("answers", {})
    if not (isinstance(text, str) and isinstance(given, dict)
            and all(isinstance(answer, str) for answer in given.values())):
        raise AnswerError('a JSON line needs {"text": str, "answers": {id: answer}}')
    return text, {**answers, **given}


def _run_triage(db: ContentDatabase, drug_id: str, args: argparse.Namespace) -> None:
    from desktop.triage.engine import Triage
    from desktop.triage.report import ReportContext, summary_lines

    monograph = db.monograph(drug_id)
    engine = Triage(monograph.triage)
    answers = dict(args.answer)
    if args.text == "-":
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(line_buffering=True)  # one answer per line, as it comes
        for number, line in enumerate(_stdin_lines(), 1):
            try:
                result = engine.assess(*_request(line, answers))
            except (AnswerError, ComplaintTooLongError) as error:
                raise AnswerError(f"stdin line {number}: {error}") from None
            _print_json(result.to_json(), sys.stdout)
        return
    result = engine.assess(args.text, answers)
    if args.json:
        _print_json(result.to_json(), sys.stdout)
    else:
        context = ReportContext(monograph.name, db.info.content_version,
                                db.info.emergency_message, db.info.unlisted_advice)
        print("\n".join(summary_lines(result, context)))


def _run_interactions(db: ContentDatabase, drug_id: str, args: argparse.Namespace) -> None:
    """One answer per drug named; `matches` in the JSON is their union, as it always was,
    and `combined_warning` the one warning for two or more CNS depressants (else null)."""
    from desktop.content.interactions import InteractionIndex

    monograph = db.monograph(drug_id)
    index = InteractionIndex(monograph.interactions, db.info.medicine_words,
                             monograph.combined_warning)
    answers = index.check(args.name)
    warning = index.combined_warning(answers)
    if args.json:
        union = dict.fromkeys(m for answer in answers for m in answer.matches)
        combined = warning and {"title": warning.title, "advice": warning.advice,
                                "source": warning.source}
        _print_json({"query": args.name, "drugs": [a.to_json() for a in answers],
                     "matches": [m.to_json() for m in union], "combined_warning": combined},
                    sys.stdout)
        return
    if not answers:
        print(db.info.no_interaction_message)
    if warning:
        print(f"{warning.title}: {warning.advice} Sources: {warning.source}.")
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
    """One line on stderr, if stderr is still there to take it: whatever names or
    reasons it holds cannot break it into more."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(printable(line), file=sys.stderr, flush=True)


def _discard_stdout() -> None:
    """After an output error, point stdout at nothing so the exit flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _run(args: argparse.Namespace) -> int:
    from desktop.locations import content_folders

    content = open_content(getattr(args, "db", None), content_folders(),
                           trust=trust_from(args))
    for line in content_notes(content):
        _say(line)
    with content.database as db:
        drug_id = db.drug_id(getattr(args, "drug", None))
        code = COMMANDS[args.command](db, drug_id, args) or 0
        if sys.stdout is not None:
            sys.stdout.flush()  # an output error surfaces here, not at exit
        return code


def _find_source_tree() -> None:
    """Lets the source tree's `db` package (the builder, the label importer) be imported:
    from beside the `desktop` package (an editable install, or the tree itself), or
    else from the current folder, as the README runs it. A console script's own folder,
    not the tree, is first on sys.path, so `db` is not importable by itself."""
    from desktop.paths import APP_ROOT

    for root in (APP_ROOT, Path.cwd()):
        if (root / "db" / "build.py").is_file():
            if str(root) not in sys.path:
                sys.path.insert(0, str(root))
            return


def _needs_source_tree(command: str) -> ContentError:
    return ContentError(f"drug-guide pack {command} needs the Drug Guide source tree (db/): "
                        f"run it in the source tree.")


def _pack_build(args: argparse.Namespace) -> int:
    _find_source_tree()
    try:  # the builder and the sources come with the source tree, not the installed app
        from db.build import CONTENT_DIR, ContentSourceError, build
    except ImportError:
        raise _needs_source_tree("build") from None
    from desktop.content.publishing import pack_claim

    staged = args.out / ".drug-guide-pack-building.sqlite3"
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        version = build(CONTENT_DIR, staged, content_version=args.version, manifest=False)
        out = staged.replace(args.out / f"drug-guide-content-{version}.sqlite3")
    except ContentSourceError as error:
        raise ContentError(f"The content sources have an error: {error}") from None
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)  # built, but it could not take its name
        raise ContentError(f"Cannot write the pack into {args.out}: "
                           f"{_write_failure(error)}.") from None
    claim = pack_claim(out)
    print(f"built content version {claim.content_version} ({', '.join(claim.drugs)}); "
          f"sign it with drug-guide pack sign, or with minisign -S -s KEY -m {printable(out)} "
          f"-t '{claim.to_comment()}'")
    print(printable(out))
    return 0


def _write_failure(error: OSError | sqlite3.Error) -> str:
    """Why a write failed, with a full disk said plainly."""
    return "the disk is full" if _disk_full(error) else reason(error)


def _disk_full(error: OSError | sqlite3.Error) -> bool:
    return (isinstance(error, OSError) and error.errno in DISK_FULL) or (
        getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL)


def _pack_import_label(args: argparse.Namespace) -> int:
    _find_source_tree()
    try:  # the importer comes with the source tree, like the builder
        from db.label_import import LabelRefusedError, read_label, write_draft
    except ImportError:
        raise _needs_source_tree("import-label") from None
    for path in args.files:
        try:
            label = read_label(path)
        except (LabelRefusedError, OSError) as error:
            raise ContentError(str(error).splitlines()[0]) from None
        for change in write_draft(label, args.out):
            print(printable(change))
        print(f"draft {label.drug_id}: set id {label.set_id} version {label.version}, "
              f"{len(label.sections)} sections proposed for review -> "
              f"{printable(args.out / label.drug_id / 'label.toml')}")
    return 0


def _pack_sign(args: argparse.Namespace) -> int:
    from desktop.content.publishing import sign_pack

    print(printable(sign_pack(args.pack, args.key)))
    return 0


def _pack_verify(args: argparse.Namespace) -> int:
    report = {"path": str(args.pack), "valid": False, "reason": None, "key_id": None,
              "content_version": None, "drugs": None}
    try:
        content = open_content(args.pack, trust=trust_from(args))
    except ContentError as error:
        report["reason"] = str(error)
    else:
        with content.database as database:
            report.update(valid=True, content_version=content.version,
                          key_id=content.signed.key_id if content.signed else None,
                          drugs=[drug.id for drug in database.drugs()])
    if args.json:
        _print_json(report, sys.stdout)
    elif report["valid"]:
        signer = f"signed by key {report['key_id']}" if report["key_id"] else "as shipped"
        print(f"valid: {printable(args.pack)}, content version {report['content_version']}, "
              f"{signer}")
    else:
        _say(f"drug-guide: refused: {report['reason']}")
    return 0 if report["valid"] else USAGE_ERROR


def _pack_install(args: argparse.Namespace) -> int:
    from desktop.locations import content_folders, machine_content_folder, user_content_folder

    folder = machine_content_folder() if args.machine else user_content_folder()
    try:
        print(printable(install_pack(args.pack, folder, trust_from(args), content_folders())))
    except (PermissionError, FileNotFoundError, IsADirectoryError, NotADirectoryError) as error:
        needs = " (--machine needs an administrator)" if args.machine else ""
        raise ContentError(f"Cannot install into {folder}: {reason(error)}{needs}.") from None
    return 0


PACK_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _pack_build,
    "sign": _pack_sign,
    "verify": _pack_verify,
    "install": _pack_install,
    "import-label": _pack_import_label,
}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
        if args.command is None:
            gc.disable()  # until the first paint: see desktop.ui.app.resume_garbage_collection
            from desktop.ui.app import run_app  # Qt is loaded only for the window

            return run_app(getattr(args, "db", None), getattr(args, "drug", None),
                           trust_from(args))
        if args.command == "pack":
            code = PACK_COMMANDS[args.pack_command](args)
            if sys.stdout is not None:
                sys.stdout.flush()  # an output error surfaces here, not at exit
            return code
        return _run(args)
    except (ContentError, AnswerError, ComplaintTooLongError) as error:
        _say(f"drug-guide: error: {error}")
        return USAGE_ERROR
    except KeyboardInterrupt:
        _say("drug-guide: interrupted")
        return INTERRUPTED
    except OSError as error:
        if error.errno not in OUTPUT_ERRORS:
            raise
        _discard_stdout()
        problem = ("the disk is full; the output is incomplete" if _disk_full(error)
                   else f"cannot write the output ({reason(error)})")
        _say(f"drug-guide: error: {problem}")
        return USAGE_ERROR
