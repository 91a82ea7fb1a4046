/**
 * Errors as RFC 9457 problem details: `application/problem+json` with the status, a short title,
 * a sentence for people (`detail`) and, for the planner's mistakes, `errors: [{ path, message }]`
 * naming each parameter and the rule it broke, exactly as the catalog words them.
 */
import type { HttpResponseInit } from "@azure/functions";
import type { FieldError } from "../../shared/index";
import { UnknownModelError, ValidationError } from "../../shared/index";

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** A request the API refuses, with the status and words the client gets. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  constructor(status: number, detail: string, errors: FieldError[] = [], headers: Record<string, string> = {}) {
    super(detail);
    this.name = "HttpProblem";
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

/** A 400 about one parameter: the common case, said once. */
export function badParameter(path: string, message: string): HttpProblem {
  return new HttpProblem(400, message, [{ path, message }]);
}

export interface ProblemBody {
  type: "about:blank";
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors: FieldError[];
}

export function problemBody(status: number, detail: string, errors: FieldError[], instance?: string): ProblemBody {
  return {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(instance !== undefined && { instance }),
    errors,
  };
}

export function problemResponse(
  status: number,
  detail: string,
  errors: FieldError[] = [],
  options: { instance?: string; headers?: Record<string, string> } = {},
): HttpResponseInit {
  return {
    status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...options.headers },
    body: JSON.stringify(problemBody(status, detail, errors, options.instance)),
  };
}

/**
 * Any thrown value → the response a client should see. The catalog's own errors keep their words;
 * anything else is a bug on our side, reported as a 500 without internals (the tests show none of
 * the requests a client can send gets here).
 */
export function responseForError(error: unknown, instance: string): { response: HttpResponseInit; unexpected: boolean } {
  if (error instanceof HttpProblem) {
    return { response: problemResponse(error.status, error.message, error.errors, { instance, headers: error.headers }), unexpected: false };
  }
  if (error instanceof ValidationError) {
    const count = error.errors.length;
    const detail = count === 1 ? error.errors[0]!.message : `${count} problems with the parameters: ${error.message}`;
    return { response: problemResponse(400, detail, error.errors, { instance }), unexpected: false };
  }
  if (error instanceof UnknownModelError) {
    return { response: problemResponse(404, error.message, [{ path: "name", message: error.message }], { instance }), unexpected: false };
  }
  return {
    response: problemResponse(500, "the API failed on this request; please report it with the request that caused it", [], { instance }),
    unexpected: true,
  };
}
