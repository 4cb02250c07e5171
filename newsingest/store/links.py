"""Reading stored sidebar links: the stories a site's lists point to, with their dates and labels."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from newsingest.errors import StoreError
from newsingest.store.schema import ARTICLES, LINKS


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A story that link lists point to: its latest title and date, the lists' labels, how many pages list it."""

    url: str
    title: str | None
    published: str | None
    sections: tuple[str, ...]
    pages: int
    site: str

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["sections"] = list(self.sections)
        return data


def find_link_targets(
    db: Database,
    *,
    section: str | None = None,
    site: str | None = None,
    since: dt.date | None = None,
    limit: int = 100,
) -> list[LinkTarget]:
    """Distinct link targets, newest first; `section` matches a list's label without regard to case."""
    where: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    if section:
        where.append("lower(l.section) = lower(:section)")
        params["section"] = section
    if site:
        where.append("a.site = :site")
        params["site"] = site.lower().removeprefix("www.")
    if since:
        where.append("l.published >= :since")
        params["since"] = since.isoformat()
    sql = f"""
        select l.url, max(l.title) as title, max(l.published) as latest,
               group_concat(distinct l.section) as sections, count(distinct l.article_url) as pages,
               min(a.site) as site
        from {LINKS} l join {ARTICLES} a on a.canonical_url = l.article_url
        {"where " + " and ".join(where) if where else ""}
        group by l.url
        order by latest is null, latest desc, pages desc
        limit :limit
    """
    try:
        rows = list(db.query(sql, params))
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read links: {exc}") from exc
    return [
        LinkTarget(
            url=row["url"],
            title=row["title"],
            published=row["latest"],
            sections=tuple(sorted(row["sections"].split(","))) if row["sections"] else (),
            pages=row["pages"],
            site=row["site"],
        )
        for row in rows
    ]
