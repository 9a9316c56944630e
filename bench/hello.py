"""The ceiling C0: a bare Flask "Hello, World!", served by bench/run.py under the same
gunicorn command line as Participa."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello() -> str:
    return "Hello, World!"
