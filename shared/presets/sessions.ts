/**
 * Measured session laws as simulator presets (the simulate tool): the models take a session's mean
 * only, the simulator also its shape, and heavy tails (Weibull shape below 1) are where the
 * exponential assumption of the formulas is weakest.
 */
import { sources } from "./sources";
import { keepAll, type Preset, type PresetSetting } from "./types";

/** What the session studies leave to the simulator: the design's defaults, the client's, the run's. */
export const simulatorKeeps = {
  n: "applies to the dsmu design only",
  ...keepAll(["m", "mttr", "mu", "h", "lambda", "N", "algorithm", "k", "rho"], "not part of a session law: the design's default"),
  repair: "no repair law was measured: the default",
  ...keepAll(["outageMttf", "outageMttr"], "no common-mode outages were measured: none"),
  ...keepAll(["failover", "retries", "timeout", "backoff", "rtt"], "the client's behaviour, not measured: the simulator's default"),
  ...keepAll(["events", "seed", "chunks", "method"], "the run's own settings, not the system's: the default"),
  ...keepAll(["sites", "siteMttf", "siteMttr"], "apply to the dsmu design only"),
} as const;

export const peers: PresetSetting = {
  value: "pdhta",
  cites: [{ source: sources.stutzbach2006, fact: "the sessions measured are those of peers in BitTorrent swarms (also Gnutella and Kad)" }],
  mapping: "peers' sessions are the up periods of the design in which peers are the tracker nodes: design = pdhta",
};

export const weibull: PresetSetting = {
  value: "weibull",
  cites: [
    { source: sources.stutzbach2006, fact: "session lengths are not exponential" },
    { source: sources.stutzbachSlides, fact: "the session lengths fit a Weibull (or a log-normal) better than an exponential" },
  ],
  mapping: "Weibull up periods, with the mean of the design and the shape below",
};

/** A torrent's session law: its Weibull shape, the rest the simulator's defaults. */
function torrentSessions(name: string, torrent: string, shape: number): Preset {
  return {
    name,
    title: `BitTorrent sessions, ${torrent} torrent (Weibull shape ${shape})`,
    entry: "simulate",
    summary: `The heavy-tailed peer sessions Stutzbach and Rejaie measured in the ${torrent} torrent, as the simulator's up periods.`,
    params: {
      design: peers,
      lifetime: weibull,
      shape: {
        value: shape,
        cites: [{ source: sources.stutzbachSlides, fact: `session lengths in the ${torrent} torrent: Weibull with shape k = ${shape}` }],
        mapping: `the Weibull's shape: shape = ${shape}`,
      },
    },
    asks: {},
    keeps: {
      ...simulatorKeeps,
      mttf: "the slides' Weibull scales carry no unit and are not confirmed from the paper: the design's default session time",
    },
    facts: {},
  };
}

export const bittorrentRedhat = torrentSessions("bittorrent-redhat", "Red Hat", 0.34);
export const bittorrentDebian = torrentSessions("bittorrent-debian", "Debian", 0.38);
export const bittorrentFlatout = torrentSessions("bittorrent-flatout", "FlatOut", 0.59);
