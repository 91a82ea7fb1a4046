/**
 * What every model with a mixed fleet shares: a parameter that is one reliability with a count of
 * identical members (Rs with n), or a list with one reliability per member (Rs = [0.9, 0.99, 0.999]),
 * and the rule that ties the two together.
 */
import { type Prob, parallelAll, parallelPower, prob } from "../numerics";
import type { FieldError, PartImportance } from "../catalog/types";

/** A number-or-list parameter's value, as params.ts `probabilities` gives it. */
export type Members = number | readonly number[];

/** How many members there are: the list's length, or the count that goes with a single number (1 when left out). */
export function fleetSize(members: Members, count: number | undefined): number {
  return typeof members === "number" ? (count ?? 1) : members.length;
}

/**
 * With a list the count is left out, or equals the list's length, so that no surface has to guess
 * which of two disagreeing sizes was meant. One number without a count is one member (a range of
 * one cell in Excel reads as a number).
 */
export function checkFleet(membersName: string, members: Members | undefined, countName: string, count: number | undefined): FieldError[] {
  if (members === undefined || typeof members === "number" || count === undefined || count === members.length) return [];
  return [
    {
      path: countName,
      message: `${countName} must equal the number of ${membersName} listed (${members.length}), or be left out: got ${countName} = ${count}`,
    },
  ];
}

/** The members in parallel: any one of them working is enough. Q = Π (1 − R_i), each factor exact. */
export function parallelFleet(members: Members, count: number | undefined): Prob {
  return typeof members === "number" ? parallelPower(prob(members), fleetSize(members, count)) : parallelAll(members.map(prob));
}

/**
 * Each listed member's Birnbaum importance as the sensitivity tool reads it, named by the parameter
 * and its position ("Rs.0 (server 1)"). `noun` is what one member is: "server", "replica".
 */
export function memberImportance(param: string, noun: string, reliabilities: readonly number[], importance: ArrayLike<number>): PartImportance[] {
  return reliabilities.map((reliability, index) => ({
    param,
    index,
    part: `${param}.${index} (${noun} ${index + 1})`,
    reliability,
    importance: importance[index]!,
  }));
}
