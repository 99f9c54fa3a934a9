// The browser editor: Decap CMS with the site's configuration and two file formats that
// keep an editor's files as they were written.
//
// The formats read and write YAML with eemeli/yaml (vendor/yaml). A save changes only what
// the form changed: the file is parsed again from its text as opened, each changed value is
// set in place, and everything else (the `# yaml-language-server: $schema=…` line, comments,
// key order, flow mappings, how numbers were written) stays byte for byte. Values the form
// leaves empty are not written (the loader refuses `published: ''`). Where a file's shape is
// wider than a form's (text or a list; a list or a section; a mapping with open keys), the
// transforms that site_builder/editor/fields.py lists turn one into the other.
/* global CMS, YAML */
"use strict";

window.CMS_MANUAL_INIT = true;

(function () {
  const SOURCE = "__oit_source";
  let FORMS = {};

  // ------------------------------------------------------------------ paths and values

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isEmpty(value) {
    if (value === undefined || value === null || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (isObject(value)) return Object.keys(value).every((key) => isEmpty(value[key]));
    return false;
  }

  const THAI_NUMBER = /^\s*[๐-๙]+(\.[๐-๙]+)?\s*$/;

  function thaiNumber(value) {
    return Number(value.trim().replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50)));
  }

  // Whether a value is as it was: keys left empty count as absent, and a score typed in
  // Thai digits is the number the form shows for it.
  function same(a, b) {
    if (isEmpty(a) && isEmpty(b)) return true;
    if (typeof a === "string" && typeof b === "number" && THAI_NUMBER.test(a)) return thaiNumber(a) === b;
    if (typeof b === "string" && typeof a === "number" && THAI_NUMBER.test(b)) return thaiNumber(b) === a;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
    if (isObject(a) && isObject(b)) {
      return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((key) => same(a[key], b[key]));
    }
    return a === b;
  }

  // Calls fn(value, original) at every place `path` ("measures.*.actions") names in data,
  // with the value at the same place in `original`; fn's result replaces the value.
  function visit(data, original, parts, fn) {
    if (parts.length === 0) return fn(data, original);
    const [head, ...rest] = parts;
    if (head === "*") {
      if (!Array.isArray(data)) return data;
      return data.map((row, index) =>
        visit(row, Array.isArray(original) ? original[index] : undefined, rest, fn),
      );
    }
    if (!isObject(data) || !(head in data)) return data;
    const inner = isObject(original) ? original[head] : undefined;
    return { ...data, [head]: visit(data[head], inner, rest, fn) };
  }

  // ------------------------------------------------------------------ file shape <-> form shape

  const TO_FORM = {
    list: (value) => (typeof value === "string" ? [value] : value),
    // One value for every key (t.key: the keys) is the value under each key.
    each: (value, t) =>
      typeof value === "string" ? Object.fromEntries(t.key.split(",").map((key) => [key, value])) : value,
    // One value is a row with no key; values by key are a row each.
    keyed: (value, t) =>
      typeof value === "string"
        ? [{ [t.key]: "", [t.value]: value }]
        : isObject(value)
          ? Object.keys(value).map((key) => ({ [t.key]: key, [t.value]: value[key] }))
          : value,
    section: (value) =>
      typeof value === "string" ? { items: [value] } : Array.isArray(value) ? { items: value } : value,
    map: (value, t) =>
      isObject(value)
        ? Object.keys(value).map((key) => ({
            [t.key]: t.key_type === "int" && /^[0-9]+$/.test(key) ? Number(key) : key,
            [t.value]: value[key],
          }))
        : value,
    rows: (value, t) =>
      Array.isArray(value)
        ? value.map((row) => (typeof row === "string" || typeof row === "number" ? { [t.key]: String(row) } : row))
        : value,
    number: (value) => (typeof value === "string" && THAI_NUMBER.test(value) ? thaiNumber(value) : value),
    columns: (value, t) => columnRows(value, t),
  };

  // A table's columns as the form's rows: the list in its order, a mapping of headings
  // as every column (t.key: the site's order) with the headings it gives. A column with
  // sub-columns ({status: {heading, columns: {done: …}}}) has them as rows of its own.
  function columnRow(column, written) {
    if (!isObject(written)) return { column, heading: written ?? "" };
    const subs = isObject(written.columns) ? written.columns : {};
    return {
      column,
      heading: written.heading ?? "",
      sub: Object.keys(subs).map((status) => ({ status, heading: subs[status] ?? "" })),
    };
  }

  function columnRows(value, t) {
    if (Array.isArray(value)) {
      return value.map((entry) =>
        isObject(entry)
          ? columnRow(Object.keys(entry)[0], entry[Object.keys(entry)[0]])
          : { column: String(entry), heading: "" },
      );
    }
    if (isObject(value)) {
      const keys = [...t.key.split(","), ...Object.keys(value).filter((key) => !t.key.split(",").includes(key))];
      return keys.map((key) => columnRow(key, value[key]));
    }
    return value;
  }

  // A column as the file writes it: its key, with its heading, with its sub-columns.
  function columnEntry(row) {
    const subs = Array.isArray(row.sub) ? row.sub.filter((sub) => isObject(sub) && !isEmpty(sub.status)) : [];
    if (subs.length) {
      const columns = Object.fromEntries(subs.map((sub) => [sub.status, isEmpty(sub.heading) ? null : sub.heading]));
      return { [row.column]: isEmpty(row.heading) ? { columns } : { heading: row.heading, columns } };
    }
    return isEmpty(row.heading) ? row.column : { [row.column]: row.heading };
  }

  const TO_FILE = {
    // A score's spelling is kept by the comparison in merge(): unchanged, "๙๒.๕๑" stays.
    number: (value) => value,
    list: (value, t, original) =>
      Array.isArray(value) && typeof original === "string" && value.length === 1 && value[0] === original
        ? original
        : value,
    section: (value, t, original) => {
      if (!isObject(value)) return value;
      const others = Object.keys(value).filter((key) => key !== "items" && !isEmpty(value[key]));
      if (others.length === 0 && !isObject(original)) {
        return typeof original === "string" && same(value.items, [original]) ? original : value.items;
      }
      return value;
    },
    map: (value, t) => {
      if (!Array.isArray(value)) return value;
      const out = {};
      for (const row of value) {
        if (!isObject(row) || isEmpty(row[t.key])) continue;
        out[String(row[t.key]).trim()] = row[t.value];
      }
      return out;
    },
    // The same value under every key is the one value, unless the file gave it key by key.
    each: (value, t, original) => {
      if (!isObject(value) || isObject(original)) return value;
      const values = t.key.split(",").map((key) => value[key]);
      return values.every((one) => !isEmpty(one) && one === values[0]) ? values[0] : value;
    },
    // A row with no key is the one value; rows with keys are values by key.
    keyed: (value, t) => {
      if (!Array.isArray(value)) return value;
      const rows = value.filter((row) => isObject(row) && !isEmpty(row[t.value]));
      if (rows.length === 1 && isEmpty(rows[0][t.key])) return rows[0][t.value];
      const out = {};
      for (const row of rows) {
        if (!isEmpty(row[t.key])) out[String(row[t.key]).trim()] = row[t.value];
      }
      return out;
    },
    rows: (value, t) =>
      Array.isArray(value)
        ? value.map((row) =>
            isObject(row) && Object.keys(row).every((key) => key === t.key || isEmpty(row[key])) ? row[t.key] : row,
          )
        : value,
    // The list of columns; a file's mapping of headings stays as it was when the rows are its own.
    columns: (value, t, original) => {
      if (!Array.isArray(value)) return value;
      const rows = value.filter((row) => isObject(row) && !isEmpty(row.column));
      if (isObject(original) && !Array.isArray(original) && same(rows, columnRows(original, t))) return original;
      return rows.map(columnEntry);
    },
  };

  function toForm(kind, data) {
    const form = FORMS[kind];
    if (!form) return data;
    for (const t of form.transforms) {
      data = visit(data, undefined, t.path.split("."), (value) => TO_FORM[t.kind](value, t));
    }
    return data;
  }

  function toFile(kind, data, original) {
    const form = FORMS[kind];
    if (!form) return data;
    for (const t of [...form.transforms].reverse()) {
      data = visit(data, original, t.path.split("."), (value, before) => TO_FILE[t.kind](value, t, before));
    }
    return data;
  }

  // ------------------------------------------------------------------ YAML in place

  function keyOf(pair) {
    return String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
  }

  function newKey(key) {
    return /^[0-9]+$/.test(key) ? Number(key) : key;
  }

  function fresh(doc, value, old) {
    const node = doc.createNode(value);
    if (YAML.isCollection(node)) node.flow = false;
    if (old && YAML.isNode(old)) {
      node.commentBefore = old.commentBefore;
      node.comment = old.comment;
    }
    return node;
  }

  function orderOf(kind, path) {
    const form = FORMS[kind];
    const key = path.map((part) => (typeof part === "number" ? "*" : part)).join(".");
    return (form && form.order[key]) || [];
  }

  // The node that holds `value` in place of `node`: the same node when nothing changed.
  function merge(doc, node, value, kind, path) {
    const before = YAML.isNode(node) ? node.toJSON() : node;
    if (node !== undefined && same(before, value)) return node;
    if (isObject(value) && YAML.isMap(node)) {
      for (const pair of [...node.items]) {
        const key = keyOf(pair);
        if (!(key in value) || isEmpty(value[key])) {
          node.items.splice(node.items.indexOf(pair), 1);
        } else {
          pair.value = merge(doc, pair.value, value[key], kind, [...path, key]);
        }
      }
      const order = orderOf(kind, path);
      for (const key of Object.keys(value)) {
        if (isEmpty(value[key]) || node.items.some((pair) => keyOf(pair) === key)) continue;
        const pair = doc.createPair(newKey(key), merge(doc, undefined, value[key], kind, [...path, key]));
        const rank = order.indexOf(key);
        const at = rank < 0 ? -1 : node.items.findIndex((other) => order.indexOf(keyOf(other)) > rank);
        if (at < 0) node.items.push(pair);
        else node.items.splice(at, 0, pair);
      }
      if (node.flow && node.items.length === 0) return fresh(doc, {}, node);
      return node;
    }
    if (Array.isArray(value) && YAML.isSeq(node) && !(node.flow && node.items.length === 0)) {
      node.items = value.map((item, index) =>
        merge(doc, index < node.items.length ? node.items[index] : undefined, item, kind, [...path, index]),
      );
      return node;
    }
    if (isObject(value)) {
      // A new mapping: its keys in the form's order, the empty ones left out.
      const order = orderOf(kind, path);
      const keys = Object.keys(value).filter((key) => !isEmpty(value[key]));
      keys.sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9));
      const map = fresh(doc, {}, node);
      for (const key of keys) {
        map.items.push(doc.createPair(newKey(key), merge(doc, undefined, value[key], kind, [...path, key])));
      }
      return map;
    }
    if (Array.isArray(value)) {
      const seq = fresh(doc, [], node);
      seq.items = value.map((item, index) => merge(doc, undefined, item, kind, [...path, index]));
      return seq;
    }
    return fresh(doc, value, node);
  }

  function dump(kind, source, data) {
    const doc = YAML.parseDocument(source || "");
    if (doc.errors.length) throw doc.errors[0];
    const original = doc.toJS() || {};
    const value = toFile(kind, data, original);
    doc.contents = merge(doc, doc.contents === null ? undefined : doc.contents, value, kind, []);
    if (YAML.isMap(doc.contents) && doc.contents.flow && doc.contents.items.length) doc.contents.flow = false;
    const text = doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
    return text === "{}\n" ? "" : text;
  }

  // ------------------------------------------------------------------ the two formats

  const SCHEMA_LINE = /\$schema=\S*?([a-z]+)\.schema\.json/;

  function kindOf(text, data) {
    const named = SCHEMA_LINE.exec(text || "");
    if (named && FORMS[named[1]]) return named[1];
    const keys = isObject(data) ? Object.keys(data) : [];
    const has = (...names) => names.some((name) => keys.includes(name));
    if (has("measures")) return "measures";
    if (has("entries", "as_of")) return "progress";
    if (has("strengths", "weaknesses", "themes", "limitations")) return "analysis";
    if (has("score", "tools", "indicators", "questions", "rank", "level")) return "result";
    if (has("redirects", "gone")) return "redirects";
    if (has("framework", "remove", "replace_items", "list_confirmed", "items", "scoring")) return "year";
    if (has("name", "kind", "province")) return "agency";
    return "";
  }

  function parse(text) {
    const doc = YAML.parseDocument(text || "");
    if (doc.errors.length) throw new Error(doc.errors[0].message);
    const data = doc.toJS();
    return isObject(data) ? data : {};
  }

  const yamlFormat = {
    fromFile(content) {
      const data = parse(content);
      const kind = kindOf(content, data);
      return { ...toForm(kind, data), [SOURCE]: content };
    },
    toFile(data) {
      const { [SOURCE]: source, ...rest } = data;
      return dump(kindOf(source, rest), source, rest);
    },
  };

  const FRONT = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)/m;

  const pageFormat = {
    fromFile(content) {
      const match = FRONT.exec(content || "");
      if (!match || match.index !== 0) return { body: content || "", [SOURCE]: "" };
      const data = parse(match[1]);
      return { ...toForm("item", data), body: content.slice(match[0].length), [SOURCE]: match[1] };
    },
    toFile(data) {
      const { [SOURCE]: source, body, ...rest } = data;
      const front = dump("item", source, rest);
      let text = typeof body === "string" ? body : "";
      if (text && !/^\r?\n/.test(text)) text = "\n" + text;
      if (text && !text.endsWith("\n")) text += "\n";
      return "---\n" + front + "---\n" + text;
    },
  };

  // ------------------------------------------------------------------ Thai

  // Decap's Thai phrases, completed (the ones it lacks fall back to English) and corrected.
  const TH = {
    auth: { loginWithForgejo: "เข้าสู่ระบบด้วย Forgejo" },
    collection: {
      collectionTop: { viewAsList: "แสดงเป็นรายการ", viewAsGrid: "แสดงเป็นตาราง" },
      entries: { unpublishedHeader: "เนื้อหาที่ยังไม่ได้เผยแพร่" },
    },
    editor: {
      editorControl: { field: { widgetLabel: "ช่อง %{widgetLabel}" } },
      editorControlPane: {
        widget: {
          range: "%{fieldLabel} ต้องอยู่ระหว่าง %{minValue} ถึง %{maxValue}",
          min: "%{fieldLabel} ต้องไม่น้อยกว่า %{minValue}",
          max: "%{fieldLabel} ต้องไม่เกิน %{maxValue}",
          regexPattern: "%{fieldLabel}: %{pattern}",
        },
      },
      editorInterface: { toggleNotes: "แสดงหรือซ่อนบันทึก" },
      editorNotesPane: {
        title: "บันทึก",
        emptyState: "ยังไม่มีบันทึก",
        addNote: "เพิ่มบันทึก",
        addPlaceholder: "เพิ่มบันทึก...",
        editPlaceholder: "แก้ไขบันทึก...",
        save: "บันทึก",
        cancel: "ยกเลิก",
        edit: "แก้ไข",
        delete: "ลบ",
        resolve: "เสร็จแล้ว",
        unresolve: "ยังไม่เสร็จ",
        confirmDelete: "ต้องการลบบันทึกนี้ใช่หรือไม่",
        shortcut: "กด Ctrl+Enter เพื่อเพิ่มบันทึก",
      },
      editorToolbar: {
        changesSaved: "บันทึกการเปลี่ยนแปลงแล้ว",
        deleteUnpublishedChanges: "ลบการเปลี่ยนแปลงที่ยังไม่ได้เผยแพร่",
        unpublishing: "กำลังยกเลิกการเผยแพร่...",
        backCollection: "กลุ่ม %{collectionLabel}",
      },
      editorWidgets: {
        markdown: {
          strikethrough: "ขีดฆ่า",
          toggleMode: { rich: "สลับเป็นข้อความฟอร์แมต", markdown: "สลับเป็นมาร์คดาวน์" },
        },
        datetime: { setToNow: "ตั้ง %{fieldLabel} เป็นวันนี้" },
        object: { expand: "ขยาย", collapse: "ย่อ" },
      },
    },
    mediaLibrary: {
      mediaLibraryModal: {
        close: "ปิด",
        mediaAssets: "ไฟล์",
        chooseSelected: "ใช้ไฟล์ที่เลือก",
        deleteSelected: "ลบไฟล์ที่เลือก",
      },
    },
    ui: {
      settingsDropdown: { account: "เมนูบัญชีผู้ใช้" },
      toast: {
        noteAdded: "เพิ่มบันทึกแล้ว",
        onFailToAddNote: "เพิ่มบันทึกไม่สำเร็จ: %{details}",
        noteUpdated: "แก้ไขบันทึกแล้ว",
        onFailToUpdateNote: "แก้ไขบันทึกไม่สำเร็จ: %{details}",
        noteDeleted: "ลบบันทึกแล้ว",
        onFailToDeleteNote: "ลบบันทึกไม่สำเร็จ: %{details}",
        noteResolved: "บันทึกนี้เสร็จแล้ว",
        noteReopened: "เปิดบันทึกนี้อีกครั้ง",
        onFailToToggleNote: "เปลี่ยนสถานะบันทึกไม่สำเร็จ: %{details}",
      },
    },
  };

  function deepMerge(base, extra) {
    const out = { ...base };
    for (const key of Object.keys(extra)) {
      out[key] = isObject(extra[key]) && isObject(base[key]) ? deepMerge(base[key], extra[key]) : extra[key];
    }
    return out;
  }

  // ------------------------------------------------------------------ start

  async function start() {
    const response = await fetch("oit-editor.json", { cache: "no-cache" });
    const settings = await response.json();
    FORMS = settings.forms;
    CMS.registerLocale("th", deepMerge(CMS.getLocale("th") || {}, TH));
    CMS.registerCustomFormat("oit-yaml", "yml", yamlFormat);
    CMS.registerCustomFormat("oit-page", "md", pageFormat);
    CMS.init({ config: settings.cms });
  }

  function say(text) {
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.style.cssText = "max-width:40rem;margin:3rem auto;padding:0 1rem;font:1.1rem/1.7 sans-serif";
    p.textContent = text;
    document.body.replaceChildren(p);
  }

  window.addEventListener("DOMContentLoaded", () => {
    // Over plain http the git host's sign-in token would cross the network readable and the
    // page could be altered on the way: the editor opens only over https (or on this PC).
    if (!window.isSecureContext) {
      say(
        "หน้าแก้ไขเนื้อหาเปิดได้เฉพาะผ่าน https:// (หรือบนเครื่องนี้ที่ localhost) " +
          "เพราะต้องส่งรหัสเข้าสู่ระบบของที่เก็บ git: เปิด " +
          location.href.replace(/^http:/, "https:") +
          " แทน หรือให้ผู้ดูแลเว็บเปิดใช้ https " +
          "(the editor opens only over https, which carries the git host's sign-in safely)",
      );
      return;
    }
    start().catch((error) => say("เปิดโปรแกรมแก้ไขไม่สำเร็จ (the editor failed to start): " + error));
  });

  // For the tests of the formats, which run them without a browser's Decap
  // (tests/editor/admin.test.mjs runs the pure functions under Node).
  window.OIT_EDITOR = { yamlFormat, pageFormat, toForm, toFile, merge, dump, setForms: (forms) => (FORMS = forms) };
})();
