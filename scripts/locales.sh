#!/usr/bin/env bash
# Generates zh_CN.UTF-8 and en_US.UTF-8 so the console can be tested in both locales (best effort:
# without them the console still runs, falling back to C.UTF-8 for character handling).
set -u
if command -v locale-gen >/dev/null 2>&1 && [ -f /etc/locale.gen ]; then
  if ! locale -a 2>/dev/null | grep -qi '^zh_CN.utf8$'; then
    sed -i -e 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' -e 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' /etc/locale.gen 2>/dev/null || true
    locale-gen >/dev/null 2>&1 || true
  fi
fi
exit 0
