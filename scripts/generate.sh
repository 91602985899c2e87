#!/usr/bin/env bash
# Compiles the installed third-party data (./data) into the indexes the
# binary loads. Each step is skipped when its output is newer than its input.
set -euo pipefail
cd "$(dirname "$0")/.."
