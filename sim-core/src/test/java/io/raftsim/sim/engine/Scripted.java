package io.raftsim.sim.engine;

import io.raftsim.sim.random.RandomStream;

import java.util.ArrayList;
import java.util.List;

/**
 * A test process whose behaviour is given by lambdas, and which writes what it sees into a
 * shared journal ("t=<virtual ms> n<id> <what>"), so a test can assert on exact sequences.
 */
final class Scripted implements Process<String> {
    interface OnStart {
        void run(Scripted self);
    }

    interface OnMessage {
        void run(Scripted self, int from, String message);
    }

    interface OnTimer {
        void run(Scripted self, int timerId);
    }

    static final MessageCodec<String> CODEC = new MessageCodec<>() {
        @Override
        public long fingerprint(String message) {
            return RandomStream.stableHash(message);
        }

        @Override
        public String summary(String message) {
            return message;
        }
    };

    final ProcessContext<String> context;
    final List<String> journal;
    final OnStart onStart;
    final OnMessage onMessage;
    final OnTimer onTimer;
    /** Volatile state: lost by a crash. */
    int handled;

    Scripted(ProcessContext<String> context, List<String> journal, OnStart onStart, OnMessage onMessage, OnTimer onTimer) {
        this.context = context;
        this.journal = journal;
        this.onStart = onStart;
        this.onMessage = onMessage;
        this.onTimer = onTimer;
    }

    static Engine.Builder<String> builder(int nodes, List<String> journal, OnStart onStart, OnMessage onMessage, OnTimer onTimer) {
        return Engine.builder(nodes, context -> new Scripted(context, journal, onStart, onMessage, onTimer), CODEC);
    }

    /** A builder whose processes only record what they receive. */
    static Engine.Builder<String> recorders(int nodes, List<String> journal) {
        return builder(nodes, journal, self -> { }, (self, from, message) -> { }, (self, timer) -> { });
    }

    static List<String> newJournal() {
        return new ArrayList<>();
    }

    @Override
    public void onStart() {
        note("start");
        onStart.run(this);
    }

    @Override
    public void onMessage(int from, String message) {
        handled++;
        note("got " + message + " from n" + from);
        onMessage.run(this, from, message);
    }

    @Override
    public void onTimer(int timerId) {
        handled++;
        note("timer " + timerId);
        onTimer.run(this, timerId);
    }

    void note(String what) {
        journal.add("t=" + context.nowMicros() / 1000 + " n" + context.nodeId() + " " + what);
    }
}
