import sys

from association.benchmark.run import main

sys.exit(main())
