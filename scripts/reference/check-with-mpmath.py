"""
Second opinion on test/fixtures/reference.json from a different arbitrary-precision library.

    python3 scripts/reference/check-with-mpmath.py     (needs mpmath; not part of CI)

Recomputes every rserver, rdht, node, blocking, rs, availability and mm1h case with mpmath at 1100
digits (mpf(float) is exact, so the inputs are the same doubles) and prints the largest relative
difference from the recorded 50-digit strings; anything beyond 1e-45 is listed and fails the run.
"""
import json
import sys
from pathlib import Path

from mpmath import exp, mp, mpf, power

mp.dps = 1100
FIXTURE = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "reference.json"


def queue(rho, h):
    """M/M/1/h blocking, acceptance and mean number in system."""
    if rho == 1:
        return mpf(1) / (h + 1), mpf(h) / (h + 1), mpf(h) / 2
    top = power(rho, h + 1)
    blocking = (1 - rho) * power(rho, h) / (1 - top)
    return blocking, 1 - blocking, rho / (1 - rho) - (h + 1) * top / (1 - top)


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
