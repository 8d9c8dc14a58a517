#!/usr/bin/env bash
# Healthy when the service's GET /health answers 200 (Micronaut answers 503 while a health indicator is DOWN).
# Plain bash over /dev/tcp, so the image needs neither curl nor wget.
set -u
port="${MICRONAUT_SERVER_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3 || exit 1
case "${status}" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *) echo "GET /health: ${status}" >&2; exit 1 ;;
esac
