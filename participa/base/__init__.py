"""What every layer stands on: configuration, the Flask extensions (the database), time (UTC,
the local zone and the conversions) and backups. Imports no other package of Participa."""

from pathlib import Path

# The repository: templates/, static/, translations/ and migrations/ are found from here.
ROOT = Path(__file__).resolve().parent.parent.parent
