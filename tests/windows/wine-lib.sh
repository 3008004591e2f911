# Sourced by the Windows tests that run the real RokinEnroll.exe under Wine (test_deployed.sh,
# test_msi.sh): a scratch folder with a throwaway Wine prefix (removed at exit), fail(), the
# logon-task check, and the wizard's window on the (virtual) display.
# shellcheck shell=bash
work=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
"$(dirname "${BASH_SOURCE[0]}")/booted-prefix.sh" "$WINEPREFIX" # a copy of a booted prefix

# check_renewal_says_missing 'C:\…\RokinEnroll.exe' [--check-renewal | --renew]: no certificate
# yet → one line "missing: …", exit 20, no window (--renew: the logon task, which then asks nothing
# of the bank)
check_renewal_says_missing() {
    local option="${2:---check-renewal}" out status=0
    out=$(wine "$1" "$option" 2>/dev/null | tr -d '\r') || status=$?
    [ "$status" = 20 ] || fail "$option exited $status (expected 20): $out"
    [ "$(printf '%s\n' "$out" | grep -c .)" = 1 ] || fail "$option printed not one line: $out"
    printf '%s\n' "$out" | grep -q '^missing:' || fail "$option line: $out"
    echo "$option: $out (exit 20)"
}

# wizard_window_shown 'C:\…\RokinEnroll.exe' OUT.png [args…]: the wizard starts, its window is
# mapped on the display with a drawn page, and a screenshot of it is kept in OUT.png
wizard_window_shown() {
    local exe="$1" png="$2"
    shift 2
    wine "$exe" "$@" >/dev/null 2>&1 &
    local pid=$! window="" i
    for i in $(seq 1 60); do
        window=$(xdotool search --onlyvisible --name 'Rokin Enroll' 2>/dev/null | head -n1 || true)
        [ -n "$window" ] && break
        kill -0 "$pid" 2>/dev/null || fail "RokinEnroll.exe ended before showing its window"
        sleep 1
    done
    [ -n "$window" ] || fail "no window of RokinEnroll.exe within 60 s"
    sleep 3 # the first page drawn
    mkdir -p "$(dirname "$png")"
    import -window "$window" "$png" || fail "no screenshot of the window"
    local colours
    colours=$(identify -format '%k' "$png")
    [ "$colours" -gt 16 ] || fail "the window looks blank ($colours colours)"
    echo "wizard window $(xdotool getwindowname "$window") shown: $png ($(identify -format '%wx%h' "$png"))"
    kill -9 "$pid" 2>/dev/null || true
    wineserver -k 2>/dev/null || true
    wineserver -w
}
