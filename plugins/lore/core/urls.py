"""Relative URLs between pages, computed without touching the file system."""


def relative_url(from_url: str, to_url: str) -> str:
    """``to_url`` as seen from the page at ``from_url`` (both site-relative, MkDocs style).

    Listings and glossary links ask this tens of thousands of times per build;
    string splitting is much cheaper than path normalisation.
    """
    from_url = from_url[2:] if from_url.startswith("./") else from_url  # MkDocs' homepage URL is "./"
    to_url = to_url[2:] if to_url.startswith("./") else to_url
    base = from_url.split("/")[:-1]
    target = to_url.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "../" * (len(base) - common) + "/".join(target[common:]) or "./"
