"""`jobapp run` cold, then again with nothing changed (issue 16, item 7: the rerun under 2 s).

    python bench/cli_rerun.py [--reruns 3] [--no-llm] [--bytecode]

Runs the real command, as a user would, on the bundled demo data (40 offers, a French CV) in a fresh
data folder: the first run computes everything (models loaded, offers embedded, summaries written),
each rerun finds everything stored and should load no model. Output is piped, as in a log file, so
the plain per-item progress lines are what gets written. Prints wall-clock seconds as JSON, with the
machine's load average (other work on the 2 shared cores stretches every figure). With
``PYTHONDONTWRITEBYTECODE`` set (as in some dev shells) every run compiles jobapp's modules again;
``--bytecode`` lets the runs cache their bytecode (in a temporary folder, not in the checkout), as
an installed app does; the cold run then also compiles every module it imports (torch included).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def jobapp_command() -> list[str]:
    """The installed `jobapp` script beside this interpreter (the venv's), else through click."""
    script = Path(sys.executable).with_name("jobapp")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from jobapp.cli import main; main()"]


def timed_run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(args)}` failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=3, help="Reruns with nothing changed (median shown).")
    parser.add_argument("--no-llm", action="store_true", help="Pass --no-llm to every run.")
    parser.add_argument("--bytecode", action="store_true", help="Cache compiled modules between runs.")
    options = parser.parse_args()
    command = [*jobapp_command(), "run", *(["--no-llm"] if options.no_llm else [])]
    with tempfile.TemporaryDirectory(prefix="jobapp-cli-bench-") as home:
        env = {**os.environ, "JOBAPP_HOME": home}
        if options.bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(Path(home) / "pycache")
        cold, cold_log = timed_run(command, env)
        reruns = [timed_run(command, env)[0] for _ in range(max(1, options.reruns))]
    print(
        json.dumps(
            {
                "bench": "cli_rerun",
                "command": "jobapp run" + (" --no-llm" if options.no_llm else ""),
                "bytecode_cached": options.bytecode or not os.environ.get("PYTHONDONTWRITEBYTECODE"),
                "cold_s": round(cold, 2),
                "rerun_s": [round(x, 2) for x in reruns],
                "rerun_median_s": round(statistics.median(reruns), 2),
                "target_rerun_s": 2.0,
                "cold_log_lines": len(cold_log.splitlines()),
                "load_average": [round(x, 2) for x in os.getloadavg()],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
