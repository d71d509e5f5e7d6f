"""``python -m analysis`` runs the policy-lens command line."""

from analysis.cli import main

raise SystemExit(main())
