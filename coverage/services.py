"""Coverage engine entry points. Filled in by the coverage issue; the foundation only needs the hook target."""


def schedule_recompute_for_drafts(draft_ids):
    """Schedule a recompute of what these drafts touch (set-based engine, coalesced)."""
    return None
