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
    _notice_saves_at_once()
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


def _notice_saves_at_once() -> None:
    """MkDocs' server looks for changes by polling every file twice a second: with thousands of stories
    that costs a share of a core and up to half a second per save. Here the system tells the server
    (inotify, FSEvents, ReadDirectoryChangesW); where it cannot, MkDocs' polling is kept."""
    try:
        import mkdocs.commands.serve as serving
        from mkdocs.livereload import LiveReloadServer
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:  # pragma: no cover - an older MkDocs: keep its own server as it is
        return
    if Observer is PollingObserver or getattr(serving, "LiveReloadServer", None) is not LiveReloadServer:
        return

    from watchdog import events

    changes = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent, events.FileMovedEvent,
               events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent,
               events.DirModifiedEvent]

    class Writes(Observer):
        """Only changes count: the system would also report each file a build opens and reads (thousands
        of events on every save, each a rebuild); asked for changes only, it does not make them at all."""

        def schedule(self, handler, path, recursive=False, **kwargs):
            dispatch = handler.dispatch

            def changed(event) -> None:
                if event.event_type not in ("opened", "closed_no_write"):
                    dispatch(event)

            handler.dispatch = changed
            try:
                return super().schedule(handler, path, recursive=recursive, event_filter=changes, **kwargs)
            except TypeError:  # a watchdog before 4.0 has no filter: the handler drops those events
                return super().schedule(handler, path, recursive=recursive, **kwargs)

    class NotifiedServer(LiveReloadServer):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.observer, self._polling, self._asked = Writes(), PollingObserver(timeout=0.5), []

        def watch(self, path, func=None, *, recursive=True) -> None:
            self._asked.append((path, func, recursive))
            try:
                super().watch(path, func, recursive=recursive)
            except OSError:  # the system's limit on watched folders: poll, as MkDocs does
                if self.observer is self._polling:
                    raise
                self.observer = self._polling
                self._watch_refs.clear()
                for again, func_, recursive_ in self._asked:
                    super().watch(again, func_, recursive=recursive_)

    serving.LiveReloadServer = NotifiedServer
