"""The browser editor's configuration, without a browser: every field of every content
model has a widget with the model's limits, the collections name only files that exist,
and ``editor:`` in mkdocs.yml is checked and turned into the admin folder and the server
rules."""

from __future__ import annotations

import html
import json
import typing
from pathlib import Path
from typing import Any

import pytest
from conftest import example_repo, run_mkdocs
from pydantic import BaseModel, Field
from servers import apache_serving, fetch, nginx_serving

from site_builder.editor.config import EditorSettings, read_settings
from site_builder.editor.fields import JOINED, UnsupportedField, fields_of
from site_builder.model import kinds
from site_builder.model.content import Strict
from site_builder.model.kinds import KINDS, FileKind
from site_builder.render.headers import content_security_policy


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    """The file shapes a field's type holds: ``list[Measure]`` → [Measure]. A value the
    loader makes of what the file says (``Columns`` of ``columns:``) is not one: its form is
    the file's shape, which the schema gives."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation] if issubclass(annotation, Strict) else []
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += nested_models(arg)
    return found


def children(field: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields under a widget: an object's, a list's rows', a mapping row's value."""
    out = list(field.get("fields", []))
    if "field" in field:
        out.append(field["field"])
    for child in list(out):
        out += child.get("fields", [])
    return out


def uncovered(model: type[BaseModel], fields: list[dict[str, Any]], path: str) -> list[str]:
    by_name = {f["name"]: f for f in fields}
    missing = []
    for name, info in model.model_fields.items():
        field = by_name.get(name)
        if field is None or not field.get("widget"):
            missing.append(path + name)
            continue
        for sub in nested_models(info.annotation):
            missing += uncovered(sub, children(field), f"{path}{name}.")
    return missing


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_every_field_of_every_model_has_a_widget(kind: FileKind) -> None:
    fields = fields_of(kind.name).fields
    missing = uncovered(kind.model, fields, "")
    join = JOINED.get(kind.name)
    if join is not None:
        # A mapping joined to another's rows is their column (the join transform).
        main = next(f for f in fields if f["name"] == join.main)
        columns = {f["name"] for f in main["fields"]}
        missing = [name for name in missing if join.others.get(name) not in columns]
    assert missing == []


def test_the_walk_finds_a_field_without_a_widget() -> None:
    fields = fields_of("progress").fields
    entries = next(f for f in fields if f["name"] == "entries")
    entries["fields"] = [f for f in entries["fields"] if f["name"] != "evidence"]
    from site_builder.model.content import Progress

    assert uncovered(Progress, fields, "") == ["entries.evidence"]


def test_a_field_of_a_shape_the_form_cannot_hold_stops_the_generator(monkeypatch: pytest.MonkeyPatch) -> None:
    class Odd(Strict):
        """ไฟล์ทดลอง (a kind with a field no widget fits)."""

        weights: dict[str, list[int]] = Field(default_factory=dict, description="น้ำหนัก (weights)")

    odd = FileKind("odd", Odd, "odd.yml", "content/odd.yml", "ไฟล์ทดลอง", "ทดลอง")
    monkeypatch.setattr(kinds, "KINDS", (*KINDS, odd))
    with pytest.raises(UnsupportedField, match="weights"):
        fields_of("odd")


def find(fields: list[dict[str, Any]], path: str) -> dict[str, Any]:
    field: dict[str, Any] = {"fields": fields}
    for name in path.split("."):
        field = next(f for f in children(field) if f["name"] == name)
    return field


def test_the_widgets_carry_the_models_limits() -> None:
    result = fields_of("result").fields
    for path in ("score", "tools.IIT", "indicators.10", "eit_parts.public_indicators.6", "questions.score"):
        score = find(result, path)
        # The editor's own number field: Thai digits read, a letter or a comma refused.
        assert (score["widget"], score["min"], score["max"]) == ("oit-number", 0, 100), path
    assert find(result, "rank.position") == {
        "name": "position",
        "label": "ลำดับที่",
        "hint": "ลำดับที่ (position) · ในไฟล์: position",
        "required": False,
        "widget": "oit-number",
        "integer": True,
        "min": 1,
    }
    code = find(result, "questions.code")
    assert code["required"] is True and code["pattern"][0] == "^[ieoIEO][1-9][0-9]*$"
    assert "เขียน i, e หรือ o" in code["pattern"][1]

    item = fields_of("item").fields
    # Every date a clerk types goes into the editor's Thai date field, never Decap's datetime.
    assert find(item, "documents.date") == {
        "name": "date",
        "label": "วันที่ของเอกสาร",
        "hint": "วันที่ของเอกสาร (date) · ในไฟล์: date",
        "required": False,
        "widget": "oit-date",
    }
    assert find(item, "documents.file")["required"] is True
    assert find(item, "documents.title")["required"] is True
    parts = find(item, "parts")
    assert parts["multiple"] is True
    assert [o["value"] for o in parts["options"]] == ["result", "analysis", "measures", "progress"]

    # An activity's status, once or per unit: its rows fold to Thai words, even when empty
    # (Decap's own words for an empty row were "No unit"), and its hint speaks of the form.
    per_unit = find(fields_of("measures").fields, "measures.activities.status")
    assert per_unit["summary"] == (
        "{{fields.unit | default('ทั้งหมด')}} · {{fields.status | default('ยังไม่ได้เลือก')}}"
    )
    assert per_unit["hint"].startswith("เพิ่ม สถานะ แล้วเลือกสถานะของกิจกรรม")

    # A switch described by what "true" means is labelled by that meaning, as written.
    year = fields_of("year").fields
    assert find(year, "list_confirmed")["label"] == "เมื่อตรวจรายการข้อของปีนี้กับคู่มือ ป.ป.ช. แล้ว"

    progress = fields_of("progress").fields
    status = find(progress, "entries.status")
    assert status["required"] is True
    # The form holds the Thai words; the file keeps the values (the choice transform).
    assert [(o["value"], o["label"]) for o in status["options"]] == [
        ("ดำเนินการแล้ว", "ดำเนินการแล้ว"),
        ("อยู่ระหว่างดำเนินการ", "อยู่ระหว่างดำเนินการ"),
        ("ยังไม่ดำเนินการ", "ยังไม่ดำเนินการ"),
    ]
    choice = next(t for t in fields_of("progress").transforms if t.path == "entries.*.status")
    assert (choice.kind, choice.labels) == (
        "choice",
        {"done": "ดำเนินการแล้ว", "in_progress": "อยู่ระหว่างดำเนินการ", "not_started": "ยังไม่ดำเนินการ"},
    )
    start = find(fields_of("measures").fields, "measures.period.start")
    assert (start["widget"], start["month"]) == ("oit-date", True)
    assert not any(
        f.get("widget") == "datetime" for kind in KINDS for f in _all_fields(fields_of(kind.name).fields)
    )
    # https:// only where the field says so; other links take what the site links to.
    assert find(item, "links.url")["pattern"] == [
        "^https://\\S+$",
        "ที่อยู่ต้องขึ้นต้นด้วย https:// ไม่มีช่องว่าง เช่น https://www.example.go.th/ (an https:// address)",
    ]
    assert find(fields_of("agency").fields, "website")["pattern"] == [
        "^(https?://|mailto:|tel:)\\S+$",
        "ลิงก์ต้องขึ้นต้นด้วย https:// http:// mailto: หรือ tel: ไม่มีช่องว่าง (a web, mail or telephone link)",
    ]
    # An optional object's own required fields are not asked for while it is empty.
    assert find(progress, "period.start")["required"] is False
    assert find(result, "rank.position")["required"] is False


def _all_fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for field in fields:
        out.append(field)
        out += _all_fields(children(field))
    return out


def test_shapes_wider_than_a_form_are_named_for_the_file_formats() -> None:
    kinds = {t.path: t.kind for t in fields_of("analysis").transforms}
    assert kinds["strengths"] == "section" and kinds["strengths.items"] == "list"
    assert kinds["themes.*.questions"] == "rows"
    assert kinds["theme_columns"] == "columns"
    result = {
        t.path: (t.kind, t.key, t.value)
        for t in fields_of("result").transforms
        if t.kind not in ("number", "choice")
    }
    # A question's score, title and label: one row, typed once (three mappings in the file).
    assert result == {"questions": ("join", "code", "score")}
    join = next(t for t in fields_of("result").transforms if t.kind == "join")
    assert join.joined == {"question_titles": "title", "question_labels": "label"}
    questions = find(fields_of("result").fields, "questions")
    assert [f["name"] for f in questions["fields"]] == ["code", "score", "title", "label"]
    named = [f["name"] for f in fields_of("result").fields if f["name"].startswith("question")]
    assert named == ["questions"]
    columns = {t.path: (t.kind, t.key) for t in fields_of("measures").transforms if t.kind == "columns"}
    assert columns == {
        "columns": ("columns", "topic,weakness,actions,responsible,steps,period,status,follow_up")
    }
    numbers = {t.path for t in fields_of("result").transforms if t.kind == "number"}
    assert {"score", "tools.OIT", "indicators.1", "eit_parts.survey", "questions.*.score"} <= numbers


# ------------------------------------------------------------------ the built admin folder


def built(tmp_path: Path, editor: str) -> Path:
    root = example_repo(tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - oit:\n", "  - oit:\n" + editor), "utf-8"
    )
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root


def test_the_collections_name_each_years_files_and_items(tmp_path: Path) -> None:
    root = built(tmp_path, "      editor:\n        backend: local\n")
    data = json.loads((root / "site/admin/oit-editor.json").read_text(encoding="utf-8"))
    cms = data["cms"]
    assert cms["locale"] == "th" and cms["backend"]["name"] == "proxy"
    names = [c["name"] for c in cms["collections"]]
    assert names == ["agency", "y2568", "y2568-items", "y2567", "y2567-items", "y2566", "y2566-items"]
    # Each file's kind, by its collection and its name: the kind whose file it is.
    by_file = {k.file: k.name for k in KINDS}
    for collection in cms["collections"]:
        assert "create" not in collection and "folder" not in collection
        assert set(data["kinds"][collection["name"]]) == {entry["name"] for entry in collection["files"]}
        for entry in collection["files"]:
            assert (root / entry["file"]).is_file(), entry["file"]
            assert data["kinds"][collection["name"]][entry["name"]] == by_file[Path(entry["file"]).name]
            assert data["kinds"][collection["name"]][entry["name"]] in data["forms"]
    items = next(c for c in cms["collections"] if c["name"] == "y2568-items")
    assert len(items["files"]) == 28
    o12 = next(f for f in items["files"] if f["name"] == "o12")
    assert o12["label"].startswith("O12 รายการการจัดซื้อจัดจ้าง")
    assert find(o12["fields"], "documents.file")["media_folder"] == "/content/2568/o12"
    progress = next(c for c in cms["collections"] if c["name"] == "y2568")["files"]
    measure = find(next(f for f in progress if f["name"] == "progress")["fields"], "entries.measure")
    values = [o["value"] for o in measure["options"]]
    assert values[:3] == ["m1", "m2", "m3"] and "2567/m1" in values
    indicators = find(next(f for f in progress if f["name"] == "result")["fields"], "indicators")
    assert indicators["fields"][0]["label"].startswith("ตัวชี้วัดที่ 1 ")
    page = (root / "site/admin/index.html").read_text(encoding="utf-8")
    assert "vendor/decap-cms/decap-cms.js" in page and "https://" not in page.split("<title>")[0]
    for licence in ("vendor/decap-cms/LICENSE", "vendor/yaml/LICENSE"):
        assert (root / "site/admin" / licence).is_file()


def test_without_editor_there_is_no_admin_folder(tmp_path: Path) -> None:
    root = built(tmp_path, "")
    assert not (root / "site/admin").exists()
    assert "admin/" not in (root / "site/nginx-redirects.conf").read_text(encoding="utf-8")


def test_the_editor_policy_names_the_git_host_and_the_servers_send_it(tmp_path: Path) -> None:
    root = built(
        tmp_path,
        "      editor:\n        backend: gitlab\n        repo: banmai/ita\n"
        "        base_url: https://git.banmai.go.th\n        app_id: 0a1b2c3d\n",
    )
    cms = json.loads((root / "site/admin/oit-editor.json").read_text(encoding="utf-8"))["cms"]
    assert cms["backend"] == {
        "name": "gitlab",
        "repo": "banmai/ita",
        "branch": "main",
        "base_url": "https://git.banmai.go.th",
        "api_root": "https://git.banmai.go.th/api/v4",
        "app_id": "0a1b2c3d",
        "auth_type": "pkce",
        "commit_messages": cms["backend"]["commit_messages"],
    }
    page = (root / "site/admin/index.html").read_text(encoding="utf-8")
    policy = html.unescape(
        page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    )
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["connect-src"] == "'self' blob: https://git.banmai.go.th http://localhost:8081"
    assert directives["script-src"] == "'self' 'unsafe-eval'"
    assert directives["default-src"] == "'self'"
    nginx = (root / "site/nginx-redirects.conf").read_text(encoding="utf-8")
    rule = nginx.split('if ($uri ~ "^/ita/admin/") {', 1)[1].split("}", 1)[0]
    assert "connect-src 'self' blob: https://git.banmai.go.th" in rule
    apache = (root / "site/admin/.htaccess").read_text(encoding="utf-8")
    assert "connect-src 'self' blob: https://git.banmai.go.th" in apache


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"backend": "bitbucket"}, "backend: 'bitbucket' ไม่รู้จัก"),
        ({"backend": "github"}, "repo: ต้องเป็น เจ้าของ/ชื่อคลัง"),
        ({"backend": "gitlab", "repo": "a/b"}, "app_id: gitlab ต้องมีรหัสแอป OAuth"),
        ({"backend": "gitea", "repo": "a/b", "app_id": "x"}, "base_url: gitea ต้องมีที่อยู่ของเซิร์ฟเวอร์"),
        (
            {"backend": "github", "repo": "a/b", "base_url": "http://auth.example"},
            "base_url: 'http://auth.example'",
        ),
        ({"backend": "github", "repo": "a/b", "base_url": 'https://x" onload="y'}, "ต้องเป็นที่อยู่ https://"),
        ({"local_url": "http://192.0.2.1:8081/api/v1"}, "local_url: 'http://192.0.2.1:8081/api/v1'"),
        ({"repos": "a/b"}, "repos: ไม่รู้จัก (unknown)"),
    ],
)
def test_wrong_settings_are_named_with_what_to_write(options: dict[str, str], message: str) -> None:
    _, problems = read_settings(options)
    assert any(message in p for p in problems), problems


def test_wrong_settings_stop_the_build_with_the_message(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - oit:\n", "  - oit:\n      editor:\n        backend: github\n"
        ),
        "utf-8",
    )
    result = run_mkdocs(root)
    assert result.returncode != 0
    assert "editor.repo: ต้องเป็น เจ้าของ/ชื่อคลัง" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_git_hosts_each_editor_talks_to() -> None:
    assert EditorSettings("github", "a/b").git_origins() == [
        "https://api.github.com",
        "https://api.netlify.com",
    ]
    assert EditorSettings("github", "a/b", base_url="https://oauth.banmai.go.th").git_origins() == [
        "https://api.github.com",
        "https://oauth.banmai.go.th",
    ]
    assert EditorSettings("gitlab", "a/b", app_id="x").git_origins() == ["https://gitlab.com"]
    assert EditorSettings("gitea", "a/b", base_url="https://git.example.go.th", app_id="x").git_origins() == [
        "https://git.example.go.th"
    ]
    assert EditorSettings("local").git_origins() == []


@pytest.mark.parametrize("server", ["nginx", "apache"])
def test_the_web_server_sends_the_editor_its_own_policy(tmp_path: Path, server: str) -> None:
    root = built(tmp_path, "      editor:\n        backend: github\n        repo: banmai/ita\n")
    serving = nginx_serving if server == "nginx" else apache_serving
    with serving(root / "site", tmp_path / server) as port:
        status, admin = fetch(port, "/ita/admin/")
        assert status == 200
        _, script = fetch(port, "/ita/admin/vendor/decap-cms/decap-cms.js")
        _, page = fetch(port, "/ita/2568/o1/")
    for headers in (admin, script):
        policy = headers["content-security-policy"]
        assert "connect-src 'self' blob: https://api.github.com https://api.netlify.com" in policy
        assert "frame-ancestors 'self'" in policy
        assert headers["x-content-type-options"] == "nosniff"
    assert page["content-security-policy"] == content_security_policy()
