"""Gzipped sizes of the share bar's script and stylesheet (budgets: 3 KB and 2 KB).

python bench/bench_assets.py
"""

import gzip
import sys
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "wagtail_darksocial/static/wagtail_darksocial"
BUDGETS = {"darksocial.js": 3072, "darksocial.css": 2048}


def main():
    ok = True
    for name, budget in BUDGETS.items():
        data = (STATIC / name).read_bytes()
        size = len(gzip.compress(data, compresslevel=9))
        ok &= size <= budget
        print(f"{name}: {len(data)} bytes, {size} gzipped (budget {budget})")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
