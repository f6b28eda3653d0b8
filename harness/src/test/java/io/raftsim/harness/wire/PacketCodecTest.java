package io.raftsim.harness.wire;

import io.raftsim.harness.spi.MessageView;
import io.raftsim.harness.spi.WireCodec;
import io.raftsim.sim.network.Traffic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Sends of equal value messages, one after another, are encoded once; every send still counts. */
@DisplayName("Encoding packets")
class PacketCodecTest {
    /** A heartbeat-like message: a value. */
    record Beat(long term, int leader) {
    }

    /** Counts its encodes; its messages are values or not, as asked. */
    static final class CountingCodec implements WireCodec<Beat> {
        final boolean values;
        int encodes;

        CountingCodec(boolean values) {
            this.values = values;
        }

        @Override
        public boolean messagesAreValues() {
            return values;
        }

        @Override
        public byte[] encode(Beat message) {
            encodes++;
            return new WireWriter().writeLong(message.term()).writeInt(message.leader()).toBytes();
        }

        @Override
        public Beat decode(byte[] bytes) {
            WireReader in = new WireReader(bytes);
            Beat beat = new Beat(in.readLong(), in.readInt());
            in.end();
            return beat;
        }

        @Override
        public Traffic traffic(Beat message) {
            return Traffic.REQUEST;
        }

        @Override
        public MessageView view(Beat message) {
            return new MessageView("Beat", MessageView.Kind.APPEND_REQUEST, message.term(), List.of(), List.of());
        }

        @Override
        public MessageView.Kind kind(Beat message) {
            return MessageView.Kind.APPEND_REQUEST;
        }

        @Override
        public long term(Beat message) {
            return message.term();
        }
    }

    @Test
    @DisplayName("a value equal to the one sent before is encoded once, with the same bytes and fingerprint, and counted each time")
    void equalValuesEncodedOnce() {
        CountingCodec codec = new CountingCodec(true);
        PacketCodec<Beat> packets = new PacketCodec<>(codec);
        Packet first = packets.encode(new Beat(3, 1));
        Packet second = packets.encode(new Beat(3, 1)); // an equal message, another object
        assertEquals(1, codec.encodes);
        assertSame(first.bytes(), second.bytes());
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(new Beat(3, 1), packets.decode(second));

        Packet other = packets.encode(new Beat(4, 1));
        assertEquals(2, codec.encodes);
        assertEquals(new Beat(4, 1), packets.decode(other));
        packets.encode(new Beat(3, 1)); // equal to an earlier one, not to the last: encoded again
        assertEquals(3, codec.encodes);
        assertEquals(4, packets.sent().serverRpcs());
        assertEquals(4L * first.bytes().length, packets.sent().serverBytes());
    }

    @Test
    @DisplayName("a codec whose messages are not declared values has every send encoded")
    void undeclaredMessagesEncodedEveryTime() {
        CountingCodec codec = new CountingCodec(false);
        PacketCodec<Beat> packets = new PacketCodec<>(codec);
        Packet first = packets.encode(new Beat(3, 1));
        Packet second = packets.encode(new Beat(3, 1));
        assertEquals(2, codec.encodes);
        assertArrayEquals(first.bytes(), second.bytes());
    }
}
