/**
 * A classic BitTorrent tracker (design dsmu, DS+M+U): opentracker. Its source fixes how often a
 * peer comes back, which is the planner's workload, and nothing of the server's own failures or
 * capacity, which keep the design's defaults.
 */
import { sources } from "./sources";
import { keepAll, type Preset } from "./types";

/** OT_CLIENT_REQUEST_INTERVAL: the announce interval opentracker sends, in seconds. */
const announceInterval = 30 * 60;
/** OT_CLIENT_REQUEST_VARIATION: the spread the interval is sent with, in seconds. */
const variation = 6 * 60;

export const opentracker: Preset = {
  name: "opentracker",
  title: "opentracker, a classic BitTorrent tracker",
  entry: "dsmu",
  summary: "A server-based BitTorrent tracker: every peer announces again every 30 minutes, so the lookups it serves are the peers announcing ÷ 1800 s.",
  params: {},
  asks: {
    lambda: "the announces per second: the peers announcing to the tracker ÷ announceInterval (1800 s), or arrivalRate and lookupsPerPeer",
  },
  keeps: {
    ...keepAll(["n", "mttf", "mttr", "mu", "h"], "opentracker's source gives no fleet size, failure, repair or capacity figures: keeps the default"),
    ...keepAll(["sites", "siteMttf", "siteMttr"], "no placement over sites is given: left out, the servers fail independently"),
    ...keepAll(["arrivalRate", "lookupsPerPeer"], "the other way to give the workload (lambda), left to the planner"),
    pserved: "the paper's choice: P_served taken as 1, as in every design",
  },
  facts: {
    announceInterval: {
      value: announceInterval,
      unit: "s",
      cites: [
        {
          source: sources.opentracker,
          fact: `OT_CLIENT_REQUEST_INTERVAL 30 minutes, sent as ${announceInterval - variation / 2} to ${announceInterval + variation / 2 - 1} s (OT_CLIENT_REQUEST_VARIATION, drawn to the second)`,
        },
      ],
      note: "each peer in a swarm announces once an interval, so lambda = peers announcing ÷ 1800 s; the model takes the rate, not the interval",
    },
    minInterval: {
      value: announceInterval / 2,
      unit: "s",
      cites: [{ source: sources.opentracker, fact: "the min interval sent is half the announce interval" }],
      note: "the fastest a well-behaved client announces again: an upper bound on each peer's rate (2 ÷ 1800 s)",
    },
    peerTimeout: {
      value: 45,
      unit: "min",
      cites: [{ source: sources.opentracker, fact: "OT_PEER_TIMEOUT 45 minutes: a peer that stops announcing is dropped after 45 minutes" }],
      note: "how long the tracker names a peer that left: the freshness of its answer, not whether a lookup gets one, so no parameter of the model",
    },
  },
};
