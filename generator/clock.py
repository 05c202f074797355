"""Today's date for one command: `BULLETIN_TODAY=YYYY-MM-DD` sets it (tests, and previewing
what a later day's build will publish). Standard library only: the no-op check reads it
before anything else is imported."""
from __future__ import annotations

import datetime as dt
import os

TODAY_VARIABLE = "BULLETIN_TODAY"


class BadDate(ValueError):
    """A date on the command line or in BULLETIN_TODAY that is not YYYY-MM-DD."""


def parse_day(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _refuse(text, what)
    except ValueError:
        return _refuse(text, what)


def _refuse(text: str, what: str) -> dt.date:
    raise BadDate(f"{what}: expected YYYY-MM-DD, got '{text}'")


def today() -> dt.date:
    """The date `date:` fields are compared with: BULLETIN_TODAY if set, else the clock's."""
    given = os.environ.get(TODAY_VARIABLE)
    return parse_day(given, TODAY_VARIABLE) if given else dt.date.today()
