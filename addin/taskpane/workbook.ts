/**
 * Writes a what-if layout into the workbook: a NEW sheet, its named inputs, its live formulas in
 * batches, its formats (the formula cells' number format following the output cell through one
 * conditional format per output choice) and a native chart. It never overwrites a cell that holds
 * anything (it writes only into the sheet it has just added, under a name no other sheet has), and
 * it never leaves a half-written sheet: if any write after the sheet was added fails, the sheet is
 * deleted.
 *
 * Excel on the web limits each request to 5 MB ("Performance optimization using the Excel
 * JavaScript API"); the cells are sent in syncs of at most maxSyncBytes, measured as the JSON
 * Office.js sends: the formulas and number formats, each range's address, and the envelope of
 * each action and object path (envelopeBytes).
 */
/// <reference types="office-js" />
import { rangeAddress, type CellContent, type WhatIfLayout } from "./whatif";

export interface InsertedTable {
  sheetName: string;
  formulaCount: number;
}

/** The most one sync sends, cell contents, number formats, addresses and envelopes counted: a fifth of Excel on the web's 5 MB. */
export const maxSyncBytes = 1_000_000;

/**
 * What Office.js adds around each action and each object path of a request, at most: the JSON of
 * an action, {"Id":…,"ActionType":…,"Name":"numberFormat","ObjectPathId":…,"ArgumentInfo":{"Arguments":[…]}},
 * or of an object path, {"Id":…,"ObjectPathType":…,"Name":"getRange","ParentObjectPathId":…,"ArgumentInfo":…},
 * without its arguments, for ids of up to seven digits. An object a request uses costs its path and
 * the action that instantiates it.
 */
export const envelopeBytes = 128;

/** A sync's own paths (the workbook, its worksheets, the new sheet), sent again in each request that uses them. */
const syncBytes = 8 * envelopeBytes;

/**
 * The requirement set the sheet needs: ExcelApi 1.8 for the value axis title linked to the output
 * cell and the input messages (data validation); 1.7 for freeze panes, the linked chart title,
 * logarithmic axes and series added one by one; 1.6 for the conditional formats that make the
 * number format follow the output cell; 1.4 for sheet-scoped names.
 */
const requiredExcelApi = "1.8";

/** One rectangle of cells written with one assignment of `formulas` (and `numberFormat`). */
export interface WritePiece {
  address: string;
  formulas: CellContent[][];
  numberFormat?: string[][];
  /** The JSON size of what it sends: the cells, the formats, the address, and the envelopes of its object path and actions. */
  bytes: number;
}

const encoder = new TextEncoder();

/** The size of a value as Office.js sends it: its JSON, in UTF-8 bytes. */
export function payloadBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/**
 * The bytes the first sync spends on the inputs: each defined name (names.add with its address and
 * comment) and each input message (a range, its dataValidation, the rule and the prompt), envelopes
 * included.
 */
export function inputsBytes(layout: WhatIfLayout): number {
  // Each name: the names collection and the range (a path and an instantiation each), and the add.
  const names = layout.names.reduce((n, name) => n + payloadBytes([name.name, name.address, name.comment]) + 5 * envelopeBytes, 0);
  // Each message: the range and its dataValidation (two each), the rule and the prompt; their JSON
  // is the help's, the list joined, plus {"list":{"inCellDropDown":true,"source":…}} and the prompt's keys.
  return layout.help.reduce((n, h) => n + payloadBytes(h) + 128 + 6 * envelopeBytes, names);
}

/**
 * Every cell of the layout as pieces grouped in syncs: each sync sends at most `maxBytes` (the first
 * one also carries `firstSyncBytes` of names and input messages). A block is cut into runs of whole
 * rows, and a row too large for one sync into bands of columns. A piece's bytes count its range's
 * address and its envelopes (the getRange path, its instantiation, the formulas and numberFormat
 * assignments) as well as its cells.
 */
export function planWrites(layout: WhatIfLayout, maxBytes = maxSyncBytes, firstSyncBytes = 0): WritePiece[][] {
  const pieces: WritePiece[] = [];
  for (const block of layout.blocks) {
    const width = block.cells.reduce((w, r) => Math.max(w, r.length), 0);
    const rowOf = (r: number, from: number, to: number) => Array.from({ length: to - from }, (_, c) => block.cells[r]![from + c] ?? "");
    const band = (from: number, to: number) => block.cells.map((_, r) => rowOf(r, from, to));
    // Each row of a band is built and measured once: a piece's size is the sum of its rows' (the
    // JSON of n rows is theirs, n − 1 commas and the brackets), not the piece encoded again.
    const whole = band(0, width);
    const wholeSizes = whole.map((row) => payloadBytes(row));
    const widest = wholeSizes.reduce((w, b) => Math.max(w, b), 0) + (block.columnFormats ? payloadBytes(block.columnFormats) : 0);
    // A row too large for a quarter of a sync is cut into bands of columns.
    const bands = Math.ceil(widest / (maxBytes / 4));
    const bandWidth = Math.ceil(width / bands);
    for (let from = 0; from < width; from += bandWidth) {
      const to = Math.min(width, from + bandWidth);
      const cells = bands === 1 ? whole : band(from, to);
      const sizes = bands === 1 ? wholeSizes : cells.map((row) => payloadBytes(row));
      const formats = block.columnFormats?.slice(from, to);
      const formatBytes = formats ? payloadBytes(formats) + 1 : 0;
      let start = 0;
      let bytes = 4;
      let cellBytes = 1;
      const flush = (end: number) => {
        if (end === start) return;
        const formulas = cells.slice(start, end);
        const numberFormat = formats && formulas.map(() => formats);
        const address = rangeAddress(block.row + start, block.col + from, end - start, to - from);
        pieces.push({
          address,
          formulas,
          ...(numberFormat && { numberFormat }),
          bytes: cellBytes + (numberFormat ? 1 + numberFormat.length * formatBytes : 0) + payloadBytes(address) + 4 * envelopeBytes,
        });
        start = end;
        bytes = 4;
        cellBytes = 1;
      };
      for (let r = 0; r < block.cells.length; r++) {
        const rowBytes = sizes[r]! + 1 + formatBytes;
        if (bytes + rowBytes > maxBytes / 2) flush(r);
        bytes += rowBytes;
        cellBytes += sizes[r]! + 1;
      }
      flush(block.cells.length);
    }
  }
  // Pieces are at most half a sync, so packing them in order fills each sync at least half.
  const syncs: WritePiece[][] = [[]];
  let used = syncBytes + firstSyncBytes;
  for (const piece of pieces) {
    if (used + piece.bytes > maxBytes && syncs.at(-1)!.length > 0) {
      syncs.push([]);
      used = syncBytes;
    }
    syncs.at(-1)!.push(piece);
    used += piece.bytes;
  }
  return syncs;
}

/** The first of "name", "name (2)", … that no sheet has, within Excel's 31 characters. */
async function freeSheetName(context: Excel.RequestContext, base: string): Promise<string> {
  const candidates = [base, ...Array.from({ length: 98 }, (_, i) => `${base.slice(0, 26)} (${i + 2})`)];
  // One round trip for a batch of candidates instead of one per name.
  for (let start = 0; start < candidates.length; start += 10) {
    const batch = candidates.slice(start, start + 10);
    const probes = batch.map((name) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      sheet.load("isNullObject");
      return sheet;
    });
    await context.sync();
    const free = batch.find((_, i) => probes[i]!.isNullObject);
    if (free) return free;
  }
  throw new Error(`every sheet name from "${base}" to "${candidates.at(-1)}" is taken; rename or delete some what-if sheets`);
}

/** Refuses before anything is written when this Excel lacks an API the sheet uses. */
function requireExcelApi(): void {
  const requirements = (globalThis as { Office?: typeof Office }).Office?.context?.requirements;
  if (requirements && !requirements.isSetSupported("ExcelApi", requiredExcelApi)) {
    throw new Error(
      `what-if sheets need Excel JavaScript API ${requiredExcelApi} (Excel 2019 or later, Microsoft 365, or Excel on the web); nothing was written`,
    );
  }
}

/** A cell on a sheet as a chart's formula refers to it: 'What-if rdht'!$F$5. */
function sheetReference(sheetName: string, cell: string): string {
  const absolute = cell.replace(/\$/g, "").replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `'${sheetName.replace(/'/g, "''")}'!${absolute}`;
}

function cellOnly(address: string): string {
  return address.replace(/\$/g, "");
}

/** The inputs' defined names (scoped to the sheet) and what Excel shows when one is selected. */
function queueInputs(sheet: Excel.Worksheet, layout: WhatIfLayout): void {
  for (const n of layout.names) sheet.names.add(n.name, sheet.getRange(cellOnly(n.address)), n.comment);
  for (const h of layout.help) {
    const validation = sheet.getRange(h.address).dataValidation;
    if (h.list) validation.rule = { list: { inCellDropDown: true, source: h.list.join(",") } };
    validation.prompt = { showPrompt: true, title: h.title, message: h.message };
  }
}

/**
 * Widths, bold headers, the title, the wrapped header row, frozen panes, and the formula cells'
 * number format following the output cell: one custom conditional format per output choice, its
 * rule a formula on the output cell (the cells' own format, the inserted output's, applies when none
 * holds).
 */
function queueFormats(sheet: Excel.Worksheet, layout: WhatIfLayout): void {
  const data = sheet.getRange(layout.dataAddress);
  for (const f of layout.outputFormats) {
    const conditional = data.conditionalFormats.add(Excel.ConditionalFormatType.custom).custom;
    conditional.rule.formula = f.rule;
    conditional.format.numberFormat = f.numberFormat;
  }
  for (const w of layout.columnWidths) sheet.getRange(w.columns).format.columnWidth = w.width;
  for (const address of layout.bold) sheet.getRange(address).format.font.bold = true;
  const title = sheet.getRange(layout.titleCell).format.font;
  title.bold = true;
  title.size = 14;
  const header = sheet.getRange(layout.wrapped).format;
  header.wrapText = true;
  header.autofitRows();
  sheet.freezePanes.freezeAt(layout.freezeAt);
}

/** The chart: its title linked to the table's title cell and its value axis title to the output cell, so both follow the output. */
function queueChart(sheet: Excel.Worksheet, sheetName: string, layout: WhatIfLayout): void {
  const spec = layout.chart;
  const chart = sheet.charts.add(spec.type, sheet.getRange(spec.series[0]!.values), "Columns");
  chart.title.text = spec.title;
  chart.title.setFormula(`=${sheetReference(sheetName, spec.titleCell)}`);
  const { categoryAxis, valueAxis } = chart.axes;
  categoryAxis.title.text = spec.xTitle;
  valueAxis.title.text = spec.yTitle;
  valueAxis.title.setFormula(`=${sheetReference(sheetName, spec.yTitleCell)}`);
  if (spec.xLogarithmic) categoryAxis.scaleType = "Logarithmic";
  if (spec.yLogarithmic) valueAxis.scaleType = "Logarithmic";
  spec.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    if (i > 0) series.setValues(sheet.getRange(s.values));
    series.setXAxisValues(sheet.getRange(s.xValues));
  });
  chart.legend.visible = spec.series.length > 1 && spec.series.length <= 20;
  chart.setPosition(spec.anchor);
  chart.width = spec.width;
  chart.height = spec.height;
}

/** Deletes the sheet a failed write left, in a context of its own, and says what happened. */
async function removeHalfWritten(sheetName: string, step: string, error: unknown): Promise<Error> {
  const cause = error instanceof Error ? error.message : String(error);
  try {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
      sheet.load("isNullObject");
      await context.sync();
      if (sheet.isNullObject) return;
      sheet.delete();
      await context.sync();
    });
  } catch (cleanup) {
    const why = cleanup instanceof Error ? cleanup.message : String(cleanup);
    return new Error(
      `writing the what-if sheet "${sheetName}" failed while ${step} (${cause}), and removing it failed too (${why}): delete that sheet by hand`,
      {
        cause: error,
      },
    );
  }
  return new Error(`writing the what-if sheet "${sheetName}" failed while ${step} (${cause}); the sheet was removed, so nothing half-written is left`, {
    cause: error,
  });
}

/** Insert the layout into a new sheet of the open workbook and activate it. */
export async function insertWhatIfTable(layout: WhatIfLayout): Promise<InsertedTable> {
  requireExcelApi();
  const syncs = planWrites(layout, maxSyncBytes, inputsBytes(layout));
  let created: string | undefined;
  let step = "adding the sheet";
  try {
    return await Excel.run(async (context) => {
      const sheetName = await freeSheetName(context, layout.sheetName);
      created = sheetName;
      // A sheet just added under a name no sheet has is empty: the first batch goes with it.
      const sheet = context.workbook.worksheets.add(sheetName);
      for (const [i, pieces] of syncs.entries()) {
        step = `writing batch ${i + 1} of ${syncs.length}`;
        if (i === 0) queueInputs(sheet, layout);
        for (const piece of pieces) {
          const range = sheet.getRange(piece.address);
          range.formulas = piece.formulas;
          if (piece.numberFormat) range.numberFormat = piece.numberFormat;
        }
        await context.sync();
      }
      step = "formatting the sheet and adding the chart";
      queueFormats(sheet, layout);
      queueChart(sheet, sheetName, layout);
      sheet.activate();
      await context.sync();
      return { sheetName, formulaCount: layout.formulaCount };
    });
  } catch (error) {
    if (created === undefined) throw error;
    throw await removeHalfWritten(created, step, error);
  }
}
