"""`hearth journal search`: a journal's entries matching a query, best first, one a line."""

from __future__ import annotations

import argparse
import sys

from app.commands import prompts
from app.commands.context import EXIT_FAILURE, EXIT_OK, command_context
from app.errors import ValidationError

LIMIT_DEFAULT = 20
# A message quotes at most this much of the query (a script may pass a whole file).
QUERY_SHOWN = 80


def register(actions) -> None:
    """Add `search` to the actions of `hearth journal`."""
    action = actions.add_parser(
        "search", help="print the entries matching a query, best match first",
        description="Print the entries of a journal that match QUERY, best match first, "
        "one a line: the day, a tab, the title, a tab, then a short passage with the "
        "matched words. Words match their other forms (walk, walking, walks) and the start "
        "of tags; word* matches words starting with it, \"two words\" the exact phrase, and "
        "-word leaves out entries with it. A protected journal's passphrase is asked for "
        "(one line of standard input when it is not a terminal). Exits 1 when nothing "
        "matches, 2 when the query cannot be searched.",
    )
    action.add_argument("--journal", required=True, metavar="NAME",
                        help="the journal's name, as `hearth journal list` shows it "
                        "(case aside)")
    action.add_argument("--limit", type=_limit, default=LIMIT_DEFAULT, metavar="N",
                        help=f"print at most N matches (default {LIMIT_DEFAULT})")
    # The rest of the line is the query, so "walk -canal" needs no quotes; a query that
    # starts with "-" follows "--".
    action.add_argument("query", nargs=argparse.REMAINDER, metavar="QUERY",
                        help="what to look for: the rest of the line (after -- when it "
                        "starts with -)")
    action.set_defaults(handler=run_search)


def _limit(text: str) -> int:
    from app.journal.session import SEARCH_LIMIT_MAX

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= SEARCH_LIMIT_MAX:
        raise argparse.ArgumentTypeError(f"a number from 1 to {SEARCH_LIMIT_MAX}")
    return value


def result_line(hit) -> str:
    """One match as a line: day, title and passage, tab-separated, on one line."""
    from app.journal.plain import plain_text
    from app.journal.types import MARK_END, MARK_START

    snippet = plain_text(hit.snippet).replace(MARK_START, "").replace(MARK_END, "")
    title = " ".join(hit.title.split()) or "(no title)"
    return f"{hit.date:%Y-%m-%d}\t{title}\t{snippet}"


def run_search(args: argparse.Namespace) -> int:
    from app.commands.journal import find_journal
    from app.journal.search import parse_query
    from app.services import journal

    words = args.query[1:] if args.query[:1] == ["--"] else args.query
    query = " ".join(words)
    parsed = parse_query(query)
    if parsed.expression is None:  # refused before the passphrase is asked for
        raise ValidationError(parsed.hint, field="query")
    with command_context(args, writes=False) as context:
        info = find_journal(context, args.journal)
        passphrase = (prompts.read_passphrase(f"Passphrase for “{info.name}”: ")
                      if info.protected else None)
        with journal.open_journal(context, info.id, passphrase) as session:
            result = session.search(query, limit=args.limit)
    if result.hint:
        print(f"Note: {result.hint}", file=sys.stderr)
    if not result.hits:
        shown = query if len(query) <= QUERY_SHOWN else query[:QUERY_SHOWN - 1] + "…"
        print(f"No entry of “{info.name}” matches {shown}.", file=sys.stderr)
        return EXIT_FAILURE
    for hit in result.hits:
        print(result_line(hit))
    return EXIT_OK
