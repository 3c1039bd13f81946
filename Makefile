# obscale — the two commands of the README, and the benchmarks.
#
#   make demo    install what is missing, build in release mode, run the demo analysis
#   make test    install what the tests need, then run every test
#   make soak    100 000 cells through the kernel (docs/RELIABILITY.md)
#   make fuzz    run the libFuzzer targets (FUZZ_SECONDS each; make test runs 10 s of each)
#   make lint    check the Swift sources against .swift-format (make test runs it)
#   make bench   time the engine next to the Python pipelines, and the kernel next to ipykernel (docs/BENCHMARKS.md)

SHELL := /bin/bash
.DEFAULT_GOAL := demo

# Debian packages: LAPACK/BLAS, ZeroMQ, libcrypto, libedit, and pkg-config.
APT_PACKAGES := liblapacke-dev libopenblas-dev libzmq3-dev libssl-dev libedit-dev pkg-config
# What only the tests need: Debian's Chromium, driven by Playwright in the browser test.
TEST_APT_PACKAGES := chromium
# The folder(s) holding the paper's CSVs (the authors' eval_results/), colon-separated.
OBSCALE_PATH ?= $(abspath $(CURDIR)/../shared/data/obsscaling)
VENV := $(CURDIR)/.venv
PYTHON_PACKAGES := numpy scipy scikit-learn pandas \
  jupyter_client jupyter_kernel_test nbclient nbformat ipykernel \
  jupyterlab notebook playwright papermill jupyter_console
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test bench fuzz soak lint deps test-deps apt venv build clean

## Installs the Debian packages that are missing (through sudo when not root).
deps:
	@$(MAKE) --no-print-directory apt PACKAGES="$(APT_PACKAGES)"

## The Debian packages of the tests as well.
test-deps: deps
	@$(MAKE) --no-print-directory apt PACKAGES="$(TEST_APT_PACKAGES)"

apt:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# Release builds link the Swift runtime and Foundation statically: the kernel then starts in
# about two thirds of the time and with 5 MiB less resident memory. They are linked by GNU ld
# with packed relative relocations (DT_RELR, glibc 2.36): the 1.7 MiB table of relocations
# that gold writes, read at every start, shrinks to 33 KiB (docs/BENCHMARKS.md).
RELEASE := -c release --static-swift-stdlib \
  -Xswiftc -use-ld=bfd -Xlinker -z -Xlinker pack-relative-relocs

## Builds the release binary.
build: deps
	swift build $(RELEASE) --product obscale

demo: build
	.build/release/obscale demo

## A Python virtual environment: numpy, scipy and scikit-learn for the cross-checks; the
## Jupyter clients (jupyter_client, jupyter_kernel_test, nbclient) and ipykernel for the
## kernel's end-to-end tests and benchmarks; JupyterLab, Notebook 7 and Playwright for the
## browser test; papermill and the obscale-syntax package of python/ for the syntax test.
venv: $(VENV)/.installed
$(VENV)/.installed: Makefile python/pyproject.toml $(wildcard python/obscale_syntax/*.py)
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PYTHON_PACKAGES) ./python
	touch $@

# OpenBLAS picks its kernels by CPU (AVX-512, AVX2, SSE3, ...), and each rounds a little
# differently, enough to move a solver's iteration count or a plot's dot in the golden files.
# Tests pin the SSE3 kernels, which every x86-64 machine runs, so they expect the same bits
# everywhere; `make demo` and `make bench` use the machine's best.
## The house style, checked by swift-format (it ships with the Swift toolchain) against the
## checked-in .swift-format: 100 columns, two-space indents, documented public declarations.
## `swift format format -i -r --parallel $(LINT_PATHS)` applies it.
LINT_PATHS := Package.swift Sources Tests fuzz bench
lint:
	swift format lint -r --strict --parallel $(LINT_PATHS)

test: export OPENBLAS_CORETYPE := Prescott
test: test-deps venv lint
	OBSCALE_PYTHON=$(VENV)/bin/python OBSCALE_PATH=$(OBSCALE_PATH) swift test
	swift build --product obscale
	$(VENV)/bin/python Tests/CLI/cli_test.py .build/debug/obscale
	$(VENV)/bin/python Tests/Harness/harness_test.py .build/debug/obscale
	OBSCALE_PATH=$(OBSCALE_PATH) $(VENV)/bin/python Tests/Kernel/kernel_test.py .build/debug/obscale
	$(VENV)/bin/python Tests/Syntax/syntax_test.py .build/debug/obscale
	OBSCALE_PATH=$(OBSCALE_PATH) $(VENV)/bin/python Tests/Browser/browser_test.py .build/debug/obscale
	$(MAKE) fuzz FUZZ_SECONDS=10

# libFuzzer targets (fuzz/): the CSV reader, the language, and the wire decoder, built with
# the address sanitizer in their own build folder.
FUZZ_SECONDS ?= 120
FUZZ_BUILD := swift build --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING

## Fuzzes each target for FUZZ_SECONDS seconds; fails on a crash (kept in fuzz/crashes/).
fuzz: deps
	$(FUZZ_BUILD) --product CSVFuzzer
	$(FUZZ_BUILD) --product LanguageFuzzer
	$(FUZZ_BUILD) --product WireFuzzer
	bash fuzz/run.sh $(FUZZ_SECONDS)

## 100 000 cells through jupyter_client: memory, file descriptors and threads (docs/RELIABILITY.md).
soak: deps venv
	swift build $(RELEASE) --product obscale
	$(VENV)/bin/python bench/soak.py .build/release/obscale

bench: deps venv
	swift build $(RELEASE) --product obscale-bench
	swift build $(RELEASE) --product obscale
	OBSCALE_PATH=$(OBSCALE_PATH) .build/release/obscale-bench
	.build/release/obscale-bench --scale docs/scaling.csv
	.build/release/obscale-bench --coverage 200
	OBSCALE_PATH=$(OBSCALE_PATH) .build/release/obscale-bench --forecast
	.build/release/obscale run bench/scaling.obs > /dev/null
	$(VENV)/bin/python bench/compare.py .build/release/obscale-bench $(OBSCALE_PATH)
	$(VENV)/bin/python bench/kernel_bench.py .build/release/obscale
	$(VENV)/bin/python bench/kernel_memory.py .build/release/obscale

clean:
	rm -rf .build $(VENV)
