"""Pagefind's indexing service, fed while the site is being built.

The ``pagefind`` package's own client waits a tenth of a second before
reading each reply, so it cannot take thousands of pages. This one speaks the
same protocol (base64-encoded JSON messages ended by a comma, on stdin and
stdout of ``pagefind --service``), sends pages without waiting and lets a
thread collect the replies. Pagefind indexes them on the machine's other core
while MkDocs goes on rendering, so indexing adds little to the build's time.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import threading
import time
from pathlib import Path


class PagefindError(Exception):
    pass


class PagefindService:
    """One index, built from pages sent as they are rendered and written at the end."""

    def __init__(self, executable: Path, language: str) -> None:
        # Pagefind's allocator keeps freed pages by default; returning them at once lowers its peak memory by a quarter.
        env = dict(os.environ, _RJEM_MALLOC_CONF="narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0")
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.sent = 0
        self.errors: list[str] = []
        self.indexed = 0
        self._replies: dict[int, dict] = {}
        self._waiting: dict[int, threading.Event] = {}
        self._lock = threading.Lock()
        self.cancelled = False
        self._reader = threading.Thread(target=self._read, name="lore-pagefind", daemon=True)
        self._reader.start()
        reply = self._ask({"type": "NewIndex", "config": {"force_language": language}})
        self.index_id = reply["index_id"]

    def add(self, url: str, html: str) -> None:
        self._send({"type": "AddFile", "index_id": self.index_id, "url": url, "file_path": None,
                    "file_contents": html}, wait=False)

    def write(self, output_path: str, timeout: float = 600) -> None:
        """Write the bundle and stop the service; raises PagefindError with Pagefind's reason."""
        try:
            self._ask({"type": "WriteFiles", "index_id": self.index_id, "output_path": output_path}, timeout)
            _settle(Path(output_path))
        finally:
            self.close()
        if self.errors:
            raise PagefindError(self.errors[0])

    def cancel(self) -> None:
        """Stop now, mid-write: a newer index is coming (the writer saved again)."""
        self.cancelled = True
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _ask(self, payload: dict, timeout: float = 60) -> dict:
        message_id = self._send(payload, wait=True)
        answered = self._waiting[message_id].wait(timeout)
        del self._waiting[message_id]
        if not answered:
            raise PagefindError(f"no reply to {payload['type']} in {timeout:.0f} s")
        reply = self._replies.pop(message_id, None)
        if reply is None:  # the reader released us because the service exited
            raise PagefindError(f"the service stopped before answering {payload['type']}")
        if reply.get("type") == "Error":
            raise PagefindError(reply.get("message", "unknown error"))
        return reply

    def _send(self, payload: dict, wait: bool) -> int:
        with self._lock:
            self.sent += 1
            message_id = self.sent
            if wait:
                self._waiting[message_id] = threading.Event()
        message = base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b","
        try:
            self.process.stdin.write(message)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise PagefindError(f"the service stopped ({error})") from None
        return message_id

    def _read(self) -> None:
        buffer = b""
        stream = self.process.stdout
        while True:
            chunk = stream.read1(1 << 16)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for raw in messages:
                self._dispatch(raw)
        for event in list(self._waiting.values()):  # the service is gone: release anyone waiting
            event.set()

    def _dispatch(self, raw: bytes) -> None:
        try:
            reply = json.loads(base64.b64decode(raw))
        except ValueError:
            return
        payload = reply.get("payload") or {}
        message_id = reply.get("message_id")
        event = self._waiting.get(message_id)
        if event is not None:
            self._replies[message_id] = payload
            event.set()
        elif payload.get("type") == "Error":
            self.errors.append(payload.get("message", "unknown error"))
        elif payload.get("type") == "IndexedFile":
            self.indexed += 1


def _settle(folder: Path, timeout: float = 30) -> None:
    """Wait until the bundle's files have all their bytes: none empty, and no size still changing.

    Pagefind answers WriteFiles once every file is created, but the bytes of some may still be on
    their way to the disk; closing the service then ends it with those files empty or cut short
    (seen under load: an empty file about one write in forty, once a cut-short WebAssembly file).
    """
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        sizes = {f: f.stat().st_size for f in folder.rglob("*") if f.is_file()}
        if sizes == last and all(sizes.values()):
            return
        last = sizes
        time.sleep(0.05)
    raise PagefindError(f"files in {folder} were still being written {timeout:.0f} s after Pagefind wrote them")
