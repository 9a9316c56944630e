"""What every layer stands on: configuration, the Flask extensions (the database), UTC time
and backups. Imports no other package of Participa."""
