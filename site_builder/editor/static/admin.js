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
  let KINDS = {};

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
    choice: (value, t) => (typeof value === "string" && t.labels[value] !== undefined ? t.labels[value] : value),
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
    choice: (value, t) => {
      const found = Object.keys(t.labels).find((key) => t.labels[key] === value);
      return found === undefined ? value : found;
    },
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

  // Mappings keyed alike (a result's questions, question_titles and question_labels) as one
  // list of rows, t.path's keyed by t.key with its value as t.value and each other mapping's
  // as its column (t.joined): a question's code is typed once.
  function joinToForm(data, t) {
    if (!isObject(data)) return data;
    const maps = [t.path, ...Object.keys(t.joined)];
    if (maps.some((key) => key in data && !isObject(data[key]))) return data; // not mappings: as written
    const codes = [];
    for (const key of maps) for (const code of Object.keys(data[key] || {})) if (!codes.includes(code)) codes.push(code);
    if (!codes.length) return data;
    const rows = codes.map((code) => {
      const row = { [t.key]: code, [t.value]: (data[t.path] || {})[code] };
      for (const [key, column] of Object.entries(t.joined)) row[column] = (data[key] || {})[code];
      return row;
    });
    const out = { ...data, [t.path]: rows };
    for (const key of Object.keys(t.joined)) delete out[key];
    return out;
  }

  function joinToFile(data, t, original) {
    if (!isObject(data) || !Array.isArray(data[t.path])) return data;
    const before = isObject(original) ? original : {};
    const mapping = (key, column) => {
      const out = {};
      for (const row of data[t.path]) {
        if (!isObject(row) || isEmpty(row[t.key])) continue;
        const code = String(row[t.key]).trim();
        // A code stays in a mapping that had it, even with its value emptied (a score to come).
        if (!isEmpty(row[column]) || (isObject(before[key]) && code in before[key])) out[code] = row[column] ?? null;
      }
      return out;
    };
    const out = { ...data, [t.path]: mapping(t.path, t.value) };
    for (const [key, column] of Object.entries(t.joined)) {
      const made = mapping(key, column);
      if (Object.keys(made).length || key in before) out[key] = made;
    }
    return out;
  }

  function toForm(kind, data) {
    const form = FORMS[kind];
    if (!form) return data;
    for (const t of form.transforms) {
      if (t.kind === "join") data = joinToForm(data, t);
      else data = visit(data, undefined, t.path.split("."), (value) => TO_FORM[t.kind](value, t));
    }
    return data;
  }

  function toFile(kind, data, original) {
    const form = FORMS[kind];
    if (!form) return data;
    for (const t of [...form.transforms].reverse()) {
      if (t.kind === "join") data = joinToFile(data, t, original);
      else data = visit(data, original, t.path.split("."), (value, before) => TO_FILE[t.kind](value, t, before));
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

  // Each file's kind, by its collection and its entry's name, as the configuration gives
  // it (site_builder/editor/config.py). Decap gives a format the file's text alone: the
  // kind is the one of the entry Decap has open, which its address names
  // (#/collections/<collection>/entries/<entry>). Elsewhere (a collection's list) a file
  // is read as it is, without a form's shapes.
  const OPENED = /^#\/collections\/([^/?#]+)\/entries\/([^/?#]+)/;

  function kindOfEntry(collection, name) {
    return (KINDS[collection] || {})[name] || "";
  }

  function openedKind() {
    const opened = OPENED.exec((window.location && window.location.hash) || "");
    return opened ? kindOfEntry(decodeURIComponent(opened[1]), decodeURIComponent(opened[2])) : "";
  }

  function parse(text) {
    const doc = YAML.parseDocument(text || "");
    if (doc.errors.length) throw new Error(doc.errors[0].message);
    const data = doc.toJS();
    return isObject(data) ? data : {};
  }

  // A YAML file of one kind.
  function yamlFormat(kind) {
    return {
      fromFile(content) {
        return { ...toForm(kind, parse(content)), [SOURCE]: content };
      },
      toFile(data) {
        const { [SOURCE]: source, ...rest } = data;
        return dump(kind, source, rest);
      },
    };
  }

  // The format Decap calls for the YAML collections: the kind of the entry it has open.
  const openedYaml = {
    fromFile: (content) => yamlFormat(openedKind()).fromFile(content),
    toFile: (data) => yamlFormat(openedKind()).toFile(data),
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


  // ------------------------------------------------------------------ dates

  // Decap's datetime widget reads "09192025" as a date of 1905 and a Buddhist-era year as
  // another century, and saves it silently. The editor's own date field reads what a clerk
  // types (15/03/2568, 15 มี.ค. 2568, 2025-03-15, in Thai or Arabic digits), shows the date
  // in the Buddhist era, writes ISO, and refuses what it cannot read.

  const MONTHS = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
  ];
  const MONTHS_SHORT = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
  ];

  function arabicDigits(text) {
    return text.replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));
  }

  function monthNumber(word) {
    const bare = word.replace(/[.\s]/g, "");
    for (let index = 0; index < 12; index++) {
      if (bare === MONTHS[index] || bare === MONTHS_SHORT[index].replace(/\./g, "")) return index + 1;
    }
    return 0;
  }

  const pad = (number) => String(number).padStart(2, "0");

  // What a clerk typed, read: { value: "2025-03-15" } (or "2025-03" where a month will
  // do), { value: "" } for nothing, or { error: "…" } in Thai and English.
  function readDate(text, monthAllowed = false) {
    const typed = arabicDigits(String(text ?? "")).trim().replace(/\s+/g, " ");
    if (!typed) return { value: "" };
    let day = 0;
    let month = 0;
    let year = 0;
    let twoDigits = false;
    let found;
    if ((found = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(typed))) {
      [year, month, day] = [Number(found[1]), Number(found[2]), Number(found[3] ?? 0)];
    } else if ((found = /^(?:(\d{1,2})[/.-])?(\d{1,2})[/.-](\d{4}|\d{2})$/.exec(typed))) {
      [day, month, year] = [Number(found[1] ?? 0), Number(found[2]), Number(found[3])];
      twoDigits = found[3].length === 2;
    } else if ((found = /^(?:(\d{1,2}) ?)?([ก-๛.]+?) ?(?:พ\. ?ศ\. ?)?(\d{4}|\d{2})$/.exec(typed))) {
      month = monthNumber(found[2]);
      if (!month) {
        return { error: `ไม่รู้จักเดือน "${found[2]}" เขียนเช่น 15 มี.ค. 2568 หรือ 15 มีนาคม 2568 (unknown month)` };
      }
      [day, year] = [Number(found[1] ?? 0), Number(found[3])];
      twoDigits = found[3].length === 2;
    } else if (/^\d{5,8}$/.test(typed)) {
      return {
        error:
          "พิมพ์วันที่ให้มีเครื่องหมาย / คั่นวัน เดือน ปี เช่น 15/03/2568 " +
          "(type the day, month and year apart: 15/03/2568)",
      };
    } else {
      return {
        error:
          `อ่าน "${String(text).trim()}" เป็นวันที่ไม่ได้ เขียนเช่น 15/03/2568, 15 มี.ค. 2568 หรือ 2025-03-15 ` +
          "(not a date this field can read)",
      };
    }
    // Two digits are a Buddhist-era year (68 is 2568); four from 2400 up are Buddhist era.
    const ce = twoDigits ? year + 2500 - 543 : year >= 2400 ? year - 543 : year;
    if (ce < 1950 || ce > 2100) {
      return {
        error: `ปี ${year} ไม่น่าใช่ เขียนปี พ.ศ. เช่น 2568 หรือ ค.ศ. เช่น 2025 (the year ${year} is not plausible)`,
      };
    }
    if (month < 1 || month > 12) {
      return { error: `ไม่มีเดือนที่ ${month} เขียน วัน/เดือน/ปี เช่น 15/03/2568 (no month ${month}: day/month/year)` };
    }
    if (!day) {
      if (monthAllowed) return { value: `${ce}-${pad(month)}` };
      return { error: "ใส่วันที่ด้วย เช่น 15/03/2568 (the day is missing)" };
    }
    const when = new Date(Date.UTC(ce, month - 1, day));
    if (when.getUTCMonth() !== month - 1 || when.getUTCDate() !== day) {
      return {
        error: `ไม่มีวันที่ ${day} ใน${MONTHS[month - 1]} ${ce + 543} (no such day in that month)`,
      };
    }
    return { value: `${ce}-${pad(month)}-${pad(day)}` };
  }

  // "2025-03-15" → "15 มีนาคม 2568"; "2025-03" → "มีนาคม 2568"; anything else → "".
  function thaiDate(iso) {
    const found = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(iso ?? ""));
    if (!found) return "";
    const month = MONTHS[Number(found[2]) - 1];
    const year = Number(found[1]) + 543;
    return found[3] ? `${Number(found[3])} ${month} ${year}` : `${month} ${year}`;
  }

  // "2025-03-15" → "15/03/2568", as the field shows a stored date for editing.
  function typedDate(iso) {
    const found = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(iso ?? ""));
    if (!found) return iso ? String(iso) : "";
    const year = Number(found[1]) + 543;
    return found[3] ? `${found[3]}/${found[2]}/${year}` : `${found[2]}/${year}`;
  }

  function todayIso() {
    const now = new Date();
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  // ------------------------------------------------------------------ widgets

  // A field typed as text and read by ``read(text, field)``: { value } or { error }. What
  // cannot be read stays the field's value, so that isValid refuses the save with the
  // reader's words; ``typed(value)`` is the text a stored value shows as, ``draw(widget,
  // read)`` the field's elements.
  function typedWidget({ read, typed, draw }) {
    return window.createClass({
      getInitialState() {
        return { text: typed(this.props.value) };
      },
      componentDidUpdate(previous) {
        // A value set from outside the field (the offered updated date): shown as typed.
        if (previous.value !== this.props.value && this.props.value !== this.sent) {
          this.setState({ text: typed(this.props.value) });
        }
      },
      isValid() {
        const found = read(this.props.value, this.props.field);
        if (!found.error) return true;
        return { error: { message: `${this.props.field.get("label")}: ${found.error}` } };
      },
      send(text) {
        const found = read(text, this.props.field);
        this.sent = found.error ? text : found.value;
        this.setState({ text });
        this.props.onChange(this.sent);
      },
      render() {
        return draw(this, read(this.state.text, this.props.field));
      },
    });
  }

  function fieldInput(widget, more) {
    return window.h("input", {
      id: widget.props.forID,
      className: widget.props.classNameWrapper,
      type: "text",
      autoComplete: "off",
      value: widget.state.text,
      onChange: (event) => widget.send(event.target.value),
      onFocus: widget.props.setActiveStyle,
      onBlur: widget.props.setInactiveStyle,
      ...more,
    });
  }

  function fieldError(found) {
    return found.error ? window.h("span", { className: "oit-date-error" }, found.error) : "";
  }

  function dateWidget() {
    const month = (field) => Boolean(field.get("month"));
    return typedWidget({
      read: (text, field) => readDate(text, month(field)),
      typed: typedDate,
      draw(widget, found) {
        const h = window.h;
        const said =
          found.error || !found.value ? fieldError(found) : `${thaiDate(found.value)} · ในไฟล์ ${found.value}`;
        return h(
          "div",
          { className: "oit-date" },
          h(
            "div",
            { className: "oit-date-row" },
            fieldInput(widget, {
              placeholder: month(widget.props.field) ? "เช่น 15/03/2568 หรือ 03/2568" : "วว/ดด/ปปปป เช่น 15/03/2568",
            }),
            h(
              "button",
              { type: "button", className: "oit-date-today", onClick: () => widget.send(typedDate(todayIso())) },
              "วันนี้",
            ),
          ),
          h("p", { className: "oit-date-read", "aria-live": "polite" }, said),
        );
      },
    });
  }

  // A number as a clerk types it: Thai or Arabic digits, a point for the decimals. Browsers'
  // own number fields drop what they cannot read (8o.5 became 8.5, ๘๐.๕ nothing), so a
  // typing slip would be saved as another score: here it is refused, and said.
  // { value: 85.42 }, { value: null } for nothing, or { error: "…" } in Thai and English.
  function readNumber(text, { min = null, max = null, integer = false } = {}) {
    const typed = arabicDigits(String(text ?? "")).trim();
    if (!typed) return { value: null };
    if (/^[+-]?\d+,\d+$/.test(typed)) {
      return { error: "ใช้จุดทศนิยม เช่น 85.42 ไม่ใช้จุลภาค (use a point for the decimals)" };
    }
    const shape = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
    if (!shape.test(typed)) {
      const example = integer ? "2568" : "85.42";
      return { error: `พิมพ์เป็นตัวเลข เช่น ${example} (type a number: ${example})` };
    }
    const value = Number(typed);
    if ((min !== null && value < min) || (max !== null && value > max)) {
      return { error: `ต้องอยู่ระหว่าง ${min ?? "…"} ถึง ${max ?? "…"} (between ${min ?? "…"} and ${max ?? "…"})` };
    }
    return { value };
  }

  function numberWidget() {
    const limits = (field) => ({
      min: field.get("min") === undefined ? null : field.get("min"),
      max: field.get("max") === undefined ? null : field.get("max"),
      integer: Boolean(field.get("integer")),
    });
    return typedWidget({
      // Nothing typed: no value, so that the key leaves the file.
      read: (text, field) => {
        const found = readNumber(text, limits(field));
        return found.value === null ? { value: undefined } : found;
      },
      typed: (value) => (value === null || value === undefined ? "" : String(value)),
      draw: (widget, found) =>
        window.h(
          "div",
          { className: "oit-number" },
          fieldInput(widget, { inputMode: "decimal" }),
          window.h("p", { className: "oit-date-read", "aria-live": "polite" }, fieldError(found)),
        ),
    });
  }

  function datePreview() {
    return window.createClass({
      render() {
        return window.h("span", {}, thaiDate(this.props.value));
      },
    });
  }

  // What a form is about, above its fields: the item, its status, what the assessor
  // expects, the period its documents must fall in, and its page. It stores nothing.
  function aboutWidget() {
    return window.createClass({
      getInitialState() {
        const about = this.props.field.get("about");
        return { about: about && about.toJS ? about.toJS() : {} };
      },
      componentDidMount() {
        this.refresh = () => this.fetchAbout();
        window.addEventListener("oit-saved", this.refresh);
        this.fetchAbout();
      },
      componentWillUnmount() {
        window.removeEventListener("oit-saved", this.refresh);
      },
      fetchAbout() {
        const path = this.props.entry && this.props.entry.get("path");
        if (!LOCAL || !path) return;
        api("about", { path })
          .then((about) => about && this.setState({ about }))
          .catch(() => undefined);
      },
      isValid() {
        return true;
      },
      render() {
        const h = window.h;
        const about = this.state.about;
        const list = (items) => h("ul", {}, items.map((text, index) => h("li", { key: index }, text)));
        const parts = [
          h("p", { key: "heading", className: "oit-about-heading" }, h("strong", {}, about.heading), ` · ${about.year}`),
          h(
            "p",
            { key: "status", className: about.done ? "oit-about-status oit-about-done" : "oit-about-status" },
            `สถานะบนหน้าเว็บ: ${about.status}`,
          ),
        ];
        if (about.notes && about.notes.length) parts.push(h("div", { key: "notes" }, list(about.notes)));
        if (about.expects && about.expects.length) {
          parts.push(
            h("p", { key: "expects-title", className: "oit-about-title" }, "สิ่งที่ผู้ตรวจประเมินคาดหวัง"),
            h("div", { key: "expects" }, list(about.expects)),
          );
        }
        if (about.period) parts.push(h("p", { key: "period" }, `ข้อมูลต้องเป็นของ${about.period}`));
        if (about.page) {
          const href = new URL(`../${about.page}`, location.href).href;
          parts.push(
            h(
              "p",
              { key: "page" },
              "หน้านี้บนเว็บ: ",
              h("a", { href, target: "_blank", rel: "noopener" }, new URL(href).pathname),
            ),
          );
        }
        return h("section", { className: "oit-about" }, parts);
      },
    });
  }

  // ------------------------------------------------------------------ saving through oit-site serve

  // Under `oit-site serve` the editor saves through the product's own backend, which also
  // checks a save before it is written (the build's errors, what the public page would flag).
  let LOCAL = null;

  async function api(action, params) {
    const response = await fetch(LOCAL.api, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ action, params }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error);
    return answer;
  }

  function plainValue(value) {
    return value && typeof value.toJS === "function" ? value.toJS() : value;
  }

  // A field's place in the form, in its labels: "ผลรายมาตรการ ที่ 3 › สถานะ".
  function fieldPlace(fields, path) {
    const said = [];
    let here = fields || [];
    for (const part of path) {
      if (/^[0-9]+$/.test(part)) {
        said.push(`ที่ ${Number(part) + 1}`);
        continue;
      }
      const field = here.find((f) => f.name === part);
      said.push(field ? field.label : part);
      here = field ? field.fields || (field.field ? [field.field] : []) : [];
    }
    return said.join(" › ");
  }

  function fieldsOf(path) {
    for (const collection of LOCAL.collections) {
      for (const file of collection.files || []) if (file.file === path) return file.fields;
    }
    return [];
  }

  function showProblems(title, lines) {
    let box = document.getElementById("oit-problems");
    if (!box) {
      box = document.createElement("div");
      box.id = "oit-problems";
      box.setAttribute("role", "alert");
      document.body.append(box);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "ปิด";
    close.addEventListener("click", () => box.remove());
    const heading = document.createElement("p");
    heading.className = "oit-problems-title";
    heading.textContent = title;
    const list = document.createElement("ul");
    for (const line of lines) {
      const item = document.createElement("li");
      item.textContent = line;
      list.append(item);
    }
    box.replaceChildren(close, heading, list);
  }

  function hideProblems() {
    document.getElementById("oit-problems")?.remove();
  }

  async function beforeSave({ entry }) {
    const path = entry.get("path");
    if (!LOCAL || path === LOCAL.newYear) return undefined;
    const data = plainValue(entry.get("data"));
    const kind = kindOfEntry(entry.get("collection"), entry.get("slug"));
    const format = kind === "item" ? pageFormat : yamlFormat(kind);
    const media = plainValue(entry.get("mediaFiles")) || [];
    const assets = media.filter((file) => file && file.draft).map((file) => file.path);
    const check = await api("check", { path, raw: format.toFile(data), assets });
    if (check.errors.length) {
      const fields = fieldsOf(path);
      showProblems(
        "บันทึกไม่ได้ ไม่มีไฟล์ใดถูกเขียน: แก้ช่องต่อไปนี้ (not saved; nothing was written)",
        check.errors.map((error) => {
          const place = error.path.length ? `${fieldPlace(fields, error.path)}: ` : "";
          return `${place}${error.message}${error.hint ? ` วิธีแก้: ${error.hint}` : ""}`;
        }),
      );
      throw new Error("ยังบันทึกไม่ได้ ดูรายการที่ต้องแก้ (see what to fix)");
    }
    hideProblems();
    if (check.warnings.length) {
      const go = window.confirm(
        "หน้าเว็บจะแสดงว่าข้อมูลมีปัญหา (the public page will flag this):\n\n" +
          check.warnings.join("\n\n") +
          "\n\nบันทึกต่อหรือไม่? (save anyway?)",
      );
      if (!go) throw new Error("ยกเลิกการบันทึก แก้วันที่แล้วบันทึกใหม่ (not saved)");
    }
    if (check.offer && window.confirm(check.offer.text)) {
      return entry.get("data").set("updated", check.offer.updated);
    }
    return undefined;
  }

  function afterSave({ entry }) {
    if (entry.get("path") === LOCAL.newYear) {
      // The new year's forms come with the configuration: the page opens again at its
      // collection, once Decap counts the entry as saved (else it asks to leave unsaved changes).
      const year = entry.getIn(["data", "year"]);
      const reopen = () => {
        if (!document.querySelector("[class*=BackStatusUnchanged]")) {
          setTimeout(reopen, 100);
          return;
        }
        location.hash = `#/collections/y${year}`;
        location.reload();
      };
      reopen();
      return;
    }
    hideProblems();
    window.dispatchEvent(new Event("oit-saved"));
    watchBuild();
  }

  // The build's message while a file does not build (a file broken by hand): the editor
  // keeps working, and says why the site is not up to date.
  function showStatus(status) {
    let box = document.getElementById("oit-status");
    const text = status.down
      ? "ติดต่อ oit-site serve ไม่ได้ การบันทึกจะไม่สำเร็จ: เปิดหน้าต่างคำสั่งที่โฟลเดอร์ของเว็บไซต์ แล้วรัน " +
        "oit-site serve อีกครั้ง (oit-site serve is not running: start it again, then save)"
      : status.error
        ? `สร้างเว็บไม่สำเร็จ (the site does not build): ${status.error}`
        : status.history || "";
    if (!text || text === hiddenStatus) {
      box?.remove();
      return;
    }
    if (box && box.dataset.text === text) return;
    if (!box) {
      box = document.createElement("div");
      box.id = "oit-status";
      box.setAttribute("role", "alert");
      document.body.prepend(box);
    }
    box.dataset.text = text;
    box.className = status.error || status.down ? "oit-status-error" : "oit-status-note";
    // Hidden until it says something else: a clerk who has read it may go on editing.
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "ซ่อน";
    hide.addEventListener("click", () => {
      hiddenStatus = text;
      box.remove();
    });
    const pre = document.createElement("pre");
    pre.textContent = text;
    box.replaceChildren(hide, pre);
  }

  let hiddenStatus = null;

  // Decap stops a save its form refuses with the red message at each field, and says so in
  // a toast only for an empty required field; on a phone the field may be off the screen.
  // The refused save is a promise rejected with no value: then every field's message is
  // listed at the foot of the screen, and the first field scrolled into view.
  function formRefused(event) {
    if (event.reason !== undefined) return;
    setTimeout(() => {
      const lists = [...document.querySelectorAll("[class*=ControlErrorsList]")].filter((l) => l.textContent);
      if (!lists.length) return;
      lists[0].closest("[class*=ControlContainer]")?.scrollIntoView({ block: "center" });
      const said = lists.flatMap((list) => [...list.children].map((item) => item.textContent));
      showProblems(NOT_SAVED, [...new Set(said)]);
    }, 0);
  }

  const NOT_SAVED = "ยังบันทึกไม่ได้: แก้ช่องที่มีข้อความสีแดง (not saved: fix the fields marked in red)";

  let watching = null;

  function watchBuild() {
    if (watching) clearTimeout(watching);
    const poll = () =>
      api("status", {})
        .then(showStatus)
        .catch(() => showStatus({ down: true }))
        .finally(() => {
          watching = setTimeout(poll, 5000);
        });
    poll();
  }

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
        missingRequiredField: "ยังบันทึกไม่ได้: แก้ช่องที่มีข้อความสีแดง (not saved: fix the fields marked in red)",
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
    if (settings.local) {
      if (!settings.cms) {
        failedFromTheStart(settings.local);
        return;
      }
      const yearly = settings.cms.collections.find((c) => c.name === "yearly");
      LOCAL = {
        api: settings.cms.backend.proxy_url,
        collections: settings.cms.collections,
        newYear: yearly ? yearly.files[0].file : null,
      };
      showStatus(settings.local);
      watchBuild();
      CMS.registerEventListener({ name: "preSave", handler: beforeSave });
      CMS.registerEventListener({ name: "postSave", handler: afterSave });
    }
    FORMS = settings.forms;
    KINDS = settings.kinds;
    window.addEventListener("unhandledrejection", formRefused);
    CMS.registerLocale("th", deepMerge(CMS.getLocale("th") || {}, TH));
    CMS.registerCustomFormat("oit-yaml", "yml", openedYaml);
    CMS.registerCustomFormat("oit-page", "md", pageFormat);
    CMS.registerWidget("oit-date", dateWidget(), datePreview());
    CMS.registerWidget("oit-number", numberWidget());
    CMS.registerWidget("oit-about", aboutWidget());
    CMS.init({ config: settings.cms });
  }

  // No content has loaded since the server started (a file broken before it did): the
  // build's message, until the file is fixed.
  function failedFromTheStart(local) {
    if (!local.listening) {
      say(
        "หน้าแก้ไขบนเครื่องนี้บันทึกได้เฉพาะเมื่อ oit-site serve รับเฉพาะเครื่องนี้: เริ่มใหม่ด้วย " +
          "oit-site serve -a 127.0.0.1:8000 (the editor saves only when serve listens on this computer alone)",
      );
      return;
    }
    say(
      "สร้างเว็บไม่สำเร็จ แก้ไฟล์ตามข้อความนี้ด้วยโปรแกรมแก้ข้อความ แล้วหน้านี้จะเปิดเอง " +
        "(the site does not build: fix the file, and this page opens by itself)\n\n" +
        local.error,
    );
    const poll = () =>
      fetch("oit-editor.json", { cache: "no-cache" })
        .then((response) => response.json())
        .then((again) => (again.cms ? location.reload() : setTimeout(poll, 3000)))
        .catch(() => setTimeout(poll, 3000));
    setTimeout(poll, 3000);
  }

  function say(text) {
    const p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.style.cssText =
      "max-width:40rem;margin:3rem auto;padding:0 1rem;font:1.1rem/1.7 sans-serif;white-space:pre-wrap;" +
      "overflow-wrap:anywhere";
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
  window.OIT_EDITOR = {
    yamlFormat,
    openedYaml,
    pageFormat,
    toForm,
    toFile,
    merge,
    dump,
    readDate,
    readNumber,
    thaiDate,
    setForms: (forms) => (FORMS = forms),
    setKinds: (kinds) => (KINDS = kinds),
  };
})();
