/**
 * What a tracker costs by the month: its servers, and the egress its answers take.
 *
 *   servers   = count × costPerMonth of the server type
 *   bandwidth = λ · hops · bytesPerLookup · SECONDS_PER_MONTH / 1e9 · costPerGB
 *
 * λ in lookups/s, bytesPerLookup a request plus its response, a gigabyte 10^9 bytes (as clouds
 * bill egress), a month 30.44 days (the Gregorian year's average). A DHT over servers answers each
 * lookup at every one of its k hops, so it pays k times the bytes; DS+M+U and one-hop routing pay
 * once. A peer-based design (P+DHT+A, SN+DHT+A) pays neither: its peers carry the load instead.
 *
 * Example: 2,400 lookups/s of 1,000 bytes at $0.05/GB is 6.3 TB, $315.6 a month.
 */
import { z } from "zod";
import { real } from "../catalog/params";
import { serverParams } from "../models/designs/workload";

export const DAYS_PER_MONTH = 30.44;
export const SECONDS_PER_MONTH = DAYS_PER_MONTH * 24 * 3600;
export const BYTES_PER_GB = 1e9;

/** The most server types one search takes: many more than a price list offers, and each is a line searched. */
export const MAX_SERVER_TYPES = 50;

/** What one server of a type costs a month. */
const costPerMonth = real({ description: "what one server of this type costs a month", unit: "$/month", min: 0, max: 1e9 });

/**
 * A kind of machine the planner can buy, in the designs' own parameters: the same rules as a
 * server of DS+M+U and DS+DHT+A, but required, since a price list states what it sells.
 */
export const serverTypeSchema = z.strictObject({
  name: z
    .string({ error: "must be a name of 1 to 40 characters" })
    .trim()
    .min(1, { error: "must be a name of 1 to 40 characters" })
    .max(40, { error: "must be a name of 1 to 40 characters" }),
  mu: serverParams.mu.unwrap(),
  h: serverParams.h.unwrap(),
  mttf: serverParams.mttf.unwrap(),
  mttr: serverParams.mttr.unwrap(),
  costPerMonth,
});

export type ServerType = z.output<typeof serverTypeSchema>;

/** The columns a server type has, in the order a table of them shows (Excel's header row, the task pane's table). */
export const serverTypeColumns = ["name", "mu", "h", "mttf", "mttr", "costPerMonth"] as const;

/**
 * An example price list, not prices anyone quotes: three sizes of machine whose speed, queue and
 * reliability grow with their price, the larger ones kept up longer and repaired faster. Change it
 * to your provider's list.
 */
export const exampleServerTypes: readonly ServerType[] = [
  { name: "small", mu: 500, h: 50, mttf: 720, mttr: 4, costPerMonth: 20 },
  { name: "medium", mu: 2000, h: 100, mttf: 1440, mttr: 2, costPerMonth: 70 },
  { name: "large", mu: 8000, h: 200, mttf: 2160, mttr: 1, costPerMonth: 260 },
];

export const bandwidthParams = {
  bytesPerLookup: real({
    description: "bytes one lookup sends and receives: the request plus the answer with its peer list",
    unit: "bytes",
    min: 0,
    max: 1e9,
    default: 1000,
  }),
  costPerGB: real({ description: "what a gigabyte (10^9 bytes) of egress costs", unit: "$/GB", min: 0, max: 1e6, default: 0.05 }),
};

/** A configuration's monthly cost, split. */
export interface MonthlyCost {
  servers: number;
  bandwidth: number;
  total: number;
}

/** Bytes a month of λ lookups/s over `hops` answers each. */
function bytesPerMonth(lambda: number, hops: number, bytesPerLookup: number): number {
  return lambda * hops * bytesPerLookup * SECONDS_PER_MONTH;
}

export function monthlyCost(
  count: number,
  type: ServerType,
  lambda: number,
  hops: number,
  bandwidth: { bytesPerLookup: number; costPerGB: number },
): MonthlyCost {
  const servers = count * type.costPerMonth;
  const egress = (bytesPerMonth(lambda, hops, bandwidth.bytesPerLookup) / BYTES_PER_GB) * bandwidth.costPerGB;
  return { servers, bandwidth: egress, total: servers + egress };
}
