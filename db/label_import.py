"""Import a structured product label (SPL, HL7 XML) as draft content for review.

The importer proposes and a person approves: every row it writes carries
`review = "proposed"` with an empty reviewer and date, and cites the label's set id,
version, effective date, LOINC section code and section number. Sections are chosen
by LOINC code, never by title, since titles vary between labelers and label formats.
The XML is read with entity expansion, network access and huge-tree mode all off,
and a document type declaration (which SPL never needs) is refused outright.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

MAX_LABEL_BYTES = 8 * 1024 * 1024  # the largest real labels are near 2 MB
HL7 = "{urn:hl7-org:v3}"

# LOINC section codes the guide reads, with the name the draft gives each.
SECTIONS: dict[str, str] = {
    "34066-1": "Boxed warning",
    "34067-9": "Indications and usage",
    "34068-7": "Dosage and administration",
    "43678-2": "Dosage forms and strengths",
    "34070-3": "Contraindications",
    "43685-7": "Warnings and precautions",
    "34071-1": "Warnings",  # old format, before the highlights layout
    "42232-9": "Precautions",  # old format
    "34084-4": "Adverse reactions",
    "34073-7": "Drug interactions",
    "43684-0": "Use in specific populations",
    "34088-5": "Overdosage",
    "34090-1": "Clinical pharmacology",
    "34076-0": "Patient counselling information",
}
BOXED_WARNING = "34066-1"
ADVERSE_REACTIONS = "34084-4"
PROPOSED = "proposed"
NEEDS_REVIEW_AGAIN = "needs review again"
FREQUENCY_NOT_STATED = "frequency not stated"
_SECTION_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\s")
_INCIDENCE = re.compile(r"(?:≥|>=|>|at least)\s*\d+(?:\.\d+)?\s*%|incidence", re.IGNORECASE)


class LabelRefusedError(ValueError):
    """A file that is not a label the importer will read; the message is one line."""


@dataclass
class Section:
    code: str
    number: str
    text: str
    tables: list[list[list[str]]] = field(default_factory=list)


@dataclass
class Label:
    set_id: str
    version: str
    effective: str
    title: str
    generic_names: list[str]
    brand_names: list[str]
    sections: list[Section]

    @property
    def drug_id(self) -> str:
        name = (self.generic_names or self.brand_names or ["unnamed"])[0]
        return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "unnamed"

    def citation(self, section: Section) -> dict[str, str]:
        return {"set_id": self.set_id, "version": self.version, "effective": self.effective,
                "section_code": section.code,
                "section_number": section.number or "not numbered"}


def _parse(path: Path) -> etree._Element:
    size = path.stat().st_size
    if size > MAX_LABEL_BYTES:
        raise LabelRefusedError(f"{path}: {size} bytes is larger than the "
                           f"{MAX_LABEL_BYTES}-byte limit for a label")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as error:
        reason = str(error).splitlines()[0] if str(error) else "not well-formed XML"
        raise LabelRefusedError(f"{path}: not readable XML ({reason})") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise LabelRefusedError(f"{path}: has a document type declaration, which a label "
                                "never needs (entities are not read)")
    root = tree.getroot()
    if root.tag != f"{HL7}document":
        raise LabelRefusedError(f"{path}: not an HL7 structured product label")
    return root


def _value(root: etree._Element, path: str, attribute: str) -> str:
    found = root.find(path)
    value = found.get(attribute) if found is not None else None
    if not value:
        raise LabelRefusedError(f"label has no {path.split('}')[-1]} {attribute}")
    return value


def _words(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _table_rows(table: etree._Element) -> list[list[str]]:
    return [[_words(cell) for cell in row.iter(f"{HL7}td", f"{HL7}th")]
            for row in table.iter(f"{HL7}tr")]


def _section(element: etree._Element, code: str) -> Section:
    title = element.find(f"{HL7}title")
    number = _SECTION_NUMBER.match(_words(title)) if title is not None else None
    body = element.find(f"{HL7}text")
    parts = [_words(body)] if body is not None else []
    parts += [_words(child) for child in element.findall(f"{HL7}component/{HL7}section")]
    tables = [_table_rows(table) for table in element.iter(f"{HL7}table")]
    return Section(code, number.group(1) if number else "", " ".join(p for p in parts if p),
                   tables)


def _names(root: etree._Element, path: str) -> list[str]:
    names = [_words(name) for name in root.iterfind(f".//{path}")]
    return list(dict.fromkeys(name.title() for name in names if name))


def read_label(path: Path) -> Label:
    root = _parse(path)
    sections: list[Section] = []
    taken: set[etree._Element] = set()
    for element in root.iter(f"{HL7}section"):
        code = element.find(f"{HL7}code")
        inside_taken = any(parent in taken for parent in element.iterancestors(f"{HL7}section"))
        if code is not None and code.get("code") in SECTIONS and not inside_taken:
            taken.add(element)  # its subsections' text is already in its own
            sections.append(_section(element, code.get("code", "")))
    product = f"{HL7}manufacturedProduct/{HL7}manufacturedProduct"
    generic = _names(root, f"{product}/{HL7}asEntityWithGeneric/{HL7}genericMedicine/{HL7}name")
    title = root.find(f"{HL7}title")
    return Label(
        set_id=_value(root, f"{HL7}setId", "root"),
        version=_value(root, f"{HL7}versionNumber", "value"),
        effective=_value(root, f"{HL7}effectiveTime", "value"),
        title=_words(title) if title is not None else "",
        generic_names=generic,
        brand_names=[name for name in _names(root, f"{product}/{HL7}name")
                     if name.lower() not in {g.lower() for g in generic}],
        sections=sections)


def _review(status: str = PROPOSED) -> dict[str, str]:
    return {"review": status, "reviewer": "", "reviewed": ""}


def proposed_tiers(label: Label) -> list[dict[str, str]]:
    """Tier proposals: boxed warnings as emergency, adverse-reaction tables with an
    incidence as common, and old labels' reactions as frequency not stated."""
    rows = []
    for section in label.sections:
        if section.code == BOXED_WARNING:
            rows.append({"tier": "emergency", "frequency": "boxed warning",
                         "text": section.text, **label.citation(section), **_review()})
        elif section.code == ADVERSE_REACTIONS:
            has_incidence = bool(_INCIDENCE.search(section.text)) and bool(section.tables)
            rows.append({"tier": "common" if has_incidence else "not proposed",
                         "frequency": "as tabled" if has_incidence else FREQUENCY_NOT_STATED,
                         "text": section.text, **label.citation(section), **_review()})
    return rows


def _toml(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _table(name: str, row: dict[str, object]) -> str:
    lines = [f"[[{name}]]"] + [f"{key} = {_toml(value)}" for key, value in row.items()]
    return "\n".join(lines) + "\n"


def _section_rows(label: Label, previous: dict[str, dict]) -> tuple[list[dict], list[str]]:
    rows, changes = [], []
    for section in label.sections:
        row: dict[str, object] = {"name": SECTIONS[section.code], **label.citation(section),
                                  "text": section.text, **_review()}
        if section.tables:
            row["tables"] = section.tables
        old = previous.get(section.code)
        if old is not None and old["text"] == section.text:
            row.update({key: old[key] for key in ("review", "reviewer", "reviewed")})
        elif old is not None:
            row.update(_review(NEEDS_REVIEW_AGAIN))
            changes.append(_difference(section, old["text"], section.text))
        rows.append(row)
    return rows, changes


def _difference(section: Section, old: str, new: str) -> str:
    diff = difflib.unified_diff(old.split(". "), new.split(". "), lineterm="", n=0)
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    number = section.number or "not numbered"
    heading = f"changed: {section.code} {SECTIONS[section.code]} ({number}): needs review again"
    return "\n".join([heading] + [f"  {line}" for line in changed])


def write_draft(label: Label, out: Path) -> list[str]:
    """Write `<out>/<drug>/label.toml`; return what changed since the draft already there."""
    folder = out / label.drug_id
    target = folder / "label.toml"
    previous: dict[str, dict] = {}
    if target.exists():
        with target.open("rb") as handle:
            old = tomllib.load(handle)
        if old["label"]["set_id"] == label.set_id:
            previous = {row["section_code"]: row for row in old.get("section", [])}
    sections, changes = _section_rows(label, previous)
    header = {"set_id": label.set_id, "version": label.version, "effective": label.effective,
              "title": label.title, "generic_names": label.generic_names,
              "brand_names": label.brand_names}
    text = ("# Draft imported from a structured product label: not clinically reviewed.\n"
            "# A reviewer sets review = \"accepted\", reviewer and reviewed on each row.\n\n"
            "[label]\n" + "\n".join(f"{k} = {_toml(v)}" for k, v in header.items()) + "\n\n"
            + "\n".join(_table("section", row) for row in sections)
            + "".join("\n" + _table("proposed_tier", row) for row in proposed_tiers(label)))
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return changes
