"""The schema-driven fuzzer (Schemathesis) against the live app, on each database: a real
HTTP server in a thread serves the app on the visibility world, and every operation of
/api/v1/openapi.json gets generated requests, valid (positive) and invalid (negative).
Checks: no 5xx, every status and content type documented, every JSON answer valid against
its schema, invalid parameters refused with a 4xx; and an unknown parameter is a 400 on
every endpoint. Bounded and deterministic: a fixed number of examples per operation, with
the suite's derandomized Hypothesis profile."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from werkzeug.serving import WSGIRequestHandler, make_server

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 8}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
# What the last run counted, for the report (docs/api.md quotes it).
COUNTS: Counter = Counter()


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@pytest.fixture
def live(app, world):
    server = make_server("127.0.0.1", 0, app, threaded=False, request_handler=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def _operations(base_url: str):
    # Loaded as a document (from_url would leave out the document's own address).
    document = requests.get(f"{base_url}/api/v1/openapi.json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(document)
    return [(result.ok(), bool(document["paths"][result.ok().path]["get"]["parameters"]))
            for result in schema.get_all_operations()]


def _known_ids(world: dict) -> dict[str, list[int]]:
    """Path parameters from the world, so that requests reach data (not only 404s)."""
    return {"round_id": [world["round"]], "commitment_id": [world["draft"]],
            "plan_id": [world["plan"]], "assessment_id": [world["assessment_open"]]}


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda mode: mode.value)
def test_the_schema_fuzzer_finds_nothing(live, world, mode):
    operations = _operations(live)
    assert operations
    checks = CHECKS + ([negative_data_rejection] if mode == GenerationMode.NEGATIVE else [])
    sent = fuzzed = 0
    for operation, has_parameters in operations:
        if mode == GenerationMode.NEGATIVE and not has_parameters:
            continue  # nothing to make invalid (the document itself)
        path_parameters = {
            name: values[0] for name, values in _known_ids(world).items()
            if "{" + name + "}" in operation.path
        }

        @settings(max_examples=EXAMPLES[mode], derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(
            generation_mode=mode,
            path_parameters=path_parameters if mode == GenerationMode.POSITIVE else None))
        def run(case):
            nonlocal sent
            sent += 1
            case.call_and_validate(base_url=live, checks=checks)

        run()
        fuzzed += 1
    COUNTS[(mode.value, "endpoints")] = fuzzed
    COUNTS[(mode.value, "requests")] += sent
    print(f"schema fuzzer ({mode.value}): {fuzzed} endpoints, {sent} requests")
    assert sent >= len(operations)


def test_every_endpoint_refuses_an_unknown_parameter(world, client, app):
    from participa.web import openapi as oa

    for rule in oa.api_rules(app):
        path = (rule.rule.replace("<int:round_id>", str(world["round"]))
                .replace("<int:commitment_id>", str(world["draft"]))
                .replace("<int:plan_id>", str(world["plan"]))
                .replace("<int:assessment_id>", str(world["assessment_open"])))
        assert "<" not in path, f"give {rule.rule} an example id here"
        response = client.get(path + "?parametro_desconocido=1")
        assert response.status_code == 400, path
        assert response.get_json()["parameter"] == "parametro_desconocido", path
