"""newsingest: news pages in, a queryable SQLite database out."""

from newsingest.errors import ExtractionError, NotAnArticle
from newsingest.extract import SiteRules, extract
from newsingest.models import Article, Link, Quote

__all__ = ["Article", "ExtractionError", "Link", "NotAnArticle", "Quote", "SiteRules", "extract"]
__version__ = "0.1.0"
