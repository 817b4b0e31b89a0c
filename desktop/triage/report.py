"""A triage result as plain text for a chart note, the terminal or print."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from desktop.content.schema import NONE, PARTLY_UNDERSTOOD, TIER_LABELS, TIERS, UNLISTED
from desktop.content.stamps import dated_header
from desktop.triage.engine import Alert, SymptomMatch, TriageResult
from desktop.triage.questions import Asked

EMERGENCY, CONTACT_DOCTOR = TIERS[0], TIERS[1]
# When to act on a contact-doctor finding that does not say (an alert, a label
# finding): the sooner of the guide's time frames, so nothing waits longer than it should.
SOONEST_CONTACT = "today"


@dataclass(frozen=True)
class ReportContext:
    """What a summary needs besides the result: whose guide, and which version."""

    drug: str
    content_version: str
    emergency_message: str  # what to do: "call emergency services now"
    unlisted_advice: str  # may hold {drug}


def is_listed_sign(match: SymptomMatch) -> bool:
    """A side effect the guide lists under a tier (not a finding from the label); only
    these carry a time frame (`act`) and a frequency worth naming."""
    return bool(match.effect.act)


def why(match: SymptomMatch) -> str:
    """Why the guide gives a symptom its tier, in words a caller's notes can hold."""
    effect = match.effect
    if is_listed_sign(match):
        return f"the guide lists {effect.name} as a possible {effect.frequency}"
    return f"the drug's label names {effect.name}"


def emergency_cause(result: TriageResult) -> str:
    """The most urgent alert's title, or else why the first emergency symptom is one."""
    alert = next((a for a in result.alerts if a.tier == EMERGENCY), None)
    if alert is not None:
        return _lower_first(alert.title)
    match = next(m for m in result.symptoms if m.effect.tier == EMERGENCY)
    return why(match)


def stands_alone(result: TriageResult) -> bool:
    """An emergency resting only on a listed sign, with no alert to explain it: the
    case where staff need to ask whether more was taken than prescribed."""
    return (result.overall == EMERGENCY
            and not any(a.tier == EMERGENCY for a in result.alerts)
            and any(is_listed_sign(m) for m in result.symptoms if m.effect.tier == EMERGENCY))


def contact_time(result: TriageResult) -> str:
    """When to contact the doctor: the soonest time frame any contact-doctor item needs."""
    acts = [SOONEST_CONTACT for a in result.alerts if a.tier == CONTACT_DOCTOR]
    acts += [m.effect.act or SOONEST_CONTACT for m in result.symptoms
             if m.effect.tier == CONTACT_DOCTOR]
    return SOONEST_CONTACT if SOONEST_CONTACT in acts or not acts else acts[0]


def is_partly_understood(result: TriageResult) -> bool:
    """The safety net is up and nothing already calls for emergency services."""
    return result.uncertain and result.overall != EMERGENCY


def banner_state(result: TriageResult) -> str:
    """The banner's colour and icon: the overall tier, or partly understood."""
    return PARTLY_UNDERSTOOD if is_partly_understood(result) else result.overall


def headline(result: TriageResult, context: ReportContext) -> str:
    """The banner's words: the tier, when to act, and why; or, when the checker may
    have read the call too low, that it did not understand all of it."""
    read = tier_headline(result, context)
    if not is_partly_understood(result):
        return read
    missed = f" Not understood: {quoted(result.unexplained)}." if result.unexplained else ""
    return f"PARTLY UNDERSTOOD: ask the red flags.{missed} Read so far: {read}"


def tier_headline(result: TriageResult, context: ReportContext) -> str:
    """The tier's words alone."""
    if result.overall == EMERGENCY:
        return f"EMERGENCY: {emergency_cause(result)} \u2014 {context.emergency_message}"
    if result.overall == CONTACT_DOCTOR:
        names = [_lower_first(a.title) for a in result.alerts if a.tier == CONTACT_DOCTOR]
        names += [m.effect.name for m in result.symptoms if m.effect.tier == CONTACT_DOCTOR]
        return f"CONTACT DOCTOR {contact_time(result)}: {', '.join(names)}."
    if result.overall == TIERS[2]:
        return "COMMON: listed side effects that usually ease."
    if result.overall == UNLISTED:
        return "NOT LISTED: " + context.unlisted_advice.format(drug=context.drug)
    if result.negated or result.history:
        return "NOTHING CURRENT: only denials or past events entered; none counted."
    return "Nothing entered."


def quoted(texts: Iterable[str]) -> str:
    return "; ".join(f'"{text}"' for text in texts)


def alert_lines(alert: Alert) -> list[str]:
    said = quoted(alert.because)
    return [f"- [{TIER_LABELS[alert.tier]}] {alert.title} (because: {said})",
            f"    {alert.advice} Source: {alert.source}."]


def symptom_lines(match: SymptomMatch) -> list[str]:
    effect = match.effect
    when = f"; act {effect.act}" if effect.act else ""
    hedge = "; said with doubt" if match.uncertain else ""
    return [f"- [{TIER_LABELS[effect.tier]}] {effect.name} (said: \"{match.text}\"; "
            f"listed as: {effect.frequency}{when}{hedge})",
            f"    {effect.advice} Source: {effect.source}."]


def summary_lines(result: TriageResult, context: ReportContext) -> list[str]:
    """The overall tier first, then each alert and symptom with its advice and source,
    then what was denied, past, or not listed, then every question shown with its answer."""
    lines = [f"Overall: {headline(result, context)}"]
    said = [line for line in result.input.splitlines() if line.strip()]
    if said:
        lines.append("Caller's words, as entered: " + quoted(said))
    if result.unexplained:
        lines.append(f"Not understood (ask about these): {quoted(result.unexplained)}")
    for alert in result.alerts:
        lines += alert_lines(alert)
    for match in result.symptoms:
        lines += symptom_lines(match)
    if result.negated:
        lines.append(f"Denied (not counted): {', '.join(result.negated)}")
    if result.history:
        lines.append(f"In the past (not counted): {quoted(result.history)}")
    if result.unlisted:
        lines.append(f"Not listed in this guide: {quoted(result.unlisted)}")
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
    if result.overall == NONE and not (result.input.strip() or result.negated
                                       or result.history or result.questions):
        return "\n".join([*header, "No symptoms entered."])
    return "\n".join([*header, *summary_lines(result, context)])


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
