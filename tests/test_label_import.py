"""The SPL label importer: sections by LOINC code, cited rows proposed for review,
re-import marks changes, and hostile XML is refused in one line."""

import re
import tomllib
from pathlib import Path

import pytest

from db.label_import import (
    FREQUENCY_NOT_STATED,
    MAX_LABEL_BYTES,
    NEEDS_REVIEW_AGAIN,
    LabelRefusedError,
    proposed_tiers,
    read_label,
)
from desktop.cli import main

LABELS = Path(__file__).parent / "data" / "labels"
# FDA openfda spl test data (public domain); Humira trimmed to one product, no medication
# guide, studies or images.
OLD_FORMAT = LABELS / "otc-cough-old-format.xml"
BOXED_WARNING = LABELS / "humira-boxed-warning.xml"


def import_label(capsys, out: Path, *files: Path) -> tuple[int, str, str]:
    code = main(["pack", "import-label", *map(str, files), "--out", str(out)])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


def draft(out: Path, drug: str) -> dict:
    with (out / drug / "label.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_an_old_format_label_with_a_boxed_warning_becomes_a_cited_proposed_draft(capsys, tmp_path):
    code, out, err = import_label(capsys, tmp_path, OLD_FORMAT)
    assert code == 0 and err == ""
    drug = "diphenhydramine_hcl_phenylephrine_hcl"
    assert f"draft {drug}: set id 00f66f25-3469-4c16-9baf-fba21e9628bd version 1" in out
    data = draft(tmp_path, drug)
    assert data["label"]["brand_names"] == ["Triaminic Childrens Night Time Cold And Cough"]
    assert {row["section_code"] for row in data["section"]} == {
        "34066-1", "34067-9", "34068-7", "34071-1"}
    for row in data["section"] + data["proposed_tier"]:
        assert row["set_id"] == "00f66f25-3469-4c16-9baf-fba21e9628bd"
        assert (row["version"], row["effective"]) == ("1", "20110426")
        assert row["section_code"] and row["section_number"]
        assert (row["review"], row["reviewer"], row["reviewed"]) == ("proposed", "", "")
    assert [row["tier"] for row in data["proposed_tier"]] == ["emergency"]


def test_a_highlights_label_gives_numbered_sections_names_and_tier_proposals(capsys, tmp_path):
    code, _, _ = import_label(capsys, tmp_path, BOXED_WARNING)
    assert code == 0
    data = draft(tmp_path, "adalimumab")
    label = data["label"]
    assert (label["generic_names"], label["brand_names"]) == (["Adalimumab"], ["Humira"])
    assert (label["set_id"], label["version"]) == ("608d4f0d-b19f-46d3-749a-7159aa5f933d", "1560")
    numbers = {row["section_code"]: row["section_number"] for row in data["section"]}
    assert numbers == {"34066-1": "not numbered", "34067-9": "1", "34068-7": "2",
                       "43678-2": "3", "34070-3": "4", "43685-7": "5", "34084-4": "6",
                       "34073-7": "7", "43684-0": "8", "34088-5": "10", "34090-1": "12",
                       "34076-0": "17"}
    reactions = next(row for row in data["section"] if row["section_code"] == "34084-4")
    assert ['Upper respiratory infection', '17%', '13%'] in reactions["tables"][0]
    assert [(row["tier"], row["section_code"]) for row in data["proposed_tier"]] == [
        ("emergency", "34066-1"), ("common", "34084-4")]


def test_sections_are_chosen_by_code_not_title(tmp_path):
    renamed = tmp_path / "renamed.xml"
    renamed.write_text(OLD_FORMAT.read_text(encoding="utf-8").replace(
        "<title>Warnings</title>", "<title>Indications</title>"), encoding="utf-8")
    codes = [section.code for section in read_label(renamed).sections]
    assert codes == [section.code for section in read_label(OLD_FORMAT).sections]


def test_a_newer_version_marks_changed_sections_for_review_again(capsys, tmp_path):
    import_label(capsys, tmp_path, OLD_FORMAT)
    newer = tmp_path / "newer.xml"
    newer.write_text(OLD_FORMAT.read_text(encoding="utf-8")
                     .replace('<versionNumber value="1"/>', '<versionNumber value="2"/>')
                     .replace("Ask a doctor before use", "Ask a pharmacist before use"),
                     encoding="utf-8")
    code, out, _ = import_label(capsys, tmp_path, newer)
    assert code == 0
    assert "changed: 34071-1 Warnings (not numbered): needs review again" in out
    assert "+" in out and "pharmacist" in out
    rows = draft(tmp_path, "diphenhydramine_hcl_phenylephrine_hcl")["section"]
    status = {row["section_code"]: row["review"] for row in rows}
    assert status.pop("34071-1") == NEEDS_REVIEW_AGAIN
    assert set(status.values()) == {"proposed"}


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<document xmlns="urn:hl7-org:v3"><title>&lol3;</title></document>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<document xmlns="urn:hl7-org:v3"><title>&secret;</title></document>"""
DEEP = "<document xmlns='urn:hl7-org:v3'>" + "<a>" * 100_000 + "</a>" * 100_000 + "</document>"


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY, DEEP, "<document>",
                                  "<html/>"], ids=["laughs", "external", "deep", "broken",
                                                   "not-spl"])
def test_hostile_xml_is_refused_in_one_line(capsys, tmp_path, text):
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(text, encoding="utf-8")
    code, out, err = import_label(capsys, tmp_path / "out", hostile)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("drug-guide: error: ")
    assert "root:" not in err and not (tmp_path / "out").exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_LABEL_BYTES + 1)  # sparse: no time spent writing
    with pytest.raises(LabelRefusedError, match="larger than"):
        read_label(huge)


def test_reactions_without_an_incidence_table_say_frequency_not_stated(tmp_path):
    untabled = tmp_path / "untabled.xml"
    untabled.write_text(re.sub(r"<table.*?</table>", "", BOXED_WARNING.read_text(encoding="utf-8"),
                               flags=re.DOTALL), encoding="utf-8")
    reactions = [row for row in proposed_tiers(read_label(untabled))
                 if row["section_code"] == "34084-4"]
    assert [(row["tier"], row["frequency"]) for row in reactions] == [
        ("not proposed", FREQUENCY_NOT_STATED)]


def test_importing_the_same_label_twice_gives_the_same_draft(capsys, tmp_path):
    import_label(capsys, tmp_path, BOXED_WARNING)
    first = (tmp_path / "adalimumab" / "label.toml").read_bytes()
    _, out, _ = import_label(capsys, tmp_path, BOXED_WARNING)
    assert "changed:" not in out
    assert (tmp_path / "adalimumab" / "label.toml").read_bytes() == first
