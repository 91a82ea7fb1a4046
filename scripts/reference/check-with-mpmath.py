"""
Second opinion on test/fixtures/reference.json from a different arbitrary-precision library.

    python3 scripts/reference/check-with-mpmath.py     (needs mpmath; not part of CI)

Recomputes every rserver, rdht, node, blocking, rs, availability, mm1h, pathlength, pserved and design case
(dsmu, pdhta, dsdhta, sndhta) with mpmath at 1100 digits (mpf(float) is exact, so the inputs are the same doubles) and prints the largest relative
difference from the recorded 50-digit strings; anything beyond 1e-45 is listed and fails the run.
"""
import json
import sys
from pathlib import Path

from mpmath import exp, log, mp, mpf, power

mp.dps = 1100
FIXTURE = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "reference.json"


def queue(rho, h):
    """M/M/1/h blocking, acceptance and mean number in system."""
    if rho == 1:
        return mpf(1) / (h + 1), mpf(h) / (h + 1), mpf(h) / 2
    top = power(rho, h + 1)
    blocking = (1 - rho) * power(rho, h) / (1 - top)
    return blocking, 1 - blocking, rho / (1 - rho) - (h + 1) * top / (1 - top)


def served(rho, h, mu, mttf):
    """P_served = a·S(ρa)/S(ρ), S(z) = Σ_{j<h} z^j, a = µ/(µ + ν), ν = 1/(3600·MTTF)."""
    a = mu / (mu + 1 / (3600 * mttf))

    def geometric(z):
        return mpf(h) if z == 1 else (1 - power(z, h)) / (1 - z)

    return a * geometric(rho * a) / geometric(rho)


def path_length(nodes, params):
    """k(N) by the routing algorithm, never below one node visited."""
    algorithm = params.get("algorithm", "log2")
    if algorithm == "onehop":
        return mpf(1)
    if algorithm == "can":
        d = params.get("d", 2)
        return max(mpf(1), mpf(d) / 4 * power(nodes, mpf(1) / d))
    divisor = {"log2": 1, "chord": 2}.get(algorithm) or params.get("b", 4 if algorithm == "pastry" else 1)
    return max(mpf(1), log(nodes) / log(2) / divisor)


def design(model, params, f):
    """The designs from their definitions; every parameter the fixture's case needs is in it."""
    lam = f["lambda"] if "lambda" in f else f.get("arrivalRate", 0) * f.get("lookupsPerPeer", 0)
    include = params.get("pserved") == "include"
    h = int(params["h"])
    if model == "dsmu":
        rho = lam / (f["n"] * f["mu"])
        up, lifetime = f["mttf"] / (f["mttf"] + f["mttr"]), f["mttf"]
    else:
        if model == "pdhta":
            nodes = f["N"] if "N" in f else f["arrivalRate"] * f["sessionTime"] * 3600
            lifetime, repair, reported = f["sessionTime"], f["repairTime"], "N"
        elif model == "dsdhta":
            nodes, lifetime, repair, reported = f["servers"], f["mttf"], f["mttr"], None
        else:
            if "supernodes" in f:
                nodes = f["supernodes"]
            else:
                peers = f["N"] if "N" in f else f["arrivalRate"] * f["peerSessionTime"] * 3600
                nodes = peers * f["supernodeFraction"]
            lifetime, repair, reported = f["sessionTime"], f["repairTime"], "supernodes"
        k = f["k"] if "k" in f else path_length(nodes, params)
        rho = f["rho"] if "rho" in f else lam * k / (nodes * f["mu"])
        up = lifetime / (lifetime + repair)
    b, a, _ = queue(rho, h)
    ps = served(rho, h, f["mu"], lifetime) if include else mpf(1)
    node_failure = 1 - up * a * ps
    out = {"rho": rho, "blocking": b, "lambda": lam}
    if include:
        out["Pserved"] = ps
    if model == "dsmu":
        q = power(node_failure, f["n"])
        out.update({"value": 1 - q, "unreliability": q, "serverUnreliability": node_failure})
        return out
    hop = power(node_failure, f["m"])
    r = power(1 - hop, k)
    out.update({"value": r, "unreliability": 1 - r, "k": k, "nodeUnreliability": node_failure, "hopUnreliability": hop})
    if reported:
        out[reported] = nodes
    return out


def outputs(model, params):
    f = {k: mpf(v) for k, v in params.items() if isinstance(v, (int, float))}
    if model == "rserver":
        q = power(1 - f["Rs"], f["n"])
        return {"value": 1 - q, "unreliability": q}
    if model == "rdht":
        hop = power(1 - f["Rp"], f["m"])
        r = power(1 - hop, f["k"])
        return {"value": r, "unreliability": 1 - r, "hopUnreliability": hop}
    if model == "node":
        r = f["Pup"] * f["Pqueued"] * f.get("Pserved", mpf(1))
        return {"value": r, "unreliability": 1 - r}
    if model == "blocking":
        b, a, _ = queue(f["rho"], int(params["h"]))
        return {"value": b, "Pqueued": a}
    if model == "rs":
        rho = f["lambda"] / (f["mu"] * f["n"])
        b, a, _ = queue(rho, int(params["h"]))
        return {"value": f["Ps"] * a, "unreliability": 1 - f["Ps"] + f["Ps"] * b, "rho": rho, "blocking": b}
    if model == "availability":
        up, down = f["mttf"], f["mttr"]
        if "t" not in params:
            return {"value": up / (up + down), "unreliability": down / (up + down)}
        if params["mttr"] == 0:
            return {"value": mpf(1), "unreliability": mpf(0)}
        rate = 1 / up + 1 / down
        decay = exp(-rate * f["t"])
        return {"value": (1 / down + decay / up) / rate, "unreliability": (1 / up) / rate * (1 - decay)}
    if model == "mm1h":
        rho = f["lambda"] / f["mu"]
        b, a, mean = queue(rho, int(params["h"]))
        x = f["lambda"] * a
        w = mean / x if params["lambda"] > 0 else 1 / f["mu"]
        return {"value": w, "rho": rho, "blocking": b, "Pqueued": a, "utilization": rho * a,
                "throughput": x, "meanInSystem": mean, "meanResponseTime": w}
    if model == "pathlength":
        return {"value": path_length(f["N"], params)}
    if model == "pserved":
        rho = f["lambda"] / f["mu"]
        p = served(rho, int(params["h"]), f["mu"], f["mttf"])
        return {"value": p, "unreliability": 1 - p, "rho": rho}
    if model in ("dsmu", "pdhta", "dsdhta", "sndhta"):
        return design(model, params, f)
    return None


def main():
    cases = json.loads(FIXTURE.read_text())["cases"]
    worst, compared, bad = mpf(0), 0, 0
    for case in cases:
        mine = outputs(case["model"], case["params"])
        if mine is None:
            continue
        for name, text in case["expect"].items():
            want, got = mpf(text), mine[name]
            if want == 0:
                if got != 0:
                    print("recorded 0 but mpmath has", case["model"], case["params"], name, got)
                    bad += 1
                continue
            difference = abs(got - want) / abs(want)
            compared += 1
            worst = max(worst, difference)
            if difference > mpf(10) ** -45:
                print("differs", case["model"], case["params"], name, mp.nstr(difference, 3))
                bad += 1
    print(f"compared {compared} outputs; largest relative difference {mp.nstr(worst, 3)}")
    sys.exit(1 if bad else 0)


main()
