"""`newsingest serve`: browse the database in Datasette."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import sys
from pathlib import Path

import click

from newsingest.cli import db_option, fail, reports_errors
from newsingest.cli.query import open_for_reading
from newsingest.crawl.outcome import EXIT_NOT_STARTED


@click.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: all).")
@db_option
@reports_errors
def serve(port: int, host: str, db_path: str) -> None:
    """Browse the database in a web browser, with Datasette.

    Tables with full-text search (articles, quotes), facets by site and language, and canned
    queries: latest articles per site, quotes by speaker, copies of stories, articles missing a
    date, crawl runs. Needs the optional extra: pip install 'newsingest[serve]'.
    """
    from newsingest.browse import metadata
    from newsingest.crawl.lock import state_dir

    if importlib.util.find_spec("datasette") is None:
        fail("Datasette is not installed: pip install 'newsingest[serve]'")
        return
    open_for_reading(db_path).close()  # a missing or older database: a clear error, or its schema brought up to date
    port = _listenable(host, port)
    folder = state_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    settings = folder / "datasette-metadata.json"
    settings.write_text(json.dumps(metadata(Path(db_path).stem), indent=2), encoding="utf-8")
    click.echo(f"serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    command = [sys.executable, "-m", "datasette", "serve", db_path, "--metadata", str(settings)]
    command += ["--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "5000"]
    os.execv(sys.executable, command)


def _listenable(host: str, port: int) -> int:
    """The port to give Datasette (a free one for 0), after making sure it can listen there."""
    try:
        with socket.create_server((host, port)) as probe:
            return int(probe.getsockname()[1])
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_NOT_STARTED)
        raise  # unreachable: fail() exits


COMMANDS = [serve]
