"""Hypothesis budgets for the whole suite, chosen by `ALIGNER_HYPOTHESIS_PROFILE`.

- `dev` (default): small budgets so the default run stays quick; tests that set their own
  `max_examples` keep it.
- `thorough`: 10,000 examples for every property that does not set its own budget, for the
  dedicated run: ``ALIGNER_HYPOTHESIS_PROFILE=thorough pytest -m slow tests/test_property*.py``
  (see tests/test_property_*.py and the README's robustness section).

No deadline in either: timings on a shared CI machine are noise, and speed is measured in
`bench/`, not asserted here. Under CI (`CI` set, as `.ci/run` runs) examples are derandomized:
a CI verdict must be reproducible, while local runs keep exploring new examples.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

THOROUGH_EXAMPLES = 10_000

IN_CI = bool(os.environ.get("CI"))

settings.register_profile("dev", deadline=None, max_examples=150, derandomize=IN_CI,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", deadline=None, max_examples=THOROUGH_EXAMPLES,
                          derandomize=IN_CI, suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
settings.load_profile(os.environ.get("ALIGNER_HYPOTHESIS_PROFILE", "dev"))
