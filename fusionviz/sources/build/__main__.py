"""``python -m fusionviz.sources.build``."""

import sys

from fusionviz.sources.build.cli import main

sys.exit(main())
