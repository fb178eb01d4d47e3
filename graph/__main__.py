"""Run the Borderlines command line: ``python -m graph validate|format|export|analyse|brief``.

The commands are registered in :data:`graph.cli.COMMANDS`; ``python -m graph --help`` lists them.
"""

from graph.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
