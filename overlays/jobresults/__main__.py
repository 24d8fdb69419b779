"""`python -m jobresults` runs the command line."""

from jobresults.cli import main

main()
