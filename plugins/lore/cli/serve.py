"""`lore serve`: the writer's preview, MkDocs' server with Lore deciding what each save renders.

It is ``mkdocs serve --dirty``: under it, ``lore/incidents`` renders the files
that changed and exactly the pages that show what changed, and says which and
why in the log; the page reloads before Pagefind's index is written again.
Any other ``mkdocs serve`` option can follow (``lore serve -a 0.0.0.0:8000``).
"""

from __future__ import annotations

import argparse
import sys


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from mkdocs.__main__ import cli
    except ImportError:  # pragma: no cover - Lore's plugins need MkDocs, so this is a broken install
        print("lore serve: MkDocs is not installed (expected mkdocs 1.6 with mkdocs-material)", file=sys.stderr)
        return 2
    argv = ["serve", "--dirty", *args.mkdocs_args]
    if args.config_file:
        argv += ["--config-file", args.config_file]
    try:
        cli.main(args=argv, prog_name="lore serve", standalone_mode=False)
    except KeyboardInterrupt:
        return 0
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except Exception as error:  # click's own usage errors and MkDocs' aborts, as one line
        message = getattr(error, "format_message", lambda: str(error))()
        print(f"lore serve: {message}", file=sys.stderr)
        return 1
    return 0
