"""Run trustcoach as ``python -m trustcoach``."""

from trustcoach.cli.app import main

main()
