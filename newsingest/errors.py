"""Every error newsingest raises on purpose, in one place."""


class NewsingestError(Exception):
    """Base class for the errors below."""


class ExtractionError(NewsingestError):
    """The page could not be read at all (empty, not HTML, undecodable)."""


class NotAnArticle(ExtractionError):
    """The page is readable but is not a single news article."""

    def __init__(self, reason: str, url: str = "") -> None:
        super().__init__(f"{url}: {reason}" if url else reason)
        self.reason = reason
        self.url = url


class StoreError(NewsingestError):
    """The database cannot be opened, read or written."""


class QueryError(StoreError):
    """A search query is malformed (for example unbalanced quotes in FTS5 syntax)."""


class UsageError(NewsingestError):
    """A command was given an argument it cannot use."""


class Locked(NewsingestError):
    """Another run of the same site holds its lock."""


class StateError(NewsingestError):
    """The state folder (locks, backfill progress) cannot be created or written."""
