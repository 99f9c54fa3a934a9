"""Published URLs: the register, and what the build must keep answering.

The register (``published-urls.txt`` beside ``mkdocs.yml``) is a sorted list of every
site path ever published, one a line, as ``/2568/o1/``. ``oit-site register`` adds the
paths of the current build. A build fails when a registered path would no longer
answer: removing one is an explicit act in ``content/redirects.yml``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import unescape
from pathlib import Path
from urllib.parse import unquote

REGISTER = "published-urls.txt"
HEADER = (
    "# URLs this site has published, one a line, relative to the site root.\n"
    "# Added by `oit-site register`; a build fails if one of them would stop answering.\n"
    "# To move or retire one, declare it in content/redirects.yml; never delete a line.\n"
)


def path_of(uri: str) -> str:
    """Site path of a built file: ``2568/o1/index.md`` → ``/2568/o1/``."""
    if uri == "index.md":
        return "/"
    if uri.endswith("/index.md"):
        return "/" + uri[: -len("index.md")]
    if uri.endswith("/index.html"):
        return "/" + uri[: -len("index.html")]
    return "/" + uri


def read_register(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def write_register(path: Path, urls: Iterable[str]) -> tuple[int, int]:
    """Add ``urls`` to the register; return (added, total). Nothing is ever removed."""
    before = set(read_register(path))
    after = before | set(urls)
    path.write_text(HEADER + "".join(f"{url}\n" for url in sorted(after)), encoding="utf-8")
    return len(after - before), len(after)


def lost_urls(register: Iterable[str], answered: set[str]) -> list[str]:
    """Registered paths that the build would no longer answer."""
    return sorted(url for url in register if url not in answered)


def invisible_or_control(char: str) -> bool:
    """Control characters and invisible formatting: a right-to-left override shows
    ``รายงาน\u202efdp.exe`` as ``รายงานexe.pdf``, a zero-width space hides inside a code."""
    return unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Zl", "Zp")


# What web addresses and server configurations read as syntax (# a fragment, ? a query,
# % an escape, \ a slash to browsers, quotes, braces and ; in nginx and Apache rules,
# $ a variable), and what Windows forbids in a file name.
URL_SYNTAX = frozenset("#?%\\\"<>|*:'`{};$^")


def path_key(path: str) -> str:
    """One spelling of a site path for comparing: decoded, NFC, case folded, without
    ``index.html`` (``/2568/O1/Index.html`` and ``/2568/o1/`` are one page on a host that
    ignores case, as Windows and macOS hosts do)."""
    text = unicodedata.normalize("NFC", unquote(path)).casefold()
    for index in ("index.html", "index.htm"):
        if text.endswith("/" + index):
            return text[: -len(index)]
    return text


# How browsers read an address in a page (tabs and line breaks dropped, a backslash as a
# slash): what the sanitiser and the warnings judge addresses by.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_OTHER_HOST = re.compile(r"^([a-z][a-z0-9+.\-]*:)?[\\/]{2}", re.I)
SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.I)


def as_browsers_read(url: str) -> str:
    """Browsers drop tabs and line breaks inside a URL, and control characters and spaces around it."""
    return re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)


def loads_elsewhere(url: str) -> bool:
    """An address a page would load from another host, or by a scheme (an inline raster image excepted)."""
    url = as_browsers_read(unescape(url))
    if _OTHER_HOST.match(url):
        return True
    if not SCHEME.match(url):
        return False
    return not re.match(r"data:image/(png|jpe?g|gif|webp)[;,]", url, re.I)
