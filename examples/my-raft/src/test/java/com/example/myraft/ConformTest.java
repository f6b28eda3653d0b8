package com.example.myraft;

import io.raftsim.scenarios.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code raftsim conform my-raft}, run from a test as the guide shows (docs/test-your-raft.md, "Run conform"), printing the table the guide shows. */
class ConformTest {
    @Test
    void myRaftConformsWithTheScenariosItSupportsSkippedWithReasons() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[]{"conform", "my-raft", "--seeds", "3", "--sweep-seeds", "10", "--control-seeds", "300",
                "--threads", "1"}, new PrintWriter(out, true), new PrintWriter(err, true));
        String table = out.toString();
        System.out.println(table);
        assertEquals(0, exit, table + err);
        assertTrue(table.contains("| log-replication | PASSED | 3 of 3 seeds passed |"), table);
        assertTrue(table.contains("| random sweep | PASSED | 10 of 10 seeds passed |"), table);
        assertTrue(table.contains("| split-vote | SKIPPED | raft.firstElectionTimeoutMs stages a race, which needs STAGED_ELECTION_TIMEOUTS: "
                + "my-raft does not support it |"), table);
        assertTrue(table.contains("| determinism scan | PASSED |"), table);
        assertTrue(table.contains("| negative control | PASSED | VOTE_WITHOUT_LOG_CHECK caught at seed "), table);
        // Last: in a copy of the example outside raftsim's repository there is no guide, and this skips.
        assertTrue(table.contains(Guide.output("| check | result | detail |")), "the guide shows the table as printed:\n" + table);
    }
}
