package io.raftsim.microraft;

import io.microraft.impl.state.RaftState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** MicroRaft runs with its assertions off even in a JVM started with -ea, as Surefire's is. */
class LibraryAssertionsTest {
    @Test
    void microRaftRunsAsShippedWhileOurAssertionsStayOn() {
        new MicroRaftImplementation(); // its static initialiser turns MicroRaft's assertions off
        assertFalse(LibraryAssertions.enabledFor(RaftState.class), "io.microraft classes must run without assertions");
        assertThrows(AssertionError.class, () -> {
            assert false : "raftsim's own assertions are still on";
        });
    }
}
