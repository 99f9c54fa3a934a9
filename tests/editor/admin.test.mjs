// The browser editor's pure functions (site_builder/editor/static/admin.js), run under
// Node: toForm and toFile turn a file's shape into a form's and back, merge sets what a
// form changed into the YAML document in place, and dump writes the file. The forms are
// the real ones, made by site_builder.editor.fields from the models.
//
//   node --test tests/editor/
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYTHON = process.env.PYTHON || "python3";

function load() {
  const window = { addEventListener() {} };
  const context = vm.createContext({ window, console });
  vm.runInContext(readFileSync(join(REPO, "site_builder/editor/vendor/yaml/yaml.js"), "utf8"), context);
  context.YAML = window.YAML;
  vm.runInContext(readFileSync(join(REPO, "site_builder/editor/static/admin.js"), "utf8"), context);
  const forms = JSON.parse(
    execFileSync(
      PYTHON,
      [
        "-c",
        "import json; from dataclasses import asdict; from site_builder.editor.fields import fields_of; " +
          "from site_builder.model.kinds import KINDS; " +
          "print(json.dumps({k.name: {'transforms': [asdict(t) for t in fields_of(k.name).transforms], " +
          "'order': fields_of(k.name).order} for k in KINDS}))",
      ],
      { cwd: REPO, encoding: "utf8" },
    ),
  );
  window.OIT_EDITOR.setForms(forms);
  return { window, editor: window.OIT_EDITOR, YAML: window.YAML };
}

const { window, editor, YAML } = load();
// Values made in the script's own context: compared by their JSON, not their prototypes.
const plain = (value) => JSON.parse(JSON.stringify(value));

test("toForm gives a list where the file has one text, and rows where it has a mapping", () => {
  const form = editor.toForm("result", { score: "๙๒.๕๑", questions: { i19: 84.3, o7: 100 } });
  assert.deepEqual(plain(form), {
    score: 92.51,
    questions: [
      { code: "i19", score: 84.3 },
      { code: "o7", score: 100 },
    ],
  });
});

test("toFile gives the file its shape back: a mapping from rows, one text from a list of it", () => {
  const original = { strengths: "บุคลากรมีความรู้" };
  const back = editor.toFile("analysis", { strengths: { items: ["บุคลากรมีความรู้"] } }, original);
  assert.deepEqual(plain(back), original);
  const rows = editor.toFile("result", { questions: [{ code: "i19", score: 84.3 }, { code: "", score: 1 }] }, {});
  assert.deepEqual(plain(rows), { questions: { i19: 84.3 } });
});

test("toForm then toFile is the file as it was", () => {
  const file = { score: 95.07, questions: { i19: 84.3 }, indicators: { 1: 93.53, 10: 100 } };
  assert.deepEqual(plain(editor.toFile("result", editor.toForm("result", file), file)), file);
});

test("the format Decap calls reads a file as the kind of the entry it has open", () => {
  editor.setKinds({ y2568: { result: "result", measures: "measures" } });
  const text = "questions:\n  i19: 84.3\n";
  window.location = { hash: "#/collections/y2568/entries/result" };
  const form = editor.openedYaml.fromFile(text);
  assert.deepEqual(plain(form.questions), [{ code: "i19", score: 84.3 }]);
  form.questions.push({ code: "i21", score: 90 });
  assert.equal(editor.openedYaml.toFile(form), "questions:\n  i19: 84.3\n  i21: 90\n");
  // A collection's list, or an entry the configuration does not name: the file as it is.
  for (const hash of ["#/collections/y2568", "#/collections/y2568/entries/other", ""]) {
    window.location = { hash };
    assert.deepEqual(plain(editor.openedYaml.fromFile(text)).questions, { i19: 84.3 });
  }
  assert.deepEqual(plain(editor.yamlFormat("result").fromFile(text).questions), [{ code: "i19", score: 84.3 }]);
  editor.setKinds({});
  delete window.location;
});

test("merge keeps the nodes of what did not change, and sets only what did", () => {
  const doc = YAML.parseDocument("# comment\nscore: 87.40  # as announced\nlevel: ผ่าน\n");
  const before = doc.contents.items[0].value;
  doc.contents = editor.merge(doc, doc.contents, { score: 87.4, level: "ผ่านดี" }, "result", []);
  assert.equal(doc.contents.items[0].value, before);
  assert.equal(doc.toString(), "# comment\nscore: 87.40 # as announced\nlevel: ผ่านดี\n");
});

test("merge places a new key in the model's order and leaves empty fields out", () => {
  const doc = YAML.parseDocument("score: 90\nindicators:\n  1: 93\n");
  doc.contents = editor.merge(doc, doc.contents, { score: 90, level: "ผ่าน", rank: {}, indicators: { 1: 93 } }, "result", []);
  assert.equal(doc.toString(), "score: 90\nlevel: ผ่าน\nindicators:\n  1: 93\n");
});

test("dump writes a Thai-digit score as it was unless it changed", () => {
  const source = "# yaml-language-server: $schema=../../schema/result.schema.json\nscore: \"๙๒.๕๑\"\n";
  assert.equal(editor.dump("result", source, editor.toForm("result", { score: "๙๒.๕๑" })), source);
  assert.equal(
    editor.dump("result", source, { score: 93 }),
    "# yaml-language-server: $schema=../../schema/result.schema.json\nscore: 93\n",
  );
});

test("a table's columns are rows of a column and its heading, and go back as the file wrote them", () => {
  const listed = ["topic", { steps: "แนวทางการนำผลวิเคราะห์ไปปฏิบัติ" }, "responsible"];
  const form = editor.toForm("measures", { columns: listed });
  assert.deepEqual(plain(form.columns), [
    { column: "topic", heading: "" },
    { column: "steps", heading: "แนวทางการนำผลวิเคราะห์ไปปฏิบัติ" },
    { column: "responsible", heading: "" },
  ]);
  assert.deepEqual(plain(editor.toFile("measures", form, { columns: listed })), { columns: listed });
  // A mapping of headings opens as every column in the site's order, and is kept as written.
  const headings = { columns: { summary: "ผลการดำเนินงาน" } };
  const opened = editor.toForm("progress", headings);
  assert.deepEqual(
    plain(opened.columns.map((row) => row.column)),
    ["topic", "steps", "responsible", "period", "status", "done", "summary", "outcome", "evidence"],
  );
  assert.equal(opened.columns[6].heading, "ผลการดำเนินงาน");
  assert.deepEqual(plain(editor.toFile("progress", opened, headings)), headings);
  // Changed in the form, the columns are saved as the list, in the form's order.
  const changed = { columns: [opened.columns[6], opened.columns[0]] };
  assert.deepEqual(plain(editor.toFile("progress", changed, headings)), {
    columns: [{ summary: "ผลการดำเนินงาน" }, "topic"],
  });
});

test("a status column's sub-columns are rows of their own, and go back as the file wrote them", () => {
  const listed = [
    { topic: "มาตรการ" },
    { status: { heading: "การติดตามผล", columns: { done: "ดำเนินการแล้ว", not_done: null } } },
  ];
  const form = editor.toForm("measures", { columns: listed });
  assert.deepEqual(plain(form.columns), [
    { column: "topic", heading: "มาตรการ" },
    {
      column: "status",
      heading: "การติดตามผล",
      sub: [
        { status: "done", heading: "ดำเนินการแล้ว" },
        { status: "not_done", heading: "" },
      ],
    },
  ]);
  assert.deepEqual(plain(editor.toFile("measures", form, { columns: listed })), { columns: listed });
  // Sub-columns added in the form: the column is written with them, its heading kept.
  const added = { columns: [{ column: "status", heading: "", sub: [{ status: "done", heading: "แล้ว" }] }] };
  assert.deepEqual(plain(editor.toFile("progress", added, {})), {
    columns: [{ status: { columns: { done: "แล้ว" } } }],
  });
});

test("a theme's columns of the report's own are typed names, kept with their headings", () => {
  const listed = [{ order: "ลำดับ" }, "code", { topic: "หัวข้อ" }];
  const form = editor.toForm("analysis", { theme_columns: listed });
  assert.deepEqual(plain(form.theme_columns.map((row) => row.column)), ["order", "code", "topic"]);
  assert.deepEqual(plain(editor.toFile("analysis", form, { theme_columns: listed })), { theme_columns: listed });
});

test("one status for an activity, or one per unit, are rows of a unit and its status", () => {
  const file = { measures: [{ topic: "ก", activities: [{ text: "ข", status: { สำนักปลัด: "done", กองคลัง: "not_done" } }] }] };
  const form = editor.toForm("measures", file);
  const rows = plain(form.measures[0].activities[0].status);
  assert.deepEqual(
    rows.map((row) => row.unit),
    ["สำนักปลัด", "กองคลัง"],
  );
  assert.deepEqual(plain(editor.toFile("measures", form, file)), file);
  const one = { measures: [{ topic: "ก", activities: [{ text: "ข", status: "in_progress" }] }] };
  const opened = editor.toForm("measures", one);
  assert.equal(opened.measures[0].activities[0].status.length, 1);
  assert.equal(opened.measures[0].activities[0].status[0].unit, "");
  assert.deepEqual(plain(editor.toFile("measures", opened, one)), one);
});

test("a report's labels are a choice per part, saved as one word when every part has it", () => {
  const file = { report: { labels: "as_written" } };
  const form = editor.toForm("year", file);
  assert.deepEqual(
    Object.keys(plain(form.report.labels)),
    ["analysis", "measures", "progress", "limitations"],
  );
  assert.deepEqual(plain(editor.toFile("year", form, file)), file);
  const parts = { report: { labels: { analysis: "as_written" } } };
  assert.deepEqual(plain(editor.toFile("year", editor.toForm("year", parts), parts)), parts);
});

test("a theme question's own cells are rows of a column and its value", () => {
  const file = { themes: [{ title: "ก", questions: [{ code: "i19", cells: { order: "๑", topic: "การยืม" } }, "i20"] }] };
  const form = editor.toForm("analysis", file);
  assert.deepEqual(plain(form.themes[0].questions[0].cells), [
    { column: "order", value: "๑" },
    { column: "topic", value: "การยืม" },
  ]);
  assert.deepEqual(plain(editor.toFile("analysis", form, file)), file);
});

test("a status is its Thai words in the form and its value in the file", () => {
  const form = editor.toForm("progress", { entries: [{ measure: "m1", status: "in_progress" }] });
  assert.equal(form.entries[0].status, "อยู่ระหว่างดำเนินการ");
  const file = { entries: [{ measure: "m1", status: "in_progress" }] };
  assert.deepEqual(plain(editor.toFile("progress", { entries: [{ measure: "m1", status: "ดำเนินการแล้ว" }] }, file)), {
    entries: [{ measure: "m1", status: "done" }],
  });
  // A value the list does not have (a file broken by hand) stays as it is, for the form to refuse.
  assert.equal(editor.toForm("progress", { entries: [{ status: "เสร็จ" }] }).entries[0].status, "เสร็จ");
});

// What a clerk types into a date field: read right, or refused in Thai, never another year.
const DATES = [
  ["15/03/2568", { value: "2025-03-15" }],
  ["15/3/2568", { value: "2025-03-15" }],
  ["๑๕/๐๓/๒๕๖๘", { value: "2025-03-15" }],
  ["15 มี.ค. 2568", { value: "2025-03-15" }],
  ["15 มีนาคม 2568", { value: "2025-03-15" }],
  ["15 มี.ค. พ.ศ. 2568", { value: "2025-03-15" }],
  ["15มีค68", { value: "2025-03-15" }],
  ["2025-03-15", { value: "2025-03-15" }],
  ["2568-03-15", { value: "2025-03-15" }],
  ["15/03/2025", { value: "2025-03-15" }],
  ["29/02/2567", { value: "2024-02-29" }],
  ["", { value: "" }],
  [
    "09192025",
    {
      error:
        "พิมพ์วันที่ให้มีเครื่องหมาย / คั่นวัน เดือน ปี เช่น 15/03/2568 (type the day, month and year apart: 15/03/2568)",
    },
  ],
  [
    "12012026",
    {
      error:
        "พิมพ์วันที่ให้มีเครื่องหมาย / คั่นวัน เดือน ปี เช่น 15/03/2568 (type the day, month and year apart: 15/03/2568)",
    },
  ],
  ["09/19/2025", { error: "ไม่มีเดือนที่ 19 เขียน วัน/เดือน/ปี เช่น 15/03/2568 (no month 19: day/month/year)" }],
  ["31/04/2568", { error: "ไม่มีวันที่ 31 ในเมษายน 2568 (no such day in that month)" }],
  ["29/02/2568", { error: "ไม่มีวันที่ 29 ในกุมภาพันธ์ 2568 (no such day in that month)" }],
  ["15/03/1905", { error: "ปี 1905 ไม่น่าใช่ เขียนปี พ.ศ. เช่น 2568 หรือ ค.ศ. เช่น 2025 (the year 1905 is not plausible)" }],
  ["15 มีน. 2568", { error: 'ไม่รู้จักเดือน "มีน." เขียนเช่น 15 มี.ค. 2568 หรือ 15 มีนาคม 2568 (unknown month)' }],
  ["03/2568", { error: "ใส่วันที่ด้วย เช่น 15/03/2568 (the day is missing)" }],
  [
    "เมื่อวาน",
    {
      error:
        'อ่าน "เมื่อวาน" เป็นวันที่ไม่ได้ เขียนเช่น 15/03/2568, 15 มี.ค. 2568 หรือ 2025-03-15 (not a date this field can read)',
    },
  ],
];

for (const [typed, read] of DATES) {
  test(`the date field reads ${JSON.stringify(typed)}`, () => {
    assert.deepEqual(plain(editor.readDate(typed)), read);
  });
}

const SCORES = [
  ["85.42", { value: 85.42 }],
  ["๘๕.๔๒", { value: 85.42 }],
  [" 100 ", { value: 100 }],
  ["", { value: null }],
  ["8o.5", { error: "พิมพ์เป็นตัวเลข เช่น 85.42 (type a number: 85.42)" }],
  ["80,5", { error: "ใช้จุดทศนิยม เช่น 85.42 ไม่ใช้จุลภาค (use a point for the decimals)" }],
  ["85%", { error: "พิมพ์เป็นตัวเลข เช่น 85.42 (type a number: 85.42)" }],
  ["150", { error: "ต้องอยู่ระหว่าง 0 ถึง 100 (between 0 and 100)" }],
  ["-1", { error: "ต้องอยู่ระหว่าง 0 ถึง 100 (between 0 and 100)" }],
];

for (const [typed, read] of SCORES) {
  test(`a score field reads ${JSON.stringify(typed)}`, () => {
    assert.deepEqual(plain(editor.readNumber(typed, { min: 0, max: 100 })), read);
  });
}

test("a year field takes whole numbers, in Thai digits too", () => {
  const year = { min: 2500, max: 2700, integer: true };
  assert.deepEqual(plain(editor.readNumber("๒๕๖๘", year)), { value: 2568 });
  assert.deepEqual(plain(editor.readNumber("2568.5", year)), {
    error: "พิมพ์เป็นตัวเลข เช่น 2568 (type a number: 2568)",
  });
  assert.deepEqual(plain(editor.readNumber("2025", year)), {
    error: "ต้องอยู่ระหว่าง 2500 ถึง 2700 (between 2500 and 2700)",
  });
});

test("where a month will do, the date field takes a month", () => {
  assert.deepEqual(plain(editor.readDate("03/2568", true)), { value: "2025-03" });
  assert.deepEqual(plain(editor.readDate("มี.ค. 2568", true)), { value: "2025-03" });
  assert.deepEqual(plain(editor.readDate("2025-03", true)), { value: "2025-03" });
  assert.deepEqual(plain(editor.readDate("15/03/2568", true)), { value: "2025-03-15" });
});

test("a date is shown in the Buddhist era with the Thai month", () => {
  assert.equal(editor.thaiDate("2025-03-15"), "15 มีนาคม 2568");
  assert.equal(editor.thaiDate("2025-10"), "ตุลาคม 2568");
  assert.equal(editor.thaiDate("1905-09-19"), "19 กันยายน 2448");
  assert.equal(editor.thaiDate("ไม่ใช่วันที่"), "");
});

test("a question's score, title and label are one row in the form, three mappings in the file", () => {
  const file = {
    questions: { i19: 84.3, e11: 82.5 },
    question_titles: { i19: "เจ้าหน้าที่ขอยืมทรัพย์สินของราชการโดยขออนุญาตถูกต้อง", o7: "ข้อคำถามที่ยังไม่มีคะแนน" },
    question_labels: { e11: "e๑๑" },
  };
  const form = editor.toForm("result", file);
  assert.deepEqual(plain(form), {
    questions: [
      { code: "i19", score: 84.3, title: "เจ้าหน้าที่ขอยืมทรัพย์สินของราชการโดยขออนุญาตถูกต้อง" },
      { code: "e11", score: 82.5, label: "e๑๑" },
      { code: "o7", title: "ข้อคำถามที่ยังไม่มีคะแนน" },
    ],
  });
  assert.deepEqual(plain(editor.toFile("result", form, file)), file);
  // A question added once, with its score and title: each mapping gets its line.
  form.questions.push({ code: "i21", score: 90.5, title: "ข้อใหม่", label: "" });
  assert.deepEqual(plain(editor.toFile("result", form, file)), {
    questions: { i19: 84.3, e11: 82.5, i21: 90.5 },
    question_titles: { ...file.question_titles, i21: "ข้อใหม่" },
    question_labels: { e11: "e๑๑" },
  });
  const source =
    "questions:\n  i19: 84.30\nquestion_titles:\n  i19: เจ้าหน้าที่ขอยืม\n";
  assert.equal(
    editor.dump("result", source, { questions: [{ code: "i19", score: 84.3, title: "เจ้าหน้าที่ขอยืม" }, { code: "i21", score: 90.5, title: "ข้อใหม่" }] }),
    "questions:\n  i19: 84.30\n  i21: 90.5\nquestion_titles:\n  i19: เจ้าหน้าที่ขอยืม\n  i21: ข้อใหม่\n",
  );
});
