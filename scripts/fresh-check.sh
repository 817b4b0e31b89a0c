#!/usr/bin/env bash
# Proves the README's quick start on a bare Debian 12 (minbase), as a newcomer would meet it:
#   1. a minimal Debian with only git, make, python3, python3-venv and ca-certificates
#      (debootstrap; cached in .cache/fresh-check/);
#   2. the repository's last commit cloned into a fresh copy of it;
#   3. `make test` there;
#   4. `make run` under Xvfb, until the window is up and stays up for a few seconds
#      (Xvfb, xauth and x11-utils are the check's own screen, not the project's prerequisites);
#   5. the built .deb installed alone into another fresh copy with
#      `apt-get install --no-install-recommends`, then `drug-guide self-test`.
# Needs root and the package registries (Debian's and Python's); prints each step's time.
# The systems it used stay in .cache/fresh-check/ for inspection (logs/ holds each step's output).
# pip inside reaches its index with this machine's pip settings (pip.conf files, PIP_* and
# proxy variables, and the local folders they name), passed in at run time.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    echo "fresh-check needs root (debootstrap, chroot and mount): sudo make fresh-check" >&2
    exit 1
fi
# Mounts made in a private mount namespace vanish with it, however this script ends.
if [ -z "${FRESH_CHECK_PRIVATE:-}" ]; then
    exec env FRESH_CHECK_PRIVATE=1 unshare --mount --propagation private "$(realpath "$0")" "$@"
fi
cd "$(dirname "$0")/.."

suite=bookworm
cache=$PWD/.cache/fresh-check
base=$cache/$suite-minbase   # debootstrap's result; built once
root=$cache/root             # the newcomer's machine, fresh for each check
deb_root=$cache/deb-root     # a machine that gets only the .deb
logs=$cache/logs
essentials=git,make,python3,python3-venv,ca-certificates
screen_packages=(xvfb xauth x11-utils)
window_wait=120              # seconds for `make run` to show its window (it may install libraries first)
window_stay=5                # seconds the window must then stay up

summary=()
step_name=""

step() {  # name, command...: runs and times one step; the first failure ends the check
    step_name=$1 step_started=$SECONDS
    shift
    echo "=== $step_name"
    "$@"
    record ok
    step_name=""
}

record() {
    summary+=("$(printf '%-46s %5d s  %s' "$step_name" $((SECONDS - step_started)) "$1")")
}

finish() {
    [ -z "$step_name" ] || record FAILED
    unmount_all
    echo "=== fresh-check summary (logs in ${logs#"$PWD"/})"
    printf '%s\n' "${summary[@]}"
}

unmount_all() {
    findmnt -rn -o TARGET | grep "^$cache/" | sort -r | xargs -r umount --lazy
}

trap finish EXIT

host_mirror() {  # this machine's own Debian mirror for the suite, if it has one
    command -v apt-get >/dev/null || return 0
    apt-get indextargets --format '$(REPO_URI)' "Identifier: Packages" "Origin: Debian" \
        "Release: $suite" 2>/dev/null | head -n 1
}

build_base() {
    if [ -d "$base" ]; then
        echo "cached: ${base#"$PWD"/} (delete it to rebuild)"
        return 0
    fi
    if ! command -v debootstrap >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap debian-archive-keyring \
            >/dev/null
    fi
    local mirror
    mirror=$(host_mirror)
    rm -rf --one-file-system "$base.partial"
    if ! debootstrap --variant=minbase --include="$essentials" "$suite" "$base.partial" \
        ${mirror:+"$mirror"} >"$logs/debootstrap.log" 2>&1; then
        tail -n 20 "$logs/debootstrap.log"
        return 1
    fi
    mv "$base.partial" "$base"
}

fresh_copy() {  # target: a pristine copy of the base system, ready to chroot into
    local target=$1
    rm -rf --one-file-system "$target"
    cp -a "$base" "$target"
    cp -L /etc/resolv.conf "$target/etc/resolv.conf"
    mount -t proc proc "$target/proc"
    mount -t sysfs sysfs "$target/sys"
    mount --rbind /dev "$target/dev"
    pass_pip_settings "$target"
}

pip_config_files() {  # prints "host-path chroot-path" for each pip configuration file here
    local file
    for file in /etc/pip.conf /etc/xdg/pip/pip.conf "${PIP_CONFIG_FILE:-}"; do
        if [ -n "$file" ] && [ -f "$file" ]; then echo "$file $file"; fi
    done
    for file in .pip/pip.conf .config/pip/pip.conf; do  # the chroot's HOME is /root
        if [ -f "$HOME/$file" ]; then echo "$HOME/$file /root/$file"; fi
    done
}

pip_local_paths() {  # absolute paths and file:// URLs named in pip's settings
    { pip_config_files | cut -d ' ' -f 1 | xargs -r cat; env | grep '^PIP_' || true; } |
        grep -oE '(^|[[:space:]=])(file://)?/[^[:space:]]+' |
        sed -E -e 's#^[[:space:]=]?(file://)?##' -e 's#/+$##' |
        sed -E 's#/simple$##' |  # a local index links to files beside its simple/ folder
        sort -u
}

pass_pip_settings() {  # target: gives it this machine's pip configuration, read-only
    local target=$1 file inside path
    while read -r file inside; do
        install -D -m 644 "$file" "$target$inside"
    done < <(pip_config_files)
    # Local folders they name (find-links, file:// indexes) are bound in at the same path,
    # read-only. Files they name (a CA bundle) are copied over the chroot's, so that pip there
    # trusts what it trusts here.
    while read -r path; do
        if [ -f "$path" ]; then
            install -D -m 644 "$path" "$target$path"
        elif [ -d "$path" ] && [ ! -e "$target$path" ]; then
            mkdir -p "$target$path"
            mount --bind "$path" "$target$path"
            mount -o remount,bind,ro "$target$path"
        fi
    done < <(pip_local_paths)
}

chroot_env() {  # a clean login-like environment, plus pip's and the proxies' settings
    echo HOME=/root
    echo PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    echo LANG=C.UTF-8
    echo DEBIAN_FRONTEND=noninteractive
    env | grep -E '^(PIP_[A-Z_]+|(http|https|no)_proxy|(HTTP|HTTPS|NO)_PROXY)=' || true
}

in_chroot() {  # target, log name [NAME=value...]; the script on stdin runs there as root
    local target=$1 log=$logs/$2.log script environment=()
    shift 2
    script=$(cat)
    mapfile -t environment < <(chroot_env)
    chroot "$target" env -i "${environment[@]}" "$@" bash -euo pipefail -c "$script" \
        </dev/null 2>&1 | tee "$log"
}

clone_repository() {
    git bundle create "$root/root/drug-guide.bundle" HEAD 2>/dev/null
    in_chroot "$root" clone <<'EOF'
git -c advice.detachedHead=false clone --quiet /root/drug-guide.bundle /root/drug-guide
git -C /root/drug-guide log -1 --format='cloned %h %s'
EOF
}

make_test() {
    in_chroot "$root" make-test <<'EOF'
cd /root/drug-guide
make test
EOF
}

make_run_shows_window() {
    in_chroot "$root" make-run SCREEN_PACKAGES="${screen_packages[*]}" \
        WINDOW_WAIT=$window_wait WINDOW_STAY=$window_stay <<'EOF'
# $SCREEN_PACKAGES is a list: split on purpose
apt-get install -y -qq --no-install-recommends $SCREEN_PACKAGES >/dev/null
Xvfb :99 -screen 0 1366x768x24 -nolisten tcp 2>/dev/null &
screen=$!
export DISPLAY=:99
cd /root/drug-guide
# Its own session, so the app goes with it; -w keeps $app alive as long as make runs,
# even where setsid has to fork (a caller with job control).
setsid -w make run &
app=$!
trap 'kill -- -$app 2>/dev/null || pkill -f "bin/drug-guide" || true; kill $screen' EXIT
window=""
for _ in $(seq "$WINDOW_WAIT"); do
    # The main window's title is "<drug> — Drug Guide"; Qt's helper windows say "for Drug Guide".
    window=$(xwininfo -root -tree 2>/dev/null | awk '/ — Drug Guide"/ && !id {id = $1} END {print id}')
    [ -n "$window" ] && xwininfo -id "$window" | grep IsViewable >/dev/null && break
    kill -0 "$app" 2>/dev/null || { echo "make run ended before its window showed"; exit 1; }
    sleep 1
done
[ -n "$window" ] || { echo "no window after $WINDOW_WAIT s"; exit 1; }
xwininfo -id "$window" | grep -E 'xwininfo|Map State|Width|Height'
sleep "$WINDOW_STAY"
kill -0 "$app" 2>/dev/null || { echo "make run ended within $WINDOW_STAY s of its window"; exit 1; }
echo "the window is up and stayed up $WINDOW_STAY s"
EOF
}

deb_installs_alone() {
    fresh_copy "$deb_root"
    cp "$root"/root/drug-guide/dist/drug-guide_*.deb "$deb_root/root/"
    in_chroot "$deb_root" deb <<'EOF'
apt-get update -qq
apt-get install -y -qq --no-install-recommends /root/drug-guide_*.deb >/dev/null
drug-guide self-test
EOF
}

mkdir -p "$logs"
step "debootstrap $suite minbase (cached)" build_base
step "fresh copy with /proc, /sys, /dev" fresh_copy "$root"
step "clone the last commit" clone_repository
step "make test" make_test
step "make run under Xvfb" make_run_shows_window
step "install the .deb alone, drug-guide self-test" deb_installs_alone
