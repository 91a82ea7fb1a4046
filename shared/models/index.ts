import { availability } from "./availability";
import { blocking } from "./blocking";
import { dsdhta } from "./designs/dsdhta";
import { dsmu } from "./designs/dsmu";
import { kofn } from "./kofn";
import { pdhta } from "./designs/pdhta";
import { sndhta } from "./designs/sndhta";
import { lookupcost } from "./lookup-cost";
import { mm1h } from "./mm1h";
import { node } from "./node";
import { pathlength } from "./path-length";
import { pserved } from "./pserved";
import { rdht } from "./rdht";
import { rs } from "./rs";
import { rserver } from "./rserver";

/** Every model, in the order listings show them: the paper's equations, what they need, the designs. */
export const models = [rserver, rdht, kofn, node, pserved, blocking, rs, availability, pathlength, mm1h, lookupcost, dsmu, pdhta, dsdhta, sndhta] as const;

/** The designs, by their taxonomy label. */
export const designs = [dsmu, pdhta, dsdhta, sndhta] as const;
