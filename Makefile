# The two commands a newcomer needs:  make run   and   make test
# Both install what a fresh Debian machine with only the Swift toolchain lacks.

SWIFT ?= swift
PLAN ?= Dialplans/hotline.yaml
# System packages the project needs: SQLite and ALSA headers for the call log and console,
# OpenSSL, tzdata for the plans' time zones, espeak-ng/sox/python3-yaml to synthesize placeholder
# prompts, python3-jsonschema to test Dialplans/schema.json, graphviz to draw call flows,
# fonts-dejavu-core to draw them as PNG, chromium-headless-shell to lay out the report pages in the tests,
# chromium, chromium-driver and python3-selenium to drive the staff console in a real browser in the tests,
# binutils (readelf, strip) for make dist, openssl for test certificates and admin tokens.
APT_PACKAGES := libsqlite3-dev libasound2-dev libssl-dev tzdata espeak-ng sox python3 python3-yaml python3-jsonschema graphviz fonts-dejavu-core curl time chromium-headless-shell chromium chromium-driver python3-selenium binutils openssl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

LISTEN ?= 127.0.0.1:4573

PREFIX ?= /opt/hotline
DIST_CONFIG ?= release

.PHONY: run demo test build deps bench fuzz soak test-sanitize prompts check clean interop dist dist-check install

## Set everything up, build, check the default plan and start the controller (Ctrl-C stops it).
run: deps build
	.build/debug/hotline check --warnings-as-errors $(PLAN)
	.build/debug/hotline serve --listen $(LISTEN) --plan $(PLAN)

## Three simulated calls through the default plan, no PBX needed.
demo: build
	.build/debug/hotline simulate $(PLAN) --number 8883737888 --at 2026-12-01T10:00 --keys "2,1"
	.build/debug/hotline simulate $(PLAN) --number 8883737888 --at 2026-12-25T23:00 --keys "1,1,1,record:40"
	.build/debug/hotline simulate $(PLAN) --number 8885550142 --at 2026-12-01T10:00 --keys "1,3,0"

## Run every test (a short fuzzing run and the install check first, so the test runner's
## summary is the last line).
## The tests replay the real PBXes' transcripts from ../shared/interop (scripts/interop-dir.sh
## finds it beside this checkout or beside the repository a fresh clone came from).
test: deps
	@scripts/interop-dir.sh >/dev/null
	$(SWIFT) build --build-tests
	scripts/fuzz.sh 15
	$(MAKE) --no-print-directory dist-check DIST_CONFIG=debug
	HOTLINE_INTEROP_DIR="$$(scripts/interop-dir.sh)" $(SWIFT) test --skip-build

build: deps
	$(SWIFT) build

## The release tarball for a PBX host without Swift (dist/hotline-<version>-linux-<arch>.tar.gz):
## Swift's runtime linked in, prompts, plans, deploy/ and the systemd unit.
dist: deps
	scripts/dist.sh $(DIST_CONFIG)

## The tarball installed into an empty prefix and run from there with the toolchain hidden.
dist-check: deps
	scripts/dist-check.sh "$$(scripts/dist.sh $(DIST_CONFIG) | tail -1)"

## A plain install of the release into PREFIX (default /opt/hotline; DESTDIR for packaging).
install: deps
	tarball=$$(scripts/dist.sh $(DIST_CONFIG) | tail -1) && install -d "$(DESTDIR)$(PREFIX)" && \
	  tar -xzf "$$tarball" -C "$(DESTDIR)$(PREFIX)" --strip-components=1
	@echo "installed into $(DESTDIR)$(PREFIX); next steps: $(PREFIX)/share/hotline/deploy/README.md"

## Install the Debian packages that are missing (nothing when all are there).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## Every benchmark (release builds, loopback only): ours vs the engine-less baseline, think
## time, held calls, reload under load, engine, checker, call log. Figures go in docs/performance.md.
bench: deps
	scripts/bench.sh

## libFuzzer over the FastAGI parsers/session and the dialplan loader, ten minutes each.
fuzz: deps
	scripts/fuzz.sh 600

## The test suite under Thread Sanitizer and Address Sanitizer (own build folders).
test-sanitize: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	# LeakSanitizer is off: it reports a weak-reference leak inside Foundation's Process and what the
	# serve process still holds when it exits (its event loops); ASan's memory-error checks stay on.
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

## Ten minutes of mixed load with hang-ups and reloads (not in CI): RSS and open files stay flat.
soak: deps
	scripts/soak.sh 600

## Live calls through a real, already built Asterisk (not part of make test; about 20 minutes):
##   AST_ROOT=/path/to/asterisk/root make interop
interop: deps
	scripts/interop.sh

## Synthesize placeholder audio for prompts that have text but no WAV yet.
prompts: deps build
	.build/debug/hotline prompts synth --prompts Prompts

check: build
	.build/debug/hotline check $(PLAN)

clean:
	rm -rf .build dist
