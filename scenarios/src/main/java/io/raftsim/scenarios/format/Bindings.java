package io.raftsim.scenarios.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The static check of bound names: a step may call a server {@code $name} only if a step
 * that runs before it for certain binds {@code name}: earlier in time order (steps at the
 * same time in the order listed), and, when the binding step waits, with its wait's bound
 * ending no later than the using step's time. Checked when a file is read and for every
 * candidate the shrinker tries, so no run meets a name nobody bound by the file's design
 * (a binding step can still be skipped at run time, when no server led: the trace says so).
 */
public final class Bindings {
    private Bindings() {
    }

    /** A use of a name no earlier step surely binds. */
    public record Unbound(int stepIndex, NodeRef reference, String why) {
    }

    /** The first unbound use, by the steps' indexes in {@code steps} as given, or null. */
    public static Unbound firstUnbound(List<FaultStep> steps) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> steps.get(i).atMicros()));
        // For each name, the earliest time by which some step has surely bound it.
        TreeMap<String, Long> boundBy = new TreeMap<>();
        for (int i : order) {
            FaultStep step = steps.get(i);
            for (NodeRef ref : references(step)) {
                if (!ref.isBinding()) {
                    continue;
                }
                Long by = boundBy.get(ref.bindingName());
                if (by == null) {
                    return new Unbound(i, ref, "no earlier step binds \"" + ref.bindingName() + "\"");
                }
                if (by > step.atMicros()) {
                    return new Unbound(i, ref, "\"" + ref.bindingName() + "\" is bound by a step that waits until as late as "
                            + JsonFields.format(by / 1000.0) + " ms, after this step");
                }
            }
            String name = boundName(step);
            if (name != null) {
                long by = step instanceof FaultStep.Staged staged ? staged.latestMicros() : step.atMicros();
                boundBy.merge(name, by, Math::min);
            }
        }
        return null;
    }

    /** The name a step binds, or null. */
    public static String boundName(FaultStep step) {
        if (step instanceof FaultStep.Bind bind) {
            return bind.name();
        }
        if (step instanceof FaultStep.Staged staged) {
            return staged.bind() != null ? staged.bind() : boundName(staged.step());
        }
        return null;
    }

    /** Every server reference a step names, its wait's and its check's included. */
    public static List<NodeRef> references(FaultStep step) {
        List<NodeRef> refs = new ArrayList<>();
        if (step instanceof FaultStep.Staged staged) {
            refs.addAll(references(staged.step()));
            if (staged.when() != null) {
                refs.addAll(staged.when().references());
            }
        } else if (step instanceof FaultStep.Partition partition) {
            partition.groups().forEach(refs::addAll);
        } else if (step instanceof FaultStep.Isolate isolate) {
            refs.add(isolate.node());
        } else if (step instanceof FaultStep.Cut cut) {
            refs.add(cut.from());
            refs.add(cut.to());
        } else if (step instanceof FaultStep.NodeAction action) {
            refs.add(action.node());
        } else if (step instanceof FaultStep.Drift drift) {
            refs.add(drift.node());
        } else if (step instanceof FaultStep.Network network && network.oneLink()) {
            refs.add(network.from());
            refs.add(network.to());
        } else if (step instanceof FaultStep.Bind bind) {
            refs.add(bind.node());
        } else if (step instanceof FaultStep.Check check) {
            refs.addAll(check.condition().references());
            if (check.until() != null) {
                refs.addAll(check.until().references());
            }
        } else if (step instanceof FaultStep.Submit submit && submit.node() != null) {
            refs.add(submit.node());
        } else if (step instanceof FaultStep.Membership membership) {
            refs.add(membership.node());
        } else if (step instanceof FaultStep.JointChange change) {
            refs.addAll(change.named());
        } else if (step instanceof FaultStep.TransferLeadership transfer) {
            refs.add(transfer.node());
        }
        return refs;
    }

    /** The one server a step acts on, which {@code "bind"} names; null for steps on several or none. */
    public static NodeRef singleNode(FaultStep step) {
        if (step instanceof FaultStep.Isolate isolate) {
            return isolate.node();
        }
        if (step instanceof FaultStep.NodeAction action) {
            return action.node();
        }
        if (step instanceof FaultStep.Drift drift) {
            return drift.node();
        }
        if (step instanceof FaultStep.Membership membership) {
            return membership.node();
        }
        return null;
    }
}
