"""Sizes of the share bar's script and stylesheet (budgets, gzipped: 3 KB and 2 KB).

The script is built from a readable source (``npm run build``): its line shows the
source's size too. The budget applies to what browsers download: the build, gzipped.

python bench/bench_assets.py
"""

import gzip
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "wagtail_darksocial"
STATIC = PACKAGE / "static/wagtail_darksocial"
SOURCES = {"darksocial.js": PACKAGE / "static_src/darksocial.js"}
BUDGETS = {"darksocial.js": 3072, "darksocial.css": 2048}


def main():
    ok = True
    for name, budget in BUDGETS.items():
        data = (STATIC / name).read_bytes()
        size = len(gzip.compress(data, compresslevel=9))
        ok &= size <= budget
        source = f"source {SOURCES[name].stat().st_size} bytes, " if name in SOURCES else ""
        built = "built" if name in SOURCES else "served"
        print(f"{name}: {source}{built} {len(data)} bytes, {size} gzipped (budget {budget})")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
