"""Plugin options: every bad value is one config error naming the option and what was expected.

In process (the plugins' Config classes, as MkDocs runs them), except one real build.
"""

from __future__ import annotations

import pytest

from lore.core.graph import DEFAULT_KINDS as BACKLINK_KINDS
from lore.core.language import DEFAULT_PHRASES, Checker
from lore.core.model import DEFAULT_KINDS, Options
from lore.plugins.backlinks.config import BacklinksConfig, RepoConfig
from lore.plugins.explore.config import ExploreConfig
from lore.plugins.glossary.config import GlossaryConfig
from lore.plugins.incidents.config import IncidentsConfig
from lore.plugins.options import ERROR, WARNING, load

from conftest import run_build, write_project

CLASSES = {"lore/incidents": IncidentsConfig, "lore/glossary": GlossaryConfig,
           "lore/backlinks": BacklinksConfig, "lore/explore": ExploreConfig}

DEFAULTS = {
    "lore/incidents": {
        "enabled": True, "incidents_dir": "incidents", "kinds": list(DEFAULT_KINDS), "extra_keys": [],
        "onboarding_dir": "onboarding", "drafts": False, "catalog": True, "service_listing": True,
        "incidents_in_nav": False, "mermaid": True, "mermaid_js": None, "themes": None,
        "wheel": "practice-wheel.md", "language_hints": "off", "language_phrases": None, "sanitize": True,
        "feed": "feed.xml", "feed_size": 20, "summaries_up_to": 1000, "previews": True, "pager": True,
    },
    "lore/glossary": {"enabled": True, "glossary_dir": "glossary", "link": "first", "index": True,
                      "appears_in": True, "terms_in_nav": False},
    "lore/backlinks": {"enabled": True, "kinds": dict(BACKLINK_KINDS), "show_on": ["incidents"], "repos": [],
                       "similar": 5, "report": "connections.md", "export": "lore.json"},
    "lore/explore": {"enabled": True, "page": "explore.md", "pagefind": True, "bundle": "pagefind",
                     "replace_search": True, "replace_above": 1000},
}

KINDS_LIST = "expected a list of kinds, e.g. [incident, near-miss]"
KIND_NAME = "expected kinds in lowercase letters, digits and hyphens, starting with a letter or digit, e.g. near-miss"
FLAG = "expected true or false, got "
DOCS_FOLDER = "expected a relative folder inside docs/, e.g. "
THEMES = ("expected a mapping of theme ids to {title: ..., headings: [...]}, "
          "e.g. {surprises: {title: Surprises, headings: [What surprised us]}}")
PAGE = "expected '' for none or a relative page path inside docs/ ending in .md, e.g. "
REPO_KEYS = "expected {path: ..., name: ..., file_url: ..., commit_url: ...}"
LABELS = "expected a mapping of top folders to labels, e.g. {onboarding: Onboarding, runbooks: Runbooks}"
COUNT = "expected a whole number, 0 or more, got "
FILE_URL = "expected a URL with {path}, e.g. https://git.example.com/shop/blob/main/{path}#L{line}"

# (plugin, option, bad value, the whole error message)
BAD = [
    ("lore/incidents", "enabled", "yes", FLAG + "the text 'yes'"),
    ("lore/incidents", "incidents_dir", "../stories", DOCS_FOLDER + "'incidents', got '../stories' ('..' leads out of docs/)"),
    ("lore/incidents", "incidents_dir", "/srv/kb", DOCS_FOLDER + "'incidents', got '/srv/kb' (an absolute path)"),
    ("lore/incidents", "incidents_dir", "C:/kb", DOCS_FOLDER + "'incidents', got 'C:/kb' (an absolute path)"),
    ("lore/incidents", "incidents_dir", "", DOCS_FOLDER + "'incidents', got ''"),
    ("lore/incidents", "incidents_dir", "a\\b", DOCS_FOLDER + "'incidents', got 'a\\b' (write / between folders)"),
    ("lore/incidents", "incidents_dir", "./a", DOCS_FOLDER + "'incidents', got './a' ('.' and '//' are not folder names)"),
    ("lore/incidents", "incidents_dir", 2024, DOCS_FOLDER + "'incidents', got 2024"),
    ("lore/incidents", "kinds", "near-miss", KINDS_LIST + ", got the text 'near-miss' (write [near-miss] for one)"),
    ("lore/incidents", "kinds", [], "expected at least one kind (the first is the default), e.g. [incident, near-miss]"),
    ("lore/incidents", "kinds", ["incident", "Near Miss"], KIND_NAME + ", got 'Near Miss'"),
    ("lore/incidents", "kinds", ["incident", "-x"], KIND_NAME + ", got '-x'"),
    ("lore/incidents", "kinds", ["incident", "incident"], "expected each kind once, got 'incident' twice"),
    ("lore/incidents", "kinds", ["incident", 7], KINDS_LIST + ", got 7 in the list"),
    ("lore/incidents", "kinds", {"incident": 1}, KINDS_LIST + ", got a mapping"),
    ("lore/incidents", "extra_keys", 7, "expected a list of front-matter keys, e.g. [team, cost], got 7"),
    ("lore/incidents", "extra_keys", "team",
     "expected a list of front-matter keys, e.g. [team, cost], got the text 'team' (write [team] for one)"),
    ("lore/incidents", "extra_keys", ["team", ""], "expected a list of front-matter keys, e.g. [team, cost], got '' in the list"),
    ("lore/incidents", "onboarding_dir", "/onboarding", DOCS_FOLDER + "'onboarding', got '/onboarding' (an absolute path)"),
    ("lore/incidents", "drafts", "false", FLAG + "the text 'false'"),
    ("lore/incidents", "sanitize", "no", FLAG + "the text 'no'"),
    ("lore/incidents", "feed", "feed.atom", "expected '' for none or a relative file path inside the site ending in .xml, "
     "e.g. 'feed.xml', got 'feed.atom' (not a .xml file)"),
    ("lore/incidents", "feed", "../feed.xml", "expected '' for none or a relative file path inside the site ending in "
     ".xml, e.g. 'feed.xml', got '../feed.xml' ('..' leads out of the site)"),
    ("lore/incidents", "feed_size", -3, COUNT + "-3"),
    ("lore/incidents", "summaries_up_to", "all", COUNT + "'all'"),
    ("lore/incidents", "previews", "yes", FLAG + "the text 'yes'"),
    ("lore/incidents", "pager", 0, FLAG + "0"),
    ("lore/incidents", "catalog", 1, FLAG + "1"),
    ("lore/incidents", "service_listing", [], FLAG + "a list"),
    ("lore/incidents", "incidents_in_nav", "on", FLAG + "the text 'on'"),
    ("lore/incidents", "mermaid", "cdn", FLAG + "the text 'cdn'"),
    ("lore/incidents", "mermaid_js", "", "expected the path of mermaid.min.js, relative to mkdocs.yml or absolute, got ''"),
    ("lore/incidents", "mermaid_js", True,
     "expected the path of mermaid.min.js, relative to mkdocs.yml or absolute, got true"),
    ("lore/incidents", "themes", ["surprises"], THEMES + ", got a list"),
    ("lore/incidents", "themes", {}, "expected at least one theme (leave themes out for the five recognised sections), "
     "e.g. {surprises: {title: Surprises, headings: [What surprised us]}}"),
    ("lore/incidents", "themes", {"surprises": "Surprises"},
     "themes.surprises: expected {title: ..., headings: [...]}, got the text 'Surprises'"),
    ("lore/incidents", "themes", {"Big Surprises": {"title": "x"}},
     "expected theme ids in lowercase letters, digits and hyphens, starting with a letter or digit, "
     "e.g. open-questions, got 'Big Surprises'"),
    ("lore/incidents", "themes", {"surprises": {"headings": ["What surprised us"]}},
     "themes.surprises.title: expected the title of the theme page as text, got null"),
    ("lore/incidents", "themes", {"surprises": {"title": "Surprises", "headings": "What surprised us"}},
     "themes.surprises.headings: expected a list of headings, e.g. [What surprised us, Surprises], "
     "got the text 'What surprised us'"),
    ("lore/incidents", "themes", {"surprises": {"title": "Surprises", "headings": [3]}},
     "themes.surprises.headings: expected a list of headings, e.g. [What surprised us, Surprises], got 3"),
    ("lore/incidents", "themes", {"surprises": {"title": "Surprises", "heading": ["x"]}},
     "themes.surprises: expected only title and headings, got 'heading'"),
    ("lore/incidents", "themes", {"a": {"title": "Luck"}, "b": {"title": "B", "headings": ["luck"]}},
     "themes.b: expected each heading in one theme, got 'luck' in theme 'a' too"),
    ("lore/incidents", "wheel", "wheel.html",
     PAGE + "'practice-wheel.md', got 'wheel.html' (not a .md file)"),
    ("lore/incidents", "wheel", "../wheel.md", PAGE + "'practice-wheel.md', got '../wheel.md' ('..' leads out of docs/)"),
    ("lore/incidents", "wheel", False, PAGE + "'practice-wheel.md', got false"),
    ("lore/incidents", "language_hints", "warn", "expected off, info or warning, got 'warn'"),
    ("lore/incidents", "language_hints", True, "expected off, info or warning, got true"),
    ("lore/incidents", "language_phrases", {"(foo": "x"},
     "expected a regular expression: missing ), unterminated subpattern at position 0 in '(foo'"),
    ("lore/incidents", "language_phrases", {"foo)": "x"},
     "expected a regular expression: unbalanced parenthesis at position 3 in 'foo)'"),
    ("lore/incidents", "language_phrases", {"(?i)blame": "x"},
     "expected a regular expression that works among the others (no global flags such as (?i), no numbered "
     "back-references): global flags not at the start of the expression in '(?i)blame'"),
    ("lore/incidents", "language_phrases", {"(?P<a>x)": "1", "(?P<a>y)": "2"},
     "expected phrases that combine into one regular expression: redefinition of group name 'a' as group 4; "
     "was group 2 (each named group may appear in one phrase only)"),
    ("lore/incidents", "language_phrases", {"(blame)?": "x"},
     "expected a regular expression that matches words, got '(blame)?', which matches empty text"),
    ("lore/incidents", "language_phrases", {"blame": 3}, "expected a suggestion as text for 'blame', got 3"),
    ("lore/incidents", "language_phrases", {7: "x"}, "expected each phrase as a regular expression in text, got 7"),
    ("lore/incidents", "language_phrases", ["blame"],
     "expected a mapping of regular expressions to suggestions, e.g. {'should have': 'Say what people knew at the time.'}, "
     "got a list"),
    ("lore/incidents", "language_phrases", {}, "expected at least one phrase (leave language_phrases out for Lore's "
     "list; language_hints: off turns the hints off)"),
    ("lore/glossary", "enabled", "no", FLAG + "the text 'no'"),
    ("lore/glossary", "glossary_dir", "../terms", DOCS_FOLDER + "'glossary', got '../terms' ('..' leads out of docs/)"),
    ("lore/glossary", "link", "every", "expected first or all, got 'every'"),
    ("lore/glossary", "index", "a-z", FLAG + "the text 'a-z'"),
    ("lore/glossary", "appears_in", 0, FLAG + "0"),
    ("lore/glossary", "terms_in_nav", "yes", FLAG + "the text 'yes'"),
    ("lore/backlinks", "enabled", 1, FLAG + "1"),
    ("lore/backlinks", "kinds", ["onboarding"], LABELS + ", got a list"),
    ("lore/backlinks", "kinds", {"docs/onboarding": "Onboarding"},
     LABELS + ", got the folder 'docs/onboarding' (expected one top folder of docs/, without /)"),
    ("lore/backlinks", "kinds", {"runbooks": ["Runbooks"]}, LABELS + ", got a list as the label of 'runbooks'"),
    ("lore/backlinks", "show_on", "incidents",
     "expected a list of kinds of pages, e.g. [incidents, architecture], got the text 'incidents' (write [incidents] for one)"),
    ("lore/backlinks", "show_on", ["incident"],
     "expected kinds of pages among incidents, onboarding, architecture, glossary or other "
     "(the folders of the 'kinds' option, with incidents and other), got 'incident'"),
    ("lore/backlinks", "repos", {"path": "../shop"},
     "expected a list of git checkouts, e.g. [{path: ../shop, file_url: 'https://git.example.com/shop/blob/main/{path}'}], "
     "got a mapping"),
    ("lore/backlinks", "repos", ["../shop"], f"repos[0]: {REPO_KEYS}, got the text '../shop' (write {{path: ../shop}})"),
    ("lore/backlinks", "repos", [{"name": "shop"}],
     "repos[0].path: expected the folder of a git checkout, relative to mkdocs.yml or absolute, got nothing"),
    ("lore/backlinks", "repos", [{"path": "a"}, {"path": "b", "name": 3}],
     "repos[1].name: expected the name shown for the checkout, got 3"),
    ("lore/backlinks", "repos", [{"path": "a", "file_url": "https://x/{path}#L{lineno}"}],
     "repos[0].file_url: unknown placeholder '{lineno}' (expected only {path} and {line})"),
    ("lore/backlinks", "repos", [{"path": "a", "file_url": "https://x/{path"}],
     "repos[0].file_url: 'https://x/{path' is not a valid template: expected '}' before end of string "
     "(expected only {path} and {line}; write {{ and }} for literal braces)"),
    ("lore/backlinks", "repos", [{"path": "a", "file_url": "https://x/blob/main#L{line}"}],
     f"repos[0].file_url: 'https://x/blob/main#L{{line}}' has no {{path}} ({FILE_URL})"),
    ("lore/backlinks", "repos", [{"path": "a", "file_url": 7}], f"repos[0].file_url: {FILE_URL}, got 7"),
    ("lore/backlinks", "repos", [{"path": "a", "commit_url": "https://x/commit/"}],
     "repos[0].commit_url: 'https://x/commit/' has no {sha} "
     "(expected a URL with {sha}, e.g. https://git.example.com/shop/commit/{sha})"),
    ("lore/backlinks", "repos", [{"path": "a", "commit_url": "https://x/{hash}"}],
     "repos[0].commit_url: unknown placeholder '{hash}' (expected only {sha})"),
    ("lore/backlinks", "similar", True, COUNT + "true"),
    ("lore/backlinks", "similar", -1, COUNT + "-1"),
    ("lore/backlinks", "similar", "5", COUNT + "'5'"),
    ("lore/backlinks", "report", "connections",
     PAGE + "'connections.md', got 'connections' (not a .md file)"),
    ("lore/backlinks", "export", "lore.js", "expected '' for none or a relative file path inside the site ending in .json, "
     "e.g. 'lore.json', got 'lore.js' (not a .json file)"),
    ("lore/backlinks", "export", "/var/www/lore.json", "expected '' for none or a relative file path inside the site "
     "ending in .json, e.g. 'lore.json', got '/var/www/lore.json' (an absolute path)"),
    ("lore/explore", "enabled", "auto", FLAG + "the text 'auto'"),
    ("lore/explore", "page", "explore", PAGE + "'explore.md', got 'explore' (not a .md file)"),
    ("lore/explore", "pagefind", "bin", FLAG + "the text 'bin'"),
    ("lore/explore", "bundle", "../pagefind",
     "expected a relative folder inside the site, e.g. 'pagefind', got '../pagefind' ('..' leads out of the site)"),
    ("lore/explore", "bundle", "", "expected a relative folder inside the site, e.g. 'pagefind', got ''"),
    ("lore/explore", "replace_search", 1, "expected true, false or auto, got 1"),
    ("lore/explore", "replace_search", "yes", "expected true, false or auto, got 'yes'"),
    ("lore/explore", "replace_above", False, COUNT + "false"),
    ("lore/explore", "replace_above", 2.5, COUNT + "2.5"),
]

# (plugin, written options, what the plugin then reads)
GOOD = [
    ("lore/incidents", {"incidents_dir": "kb/stories/", "kinds": ["outage", "near-miss", "drill-2"]},
     {"incidents_dir": "kb/stories", "kinds": ["outage", "near-miss", "drill-2"]}),
    ("lore/incidents", {"language_hints": False}, {"language_hints": "off"}),  # YAML reads a bare off as false
    ("lore/incidents", {"language_hints": "warning", "language_phrases": {r"blame[ds]?": "Say what happened."}},
     {"language_hints": "warning", "language_phrases": {r"blame[ds]?": "Say what happened."}}),
    ("lore/incidents", {"themes": {"luck": {"title": "Luck"}, "hard": {"title": "Hard", "headings": ["Tough"]}}},
     {"themes": {"luck": {"title": "Luck", "headings": []}, "hard": {"title": "Hard", "headings": ["Tough"]}}}),
    ("lore/incidents", {"wheel": "", "mermaid_js": "vendor/mermaid.min.js", "extra_keys": ["team"]},
     {"wheel": "", "mermaid_js": "vendor/mermaid.min.js", "extra_keys": ["team"]}),
    ("lore/incidents", {"kinds": None, "drafts": None}, {"kinds": list(DEFAULT_KINDS), "drafts": False}),
    ("lore/glossary", {"link": "all", "glossary_dir": "terms"}, {"link": "all", "glossary_dir": "terms"}),
    ("lore/backlinks", {"kinds": {"runbooks": "Runbooks"}, "show_on": ["incidents", "runbooks", "other"],
                        "similar": 0, "report": "", "export": "data/lore.json"},
     {"kinds": {"runbooks": "Runbooks"}, "show_on": ["incidents", "runbooks", "other"], "similar": 0,
      "report": "", "export": "data/lore.json"}),
    ("lore/explore", {"replace_search": True, "replace_above": 0, "page": "search/explore.md", "bundle": "assets/pf"},
     {"replace_search": True, "replace_above": 0, "page": "search/explore.md", "bundle": "assets/pf"}),
    ("lore/explore", {"replace_search": False}, {"replace_search": False}),
]


def validate(plugin: str, options: dict):
    config = CLASSES[plugin]()
    config.load_dict(options)
    errors, warnings = config.validate()
    return config, [(key, str(e)) for key, e in errors], warnings


@pytest.mark.parametrize("plugin, option, value, message", BAD,
                         ids=[f"{p.split('/')[1]}.{o}={v!r}" for p, o, v, _ in BAD])
def test_a_bad_value_is_one_error_naming_the_option(plugin, option, value, message):
    _, errors, _ = validate(plugin, {option: value})
    assert errors == [(option, message)]


@pytest.mark.parametrize("plugin", CLASSES)
def test_every_option_has_a_bad_value_case(plugin):
    covered = {option for p, option, _, _ in BAD if p == plugin}
    assert covered == {key for key, _ in CLASSES[plugin]._schema}


@pytest.mark.parametrize("plugin", CLASSES)
def test_defaults_are_accepted_and_unchanged(plugin):
    config, errors, warnings = validate(plugin, {})
    assert errors == [] and warnings == []
    assert dict(config) == DEFAULTS[plugin]


@pytest.mark.parametrize("plugin, options, read", GOOD)
def test_good_values_are_read_as_the_plugin_consumes_them(plugin, options, read):
    config, errors, warnings = validate(plugin, options)
    assert errors == [] and warnings == []
    assert {key: config[key] for key in read} == read


def test_repos_are_sub_configs_with_their_templates():
    config, errors, _ = validate("lore/backlinks", {"repos": [
        {"path": "../shop", "file_url": "https://x/{path}#L{line}", "commit_url": "https://x/c/{sha}"},
        {"path": "/srv/ops", "name": "ops", "file_url": "https://x/{path}?{{raw}}"}]})
    assert errors == []
    first, second = config.repos
    assert isinstance(first, RepoConfig) and (first.path, first.name, first.commit_url) == ("../shop", None, "https://x/c/{sha}")
    assert (second.name, second.file_url, second.commit_url) == ("ops", "https://x/{path}?{{raw}}", None)


def test_validated_options_feed_the_core():
    config, errors, _ = validate("lore/incidents", {"themes": {"luck": {"title": "Luck"}},
                                                    "language_phrases": {"blame": "Say what happened."}})
    assert errors == []
    options = Options.from_mapping({"themes": config.themes, "kinds": config.kinds})
    assert options.themes.titles == {"luck": "Luck"} and options.kinds == DEFAULT_KINDS
    assert [h.phrase for h in Checker(config.language_phrases).check("a.md", "They blame DNS.\n")] == ["blame"]
    assert Checker(None).phrases == DEFAULT_PHRASES


def test_load_formats_errors_as_mkdocs_does():
    config, messages = load("lore/incidents", {"kinds": "near-miss"})
    assert messages == ["Plugin 'lore/incidents' option 'kinds': expected a list of kinds, e.g. [incident, near-miss], "
                        "got the text 'near-miss' (write [near-miss] for one)"]
    assert messages[0].level == ERROR and messages[0].is_error
    assert isinstance(config, IncidentsConfig)


def test_load_reports_unknown_options_as_warnings():
    config, messages = load("lore/backlinks", {"simlar": 3, "repos": [{"path": "a", "url": "https://x"}]})
    assert messages == ["Plugin 'lore/backlinks' option 'repos': repos[0].url: Unrecognised configuration name: url",
                        "Plugin 'lore/backlinks' option 'simlar': Unrecognised configuration name: simlar"]
    assert [m.level for m in messages] == [WARNING, WARNING]
    assert config.similar == 5 and config.repos[0].path == "a"


@pytest.mark.parametrize("plugin", CLASSES)
def test_load_without_options_gives_the_defaults(plugin):
    for raw in (None, {}):
        config, messages = load(plugin, raw)
        assert messages == [] and dict(config) == DEFAULTS[plugin]


def test_load_of_options_that_are_not_a_mapping():
    config, messages = load("lore/glossary", ["link: all"])
    assert messages == ["Invalid config options for the 'lore/glossary' plugin."] and messages[0].is_error
    assert config.link == "first"


def test_load_does_not_change_what_it_was_given():
    raw = {"incidents_dir": "stories/", "language_hints": False}
    config, messages = load("lore/incidents", raw)
    assert messages == [] and raw == {"incidents_dir": "stories/", "language_hints": False}
    assert (config.incidents_dir, config.language_hints) == ("stories", "off")


def test_load_of_an_unknown_plugin():
    with pytest.raises(KeyError, match="unknown plugin 'lore/nope'"):
        load("lore/nope", {})


def test_a_bad_option_stops_the_strict_build_with_the_config_error(tmp_path):
    build = run_build(write_project(tmp_path, {"index.md": "# Home\n"}, options="kinds: near-miss"))
    assert build.returncode == 1
    assert ("Config value 'plugins': Plugin 'lore/incidents' option 'kinds': expected a list of kinds, "
            "e.g. [incident, near-miss], got the text 'near-miss' (write [near-miss] for one)") in build.log
    assert "Traceback" not in build.log
