#!/usr/bin/python3
"""The benchmark's twin in SimPy: one M/M/1/h tracker node that fails and is repaired.

The same model as the TypeScript simulator's server design with n = 1: lookups arrive as a
Poisson process (rate LAMBDA); the node holds at most H of them and serves them one at a time
(exponential, rate MU); it fails after an exponential up time (mean MTTF) and loses every lookup
it holds, then comes back after an exponential repair (mean MTTR). A lookup succeeds when it is
served. The events counted are the same four as in the TypeScript run: arrivals, service
completions, failures and repairs.

Written for SimPy 2 (Debian's python3-simpy, module SimPy), in its usual style: one process per
activity, passivate/reactivate for an idle server, interrupt for a failure.

    /usr/bin/python3 scripts/simpy/mm1h_failures.py --events 1000000 --seed 1
prints one JSON line: events, seconds (wall clock), events_per_second, cpu_seconds (this process),
events_per_cpu_second, lookups, successes, success_rate.
"""
import argparse
import json
import random
import time

from SimPy.Simulation import Process, Simulation, hold, passivate


class Node:
    def __init__(self, sim, rng, mu, h):
        self.sim = sim
        self.rng = rng
        self.mu = mu
        self.h = h
        self.up = True
        self.waiting = 0  # lookups held, the one in service included
        self.server = None


class Counter:
    def __init__(self, budget):
        self.budget = budget
        self.events = 0
        self.lookups = 0
        self.successes = 0

    def tick(self, sim):
        self.events += 1
        if self.events >= self.budget:
            sim.stopSimulation()


class Server(Process):
    def serve(self, node, counter):
        while True:
            if not node.up or node.waiting == 0:
                yield passivate, self
                continue
            yield hold, self, node.rng.expovariate(node.mu)
            if self.interrupted():
                continue  # the node failed: the lookups it held are gone
            node.waiting -= 1
            counter.successes += 1
            counter.tick(self.sim)


class Arrivals(Process):
    def generate(self, node, counter, rate):
        while True:
            yield hold, self, node.rng.expovariate(rate)
            counter.lookups += 1
            if node.up and node.waiting < node.h:
                node.waiting += 1
                if node.server.passive():
                    self.sim.reactivate(node.server)
            counter.tick(self.sim)


class Failures(Process):
    def run(self, node, counter, mttf, mttr):
        while True:
            yield hold, self, node.rng.expovariate(1.0 / mttf)
            node.up = False
            node.waiting = 0
            if not node.server.passive():
                self.interrupt(node.server)
            counter.tick(self.sim)
            yield hold, self, node.rng.expovariate(1.0 / mttr)
            node.up = True
            counter.tick(self.sim)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lambda", dest="rate", type=float, default=90.0, help="lookups/s")
    parser.add_argument("--mu", type=float, default=100.0, help="lookups/s")
    parser.add_argument("--h", type=int, default=10)
    parser.add_argument("--mttf", type=float, default=100.0, help="seconds")
    parser.add_argument("--mttr", type=float, default=10.0, help="seconds")
    args = parser.parse_args()

    sim = Simulation()
    sim.initialize()
    rng = random.Random(args.seed)
    node = Node(sim, rng, args.mu, args.h)
    counter = Counter(args.events)
    node.server = Server(sim=sim)
    sim.activate(node.server, node.server.serve(node, counter))
    arrivals = Arrivals(sim=sim)
    sim.activate(arrivals, arrivals.generate(node, counter, args.rate))
    failures = Failures(sim=sim)
    sim.activate(failures, failures.run(node, counter, args.mttf, args.mttr))

    started = time.perf_counter()
    cpu_started = time.process_time()
    sim.simulate(until=1e300)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    print(json.dumps({
        "events": counter.events,
        "seconds": seconds,
        "events_per_second": counter.events / seconds,
        "cpu_seconds": cpu_seconds,
        "events_per_cpu_second": counter.events / cpu_seconds,
        "lookups": counter.lookups,
        "successes": counter.successes,
        "success_rate": counter.successes / max(counter.lookups, 1),
    }))


if __name__ == "__main__":
    main()
