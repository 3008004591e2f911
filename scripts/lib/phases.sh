# Sourced by test.sh (and the chains it starts): each phase's start and duration, kept in one file
# that both chains append to, and the table printed at the end against the run's time budget.
# shellcheck shell=bash

# ENROLL_RUN_START (epoch seconds) and ENROLL_PHASES (the file) are set once by test.sh and
# inherited by the chains it starts in the background.

# phase NAME COMMAND…: runs one phase, in a subshell that stops at its first failing command (as
# "cmd || status=$?" would not); its start (seconds into the run) and duration are kept
phase() {
    local name="$1" start status
    shift
    start=$(date +%s)
    log "$name"
    set +e
    (
        set -e
        "$@"
    )
    status=$?
    set -e
    phase_record "$name" "$start" "$status"
    return $status
}

# phase_record NAME START STATUS: keeps a phase that ran otherwise (one that must run in this shell)
phase_record() {
    printf '%d\t%d\t%s%s\n' $(($2 - ENROLL_RUN_START)) $(($(date +%s) - $2)) "$1" \
        "$([ "$3" -eq 0 ] || echo " (failed)")" >>"$ENROLL_PHASES"
}

# The budgets (issue #25): a fresh machine builds the Windows dependencies in the run; with them
# cached the run is much shorter. Both leave room under CI's 90-minute limit.
ENROLL_BUDGET_FRESH=3600
ENROLL_BUDGET_CACHED=1200

# phase_summary STATE: the phases in the order they started (the two chains overlap), then the total
# against the budget; returns 1 when the total is over it. STATE is what windows-chain.sh found:
# "cached" (the Windows dependencies reused), "fresh" (built in this run) or empty (not known yet:
# the run ended before; judged as fresh)
phase_summary() {
    local state="$1" total budget kind
    total=$(($(date +%s) - ENROLL_RUN_START))
    case "$state" in
    cached) budget=$ENROLL_BUDGET_CACHED kind="the Windows dependencies cached" ;;
    fresh) budget=$ENROLL_BUDGET_FRESH kind="fresh machine: the Windows dependencies built in this run" ;;
    *) budget=$ENROLL_BUDGET_FRESH kind="the run ended before the Windows dependencies were ready" ;;
    esac
    log "phase times (start, duration; the Windows chain runs beside the native one)"
    [ -f "$ENROLL_PHASES" ] && sort -n "$ENROLL_PHASES" | awk -F'\t' '{ printf "    +%5ds %6ds  %s\n", $1, $2, $3 }'
    printf '    %-7s %6ds  all, against a budget of %ds (%s)\n' "" "$total" "$budget" "$kind"
    if [ "$total" -gt "$budget" ]; then
        printf '    OVER the budget by %ds\n' $((total - budget))
        return 1
    fi
    printf '    within the budget (%ds to spare)\n' $((budget - total))
}
