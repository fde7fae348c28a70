"""What "300 concurrent heads" means in the load benchmark (docs/performance.md, "300 heads as people"): 280 heads
each on their own department's dashboard, 10 on the province's and 10 on the department's, each reading a page for an
exponentially distributed time of mean THINK seconds before the next, and any answer but 200 a failure.

The locustfile is loaded in a child process: importing locust monkey-patches the standard library (gevent), which
must not happen inside the test run."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r"""
import importlib.util, json, statistics, sys
spec = importlib.util.spec_from_file_location("heads", sys.argv[1])
heads = importlib.util.module_from_spec(spec)
spec.loader.exec_module(heads)
users = {cls.__name__: cls for cls in (heads.CrowdHead, heads.ProvinceHead, heads.DepartmentHead)}
draws = [heads.Head.wait_time(None) for _ in range(40000)]
print(json.dumps({
    "counts": {name: cls.fixed_count for name, cls in users.items()},
    "names": {name: cls.page_name for name, cls in users.items()},
    "first": {name: next(cls.pool) for name, cls in users.items()},
    "crowd_paths": len({next(heads.CrowdHead.pool)[1] for _ in range(1000)}),
    "mean": statistics.fmean(draws), "median": statistics.median(draws),
}))
"""


def _sessions(folder, name, lines):
    (folder / f"{name}.sessions").write_text("".join(line + "\n" for line in lines))


def test_three_hundred_heads_read_for_an_exponential_time(tmp_path):
    (tmp_path / "dashboards.txt").write_text("P01\nP01-D\n")
    _sessions(tmp_path, "P01", [f"prov{i} csrf{i}" for i in range(30)])
    _sessions(tmp_path, "P01-D", [f"dep{i} csrf{i}" for i in range(30)])
    _sessions(tmp_path, "many", [f"head{i} csrf{i} /dashboards/D{i:03}/?year=2024" for i in range(300)])
    env = {"HEADS_DIR": str(tmp_path), "HEADS": "300", "THINK": "10", "YEAR": "2024", "PATH": "/usr/bin:/bin"}
    probe = subprocess.run([sys.executable, "-c", PROBE, str(ROOT / "benchmarks" / "heads_locustfile.py")],
                           env=env, capture_output=True, text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    found = json.loads(probe.stdout.strip().splitlines()[-1])

    assert found["counts"] == {"CrowdHead": 280, "ProvinceHead": 10, "DepartmentHead": 10}
    assert found["names"]["ProvinceHead"] == "/dashboards/P01/"
    assert found["first"]["ProvinceHead"] == ["sessionid=prov0; csrftoken=csrf0", "/dashboards/P01/?year=2024"]
    assert found["first"]["CrowdHead"] == ["sessionid=head0; csrftoken=csrf0", "/dashboards/D000/?year=2024"]
    assert found["crowd_paths"] == 280  # each of the 280 people their own department, none of the 20 left out reused
    # Exponential of mean 10 s: mean 10, median 10 × ln 2 ≈ 6.93 (a uniform or fixed time would have median ≈ mean).
    assert abs(found["mean"] - 10) < 0.3
    assert abs(found["median"] - 6.93) < 0.3
