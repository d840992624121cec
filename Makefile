# trapvm's front door. Quick start: `make demo`, then `make test`.
#
# Each target installs missing Debian packages first (as root; otherwise it
# prints the apt-get line and stops), configures into build/ once, builds,
# and runs. Running it again is quick: only what changed is rebuilt.

BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= 2

# Build and test dependencies (Debian 12 package names).
PACKAGES       := cmake ninja-build g++ make libboost-program-options-dev nlohmann-json3-dev doctest-dev tmux pkg-config libedit-dev clang-format libyaml-cpp-dev zip unzip jq libxml2-utils patch
BENCH_PACKAGES := spim hyperfine valgrind bc time
FUZZ_PACKAGES  := clang libclang-rt-14-dev
# The page (web/README.md): emscripten builds the libraries to wasm, node
# (>= 20, with npm) runs the build and the tests, chromium the end-to-end ones.
WEB_PACKAGES   := emscripten chromium nodejs
WEB_BUILD      ?= $(BUILD)-web
WEB_ENV        := NODE_PATH=/usr/share/nodejs TRAPVM_NATIVE_BUILD=$(abspath $(BUILD)) TRAPVM_WEB_BUILD=$(abspath $(WEB_BUILD))

.PHONY: all deps build test demo bench fuzz sanitize check-recipe clean format format-check web web-deps web-test web-bench web-screenshot

all: build

# Installs what is missing from $(1): apt-get as root, else print the command.
define ensure_packages
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing packages. Run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
endef

deps:
	$(call ensure_packages,$(PACKAGES))

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Only what the demo runs (the trapvm command and the guest OS images): a
# newcomer sees the first line of output before the tests are even built.
demo: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target trapvm guest_os
	@tools/demo.sh $(BUILD)

bench: build
	$(call ensure_packages,$(BENCH_PACKAGES))
	@bench/run.sh $(BUILD)

# Sanitizer build (AddressSanitizer + UndefinedBehaviorSanitizer) in its own
# tree, at -O1 as the sanitizers advise: it compiles in half the time of
# RelWithDebInfo's -O2, and this build is the largest part of CI's time.
sanitize: deps
	cmake -S . -B $(BUILD)-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" -DTRAPVM_SANITIZE=ON
	cmake --build $(BUILD)-asan -j $(JOBS)
	ctest --test-dir $(BUILD)-asan --output-on-failure -j $(JOBS)

# Long fuzzing runs (FUZZ_SECONDS per target) in a clang build tree; see
# fuzz/README.md. A crash makes it fail and is kept in $(BUILD)-fuzz/crashes/.
FUZZ_SECONDS ?= 600
fuzz: deps
	$(call ensure_packages,$(FUZZ_PACKAGES))
	@JOBS=$(JOBS) fuzz/run.sh $(BUILD)-fuzz $(FUZZ_SECONDS)

# Follows isa-spec/README.md's add-an-instruction recipe in a scratch copy
# of the tree (a few minutes: it builds trapvm twice over).
check-recipe: deps
	@JOBS=$(JOBS) tests/isa/add_instruction_check.sh . $(BUILD)-recipe

format: deps
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

# Fails, naming the files, when any C++ file is not as .clang-format says.
format-check: deps
	@bad=$$(git ls-files '*.cpp' '*.hpp' | while read -r f; do clang-format "$$f" | cmp -s - "$$f" || echo "$$f"; done); \
	if [ -n "$$bad" ]; then echo "not formatted (run make format):"; echo "$$bad"; exit 1; fi; echo "format-check: all files formatted"


# The page: $(WEB_BUILD)/site/index.html, a static site (open it from disk
# or serve the folder). Needs the native build: its generated ISA tables
# and guest OS images.
web-deps:
	$(call ensure_packages,$(WEB_PACKAGES))
	@command -v npm >/dev/null || { echo "Installing: npm"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null; }
	@[ web/node_modules/.package-lock.json -nt web/package-lock.json ] || (cd web && npm ci --no-audit --no-fund)

$(WEB_BUILD)/build.ninja:
	$(WEB_ENV) emcmake cmake -S web -B $(WEB_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DTRAPVM_GENERATED=$(abspath $(BUILD))/generated

web: build web-deps $(WEB_BUILD)/build.ninja
	$(WEB_ENV) cmake --build $(WEB_BUILD) -j $(JOBS)
	cd web && $(WEB_ENV) node tools/build.mjs

# Unit tests of the API layer under node, then the page in headless chromium.
web-test: web
	cd web && $(WEB_ENV) node --test test/unit/
	cd web && $(WEB_ENV) node --test --test-concurrency=1 test/e2e/

# A picture of the page: $(WEB_BUILD)/screenshots/playground.png.
web-screenshot: web
	cd web && $(WEB_ENV) node tools/screenshot.mjs

# The page's speed (bench/README.md, "The page").
web-bench: web
	cd web && $(WEB_ENV) node bench/page-bench.mjs

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz $(BUILD)-recipe $(WEB_BUILD)
