"""Run trustcoach as ``python -m trustcoach``."""

from trustcoach.cli import main

main()
