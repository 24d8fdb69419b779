"""`python scripts/bench`: run the benchmarks and write BENCHMARKS.md."""

import importlib
import sys
from pathlib import Path

# Run as a folder, this file sees its own folder as the import root; the suite is the package
# `bench`, importable from the folder above.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
sys.exit(importlib.import_module("bench.main").main())
