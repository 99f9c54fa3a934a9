"""The browser editor at ``/admin/``: Decap CMS, vendored, with forms made from the models.

:func:`editor_files` is every file the admin folder holds: the page, its configuration
(:mod:`site_builder.editor.config`, from the models by :mod:`site_builder.editor.fields`),
the editor's own script and stylesheet (``static/admin.js``: the file formats, the Thai date
field; ``static/admin.css``: the layout on a phone) and the vendored bundles
(``vendor/``: Decap CMS and eemeli/yaml, with their licences; ``scripts/vendor_editor.sh``
refreshes them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from site_builder.editor.config import EditorSettings, editor_config
from site_builder.model.site import Site
from site_builder.render.headers import editor_security_policy

ADMIN = "admin"
HERE = Path(__file__).parent


@dataclass(frozen=True)
class EditorFile:
    """One file of the admin folder: made (``content``) or copied from the package (``path``)."""

    uri: str
    content: str | None = None
    path: Path | None = None


def editor_files(site: Site, settings: EditorSettings, site_url: str | None) -> list[EditorFile]:
    config = editor_config(site, settings, site_url)
    origins = (settings.git_origins(), settings.local_origin())
    policy = editor_security_policy(*origins)
    page = (HERE / "static" / "index.html").read_text(encoding="utf-8")
    page = page.replace("{{ policy }}", str(escape(editor_security_policy(*origins, header=False)))).replace(
        "{{ agency }}", str(escape(site.agency.name))
    )
    data = {"cms": config.cms, "forms": config.forms, "kinds": config.kinds}
    files = [
        EditorFile(f"{ADMIN}/index.html", content=page),
        EditorFile(f"{ADMIN}/oit-editor.json", content=json.dumps(data, ensure_ascii=False, indent=1) + "\n"),
        EditorFile(f"{ADMIN}/admin.js", path=HERE / "static" / "admin.js"),
        EditorFile(f"{ADMIN}/admin.css", path=HERE / "static" / "admin.css"),
        # Apache: the site's .htaccess sends the site's policy; this folder's replaces it.
        EditorFile(
            f"{ADMIN}/.htaccess",
            content="<IfModule mod_headers.c>\n"
            f'    Header always set Content-Security-Policy "{policy}"\n'
            "</IfModule>\n",
        ),
    ]
    vendor = HERE / "vendor"
    for path in sorted(vendor.rglob("*")):
        if path.is_file():
            files.append(EditorFile(f"{ADMIN}/vendor/{path.relative_to(vendor).as_posix()}", path=path))
    return files
