package io.raftsim.harness.check;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log Matching's memory: per index and term, the first prefix hash seen wins, whatever other terms the index held. */
class TermHashesByIndexTest {
    @Test
    void theFirstHashOfATermAtAnIndexIsTheOneEveryLaterEntryMustMatch() {
        TermHashesByIndex seen = new TermHashesByIndex();
        assertTrue(seen.agreesOrRecords(1, 1, 100));
        assertTrue(seen.agreesOrRecords(1, 1, 100));
        assertFalse(seen.agreesOrRecords(1, 1, 101));
        assertTrue(seen.agreesOrRecords(2, 1, 200), "another index is another record");
    }

    @Test
    void laterTermsAtTheSameIndexAreEachHeldToTheirOwnFirstHash() {
        TermHashesByIndex seen = new TermHashesByIndex();
        assertTrue(seen.agreesOrRecords(5, 2, 20));
        assertTrue(seen.agreesOrRecords(5, 3, 30), "a conflicting leader's entry of another term is no violation");
        assertTrue(seen.agreesOrRecords(5, 4, 40));
        assertTrue(seen.agreesOrRecords(5, 3, 30));
        assertFalse(seen.agreesOrRecords(5, 3, 31));
        assertFalse(seen.agreesOrRecords(5, 4, 41));
        assertFalse(seen.agreesOrRecords(5, 2, 21));
        assertTrue(seen.agreesOrRecords(5, 2, 20));
    }

    @Test
    void indexesFarApartAndTermZeroAreRecorded() {
        TermHashesByIndex seen = new TermHashesByIndex();
        assertTrue(seen.agreesOrRecords(1_000_000, 7, 1));
        assertFalse(seen.agreesOrRecords(1_000_000, 7, 2));
        assertTrue(seen.agreesOrRecords(3, 0, 9), "an implementation whose entries start at term 0");
        assertFalse(seen.agreesOrRecords(3, 0, 8));
    }
}
