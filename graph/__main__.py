"""Run the Borderlines command line: ``python -m graph validate|format|export``."""

from graph.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
