/** The primary sources the presets take their numbers from, each named once. */
import type { PresetSource } from "./types";

export const sources = {
  bep5: {
    citation: "BEP 5, DHT Protocol (A. Loewenstern, A. Norberg), bittorrent.org",
    url: "https://www.bittorrent.org/beps/bep_0005.html",
  },
  libtorrentSettings: {
    citation: "libtorrent reference documentation, settings_pack",
    url: "https://www.libtorrent.org/reference-Settings.html",
  },
  amuleKademlia: {
    citation: "aMule source, src/kademlia/kademlia/Defines.h and Constants.h",
    url: "https://github.com/amule-project/amule/tree/master/src/kademlia/kademlia",
  },
  libp2pKadDht: {
    citation: "libp2p Kademlia DHT specification, libp2p/specs kad-dht/README.md",
    url: "https://github.com/libp2p/specs/blob/master/kad-dht/README.md",
  },
  libp2pSpecsPr451: {
    citation: "libp2p/specs pull request 451, provider record republish and expiration (merged 2022-12-12)",
    url: "https://github.com/libp2p/specs/pull/451",
  },
  probelabRfm2: {
    citation: "ProbeLab, RFM 2: uptime and churn of IPFS DHT servers (the week from 2022-04-28)",
    url: "https://github.com/probe-lab/network-measurements/blob/master/results/rfm2-uptime-and-churn.md",
  },
  probelabRfm17: {
    citation: "ProbeLab, RFM 17: provider record liveness (2022-08-18), §3.1",
    url: "https://github.com/probe-lab/network-measurements/blob/master/results/rfm17-provider-record-liveness.md",
  },
  opentracker: {
    citation: "opentracker (D. Engling), trackerlogic.h",
    url: "https://erdgeist.org/arts/software/opentracker/",
  },
  stutzbach2006: {
    citation: 'D. Stutzbach, R. Rejaie, "Understanding Churn in Peer-to-Peer Networks", IMC 2006, DOI 10.1145/1177080.1177105',
    url: "https://doi.org/10.1145/1177080.1177105",
  },
  stutzbachSlides: {
    citation:
      'lecture slides on Stutzbach and Rejaie, "Understanding Churn in Peer-to-Peer Networks" (a secondary source: its per-torrent fits are not confirmed from the paper)',
    url: "https://www.scribd.com/presentation/396682590/pdi",
  },
} as const satisfies Record<string, PresetSource>;
