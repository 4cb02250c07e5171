"""Which articles a query is about: the filters `search`, `export`, `quotes` and the Python API share."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from newsingest.errors import QueryError
from newsingest.store.schema import ARTICLES_FTS, QUOTES, QUOTES_FTS

_WORD = re.compile(r"\w+")


def speaker_match(name: str) -> str:
    """An FTS5 expression for a speaker: every word of the name, in any form, so "Price" finds "Ned Price"."""
    words = _WORD.findall(name)
    if not words:
        raise QueryError(f"not a speaker's name: {name!r}")
    return "speaker : (" + " AND ".join(f'"{w}"' for w in words) + ")"


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Articles from a site, published in a date range, by an author, quoting a speaker.

    `since` and `until` bound the publication day, both included (undated articles never match
    them). `author` matches any author whose name contains every word given; `speaker` any article
    quoting that person ("Price" finds Ned Price); `matching` a full-text query. Copies of a stored
    story are left out unless `include_duplicates`.
    """

    site: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    author: str | None = None
    speaker: str | None = None
    include_duplicates: bool = False
    # A full-text query (FTS5 syntax, as for search) the article must match.
    matching: str | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise QueryError(f"--since {self.since} is after --until {self.until}")
        if self.matching is not None and not self.matching.strip():
            raise QueryError("malformed search query: it is empty")

    def where(self, alias: str = "a") -> tuple[list[str], dict[str, Any]]:
        """SQL conditions on the articles table (as `alias`) and their named parameters."""
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if not self.include_duplicates:
            clauses.append(f"{alias}.duplicate_of is null")
        if self.site:
            clauses.append(f"{alias}.site = :site")
            params["site"] = self.site.lower().removeprefix("www.")
        # ISO 8601 text sorts by time: "2022-09-27T10:00:00+00:00" sorts between "2022-09-27" and "2022-09-28".
        if self.since:
            clauses.append(f"{alias}.published >= :since")
            params["since"] = self.since.isoformat()
        if self.until and self.until < dt.date.max:
            clauses.append(f"{alias}.published < :before")
            params["before"] = (self.until + dt.timedelta(days=1)).isoformat()
        if self.author:
            words = _WORD.findall(self.author)
            if not words:
                raise QueryError(f"not an author's name: {self.author!r}")
            likes = " and ".join(f"author.value like :author{i}" for i in range(len(words)))
            clauses.append(f"exists (select 1 from json_each({alias}.authors) as author where {likes})")
            params.update({f"author{i}": f"%{word}%" for i, word in enumerate(words)})
        if self.speaker:
            clauses.append(
                f"exists (select 1 from {QUOTES} q where q.article_url = {alias}.canonical_url and q.id in "
                f"(select rowid from {QUOTES_FTS} where {QUOTES_FTS} match :speaker))"
            )
            params["speaker"] = speaker_match(self.speaker)
        if self.matching:
            clauses.append(f"{alias}.rowid in (select rowid from {ARTICLES_FTS} where {ARTICLES_FTS} match :matching)")
            params["matching"] = self.matching
        return clauses, params
