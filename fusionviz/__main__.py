"""``python -m fusionviz`` runs the command-line interface."""

import sys

from fusionviz.cli import main

# Guarded: the web page's figure workers are spawned processes, which import the
# main module again and must not run the command line a second time.
if __name__ == "__main__":
    sys.exit(main())
