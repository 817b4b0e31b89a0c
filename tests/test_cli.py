"""The drug-guide command line: exact JSON shapes, exit codes, one-line errors."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.paths import DEFAULT_DATABASE
from desktop.triage.limits import MAX_COMPLAINT_CHARS
from devtools.repo import ROOT


def run(*args, stdin=None):
    """The real command in a fresh process, as scripts and support staff run it."""
    return subprocess.run([sys.executable, "-m", "desktop", *args], input=stdin, cwd=ROOT,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def call(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_acceptance_example():
    result = run("triage", "-", "--json", stdin="I can't breathe and no chest pain\n")
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["overall"] == "emergency"
    assert [s["symptom"] for s in data["symptoms"]] == ["breathing difficulties"]
    assert data["negated"] == ["chest pain"]


def test_stdin_gives_one_json_object_per_line():
    lines = ["seizures", "", "no chest pain", "itchy rash", "dizzy\u202e🙂"]
    result = run("triage", "-", "--json", stdin="\n".join(lines) + "\n")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["input"] for o in objects] == lines
    assert [o["overall"] for o in objects] == ["emergency", "none", "none", "unlisted", "common"]


def test_stdin_with_bad_bytes():
    result = subprocess.run([sys.executable, "-m", "desktop", "triage", "-"], cwd=ROOT,
                            input=b"dizzy \xff\xfe\n\x00fit\n", capture_output=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0
    assert len(result.stdout.decode().splitlines()) == 2


def test_triage_json_keys(capsys):
    code, out, _ = call(capsys, "triage", "dizzy, no chest pain, rash", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["input", "overall", "symptoms", "negated", "unlisted", "alerts",
                          "history", "questions", "uncertain", "unexplained"]
    assert list(data["symptoms"][0]) == ["text", "symptom", "tier", "frequency", "advice",
                                         "source", "uncertain"]


def test_triage_report_puts_the_overall_tier_first(capsys):
    code, out, _ = call(capsys, "triage", "headache and I had a fit")
    assert code == 0
    assert out.splitlines()[0].startswith("Overall: EMERGENCY")
    assert "seizures" in out and "headache" in out


@pytest.mark.parametrize("text", ["", "   ", "a" * MAX_COMPLAINT_CHARS, "\x00\x1b[2J",
                                  "'; DROP TABLE x;--"])
def test_triage_any_text_exits_zero(capsys, text):
    """Any text up to the limit (longer: tests/test_triage_limits.py)."""
    code, out, err = call(capsys, "triage", text, "--json")
    assert code == 0 and err == "" and json.loads(out)["input"] == text


def test_interactions_json(capsys, monograph):
    code, out, _ = call(capsys, "interactions", "oxycodone", "--json")
    assert code == 0
    opioids = next(item for item in monograph.interactions if item.name == "Opioids")
    match = {"name": "oxycodone", "class": "Opioids", "severity": "major",
             "advice": opioids.advice, "source": opioids.citation.label}
    assert json.loads(out) == {"query": "oxycodone",
                               "drugs": [{"text": "oxycodone", "matches": [match]}],
                               "matches": [match], "combined_warning": None}


def test_interactions_json_gives_one_entry_per_drug(capsys):
    _, out, _ = call(capsys, "interactions", "valium 5mg, oxycodone, omeprazole", "--json")
    data = json.loads(out)
    assert [(d["text"], [m["name"] for m in d["matches"]]) for d in data["drugs"]] == [
        ("valium 5mg", ["diazepam"]), ("oxycodone", ["oxycodone"]), ("omeprazole", [])]
    assert [m["name"] for m in data["matches"]] == ["diazepam", "oxycodone"]


def test_interactions_unknown(capsys):
    code, out, _ = call(capsys, "interactions", "omeprazole", "--json")
    assert (code, json.loads(out)) == (0, {
        "query": "omeprazole", "drugs": [{"text": "omeprazole", "matches": []}], "matches": [],
        "combined_warning": None})
    code, out, _ = call(capsys, "interactions", "omeprazole")
    assert "does not mean the combination is safe" in out


def test_two_cns_depressants_give_one_combined_warning_with_its_sources(capsys, monograph):
    warning = monograph.combined_warning
    _, out, _ = call(capsys, "interactions", "oxycodone, Valium, omeprazole", "--json")
    combined = json.loads(out)["combined_warning"]
    assert combined == {"title": warning.title, "advice": warning.advice,
                        "source": warning.source}
    assert "Ozobax label (US)" in combined["source"] and "4.5" in combined["source"]
    _, out, _ = call(capsys, "interactions", "oxycodone, Valium")
    lines = out.splitlines()
    assert lines[0].startswith(f"{warning.title}: ") and "Sources:" in lines[0]
    assert lines[1].startswith("oxycodone: ") and lines[2].startswith("Valium: ")


def test_search_missed_dose_finds_its_section(capsys):
    _, out, _ = call(capsys, "search", "missed dose", "--json")
    first = json.loads(out)["results"][0]
    assert (first["section"], first["title"]) == ("overview", "Missed dose")


def test_interactions_readable(capsys):
    _, out, _ = call(capsys, "interactions", "Valium")
    assert out.startswith("Valium: diazepam (Benzodiazepines): MODERATE.")


def test_search_json(capsys):
    code, out, _ = call(capsys, "search", "bacl", "--json")
    data = json.loads(out)
    assert code == 0 and data["query"] == "bacl"
    assert all(set(r) == {"section", "title", "snippet"} for r in data["results"])
    assert any("**baclofen**" in r["snippet"].lower() for r in data["results"])


@pytest.mark.parametrize("query", ["AND", '"', "(", "NEAR(a", "*", "", "co-amoxiclav", "875/125"])
def test_search_hostile_queries_exit_zero(capsys, query):
    code, out, err = call(capsys, "search", query, "--json")
    assert code == 0 and err == "" and json.loads(out)["query"] == query


def test_usage_error_is_one_line_exit_2():
    result = run("triage")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "required" in result.stderr


def test_unknown_command_exit_2():
    result = run("frobnicate")
    assert result.returncode == 2 and result.stderr.count("\n") == 1


@pytest.mark.parametrize("content", [b"", b"not a database", None])
def test_bad_database_is_one_line_exit_2(tmp_path, content):
    path = tmp_path / "bad.sqlite3"
    if content is not None:
        path.write_bytes(content)
    for command in (["triage", "dizzy"], ["interactions", "x"], ["search", "x"]):
        result = run(*command, "--db", str(path))
        assert result.returncode == 2, command
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_unknown_drug_exit_2(capsys):
    code, _, err = call(capsys, "triage", "dizzy", "--drug", "aspirin")
    assert code == 2 and "No drug called 'aspirin'" in err


def test_db_option_before_or_after_command(capsys):
    assert call(capsys, "--db", str(DEFAULT_DATABASE), "triage", "x")[0] == 0
    assert call(capsys, "triage", "x", "--db", str(DEFAULT_DATABASE))[0] == 0


def test_closed_pipe_is_not_an_error():
    result = subprocess.run(
        f"{sys.executable} -m desktop triage - --json | head -c 10", shell=True, cwd=ROOT,
        input="dizzy\n" * 5000, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "Traceback" not in result.stderr


def test_every_command_is_documented():
    readme = (ROOT / "README.md").read_text()
    from desktop.cli import COMMANDS

    for command in COMMANDS:
        assert re.search(rf"drug-guide {command}\b", readme), command


def test_self_test_passes():
    result = run("self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test passed")
    assert result.stderr == ""


def test_triage_with_answers_the_issue_example(capsys):
    code, out, err = call(capsys, "triage", "he's burning up", "--answer", "pump=yes",
                          "--answer", "stopped=yes", "--json")
    data = json.loads(out)
    assert (code, err) == (0, "")
    assert data["overall"] == "emergency" and data["alerts"][0]["id"] == "withdrawal"
    asked = {q["id"]: q for q in data["questions"]}
    assert asked["pump"] == {"id": "pump", "text": asked["pump"]["text"], "answer": "yes",
                             "open": False, "red_flag": True}
    assert asked["awake"]["answer"] is None and asked["awake"]["open"] is True


def test_triage_readable_summary_lists_the_answers(capsys):
    _, out, _ = call(capsys, "triage", "drowsy", "--answer", "overdose=yes")
    assert out.startswith("Overall: EMERGENCY")
    assert "Possible baclofen overdose" in out
    assert "could a child have swallowed some? Yes" in out


def test_stdin_lines_may_carry_answers():
    lines = ['{"text": "drowsy", "answers": {"overdose": "yes"}}', "drowsy", "{itchy rash",
             '{"text": "dizzy"}']
    result = run("triage", "-", "--json", stdin="\n".join(lines) + "\n")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and result.stderr == ""
    assert [o["input"] for o in objects] == ["drowsy", "drowsy", "{itchy rash", "dizzy"]
    assert [o["overall"] for o in objects] == ["emergency", "common", "unlisted", "common"]


def test_command_line_answers_apply_to_every_stdin_line():
    result = run("triage", "-", "--answer", "awake=unrousable", stdin="dizzy\nrash\n")
    assert [json.loads(line)["overall"] for line in result.stdout.splitlines()] == [
        "emergency", "emergency"]


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["triage", "dizzy", "--answer", "pumpp=yes"], None, "no question 'pumpp'"),
    (["triage", "dizzy", "--answer", "pump=maybe"], None, "'maybe' is not an answer to 'pump'"),
    (["triage", "dizzy", "--answer", "pump"], None, "is not QUESTION=ANSWER"),
    (["triage", "-"], 'dizzy\n{"text": "x", "answers": {"nope": "yes"}}\n',
     "stdin line 2: no question 'nope'"),
    (["triage", "-"], '{"text": 3}\n', 'stdin line 1: a JSON line needs'),
    (["triage", "-"], '{"text": "x", "answers": {"pump": true}}\n', "a JSON line needs"),
])
def test_unknown_question_or_answer_is_a_usage_error(args, stdin, message):
    result = run(*args, stdin=stdin)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["pack", "build", "--help"]])
def test_help_to_a_full_device_fails(args):
    """argparse ignores a failed write of its help; the command must not."""
    with Path("/dev/full").open("w") as full:
        result = subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, stdout=full,
                                stderr=subprocess.PIPE, text=True, check=False,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr == "drug-guide: error: the disk is full; the output is incomplete\n"
