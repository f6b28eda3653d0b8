package io.raftsim.reports.narration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key-value commands as a learner reads them in the explainers ({@code set x=5}), from the
 * form the trace records ({@code put(x,5)}, which replays compare byte for byte and so stays
 * as it is). The page's script does the same for log entries on hover.
 */
public final class CommandText {
    private static final Pattern CALL = Pattern.compile("^(put|get|append|cas)\\((.*)\\)$");

    private CommandText() {
    }

    /** {@code put(k,v)} -> {@code set k=v}, {@code get(k)} -> {@code get k}, {@code append(k,v)} -> {@code append v to k}, {@code cas(k,a,b)} -> {@code cas k: a→b}; anything else unchanged. */
    public static String readable(String command) {
        if (command == null) {
            return "?";
        }
        Matcher call = CALL.matcher(command);
        if (!call.matches()) {
            return command;
        }
        String[] args = call.group(2).split(",", -1);
        return switch (call.group(1)) {
            case "put" -> args.length == 2 ? "set " + args[0] + "=" + args[1] : command;
            case "get" -> args.length == 1 ? "get " + args[0] : command;
            case "append" -> args.length == 2 ? "append " + args[1] + " to " + args[0] : command;
            default -> args.length == 3 ? "cas " + args[0] + ": " + args[1] + "→" + args[2] : command;
        };
    }
}
