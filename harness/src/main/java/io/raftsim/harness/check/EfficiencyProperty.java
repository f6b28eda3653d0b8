package io.raftsim.harness.check;

/** The efficiency properties; a bound missed is a liveness failure named after its property. */
public enum EfficiencyProperty {
    /** Elections that should not happen (a wasted candidacy) or a quiet cluster too slow to elect a leader. */
    ELECTION_EFFICIENCY("Election Efficiency"),
    /** More RPCs per committed entry than a stable leader needs. */
    MESSAGE_EFFICIENCY("Message Efficiency");

    private final String displayName;

    EfficiencyProperty(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
