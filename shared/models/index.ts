import { availability } from "./availability";
import { blocking } from "./blocking";
import { mm1h } from "./mm1h";
import { node } from "./node";
import { pathlength } from "./pathlength";
import { rdht } from "./rdht";
import { rs } from "./rs";
import { rserver } from "./rserver";

/** Every model, in the order listings show them: the paper's equations first, then what they need. */
export const models = [rserver, rdht, node, blocking, rs, availability, pathlength, mm1h] as const;
