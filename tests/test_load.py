"""The load test in its short form: gunicorn, 2 workers, concurrent clients, zero errors."""

import pytest

from support.load import run_load
from tests.conftest import DATASETS


@pytest.mark.slow
def test_gunicorn_serves_concurrent_callbacks_without_errors():
    result = run_load(DATASETS, workers=2, clients=10, total=200)
    assert result["requests"] == 200
    assert result["errors"] == 0
