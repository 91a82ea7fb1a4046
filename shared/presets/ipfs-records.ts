/**
 * IPFS's own estimate of a provider record's survival (ProbeLab RFM 17, §3.1): with 90% of peers
 * gone 12 h after they joined, a record on K = 20 holders is still reachable with probability
 * 1 − 0.9^20 ≈ 0.878. Two presets: the estimate itself on rserver (20 holders in parallel), and the
 * same record in the simulator with heavy-tailed sessions and the 22-h republish as its repair.
 */
import { threeDigits, weibullMean, weibullWithShapeThrough } from "./derive";
import { peers, simulatorKeeps, weibull } from "./sessions";
import { sources } from "./sources";
import type { Citation, Preset } from "./types";

const ninetyPercentGoneAt12h: Citation = {
  source: sources.probelabRfm17,
  fact: "90% of peers leave before hour 12 (the weekly Nebula crawls), so 1 − 0.9^20 ≈ 0.878 of records stay retrievable after 12 h",
};
const twentyHolders: Citation = { source: sources.libp2pKadDht, fact: "k = 20: a record is stored on the 20 peers closest to its key" };

export const ipfs12h: Preset = {
  name: "ipfs-12h",
  title: "IPFS provider record 12 h after publication (RFM 17's estimate)",
  entry: "rserver",
  summary: "ProbeLab's estimate of a provider record's survival: each of its 20 holders still there after 12 h with probability 0.1.",
  params: {
    Rs: {
      value: 0.1,
      cites: [ninetyPercentGoneAt12h],
      mapping: "the chance one holder is still online 12 h after the record was stored on it: Rs = 1 − 0.9",
    },
    n: {
      value: 20,
      cites: [twentyHolders],
      mapping: "the record's holders in parallel, any one of which answers: n = 20",
    },
  },
  asks: {},
  keeps: {},
  facts: {},
};

/** The heavy tail of the simulator check: BitTorrent's Debian torrent (Stutzbach and Rejaie). */
const checkShape = 0.38;
/** Weibull sessions of that shape with 90% over at 12 h, as RFM 17 assumes. */
const ipfsCheckSessions = weibullWithShapeThrough(checkShape, { hours: 12, fraction: 0.9 });

export const ipfsRecords: Preset = {
  name: "ipfs-records",
  title: "IPFS provider records in the simulator: 20 holders, heavy-tailed sessions, republished every 22 h",
  entry: "simulate",
  summary:
    "RFM 17's record simulated: 20 holders whose sessions are Weibull (shape 0.38) with 90% over by 12 h, a departed holder's copy restored at the 22-h republish.",
  params: {
    design: peers,
    m: { value: 20, cites: [twentyHolders], mapping: "the record's holders are the replicas of one hop: m = 20" },
    k: {
      value: 1,
      cites: [{ source: sources.probelabRfm17, fact: "a record is reachable while one of its K holders is: 1 − C^K" }],
      mapping: "one hop, the holders: the route to them is not what RFM 17's estimate asks about, so k = 1",
    },
    mttf: {
      value: threeDigits(weibullMean(ipfsCheckSessions)),
      cites: [ninetyPercentGoneAt12h],
      mapping: `the mean of the Weibull of shape ${checkShape} with 90% of sessions over at 12 h (scale ${threeDigits(ipfsCheckSessions.scale)} h), to three digits`,
    },
    lifetime: weibull,
    shape: {
      value: checkShape,
      cites: [{ source: sources.stutzbachSlides, fact: `session lengths in BitTorrent's Debian torrent: Weibull with shape k = ${checkShape}` }],
      mapping: `a heavy tail as measured in P2P sessions (IPFS's own shape is not published): shape = ${checkShape}`,
    },
    repair: {
      value: "fixed",
      cites: [{ source: sources.libp2pSpecsPr451, fact: "provider records are republished every 22 h" }],
      mapping: "a departed holder's copy is restored by the next republish: a fixed period",
    },
    mttr: {
      value: 22,
      cites: [{ source: sources.libp2pSpecsPr451, fact: "provider records are republished every 22 h" }],
      mapping: "the longest a departed holder's copy waits for the republish: mttr = 22 h, the upper end",
    },
  },
  asks: {},
  keeps: Object.fromEntries(Object.entries(simulatorKeeps).filter(([name]) => !["m", "mttr", "k", "repair"].includes(name))),
  facts: {},
};
