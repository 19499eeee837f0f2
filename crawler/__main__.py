import sys

from crawler.tools.cli import main

sys.exit(main())
