/**
 * `@azure/functions-core` for this process: the module the Azure Functions Node.js worker builds
 * into itself and @azure/functions v4 `require`s to register functions, hooks and its programming
 * model. Like the worker, we make `require("@azure/functions-core")` answer with our object by
 * wrapping Module.prototype.require: the bundle is CommonJS (main.cjs), so its require calls go
 * through that prototype no matter who loads it (our createRequire here, or `import()` of a .cjs
 * file, which Node hands to the same CommonJS loader). A resolve hook would not do: the module
 * exists nowhere on disk, and what must come back is a live object, not a file.
 */
import Module from "node:module";

/** The shapes the library passes, as far as a host needs them (the worker's types are not on npm). */
export interface RpcBindingInfo {
  type?: string;
  direction?: "in" | "out" | "inout";
  name?: string;
  authLevel?: "anonymous" | "function" | "admin";
  methods?: string[];
  route?: string;
  [key: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
  [key: string]: unknown;
}

export type FunctionCallback = (...args: unknown[]) => unknown;
export type HookCallback = (context: Record<string, unknown>) => unknown;
export type LogLevel = "trace" | "debug" | "information" | "warning" | "error" | "critical" | "none";

export interface RpcHttpData {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: { bytes?: Uint8Array; string?: string } | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  statusCode?: string;
  cookies?: unknown[];
}

export interface CoreInvocationContext {
  invocationId: string;
  request: {
    invocationId: string;
    functionId: string;
    inputData: Array<{ name: string; data: { http: RpcHttpData } }>;
    triggerMetadata: Record<string, unknown>;
  };
  metadata: FunctionMetadata;
  state?: "preInvocationHooks" | "postInvocationHooks" | "invocation";
  log(level: LogLevel, category: "user" | "system" | "customMetric", message: string): void;
}

export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<{ returnValue?: { http?: RpcHttpData } | null }>;
}

export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(context: CoreInvocationContext): InvocationModel | Promise<InvocationModel>;
  getCapabilities(capabilities: Record<string, string>): Promise<Record<string, string>>;
}

export interface RegisteredFunction {
  id: string;
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

class Disposable {
  #dispose: (() => void) | undefined;
  constructor(dispose: () => void) {
    this.#dispose = dispose;
  }
  static from(...items: Array<{ dispose(): void }>): Disposable {
    return new Disposable(() => {
      for (const item of items) item.dispose();
    });
  }
  dispose(): void {
    this.#dispose?.();
    this.#dispose = undefined;
  }
}

/** What the loaded app told us: its functions, hooks and programming model. */
export class CoreRegistry {
  readonly functions = new Map<string, RegisteredFunction>();
  readonly hooks = new Map<string, HookCallback[]>();
  programmingModel: ProgrammingModel | undefined;
  /** Where log lines go; the host replaces this to print or collect them. */
  logSink: (level: LogLevel, category: string, message: string) => void = defaultLogSink;

  registerHook(hookName: string, callback: HookCallback): Disposable {
    const list = this.hooks.get(hookName) ?? [];
    list.push(callback);
    this.hooks.set(hookName, list);
    return new Disposable(() => {
      const index = list.indexOf(callback);
      if (index >= 0) list.splice(index, 1);
    });
  }

  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    const duplicate = [...this.functions.values()].find((f) => f.metadata.name.toLowerCase() === metadata.name.toLowerCase());
    if (duplicate) throw new Error(`a function named "${metadata.name}" is already registered`);
    // The host gives each function an id; the name is unique within an app, so it serves.
    const id = metadata.name;
    this.functions.set(id, { id, metadata, callback });
    return new Disposable(() => this.functions.delete(id));
  }

  async runHooks(hookName: string, context: Record<string, unknown>): Promise<void> {
    for (const callback of this.hooks.get(hookName) ?? []) await callback(context);
  }
}

function defaultLogSink(level: LogLevel, category: string, message: string): void {
  if (level === "warning") console.warn(`[${category}] ${message}`);
  else if (level === "error" || level === "critical") console.error(`[${category}] ${message}`);
  else if (category === "user" && level === "information") console.log(message);
}

const CORE_MODULE_ID = "@azure/functions-core";
const INSTALLED = Symbol.for("tracker-reliability-planner.functions-core");

/**
 * The registry of this process, created and wired into `require` on first use. One per process,
 * as with the worker: the library keeps module-level state (its programming model, setup lock).
 */
export function installCoreModule(version: string): CoreRegistry {
  const holder = globalThis as unknown as Record<symbol, CoreRegistry | undefined>;
  const existing = holder[INSTALLED];
  if (existing) return existing;
  const registry = new CoreRegistry();
  const coreApi = {
    version,
    hostVersion: version,
    registerHook: (hookName: string, callback: HookCallback) => registry.registerHook(hookName, callback),
    setProgrammingModel: (model: ProgrammingModel) => {
      registry.programmingModel = model;
    },
    getProgrammingModel: () => registry.programmingModel,
    registerFunction: (metadata: FunctionMetadata, callback: FunctionCallback) => registry.registerFunction(metadata, callback),
    log: (level: LogLevel, category: string, message: string) => registry.logSink(level, category, message),
    Disposable,
  };
  Module.prototype.require = new Proxy(Module.prototype.require, {
    apply(target, thisArg, args: unknown[]) {
      return args[0] === CORE_MODULE_ID ? coreApi : Reflect.apply(target, thisArg, args);
    },
  });
  holder[INSTALLED] = registry;
  return registry;
}
