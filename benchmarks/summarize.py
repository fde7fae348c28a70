"""Markdown tables from a run_load.sh output folder: one row per load level (all requests), then per request."""

import csv
import re
import sys
from pathlib import Path


def rows(path: Path):
    with path.open() as f:
        yield from csv.DictReader(f)


def main(folder: str) -> None:
    out = Path(folder)
    levels = sorted(out.glob("u*_stats.csv"), key=lambda p: int(re.search(r"u(\d+)_", p.name).group(1)))
    print("| users | requests | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    detail = []
    for path in levels:
        users = re.search(r"u(\d+)_", path.name).group(1)
        for row in rows(path):
            cells = (row["Request Count"], f"{float(row['Requests/s']):.1f}", row["50%"], row["95%"], row["99%"],
                     row["Failure Count"])
            if row["Name"] == "Aggregated":
                print(f"| {users} | " + " | ".join(cells) + " |")
            else:
                detail.append(f"| {users} | {row['Name']} | " + " | ".join(cells) + " |")
    print()
    print("| users | request | count | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(detail))
    wrk = out / "wrk_healthz.txt"
    if wrk.exists():
        text = wrk.read_text()
        rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
        lat = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", text, re.M))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
        print()
        print(f"/healthz ceiling (wrk, 30 connections): {float(rps):.0f} req/s, p50 {lat.get('50')}, p90 {lat.get('90')}, "
              f"p99 {lat.get('99')}, errors {errors.group(1) if errors else 0}")


if __name__ == "__main__":
    main(sys.argv[1])
