/**
 * The DHTs whose peers are the tracker (design pdhta, P+DHT+A): BitTorrent's Mainline DHT, the
 * KAD of eMule and aMule, and IPFS's libp2p Kademlia DHT. Each source gives the replicas of an entry
 * and how soon a lost one is stored again; none gives the planner's population or workload, nor a
 * node's service rate or queue, which the three presets leave alike.
 */
import { hoursOfMinutes, threeDigits, weibullMean, weibullThrough } from "./derive";
import { sources } from "./sources";
import { type Citation, keepAll, type Preset, type PresetFact, type PresetSetting } from "./types";

/**
 * What none of the three sources gives, said once for the three; `noSessions` names the sources
 * when they give no session time either (Mainline's, KAD's), so that sessionTime keeps its default.
 */
function unsourced(system: string, noSessions?: string): Pick<Preset, "asks" | "keeps"> {
  return {
    asks: {
      N: "the number of nodes in your DHT: no source here counts them for your network (or give arrivalRate, and N follows by Little's law)",
      lambda: "the lookups per second your peers make for the objects planned (or arrivalRate and lookupsPerPeer, whose product it is)",
    },
    keeps: {
      ...keepAll(["mu", "h"], `${system}'s sources give no service rate or queue of a node: keeps the default`),
      ...keepAll(["arrivalRate", "lookupsPerPeer"], "the other way to give the population and the workload (N and lambda), left to the planner"),
      b: "the routing splits a bucket one bit at a time: b left out is Kademlia's 1",
      d: "CAN's dimensions: not used by Kademlia routing",
      ...keepAll(["k", "rho"], "derived from N, the algorithm and the workload, as the model does when they are left out"),
      pserved: "the paper's choice: P_served taken as 1, as in every design",
      ...(noSessions !== undefined && { sessionTime: `${noSessions} give no session time of a node: keeps the default` }),
    },
  };
}

/** The nodes an entry is stored on, as a hop's replicas. */
function replicas(m: number, holders: string, cites: Citation[]): PresetSetting {
  return { value: m, cites, mapping: `the ${holders} are a hop's replicas: m = ${m}` };
}

/** A lost entry stored again at the next republish: the period, as the repair time's upper end. */
function republished(hours: number, what: string, cites: Citation[]): PresetSetting {
  return {
    value: hours,
    cites,
    mapping: `a departed node's ${what} stored again at the next republish, at most ${hours} h later: repairTime = ${hours} h, the upper end`,
  };
}

/** Kademlia routing, as all three use: the path length log_(2^b) N with one bit a hop. */
function kademlia(cite: Citation): PresetSetting {
  return { value: "kademlia", cites: [cite], mapping: "Kademlia routing: k = log2 N hops with b = 1, the model's upper bound for Kademlia" };
}

/** α, a lookup's parallelism, which no model takes. */
function parallelism(value: number, cites: Citation[]): PresetFact {
  return {
    value,
    cites,
    note: "α, the requests a lookup sends at once, shortens a lookup and routes it around silent nodes; the model has no parameter for it (a hop succeeds when one of its m replicas answers)",
  };
}

export const mainline: Preset = {
  name: "mainline",
  title: "BitTorrent Mainline DHT (BEP 5)",
  entry: "pdhta",
  summary: "Trackerless BitTorrent: the DHT's nodes hold each torrent's peer list on the 8 closest nodes, restored within 15 minutes.",
  params: {
    m: replicas(8, "K = 8 closest nodes, which hold one torrent's peer list,", [
      {
        source: sources.bep5,
        fact: "K = 8: a bucket holds 8 nodes and a node answers with the 8 closest it knows; a peer announces itself to the closest nodes that answered",
      },
    ]),
    repairTime: {
      value: hoursOfMinutes(15),
      cites: [
        { source: sources.bep5, fact: "a node is questionable after 15 minutes without activity; a bucket not changed for 15 minutes is refreshed" },
        { source: sources.libtorrentSettings, fact: "dht_announce_interval 900 s: a peer announces again every 15 minutes" },
      ],
      mapping:
        "a departed node's peer list is back within 15 minutes (the peers announce again to the closest nodes they now find): repairTime = 0.25 h, the upper end; the mean is about half of it when departures fall evenly between announces",
    },
    algorithm: kademlia({ source: sources.bep5, fact: "the protocol is based on Kademlia: XOR distance, buckets split in halves" }),
  },
  ...unsourced("Mainline DHT", "BEP 5 and libtorrent"),
  facts: {
    searchBranching: parallelism(5, [
      { source: sources.libtorrentSettings, fact: "dht_search_branching 5: the requests a lookup keeps in flight" },
      { source: sources.bep5, fact: "BEP 5 gives no lookup parallelism" },
    ]),
    storedPeerTimeout: {
      value: 45,
      unit: "min",
      cites: [{ source: sources.libtorrentSettings, fact: "a node drops an announced peer it has not heard from again for 45 minutes" }],
      note: "how long a list keeps a peer that left the swarm: the freshness of the answer, not whether a lookup gets one, so no parameter of the model",
    },
  },
};

export const kad: Preset = {
  name: "kad",
  title: "eMule / aMule KAD (Kademlia)",
  entry: "pdhta",
  summary: "eMule's and aMule's KAD: each file's sources stored on 10 nodes and republished every 5 hours.",
  params: {
    m: replicas(10, "10 nodes that hold a file's sources", [
      { source: sources.amuleKademlia, fact: "SEARCHSTOREFILE_TOTAL 10: a file's source is stored on 10 nodes" },
    ]),
    repairTime: republished(5, "sources are", [
      { source: sources.amuleKademlia, fact: "KADEMLIAREPUBLISHTIMES 5 h: a source publishes itself again every 5 hours" },
    ]),
    algorithm: kademlia({ source: sources.amuleKademlia, fact: "KAD is Kademlia with K = 10 contacts a bucket" }),
  },
  ...unsourced("KAD", "the aMule constants"),
  facts: {
    alpha: parallelism(3, [{ source: sources.amuleKademlia, fact: "ALPHA_QUERY 3: contacts a lookup asks at once" }]),
    keywordRepublish: {
      value: 24,
      unit: "h",
      cites: [{ source: sources.amuleKademlia, fact: "KADEMLIAREPUBLISHTIMEK 24 h: keywords are published again every 24 hours" }],
      note: "this preset plans a lookup of a file's sources; a keyword search is the same design with repairTime 24",
    },
  },
};

/** ProbeLab's RFM 2: half of the DHT servers that joined left within about 2 h, 80% within 8 h. */
const ipfsSessions = weibullThrough({ hours: 2, fraction: 0.5 }, { hours: 8, fraction: 0.8 });

export const ipfs: Preset = {
  name: "ipfs",
  title: "IPFS / libp2p Kademlia DHT",
  entry: "pdhta",
  summary: "IPFS's DHT: provider records on the 20 closest peers, republished every 22 h, with the churn ProbeLab measured in 2022.",
  params: {
    m: replicas(20, "20 holders of a record", [
      { source: sources.libp2pKadDht, fact: "k = 20: records are stored on the 20 peers closest to the key" },
      { source: sources.probelabRfm17, fact: "a provider record is replicated on the K = 20 closest peers" },
    ]),
    sessionTime: {
      value: threeDigits(weibullMean(ipfsSessions)),
      cites: [{ source: sources.probelabRfm2, fact: "of the DHT servers that joined, 50% stayed online ~2 h or less and 80% 8 h or less" }],
      mapping: `the mean of the Weibull session law through those two points (shape ${threeDigits(ipfsSessions.shape)}, scale ${threeDigits(ipfsSessions.scale)} h), to three digits`,
    },
    repairTime: republished(22, "records are", [{ source: sources.libp2pSpecsPr451, fact: "provider records are republished every 22 h" }]),
    algorithm: kademlia({ source: sources.libp2pKadDht, fact: "the libp2p DHT is Kademlia: XOR distance, k-buckets" }),
  },
  ...unsourced("IPFS"),
  facts: {
    alpha: parallelism(3, [{ source: sources.libp2pKadDht, fact: "α = 3: the requests a lookup sends at once" }]),
    recordExpiry: {
      value: 48,
      unit: "h",
      cites: [{ source: sources.libp2pSpecsPr451, fact: "provider records expire 48 h after they were stored" }],
      note: "republished every 22 h, a record does not expire while its provider stays online, so the model needs no parameter for it",
    },
  },
};
