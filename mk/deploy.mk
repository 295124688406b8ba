# Deploying (docs/deploy.md).
#
#   make smoke            the smoke test (tests/smoke/) against the built
#                         worker in workerd; with URL=https://..., against
#                         that deployment (VERSION=<id>: one version of a
#                         gradual deployment of WORKER, apropos-production)
.PHONY: smoke

TEST_STEPS += smoke

SMOKE_TIMEOUT ?= 10000
WORKER ?= apropos-production

smoke: $(if $(URL),,build)
	SMOKE_URL='$(URL)' SMOKE_TIMEOUT=$(SMOKE_TIMEOUT) \
	  SMOKE_VERSION_OVERRIDE='$(if $(VERSION),$(WORKER)="$(VERSION)")' \
	  node --test --test-reporter=spec tests/smoke/
