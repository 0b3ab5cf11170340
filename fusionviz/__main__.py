"""``python -m fusionviz`` runs the command-line interface."""

import sys

from fusionviz.cli import main

sys.exit(main())
