# Thin wrappers: scripts/dev.py does the work and needs nothing but Python 3.11.
PYTHON ?= python3

.PHONY: run test package
run:
	$(PYTHON) scripts/dev.py run

test:
	$(PYTHON) scripts/dev.py test

package:
	$(PYTHON) scripts/dev.py package
