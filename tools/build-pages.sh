#!/bin/sh
# Builds the app's pages of their own into the app's build: the profile editor
# (profile-editor/index.html, crates/profile-editor) under profile-editor/, and the workbook preview
# (workbook-preview/index.html, crates/workbook-preview) under workbook-preview/. Trunk runs it after
# every build of the app (Trunk.toml, post_build hook), so `make dist`, `make serve` and the test
# builds all carry them; each is fetched only by those who open it.
#
# Trunk sets TRUNK_STAGING_DIR (the build being assembled) and TRUNK_PROFILE (debug or release). The
# inner build runs the same hook: ZIPING_INNER_BUILD stops it there. Features (the test builds'
# panic-test) are passed on through ZIPING_TRUNK_FEATURES, set by tools/test.sh.
set -eu
[ -n "${ZIPING_INNER_BUILD:-}" ] && exit 0
: "${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
release=""
[ "${TRUNK_PROFILE:-debug}" = "release" ] && release="--release"
features=""
[ -n "${ZIPING_TRUNK_FEATURES:-}" ] && features="--features ${ZIPING_TRUNK_FEATURES}"
for page in profile-editor workbook-preview; do
  out="$TRUNK_STAGING_DIR/$page"
  tmp="$(dirname "$TRUNK_STAGING_DIR")/.$page-build"
  rm -rf "$tmp"
  # shellcheck disable=SC2086
  ZIPING_INNER_BUILD=1 trunk build "$page/index.html" $release $features --offline \
    --public-url ./ --dist "$tmp" >/dev/null
  rm -rf "$out"
  mv "$tmp" "$out"
done
# Offline: the one-file edition (ziping-offline.html) and the service worker (sw.js) with the list of
# every file of this build, pages of their own included (tools/offline.mjs). A debug build (`make
# serve`) gets the service worker only: its unoptimised modules would make a one-file edition of
# tens of megabytes on every rebuild.
if [ -n "$release" ]; then
  node tools/offline.mjs "$TRUNK_STAGING_DIR"
else
  node tools/offline.mjs "$TRUNK_STAGING_DIR" --service-worker-only
fi
