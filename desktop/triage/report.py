"""A triage result as plain text for a chart note, the terminal or print."""

from dataclasses import dataclass
from datetime import datetime

from desktop.content.schema import NONE, TIER_LABELS, UNLISTED
from desktop.content.stamps import dated_header
from desktop.triage.engine import TriageResult
from desktop.triage.questions import Asked


@dataclass(frozen=True)
class ReportContext:
    """What a summary needs besides the result: whose guide, and which version."""

    drug: str
    content_version: str
    emergency_message: str
    unlisted_advice: str  # may hold {drug}


def headline(result: TriageResult, context: ReportContext) -> str:
    if result.overall == "emergency":
        return f"EMERGENCY: {context.emergency_message}"
    if result.overall == "contact_doctor":
        return "CONTACT DOCTOR: at least one symptom needs the doctor."
    if result.overall == "common":
        return "COMMON: listed side effects that usually ease."
    if result.overall == UNLISTED:
        return "NOT LISTED: " + context.unlisted_advice.format(drug=context.drug)
    return "Nothing entered."


def summary_lines(result: TriageResult, context: ReportContext) -> list[str]:
    """The overall tier first, then each alert and symptom with its advice and source,
    then every question shown with its answer."""
    lines = [f"Overall: {headline(result, context)}"]
    for alert in result.alerts:
        because = "; ".join(f'"{said}"' for said in alert.because)
        lines.append(f"- [{TIER_LABELS[alert.tier]}] {alert.title} (because: {because})")
        lines.append(f"    {alert.advice} Source: {alert.source}.")
    for match in result.symptoms:
        effect = match.effect
        lines.append(f"- [{TIER_LABELS[effect.tier]}] {effect.name} "
                     f"(said: \"{match.text}\"; {effect.frequency})")
        lines.append(f"    {effect.advice} Source: {effect.source}.")
    if result.negated:
        lines.append(f"Denied (not counted): {', '.join(result.negated)}")
    if result.unlisted:
        lines.append("Not listed in this guide: " + "; ".join(f'"{t}"' for t in result.unlisted))
        if result.overall != UNLISTED:
            lines.append("    " + context.unlisted_advice.format(drug=context.drug))
    if result.questions:
        lines.append("Questions:")
        lines += [f"- {asked.question.text} {answer_label(asked)}" for asked in result.questions]
    return lines


def answer_label(asked: Asked) -> str:
    """The answer as the summary and the window show it."""
    if asked.answer:
        return asked.answer.label
    return "Not answered" if asked.open else "Already reported"


def chart_note(result: TriageResult, context: ReportContext, when: datetime) -> str:
    """The summary for pasting into a chart: stamped with date, time and content version."""
    header = dated_header(f"Drug Guide symptom check: {context.drug}", context.content_version,
                          when)
    if result.overall == NONE and not (result.negated or result.questions):
        return "\n".join([*header, "No symptoms entered."])
    return "\n".join([*header, *summary_lines(result, context)])
