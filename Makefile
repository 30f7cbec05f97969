# Dekat: `make up` runs the whole stack with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY := .venv/bin/python
# uv from PATH, else the one `make install` puts into python3 with pip (found by -m whatever PATH says).
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help install infra browser up down status test lint isolation demo bench bench-smoke bench-tools

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

install:  ## Install uv (if missing) and the Python workspace from uv.lock, compiled (every process starts faster)
	@command -v uv >/dev/null || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet --compile-bytecode
	@$(PY) -m compileall -q -j 0 libs/common/src services/intake/src services/routing/src services/notify/src >/dev/null
	@echo "[install] Python workspace ready (.venv)"

infra: install  ## Install (if missing) and start PostgreSQL, Kafka (secured) and the SMTP sink; topics, users, ACLs
	@bash deploy/local/infra.sh up
	@$(PY) -m dekat.topic_admin
	@$(PY) deploy/local/kafka_access.py demo

browser:  ## Install (if missing) Debian's chromium and axe-core from npm, for the browser tests
	@bash deploy/local/browser.sh install

up: infra  ## Everything: infrastructure, the three services, Prometheus, demo data
	@bash deploy/local/provider.sh start
	@bash deploy/local/services.sh start
	@bash deploy/local/prometheus.sh start
	@$(PY) deploy/local/demo.py
	@$(PY) deploy/local/demo_staff.py
	@echo
	@echo "Dekat is up:"
	@echo "  portal   http://127.0.0.1:8001/        (the citizen portal: find a service, report it, track it)"
	@echo "  public   http://127.0.0.1:8001/publik  (how each agency performs, no sign-in; English /public, JSON /v1/public/agencies, open data /open-data)"
	@echo "  intake   http://127.0.0.1:8001/docs    (POST /v1/requests, GET /v1/requests/{id})"
	@echo "  routing  http://127.0.0.1:8002/docs    (GET /v1/agencies, GET /v1/requests/{id}/routing)"
	@echo "  notify   http://127.0.0.1:8003/docs    (GET /v1/notifications?request_id=..., X-API-Key dekat-operator-demo)"
	@echo "  metrics  http://127.0.0.1:800{1,2,3}/metrics, Prometheus http://127.0.0.1:9090"
	@echo "  mail     .run/mail/*.eml (SMTP sink on 127.0.0.1:8025); SMS/WhatsApp: fake provider on 127.0.0.1:8004"
	@echo "  Open311  http://127.0.0.1:8001/open311/v2/discovery.json (api_key dekat-demo-open311-key)"
	@echo "  console  http://127.0.0.1:8002/console (dinas-bina-marga.staf / demo-dinas-bina-marga.staf)"
	@echo "  counter  http://127.0.0.1:8001/counter (ptsp-menteng.petugas / demo-ptsp-menteng.petugas)"
	@echo "  Kafka    127.0.0.1:9092 SASL_SSL + SCRAM-SHA-512, CA .run/kafka/tls/ca.pem (users and ACLs: README)"
	@echo "  logs     .run/services/*.log, Kafka .run/kafka/server.log"
	@echo "  stop     make down"

down:  ## Stop the services, Prometheus and the infrastructure
	@bash deploy/local/services.sh stop
	@bash deploy/local/provider.sh stop
	@bash deploy/local/prometheus.sh stop
	@bash deploy/local/infra.sh down

status:  ## What is running
	@bash deploy/local/infra.sh status || true
	@bash deploy/local/provider.sh status || true
	@bash deploy/local/services.sh status || true

bench-tools:  # wrk, the load generator, from Debian (once)
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq wrk >/dev/null; }

bench: install bench-tools  ## Dekat beside the bare pipeline, fixed and max rate (~15 min; needs `make infra`)
	@$(PY) -m bench.run $(BENCH_ARGS)

bench-smoke: install bench-tools  ## The same benchmark for a few seconds: proves it still runs (asserts no speed)
	@$(PY) -m bench.run --smoke --out .run/bench-smoke

demo:  ## Submit demo requests to the running stack, and make the demo staff accounts
	@$(PY) deploy/local/demo.py
	@$(PY) deploy/local/demo_staff.py

lint: install  ## ruff and mypy --strict
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@$(UV) run --frozen mypy

isolation: install  ## Install each service alone and import it: an undeclared dependency fails here
	@for svc in intake routing notify; do \
	  UV_PROJECT_ENVIRONMENT=.cache/isolated/$$svc $(UV) sync --frozen --quiet --package dekat-$$svc --no-dev && \
	  .cache/isolated/$$svc/bin/python -c "import $$svc.main as m; m.create_app" && \
	  echo "[isolation] $$svc imports with only its declared dependencies" || exit 1; \
	done

test: lint isolation infra browser  ## The whole suite against real Kafka and PostgreSQL, in Chromium, plus promtool and bench-smoke
	@bash deploy/local/services.sh stop >/dev/null  # the end-to-end tests run their own instances
	@bash deploy/local/prometheus.sh check
	@$(UV) run --frozen pytest -p no:cacheprovider
	@$(MAKE) --no-print-directory bench-smoke
