# Infisical Bootstrap Wizard: run, test and build.
#
#   make run          install what is missing, build, and open the wizard
#   make test         the whole test suite (what CI runs)
#   make fake-server  a fake Infisical on 127.0.0.1 to try the wizard against
#   make headless     build the headless command, target/debug/infisical-bootstrap
#   make package      build the .deb (release build, Tauri's bundler)
#   make screenshots  save a PNG of every screen, light and dark, in docs/screenshots
#   make bench        release builds, then every benchmark; writes BENCHMARKS.md and .json
#
# Targets install missing system packages with apt-get (through sudo when not root), the UI's
# npm packages with `npm ci`, and tauri-driver with `cargo install`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Honours CARGO_TARGET_DIR, as cargo does.
TARGET_DIR := $(abspath $(or $(CARGO_TARGET_DIR),target))
APP := $(TARGET_DIR)/debug/infisical-bootstrap-wizard
HEADLESS := $(TARGET_DIR)/debug/infisical-bootstrap
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
# Debian packages: the build needs WebKitGTK; the tests need a virtual display, WebDriver for
# WebKit, a session bus, a Secret Service and clipboard and keychain readers.
BUILD_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev curl
TEST_PACKAGES := xvfb xauth webkit2gtk-driver dbus-daemon dbus-x11 gnome-keyring \
	libsecret-tools xclip xdg-utils desktop-file-utils hyperfine
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
TAURI_DRIVER := $(CARGO_BIN)/tauri-driver
DEB_DIR := $(TARGET_DIR)/release/bundle/deb
RELEASE := $(TARGET_DIR)/release
E2E = scripts/with-desktop-session.sh env WIZARD_APP="$(1)" TAURI_DRIVER="$(TAURI_DRIVER)" \
	cargo test --locked -p e2e-tests --test $(2) -- --ignored --test-threads=1

.PHONY: help run build headless ui test lint fake-server icons package package-smoke screenshots \
	bench bench-smoke deps-build deps-test clean

help:
	@echo "make run          build and open the wizard"
	@echo "make test         run the whole test suite"
	@echo "make fake-server  start a fake Infisical server to try the wizard against"
	@echo "make headless     build the headless command (no GUI libraries needed)"
	@echo "make lint         rustfmt, clippy and the UI linters"
	@echo "make icons        regenerate every app icon from icons/icon.svg"
	@echo "make package      build the .deb in $(DEB_DIR)"
	@echo "make screenshots  save a PNG of every screen, light and dark, in docs/screenshots"
	@echo "make bench        measure start-up, memory, size and request cost (BENCHMARKS.md)"
	@echo "make bench-smoke  run the bench once on the debug build, to check it still works"

run: deps-build build
	$(APP)

build: ui
	cargo build --locked -p infisical-bootstrap-wizard -p infisical-bootstrap

headless:
	cargo build --locked -p infisical-bootstrap

# The page is rebuilt only when its sources change: a fresh ui/dist makes cargo rebuild the
# app that embeds it.
UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html \
	ui/package-lock.json ui/vite.config.ts ui/tsconfig.json

ui: ui/dist/index.html

ui/dist/index.html: ui/node_modules/.installed $(UI_SOURCES)
	cd ui && npm run build
	touch $@

ui/node_modules/.installed: ui/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 or newer"; exit 1; }
	cd ui && npm ci --no-audit --no-fund
	touch $@

fake-server:
	cargo run --locked -p fake-infisical -- $(ARGS)

# Installs whatever of the listed Debian packages is missing.
define apt_install
	missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
			--no-install-recommends $$missing >/dev/null; \
	fi
endef

deps-build:
	@$(call apt_install,$(BUILD_PACKAGES))

deps-test: deps-build
	@$(call apt_install,$(TEST_PACKAGES))
	@test -x $(TAURI_DRIVER) || cargo install --locked tauri-driver --version '^2'

lint: ui/node_modules/.installed
	cargo fmt --all -- --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cd ui && npm run lint

test: deps-test build lint
	cargo test --locked --workspace
	scripts/with-desktop-session.sh \
		cargo test --locked -p bootstrap-core --test keychain -- --ignored
	env -u DBUS_SESSION_BUS_ADDRESS cargo test --locked -p bootstrap-core \
		--test keychain_failures -- --ignored without_a_secret_service
	KEYRING=locked scripts/with-desktop-session.sh cargo test --locked -p bootstrap-core \
		--test keychain_failures -- --ignored with_a_locked_keychain
	scripts/with-desktop-session.sh \
		cargo test --locked -p infisical-bootstrap --test cli -- --ignored
	scripts/check-headless-linkage.sh $(HEADLESS)
	@# `cargo test` above built the app with its test-only features; the e2e tests drive the
	@# binary as `make build` ships it.
	cargo build --locked -p infisical-bootstrap-wizard
	$(call E2E,$(APP),wizard)
	$(call E2E,$(APP),instances)
	$(call E2E,$(APP),keyboard)
	$(call E2E,$(APP),look)
	KEYRING=locked $(call E2E,$(APP),keychain_locked)
	$(MAKE) bench-smoke
	$(MAKE) package package-smoke

icons: ui/node_modules/.installed
	cd icons && ../ui/node_modules/.bin/tauri icon icon.svg -o . && rm -rf android ios

# The release build and Tauri's bundler, with the CLI from the UI's npm packages.
package: deps-build ui
	ui/node_modules/.bin/tauri build --ci --bundles deb
	@ls -l $(DEB_DIR)/*.deb

# Installs the .deb into this machine with apt, checks what it put there, and starts the
# installed binary in a real window.
package-smoke: deps-test
	scripts/smoke-test-deb.sh $(DEB_DIR)
	$(call E2E,/usr/bin/infisical-bootstrap-wizard,installed)

# Every screen in both themes, checked with axe and saved for the README.
screenshots: deps-test build
	SCREENSHOT_DIR=$(CURDIR)/docs/screenshots $(call E2E,$(APP),look)

# The benchmarks behind BENCHMARKS.md, on release builds: 15 to 20 minutes from a cold
# target directory, about 5 once built (7.5 when the app must be rebuilt). Not part of `make test`; bench-smoke is.
bench: deps-test package
	cargo build --locked --release -p infisical-bootstrap -p bare-tauri-window -p wizard-bench
	scripts/with-desktop-session.sh $(RELEASE)/wizard-bench --workspace $(CURDIR) \
		--app $(RELEASE)/infisical-bootstrap-wizard --baseline $(RELEASE)/bare-tauri-window \
		--cli $(RELEASE)/infisical-bootstrap --tauri-driver $(TAURI_DRIVER) \
		--deb "$$(ls -t $(DEB_DIR)/*.deb | head -n 1)" --out $(CURDIR)

# Every measurement but the sizes once, on the debug build, without the baseline: checks that
# the bench still runs, and asserts nothing about time. Its report goes to
# $(TARGET_DIR)/bench-smoke.
bench-smoke: deps-test build
	cargo build --locked -p wizard-bench
	mkdir -p $(TARGET_DIR)/bench-smoke
	scripts/with-desktop-session.sh $(TARGET_DIR)/debug/wizard-bench --smoke \
		--workspace $(CURDIR) --app $(APP) --cli $(HEADLESS) --tauri-driver $(TAURI_DRIVER) \
		--out $(TARGET_DIR)/bench-smoke --command "make bench-smoke"

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules tests/e2e/artifacts
