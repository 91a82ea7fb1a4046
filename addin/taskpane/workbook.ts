/**
 * Writes a what-if layout into the workbook: a NEW sheet, its inputs and live formulas, and a
 * native line chart. It never overwrites a cell that holds anything: the sheet gets a name no
 * other sheet has, and the block is read before it is written.
 */
/// <reference types="office-js" />
import type { WhatIfLayout } from "./whatif";

export interface InsertedTable {
  sheetName: string;
  formulaCount: number;
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

function isBlank(value: unknown): boolean {
  return value === "" || value === null || value === undefined;
}

/** Insert the layout into a new sheet of the open workbook and activate it. */
export async function insertWhatIfTable(layout: WhatIfLayout): Promise<InsertedTable> {
  return Excel.run(async (context) => {
    const sheetName = await freeSheetName(context, layout.sheetName);
    const sheet = context.workbook.worksheets.add(sheetName);
    const block = sheet.getRange(layout.blockAddress);
    block.load("values");
    await context.sync();
    const occupied = (block.values as unknown[][]).flatMap((row, r) => row.map((v, c) => (isBlank(v) ? undefined : [r, c]))).find(Boolean);
    if (occupied) {
      sheet.delete();
      await context.sync();
      throw new Error(`sheet "${sheetName}" already holds data in ${layout.blockAddress}; nothing was written`);
    }
    block.formulas = layout.cells;
    block.format.autofitColumns();

    const chart = sheet.charts.add("Line", sheet.getRange(layout.dataAddress), "Columns");
    chart.title.text = layout.chartTitle;
    layout.seriesNames.forEach((name, i) => {
      const series = chart.series.getItemAt(i);
      series.name = name;
      series.setXAxisValues(sheet.getRange(layout.categoryAddress));
    });
    chart.setPosition(layout.chartAnchor.topLeft, layout.chartAnchor.bottomRight);
    sheet.activate();
    await context.sync();
    return { sheetName, formulaCount: layout.formulaCount };
  });
}
