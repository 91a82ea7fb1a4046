/**
 * A tool request's computation, start to finish, as a worker thread does it: run the tool from the
 * catalog (validation once, inside it) and write the answer in the asked format (a chart, for
 * format=svg: charts.ts), or the refusal as
 * problem+json. Everything crosses the thread boundary as plain data, so the reply is the
 * response itself: status, headers and body text.
 */
import { run } from "../../shared/index";
import { responseForError } from "../http/problem";
import type { Format, OutputChoice } from "../http/request";
import { flattenScalars, formatResult, SVG_TYPE } from "../http/respond";
import { chartSvg } from "./charts";

export interface ToolTask {
  tool: string;
  params: unknown;
  format: Format;
  output: OutputChoice;
  /** The request's path, for the problem's `instance`. */
  instance: string;
}

export interface ToolReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set when the failure was ours, not the client's: what the log should say. */
  unexpected?: string;
}

export function computeTool(task: ToolTask): ToolReply {
  try {
    const computed = run(task.tool, task.params).result;
    if (task.format === "svg") return { status: 200, headers: { "content-type": SVG_TYPE }, body: chartSvg(task.tool, computed, task.output) };
    const result = computed !== null && typeof computed === "object" && !Array.isArray(computed) ? (computed as Record<string, unknown>) : { value: computed };
    return asReply(formatResult(result, task.format, { output: task.output, row: () => flattenScalars(result) }));
  } catch (error) {
    const { response, unexpected } = responseForError(error, task.instance);
    return { ...asReply(response), ...(unexpected && { unexpected: error instanceof Error ? (error.stack ?? error.message) : String(error) }) };
  }
}

/** A response as the plain data that crosses the thread boundary. */
export function asReply(response: { status?: number; headers?: unknown; body?: unknown }): ToolReply {
  return { status: response.status ?? 200, headers: (response.headers ?? {}) as Record<string, string>, body: String(response.body ?? "") };
}
