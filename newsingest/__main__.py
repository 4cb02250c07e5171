"""`python -m newsingest` runs the command line."""

from newsingest.cli import main

main()
