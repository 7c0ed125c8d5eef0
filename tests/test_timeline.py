"""timeline.yml: messages, times, and the SVG and table readers see, without MkDocs."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from lore.core import timeline as tl
from lore.core.problems import WARNING

PATH = "incidents/x/timeline.yml"
DAY = dt.date(2024, 3, 12)
EXPECTED_TIME = "(expected HH:MM on the incident date, or an ISO date and time such as 2024-03-12T14:02)"
EXPECTED_LIST = "(expected a list of entries, each with at, who, what and type)"
SVG_NS = "{http://www.w3.org/2000/svg}"


def parse(text: str, date=DAY):
    return tl.parse(PATH, text.encode("utf-8"), date)


def messages(text: str, date=DAY) -> list[str]:
    return [str(p) for p in parse(text, date)[1]]


def entry(at="14:02", who="Priya", what="It is slow", type="observation", **more) -> dict:
    return {"at": at, "who": who, "what": what, "type": type, **more}


def dump(*entries) -> str:
    return yaml.safe_dump(list(entries), sort_keys=False)


def ok(text: str, date=DAY) -> tl.Timeline:
    timeline, problems = parse(text, date)
    assert problems == []
    assert timeline is not None
    return timeline


STORY = """\
- at: 14:02
  who: Priya
  what: Alerts for **5xx** on `checkout`
  type: observation
  source: "chat log of #ops"
- at: 14:05
  who: Priya
  what: Maybe the CDN is stale
  type: hypothesis
- at: 14:06
  who: Sam
  what: Paged the [CDN team](https://example.com)
  type: communication
- at: 14:10
  who: Sam
  what: Rolled back deploy 42
  type: action
  until: 14:25
- at: 14:12
  who: Alex
  what: Checkout fails for EU users
  type: impact
  until: 14:40
- at: 14:30
  who: Alex
  what: Freeze deploys
  type: decision
- at: 14:42
  who: Priya
  what: Errors are gone
  type: observation
"""


# --- messages ------------------------------------------------------------------


def test_a_time_that_is_not_a_time():
    text = dump(entry(), entry(), entry(at="25:10"))
    assert messages(text) == [f"{PATH}: entries[3].at: '25:10' is not a time {EXPECTED_TIME}"]


def test_unquoted_times_are_read_as_written_not_as_base_60_numbers():
    # YAML 1.1 reads 25:10 as the number 1510; the message shows what the writer wrote.
    assert messages("- {at: 14:00, who: a, what: b, type: action}\n- {at: 25:10, who: a, what: b, type: action}\n") == [
        f"{PATH}: entries[2].at: '25:10' is not a time {EXPECTED_TIME}"
    ]
    assert messages("- {at: 842, who: a, what: b, type: action}\n") == [
        f"{PATH}: entries[1].at: is a number (842), not a time {EXPECTED_TIME}"
    ]
    timeline = ok("- {at: 14:02, who: a, what: b, type: action, until: 14:30}\n")
    assert timeline.entries[0].at == dt.datetime(2024, 3, 12, 14, 2)
    assert timeline.entries[0].until == dt.datetime(2024, 3, 12, 14, 30)


def test_unknown_type():
    assert messages(dump(entry(), entry(type="guess"))) == [
        f"{PATH}: entries[2].type: unknown value 'guess' "
        "(expected one of: observation, hypothesis, action, decision, communication, impact)"
    ]


def test_until_before_at():
    text = dump(entry(), entry(), entry(), entry(at="14:30", until="14:00"))
    assert messages(text) == [f"{PATH}: entries[4].until: '14:00' is before at '14:30' (expected a time at or after 'at')"]


def test_missing_who_and_what():
    first = entry()
    del first["who"]
    assert messages(dump(first, entry(what="  "))) == [
        f"{PATH}: entries[1].who: missing (expected the person or team whose lane this is)",
        f"{PATH}: entries[2].what: missing (expected a short Markdown text)",
    ]


def test_missing_at_and_type():
    bare = {"who": "Priya", "what": "x"}
    assert messages(dump(bare)) == [
        f"{PATH}: entries[1].at: missing {EXPECTED_TIME}",
        f"{PATH}: entries[1].type: missing "
        "(expected one of: observation, hypothesis, action, decision, communication, impact)",
    ]


def test_top_level_not_a_list():
    assert messages("at: 14:02\nwho: Priya\n") == [f"{PATH}: timeline: is a mapping {EXPECTED_LIST}"]
    assert messages("just words") == [f"{PATH}: timeline: is a string ('just words') {EXPECTED_LIST}"]


def test_malformed_yaml_names_the_line():
    text = "- at: 14:02\n  who: Priya\n  what: x\n type: action\n"
    assert messages(text) == [
        f"{PATH}: timeline: malformed YAML at line 4: expected <block end>, but found '<block mapping start>' {EXPECTED_LIST}"
    ]


def test_not_utf8():
    timeline, problems = tl.parse(PATH, b"- at: 14:02\n  who: Pri\xe9ya\n", DAY)
    assert timeline is None
    assert [str(p) for p in problems] == [
        f"{PATH}: file: is not valid UTF-8 (byte 0xe9 at offset 22) (expected a text file saved as UTF-8)"
    ]


def test_empty_file_comments_only_and_empty_list():
    for text in ("", "  \n", "# nothing yet\n", "[]\n"):
        assert messages(text) == [f"{PATH}: timeline: is empty {EXPECTED_LIST}"]


def test_an_entry_that_is_not_a_mapping():
    assert messages(dump(entry(), "14:05 Priya looked", None)) == [
        f"{PATH}: entries[2]: is a string ('14:05 Priya looked'), not a mapping (expected a mapping with at, who, what and type)",
        f"{PATH}: entries[3]: is empty, not a mapping (expected a mapping with at, who, what and type)",
    ]


def test_unknown_keys_are_warnings_and_the_entry_is_kept():
    timeline, problems = parse(dump(entry(), entry(foo=1, notes="x")))
    assert [str(p) for p in problems] == [
        f"{PATH}: entries[2].foo: unknown key (expected at, who, what, type, until or source)",
        f"{PATH}: entries[2].notes: unknown key (expected at, who, what, type, until or source)",
    ]
    assert all(p.level == WARNING for p in problems)
    assert [e.number for e in timeline.entries] == [1, 2]


def test_clock_time_without_an_incident_date_asks_for_iso():
    assert messages(dump(entry()), date=None) == [
        f"{PATH}: entries[1].at: '14:02' has no date, and neither the incident nor an earlier entry gives one "
        "(expected an ISO date and time such as 2024-03-12T14:02)"
    ]


def test_wrong_value_types_are_named():
    text = "- {at: true, who: 1, what: [a], type: 5, source: 3, until: 2.5}\n"
    assert messages(text) == [
        f"{PATH}: entries[1].at: is a yes/no value (true), not a time {EXPECTED_TIME}",
        f"{PATH}: entries[1].until: is a number (2.5), not a time {EXPECTED_TIME}",
        f"{PATH}: entries[1].who: is a number (1), not a name (expected the person or team whose lane this is)",
        f"{PATH}: entries[1].what: is a list, not text (expected a short Markdown text)",
        f"{PATH}: entries[1].type: is a number (5) "
        "(expected one of: observation, hypothesis, action, decision, communication, impact)",
        f"{PATH}: entries[1].source: is a number (3), not text (expected where this comes from, e.g. \"chat log of #ops\")",
    ]


def test_impossible_iso_date_is_not_a_time():
    assert messages(dump(entry(at="2024-02-30T10:00"))) == [
        f"{PATH}: entries[1].at: '2024-02-30T10:00' is not a time {EXPECTED_TIME}"
    ]


def test_entries_with_errors_are_left_out_but_keep_their_numbers():
    timeline, problems = parse(dump(entry(), entry(type="guess"), entry(who="Sam")))
    assert len(problems) == 1
    assert [e.number for e in timeline.entries] == [1, 3]
    timeline, _ = parse(dump(entry(type="guess")))
    assert timeline is None


# --- times ---------------------------------------------------------------------


def test_midnight_crossing_makes_the_next_day():
    timeline = ok(dump(entry(at="23:50"), entry(at="00:10"), entry(at="00:05")))
    assert [e.at for e in timeline.entries] == [
        dt.datetime(2024, 3, 12, 23, 50), dt.datetime(2024, 3, 13, 0, 10), dt.datetime(2024, 3, 13, 0, 5),
    ]


def test_a_little_out_of_order_stays_on_the_same_day():
    timeline = ok(dump(entry(at="14:00"), entry(at="09:00"), entry(at="07:59")))
    # 09:00 is five hours before 14:00: same day. 07:59 is an hour before 09:00: same day.
    assert [e.at.date() for e in timeline.entries] == [DAY, DAY, DAY]
    timeline = ok(dump(entry(at="14:00"), entry(at="07:59")))
    assert timeline.entries[1].at == dt.datetime(2024, 3, 13, 7, 59)  # more than 6 hours earlier


def test_until_crosses_midnight_and_may_equal_at():
    timeline = ok(dump(entry(at="23:30", until="00:20"), entry(at="23:40", until="23:40")))
    assert timeline.entries[0].until == dt.datetime(2024, 3, 13, 0, 20)
    assert timeline.entries[1].until == dt.datetime(2024, 3, 12, 23, 40)


def test_iso_datetimes_and_a_clock_time_carrying_their_day():
    timeline = ok(dump(
        entry(at="2024-03-14T09:15"), entry(at="2024-03-14 09:20", until="2024-03-14T10:00:30"), entry(at="09:30")
    ), date=None)
    assert [e.at for e in timeline.entries] == [
        dt.datetime(2024, 3, 14, 9, 15), dt.datetime(2024, 3, 14, 9, 20), dt.datetime(2024, 3, 14, 9, 30),
    ]
    assert timeline.entries[1].until == dt.datetime(2024, 3, 14, 10, 0, 30)


def test_entry_fields_and_lanes_in_order_of_first_appearance():
    timeline = ok(STORY)
    assert timeline.lanes == ["Priya", "Sam", "Alex"]
    first = timeline.entries[0]
    assert first == tl.Entry(1, dt.datetime(2024, 3, 12, 14, 2), None, "Priya",
                             "Alerts for **5xx** on `checkout`", "observation", "chat log of #ops")
    assert [e.number for e in timeline.entries] == list(range(1, 8))


def test_type_is_read_in_any_case():
    assert ok(dump(entry(type="Hypothesis"))).entries[0].type == "hypothesis"


# --- the diagram ---------------------------------------------------------------


def story_svg(**kw) -> str:
    return tl.svg(ok(STORY), title="Checkout outage", **kw)


def test_svg_is_well_formed_with_a_lane_per_person_and_every_entry():
    root = ET.fromstring(story_svg())
    lanes = [g for g in root.iter(SVG_NS + "g") if g.get("class") == "lore-tl-lane"]
    assert [g.get("data-who") for g in lanes] == ["Priya", "Sam", "Alex"]
    marks = [g for g in root.iter(SVG_NS + "g") if "lore-tl-entry" in (g.get("class") or "").split()]
    assert sorted(int(g.get("data-entry")) for g in marks) == list(range(1, 8))
    sam = lanes[1]
    assert sorted(g.get("data-entry") for g in sam.iter(SVG_NS + "g") if g.get("data-entry")) == ["3", "4"]


def test_svg_marks_carry_type_in_class_and_shape():
    root = ET.fromstring(story_svg())
    marks = {g.get("data-entry"): g for g in root.iter(SVG_NS + "g") if g.get("data-entry")}
    hypothesis, action = marks["2"], marks["4"]
    assert hypothesis.get("class") == "lore-tl-entry lore-tl-hypothesis"
    assert action.get("class") == "lore-tl-entry lore-tl-action lore-tl-entry--span"

    def shape(g):
        return next(c for c in g if "lore-tl-shape" in (c.get("class") or ""))

    assert shape(hypothesis).tag == SVG_NS + "circle" and shape(hypothesis).get("fill") == "none"
    assert shape(hypothesis).get("stroke-dasharray")
    assert shape(action).tag == SVG_NS + "rect"
    assert shape(marks["1"]).tag == SVG_NS + "circle" and shape(marks["1"]).get("fill") is None
    assert len({tl.shape(t, 0, 0) for t in tl.TYPES}) == len(tl.TYPES)  # six different forms
    # spans are bars from at to until; an impact also gets a band across all lanes
    assert any("lore-tl-bar" in (c.get("class") or "") for c in action)
    bands = [r for r in root.iter(SVG_NS + "rect") if r.get("class") == "lore-tl-band" and r.get("data-band")]
    assert [b.get("data-band") for b in bands] == ["5"]


def test_svg_tooltips_give_time_person_type_and_plain_words():
    svg = story_svg()
    assert "<title>14:02 · Priya · observation: Alerts for 5xx on checkout</title>" in svg
    assert "<title>14:05 · Priya · hypothesis: Maybe the CDN is stale</title>" in svg
    assert "<title>14:06 · Sam · communication: Paged the CDN team</title>" in svg
    assert "<title>14:10–14:25 · Sam · action: Rolled back deploy 42</title>" in svg
    # with a Markdown renderer, its plain words are used
    svg = story_svg(inline=lambda md: "<strong>R</strong> &amp; " + md[:3])
    assert "<title>14:10–14:25 · Sam · action: R &amp; Rol</title>" in svg


def test_svg_is_labelled_with_title_and_text_alternative():
    root = ET.fromstring(story_svg())
    # A group, not an img: an img's children (the marks, which are links) are hidden from screen readers.
    assert root.get("role") == "group"
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 900 ")
    title, desc = root.find(SVG_NS + "title"), root.find(SVG_NS + "desc")
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert title.text == "Checkout outage"
    assert desc.text == (
        "Timeline of 7 entries across 3 people from 14:02 to 14:42. "
        "Priya: 2 observations, 1 hypothesis. Sam: 1 action, 1 communication. Alex: 1 decision, 1 impact."
    )


def test_svg_axis_ticks_legend_and_no_colours():
    svg = story_svg()
    ticks = re.findall(r'<text class="lore-tl-tick"[^>]*>([^<]+)</text>', svg)
    assert ticks == ["14:00", "14:05", "14:10", "14:15", "14:20", "14:25", "14:30", "14:35", "14:40", "14:45"]
    legend = re.findall(r'<g class="lore-tl-key lore-tl-(\w+)">', svg)
    assert legend == list(tl.TYPES)
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(", svg)
    assert "<script" not in svg and "style=" not in svg


def test_svg_tick_step_follows_the_span():
    def ticks(*times):
        svg = tl.svg(ok(dump(*(entry(at=t) for t in times))), title="t")
        return re.findall(r'<text class="lore-tl-tick"[^>]*>([^<]+)</text>', svg)

    assert ticks("14:00", "16:40") == ["14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00"]
    assert ticks("09:17") == [f"09:{m}" for m in range(12, 23)]  # a lone entry sits mid-axis
    assert ticks("08:00", "15:00") == ["08:00", "09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"]


def test_svg_marks_midnight_with_a_day():
    svg = tl.svg(ok(dump(entry(at="23:40"), entry(at="00:20", who="Sam"))), title="t")
    assert re.findall(r'<text class="lore-tl-day"[^>]*>([^<]+)</text>', svg) == ["12 Mar", "13 Mar"]
    assert svg.count('class="lore-tl-midnight"') == 1
    assert "<title>00:20 (+1 day) · Sam · observation: It is slow</title>" in svg
    assert "from 23:40 to 00:20 (+1 day)." in svg


def test_svg_close_marks_in_one_lane_go_on_separate_rows():
    root = ET.fromstring(tl.svg(ok(dump(entry(at="14:00"), entry(at="14:00"), entry(at="15:00"))), title="t"))
    ys = [c.get("cy") for c in root.iter(SVG_NS + "circle") if c.get("class") == "lore-tl-shape"][:3]
    assert ys[0] != ys[1] and ys[0] == ys[2]


def test_svg_escapes_everything_from_yaml():
    text = dump(
        entry(who='<script>alert("x")</script> & Co', what="a <b>bold</b> 'quote' & \"dq\""),
        entry(who="O'Brien", what="x\x01y"),
    )
    svg = tl.svg(ok(text), title='Outage "<&>"')
    ET.fromstring(svg)  # still well-formed XML
    assert "<script>" not in svg and "<b>" not in svg
    assert 'data-who="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"' in svg
    assert 'data-who="O&#x27;Brien"' in svg
    assert "Outage &quot;&lt;&amp;&gt;&quot;</title>" in svg
    assert "\x01" not in svg


def test_long_lane_names_are_shortened_with_the_full_name_kept():
    svg = tl.svg(ok(dump(entry(who="Incident commander on call"))), title="t")
    assert "<title>Incident commander on call</title>Incident commande…</text>" in svg


def test_svg_is_deterministic_and_ids_differ_between_timelines():
    assert story_svg() == story_svg()
    other = tl.svg(ok(dump(entry())), title="Other")
    ident = re.search(r'<title id="([^"]+)"', story_svg())[1]
    assert ident not in other


def test_empty_timeline_draws_nothing():
    assert tl.svg(tl.Timeline([]), title="t") == ""
    assert tl.table(tl.Timeline([]), str) == ""


def test_css_uses_material_variables():
    from importlib import resources

    css = resources.files("lore").joinpath("assets", "lore.css").read_text()
    for name in ("--md-default-fg-color", "--md-default-fg-color--lightest", "--md-primary-fg-color"):
        assert f"var({name}" in css
    for kind in tl.TYPES:
        assert f".lore-tl-{kind} " in css
    assert css.count("{") == css.count("}")


# --- the table -----------------------------------------------------------------


def md(text: str) -> str:
    return "<em>" + text.replace("<", "&lt;") + "</em>"


def test_table_rows_in_time_order_with_rendered_what():
    text = dump(entry(at="14:10", who="Sam", what="Later **one**"), entry(at="14:02", source="chat log of #ops"))
    html = tl.table(ok(text), md)
    assert re.findall(r'<tr class="lore-tl-row lore-tl-row--(\w+)" data-entry="(\d+)">', html) == [
        ("observation", "2"), ("observation", "1"),
    ]
    assert "<th>Time</th><th>Who</th><th>Type</th><th>What</th><th>Source</th>" in html
    assert "<th>Until</th>" not in html
    assert '<time datetime="2024-03-12T14:02">14:02</time>' in html
    assert '<td class="lore-tl-what"><em>Later **one**</em></td>' in html
    assert '<td class="lore-tl-source">chat log of #ops</td>' in html
    assert html.startswith('<div class="lore-tl-table"><table>')


def test_table_until_column_with_length():
    html = tl.table(ok(STORY), md)
    assert '<time datetime="2024-03-12T14:25">14:25</time> <span class="lore-tl-duration">(15 min)</span>' in html
    assert html.count("<tr class=") == 7
    long = tl.table(ok(dump(entry(at="23:00", until="01:30"))), md)
    assert "01:30 (+1 day)</time> <span class=\"lore-tl-duration\">(2 h 30 min)</span>" in long


def test_table_escapes_all_but_the_rendered_markdown():
    text = dump(entry(who="<i>Sam</i> & co", what="<script>x</script>", source='"#ops" <chan>'))
    html = tl.table(ok(text), md)
    assert '<td class="lore-tl-who">&lt;i&gt;Sam&lt;/i&gt; &amp; co</td>' in html
    assert "<em>&lt;script>x&lt;/script></em>" in html
    assert '<td class="lore-tl-source">&quot;#ops&quot; &lt;chan&gt;</td>' in html


def test_table_renders_entry_markdown_by_default_without_raw_html():
    html = tl.table(ok(dump(entry(what="**Rolled** back `v2` <b>x</b>, see [PR](https://e.com/1)"))))
    assert ('<td class="lore-tl-what"><strong>Rolled</strong> back <code>v2</code> &lt;b&gt;x&lt;/b&gt;, '
            'see <a href="https://e.com/1">PR</a></td>') in html


def test_section_is_the_whole_block_for_the_story_page():
    timeline = ok(STORY)
    html = tl.section(timeline, title="Timeline of Checkout outage")
    assert html == ('<h2 id="timeline">Timeline<a class="headerlink" href="#timeline" title="Permanent link">&para;</a></h2>'
                    f'<div class="lore-tl-scroll">{tl.svg(timeline, title="Timeline of Checkout outage")}</div>'
                    '<details class="lore-tl-details" open><summary>The same timeline as a table</summary>'
                    f'{tl.table(timeline)}</details>')


# --- writers' links and markup never become markup ------------------------------------

URL_EXPECTED = "(expected an http, https or mailto URL, or a relative link)"


@pytest.mark.parametrize("what, blocked", [
    ("See [the log](javascript:alert(1)) now", ["link 'javascript:alert(1)'"]),
    ("See [the log](JaVaScRiPt:alert(1)) now", ["link 'JaVaScRiPt:alert(1)'"]),
    ("See [the log]( javascript:alert(1)) now", ["link 'javascript:alert(1)'"]),
    ("See [the log](java\tscript:alert(1)) now", ["link 'java  script:alert(1)'"]),  # the tab, to its stop
    ("See [the log](&#106;avascript:alert(1)) now", ["link '&#106;avascript:alert(1)'"]),
    ("See [the log](&#x6A;avascript:alert(1)) now", ["link '&#x6A;avascript:alert(1)'"]),
    ("See [the log](data:text/html,x) now", ["link 'data:text/html,x'"]),
    ("See [the log][1] now\n\n[1]: vbscript:msgbox", ["link 'vbscript:msgbox'"]),
    ("See <ftp://host/the log> now", ["link 'ftp://host/the log'"]),
    ("See ![the log](javascript:alert(1)) now", ["image 'javascript:alert(1)'"]),
    ("See [**the** log](javascript:a) [x](javascript:b) now", ["link 'javascript:a'", "link 'javascript:b'"]),
])
def test_unsafe_links_are_plain_text_and_each_one_a_warning(what, blocked):
    timeline, problems = parse(dump(entry(), entry(what=what)))
    assert [str(p) for p in problems] == [f"{PATH}: entries[2].what: {b} is not allowed (it is shown as plain text) "
                                          f"{URL_EXPECTED}" for b in blocked]
    assert not any(p.is_error for p in problems)
    assert [e.number for e in timeline.entries] == [1, 2]  # kept: the table writes the link as text
    html = tl.table(timeline)
    # The only links are Lore's own ¶ beside each time, to the row itself.
    assert re.findall(r"<a\b[^>]*>", html) == [f'<a class="headerlink" href="#{a}" title="Link to this entry">'
                                              for a in ("t-1402", "t-1402-2")]
    assert "<img" not in html
    assert not re.search(r"(?i)(href|src)\s*=\s*[\"']?\s*(java|vb|data|&#)", html)
    cell = re.search(r'<td class="lore-tl-what">(.*?)</td>', html.split('data-entry="2"')[1])[1]
    assert cell.startswith("See ") and "the" in cell and cell.endswith(" now")


def test_safe_links_stay_links_and_are_not_reported():
    what = "[a](https://e.com) [b](http://e.com) [c](mailto:x@e.com) [d](../other/) <x@e.com> <https://e.com/q>"
    timeline = ok(dump(entry(what=what)))
    assert tl.table(timeline).count("<a href=") == 6


PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", "</title><script>x</script>"]


class _Markup(HTMLParser):
    """Tags, attributes and text as a browser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.words: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.words.append(data)


TAGS = {"svg", "title", "desc", "g", "rect", "line", "text", "tspan", "circle", "path",  # the diagram
        "div", "table", "thead", "tbody", "tr", "th", "td", "time", "span",  # the table
        "h2", "details", "summary"}  # the section around them


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("field", ["what", "who", "source", "title"])
def test_markup_in_any_field_is_only_ever_text(payload, field):
    fields = {"what": "Rolled back", "who": "Sam", "source": "chat log"}
    if field != "title":
        fields[field] = payload
    timeline = ok(dump(entry(**fields)))
    title = payload if field == "title" else "Outage"
    outputs = {"svg": tl.svg(timeline, title=title), "table": tl.table(timeline), "section": tl.section(timeline, title=title)}
    for name, html in outputs.items():
        assert payload not in html, name
        markup = _Markup(html)
        # The only links Lore writes around them are permalinks: the heading's, the entry's, and the mark's to it.
        for tag, attrs in markup.tags:
            if tag == "a":
                assert dict(attrs) in ({"class": "headerlink", "href": "#timeline", "title": "Permanent link"},
                                       {"class": "headerlink", "href": "#t-1402", "title": "Link to this entry"},
                                       {"class": "lore-tl-link", "href": "#t-1402", "id": "t-1402-mark"}), name
        assert {tag for tag, _ in markup.tags if tag != "a"} <= TAGS, name
        assert not [attr for _, attrs in markup.tags for attr, _ in attrs if attr.startswith("on")], name
        if (field, name) in {("source", "svg"), ("title", "table")}:
            continue  # the diagram leaves sources out; the table has no title
        shown = "".join(markup.words) + "".join(v or "" for _, attrs in markup.tags for _, v in attrs)
        assert payload in shown, name  # the writer's words are all there, as words


# --- whatever the file holds, messages and never an exception --------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
    st.sampled_from(["14:02", "23:59", "00:10", "25:10", "2024-03-12T14:02", "2024-03-12 14:02", "x", ""]),
    st.sampled_from(tl.TYPES),
)
keys = st.one_of(st.sampled_from(tl.KEYS), st.text(max_size=6))
# Parse reads two levels (the list, then each entry's keys); deeper values are only ever
# named ("is a list"), so shallow nesting covers every path and is cheap to draw.
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)),
    max_leaves=6,
)
# Entries are likely ones (so some are usable and the drawing below runs: random mappings
# almost never are), or known keys with any scalar (None reads as missing), plus unknown
# keys; missing keys and nested values under known keys come from the mappings in ``values``.
times = st.sampled_from(["14:02", "23:59", "00:10", "25:10", "2024-03-12T14:02", "2024-03-13 09:00", ""])
likely = {"at": times, "until": times, "who": st.text(min_size=1, max_size=8), "what": st.text(min_size=1, max_size=12),
          "type": st.sampled_from(tl.TYPES), "source": st.text(max_size=6)}
required, optional = ("at", "who", "what", "type"), ("until", "source")
plausible = st.fixed_dictionaries({k: likely[k] for k in required}, optional={k: likely[k] for k in optional})
known = st.fixed_dictionaries({k: likely[k] | scalars for k in required},
                              optional={k: likely[k] | scalars for k in optional})
unknown = st.dictionaries(st.text(max_size=6), values, max_size=2)
entry_maps = plausible | st.builds(lambda extra, fields: {**extra, **fields}, unknown, known)
entries = st.lists(entry_maps | values, max_size=6)

@settings(max_examples=150, deadline=None)
@given(value=st.one_of(values, entries), date=st.none() | st.just(DAY))
def test_any_yaml_value_gives_messages_not_exceptions(value, date):
    data = yaml.safe_dump(value, allow_unicode=True).encode("utf-8")
    timeline, problems = tl.parse(PATH, data, date)
    assert all(str(p).startswith(PATH + ": ") for p in problems)
    if timeline is not None:
        assert timeline.entries
        ET.fromstring(tl.svg(timeline, title="t"))
        tl.table(timeline, md)
        tl.section(timeline, title="t")  # with the real Markdown renderer
    else:
        assert any(p.is_error for p in problems)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=80) | st.text(max_size=80).map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_messages_not_exceptions(data):
    timeline, problems = tl.parse(PATH, data, DAY)
    assert timeline is not None or problems


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.from_regex(r"[a-zé][a-zé9 ,.;:'\"?%/@$()=+*#`<>&\[\]!\\~_-]{0,20}", fullmatch=True),
                 st.text(alphabet=st.sampled_from(list("aZé9_ ,.;:'\"?%/@$()=+-*#`<>&[]!\n\\~")), max_size=24)))
def test_plain_entries_skip_markdown_with_the_same_html(what):
    """An entry of plain words is written as it is: exactly what Markdown would write of it."""
    import importlib

    import markdown

    tl_table = importlib.import_module("lore.core.timeline.table")  # the package's table() hides the module

    if not tl_table._PLAIN.fullmatch(what):
        return
    md = markdown.Markdown(output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    rendered = md.convert(what)
    assert tl_table.inline_markdown(what) == (rendered[3:-4] if rendered.startswith("<p>") else rendered)


# --- words on the diagram, and a link from each mark to its row ---------------------------

LONG = "Batches of ten hosts, one batch per person, out of the pool, power cycled, back in, and so on until noon"


class _Page(HTMLParser):
    """Ids, links and the diagram's labels of a built section, as a browser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[dict] = []
        self.labels: list[str] = []  # each label's text
        self.row_ids: list[str] = []
        self._label: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if "id" in found:
            self.ids.append(found["id"])
            if tag == "td":
                self.row_ids.append(found["id"])
        if tag == "a":
            self.links.append(found)
        if tag == "text" and found.get("class") == "lore-tl-text":
            self._label = []

    def handle_endtag(self, tag):
        if tag == "text" and self._label is not None:
            self.labels.append("".join(self._label))
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)


def test_every_mark_is_written_with_its_time_and_first_words():
    timeline = ok(STORY + dump(entry(at="14:45", who="Sam", what=LONG, type="action")))
    page = _Page(tl.section(timeline, title="Checkout outage"))
    assert page.labels[:2] == ["14:02 Alerts for 5xx on checkout", "14:05 Maybe the CDN is stale"]  # Markdown as words
    assert len(page.labels) == 8
    long = next(label for label in page.labels if label.startswith("14:45 "))
    assert long.endswith("…") and LONG.startswith(long[6:-1]) and len(long) < len(LONG)  # cut at a word
    # the whole text stays in the mark's tooltip and, a link away, in the table
    root = ET.fromstring(tl.svg(timeline, title="t"))
    tips = [a.find(SVG_NS + "title").text for a in root.iter(SVG_NS + "a")]
    assert f"14:45 · Sam · action: {LONG}" in tips


def _label_boxes(svg: str) -> list[tuple[float, float, float]]:
    """(left, right, y) of each label, from its position, anchor and the estimated width of its words."""
    from lore.core.timeline import labels
    from lore.core.timeline.layout import FONT

    boxes = []
    for element in ET.fromstring(svg).iter(SVG_NS + "text"):
        if element.get("class") != "lore-tl-text":
            continue
        time = element.find(SVG_NS + "tspan").text
        rest = (element.find(SVG_NS + "tspan").tail or "")
        w = labels.width(time, FONT, bold=True) + labels.width(rest, FONT)
        x = float(element.get("x"))
        left = x - w if element.get("text-anchor") == "end" else x
        boxes.append((left, left + w, float(element.get("y"))))
    return boxes


def test_labels_close_in_time_go_on_rows_of_their_own():
    text = dump(*(entry(at=f"14:0{m}", what=f"Step {m} of the long rollback that everyone watched") for m in range(5)))
    boxes = _label_boxes(tl.svg(ok(text), title="t"))
    assert len({y for _, _, y in boxes}) == 5  # five labels that would overlap: five rows


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 23 * 60 + 59), st.sampled_from(["Priya", "Sam"]),
                          st.text(st.sampled_from(list("abcmwWI .…—漢")), min_size=1, max_size=60).filter(str.strip)),
                min_size=1, max_size=12))
def test_labels_never_overlap_and_stay_inside_the_diagram(items):
    text = dump(*(entry(at=f"2024-03-12T{m // 60:02d}:{m % 60:02d}", who=who, what=what) for m, who, what in items))
    timeline = ok(text)
    boxes = _label_boxes(tl.svg(timeline, title="t"))
    assert len(boxes) == len(items)
    for i, (left, right, y) in enumerate(boxes):
        assert 0 <= left and right <= tl.WIDTH
        for left2, right2, y2 in boxes[i + 1:]:
            assert y != y2 or right <= left2 or right2 <= left


def test_a_hostile_entry_is_text_in_the_label_and_the_page_stays_well_formed():
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    html = tl.section(ok(dump(entry(what=hostile))), title="t")
    svg = html[html.index("<svg"):html.index("</svg>") + 6]
    label = next(t for t in ET.fromstring(svg).iter(SVG_NS + "text") if t.get("class") == "lore-tl-text")
    shown = label.find(SVG_NS + "tspan").tail
    assert shown.strip() and hostile.startswith(shown.strip().rstrip("…"))  # the words, as words
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg


def test_every_entry_has_a_unique_safe_anchor_and_each_mark_links_to_its_row():
    text = dump(entry(at="23:50"), entry(at="23:50", who="Sam"), entry(at="00:20"), entry(at="23:50", who="Alex"))
    page = _Page(tl.section(ok(text), title="t"))
    # the second 23:50 is -2 (file order); 23:50 after 00:20 is the next day's
    assert page.row_ids == ["t-2350", "t-2350-2", "t-d2-0020", "t-d2-2350"]
    assert len(page.ids) == len(set(page.ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in page.ids)
    marks = [link for link in page.links if link.get("class") == "lore-tl-link"]
    assert sorted(m["href"] for m in marks) == sorted(f"#{i}" for i in page.row_ids)  # one mark for each row
    assert all(m["id"] == m["href"][1:] + "-mark" for m in marks)
    permalinks = [link["href"] for link in page.links if link.get("class") == "headerlink" and link["href"] != "#timeline"]
    assert permalinks == [f"#{i}" for i in page.row_ids]  # each row's ¶ is its own address


def test_anchors_are_made_of_the_time_so_links_survive_new_entries():
    before = _Page(tl.table(ok(dump(entry(at="14:02"), entry(at="14:30")))))
    after = _Page(tl.table(ok(dump(entry(at="13:55"), entry(at="14:02"), entry(at="14:10"), entry(at="14:30")))))
    assert set(before.row_ids) <= set(after.row_ids) == {"t-1355", "t-1402", "t-1410", "t-1430"}


def test_a_wide_lane_name_is_cut_to_its_column_and_the_axis_starts_after_it():
    svg = tl.svg(ok(dump(entry(who="WWWWWWWWWWWWWWWWWW"), entry(who="Sam", at="14:30"))), title="t")
    names = re.findall(r'<text class="lore-tl-label"[^>]*><title>([^<]+)</title>([^<]+)</text>', svg)
    assert names and names[0][0] == "W" * 18 and names[0][1].endswith("…") and len(names[0][1]) < 18
    axis = re.search(r'<line class="lore-tl-axis-line" x1="([\d.]+)"', svg)
    assert float(axis[1]) <= 200
