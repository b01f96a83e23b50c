# Entraide — every build and test uses the fyneDo migration tag (see FyneApp.toml).
TAGS      := -tags migrated_fynedo
DATA      ?=

.PHONY: run build test bench fuzz package windows linux screenshots deps validators

deps:
	@scripts/install-deps.sh

## run: install what the build needs, build and start Entraide (DATA=folder to choose one)
run: deps
	go build $(TAGS) -o bin/entraide .
	./bin/entraide $(if $(DATA),--data $(DATA))

## build: the GUI and the headless companion (no cgo)
build: deps
	go build $(TAGS) -o bin/entraide .
	CGO_ENABLED=0 go build $(TAGS) -o bin/entraidectl ./cmd/entraidectl

## test: formatting, vet and staticcheck, the Windows and Linux editions built, every test
## (the layering rule in scripts/layering among them), the race detector on storage, sync
## and the UI's real worker, and govulncheck when its database can be reached. UI tests
## use Fyne's test driver; scripts/realwindow drives the real window under Xvfb with
## xdotool, and the Windows editions under Wine (required here: a missing tool fails
## instead of skipping); the exports go through their consumers' own validators.
test: deps validators
	@scripts/install-deps.sh windows
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt: these files are not formatted:"; echo "$$unformatted"; exit 1; fi
	go vet $(TAGS) ./...
	go tool staticcheck $(TAGS) ./...
	scripts/build-windows.sh
	scripts/build-linux.sh
	ENTRAIDE_REALWINDOW=require ENTRAIDE_WINDOWS=require ENTRAIDE_VALIDATORS=require go test -timeout 30m $(TAGS) ./...
	go test -race -short -timeout 20m $(TAGS) ./storage/... ./sync/...
	go test -race -timeout 10m $(TAGS) -run 'RealWorker' ./ui/
	@scripts/vulncheck.sh

## validators: the consumers' own validators of the standard exports (ajv with formats,
## opening_hours), at the versions package-lock.json pins
validators: deps
	npm ci --prefix scripts/validators --no-audit --no-fund --loglevel=error

## bench: speed on 20,000 households and 36 months of demo data (made once, cached in /tmp)
bench: deps
	go test $(TAGS) -run '^$$' -bench . -benchmem ./storage/ ./sync/...

## fuzz: each fuzz target in turn, FUZZTIME each (default 30s; the closing notes give longer runs)
FUZZTIME ?= 30s
STORAGE_FUZZ := FuzzNormalizeCard FuzzSearch FuzzParseDate FuzzInspectBackup
SYNC_FUZZ    := FuzzOpenEnvelope FuzzJoin FuzzImportAtCCAS FuzzImportDirectory
SHEET_FUZZ   := FuzzReadCSV FuzzReadODS
fuzz:
	@for t in $(STORAGE_FUZZ); do echo "== $$t"; go test $(TAGS) -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) ./storage/ || exit 1; done
	@for t in $(SYNC_FUZZ); do echo "== $$t"; go test $(TAGS) -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) ./sync/exchange/ || exit 1; done
	@for t in $(SHEET_FUZZ); do echo "== $$t"; go test $(TAGS) -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) ./sync/spreadsheet/ || exit 1; done

## windows: dist/entraide-VERSION-windows-setup.exe (per-user installer) and
## dist/entraide-VERSION-windows-portable.zip (USB-key edition), cross-built on Debian
windows:
	scripts/build-windows.sh

## linux: dist/entraide-VERSION-linux-amd64.tar.xz (fyne package; make user-install inside)
linux:
	scripts/build-linux.sh

package: windows linux

## screenshots: the README's pictures, from the real window under Xvfb with demo data
screenshots: build
	scripts/screenshots.sh
