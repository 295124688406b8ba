# Deploying (docs/deploy.md): the environments of wrangler.toml, checked
# without an account, and the commands that use one.
#
#   make deploy-dry-run   each environment's `wrangler deploy --dry-run`, its
#                         configuration as wrangler resolves it against the
#                         README, and the production routes against
#                         Cloudflare's matching rules (tests/deploy/)
#   make smoke            the smoke test (tests/smoke/) against the built
#                         worker and its static assets under wrangler dev;
#                         with URL=https://..., against
#                         that deployment (VERSION=<id>: one version of a
#                         gradual deployment of WORKER, apropos-production)
#   make deploy ENV=staging|production   build, then `wrangler deploy`
#   make upload ENV=staging|production   build, then `wrangler versions upload`
#
# deploy and upload need CLOUDFLARE_API_TOKEN; they refuse to run without it,
# or for another ENV, before building anything.
.PHONY: deploy upload deploy-guard deploy-dry-run smoke

DEPLOY_ENVS := staging production
SMOKE_TIMEOUT ?= 10000
WORKER ?= apropos-production

deploy: deploy-guard
	$(MAKE) build
	wrangler deploy --env $(ENV) --tag "$$(git rev-parse --short HEAD)"

upload: deploy-guard
	$(MAKE) build
	wrangler versions upload --env $(ENV) --tag "$$(git rev-parse --short HEAD)"

deploy-guard:
	@if [ -z "$(filter $(DEPLOY_ENVS),$(ENV))" ] || [ "$(words $(ENV))" != 1 ]; then \
	  echo "make $(MAKECMDGOALS): ENV must be staging or production (got '$(ENV)'); the top level is for make dev only" >&2; \
	  exit 2; \
	fi
	@if [ -z "$${CLOUDFLARE_API_TOKEN:-}" ]; then \
	  echo "make $(MAKECMDGOALS): CLOUDFLARE_API_TOKEN is not set: create an API token that may edit Workers (and, for production, the zone's Workers Routes), then CLOUDFLARE_API_TOKEN=... make $(MAKECMDGOALS) ENV=$(ENV)" >&2; \
	  exit 2; \
	fi

deploy-dry-run: build
	node --test --test-concurrency=1 --test-reporter=spec 'tests/deploy/**/*.test.mjs'

smoke: $(if $(URL),,build)
	SMOKE_URL='$(URL)' SMOKE_TIMEOUT=$(SMOKE_TIMEOUT) \
	  SMOKE_VERSION_OVERRIDE='$(if $(VERSION),$(WORKER)="$(VERSION)")' \
	  node --test --test-reporter=spec 'tests/smoke/**/*.test.mjs'
