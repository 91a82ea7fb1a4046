/**
 * The cheapest design: a price list of server types, a target and a workload, and the catalog's
 * cheapest tool run on them in the pane as they are edited (live, one call per edit: a search
 * takes milliseconds). It shows the tool's answer sentence, the cheapest configuration (or, when
 * none is searched that reaches the target, the closest and what alone would make it reach it),
 * the frontier of what each extra nine costs as a table and as the shared chart (cheapestChart,
 * drawn by chart.ts), the peer-based designs' load when they are asked for, and the tool's notes.
 *
 * Every column, unit, rule, default and message comes from the catalog: the server types start as
 * exampleServerTypes, the columns are serverTypeColumns, the bandwidth prices are the tool's schema
 * defaults, and a bad cell shows the tool's own error naming it ("serverTypes.1.mu must be …").
 *
 * The first half is pure (no DOM), so test/addin/taskpane-cheapest.test.ts holds it to evaluate();
 * the second half builds and fills the section of taskpane.html.
 */
import {
  type CheapestResult,
  type Configuration,
  cheapestChart,
  cheapestDesigns,
  type ChartSpec,
  describeParams,
  dollars,
  evaluate,
  exampleServerTypes,
  type FieldError,
  lookup,
  lookupModel,
  MAX_SERVER_TYPES,
  paramDocsRegistry,
  parseTextParams,
  type ServerType,
  serverTypeColumns,
  serverTypeSchema,
  unitSuffix,
  ValidationError,
} from "../../shared/index";
import { drawChart } from "./chart";
import { byId, element } from "./dom";
import { ninesText, numberText, successRate } from "./format";

// ---------- the pure part: inputs as text → the tool's request → what the panel shows ----------

export type ServerTypeColumn = (typeof serverTypeColumns)[number];
/** One row of the price list as the table holds it: every cell as typed. */
export type ServerTypeRow = Record<ServerTypeColumn, string>;

/** The single-valued inputs beside the table, in the order the panel shows them. */
export const cheapestFieldNames = ["nines", "lambda", "bytesPerLookup", "costPerGB", "N", "sessionTime"] as const;
export type CheapestFieldName = (typeof cheapestFieldNames)[number];

/** Everything the panel holds, as text (and the designs ticked). */
export interface CheapestInputs {
  fields: Record<CheapestFieldName, string>;
  rows: ServerTypeRow[];
  designs: string[];
}

/** A field beside the table: its label, unit and help, from the tool's schema. */
export interface CheapestField {
  name: CheapestFieldName;
  label: string;
  /** " (lookups/s)" after the name, or nothing. */
  unit: string;
  help: string;
  /** Empty is allowed: the tool's default applies, or the parameter is left out. */
  optional: boolean;
}

/** A column of the price list: its header, unit and rule. */
export interface ServerTypeHeader {
  name: ServerTypeColumn;
  unit: string;
  help: string;
}

interface FieldSchema {
  safeParse(value: unknown): { success: boolean; data?: unknown };
}

const tool = lookup("cheapest");
const shape = (tool.params as { shape: Record<string, FieldSchema> }).shape;

/** What the catalog documents of a field of the tool (description, unit, rule), when it does. */
function docsOf(schema: FieldSchema | undefined) {
  return schema ? paramDocsRegistry.get(schema as never) : undefined;
}

/** The tool's default for a field: what its schema gives for a value left out (undefined when none). */
function schemaDefault(name: string): unknown {
  const parsed = shape[name]?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}

/**
 * The target the panel starts at. The tool has no default target (the planner must say it), so the
 * panel starts where the capacity-planning panel does: five nines.
 */
export const startingNines = "5";

/** The fields beside the table, described by the tool's schema (the target's rule is the tool's error message). */
export function cheapestFields(): CheapestField[] {
  return cheapestFieldNames.map((name) => {
    const docs = docsOf(shape[name]);
    const unit = docs?.["x-unit"];
    const fallback = schemaDefault(name);
    const optional = name !== "nines" && name !== "lambda";
    const help = docs
      ? `${docs.description}: ${docs["x-rule"]}.${fallback !== undefined ? ` Default ${fallback}.` : optional ? " Optional." : ""}`
      : "the target success rate the answer must reach, as a number of nines (5 for 99.999%)";
    return { name, label: name, unit: unitSuffix(name, unit), help, optional };
  });
}

/** The price list's columns, each with the unit and rule of the server parameter it is. */
export function serverTypeHeaders(): ServerTypeHeader[] {
  // A server type's mu, h, mttf and mttr are a deployed server's, as the server designs describe them.
  const server = describeParams(lookupModel("dsmu"));
  const costDocs = docsOf(serverTypeSchema.shape.costPerMonth as FieldSchema);
  return serverTypeColumns.map((name) => {
    if (name === "name") return { name, unit: "", help: "the type's name, as your provider lists it (1 to 40 characters, each type its own)" };
    if (name === "costPerMonth") return { name, unit: costDocs?.["x-unit"] ?? "", help: `${costDocs?.description ?? name}: ${costDocs?.["x-rule"] ?? ""}` };
    const p = server.find((q) => q.name === name);
    return { name, unit: p?.unit ?? "", help: p ? `${p.description}: ${p.rule}` : name };
  });
}

/** A server type as a row of text. */
export function rowText(type: ServerType): ServerTypeRow {
  return Object.fromEntries(serverTypeColumns.map((c) => [c, String(type[c])])) as ServerTypeRow;
}

/** An empty row, for "Add a type". */
export function emptyRow(): ServerTypeRow {
  return Object.fromEntries(serverTypeColumns.map((c) => [c, ""])) as ServerTypeRow;
}

/** The short name of a design, as the taxonomy labels it ("DS+M+U"), and its title. */
export function designLabel(name: string): { short: string; title: string } {
  const title = lookupModel(name).title;
  return { short: title.split(":")[0]!.trim(), title };
}

/**
 * The designs ticked at the start: those the tool searches without a population. A design that
 * takes a peer population N (pdhta, sndhta) buys no servers, and asked for by name it needs N (or
 * the tool says so); the tool's own default sets it aside until N is given.
 */
export const startingDesigns: readonly string[] = cheapestDesigns.filter((d) => !describeParams(lookupModel(d)).some((p) => p.name === "N"));

/** What the panel holds before any edit: the catalog's example price list and defaults. */
export function startingInputs(): CheapestInputs {
  const text = (v: unknown) => (v === undefined ? "" : String(v));
  const workload = lookupModel("dsmu").example.params as Record<string, unknown>;
  return {
    fields: {
      nines: startingNines,
      // The tool has no default workload: the catalog's example of a server design is where it starts.
      lambda: text(workload.lambda),
      bytesPerLookup: text(schemaDefault("bytesPerLookup")),
      costPerGB: text(schemaDefault("costPerGB")),
      N: "",
      sessionTime: "",
    },
    rows: exampleServerTypes.map(rowText),
    designs: [...startingDesigns],
  };
}

/**
 * The tool's request from the panel's text: numbers read by the catalog's text rule (parseTextParams:
 * a well-formed decimal becomes a number, anything else stays text so the error can show it), empty
 * fields left out (the tool's defaults apply), a type's name kept as typed.
 */
export function cheapestRequest(inputs: CheapestInputs): Record<string, unknown> {
  const given: Record<string, string> = {};
  for (const name of cheapestFieldNames) if (inputs.fields[name].trim() !== "") given[name] = inputs.fields[name];
  const request: Record<string, unknown> = parseTextParams(tool, given);
  request.serverTypes = inputs.rows.map((row) => {
    const { name, ...numbers } = row;
    return { name, ...parseTextParams(tool, numbers) };
  });
  request.designs = [...inputs.designs];
  return request;
}

export type CheapestOutcome =
  | { ok: true; request: Record<string, unknown>; result: CheapestResult }
  | { ok: false; request: Record<string, unknown>; errors: FieldError[] };

/** The tool run on the panel's inputs: its result, or every problem it found (never a throw). */
export function runCheapest(inputs: CheapestInputs): CheapestOutcome {
  const request = cheapestRequest(inputs);
  try {
    return { ok: true, request, result: evaluate("cheapest", request) };
  } catch (error) {
    const errors = error instanceof ValidationError ? error.errors : [{ path: "", message: error instanceof Error ? error.message : String(error) }];
    return { ok: false, request, errors };
  }
}

/** An error as the panel lists it: the catalog's message, which names its field; one that does not is prefixed with it. */
export function errorLine(e: FieldError): string {
  return e.path === "" || e.message.includes(e.path) ? e.message : `${e.path} ${e.message}`;
}

/** Where an error's path points in the panel: a cell of the table, a field, the designs, or nowhere. */
export function errorTarget(
  path: string,
): { row: number; column: ServerTypeColumn } | { field: CheapestFieldName } | { designs: true } | { table: true } | undefined {
  const cell = /^serverTypes\.(\d+)\.(\w+)/.exec(path);
  if (cell && (serverTypeColumns as readonly string[]).includes(cell[2]!)) return { row: Number(cell[1]), column: cell[2] as ServerTypeColumn };
  const head = path.split(".")[0]!;
  if (head === "serverTypes") return { table: true };
  if (head === "designs") return { designs: true };
  // The target is given as nines here: the tool's rule on target-or-nines speaks of both.
  if (head === "target") return { field: "nines" };
  if ((cheapestFieldNames as readonly string[]).includes(head)) return { field: head as CheapestFieldName };
  return undefined;
}

/** A configuration as label/value lines: design, type, servers, replicas, nines, cost split. */
export function configurationLines(c: Configuration): { label: string; text: string }[] {
  return [
    { label: "design", text: `${c.design} (${designLabel(c.design).short})` },
    { label: "server type", text: c.serverType },
    { label: "servers", text: String(c.servers) },
    ...(c.m !== undefined ? [{ label: "replicas m", text: String(c.m) }] : []),
    { label: "nines", text: `${ninesText(c.nines)} (${successRate(c.value, c.unreliability)})` },
    {
      label: "cost",
      text: `${dollars(c.costPerMonth.total)} a month: ${dollars(c.costPerMonth.servers)} servers + ${dollars(c.costPerMonth.bandwidth)} bandwidth`,
    },
  ];
}

/** An infeasible answer's remedies, one line each, in the tool's words: "maxServers ≥ 1198: 5.01 nines". */
export function remedyLines(result: CheapestResult): string[] {
  return (result.remedies ?? []).map((r) => `${r.words}: ${ninesText(r.achieved.nines)} nines`);
}

/** The frontier's columns the panel shows, by the tool's names. */
export const frontierShown = ["atLeastNines", "design", "serverType", "servers", "m", "nines", "costPerMonth", "extraCost"] as const;

function frontierCell(column: string, value: string | number | null): string {
  if (value === null) return "–";
  if (typeof value === "string") return value;
  if (column === "nines") return ninesText(value);
  if (column === "costPerMonth" || column === "extraCost" || column === "serverCost" || column === "bandwidthCost") return dollars(value);
  return numberText(value);
}

/** The frontier as the panel's table: its header (the tool's column names) and each row's text, from the tool's columns and rows. */
export function frontierTable(result: CheapestResult): { header: string[]; rows: string[][] } {
  const at = frontierShown.map((c) => result.columns.indexOf(c));
  return { header: [...frontierShown], rows: result.rows.map((row) => at.map((i, j) => frontierCell(frontierShown[j]!, i >= 0 ? (row[i] ?? null) : null))) };
}

/** The peer-based designs' rows: what their peers carry instead of servers. */
export const peerHeader = ["design", "nines", "meets target", "tracker nodes", "lookups/s per node", "bytes/s per node", "smallest m"] as const;

export function peerTable(result: CheapestResult): string[][] {
  return result.peers.map((p) => [
    p.design,
    ninesText(p.nines),
    p.meetsTarget ? "yes" : "no",
    p.trackerNodes === null ? "–" : numberText(p.trackerNodes),
    numberText(p.perNode.lookupsPerSecond),
    numberText(p.perNode.bytesPerSecond),
    p.smallestM === null ? "none" : String(p.smallestM),
  ]);
}

/** The frontier chart, or undefined when there is no frontier to draw. */
export function frontierChart(result: CheapestResult): ChartSpec | undefined {
  return result.frontier.length > 0 ? cheapestChart(result) : undefined;
}

// ---------- the section of the page ----------

function headerCell(h: ServerTypeHeader): HTMLElement {
  return element(
    "th",
    { scope: "col", title: h.help },
    element("code", { textContent: h.name }),
    ...(h.unit ? [element("small", { className: "unit", textContent: h.unit })] : []),
  );
}

function typeRow(row: ServerTypeRow): HTMLTableRowElement {
  const tr = element("tr");
  for (const column of serverTypeColumns) {
    const input = element("input", { type: "text", value: row[column], autocomplete: "off", spellcheck: false });
    input.dataset.col = column;
    input.inputMode = column === "name" ? "text" : "decimal";
    tr.append(element("td", {}, input));
  }
  const remove = element("button", { type: "button", className: "ch-remove", textContent: "×", title: "Remove this type" });
  tr.append(element("td", {}, remove));
  return tr;
}

/** Label each row's cells and its remove button by its place (from 1, as a planner counts). */
function labelRows(): void {
  const rows = [...byId<HTMLTableSectionElement>("ch-types-body").rows];
  rows.forEach((tr, i) => {
    const name = tr.querySelector<HTMLInputElement>('input[data-col="name"]')?.value.trim() || `row ${i + 1}`;
    for (const input of tr.querySelectorAll<HTMLInputElement>("input[data-col]")) input.setAttribute("aria-label", `${input.dataset.col} of type ${i + 1}`);
    tr.querySelector("button")?.setAttribute("aria-label", `Remove type ${i + 1} (${name})`);
  });
  byId<HTMLButtonElement>("ch-add").disabled = rows.length >= MAX_SERVER_TYPES;
}

function fieldFor(f: CheapestField, value: string): HTMLElement {
  const id = `ch-${f.name}`;
  const input = element("input", { id, name: f.name, type: "text", inputMode: "decimal", autocomplete: "off", value });
  if (f.optional) input.placeholder = "optional";
  input.setAttribute("aria-describedby", `ch-help-${f.name}`);
  const label = element("label", { htmlFor: id }, element("code", { textContent: f.label }), f.unit);
  return element("div", { className: "field" }, label, input, element("small", { id: `ch-help-${f.name}`, className: "help", textContent: f.help }));
}

/** The panel's inputs as they stand. */
export function readInputs(): CheapestInputs {
  const fields = Object.fromEntries(cheapestFieldNames.map((n) => [n, byId<HTMLInputElement>(`ch-${n}`).value])) as Record<CheapestFieldName, string>;
  const rows = [...byId<HTMLTableSectionElement>("ch-types-body").rows].map(
    (tr) => Object.fromEntries(serverTypeColumns.map((c) => [c, tr.querySelector<HTMLInputElement>(`input[data-col="${c}"]`)!.value])) as ServerTypeRow,
  );
  const designs = [...byId("ch-designs").querySelectorAll<HTMLInputElement>("input[type=checkbox]")].filter((b) => b.checked).map((b) => b.value);
  return { fields, rows, designs };
}

function markErrors(errors: readonly FieldError[]): void {
  const section = byId("cheapest");
  for (const bad of section.querySelectorAll("[aria-invalid]")) {
    bad.removeAttribute("aria-invalid");
    if (bad instanceof HTMLInputElement && bad.dataset.col) bad.removeAttribute("title");
  }
  const body = byId<HTMLTableSectionElement>("ch-types-body");
  for (const e of errors) {
    const target = errorTarget(e.path);
    if (!target) continue;
    let node: HTMLElement | null = null;
    if ("row" in target) node = body.rows[target.row]?.querySelector<HTMLInputElement>(`input[data-col="${target.column}"]`) ?? null;
    else if ("field" in target) node = byId(`ch-${target.field}`);
    else if ("designs" in target) node = byId("ch-designs");
    else node = byId("ch-types");
    if (!node) continue;
    node.setAttribute("aria-invalid", "true");
    if ("row" in target) node.title = node.title ? `${node.title}; ${errorLine(e)}` : errorLine(e);
  }
}

function table(id: string, header: readonly string[], rows: string[][], rowClass?: (i: number) => string): void {
  const t = byId<HTMLTableElement>(id);
  t.replaceChildren(
    element("thead", {}, element("tr", {}, ...header.map((h) => element("th", { scope: "col", textContent: h })))),
    element("tbody", {}, ...rows.map((r, i) => element("tr", { className: rowClass?.(i) ?? "" }, ...r.map((cell) => element("td", { textContent: cell }))))),
  );
}

function clearOutput(): void {
  for (const id of ["ch-answer", "ch-best-title", "ch-remedies-title"]) byId(id).textContent = "";
  for (const id of ["ch-best", "ch-remedies", "ch-notes", "ch-chart", "ch-frontier", "ch-peers"]) byId(id).replaceChildren();
  byId("ch-frontier-box").hidden = true;
  byId("ch-peers-box").hidden = true;
}

/** Run the tool on the panel as it stands and show the answer, or what to fix. */
export function updateCheapest(): CheapestOutcome {
  labelRows();
  const outcome = runCheapest(readInputs());
  clearOutput();
  markErrors(outcome.ok ? [] : outcome.errors);
  const errorList = byId("ch-error");
  if (!outcome.ok) {
    errorList.replaceChildren(...outcome.errors.map((e) => element("li", { textContent: errorLine(e) })));
    byId("cheapest").dataset.state = "error";
    return outcome;
  }
  errorList.replaceChildren();
  const { result } = outcome;
  byId("cheapest").dataset.state = result.feasible ? "feasible" : "infeasible";
  byId("ch-answer").textContent = result.message;
  const shown = result.best ?? result.closest;
  if (shown) {
    byId("ch-best-title").textContent = result.best ? "The cheapest configuration" : "The closest configuration (it misses the target)";
    byId("ch-best").append(
      ...configurationLines(shown).map((l) => element("div", {}, element("dt", { textContent: l.label }), element("dd", { textContent: l.text }))),
    );
  }
  const remedies = remedyLines(result);
  if (remedies.length > 0) {
    byId("ch-remedies-title").textContent = "Any one of these alone would reach the target:";
    byId("ch-remedies").append(...remedies.map((r) => element("li", { textContent: r })));
  }
  if (result.frontier.length > 0) {
    const { header, rows } = frontierTable(result);
    const target = Number(result.targetNines.toFixed(6));
    table("ch-frontier", header, rows, (i) => (result.frontier[i]!.atLeastNines === target ? "target" : ""));
    byId("ch-frontier-box").hidden = false;
    drawChart(byId("ch-chart"), frontierChart(result)!);
  }
  if (result.peers.length > 0) {
    table("ch-peers", peerHeader, peerTable(result));
    [...byId<HTMLTableElement>("ch-peers").tBodies[0]!.rows].forEach((tr, i) => {
      tr.title = result.peers[i]!.message;
    });
    byId("ch-peers-box").hidden = false;
  }
  byId("ch-notes").append(...result.notes.map((n) => element("li", { textContent: n })));
  return outcome;
}

/** Build the panel once, at the catalog's example, and answer it; every edit answers again. */
export function setupCheapest(): void {
  const start = startingInputs();
  byId("ch-fields").replaceChildren(...cheapestFields().map((f) => fieldFor(f, start.fields[f.name])));
  byId("ch-types-head").replaceChildren(element("tr", {}, ...serverTypeHeaders().map(headerCell), element("th", { scope: "col" })));
  byId("ch-types-body").replaceChildren(...start.rows.map(typeRow));
  const designs = byId("ch-designs");
  designs.append(
    ...cheapestDesigns.map((d) => {
      const { short, title } = designLabel(d);
      const box = element("input", { type: "checkbox", value: d, checked: start.designs.includes(d), id: `ch-design-${d}` });
      return element("label", { className: "check", title, htmlFor: box.id }, box, element("code", { textContent: d }), ` ${short}`);
    }),
  );
  const section = byId("cheapest");
  section.addEventListener("input", () => {
    updateCheapest();
  });
  byId("ch-add").addEventListener("click", () => {
    const tr = typeRow(emptyRow());
    byId("ch-types-body").append(tr);
    updateCheapest();
    tr.querySelector("input")?.focus();
  });
  byId("ch-types-body").addEventListener("click", (event) => {
    const button = (event.target as HTMLElement).closest("button.ch-remove");
    if (!button) return;
    button.closest("tr")?.remove();
    updateCheapest();
  });
  updateCheapest();
}
