#!/usr/bin/env bash
# Runs one Tideway service: the main class the image was built for, its own classes and its runtime dependencies.
# JAVA_OPTS adds JVM options; arguments are passed on to the service.
set -euo pipefail
: "${TIDEWAY_MAIN_CLASS:?the image was built without a main class (build argument MAIN)}"
# JAVA_OPTS is split into words on purpose: it holds several options.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp '/app/classes:/app/lib/*' "${TIDEWAY_MAIN_CLASS}" "$@"
