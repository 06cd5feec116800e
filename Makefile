# petitionnlp — set-up and the main jobs.  Only python3 (3.10+), make and PyPI access are needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install train train-briefing evaluate bench bench-regions bench-briefings clean fonts browser postgres render serve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=77' wheel
	# compat: a plain path in a .pth, no import hook at start-up (keeps `petitionnlp` quick to start)
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP) fonts
	@$(BIN)/python -m petitionnlp.demo

test: $(STAMP) fonts browser postgres render
	$(BIN)/python -m pytest

# Debian packages, installed with apt when missing and when we are root (else the tests say what they skip):
# a CJK font for the PNG charts, Chromium and its driver for the browser tests of the workbench, PostgreSQL,
# LibreOffice and poppler to render documents.
APT_INSTALL = apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

fonts:
	@if ! ls /usr/share/fonts/opentype/noto/NotoSerifCJK* >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
	    && command -v apt-get >/dev/null; then \
	  echo "installing fonts-noto-cjk fonts-arphic-ukai (Chinese in PNG charts; the 专报's 宋体/仿宋/黑体/楷体 when rendered)"; \
	  $(APT_INSTALL) fonts-noto-cjk fonts-arphic-ukai >/dev/null || true; fi

# chromium-l10n: the browser's own controls (date fields, file choosers) in Chinese, as a clerk's browser shows them
browser:
	@if ! { command -v chromium && command -v chromedriver && [ -e /usr/lib/chromium/locales/zh-CN.pak ]; } >/dev/null \
	    && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium chromium-driver chromium-l10n (browser tests)"; \
	  $(APT_INSTALL) chromium chromium-driver chromium-l10n >/dev/null || true; fi

# LibreOffice (headless) and poppler: the tests render what people print (XLSX, DOCX) to PDF and PNG and look at it
# fonts-crosextra-carlito: Calibri's widths, the sheets' default font, by which LibreOffice sizes their columns
# (with DejaVu Sans in its place a sheet prints a third smaller than in Excel)
render:
	@if ! { command -v soffice && command -v pdftoppm && fc-list | grep -q Carlito; } >/dev/null \
	    && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito (documents rendered in the tests)"; \
	  $(APT_INSTALL) libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito >/dev/null \
	    || true; fi

# PostgreSQL for the shared-database tests (they start their own throw-away cluster; initdb runs as `postgres`)
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null \
	    && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing postgresql (shared-database tests)"; $(APT_INSTALL) postgresql postgresql-contrib >/dev/null || true; fi

# the workbench on http://127.0.0.1:8000 (data in ./petitionnlp-data)
serve: $(STAMP) fonts
	$(BIN)/petitionnlp serve

# the real dev records beside the repo and the records gathered for issue 29; their blind pages
# (corpora/train/blind_split.json, corpora/train/blind_split_gathered.json) are never trained on
DEV   := ../shared/corpora/petitions_dev.jsonl ../shared/corpora/disclosure_dev.jsonl
BLIND := corpora/train/blind_split.json corpora/train/blind_split_gathered.json
GATHERED := corpora/train/gathered_petitions.jsonl

# rebuild the shipped models from corpora/ (the card reports the blind records when the dev corpora are beside
# the repo); corpora/train/real_petitions.jsonl itself is rebuilt by scripts/make_real_corpus.py
train: $(STAMP)
	$(BIN)/petitionnlp train --no-base --corpus corpora/train/synthetic_petitions.jsonl \
	  corpora/train/real_petitions.jsonl -o models \
	  $(if $(wildcard $(DEV)),--eval-corpus $(DEV) $(GATHERED) --blind $(BLIND))

# the learned judge of briefing directives beside the rules (models/briefing_directives, its card there): trained
# on the annotated briefings of corpora/briefing/gold and the shared dev briefings, chosen on folds grouped by site
train-briefing: $(STAMP)
	$(BIN)/python scripts/train_briefing_model.py -o models/briefing_directives

# the shipped model on the blind records, beside its cross-validated figures (folds by page, province, random)
evaluate: $(STAMP)
	$(BIN)/petitionnlp evaluate --corpus $(DEV) $(GATHERED) --blind $(BLIND)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_classify.py

clean:
	rm -rf $(VENV) build *.egg-info

# benchmark-only venv: cpca (needs setuptools<81 for pkg_resources) and jionlp beside petitionnlp
.venv-bench/.installed: pyproject.toml
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --upgrade pip 'setuptools<81' wheel
	.venv-bench/bin/python -m pip install --quiet -e . cpca jionlp
	touch $@

bench-regions: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/bench_regions.py

bench-briefings: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/eval_briefings.py
