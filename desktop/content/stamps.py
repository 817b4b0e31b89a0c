"""The header every summary a user takes away starts with: what, when, which content."""

from datetime import datetime


def dated_header(title: str, content_version: str, when: datetime) -> list[str]:
    return [title, f"{when.strftime('%Y-%m-%d %H:%M')} · content version {content_version}"]
