#!/usr/bin/env bash
# Sets up an offline MediaWiki (Debian's 1.39 LTS, SQLite, no web server) for the
# test oracle. Safe to run again: finished steps are detected and skipped.
#
#   bash tests/mediawiki/setup.sh
#
# Target folder: $WIKIROUND_MEDIAWIKI, default ${XDG_CACHE_HOME:-$HOME/.cache}/wikiround-mediawiki.
# Needs root (or sudo) only when PHP or its extensions are missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEST="${WIKIROUND_MEDIAWIKI:-${XDG_CACHE_HOME:-$HOME/.cache}/wikiround-mediawiki}"
PHP_PACKAGES=(php-cli php-sqlite3 php-mbstring php-xml php-intl)
PHP_MODULES=(pdo_sqlite mbstring xml intl)
MW_PACKAGES=(mediawiki mediawiki-classes)

say() { printf 'mediawiki setup: %s\n' "$*"; }
die() { printf 'mediawiki setup: ERROR: %s\n' "$*" >&2; exit 1; }
trap 'die "failed at line $LINENO (command: $BASH_COMMAND)"' ERR

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@";
    elif command -v sudo >/dev/null; then sudo "$@";
    else die "need root to run: $*"; fi
}

apt_updated=0
apt_update_once() {
    if [ "$apt_updated" -eq 0 ]; then
        say "apt-get update"
        as_root apt-get update -qq || die "apt-get update failed"
        apt_updated=1
    fi
}

# --- 1. PHP -----------------------------------------------------------------
php_ok() {
    command -v php >/dev/null || return 1
    local mods m
    mods="$(php -m 2>/dev/null)" || return 1
    for m in "${PHP_MODULES[@]}"; do
        grep -qix "$m" <<<"$mods" || return 1
    done
}
if php_ok; then
    say "PHP present ($(php -r 'echo PHP_VERSION;'))"
else
    command -v apt-get >/dev/null || die "PHP with ${PHP_MODULES[*]} is missing and apt-get is not available"
    apt_update_once
    say "installing ${PHP_PACKAGES[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${PHP_PACKAGES[@]}" >/dev/null || die "apt-get install ${PHP_PACKAGES[*]} failed"
    php_ok || die "PHP still lacks one of: ${PHP_MODULES[*]}"
fi

# --- 2. MediaWiki code (unpacked from Debian's packages, no apache) ---------------
CODE="$DEST/mediawiki"
mkdir -p "$DEST"
if [ -f "$CODE/.unpacked" ]; then
    say "MediaWiki code present ($(cat "$CODE/.unpacked"))"
else
    command -v apt-get >/dev/null || die "MediaWiki code is missing and apt-get is not available"
    rm -f "$DEST/.ready"
    tmp="$(mktemp -d)"
    chmod 777 "$tmp"  # apt downloads as its own unprivileged user
    download() { (cd "$tmp" && apt-get download -qq "${MW_PACKAGES[@]}") >"$tmp/download.log" 2>&1; }
    download || { apt_update_once; download; } || {
        cat "$tmp/download.log" >&2
        die "apt-get download ${MW_PACKAGES[*]} failed"
    }
    say "unpacking $(cd "$tmp" && ls ./*.deb | xargs -n1 basename | tr '\n' ' ')"
    mkdir -p "$tmp/root"
    for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$tmp/root"; done
    [ -d "$tmp/root/usr/share/mediawiki/maintenance" ] || die "unexpected package layout"
    rm -rf "$CODE"
    mv "$tmp/root/usr/share/mediawiki" "$CODE"
    version="$(dpkg-deb -f "$(ls "$tmp"/mediawiki_*.deb)" Version)"
    rm -rf "$tmp"
    # The package's links point into /var/lib and /etc, filled only by its postinst.
    rm -f "$CODE/extensions" "$CODE/LocalSettings.php" "$CODE/config" "$CODE/images"
    ln -s extensions-core "$CODE/extensions"
    mkdir -p "$CODE/images"
    echo "$version" >"$CODE/.unpacked"
    say "MediaWiki $version unpacked into $CODE"
fi
[ -f "$CODE/extensions/ParserFunctions/extension.json" ] || die "bundled ParserFunctions missing in $CODE/extensions"
[ -f "$CODE/extensions/Cite/extension.json" ] || die "bundled Cite missing in $CODE/extensions"

# --- 3. The wiki itself (SQLite) -------------------------------------------------
CONF="$DEST/conf"
DATA="$DEST/data"
DBNAME=wikiround
if [ -f "$CONF/LocalSettings.php" ] && [ -f "$DATA/$DBNAME.sqlite" ]; then
    say "wiki present ($DATA/$DBNAME.sqlite)"
else
    rm -rf "$DEST/.ready" "$CONF" "$DATA" "$DEST/import-base" "$DEST/cache"
    mkdir -p "$CONF" "$DATA"
    pass="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')Aa1!"
    say "running install.php"
    (cd "$CODE" && env -u MW_CONFIG_FILE php maintenance/install.php --quiet \
        --dbtype sqlite --dbpath "$DATA" --dbname "$DBNAME" --confpath "$CONF" \
        --server http://localhost --scriptpath /w --lang en --pass "$pass" \
        --extensions ParserFunctions,Cite --skins '' \
        Wikiround Admin >"$DEST/install.log" 2>&1) ||
        { cat "$DEST/install.log" >&2; rm -f "$CONF/LocalSettings.php"; die "install.php failed"; }
    [ -f "$CONF/LocalSettings.php" ] || die "install.php wrote no LocalSettings.php"
fi

export WIKIROUND_MEDIAWIKI="$DEST"
export MW_INSTALL_PATH="$CODE"
export MW_CONFIG_FILE="$HERE/settings.php"
mkdir -p "$DEST/cache"

# An empty copy of the database for importing XML dumps into; made before our
# own pages exist so an import sees no page but those of the dump.
if [ ! -f "$DEST/import-base/$DBNAME.sqlite" ]; then
    rm -rf "$DEST/import-base.tmp"
    cp -r "$DATA" "$DEST/import-base.tmp"
    WIKIROUND_MEDIAWIKI_DATA="$DEST/import-base.tmp" php "$HERE/oracle.php" --empty-wiki ||
        die "could not empty the import database"
    mv "$DEST/import-base.tmp" "$DEST/import-base"
    say "import base database ready"
fi

# --- 4. Test pages and interwiki prefixes ------------------------------------------
php "$HERE/oracle.php" --setup || die "creating test pages failed"

# --- 5. Smoke test ----------------------------------------------------------------
out="$(printf '%s\n' '{"title": "Setup check", "text": "{{Infobox officeholder|name=A}}"}' |
    php "$HERE/oracle.php")" || die "oracle smoke test crashed"
case "$out" in
    *'"template":"Infobox officeholder","args":[["name","A",false,"A"]]'*) ;;
    *) die "oracle smoke test gave unexpected output: $out" ;;
esac
[ -f "$DEST/.ready" ] || date -u +%FT%TZ >"$DEST/.ready"
say "ready: WIKIROUND_MEDIAWIKI=$DEST"
