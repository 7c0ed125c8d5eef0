"""A small git repository of Brambleway code whose comments and commits cite the demo incidents.

    python scripts/make_sample_repo.py OUT_DIR

The demo knowledge base scans it to show "Referenced from code" and "Mentioned
in commits". Names, dates and config are fixed, so every run produces the same
commit shas. An existing copy whose HEAD is already the last sample commit is
left alone; an older copy of the sample is rebuilt; any other folder is refused
rather than deleted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

AUTHOR = ("Hannah Lee", "hannah.lee@brambleway.example")

README_V1 = """\
# brambleway-shop

The storefront, payments and search services behind brambleway.example.

    storefront/   pages, templates and error pages
    payments/     captures with Larkspur and the reconciler
    search/       the gateway in front of search-a and search-b
    ops/          operational scripts (certificates, deploys)
"""

README = README_V1 + """
## Incidents

When a change applies a lesson from an incident, say so in a comment or the
commit message with the incident's id, e.g. `see 2024-03-12-the-404-storm`.
The knowledge base (https://lore.brambleway.example) lists those mentions on
each incident's page, so the next reader can find the code from the story and
the story from the code.
"""

ERRORS_V1 = '''\
"""Error responses for the storefront."""

from storefront import http

CHECKOUT_FAILED = "Something went wrong, please try again."


def not_found(request):
    return http.render("404.html", status=404)


def checkout_failed(request):
    return http.render("error.html", message=CHECKOUT_FAILED, status=500)
'''

ERRORS_V2 = '''\
"""Error responses for the storefront."""

from storefront import http

CHECKOUT_FAILED = "Something went wrong, please try again."


def not_found(request):
    # An error page must never trigger another error page: a missing include
    # inside 404.html once served 404.html again, in a loop that held an Apache
    # worker per turn until every web server hung (2024-03-12-the-404-storm).
    if request.headers.get("X-Error-Page"):
        return http.plain("Not found", status=404)
    return http.render("404.html", status=404, headers={"X-Error-Page": "1"})


def checkout_failed(request):
    return http.render("error.html", message=CHECKOUT_FAILED, status=500)
'''

ERRORS = ERRORS_V2.replace(
    '''CHECKOUT_FAILED = "Something went wrong, please try again."
''',
    '''# "Please try again" sent 212 buyers back to the Pay button while their first
# capture had already gone through. When we do not know whether money was taken,
# say so, and let payments.capture settle it (2024-09-05-charged-twice-during-failover).
CHECKOUT_FAILED = "Something went wrong, please try again."
CHECKOUT_UNKNOWN = ("We could not confirm your payment. Please don't pay again yet: "
                    "we will email you within 15 minutes to say whether you were charged.")
''').replace(
    '''def checkout_failed(request):
    return http.render("error.html", message=CHECKOUT_FAILED, status=500)
''',
    '''def checkout_failed(request, charged_unknown=False):
    message = CHECKOUT_UNKNOWN if charged_unknown else CHECKOUT_FAILED
    return http.render("error.html", message=message, status=500)
''')

PAGE_404_V1 = """\
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Page not found | Brambleway</title>
  <style><!--#include virtual="/static/css/base.css" --></style>
  <style><!--#include virtual="/static/css/legacy-ie.css" --></style>
</head>
<body>
  <h1>We couldn't find that page</h1>
  <p><a href="/">Back to the shop</a></p>
</body>
</html>
"""

PAGE_404 = """\
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Page not found | Brambleway</title>
  <!--
    Self-contained on purpose: the styles are written out below, with no
    server-side includes. An include of a deleted stylesheet made this page
    request itself until every Apache worker was busy.
    See https://lore.brambleway.example/incidents/2024-03-12-the-404-storm/
  -->
  <style>
    body { font-family: system-ui, sans-serif; margin: 4rem auto; max-width: 36rem; color: #2b2b2b; }
    h1 { font-size: 1.6rem; }
    a { color: #2f6b3a; }
  </style>
</head>
<body>
  <h1>We couldn't find that page</h1>
  <p>The listing may have sold, or the link may be old.</p>
  <p><a href="/">Back to the shop</a></p>
</body>
</html>
"""

CAPTURE_V1 = '''\
"""Taking the money: captures with Larkspur, our card processor."""

import uuid

from payments import db, larkspur


def capture(order, attempt):
    key = f"attempt-{attempt.id}"
    result = larkspur.capture(order.amount, card=attempt.card, idempotency_key=key)
    db.record_capture(order.id, result.capture_id, key)
    return result
'''

CAPTURE = '''\
"""Taking the money: captures with Larkspur, our card processor."""

from payments import db, larkspur


def capture(order, attempt):
    # The key still comes from the attempt, so a buyer can retry with another
    # card. But a second press of "Pay" during a database failover was a new
    # attempt with a new key, and Larkspur charged again
    # (2024-09-05-charged-twice-during-failover). Ask Larkspur first.
    earlier = larkspur.captures_for_order(order.id)
    if earlier:
        db.record_capture_later(order.id, earlier[0].capture_id)
        return earlier[0]
    key = f"attempt-{attempt.id}"
    result = larkspur.capture(order.amount, card=attempt.card, idempotency_key=key)
    try:
        db.record_capture(order.id, result.capture_id, key)
    except db.Unavailable:
        # The reconciler repairs captures without a record, retrying with this
        # same key; do not tell the buyer the payment failed.
        result.recorded = False
    return result
'''

RECONCILER = '''\
"""Every five minutes: find captures Larkspur made that we never wrote down."""

from payments import db, larkspur

WINDOW_MINUTES = 30


def run():
    for cap in larkspur.captures_since(minutes=WINDOW_MINUTES):
        if db.has_capture(cap.capture_id):
            continue
        # Retry with the original idempotency key, never a new one: this is
        # what repaired 63 orphaned captures in 2024-09-05-charged-twice-during-failover.
        db.record_capture(cap.order_id, cap.capture_id, cap.idempotency_key)


def refundable(order):
    """A second capture may be refunded only if the buyer has not disputed it.

    Refunding a disputed charge can refund the buyer twice
    (see 2024-09-05-charged-twice-during-failover, "Dilemmas").
    """
    captures = larkspur.captures_for_order(order.id)
    return [c for c in captures[1:] if not c.disputed]
'''

RENEW_V1 = """\
#!/bin/sh
# Nightly certificate renewal for *.brambleway.com, 30 days before expiry.
set -eu

DNS_TOKEN=$(secrets get dns/provider/token)
export DNS_TOKEN

for host in $(cat /etc/brambleway/certs/hosts); do
  certbot renew --cert-name "$host" --dns-provider brambledns || \\
    notify "#payments-alerts-legacy" "certificate renewal failed for $host"
done
"""

RENEW = """\
#!/bin/sh
# Nightly certificate renewal for *.brambleway.com, 30 days before expiry.
set -eu

# The token moved during the quarterly rotation and this job kept reading the
# old path, failing quietly every night for three weeks
# (2024-06-19-the-certificate-with-nine-hours-left). Fail loudly if it moves again.
DNS_TOKEN=$(secrets get platform/dns/brambledns/token) || {
  notify "#payments-alerts" "certificate renewal cannot read the DNS token"
  exit 1
}
export DNS_TOKEN

for host in $(cat /etc/brambleway/certs/hosts); do
  # Alerts go to a channel people read; #payments-alerts-legacy was archived
  # and still accepted messages. See 2024-06-19-the-certificate-with-nine-hours-left.
  certbot renew --cert-name "$host" --dns-provider brambledns || \\
    notify "#payments-alerts" "certificate renewal failed for $host"
done
"""

MONITORED = """\
# Hosts the external monitor checks for certificates expiring within 14 days.
shop.brambleway.com
api.brambleway.com
pay-callbacks.brambleway.com
search.brambleway.com
"""

GATEWAY_V1 = '''\
"""The search gateway: sends queries to the active cluster, search-a or search-b."""

from search import clusters, pool

TIMEOUT_SECONDS = 1.5


def query(text):
    cluster = clusters.active()
    conn = pool.get(cluster)
    try:
        return conn.search(text, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        return []


def on_health_change(cluster, healthy):
    if not healthy and cluster is clusters.active():
        clusters.switch()
'''

GATEWAY_V2 = GATEWAY_V1.replace(
    '''    if not healthy and cluster is clusters.active():
        clusters.switch()
''',
    '''    if not healthy and cluster is clusters.active():
        clusters.switch()
        # Health checks use fresh connections, queries use the pool. After the
        # switch the pool still held silent connections to the old cluster and
        # queries waited on them (2024-05-02-search-failover-game-day).
        pool.retire(cluster)
''')

GATEWAY = GATEWAY_V2.replace(
    '''    except TimeoutError:
        return []
''',
    '''    except TimeoutError:
        # An empty page is still right for buyers, but it is an error for us:
        # counted as one, zero results no longer hide a broken cluster.
        # See 2024-05-02-search-failover-game-day.
        metrics.increment("search.timeout_as_empty")
        return []
''').replace("from search import clusters, pool", "from search import clusters, metrics, pool")

# (date, subject, body, files written by this commit)
COMMITS = [
    ("2023-11-06T10:12:00", "Import storefront, payments and search services", "",
     {"README.md": README_V1, "storefront/errors.py": ERRORS_V1, "storefront/templates/404.html": PAGE_404_V1,
      "payments/capture.py": CAPTURE_V1, "search/gateway.py": GATEWAY_V1, "ops/certs/renew.sh": RENEW_V1}),
    ("2024-03-12T21:40:00", "Restore legacy-ie.css until the 404 page stops including it",
     "The 404 page inlined legacy-ie.css with a server-side include; once the file\n"
     "was gone the page requested itself. Putting the file back is the quick fix.\n\n"
     "Refs: 2024-03-12-the-404-storm\n",
     {"storefront/static/css/legacy-ie.css": "/* Kept only because 404.html includes it. Do not delete yet. */\n"}),
    ("2024-03-19T15:05:00", "Keep the 404 page self-contained (see 2024-03-12-the-404-storm)",
     "Write the styles into the page instead of including them, and answer a\n"
     "request for the error page from inside the error page with plain text.\n",
     {"storefront/templates/404.html": PAGE_404, "storefront/errors.py": ERRORS_V2}),
    ("2024-03-21T11:30:00", "Delete legacy-ie.css, this time for good",
     "Nothing includes it any more. Background:\n"
     "https://lore.brambleway.example/incidents/2024-03-12-the-404-storm/\n",
     {"storefront/static/css/legacy-ie.css": None}),
    ("2024-05-09T09:50:00", "Retire pooled search connections on failover",
     "During 2024-05-02-search-failover-game-day the gateway switched clusters but\n"
     "the connection pool kept talking to search-a, so most searches came back\n"
     "empty for as long as the pool lived (about 15 minutes).\n",
     {"search/gateway.py": GATEWAY_V2}),
    ("2024-05-16T14:20:00", "Count search timeouts shown as empty results",
     "The zero-results rate went from 4% to 61% in the game day while our error\n"
     "rate stayed at zero. Follow-up to 2024-05-02-search-failover-game-day.\n",
     {"search/gateway.py": GATEWAY}),
    ("2024-06-20T08:15:00", "Read the DNS token from its new secrets path",
     "The renewal job had failed every night since the 29 May rotation.\n\n"
     "Refs: 2024-06-19-the-certificate-with-nine-hours-left\n",
     {"ops/certs/renew.sh": RENEW}),
    ("2024-06-27T16:45:00", "Monitor pay-callbacks certificate expiry",
     "pay-callbacks was added in 2023 and never made it onto the monitor's list.\n"
     "See 2024-06-19-the-certificate-with-nine-hours-left.\n",
     {"ops/certs/monitored-hosts.txt": MONITORED}),
    ("2024-09-06T12:10:00", "Ask Larkspur for an existing capture before charging again",
     "A second press of Pay during the payments database failover was a new\n"
     "attempt with a new idempotency key, so 212 buyers were charged twice.\n"
     "Keying on the order instead would block retries with another card, so\n"
     "look up the order's captures first.\n\n"
     "Refs: 2024-09-05-charged-twice-during-failover\n",
     {"payments/capture.py": CAPTURE}),
    ("2024-09-12T10:00:00", "Add the reconciler's refund check for disputed captures",
     "Written down from the refund split on 6 September: 171 clear cases, 41 checked\n"
     "by hand (2024-09-05-charged-twice-during-failover).\n",
     {"payments/reconciler.py": RECONCILER}),
    ("2024-10-01T13:30:00", "Tell buyers when we don't know whether they were charged",
     "", {"storefront/errors.py": ERRORS}),
    ("2024-10-15T17:00:00", "README: cite incidents where their lessons live", "",
     {"README.md": README}),
]
EXECUTABLE = {"ops/certs/renew.sh"}


def _env(date: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME=AUTHOR[0], GIT_AUTHOR_EMAIL=AUTHOR[1], GIT_AUTHOR_DATE=date + "+0000",
        GIT_COMMITTER_NAME=AUTHOR[0], GIT_COMMITTER_EMAIL=AUTHOR[1], GIT_COMMITTER_DATE=date + "+0000",
        # The user's own config (hooks, templates, signing) must not change the shas.
        GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, TZ="UTC", LC_ALL="C",
    )
    return env


def _git(out: Path, *args: str, date: str = "2023-11-06T10:00:00") -> str:
    cmd = ["git", "-c", f"user.name={AUTHOR[0]}", "-c", f"user.email={AUTHOR[1]}", "-c", "commit.gpgsign=false",
           "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", "-c", f"core.hooksPath={os.devnull}", *args]
    done = subprocess.run(cmd, cwd=out, env=_env(date), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"make_sample_repo: git {args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def _message(subject: str, body: str) -> str:
    return subject + ("\n\n" + body if body else "\n")


def _state(out: Path) -> str:
    """'current', 'sample' (an older build of this sample) or 'other'."""
    if not (out / ".git").exists():
        return "other"
    try:
        head = _git(out, "log", "-1", "--format=%B").strip()
        first = _git(out, "log", "--reverse", "--format=%s").splitlines()[0]
    except (SystemExit, IndexError):
        return "other"
    if head == _message(*COMMITS[-1][1:3]).strip():
        return "current"
    return "sample" if first == COMMITS[0][1] else "other"


def build(out: Path) -> Path:
    out = out.resolve()
    if out.exists():
        state = _state(out)
        if state == "current":
            return out
        if state == "other" and any(out.iterdir()):
            raise SystemExit(f"make_sample_repo: {out} exists and is not a copy of the sample repository; "
                             "choose an empty or new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _git(out, "init", "-q")
    for date, subject, body, files in COMMITS:
        for path, text in files.items():
            target = out / path
            if text is None:
                _git(out, "rm", "-q", "--", path)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
            target.chmod(0o755 if path in EXECUTABLE else 0o644)
            _git(out, "add", "--chmod=+x" if path in EXECUTABLE else "--chmod=-x", "--", path)
        _git(out, "commit", "-q", "--no-verify", "-m", _message(subject, body).rstrip("\n") + "\n",
             "--cleanup=strip", date=date)
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    print(build(Path(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
