package io.raftsim.harness.kv;

import io.raftsim.harness.wire.StringTable;
import io.raftsim.harness.wire.WireReader;
import io.raftsim.harness.wire.WireWriter;

/** Key-value commands and results as bytes, for any implementation's codec. */
public final class KvWire {
    private KvWire() {
    }

    public static void write(WireWriter out, KvCommand command) {
        if (command instanceof Put put) {
            out.writeByte(1).writeString(put.key()).writeString(put.value());
        } else if (command instanceof Get get) {
            out.writeByte(2).writeString(get.key());
        } else if (command instanceof Append append) {
            out.writeByte(3).writeString(append.key()).writeString(append.value());
        } else if (command instanceof Cas cas) {
            out.writeByte(4).writeString(cas.key()).writeString(cas.expected()).writeString(cas.update());
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
    }

    public static KvCommand readCommand(WireReader in) {
        int kind = in.readByte();
        return switch (kind) {
            case 1 -> new Put(in.readString(), in.readString());
            case 2 -> new Get(in.readString());
            case 3 -> new Append(in.readString(), in.readString());
            case 4 -> new Cas(in.readString(), in.readString(), in.readString());
            default -> throw new IllegalArgumentException("unknown command kind " + kind);
        };
    }

    /** {@link #readCommand(WireReader)}, with each key the equal one {@code keys} holds, if any (see {@link StringTable}). */
    public static KvCommand readCommand(WireReader in, StringTable keys) {
        int kind = in.readByte();
        return switch (kind) {
            case 1 -> new Put(in.readString(keys), in.readString());
            case 2 -> new Get(in.readString(keys));
            case 3 -> new Append(in.readString(keys), in.readString());
            case 4 -> new Cas(in.readString(keys), in.readString(), in.readString());
            default -> throw new IllegalArgumentException("unknown command kind " + kind);
        };
    }

    /**
     * The next command's bytes exactly as {@link #write} wrote them, in an array of their own,
     * checked as {@link #readCommand} checks them (it fails where that fails) but with no string
     * decoded: for a log that keeps each command as bytes until it applies it.
     */
    public static byte[] readCommandBytes(WireReader in) {
        int start = in.position();
        int kind = in.readByte();
        int strings = switch (kind) {
            case 1, 3 -> 2;
            case 2 -> 1;
            case 4 -> 3;
            default -> throw new IllegalArgumentException("unknown command kind " + kind);
        };
        for (int i = 0; i < strings; i++) {
            in.skipString();
        }
        return in.copyReadSince(start);
    }

    /** The command's bytes, as {@link #write} writes them. */
    public static byte[] toBytes(KvCommand command) {
        WireWriter out = new WireWriter();
        write(out, command);
        return out.toBytes();
    }

    /** The command {@link #toBytes} or {@link #readCommandBytes} gave; fails unless the bytes are exactly one command. */
    public static KvCommand fromBytes(byte[] encoded) {
        WireReader in = new WireReader(encoded);
        KvCommand command = readCommand(in);
        in.end();
        return command;
    }

    /**
     * {@link #fromBytes(byte[])}, with keys taken from {@code keys} where it holds them: for a
     * state machine that decodes every command it applies, over a few keys written again and again.
     */
    public static KvCommand fromBytes(byte[] encoded, StringTable keys) {
        WireReader in = new WireReader(encoded);
        KvCommand command = readCommand(in, keys);
        in.end();
        return command;
    }

    /** A result, or null. */
    public static void write(WireWriter out, KvResult result) {
        if (result == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1).writeString(result.value()).writeBoolean(result.success());
        }
    }

    public static KvResult readResult(WireReader in) {
        int present = in.readByte();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new IllegalArgumentException("bad result marker " + present);
        }
        String value = in.readString();
        boolean success = in.readBoolean();
        if (value != null && !success) {
            throw new IllegalArgumentException("a result with a value must be a successful read: " + value);
        }
        return value != null ? KvResult.read(value) : KvResult.cas(success);
    }
}
