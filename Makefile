# ivzflow: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app ivzflow
HOST   ?= 127.0.0.1
PORT   ?= 5000
# The demo tells the story of Twente in 2015: the app's clock starts at this moment and runs on.
# `make run DEMO_NOW=` uses the real time; production refuses a demo clock.
DEMO_NOW ?= 2015-06-01T09:00
# A local SMTP sink prints every e-mail the scheduler sends, on a free port unless MAIL_PORT names one (a taken
# port is refused, never shared). make run MAIL_SINK= MAIL_PORT=25 uses a real server instead.
MAIL_PORT ?=
MAIL_SINK ?= yes

.PHONY: install translations messages run test fuzz bench clean

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Compile the translation catalogs (.po are committed, .mo are built).
translations: install
	$(BIN)/pybabel compile -d ivzflow/translations

# Re-extract the messages and update the catalogs after changing texts.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		-o ivzflow/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i ivzflow/translations/messages.pot -d ivzflow/translations

# Web server, scheduler and (for the demo) an SMTP sink, stopped together with Ctrl-C.
run: translations
	$(FLASK) db upgrade
	IVZFLOW_FAKE_NOW="$(DEMO_NOW)" $(FLASK) demo load --if-empty
	@echo
	@echo "ivzflow runs on http://$(HOST):$(PORT)"
	@test -z "$(DEMO_NOW)" || echo "Demo clock: starts at $(DEMO_NOW) (make run DEMO_NOW= for the real time)"
	@$(FLASK) demo logins
	@echo
	@mail_port="$(MAIL_PORT)"; \
	if [ -n "$(MAIL_SINK)" ]; then \
		mail_port=$$($(BIN)/python -m ivzflow.demo.mail_port "$(MAIL_PORT)") || exit 1; \
		echo "E-mail goes to a local SMTP sink on port $$mail_port; it prints every message here."; \
	fi; \
	export IVZFLOW_FAKE_NOW="$(DEMO_NOW)" IVZFLOW_MAIL_PORT="$${mail_port:-25}" \
		IVZFLOW_BASE_URL="http://$(HOST):$(PORT)"; \
	trap 'kill 0' INT TERM EXIT; \
	if [ -n "$(MAIL_SINK)" ]; then \
		$(BIN)/python -m aiosmtpd -n -l 127.0.0.1:$$mail_port -c aiosmtpd.handlers.Debugging & \
	fi; \
	$(FLASK) scheduler & \
	$(FLASK) run --host $(HOST) --port $(PORT)

# Two processes (pytest-xdist; TEST_WORKERS=0 runs in one), each on its own database.
TEST_WORKERS ?= 2
test: translations
	$(BIN)/python -m pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS))

# The security fuzz tests at full strength: 1000 generated posts per form and API endpoint (hours, not
# minutes; `make test` runs 5 per endpoint). Each run draws a new seed and prints it in pytest's header and
# in a failure: FUZZ_SEED=<seed> (or IVZFLOW_FUZZ_SEED=<seed> make test) replays it. FUZZ_SHRINK=1 shrinks
# a failure first; FUZZ_SELECT picks endpoints or a database (a pytest -k expression, e.g. "postgresql and decisions").
FUZZ_EXAMPLES ?= 1000
FUZZ_SHRINK ?=
FUZZ_SELECT ?=
FUZZ_SEED ?=
fuzz: translations
	IVZFLOW_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) IVZFLOW_FUZZ_SHRINK=$(FUZZ_SHRINK) IVZFLOW_FUZZ_SEED=$(FUZZ_SEED) \
		$(BIN)/python -m pytest tests/security/test_fuzz.py -v $(if $(FUZZ_SELECT),-k "$(FUZZ_SELECT)")

# The speed benchmark at national scale (SQLite; PostgreSQL too with IVZFLOW_BENCH_DATABASE_URL set):
# results in bench/results/. BENCH_SCALE=0.01 for a quick run.
BENCH_SCALE ?= 1
bench: translations
	$(FLASK) bench run --scale $(BENCH_SCALE)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
