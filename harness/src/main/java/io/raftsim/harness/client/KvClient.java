package io.raftsim.harness.client;

import io.raftsim.harness.kv.Append;
import io.raftsim.harness.kv.Cas;
import io.raftsim.harness.kv.Get;
import io.raftsim.harness.kv.KvCommand;
import io.raftsim.harness.kv.Put;
import io.raftsim.harness.linearizability.History;
import io.raftsim.harness.spi.ClientProtocol;
import io.raftsim.sim.engine.Process;
import io.raftsim.sim.engine.ProcessContext;
import io.raftsim.sim.random.RandomStream;

/**
 * A simulated client (§8). It sends each operation to the server it believes leads; on a
 * redirect it goes to the hinted leader, on a timeout to the next server, always with the
 * same sequence number so the state machine applies it at most once. It never gives up
 * during a run: operations still unanswered at the end are recorded as of unknown outcome.
 * Every operation is recorded in the shared {@link History} for the linearizability check.
 */
public final class KvClient<T> implements Process<T> {
    static final int NEXT_OPERATION_TIMER = 0;
    static final int RETRY_TIMER = 1;
    private static final long REDIRECT_DELAY_MICROS = 1_000;

    private final ProcessContext<T> context;
    private final ClientProtocol<T> protocol;
    private final int serverCount;
    private final Workload workload;
    private final ClientSwitch clientSwitch;
    private final History history;
    private final RandomStream random;

    private long sequence;
    private KvCommand pending;
    private int pendingOperationId = -1;
    private int target;
    private boolean redirected;
    private long completed;
    /** The extra operation the armed timer starts: its first server, {@link ClientSwitch#ANY_SERVER}, or NONE for the workload's own. */
    private int nextExtra = ClientSwitch.NONE;

    public KvClient(ProcessContext<T> context, ClientProtocol<T> protocol, int serverCount, Workload workload, ClientSwitch clientSwitch,
                    History history) {
        this.context = context;
        this.protocol = protocol;
        this.serverCount = serverCount;
        this.workload = workload;
        this.clientSwitch = clientSwitch;
        this.history = history;
        this.random = context.random();
    }

    @Override
    public void onStart() {
        target = random.nextInt(serverCount);
        scheduleNextOperation();
    }

    @Override
    public void onMessage(int from, T message) {
        ClientProtocol.Answer reply = protocol.answer(message);
        if (reply == null || reply.clientId() != context.nodeId() || pending == null || reply.sequence() != sequence) {
            return; // an answer to an earlier attempt that we already have
        }
        if (reply.status() == ClientProtocol.Status.NOT_LEADER) {
            // Go where we were sent; with no hint, try the next server after a pause. Never
            // resend in zero time: two servers with stale hints must not ping-pong forever.
            boolean hinted = reply.leaderHint() >= 0 && reply.leaderHint() != from;
            target = hinted ? reply.leaderHint() : (from + 1) % serverCount;
            redirected = true;
            context.setTimer(RETRY_TIMER, hinted ? REDIRECT_DELAY_MICROS : workload.redirectBackoffMicros());
            return;
        }
        history.complete(pendingOperationId, reply.result(), context.nowMicros());
        if (context.tracing()) {
            ClientEvent event = new ClientEvent.Completed(context.nodeId(), sequence, from, String.valueOf(reply.result()));
            context.trace(event.toString(), event);
        }
        target = from;
        pending = null;
        pendingOperationId = -1;
        completed++;
        context.cancelTimer(RETRY_TIMER);
        scheduleNextOperation();
    }

    @Override
    public void onTimer(int timerId) {
        if (timerId == NEXT_OPERATION_TIMER) {
            startOperation();
        } else if (pending != null) {
            if (!redirected) {
                target = (target + 1) % serverCount; // timed out: this server may be down or cut off
            }
            redirected = false;
            send();
        }
    }

    /**
     * Starts the next operation at once if this client is idle and a burst operation is
     * waiting; called by a burst, which runs as a step of its own.
     */
    public void wake() {
        if (pending == null && !context.isTimerSet(NEXT_OPERATION_TIMER)) {
            int extra = clientSwitch.takeBurstOperation();
            if (extra != ClientSwitch.NONE) {
                nextExtra = extra;
                context.setTimer(NEXT_OPERATION_TIMER, 0);
            }
        }
    }

    /** Starts the workload again after a pause: an idle client with nothing armed thinks anew. */
    public void resumeWorkload() {
        if (pending == null && !context.isTimerSet(NEXT_OPERATION_TIMER)) {
            scheduleNextOperation();
        }
    }

    private void scheduleNextOperation() {
        int extra = clientSwitch.takeBurstOperation();
        if (extra != ClientSwitch.NONE) {
            nextExtra = extra;
            context.setTimer(NEXT_OPERATION_TIMER, 0); // a burst goes before the think time
            return;
        }
        nextExtra = ClientSwitch.NONE;
        if (workload.opsPerSecond() <= 0 || clientSwitch.workloadPaused()) {
            return;
        }
        long meanMicros = workload.opsPerSecond() > 0 ? (long) (1_000_000 / workload.opsPerSecond()) : 0;
        context.setTimer(NEXT_OPERATION_TIMER, meanMicros == 0 ? 0 : random.nextLong(0, 2 * meanMicros + 1));
    }

    private void startOperation() {
        int extra = nextExtra;
        nextExtra = ClientSwitch.NONE;
        if (!clientSwitch.issuing() || (history.recording() && history.isFull())) {
            return; // told to stop, or the history bound is reached
        }
        if (extra == ClientSwitch.NONE && clientSwitch.workloadPaused()) {
            return; // a think time armed before the pause; resumeWorkload() thinks anew
        }
        if (extra >= 0) {
            target = extra; // aimed at this server, leader or not: a follower redirects
        }
        sequence++;
        if (extra >= 0) {
            clientSwitch.submittedIssued(context.nodeId(), sequence); // a scenario may name it by its place among submits
        }
        pending = nextCommand();
        pendingOperationId = history.invoke(context.nodeId(), pending, context.nowMicros());
        if (context.tracing()) {
            ClientEvent event = new ClientEvent.Invoked(context.nodeId(), sequence, pending.describe());
            context.trace(event.toString(), event);
        }
        send();
    }

    private void send() {
        context.send(target, protocol.request(context.nodeId(), sequence, pending));
        context.setTimer(RETRY_TIMER, workload.requestTimeoutMicros());
    }

    /** Values are unique per client and sequence, so a read tells exactly which write it saw. */
    private KvCommand nextCommand() {
        String key = "k" + random.nextInt(workload.keyCount());
        String value = "c" + context.nodeId() + "." + sequence;
        int kind = random.nextInt(10);
        if (kind < 4) {
            return new Put(key, value);
        } else if (kind < 7) {
            return new Get(key);
        } else if (kind < 9) {
            return new Append(key, value + ";");
        }
        String expected = random.chance(0.5) ? null : "c" + (serverCount + random.nextInt(Math.max(1, workload.clientCount()))) + "." + random.nextLong(1, sequence + 1);
        return new Cas(key, expected, value);
    }

    /** True when an operation was invoked and has not been answered. */
    public boolean hasPendingOperation() {
        return pending != null;
    }

    public long completedOperations() {
        return completed;
    }
}
